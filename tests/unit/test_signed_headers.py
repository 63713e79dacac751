"""What a proof vouches for: a message with two of a header the service reads proves
nothing (the signature covers the last, the service reads the first), a DKIM pass names the
headers it covers, and a proved message counts as sent to the service only when a header it
covers names one of the service's addresses (workflows/senders.py `sent_to_us`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from broker.mailauth import ONCE_ONLY, Verdict, verify
from broker.tokens import subject_code
from tests.e2e.test_trust import Signer
from tests.factories import referral_email
from workflows.senders import (
    PROVED,
    SENT_ELSEWHERE,
    UNCONFIRMED,
    Standing,
    covers,
    placed,
    sent_to_us,
)

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
    # Only the service's own addresses: the domain may be a council's own mail's too.
    for colleague in ("jo.bloggs@broker.localhost", "referralsx@broker.localhost",
                      "r+@broker.localhost"):
        assert not sent_to_us(_head([colleague]), dkim_to, DOMAIN), colleague
    for own in ("providers@broker.localhost", "r+abc.larch-house.0a1b@broker.localhost",
                "Referrals@Broker.Localhost"):
        assert sent_to_us(_head([own]), dkim_to, DOMAIN), own
    # Your MTA's verdict names no headers: its To counts only when the sender's own servers
    # handed the message over (spf=pass aligned), as Microsoft 365 leaves To unsigned.
    assert not sent_to_us(_head([ours]), relay, DOMAIN)
    delivered = Verdict("pass", "authentication-results", delivered_by_sender=True)
    assert sent_to_us(_head([ours]), delivered, DOMAIN)
    assert not sent_to_us(_head([theirs]), delivered, DOMAIN)
    assert covers(relay, "subject") and not covers(dkim_bare, "subject")


# Microsoft 365's signature: From, Date, Subject, Message-ID, never To, Cc or the thread.
M365 = Verdict("pass", "dkim", signed=frozenset(
    {"from", "date", "subject", "message-id", "content-type", "mime-version",
     "x-ms-exchange-senderadcheck"}))
SECRET = b"test-secret"
SAM, TEAM = "sam.taylor@northby.gov.example", "placements@northby.gov.example"


def _with(subject: str, to: list[str]) -> SimpleNamespace:
    return SimpleNamespace(to=to, cc=[], subject=subject)


def test_a_subject_code_shows_a_reply_answers_the_service_for_its_referral_only() -> None:
    ours = "referrals@broker.localhost"
    code = subject_code(SECRET, SAM, "REF-2026-000123")
    assert len(code) == 8 and code.isalnum() and code == code.lower()
    reply = _with(f"RE: REF-2026-000123: your referral has gone to 9 providers [#{code}]",
                  [ours])
    assert placed(reply, M365, SAM, DOMAIN, SECRET) == Standing(PROVED, "REF-2026-000123")
    shouted = _with(f"RE: ref-2026-000123: window extended [#{code.upper()}]", [ours])
    assert placed(shouted, M365, SAM, DOMAIN, SECRET) == Standing(PROVED, "REF-2026-000123")
    # Her code is hers: the team's mail with it, or a code for another referral, is not.
    assert placed(reply, M365, TEAM, DOMAIN, SECRET) == Standing(UNCONFIRMED)
    other = _with(f"RE: REF-2026-000999: shortlist awaiting [#{code}]", [ours])
    assert placed(other, M365, SAM, DOMAIN, SECRET) == Standing(UNCONFIRMED)
    # A new email naming the reference, To unsigned: nothing shows whom it was for.
    new = _with("REF-2026-000123", [ours])
    assert placed(new, M365, SAM, DOMAIN, SECRET) == Standing(UNCONFIRMED)
    # A signed To naming someone else: sent elsewhere; naming the service: proved.
    signed_to = Verdict("pass", "dkim", signed=M365.signed | {"to"})
    assert placed(_with("REF-2026-000123", ["home@larchcare.example"]), signed_to, SAM,
                  DOMAIN, SECRET) == Standing(SENT_ELSEWHERE)
    assert placed(new, signed_to, SAM, DOMAIN, SECRET) == Standing(PROVED)
    # A Subject the signature leaves out proves nothing with its code.
    bare = Verdict("pass", "dkim", signed=frozenset({"from", "message-id"}))
    assert placed(reply, bare, SAM, DOMAIN, SECRET) == Standing(UNCONFIRMED)
    # Under your MTA's verdict: the code counts; so does a To the sender's servers handed over.
    relay = Verdict("pass", "authentication-results")
    assert placed(reply, relay, SAM, DOMAIN, SECRET).kind == PROVED
    assert placed(new, relay, SAM, DOMAIN, SECRET) == Standing(UNCONFIRMED)
    assert placed(new, Verdict("pass", "authentication-results", delivered_by_sender=True),
                  SAM, DOMAIN, SECRET) == Standing(PROVED)


def test_a_signed_to_naming_others_outweighs_the_subjects_code() -> None:
    """Her note to a colleague, "FW: <our email's subject>", keeps her code; sent on to the
    service, it was still sent to the colleague (a signed To or Cc names them), whoever's
    thread it is on. Microsoft 365 signs no To: there the code still counts."""
    code = subject_code(SECRET, SAM, "REF-2026-000123")
    subject = f"FW: REF-2026-000123: your referral has gone to 9 providers [#{code}]"
    to_colleague = _with(subject, ["jordan.okafor@northby.gov.example"])
    signed_to = Verdict("pass", "dkim", signed=M365.signed | {"to"})
    assert placed(to_colleague, signed_to, SAM, DOMAIN, SECRET) == Standing(SENT_ELSEWHERE)
    signed_cc = Verdict("pass", "dkim", signed=M365.signed | {"cc"})
    cc_colleague = SimpleNamespace(to=[], cc=["jordan.okafor@northby.gov.example"],
                                   subject=subject)
    assert placed(cc_colleague, signed_cc, SAM, DOMAIN, SECRET) == Standing(SENT_ELSEWHERE)
    delivered = Verdict("pass", "authentication-results", delivered_by_sender=True)
    assert placed(to_colleague, delivered, SAM, DOMAIN, SECRET) == Standing(SENT_ELSEWHERE)
    # Unsigned To (Microsoft 365, a relay that did not see her servers hand it over), or
    # a signed To naming nobody (every recipient a blind copy): the code counts.
    proved = Standing(PROVED, "REF-2026-000123")
    assert placed(to_colleague, M365, SAM, DOMAIN, SECRET) == proved
    relay = Verdict("pass", "authentication-results")
    assert placed(to_colleague, relay, SAM, DOMAIN, SECRET) == proved
    assert placed(_with(subject, []), signed_to, SAM, DOMAIN, SECRET) == proved
    # Addressed to the service and a colleague: sent to the service.
    both = _with(subject, ["jordan.okafor@northby.gov.example", "referrals@broker.localhost"])
    assert placed(both, signed_to, SAM, DOMAIN, SECRET) == Standing(PROVED)


def test_spf_aligned_with_the_from_marks_a_trusted_verdict_delivered_by_the_sender() -> None:
    signed = SIGNER.sign(referral_email())
    aligned = b"Authentication-Results: mx.broker.localhost; dmarc=pass " \
              b"header.from=northby.gov.example; spf=pass " \
              b"smtp.mailfrom=bounces@mail.northby.gov.example\r\n" + signed
    verdict = verify(aligned, "northby.gov.example", trusted_authserv_id="mx.broker.localhost",
                     via_trusted_relay=True)
    assert verdict.passed and verdict.delivered_by_sender
    elsewhere = aligned.replace(b"bounces@mail.northby.gov.example", b"fwd@outside.example")
    verdict = verify(elsewhere, "northby.gov.example",
                     trusted_authserv_id="mx.broker.localhost", via_trusted_relay=True)
    assert verdict.passed and not verdict.delivered_by_sender
