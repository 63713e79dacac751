"""The README's `sender_auth` table, read from workflows/senders.py: what each value makes
of a message nothing proves either way (unsigned), and of one shown forged."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from broker.db.tables import InboundMessage
from broker.mailauth import Verdict
from workflows.senders import PROVED, UNPROVED, proof_under

RAW = (b"From: sam.taylor@northby.gov.example\r\nTo: referrals@broker.localhost\r\n"
       b"Message-ID: <1@northby.gov.example>\r\nSubject: Referral\r\n\r\nName: x\r\n")


class _Check:
    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict

    def check(self, raw: bytes, domain: str) -> Verdict:
        return self.verdict


@pytest.mark.parametrize("mode,verdict,expected", [
    ("required", Verdict("none"), UNPROVED),  # unsigned: held for the team
    ("required", Verdict("fail"), UNPROVED),
    ("preferred", Verdict("none"), PROVED),  # unsigned: broadcast, as the README says
    ("preferred", Verdict("fail"), UNPROVED),  # shown forged: held, as under required
    ("off", Verdict("fail"), PROVED),
])
async def test_what_each_sender_auth_makes_of_a_form(mode: str, verdict: Verdict,
                                                     expected: str) -> None:
    inbound = InboundMessage(channel="email", raw=RAW, mail_from="sam.taylor@northby.gov.example")
    parts = SimpleNamespace(sender_auth=_Check(verdict), mail_domain="broker.localhost")
    assert await proof_under(mode, inbound, "sam.taylor@northby.gov.example", parts) == expected
