"""The chosen home answers our own emails as its mail client would (attacker's review 22):
"Re: " and our subject (which speaks of the fee), In-Reply-To our Message-ID, our email
quoted below. A plain "no" is heard; a reply read as neither fee nor decision reaches the
social worker and holds AGREE back; a home chosen again after it withdrew gets that
negotiation's emails, and its "Agreed" counts for the proposal it answers only."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from sqlalchemy import select

from broker.db.tables import Outbox, PaperGrant
from channels.web.console.attention import load_attention
from tests.adapters.worker import Worker, answer, header, text_of
from tests.factories import REFERRER, referral_email

TEAM = "placements@northby.gov.example"


@pytest.fixture
def worker(two_homes_approved: Worker) -> Worker:
    return two_homes_approved


async def _say(worker: Worker, text: str) -> None:
    [referral] = await worker.referrals()
    await worker.receive(referral_email(text, subject=f"Re: {referral.reference}"),
                         mail_from=REFERRER)


async def _reply(worker: Worker, row: Outbox, body: str) -> None:
    """As a mail client replies: our subject with "Re: ", threaded, our email quoted."""
    reply = EmailMessage()
    reply["From"], reply["To"] = row.to_addr, header(row, "Reply-To")
    reply["Subject"] = f"Re: {header(row, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=row.to_addr.split("@")[1])
    reply["In-Reply-To"] = reply["References"] = header(row, "Message-ID")
    quoted = "\n".join(f"> {line}" for line in text_of(row).splitlines())
    reply.set_content(f"{body}\n\nOn 25 Nov 2026, at 09:00, Northby wrote:\n{quoted}\n")
    await worker.receive(reply, to=header(row, "Reply-To"), mail_from=row.to_addr)


async def _state(worker: Worker) -> tuple[str, str]:
    [referral] = await worker.referrals()
    return referral.state, referral.chosen


async def _chosen_thread(worker: Worker, kind: str) -> Outbox:
    await _say(worker, "CHOOSE A")
    if kind == "provider/fee_proposal":
        await _say(worker, "PROPOSE £3,800 per week")
    [row] = await worker.outbox(kind=kind)
    return row


@pytest.mark.parametrize("kind", ["provider/chosen", "provider/fee_proposal"])
async def test_a_plain_no_on_our_fee_thread_is_heard_and_gets_no_agreement(
        worker: Worker, kind: str) -> None:
    row = await _chosen_thread(worker, kind)
    assert "fee" in header(row, "Subject") or "£" in header(row, "Subject")
    await _reply(worker, row, "Sorry, we can no longer offer the placement - the bed has been "
                              "taken by an emergency admission.")
    assert await _state(worker) == ("approved", "")
    told = await worker.outbox(kind="social_worker/chosen_withdrew")
    assert {t.to_addr for t in told} == {REFERRER, TEAM}
    async with worker.sessions() as session:
        grants = {g.establishment: g.revoked_at
                  for g in (await session.execute(select(PaperGrant))).scalars()}
    assert grants[row.establishment] is not None
    await _say(worker, "AGREE")
    assert not await worker.outbox(kind="provider/ipa")


async def test_a_reply_read_as_neither_reaches_the_social_worker_and_holds_agree(
        worker: Worker) -> None:
    row = await _chosen_thread(worker, "provider/chosen")
    await _reply(worker, row, "Sorry, we can no longer offer the placement at that fee.")
    assert await _state(worker) == ("negotiating", row.establishment)
    told = await worker.outbox(kind="social_worker/chosen_reply_unread")
    assert {t.to_addr for t in told} == {REFERRER, TEAM}
    assert "“Sorry, we can no longer offer the placement at that fee.”" in text_of(told[0])
    [asked] = await worker.outbox(kind="provider/fee_unclear")
    assert asked.to_addr == row.to_addr
    async with worker.sessions() as session:
        attention = await load_attention(session, ["northby"], worker.clock.now())
    assert [a.what.split(":")[0] for a in attention] == ["Chosen home's reply could not be read"]
    await _say(worker, "AGREE")
    assert not await worker.outbox(kind="provider/ipa")
    [refusal] = await worker.outbox(kind="social_worker/instruction_refused")
    assert "could be read neither as an answer on the fee nor as a decision" in text_of(refusal)
    # the home, asked, says it plainly: it is out of the running
    await _reply(worker, asked, "Decision: withdrawn")
    assert await _state(worker) == ("approved", "")


async def test_a_home_chosen_again_gets_its_emails_and_agrees_only_what_it_was_sent(
        worker: Worker) -> None:
    await _say(worker, "CHOOSE A")
    await _say(worker, "PROPOSE £3,500 per week")
    [chosen] = await worker.outbox(kind="provider/chosen")
    home = chosen.to_addr
    await answer(worker, chosen, "Decision: withdrawn\nReason: the bed went to an emergency.")
    assert await _state(worker) == ("approved", "")
    papers = next(p for p in await worker.outbox(kind="provider/papers") if p.to_addr == home)
    await answer(worker, papers, "Decision: offer\nWeekly fee: £4,000\nAvailable from: "
                                 "01/12/2026\nReason: the bed is free again")
    await _say(worker, "CHOOSE A")
    await _say(worker, "PROPOSE £3,900 per week")
    assert [r.to_addr for r in await worker.outbox(kind="provider/chosen")] == [home, home]
    first, second = await worker.outbox(kind="provider/fee_proposal")
    assert "£3,900" in header(second, "Subject") and second.to_addr == home
    await _reply(worker, first, "Agreed, thanks")  # to the £3,500 it was sent before
    assert await _state(worker) == ("negotiating", chosen.establishment)
    assert not await worker.outbox(kind="provider/ipa")
    [told] = await worker.outbox(kind="provider/fee_superseded")
    assert told.to_addr == home and "£3,900 a week" in text_of(told)
    await _reply(worker, second, "Agreed, thanks")
    [ipa] = await worker.outbox(kind="authority/ipa")
    assert "£3,900" in text_of(ipa)


async def test_agreed_to_the_chosen_email_after_a_proposal_agrees_nothing(
        worker: Worker) -> None:
    """Review 23: the chosen email puts the home's own fee; its "Agreed" to that email, once
    £3,800 has been proposed, never places the child at £3,800."""
    row = await _chosen_thread(worker, "provider/chosen")
    await _say(worker, "PROPOSE £3,800 per week")
    await _reply(worker, row, "Agreed")
    assert await _state(worker) == ("negotiating", row.establishment)
    assert not await worker.outbox(kind="provider/ipa")
    [told] = await worker.outbox(kind="provider/fee_superseded")
    assert told.to_addr == row.to_addr
    assert "your requested fee of £4,000" in text_of(told) and "£3,800 a week" in text_of(told)
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await _reply(worker, proposal, "Agreed")
    [ipa] = await worker.outbox(kind="authority/ipa")
    assert "£3,800" in text_of(ipa)


async def test_an_agreed_answering_nothing_written_before_the_proposal_is_passed_on(
        worker: Worker) -> None:
    """An "Agreed" with no In-Reply-To of ours, dated before the latest proposal was made,
    cannot have agreed to it: passed on as unread, and AGREE held."""
    row = await _chosen_thread(worker, "provider/chosen")
    await _say(worker, "PROPOSE £3,800 per week")
    reply = EmailMessage()
    reply["From"], reply["To"] = row.to_addr, header(row, "Reply-To")
    reply["Subject"] = "Kestrel House"
    reply["Message-ID"] = make_msgid(domain=row.to_addr.split("@")[1])
    reply["Date"] = format_datetime(worker.clock.now() - timedelta(hours=2))
    reply.set_content("Agreed\n")
    await worker.receive(reply, to=header(row, "Reply-To"), mail_from=row.to_addr)
    assert await _state(worker) == ("negotiating", row.establishment)
    assert not await worker.outbox(kind="provider/ipa")
    told = await worker.outbox(kind="social_worker/chosen_reply_unread")
    assert {t.to_addr for t in told} == {REFERRER, TEAM}
    assert "written before the latest proposal (£3,800 a week)" in text_of(told[0])
