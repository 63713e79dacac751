"""Holding before broadcast (workflows/review.py) and the budget holder's sign-off
(workflows/signoff.py), decided on snapshots."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.snapshots import BUDGET, SW, TEAM, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.events import BroadcastApproved, FeeAgreed, FeeSignedOff, FormReceived
from workflows.lifecycle import decide
from workflows.states import State


def _templates(decision) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.template for c in decision.commands if hasattr(c, "template")}


def test_an_unproven_form_is_held_and_only_the_team_may_send_it() -> None:
    unproven = replace(actor(SW), authenticated=False)
    held = decide(snapshot(State.NEW), FormReceived(actor=unproven, key="k", form=FORM))
    assert held.snapshot.state == State.HELD
    # under the names the limits on answers to strangers count
    assert {"social_worker/held_unproved", "placements_team/held_unproved"} <= _templates(held)
    assert not any(t == "provider/referral" for t in _templates(held))
    by_sam = decide(held.snapshot, BroadcastApproved(actor=actor(SW), key="s"))
    assert by_sam.snapshot.state == State.HELD and not by_sam.answer.accepted
    by_team = decide(held.snapshot, BroadcastApproved(actor=actor(TEAM), key="t"))
    assert by_team.snapshot.state == State.OPEN and "provider/referral" in _templates(by_team)


def test_a_second_referral_of_the_same_child_is_held_naming_the_first() -> None:
    before = replace(snapshot(State.NEW), duplicates=("REF-2026-483920",))
    held = decide(before, FormReceived(actor=actor(SW), key="k", form=FORM))
    assert held.snapshot.state == State.HELD and "possible-duplicate" in held.rule
    sent = decide(held.snapshot, BroadcastApproved(actor=actor(SW), key="s"))
    assert sent.snapshot.state == State.OPEN  # the referrer may decide it is a new search


def _email(decision, template: str):  # type: ignore[no-untyped-def]
    return next(c for c in decision.commands if getattr(c, "template", "") == template)


def test_a_registered_referrer_is_told_which_referral_has_the_same_child() -> None:
    before = replace(snapshot(State.NEW), duplicates=("REF-2026-483920",))
    held = decide(before, FormReceived(actor=actor(SW), key="k", form=FORM))
    assert _email(held, "social_worker/held").context["duplicates"] == ["REF-2026-483920"]
    assert _email(held, "placements_team/held").context["duplicates"] == ["REF-2026-483920"]


def test_a_sender_the_directory_does_not_name_learns_nothing_of_another_referral() -> None:
    """Anyone at the council's domain may send a form; by typing a child's NHS number they
    must not learn that the child is being placed. The team is told, and only it may send."""
    desk = "facilities.desk@northby.gov.example"
    before = replace(snapshot(State.NEW), duplicates=("REF-2026-483920",))
    before = before.with_referral(referrer=desk)
    held = decide(before, FormReceived(actor=actor(desk), key="k", form=FORM))
    assert held.snapshot.state == State.HELD and "possible-duplicate" in held.rule
    to_sender = _email(held, "social_worker/held")
    assert to_sender.context["duplicates"] == [] and to_sender.context["team_only"]
    assert not any("another" in reason for reason in to_sender.context["reasons"])
    assert "REF-2026-483920" not in held.answer.message
    assert "another" not in held.answer.message
    assert _email(held, "placements_team/held").context["duplicates"] == ["REF-2026-483920"]
    by_desk = decide(held.snapshot, BroadcastApproved(actor=actor(desk), key="s"))
    assert by_desk.snapshot.state == State.HELD and "another" not in by_desk.answer.message
    by_team = decide(held.snapshot, BroadcastApproved(actor=actor(TEAM), key="t"))
    assert by_team.snapshot.state == State.OPEN


def test_a_fee_above_the_limit_waits_for_a_budget_holder() -> None:
    dear = replace(snapshot(State.NEGOTIATING), fee_rounds=((1, "provider", "6500.00"),))
    agreed = decide(dear, FeeAgreed(actor=actor(SW), key="a"))
    assert agreed.snapshot.state == State.NEGOTIATING
    assert "budget_holder/sign_off_request" in _templates(agreed)
    by_sam = decide(agreed.snapshot, FeeSignedOff(actor=actor(SW), key="x"))
    assert not by_sam.answer.accepted and by_sam.snapshot.state == State.NEGOTIATING
    signed = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    assert signed.snapshot.state == State.PLACED and "provider/ipa" in _templates(signed)
    refused = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="r",
                                                   decision="refuse", reason="over budget"))
    assert refused.snapshot.state == State.NEGOTIATING
    assert not decide(refused.snapshot, FeeAgreed(actor=actor(SW), key="c")).answer.accepted


def _asked_twice() -> object:
    """£6,500 agreed and sent for sign-off (round 2), then a counter of £12,000 agreed and
    sent again (round 4)."""
    first = decide(replace(snapshot(State.NEGOTIATING),
                           fee_rounds=((1, "provider", "6500.00"),)),
                   FeeAgreed(actor=actor(SW), key="a")).snapshot
    countered = replace(first, fee_rounds=(*first.fee_rounds, (3, "provider", "12000.00")))
    return decide(countered, FeeAgreed(actor=actor(SW), key="b")).snapshot


@pytest.mark.parametrize("decision", ["approve", "refuse"])
def test_a_sign_off_counts_only_for_the_fee_its_request_named(decision: str) -> None:
    """Signing off the £6,500 request must never place the child at £12,000."""
    waiting = _asked_twice()
    assert [(n, s) for n, s, _ in waiting.fee_rounds][-1] == (4, "awaiting-sign-off")  # type: ignore[attr-defined]
    on_old = FeeSignedOff(actor=actor(BUDGET), key="o", decision=decision, reason="x", round=2)
    old = decide(waiting, on_old)  # type: ignore[arg-type]
    assert not old.answer.accepted and "£12,000 a week" in old.answer.message
    assert old.snapshot.state == State.NEGOTIATING
    bare = decide(waiting, FeeSignedOff(actor=actor(BUDGET), key="n"))  # type: ignore[arg-type]
    assert not bare.answer.accepted and "latest request" in bare.answer.message
    named = decide(waiting, FeeSignedOff(actor=actor(BUDGET), key="y", round=4))  # type: ignore[arg-type]
    assert named.snapshot.state == State.PLACED


@pytest.mark.parametrize(("costs", "asked"), [
    ("£1,500 a week for 2:1 staffing", True),  # £4,800 + £1,500 is above £6,000
    ("Transport to school, cost to follow", True),  # an amount nobody can read
    ("none", False), ("£250 one-off for furniture", False), ("None known", False),
    ("No additional costs", False), ("All inclusive – education included", False),
])
def test_a_providers_additional_costs_count_towards_the_sign_off_limit(
        costs: str, asked: bool) -> None:
    """The IPA carries the additional costs: a fee under the limit with costs on top that
    take it over must not reach the agreement without a budget holder. (The costs are those
    the commissioners saw in the comparison: a one-off sum added since needs a sign-off of
    its own, tests/unit/test_one_off_costs.py.)"""
    negotiating = snapshot(State.NEGOTIATING)
    offer = negotiating.responses["kestrel-house"]
    rows = tuple({**row, "additional_costs": costs} if row["establishment"] == "kestrel-house"
                 else row for row in negotiating.referral.comparison)
    costly = replace(negotiating, responses={"kestrel-house": replace(
        offer, fields={**offer.fields, "additional_costs": costs})},
        referral=replace(negotiating.referral, comparison=rows))
    agreed = decide(costly, FeeAgreed(actor=actor(SW), key="a"))
    assert (agreed.snapshot.state == State.NEGOTIATING) == asked
    assert ("budget_holder/sign_off_request" in _templates(agreed)) == asked


def test_a_fee_within_the_limit_is_placed_at_once() -> None:
    placed = decide(snapshot(State.NEGOTIATING), FeeAgreed(actor=actor(SW), key="a"))
    assert placed.snapshot.state == State.PLACED  # £4,800 is within Northby's £6,000


def _approved_then(fee: str, costs: str = "none",  # type: ignore[no-untyped-def]
                   approved_costs: str | None = None):
    """Kestrel House approved at £4,900 (the comparison's fee, Sam's budget £5,000) with
    `approved_costs` (the same `costs` unless given), then chosen at `fee` with `costs`."""
    negotiating = snapshot(State.NEGOTIATING)
    offer = negotiating.responses["kestrel-house"]
    seen = costs if approved_costs is None else approved_costs
    rows = tuple({**row, "additional_costs": seen} if row["establishment"] == "kestrel-house"
                 else row for row in negotiating.referral.comparison)
    return replace(negotiating, fee_rounds=((1, "provider", fee),), responses={
        "kestrel-house": replace(offer, fields={**offer.fields, "additional_costs": costs})},
        referral=replace(negotiating.referral, comparison=rows))


@pytest.mark.parametrize(("fee", "costs", "asked"), [
    ("5950.00", "none", True),  # risen past the approved £4,900 and the £5,000 budget
    ("4990.00", "none", True),  # £90 more: there is no tolerance
    ("5000.00", "none", True),  # risen, though still within the budget
    ("5000.00", "£200 a week for transport", True),  # the total is above the budget
    ("4900.00", "£200 a week for transport", False),  # what was approved
    ("4850.00", "none", False),  # less than was approved
])
def test_any_fee_risen_since_the_approval_waits_for_a_budget_holder(
        fee: str, costs: str, asked: bool) -> None:
    """The commissioners approved £4,900, and their approval covers no more: a home asking
    £4,990 or £5,950 after the approval, under the £6,000 sign-off limit and the budget or
    not, is asking for money nobody accountable has seen."""
    agreed = decide(_approved_then(fee, costs), FeeAgreed(actor=actor(SW), key="a"))
    assert (agreed.snapshot.state == State.NEGOTIATING) == asked
    assert ("budget_holder/sign_off_request" in _templates(agreed)) == asked
    if asked:
        told = _email(agreed, "social_worker/sign_off_requested")
        assert told.context["reasons"] == ["risen"] and told.context["approved_fee"] == "4900.00"
        assert "above the fee approved (£4,900):" in agreed.answer.message
        signed = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
        assert signed.snapshot.state == State.PLACED


@pytest.mark.parametrize(("approved", "costs", "asked"), [
    ("none", "2:1 staffing £200 per week", True),  # £5,100 against £4,900 and £5,000
    ("none", "Transport to follow", True),  # not priced: nobody knows the total
    ("£100 a week for transport", "£250 a week for transport", True),  # £5,150 > £5,000
    ("£100 a week for transport", "£120 a week for transport", True),  # £20 more
    ("£100 a week for transport", "transport £100 per week", False),  # the same cost
])
def test_additional_costs_added_since_the_approval_wait_for_a_budget_holder(
        approved: str, costs: str, asked: bool) -> None:
    """The commissioners approved £4,900 a week with the costs in the comparison; the same
    fee with new or higher additional costs is money nobody approved, within the £5,000
    budget and under the £6,000 limit or not."""
    agreed = decide(_approved_then("4900.00", costs, approved),
                    FeeAgreed(actor=actor(SW), key="a"))
    assert ("budget_holder/sign_off_request" in _templates(agreed)) == asked
    assert (agreed.snapshot.state == State.NEGOTIATING) == asked
    if asked:
        request = _email(agreed, "budget_holder/sign_off_request").context
        assert "risen" in request["reasons"] and "approved_total" in request
        assert "above the cost approved with its additional costs" in agreed.answer.message


def test_the_sign_off_request_shows_fee_extras_total_limit_and_budget() -> None:
    """£4,800 is under the £6,000 limit only until the £1,500 a week of 2:1 staffing is
    added: the budget holder sees the sum, the budget and the date the place is needed."""
    agreed = decide(_approved_then("4800.00", "£1,500 a week for 2:1 staffing"),
                    FeeAgreed(actor=actor(SW), key="a"))
    asked = _email(agreed, "budget_holder/sign_off_request").context
    assert (asked["agreed_fee"], asked["extra_weekly"], asked["total"], asked["limit"],
            asked["budget"], asked["needed_from"]) == (
        "4800.00", "1500.00", "6300.00", "6000.00", "5000.00", "2026-12-01")
    assert asked["reasons"] == ["limit"]  # £4,800 is under the £4,900 approved
