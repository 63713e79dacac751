"""Who the web client is behind a trusted proxy (channels/web/clients.py): the rule."""

from __future__ import annotations

import pytest

from channels.web.clients import address, client_address, networks

PROXIES = networks("127.0.0.1, 10.0.0.0/8, ::1")


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    ("127.0.0.1", ["203.0.113.7"], "203.0.113.7"),  # nginx's $proxy_add_x_forwarded_for
    ("127.0.0.1", ["203.0.113.7, 10.1.2.3"], "203.0.113.7"),  # two proxies of ours
    ("127.0.0.1", ["203.0.113.7", "10.1.2.3"], "203.0.113.7"),  # as two headers
    ("127.0.0.1", ["6.6.6.6, 203.0.113.7"], "203.0.113.7"),  # the client's own claim: left
    ("127.0.0.1", ["10.0.0.9, 203.0.113.7"], "203.0.113.7"),  # even claiming to be ours
    ("127.0.0.1", ["203.0.113.7:51234"], "203.0.113.7"),  # with a port (Azure)
    ("127.0.0.1", ["[2001:db8::7]:443"], "2001:db8::7"),
    ("127.0.0.1", ["2001:db8::7"], "2001:db8::7"),
    ("::1", ["203.0.113.7"], "203.0.113.7"),
    ("127.0.0.1", [], "127.0.0.1"),  # nothing said: the proxy itself
    ("127.0.0.1", ["10.1.2.3"], "10.1.2.3"),  # every hop ours: the furthest
    ("127.0.0.1", ["unknown, 203.0.113.7"], "203.0.113.7"),
    ("127.0.0.1", ["203.0.113.7, not-an-address"], "127.0.0.1"),  # garbled by the proxy
    ("192.0.2.50", ["203.0.113.7"], "192.0.2.50"),  # not our proxy: not believed
    ("127.0.0.2", ["203.0.113.7"], "127.0.0.2"),
])
def test_the_client_is_the_first_hop_our_proxies_did_not_add(peer: str, forwarded: list[str],
                                                             client: str) -> None:
    assert client_address(peer, forwarded, PROXIES) == client


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_address("127.0.0.1", ["203.0.113.7"], ()) == "127.0.0.1"


def test_addresses_as_proxies_write_them() -> None:
    assert str(address(" 192.0.2.1 ")) == "192.0.2.1"
    assert str(address("[fe80::1%eth0]:80")) == "fe80::1"
    assert address("example.org") is None and address("") is None


def test_a_bad_network_is_named() -> None:
    with pytest.raises(ValueError, match="'proxy.example'"):
        networks("10.0.0.1, proxy.example")
