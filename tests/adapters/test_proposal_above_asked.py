"""Rule `propose-above-asked-and-budget` (workflows/agreement_proposal.py): `PROPOSE £6,400`
when the home asked £4,650 and the budget is £4,800 (a slip for £4,600?) went to the home at
once.
A proposal above both what the home asks and the budget is now put to its sender first; her
"Yes" to that email sends it. One above only one of them goes as before. A "Yes" to a request
overtaken since (a later proposal, another home chosen) sends nothing: an old "Yes" sent £6,400
to the home after £3,900 had gone, and to the next home chosen after the first withdrew."""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.db.tables import Outbox, Referral
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
    """Two homes offered £4,000 and were approved; A is chosen; the budget is £3,900."""
    made = await make_worker(tmp_path, database_url)
    referral = await approved_with_offers(made, homes=2)
    async with made.sessions() as session, session.begin():
        row = await session.get(Referral, referral.id)
        assert row is not None
        row.raw_fields = {**(row.raw_fields or {}), "budget_weekly": "3900"}
    await made.receive(referral_email("CHOOSE A", subject=f"Re: {referral.reference}"))
    yield made
    await made.db.dispose()


async def _propose(worker: Worker, line: str) -> None:
    [referral] = await worker.referrals()
    await worker.receive(referral_email(line, subject=f"Re: {referral.reference}"))


async def test_a_proposal_above_the_homes_fee_and_the_budget_is_confirmed_first(
        worker: Worker) -> None:
    await _propose(worker, "PROPOSE £6,400 per week")
    assert await worker.outbox(kind="provider/fee_proposal") == []
    [asked] = await worker.outbox(kind="council/confirm_instruction")
    assert "You proposed £6,400 a week, more than" in text_of(asked)
    assert "(£4,000) and over the budget (£3,900): reply Yes" in text_of(asked)
    [referral] = await worker.referrals()
    await worker.receive(referral_email(
        "Yes", subject=f"Re: {header(asked, 'Subject')}",
        in_reply_to=header(asked, "Message-ID")))
    [proposal] = await worker.outbox(kind="provider/fee_proposal")
    assert "£6,400" in text_of(proposal) and "3,900" not in text_of(proposal)
    assert len(await worker.outbox(kind="council/confirm_instruction")) == 1


@pytest.mark.parametrize("line", ["PROPOSE £3,950 per week",  # over the budget only
                                  "PROPOSE £3,800 per week"])  # under both
async def test_a_proposal_not_above_both_goes_at_once(worker: Worker, line: str) -> None:
    await _propose(worker, line)
    assert await worker.outbox(kind="council/confirm_instruction") == []
    assert len(await worker.outbox(kind="provider/fee_proposal")) == 1


async def _yes(worker: Worker, asked: Outbox) -> None:
    await worker.receive(referral_email(
        "Yes", subject=f"Re: {header(asked, 'Subject')}",
        in_reply_to=header(asked, "Message-ID")))


async def _refusals(worker: Worker) -> list[str]:
    return [text_of(row) for row in await worker.outbox(kind="social_worker/instruction_refused")]


async def test_a_yes_after_a_later_proposal_sends_nothing(worker: Worker) -> None:
    await _propose(worker, "PROPOSE £6,400 per week")
    [asked] = await worker.outbox(kind="council/confirm_instruction")
    await _propose(worker, "PROPOSE £3,850 per week")  # under both: sent at once
    await _yes(worker, asked)
    [sent] = await worker.outbox(kind="provider/fee_proposal")
    assert "£3,850" in text_of(sent)
    [refusal] = await _refusals(worker)
    assert ("That proposal (PROPOSE £6,400) was overtaken by a later proposal of £3,850 a week; "
            "nothing was sent to Larch House.") in " ".join(refusal.split())


async def test_only_the_latest_request_to_confirm_is_carried_out(worker: Worker) -> None:
    await _propose(worker, "PROPOSE £6,400 per week")
    await _propose(worker, "PROPOSE £6,500 per week")
    first, second = await worker.outbox(kind="council/confirm_instruction")
    await _yes(worker, first)
    assert await worker.outbox(kind="provider/fee_proposal") == []
    [refusal] = await _refusals(worker)
    assert "overtaken by a later proposal of £6,500 a week" in " ".join(refusal.split())
    await _yes(worker, second)
    [sent] = await worker.outbox(kind="provider/fee_proposal")
    assert "£6,500" in text_of(sent)


async def test_a_yes_after_another_home_is_chosen_sends_it_nothing(worker: Worker) -> None:
    await _propose(worker, "PROPOSE £6,400 per week")
    [asked] = await worker.outbox(kind="council/confirm_instruction")
    [chosen] = await worker.outbox(kind="provider/chosen")
    await answer(worker, chosen, "Sorry, we have to withdraw our offer: the bed has gone.")
    await _propose(worker, "CHOOSE B")
    [referral] = await worker.referrals()
    assert referral.chosen != chosen.establishment
    await _yes(worker, asked)
    assert await worker.outbox(kind="provider/fee_proposal") == []
    [refusal] = await _refusals(worker)
    assert "was overtaken by the choice of" in refusal and "nothing was sent" in refusal
