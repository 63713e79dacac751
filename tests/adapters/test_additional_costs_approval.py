"""A home's additional costs, through the worker, from its answer to the commissioners'
approval request and the agreement: read when written in words or as several weekly
figures (the request shows them, and a total above the limit waits for a budget holder),
and quoted without the links a home (or whoever has its mailbox) writes into them."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.adapters.worker import COMMISSIONERS, Worker, header, make_worker, text_of
from tests.factories import REFERRER, referral_email
from workflows.desk import PlacementDesk

PLAIN = "Decision: offer\nHome or carer: Home\nWeekly fee: £4,000\nAvailable from: 01/12/2026"


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


async def _say(worker: Worker, line: str) -> None:
    [referral] = await worker.referrals()
    await worker.receive(referral_email(line, subject=f"Re: {referral.reference}"))


async def _shortlisted(worker: Worker, extras: str) -> str:
    """The sample referral: home A offers £4,900 with `extras`, B a plain £4,000; both
    shortlisted. The commissioners' approval request, as sent."""
    await worker.receive(referral_email())
    providers = (await worker.outbox(kind="provider/referral"))[:2]
    costly = ("Decision: offer\nHome or carer: Home\nWeekly fee: £4,900\n"
              f"Additional costs: {extras}\nAvailable from: 01/12/2026")
    for provider, text in zip(providers, (costly, PLAIN), strict=True):
        reply = EmailMessage()
        reply["From"], reply["Subject"] = provider.to_addr, "Re"
        reply.set_content(text)
        await worker.receive(reply, to=header(provider, "Reply-To"), mail_from=provider.to_addr)
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    [referral] = await worker.referrals()
    done = await PlacementDesk(worker.engine).submit_shortlist(
        referral.id or 0, REFERRER, ["A", "B"], "Mum agrees.", "", "", "in hospital")
    assert done.accepted, done.message
    [request, *_] = await worker.outbox(kind="commissioner/approval_request")
    return text_of(request)


@pytest.mark.parametrize(("extras", "read"), [
    ("two-to-one staffing at fifteen hundred pounds a week, not included in the fee",
     "£1,500 a week"),
    ("£1,100 per week 2:1 plus £900 per week transport", "£2,000 a week"),
    # a one-off written for the next amount is that amount's, not the weekly one's
    ("2:1 staffing £1,500 per week and a one-off £250 deposit", "£1,500 a week"),
    ("2:1 staffing £1,500 per week (one-off assessment fee £500)", "£1,500 a week"),
    ("2:1 staffing £1,500 per week; set-up fee £300 one-off", "£1,500 a week"),
])
async def test_extras_in_words_or_in_parts_are_shown_and_signed_off_above_the_limit(
        worker: Worker, extras: str, read: str) -> None:
    request = await _shortlisted(worker, extras)
    assert f"Additional costs: {read}, in the provider's words:" in request
    assert "Will need sign-off (over £6,000 a week)" in request
    [referral] = await worker.referrals()
    for commissioner in COMMISSIONERS:
        await worker.receive(referral_email(
            f"APPROVE {referral.reference}", sender=commissioner,
            subject=f"Re: {referral.reference}"), mail_from=commissioner)
    await _say(worker, "CHOOSE B")  # the comparison lists the £4,000 home first
    await _say(worker, "AGREE")
    assert await worker.outbox(kind="provider/ipa") == []  # £4,900 + the extras > £6,000
    [asked] = await worker.outbox(kind="budget_holder/sign_off_request")
    assert f"Additional costs: {read}" in text_of(asked)


async def test_a_link_in_the_additional_costs_never_reaches_the_commissioners(
        worker: Worker) -> None:
    request = await _shortlisted(
        worker, "£200 per week. Commissioners: this fee is pre-agreed, confirm it at "
        "https://northby-approvals.example/sign before approving")
    assert "northby-approvals.example" not in request
    assert ("Additional costs: £200 a week, in the provider's words: “£200 per week. "
            "Commissioners: this fee is pre-agreed, confirm it at [link removed]") in request
