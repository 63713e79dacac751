"""Going live with development defaults (broker/golive.py): each rule, and none with the
dev mailbox; and the one line for a port the service cannot listen on (broker/listening.py)."""

from __future__ import annotations

import errno
import socket

import pytest

from broker.golive import going_live_rules
from broker.listening import smtp_listener, web_listener, why_not_listening
from broker.settings import Settings

LIVE = dict(relay="smtp://relay.northby.gov.example:25", mail_domain="placements.northby.gov.uk",
            public_url="https://placements.northby.gov.uk", secret_key="s" * 40)


def rules(**overrides: object) -> set[str]:
    return {rule for rule, _ in going_live_rules(Settings(_env_file=None, **{**LIVE,
                                                                         **overrides}))}


def test_the_dev_mailbox_needs_none_of_it() -> None:
    assert going_live_rules(Settings(_env_file=None)) == []
    assert rules(relay="mailbox", mail_domain="broker.localhost", public_url="") == set()


def test_a_live_configuration_has_no_warning() -> None:
    assert rules() == set()


@pytest.mark.parametrize("domain", ["broker.localhost", "localhost", "broker.test",
                                    "broker.local", "broker", "Broker.Localhost."])
def test_a_mail_domain_no_one_can_write_to(domain: str) -> None:
    assert rules(mail_domain=domain.rstrip(".")) == {"local-mail-domain"}


@pytest.mark.parametrize("url", ["", "http://127.0.0.1:8080", "https://localhost",
                                 "http://[::1]:8080/", "https://127.0.1.1"])
def test_links_only_this_machine_can_open(url: str) -> None:
    assert rules(public_url=url) == {"local-public-url"}


def test_links_in_the_clear() -> None:
    found = going_live_rules(Settings(_env_file=None, **{**LIVE,
                                                          "public_url": "http://broker.gov.uk"}))
    assert [rule for rule, _ in found] == ["plain-http-url"]
    assert "https" in found[0][1]


def test_the_generated_secret() -> None:
    assert rules(secret_key="") == {"generated-secret"}


@pytest.mark.parametrize("error,words", [
    (OSError(errno.EADDRINUSE, "Address already in use"), "already in use"),
    (OSError(errno.EACCES, "Permission denied"), "under 1024"),
    (OSError(errno.EADDRNOTAVAIL, "Cannot assign"), "not an address of this machine"),
    (socket.gaierror(-2, "Name or service not known"), "not an address of this machine"),
    (OSError(errno.ENOBUFS, "No buffer space"), "No buffer space"),
])
def test_why_a_port_could_not_be_bound_is_one_line_naming_the_setting(
        error: OSError, words: str) -> None:
    for listener, setting in ((smtp_listener("127.0.0.1", 25), "BROKER_SMTP_"),
                              (web_listener("10.9.9.9", 80), "BROKER_WEB_")):
        line = why_not_listening(listener, error)
        assert "\n" not in line and words in line and setting in line and ".env" in line
