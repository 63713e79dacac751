"""A signature proves who wrote an email, not to whom. Through the real intake worker, with
every authority's `sender_auth: required` and DKIM keys published through a test DNS: a
council's signed email that was never sent to the service is not obeyed when someone who
received it sends it on, a header put above the signed ones re-aims nothing, and a signed
instruction re-sent under another envelope is the same message, obeyed once.

- The team's signed "Agreed, thanks." to a home about a visit, re-sent by the home, agrees
  no fee; nor does the social worker's "Agreed!" with a Subject naming the referral put
  above her signed one.
- Commissioners' signed "Approved." to the social worker, re-sent by her, approves nothing.
- A signed instruction whose signature leaves out the To that names the service proves
  nothing (its writer is asked to confirm it); neither does a blind copy.
- The same instructions sent to `referrals@` by the same people are obeyed.
- A signed email rebuilt so that the service reads headers the signature never saw (its
  signed To and Message-ID hidden below a line ending in a lone CR, which only the
  service's parser takes for the end of the headers) proves nothing: commissioners' approval
  to the social worker re-aimed at the service approves nothing, and a social worker's
  EXTEND given fresh Message-IDs moves the window once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

import dkim
import pytest
from sqlalchemy import select

from broker.db.tables import Wave
from tests.adapters.test_forged_senders import Signers, email_to, strict_config
from tests.adapters.worker import COMMISSIONERS, Worker, answer, header, make_worker, text_of
from tests.factories import REFERRER, referral_email
from tests.unit.test_mailauth import below_a_lone_cr
from workflows.desk import PlacementDesk

REFERRALS = "referrals@broker.localhost"
TEAM = "placements@northby.gov.example"
HOME_OUTSIDE = "mallory@outside.example"


@pytest.fixture
def signers() -> Signers:
    return Signers("northby.gov.example", "larchcare.example")


@pytest.fixture
async def worker(tmp_path: Path, database_url: str,  # type: ignore[no-untyped-def]
                 signers: Signers) -> AsyncIterator[Worker]:
    made = await make_worker(tmp_path, database_url, config_dir=strict_config(tmp_path))
    made.engine.parts.sender_auth.dnsfunc = signers.dns
    yield made
    await made.db.dispose()


def signed_reply(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    """An email a council's person sends someone other than the service."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="northby.gov.example")
    message["In-Reply-To"] = message["References"] = "<visit@larchcare.example>"
    message.set_content(body)
    return message


async def _shortlisted(worker: Worker, signers: Signers) -> str:
    """The sample referral, signed, offered for by two homes, shortlisted: awaiting approval."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    for provider in (await worker.outbox("provider/referral"))[:2]:
        await answer(worker, provider, "Decision: offer\nHome or carer: Home\n"
                     "Weekly fee: £4,000\nAvailable from: 01/12/2026")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    done = await PlacementDesk(worker.engine).submit_shortlist(
        referral.id or 0, REFERRER, ["A", "B"], "Mum agrees.", "", "", "in hospital")
    assert done.accepted, done.message
    return referral.reference or ""


async def _proposed(worker: Worker, signers: Signers) -> tuple[str, Any]:
    """Approved, home A chosen, £3,600 proposed: (reference, the proposal's outbox row)."""
    reference = await _shortlisted(worker, signers)
    for commissioner in COMMISSIONERS:
        await worker.receive(signers.sign(referral_email(
            f"APPROVE {reference}", sender=commissioner, subject=f"Re: {reference}")),
            mail_from=commissioner)
    for line in ("CHOOSE A", "PROPOSE £3,600 per week"):
        await worker.receive(signers.sign(referral_email(line, subject=f"Re: {reference}")))
    [proposal] = await worker.outbox("provider/fee_proposal")
    return reference, proposal


async def _negotiating(worker: Worker, signers: Signers) -> tuple[str, str]:
    """Approved, home A chosen, £3,600 proposed, the home countered £4,000: (reference,
    the home's address)."""
    reference, proposal = await _proposed(worker, signers)
    await answer(worker, proposal, "Weekly fee: £4,000")
    return reference, proposal.to_addr


async def _state(worker: Worker) -> str:
    [referral] = await worker.referrals()
    return referral.state


async def test_the_teams_signed_agreement_with_a_home_re_sent_by_it_agrees_no_fee(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference, home = await _negotiating(worker, signers)
    assert await _state(worker) == "negotiating"
    team_reply = signers.sign(signed_reply(
        f"Northby Placements <{TEAM}>", home,
        f"RE: {reference} - can the first visit move to Monday?",
        "Agreed, thanks.\n\nMaya Osei\n\n> Could the first visit move to Monday at 10am?\n"))
    row = await worker.receive(team_reply, mail_from=home)
    assert (row.outcome, await _state(worker)) == ("not-permitted", "negotiating")
    assert await worker.outbox("provider/ipa") == []
    [told] = await worker.outbox("placements_team/unauthenticated")
    assert "not sent to the service" in text_of(told)
    [answered] = [o for o in await worker.outbox(to=TEAM) if "was not sent to the placement "
                  "service" in " ".join(text_of(o).split())]
    assert "reply to this email" in " ".join(text_of(answered).split())

    # The social worker's "Agreed!" about a visit, with the reference put in a Subject
    # above her signed one: the signature still verifies, but two Subjects prove nothing.
    hers = signers.sign(signed_reply(f"Sam Taylor <{REFERRER}>", home, "RE: Saturday visit",
                                     "Agreed!\n\nSam\n"))
    row = await worker.receive(f"Subject: RE: {reference}\r\n".encode() + hers, mail_from=home)
    assert (row.outcome, await _state(worker)) == ("not-permitted", "negotiating")

    # The team's own AGREE, to the service, places the child at the home's fee.
    await worker.receive(signers.sign(referral_email("AGREE", sender=TEAM,
                                                     subject=f"Re: {reference}")),
                         mail_from=TEAM)
    assert await _state(worker) == "placed"
    assert len(await worker.outbox("provider/ipa")) == 1


async def test_commissioners_signed_approved_to_someone_else_approves_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference = await _shortlisted(worker, signers)
    for commissioner in COMMISSIONERS:
        to_her = signers.sign(signed_reply(
            commissioner, REFERRER, f"RE: {reference} - OK to take this to Thursday's panel?",
            "Approved.\n\n> OK to take this to Thursday's panel?\n"))
        row = await worker.receive(to_her, mail_from=REFERRER)
        assert row.outcome == "not-permitted", commissioner
    assert await _state(worker) == "awaiting-approval"
    assert await worker.outbox("provider/papers") == []

    # Replying to the approval request itself, each to the service: approved.
    for commissioner in COMMISSIONERS:
        [request] = await worker.outbox("commissioner/approval_request", to=commissioner)
        reply = email_to(header(request, "Reply-To") or REFERRALS, commissioner, "Approved.",
                         f"RE: {header(request, 'Subject')}",
                         in_reply_to=header(request, "Message-ID"))
        await worker.receive(signers.sign(reply), mail_from=commissioner)
    assert await _state(worker) == "approved"
    assert len(await worker.outbox("provider/papers")) == 2


def _two_parts(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    """As Outlook writes it: plain text and HTML (hidden headers fall in the preamble)."""
    message = signed_reply(sender, to, subject, text)
    del message["In-Reply-To"], message["References"]
    message.add_alternative(f"<p>{text.splitlines()[0]}</p>", subtype="html")
    return message


async def test_commissioners_approval_re_aimed_below_a_lone_cr_approves_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    reference = await _shortlisted(worker, signers)
    for n, commissioner in enumerate(COMMISSIONERS):
        to_her = signers.sign(_two_parts(
            commissioner, REFERRER, f"RE: {reference} - OK to take this to Thursday's panel?",
            f"APPROVE {reference}\n\nFine by me for panel.\n"))
        re_aimed = below_a_lone_cr(to_her, ("to", "message-id"), [
            f"To: {REFERRALS}".encode(), f"Message-ID: <x{n}@outside.example>".encode()])
        assert dkim.verify(re_aimed, dnsfunc=signers.dns)  # the signature itself holds
        row = await worker.receive(re_aimed, mail_from=REFERRER)
        assert row.outcome == "not-permitted", commissioner
    assert await _state(worker) == "awaiting-approval"
    assert await worker.outbox("provider/papers") == []


async def test_a_proved_extend_given_fresh_message_ids_below_a_lone_cr_is_obeyed_once(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    extend = signers.sign(_two_parts(REFERRER, REFERRALS, f"Re: {referral.reference}",
                                     f"EXTEND 2d {referral.reference}\n"))
    assert (await worker.receive(extend)).outcome == "extended"
    once = await _closes_at(worker)
    for n in range(3):
        replay = below_a_lone_cr(extend, ("message-id",),
                                 [f"Message-ID: <r{n}@outside.example>".encode()])
        row = await worker.receive(replay, mail_from=HOME_OUTSIDE)
        assert row.outcome == "not-permitted", n
    assert await _closes_at(worker) == once


def _sign_only(signers: Signers, message: EmailMessage, names: list[bytes]) -> bytes:
    signer = signers.by_domain["northby.gov.example"]
    raw = message.as_bytes(policy=policy.SMTP)
    return dkim.sign(raw, b"s1", signer.domain.encode(), signer.pem,
                     include_headers=names) + raw


async def test_an_instruction_counts_only_when_the_signature_covers_its_address(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    reference = referral.reference
    line = f"WITHDRAW {reference} family found a kinship carer"
    # To names the service, but the signature leaves To out: anyone could have written it,
    # so it is not carried out; its writer is asked to confirm it (test_m365_signed_mail.py).
    unsigned_to = _sign_only(signers, email_to(REFERRALS, REFERRER, line),
                             [b"from", b"subject", b"date", b"message-id"])
    row = await worker.receive(unsigned_to, mail_from=HOME_OUTSIDE)
    assert (row.outcome, await _state(worker)) == ("to-confirm", "open")
    assert [o.to_addr for o in await worker.outbox("council/confirm_instruction")] == [REFERRER]
    # A blind copy: the signed To names someone else.
    blind = signers.sign(email_to("kinship.team@northby.gov.example", REFERRER, line))
    row = await worker.receive(blind)
    assert (row.outcome, await _state(worker)) == ("not-permitted", "open")
    # Sent to the service, with the service in Cc as well as To elsewhere: obeyed.
    sent = email_to("kinship.team@northby.gov.example", REFERRER, line)
    sent["Cc"] = REFERRALS
    await worker.receive(signers.sign(sent))
    assert await _state(worker) == "withdrawn"


async def _closes_at(worker: Worker) -> object:
    async with worker.sessions() as session:
        return (await session.execute(select(Wave.closes_at))).scalar_one()


async def test_a_signed_instruction_is_obeyed_once_whatever_envelope_it_comes_in(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    [ack] = await worker.outbox("social_worker/acknowledgement")
    extend = signers.sign(email_to(REFERRALS, REFERRER, "EXTEND 2d", f"RE: {ack.subject}",
                                   in_reply_to=ack.message_id))
    before = await _closes_at(worker)
    assert (await worker.receive(extend)).outcome == "extended"
    extended = await _closes_at(worker)
    assert extended != before
    for envelope in (REFERRER, HOME_OUTSIDE, "postmaster@northby.gov.example"):
        assert (await worker.receive(extend, mail_from=envelope)).outcome == "duplicate"
    assert await _closes_at(worker) == extended


async def test_headers_put_above_a_signed_instruction_re_aim_nothing(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [first] = await worker.referrals()
    [ack] = await worker.outbox("social_worker/acknowledgement")
    withdraw = signers.sign(email_to(REFERRALS, REFERRER, "WITHDRAW family found a carer",
                                     f"RE: {ack.subject}", in_reply_to=ack.message_id))
    for n, (name, value) in enumerate((("Subject", f"RE: {first.reference}"),
                        ("In-Reply-To", "<nothing@outside.example>"),
                        ("References", "<nothing@outside.example>"),
                        ("To", REFERRALS), ("From", REFERRER))):
        aimed = f"{name}: {value}\r\n".encode() + withdraw
        row = await worker.receive(aimed, mail_from=f"mallory{n}@outside.example")
        # (two Froms name nobody at all: refused as a stranger's)
        assert row.outcome in ("not-permitted", "refused"), name
        assert await _state(worker) == "open", name
    assert (await worker.receive(withdraw)).outcome == "withdrawn"


async def test_a_signed_instruction_refused_for_now_is_not_obeyed_when_a_copy_comes_later(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    """Her AGREE, refused while the home's answer was unclear, is the same message when the
    home she copied in sends it on after countering higher: a duplicate, no fee agreed. A
    copy altered on the way (its signature broken), sent first, blocks nothing."""
    reference, proposal = await _proposed(worker, signers)
    home = proposal.to_addr
    await answer(worker, proposal, "Can we talk about this on the phone tomorrow?")
    [unclear] = await worker.outbox("provider/fee_unclear")
    agree = EmailMessage()
    agree["From"], agree["To"], agree["Cc"] = f"Sam Taylor <{REFERRER}>", REFERRALS, home
    agree["Subject"], agree["Date"] = f"Re: {reference}", formatdate()
    agree["Message-ID"] = make_msgid(domain="northby.gov.example")
    agree.set_content("AGREE\n\nSam\n")
    raw = signers.sign(agree)
    altered = raw.replace(b"AGREE", b"AGREE.")
    assert (await worker.receive(altered, mail_from=home)).outcome in ("refused",
                                                                       "not-permitted")
    assert (await worker.receive(raw)).outcome == "refused"  # the home's answer is unclear
    await answer(worker, unclear, "Weekly fee: £4,000")  # the home counters, higher
    assert (await worker.receive(raw, mail_from=home)).outcome == "duplicate"
    assert await _state(worker) == "negotiating"
    assert await worker.outbox("provider/ipa") == []


async def test_her_note_to_a_colleague_keeping_our_subject_is_not_obeyed_when_sent_on(  # type: ignore[no-untyped-def]
        worker, signers) -> None:
    """Review 31: her signed "FW: <our acknowledgement's subject>" to a colleague keeps the
    code that shows it is on her referral's thread, but its signed To names the colleague:
    sent on to the service by whoever holds it, it withdraws nothing, whether its line asks
    ("WITHDRAW duplicate? Jordan, …") or not; she is told to send it herself if she meant
    it. Her Microsoft 365 reply, its To unsigned, still counts by the code."""
    from tests.adapters.test_m365_signed_mail import m365

    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [ack] = await worker.outbox("social_worker/acknowledgement")
    colleague = "jordan.okafor@northby.gov.example"
    for line in ("WITHDRAW duplicate? Jordan, is this the line I send them?",
                 "WITHDRAW duplicate"):
        note = signers.sign(email_to(colleague, REFERRER, line, f"FW: {ack.subject}"))
        await worker.receive(note, mail_from=colleague)
        assert await _state(worker) == "open", line
    told = [o for o in await worker.outbox() if o.to_addr == REFERRER][-1]
    assert "not sent to the placement service" in text_of(told)
    replied = m365(signers, email_to(REFERRALS, REFERRER, "WITHDRAW duplicate",
                                     f"RE: {ack.subject}", in_reply_to=ack.message_id))
    assert (await worker.receive(replied)).outcome == "withdrawn"
    assert await _state(worker) == "withdrawn"
