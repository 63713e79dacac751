"""The social worker's emails about a referral stay in one conversation in her mail client:
the comparison, a changed window and a late answer reply to her referral's first email, and
an answer to an instruction replies to the email that gave it."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.adapters.worker import Worker, header, make_worker, text_of
from tests.factories import referral_email

FIRST = "<first-referral.1@northby.gov.example>"


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """The sample referral sent as an email whose Message-ID is FIRST."""
    made = await make_worker(tmp_path, database_url)
    await made.receive(referral_email(message_id=FIRST))
    yield made
    await made.db.dispose()


async def test_the_comparison_and_a_changed_window_answer_the_referral_s_first_email(
        worker: Worker) -> None:
    [referral] = await worker.referrals()
    assert referral.thread == [FIRST]
    extend = referral_email("EXTEND 2d", subject=f"Re: {referral.reference}")
    await worker.receive(extend)
    [changed] = await worker.outbox(kind="social_worker/window_changed")
    worker.clock.advance(timedelta(days=4))
    await worker.engine.fire_due()
    comparisons = await worker.outbox(kind="social_worker/comparison", to=referral.referrer)
    assert comparisons
    for sent in (changed, *comparisons):
        assert header(sent, "In-Reply-To") == FIRST
        assert header(sent, "References") == FIRST


async def test_a_late_answer_forwarded_to_her_is_on_the_referral_s_thread(
        worker: Worker) -> None:
    [referral] = await worker.referrals()
    assert referral.thread == [FIRST]
    worker.clock.advance(timedelta(days=4))
    await worker.engine.fire_due()
    provider = (await worker.outbox(kind="provider/referral"))[0]
    late = EmailMessage()
    late["From"], late["Subject"] = provider.to_addr, "Re: referral"
    late.set_content("Decision: offer\nWeekly fee: £4,400\nAvailable from: 14/12/2026")
    await worker.receive(late, to=header(provider, "Reply-To"), mail_from=provider.to_addr)
    [forwarded] = await worker.outbox(kind="social_worker/late_response")
    assert header(forwarded, "In-Reply-To") == FIRST


async def test_an_instruction_refused_answers_the_email_that_gave_it(worker: Worker) -> None:
    [referral] = await worker.referrals()
    instruction = referral_email("NEXT WAVE", subject=f"Re: {referral.reference}",
                                 message_id="<next.2@northby.gov.example>")
    await worker.receive(instruction)
    [refused] = await worker.outbox(kind="social_worker/instruction_refused")
    assert "could not be carried out" in text_of(refused)
    assert header(refused, "In-Reply-To") == "<next.2@northby.gov.example>"
    assert header(refused, "References").split() == [FIRST, "<next.2@northby.gov.example>"]


async def test_every_answer_to_a_message_of_hers_carries_her_first_email_too(
        worker: Worker) -> None:
    """Before, a correction's confirmation had only her message in References, and "already
    been sent" had none: her mail client split the referral into several conversations."""
    [referral] = await worker.referrals()
    subject = f"Re: {referral.reference}"
    await worker.receive(referral_email("Needed from: 08/12/2026", subject=subject,
                                        message_id="<fix.3@northby.gov.example>"))
    await worker.receive(referral_email("Thanks, all good at our end.", subject=subject,
                                        message_id="<note.4@northby.gov.example>"))
    [corrected] = await worker.outbox(kind="social_worker/correction_sent")
    [noted] = await worker.outbox(kind="social_worker/already_sent")
    for sent, answered in ((corrected, "<fix.3@northby.gov.example>"),
                           (noted, "<note.4@northby.gov.example>")):
        assert header(sent, "In-Reply-To") == answered
        assert header(sent, "References").split() == [FIRST, answered]
