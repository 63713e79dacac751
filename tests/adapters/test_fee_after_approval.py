"""A shortlisted home that asks more after the commissioners approved it: its fee risen above
the approved one and the budget leads to no IPA on the approval alone. The social worker is
told when the answer changes and when the agreement waits; the budget holder is asked; the
change is on the timeline; the IPA follows their sign-off."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import ReferralEvent
from tests.adapters.worker import (
    NORTHBY_COMMISSIONERS,
    Worker,
    answer,
    approved_with_offers,
    make_worker,
    text_of,
)
from tests.factories import referral_email

BUDGET_HOLDER = "olivia.price@northby.gov.example"


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """Two homes offered £4,000 each against a £5,200 budget, both shortlisted and
    approved."""
    made = await make_worker(tmp_path, database_url)
    await approved_with_offers(made, homes=2)
    yield made
    await made.db.dispose()


async def _say(worker: Worker, line: str, sender: str | None = None) -> None:
    [referral] = await worker.referrals()
    if sender is None:
        await worker.receive(referral_email(line, subject=f"Re: {referral.reference}"))
    else:
        await worker.receive(referral_email(line, sender=sender,
                                            subject=f"Re: {referral.reference}"),
                             mail_from=sender)


async def _events(worker: Worker) -> list[ReferralEvent]:
    async with worker.sessions() as session:
        return list((await session.execute(select(ReferralEvent))).scalars())


async def test_a_fee_risen_after_approval_waits_for_the_budget_holder(worker: Worker) -> None:
    papers = (await worker.outbox(kind="provider/papers"))[0]
    await answer(worker, papers, "Decision: offer\nWeekly fee: £5,950\nAdditional costs: none")
    [changed] = await worker.outbox(kind="social_worker/late_response")
    assert "£4,000 → £5,950 a week" in text_of(changed)
    assert "budget holder must sign the new fee off" in text_of(changed)
    [event] = [e for e in await _events(worker) if e.kind == "fee-changed-after-approval"]
    assert (event.data["approved_fee"], event.data["weekly_fee"]) == ("4000.00", "5950.00")

    await _say(worker, "CHOOSE A")
    [chosen] = await worker.outbox(kind="social_worker/chosen")  # says what AGREE will do
    assert "and issue the Individual Placement Agreement" not in text_of(chosen)
    assert "a budget holder will be asked to sign it off first" in text_of(chosen)
    await _say(worker, "AGREE")
    assert await worker.outbox(kind="provider/ipa") == []  # £5,950 is under the £6,000 limit
    [request] = await worker.outbox(kind="budget_holder/sign_off_request")
    assert request.to_addr == BUDGET_HOLDER
    assert "(£4,000 → £5,950 a week)" in text_of(request)
    [notice] = await worker.outbox(kind="social_worker/sign_off_requested")
    assert BUDGET_HOLDER in text_of(notice)
    assert "as soon as they decide" in text_of(notice)  # one was asked, not "one of them"
    [referral] = await worker.referrals()
    assert referral.state == "negotiating"

    await _say(worker, f"SIGN OFF {referral.reference}", sender=BUDGET_HOLDER)
    [ipa] = await worker.outbox(kind="provider/ipa")
    assert "£5,950 a week" in text_of(ipa)


async def test_any_rise_within_the_budget_waits_and_those_who_approved_hear_the_outcome(
        worker: Worker) -> None:
    """£4,050 against the £4,000 approved (1.25% up, under the £5,200 budget): approving the
    shortlist covered £4,000, so the budget holder is asked; once they sign it off, the
    commissioners who approved and the budget holder are told the placement and its fee."""
    papers = (await worker.outbox(kind="provider/papers"))[0]
    await answer(worker, papers, "Decision: offer\nWeekly fee: £4,050\nAdditional costs: none")
    [changed] = await worker.outbox(kind="social_worker/late_response")
    assert "£4,000 → £4,050 a week" in text_of(changed)
    assert "more than the commissioners approved" in text_of(changed)
    await _say(worker, "CHOOSE A")
    await _say(worker, "AGREE")
    assert await worker.outbox(kind="provider/ipa") == []
    [request] = await worker.outbox(kind="budget_holder/sign_off_request")
    assert request.to_addr == BUDGET_HOLDER
    [referral] = await worker.referrals()
    await _say(worker, f"SIGN OFF {referral.reference}", sender=BUDGET_HOLDER)
    assert len(await worker.outbox(kind="provider/ipa")) == 1
    notices = {n.to_addr: text_of(n) for n in await worker.outbox(kind="commissioner/placed")}
    assert set(notices) == {*NORTHBY_COMMISSIONERS, BUDGET_HOLDER}  # all asked, not only approvers
    for text in notices.values():
        assert "Agreed weekly fee: £4,050 a week (approved £4,000; £50 more than approved)" \
            in " ".join(text.split())
        assert f"IPA-{referral.reference}" in text
    assert "Your sign-off of £4,050 a week for " in notices[BUDGET_HOLDER]


async def test_a_fee_at_the_approved_one_is_placed_at_once(worker: Worker) -> None:
    await _say(worker, "CHOOSE A")
    [chosen] = await worker.outbox(kind="social_worker/chosen")
    assert "AGREE to accept that fee and issue the Individual Placement" in text_of(chosen)
    await _say(worker, "AGREE")
    assert await worker.outbox(kind="budget_holder/sign_off_request") == []
    assert len(await worker.outbox(kind="provider/ipa")) == 1
    assert {n.to_addr for n in await worker.outbox(kind="commissioner/placed")} == set(
        NORTHBY_COMMISSIONERS)


async def test_additional_costs_added_after_approval_wait_for_the_budget_holder(
        worker: Worker) -> None:
    """The same £4,000 fee, now with £1,900 a week of 2:1 staffing: £5,900 against the
    £5,200 budget and the £4,000 approved, under the £6,000 limit, is money nobody approved."""
    papers = (await worker.outbox(kind="provider/papers"))[0]
    await answer(worker, papers, "Decision: offer\nWeekly fee: £4,000\n"
                 "Additional costs: 2:1 staffing £1,900 per week")
    [told] = await worker.outbox(kind="social_worker/late_response")  # she hears it first
    assert "additional costs have risen" in text_of(told)
    assert "a budget holder must sign the new cost off first" in " ".join(text_of(told).split())
    await _say(worker, "CHOOSE A")
    await _say(worker, "AGREE")
    assert await worker.outbox(kind="provider/ipa") == []
    [request] = await worker.outbox(kind="budget_holder/sign_off_request")
    assert "Total: £5,900 a week" in text_of(request)
    assert "(£4,000 → £5,900 a week, with the additional costs)" in text_of(request)
    [referral] = await worker.referrals()
    await _say(worker, f"SIGN OFF {referral.reference}", sender=BUDGET_HOLDER)
    [ipa] = await worker.outbox(kind="provider/ipa")
    assert "£1,900 per week" in text_of(ipa)
