"""What commissioners and budget holders read of a cost the offer's condition names (rule
condition-cost-not-counted, workflows/condition_cost.py), and of an emergency's sign-off
(workflows/needed.py), rendered from real decisions (tester ux50c 2.2, 2.4, 2.5, 4.6).

"Additional costs: none" with "subject to the council funding 2:1 staffing at £600 per week
for the first 6 weeks": the £600 is no additional cost, so nothing may say the additional
costs are not priced, nor claim a limit or a rise the known figures do not show; the budget
line counts a weekly condition cost, and the sign-off request, the placed notice and the
approval name it. The sample's budget is £5,000 a week and its sign-off limit £6,000."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.provider_mail import text_of
from tests.snapshots import ALEX, BUDGET, SW, actor, snapshot, world
from tests.unit.test_review_signoff import _approved_then
from workflows.commands import SendEmail
from workflows.events import FeeAgreed, FeeSignedOff, Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

SIX_WEEKS = ("This offer is subject to the council funding 2:1 staffing at £{} for the first "
             "6 weeks.")


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def _with_condition(cost: str, fee: str = "4900.00"):  # type: ignore[no-untyped-def]
    """Kestrel House approved at £4,900 with no additional costs, its reply's condition
    naming `cost`, chosen and agreed at `fee`."""
    before = _approved_then(fee, "none")
    offer = before.responses["kestrel-house"]
    return replace(before, responses={"kestrel-house": replace(offer, fields={
        **offer.fields, "weekly_fee": 4900, "proposal": SIX_WEEKS.format(cost)})})


def _closed(cost: str):  # type: ignore[no-untyped-def]
    closed = snapshot(State.CLOSED)
    rows = tuple({**row, "additional_costs": "none", "proposal": SIX_WEEKS.format(cost)}
                 if row["label"] == "A" else row for row in closed.referral.comparison)
    return replace(closed, referral=replace(closed.referral, comparison=rows))


@pytest.mark.parametrize(("cost", "budget", "flag"), [
    # £4,900 + £600 = £5,500: £500 over the £5,000 budget, under the £6,000 limit
    ("600 per week", "Budget: £5,000 a week, ⚠️ £500 over budget with the condition's £600 "
     "per week while it applies (the fee alone: £100 under)",
     "⚠️ Will need sign-off: the condition's cost (£600 per week) is not counted"),
    # £4,900 + £1,200 = £6,100: over the limit while it applies
    ("1,200 per week", "Budget: £5,000 a week, ⚠️ £1,100 over budget with the condition's "
     "£1,200 per week while it applies (the fee alone: £100 under)",
     "⚠️ Will need sign-off (over £6,000 a week with the condition's £1,200 per week)"),
    # a cost for another period is not added: said not to be counted
    ("90 a night", "Budget: £5,000 a week, £100 under budget for the fee, before the cost "
     "its condition names (£90 per night), not counted",
     "⚠️ Will need sign-off: the condition's cost (£90 per night) is not counted"),
])
def test_the_approval_judges_the_budget_and_sign_off_with_the_conditions_cost(
        cost: str, budget: str, flag: str) -> None:
    decision = decide(_closed(cost), Shortlisted(
        actor=actor(SW), key="s", labels=("A", "B"), views=(("parents", "ok"), ("child", "ok"))))
    [request] = _sent(decision, "commissioner/approval_request")[:1]
    lines = request.context["options"][0]["costs"]
    assert budget in lines and flag in lines
    assert not any("additional costs" in line and "sign-off" in line for line in lines)


def test_the_sign_off_request_names_the_conditions_cost_and_no_false_reason() -> None:
    """£4,900 agreed as approved, no additional costs, under the £6,000 limit: the only
    reason is the £600 a week the condition names."""
    agreed = decide(_with_condition("600 per week"), FeeAgreed(actor=actor(SW), key="a"))
    [request] = _sent(agreed, "budget_holder/sign_off_request")[:1]
    body = text_of(request)
    assert ("the offer's condition names a cost the commissioners' approval does not cover: "
            "£600 per week") in body
    assert ("in the provider's words: “subject to the council funding 2:1 staffing at £600 per "
            "week for the first 6 weeks”") in body
    # 4,900 × 52 = 254,800, the condition's cost besides
    assert "First year: £254,800 (52 weeks) and the condition's cost, not counted" in body
    for untrue in ("sign-off limit", "risen", "not priced", "come on top"):
        assert untrue not in body


def test_the_placed_notice_names_the_conditions_cost() -> None:
    asked = decide(_with_condition("600 per week"), FeeAgreed(actor=actor(SW), key="a"))
    signed = decide(asked.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    notices = {n.to: text_of(n) for n in _sent(signed, "commissioner/placed")}
    for who in (ALEX, BUDGET):
        assert ("Not counted above: the offer's condition names a cost of £600 per week, in "
                "the provider's words: “subject to the council funding") in notices[who]


def test_an_offer_whose_condition_names_no_cost_says_nothing_of_one() -> None:
    agreed = decide(_approved_then("5950.00", "none"), FeeAgreed(actor=actor(SW), key="a"))
    body = text_of(_sent(agreed, "budget_holder/sign_off_request")[0])
    assert "condition" not in body and "sign-off limit" not in body


@pytest.mark.parametrize(("urgency", "today", "subject", "closing"), [
    # an emergency whose day asked for has passed: EMERGENCY, needed now
    ("emergency", date(2026, 12, 3), "EMERGENCY REF-2026-000001: ",
     "the place is needed now (an emergency): please decide as soon as you can"),
    # an urgent one whose day has passed: needed now, never "decide by" a day gone
    ("urgent", date(2026, 12, 3), "REF-2026-000001: ",
     "the place is needed now: please decide as soon as you can"),
    # the day still to come: decide by then
    ("urgent", date(2026, 11, 25), "REF-2026-000001: ",
     "the child needs the place from Tuesday 1 December 2026: please decide by then"),
])
def test_the_sign_off_request_says_when_the_place_is_needed(
        urgency: str, today: date, subject: str, closing: str) -> None:
    before = _approved_then("5950.00", "none")
    before = replace(before, world=world(today=today), referral=replace(
        before.referral, urgency=urgency))
    [request] = _sent(decide(before, FeeAgreed(actor=actor(SW), key="a")),
                      "budget_holder/sign_off_request")[:1]
    body = text_of(request)
    assert body.startswith("Subject: " + subject) or body.startswith(subject)
    assert closing in body
    assert ("(needed now: that day has passed)" in body) == (today > date(2026, 12, 1))
