"""Which costly mail goes first (workflows/mailroom.py `expected`): mail to a reply address the
service signed, or from a sender its directory registers, is expected; a stranger's is not,
and nor is mail to a reply address whose signature does not hold."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from broker.directory import load_directory
from broker.tokens import reply_address
from tests.factories import CONFIG, REFERRER, SECRET
from workflows.mailroom import expected

DOMAIN = "broker.example"
PARTS = SimpleNamespace(mail_domain=DOMAIN, secret=SECRET.encode(),
                        directory=load_directory(CONFIG))
REPLY = reply_address(PARTS.secret, 42, "bramblewood-south-london", DOMAIN)
STRANGER = "someone@elsewhere.example"


@pytest.mark.parametrize(("mail_from", "rcpt_to"), [
    (STRANGER, REPLY),  # someone we wrote to, answering from wherever
    (REFERRER, f"referrals@{DOMAIN}"),  # a registered social worker
    ("duty.team@eastmere.gov.example", f"referrals@{DOMAIN}"),  # a member authority's domain
    ("referrals@bramblewoodfostering.example", f"providers@{DOMAIN}"),  # a provider's contact
    ("manager@orchardlane.example", f"providers@{DOMAIN}"),  # a provider's own domain
    (STRANGER, f"someone@other.example, {REPLY}"),  # ours among several recipients
])
def test_expected(mail_from: str, rcpt_to: str) -> None:
    assert expected(mail_from, rcpt_to, PARTS)


@pytest.mark.parametrize(("mail_from", "rcpt_to"), [
    (STRANGER, f"referrals@{DOMAIN}"),
    (STRANGER, REPLY.replace("r+", "r+x")),  # a token altered: its signature fails
    (STRANGER, f"r+1.bramblewood-south-london.abcdefabcdefabcdefab@{DOMAIN}"),  # made up
    (STRANGER, REPLY.replace(DOMAIN, "elsewhere.example")),  # not our domain
    ("", f"referrals@{DOMAIN}"),  # a bounce
    ("northby.gov.example@elsewhere.example", f"referrals@{DOMAIN}"),
])
def test_not_expected(mail_from: str, rcpt_to: str) -> None:
    assert not expected(mail_from, rcpt_to, PARTS)
