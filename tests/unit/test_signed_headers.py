"""What a proof vouches for: a message with two of a header the service reads proves
nothing (the signature covers the last, the service reads the first), a DKIM pass names the
headers it covers, and a proved message counts as sent to the service only when a header it
covers names one of the service's addresses (workflows/senders.py `sent_to_us`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from broker.mailauth import ONCE_ONLY, Verdict, verify
from tests.e2e.test_trust import Signer
from tests.factories import referral_email
from workflows.senders import covers, sent_to_us

SIGNER = Signer()
DOMAIN = "broker.localhost"


@pytest.mark.parametrize("name", ["Subject", "From", "To", "Cc", "Date", "Message-ID",
                                  "In-Reply-To", "References"])
def test_a_second_header_above_a_signed_message_proves_nothing(name: str) -> None:
    signed = SIGNER.sign(referral_email())
    assert verify(signed, "northby.gov.example", dnsfunc=SIGNER.dns).passed
    aimed = f"{name}: RE: REF-2026-000001 <x@outside.example>\r\n".encode() + signed
    verdict = verify(aimed, "northby.gov.example", dnsfunc=SIGNER.dns)
    assert not verdict.passed and name.lower() in ONCE_ONLY
    if name in ("Cc", "In-Reply-To", "References"):  # absent below: its absence was signed
        assert verdict.result == "fail"
    else:
        assert (verdict.result, verdict.method) == ("none", "headers")


def test_a_dkim_pass_names_the_headers_it_signs() -> None:
    verdict = verify(SIGNER.sign(referral_email()), "northby.gov.example", dnsfunc=SIGNER.dns)
    assert {"from", "to", "subject", "message-id", "in-reply-to"} <= verdict.signed


def _head(to: list[str], cc: list[str] = []) -> SimpleNamespace:  # noqa: B006
    return SimpleNamespace(to=to, cc=cc)


def test_sent_to_us_needs_our_address_in_a_header_the_signature_covers() -> None:
    dkim_to = Verdict("pass", "dkim", signed=frozenset({"from", "to", "message-id"}))
    dkim_bare = Verdict("pass", "dkim", signed=frozenset({"from", "message-id"}))
    relay = Verdict("pass", "authentication-results")
    ours, theirs = "referrals@broker.localhost", "home@larchcare.example"
    assert sent_to_us(_head([ours]), dkim_to, DOMAIN)
    assert sent_to_us(_head([theirs], [ours]), Verdict("pass", "dkim", signed=frozenset(
        {"from", "cc"})), DOMAIN)
    assert not sent_to_us(_head([theirs], [ours]), dkim_to, DOMAIN)  # the Cc is not signed
    assert not sent_to_us(_head([ours]), dkim_bare, DOMAIN)  # the To is not signed
    assert not sent_to_us(_head([theirs]), dkim_to, DOMAIN)  # forwarded, or a blind copy
    assert not sent_to_us(_head(["referrals@broker.localhost.evil.example"]), dkim_to, DOMAIN)
    assert sent_to_us(_head([ours]), relay, DOMAIN)  # your MTA's verdict: no headers named
    assert covers(relay, "subject") and not covers(dkim_bare, "subject")
