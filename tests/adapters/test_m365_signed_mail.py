"""Councils whose mail system signs the From and the Subject but not the To (Microsoft 365:
`h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:…`). Through the real intake
worker, every authority's `sender_auth: required`, DKIM keys published through a test DNS:

- a reply to the service's email keeps the subject, and its code for the person and the
  referral shows it answers the service: commissioners approve, the social worker agrees;
- a new email naming the reference, with no code, is not carried out: its writer (only) is
  asked to confirm it, and her signed "Yes" carries it out, once;
- review 25's copies, re-sent with To rewritten to the service, are still not carried out,
  and a code given to someone else (the home, the social worker) proves nothing for the team;
- under the trusted relay's Authentication-Results, a To counts when the council's own
  servers handed the message over (spf=pass aligned); a dkim pass alone asks to confirm.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage

import dkim
from sqlalchemy import select

from broker.db.tables import InboundMessage, Wave
from broker.tokens import subject_code
from tests.adapters import test_signed_mail_sent_on as sent_on
from tests.adapters.test_forged_senders import Signers, email_to
from tests.adapters.test_signed_mail_sent_on import (
    _negotiating,
    _shortlisted,
    _state,
    signed_reply,
)
from tests.adapters.worker import COMMISSIONERS, Worker, header, text_of
from tests.factories import REFERRER, referral_email

REFERRALS = "referrals@broker.localhost"
TEAM = "placements@northby.gov.example"
CONFIRM = "council/confirm_instruction"
M365_SIGNS = [b"from", b"date", b"subject", b"message-id", b"content-type", b"mime-version"]
signers, worker = sent_on.signers, sent_on.worker  # the same keys and worker fixtures


def m365(signers: Signers, message: EmailMessage) -> bytes:
    """Signed as Microsoft 365 signs by default: never the To, Cc or the thread."""
    domain = str(message["From"]).rpartition("@")[2].rstrip(">")
    signer = signers.by_domain[domain]
    raw = message.as_bytes(policy=policy.SMTP)
    return dkim.sign(raw, b"s1", signer.domain.encode(), signer.pem,
                     include_headers=M365_SIGNS) + raw


def to_the_service(raw: bytes) -> bytes:
    """The message with its (unsigned) To rewritten to the service's address."""
    return re.sub(rb"(?m)^To: .*$", f"To: {REFERRALS}".encode(), raw, count=1)


def reply_to(row: object, sender: str, body: str) -> EmailMessage:
    """`sender`'s reply, from Outlook, to the service's email `row`: "RE: " + its subject."""
    return email_to(REFERRALS, sender, body, f"RE: {header(row, 'Subject')}",  # type: ignore[arg-type]
                    in_reply_to=header(row, "Message-ID"))  # type: ignore[arg-type]


async def _closes_at(worker: Worker) -> object:
    async with worker.sessions() as session:
        return (await session.execute(select(Wave.closes_at))).scalar_one()


async def test_replies_keeping_the_code_approve_and_agree(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference, _home = await _negotiating(worker, signers)  # approved by full signatures
    [counter] = await worker.outbox("social_worker/fee_counter")
    code = subject_code(worker.engine.parts.secret, REFERRER, reference)
    assert header(counter, "Subject").endswith(f"[#{code}]")
    row = await worker.receive(m365(signers, reply_to(counter, REFERRER, "Agreed, thanks.")))
    assert (row.outcome, await _state(worker)) == ("placed", "placed")
    assert await worker.outbox(CONFIRM) == []


async def test_commissioners_replies_to_the_approval_request_approve(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await _shortlisted(worker, signers)
    for commissioner in COMMISSIONERS:
        [request] = await worker.outbox("commissioner/approval_request", to=commissioner)
        await worker.receive(m365(signers, reply_to(request, commissioner, "Approved.")),
                             mail_from=commissioner)
    assert await _state(worker) == "approved"
    assert len(await worker.outbox("provider/papers")) == 2
    assert await worker.outbox(CONFIRM) == []


async def test_a_new_email_is_asked_about_and_her_yes_carries_it_out_once(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    reference, before = referral.reference or "", await _closes_at(worker)
    new = m365(signers, email_to(REFERRALS, REFERRER, "EXTEND 2d", reference))
    row = await worker.receive(new)
    assert (row.outcome, await _closes_at(worker)) == ("to-confirm", before)
    [asked] = await worker.outbox(CONFIRM)
    code = subject_code(worker.engine.parts.secret, REFERRER, reference)
    assert asked.to_addr == REFERRER and header(asked, "Subject").endswith(f"[#{code}]")
    assert "EXTEND 2d" in text_of(asked) and header(asked, "In-Reply-To")
    # The same email again, in any envelope: asked once.
    for envelope in (REFERRER, "mallory@outside.example"):
        assert (await worker.receive(new, mail_from=envelope)).outcome == "duplicate"
    # A reply that lost the code: refused, and never asked about again (one round).
    stripped = email_to(REFERRALS, REFERRER, "Yes", f"RE: {reference}: please confirm",
                        in_reply_to=asked.message_id)
    assert (await worker.receive(m365(signers, stripped))).outcome == "not-permitted"
    assert len(await worker.outbox(CONFIRM)) == 1
    # Her "Yes", keeping the subject: carried out.
    row = await worker.receive(m365(signers, reply_to(asked, REFERRER, "Yes, thanks\n\nSam")))
    assert row.outcome == "extended"
    extended = await _closes_at(worker)
    assert extended != before
    # A second "Yes", or the first email again: nothing more.
    again = await worker.receive(m365(signers, reply_to(asked, REFERRER, "Confirmed.")))
    assert again.outcome == "already-confirmed"
    repeated = await worker.receive(m365(signers, reply_to(asked, REFERRER, "EXTEND 2d")))
    assert repeated.outcome == "already-confirmed"
    assert (await worker.receive(new, mail_from=REFERRER)).outcome == "duplicate"
    assert await _closes_at(worker) == extended


async def test_review_25s_copies_under_an_m365_signature_are_still_not_obeyed(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference, home = await _negotiating(worker, signers)
    # The team's "Agreed, thanks." to the home, re-sent with To rewritten to the service.
    agreed = m365(signers, signed_reply(
        f"Northby Placements <{TEAM}>", home,
        f"RE: {reference} - can the first visit move to Monday?",
        "Agreed, thanks.\n\nMaya Osei\n\n> Could the first visit move to Monday at 10am?\n"))
    row = await worker.receive(to_the_service(agreed), mail_from=home)
    assert (row.outcome, await _state(worker)) == ("to-confirm", "negotiating")
    assert await worker.outbox("provider/ipa") == []
    # Only the team is asked, and the home hears nothing of it.
    assert [o.to_addr for o in await worker.outbox(CONFIRM)] == [TEAM]
    assert all(o.kind != CONFIRM for o in await worker.outbox(to=home))

    # A code given to someone else proves nothing for the team: the home's, the social
    # worker's (both bound to their own addresses).
    secret = worker.engine.parts.secret
    for holder in (home, REFERRER):
        code = subject_code(secret, holder, reference)
        coded = m365(signers, signed_reply(
            f"Northby Placements <{TEAM}>", home,
            f"RE: {reference}: Monday visit [#{code}]", "Agreed, thanks.\n"))
        row = await worker.receive(to_the_service(coded), mail_from=home)
        assert (row.outcome, await _state(worker)) == ("to-confirm", "negotiating"), holder


async def test_commissioners_approved_to_her_re_sent_approves_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference = await _shortlisted(worker, signers)
    for commissioner in COMMISSIONERS:
        to_her = m365(signers, signed_reply(
            commissioner, REFERRER, f"RE: {reference} - OK to take this to Thursday's panel?",
            "Approved.\n\n> OK to take this to Thursday's panel?\n"))
        row = await worker.receive(to_the_service(to_her), mail_from=REFERRER)
        assert row.outcome == "to-confirm", commissioner
    assert await _state(worker) == "awaiting-approval"
    assert await worker.outbox("provider/papers") == []
    assert sorted(o.to_addr for o in await worker.outbox(CONFIRM)) == sorted(COMMISSIONERS)


async def test_a_new_referral_form_with_an_unsigned_to_goes_ahead(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(m365(signers, referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    assert referral.state == "open"
    assert await worker.outbox("provider/referral")


RELAY = "mx.broker.localhost"


async def _through_the_relay(worker: Worker, raw: bytes, results: str) -> str:
    store = worker.handler.store
    inbound_id = await store(f"Authentication-Results: {RELAY}; {results}\r\n".encode() + raw,
                             REFERRER, [REFERRALS], peer="10.0.0.5")
    await worker.engine.process_pending()
    async with worker.sessions() as session:
        row = await session.get(InboundMessage, inbound_id)
    assert row is not None
    return row.outcome


async def test_the_trusted_relay_counts_a_to_its_senders_servers_handed_over(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    check = worker.engine.parts.sender_auth
    check.authserv_id, check.relays = RELAY, ("10.0.0.0/24",)
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    before = await _closes_at(worker)
    dkim_only = "dkim=pass header.d=northby.gov.example"
    # A dkim pass alone, the To perhaps rewritten: asked about, not carried out.
    outcome = await _through_the_relay(worker, m365(signers, email_to(
        "sam.taylor@northby.gov.example", REFERRER, "CLOSE", referral.reference or "")
    ).replace(b"To: sam.taylor@", b"To: referrals@", 1), dkim_only)
    assert (outcome, await _closes_at(worker)) == ("to-confirm", before)
    assert [o.to_addr for o in await worker.outbox(CONFIRM)] == [REFERRER]
    # Handed over by the council's own servers (spf=pass aligned), To the service: obeyed.
    outcome = await _through_the_relay(worker, m365(signers, email_to(
        REFERRALS, REFERRER, "EXTEND 2d", referral.reference or "")),
        f"{dkim_only}; spf=pass smtp.mailfrom=sam.taylor@northby.gov.example")
    assert outcome == "extended" and await _closes_at(worker) != before
    # The same servers, but a To naming someone else: not sent to the service.
    outcome = await _through_the_relay(worker, m365(signers, email_to(
        "kinship.team@northby.gov.example", REFERRER, "WITHDRAW family found a carer",
        referral.reference or "")),
        f"{dkim_only}; spf=pass smtp.mailfrom=sam.taylor@northby.gov.example")
    assert (outcome, await _state(worker)) == ("not-permitted", "open")
