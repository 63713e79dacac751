"""The chosen home negotiates the fee by replying from its own inbox: a counter in its own
words ("could meet you at £4,725") is its proposal, a reply we cannot read is asked again on
the home's own reply address with the referral and the home in the subject, and the answer to
that question counts as the home's, so the social worker can AGREE to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.worker import (
    Worker,
    answer,
    approved_with_offers,
    header,
    make_worker,
    text_of,
)
from tests.factories import referral_email


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """Two homes offered £4,000, both shortlisted and approved, home A chosen and £3,800
    proposed to it by the social worker."""
    made = await make_worker(tmp_path, database_url)
    reference = (await approved_with_offers(made, homes=2)).reference
    for instruction in ("CHOOSE A", "PROPOSE £3,800 per week"):
        await made.receive(referral_email(instruction, subject=f"Re: {reference}"))
    assert await made.outbox(kind="provider/fee_proposal")
    yield made
    await made.db.dispose()


async def _agree(worker: Worker) -> None:
    [referral] = await worker.referrals()
    await worker.receive(referral_email("AGREE", subject=f"Re: {referral.reference}"))


@pytest.mark.parametrize("words", [
    "We can't do £3,800 but could meet you at £3,925 including the 1:1 support.",
    "Thanks for this. We could do £3,925 a week.",
    "Sorry, the best we can do is £3,925 pw.",
    "I've checked with the owner and their fee is £3,925 a week.",  # a fee stated plainly
    "Our fee is £3,925.",
])
async def test_a_counter_in_the_home_s_own_words_is_its_proposal(
        worker: Worker, words: str) -> None:
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal, words)
    assert await worker.outbox(kind="provider/fee_unclear") == []
    [counter] = await worker.outbox(kind="social_worker/fee_counter")
    assert "£3,925" in header(counter, "Subject")
    await _agree(worker)
    [ipa] = await worker.outbox(kind="provider/ipa")
    assert "£3,925 a week" in text_of(ipa)


async def test_the_fee_asked_again_is_answered_on_the_home_s_own_address(
        worker: Worker) -> None:
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal, "Can we talk about this on the phone tomorrow?")
    [unclear] = await worker.outbox(kind="provider/fee_unclear")
    [referral] = await worker.referrals()
    assert referral.reference in header(unclear, "Subject")
    assert header(unclear, "Reply-To") == header(proposal, "Reply-To")
    assert header(unclear, "In-Reply-To")

    await answer(worker, unclear, "Weekly fee: £3,925")
    assert await worker.outbox(kind="provider/wrong_address") == []
    [counter] = await worker.outbox(kind="social_worker/fee_counter")
    assert "£3,925" in header(counter, "Subject")
    await answer(worker, unclear, "Weekly fee: £3,925")  # sent again: no second round
    await _agree(worker)
    assert await worker.outbox(kind="social_worker/instruction_refused") == []
    [ipa] = await worker.outbox(kind="provider/ipa")
    assert "£3,925 a week" in text_of(ipa)


async def test_a_home_s_agreed_with_someone_that_refuses_agrees_nothing(worker: Worker) -> None:
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal,
                 "Agreed with our director that the lowest we can go is £3,950 a week.")
    [referral] = await worker.referrals()
    assert referral.state == "negotiating" and await worker.outbox(kind="provider/ipa") == []


async def test_a_home_s_agreed_alone_agrees_and_agreed_at_another_figure_counters(
        worker: Worker) -> None:
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal, "Agreed at £3,900 pw, thanks")
    [counter] = await worker.outbox(kind="social_worker/fee_counter")
    assert "£3,900" in text_of(counter)
    assert await worker.outbox(kind="provider/ipa") == []


async def test_the_figure_after_one_taken_back_is_the_counter(worker: Worker) -> None:
    """'We wish we could do £3,800, but £4,000 is our lowest': the £3,800 is taken back and
    never the counter; the £4,000 the words after it put forward is."""
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal, "We wish we could do £3,800, but £4,000 is our lowest.")
    [counter] = await worker.outbox(kind="social_worker/fee_counter")
    assert "proposed a weekly fee of £4,000" in text_of(counter)
    # her own proposal is said back to her (ux49s U9); the home's £3,800 nowhere else
    assert "£3,800" not in text_of(counter).replace("You proposed £3,800 a week", "")


@pytest.mark.parametrize("words", [
    "There is no way we could do £3,800 for this level of need; we stay at £4,000.",
    "We could do £3,800 for 4 weeks, then £4,200.",
    "We can do £3,800 for the first 4 weeks, then £4,200 after that.",
])
async def test_a_figure_the_home_takes_back_or_steps_up_from_is_no_counter(
        worker: Worker, words: str) -> None:
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    await answer(worker, proposal, words)
    assert await worker.outbox(kind="social_worker/fee_counter") == []
    assert await worker.outbox(kind="provider/fee_unclear")  # asked instead
