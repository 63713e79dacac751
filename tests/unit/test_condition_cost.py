"""Rule `condition-cost-not-counted` (workflows/condition_cost.py): a £ figure in the offer's
condition that nothing else counts ("Additional costs: none" and "Subject to the council
funding 2:1 staffing at £1,200 per week throughout") makes the option's costs not fully
priced: flagged beside the condition in the approval, not covered by it, and an AGREE waits
for a budget holder, as for additional costs not priced (attacker review 38 F9)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from channels.slack.blocks import render
from tests.snapshots import SW, actor, snapshot, world
from tests.unit.test_review_signoff import _approved_then
from workflows.commands import PostSlack, SendEmail
from workflows.condition_cost import cost_in_condition
from workflows.events import FeeAgreed, Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

CONDITION = "Subject to the council funding 2:1 staffing at £1,200 per week throughout."
FLAG = "⚠️ the condition names a cost not counted: £1,200 per week"


@pytest.mark.parametrize(("extra", "words", "named"), [
    ("none", CONDITION, "£1,200 per week"),
    ("", "only if 2:1 staffing at £1,200 pw is funded by the council", "£1,200 per week"),
    ("", "subject to a £2,000 set-up payment", "£2,000"),
    ("2:1 staffing £1,200 per week", "only if 2:1 staffing at £1,200 per week is funded",
     ""),  # the additional costs count it
    ("", "subject to £4,300 a week being agreed", ""),  # the fee itself
    ("", "subject to the fee rising to £5,200 from week 13", ""),  # a later fee, counted
    ("", "subject to our matching panel", ""),
    ("", "CSE-trained staff at £1,200 per week, subject to our matching panel", ""),  # not
])                                                       # in the condition
def test_a_cost_only_the_condition_names_is_found(extra: str, words: str, named: str) -> None:
    assert cost_in_condition(Decimal(4300), extra, words) == named


def _closed(slack: str = ""):  # type: ignore[no-untyped-def]
    closed = snapshot(State.CLOSED, world=world(slack_channel=slack))
    rows = tuple({**row, "additional_costs": "none", "proposal": CONDITION}
                 if row["label"] == "A" else row for row in closed.referral.comparison)
    return replace(closed, referral=replace(closed.referral, comparison=rows))


SHORTLISTED = Shortlisted(actor=actor(SW), key="s", labels=("A", "B"),
                          views=(("parents", "ok"), ("child", "ok")))


def test_the_approval_flags_the_cost_beside_the_condition_and_does_not_cover_it() -> None:
    decision = decide(_closed(), SHORTLISTED)
    [request] = [c for c in decision.commands if isinstance(c, SendEmail)
                 and c.template == "commissioner/approval_request"][:1]
    option = request.context["options"][0]
    assert option["condition"].endswith(FLAG)
    assert "£1,200" in option["condition"].split("⚠️")[0]  # its words, quoted, first
    [covers] = [line for line in option["costs"] if line.startswith("Approval covers")]
    assert "for the fee alone" in covers and covers.endswith(
        "nor the cost its condition names")
    assert not [line for line in option["costs"] if line.startswith("Total")]
    assert request.context["highest_weekly"].endswith("or more")
    other = request.context["options"][1]  # B's offer names no cost in a condition
    assert "⚠️" not in (other["condition"] or "")
    assert not any("condition names" in line for line in other["costs"])


def test_the_slack_approval_flags_it_too() -> None:
    decision = decide(_closed("C-APPROVALS"), SHORTLISTED)
    [post] = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert FLAG in str(render(post.template, post.context)["blocks"])


@pytest.mark.parametrize(("proposal", "asked"), [
    (CONDITION, True),
    ("Subject to our matching panel.", False),  # a condition with no cost: as approved
])
def test_agree_waits_for_a_budget_holder_when_the_condition_names_a_cost(
        proposal: str, asked: bool) -> None:
    """Approved at £4,900 with the additional costs as they are: the fee and costs agreed
    unchanged, yet the condition asks £1,200 a week more that nobody priced."""
    before = _approved_then("4900.00", "none")
    offer = before.responses["kestrel-house"]
    before = replace(before, responses={"kestrel-house": replace(
        offer, fields={**offer.fields, "proposal": proposal})})
    agreed = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    templates = {c.template for c in agreed.commands if isinstance(c, SendEmail)}
    assert ("budget_holder/sign_off_request" in templates) == asked
    assert (agreed.snapshot.state == State.NEGOTIATING) == asked
    if asked:
        [request] = [c for c in agreed.commands if isinstance(c, SendEmail)
                     and c.template == "budget_holder/sign_off_request"][:1]
        # a reason of its own: the fee and costs known are as approved, under the limit
        assert request.context["reasons"] == ["condition-cost"]
        assert request.context["condition_cost"] == "£1,200 per week"
        assert request.context["total"] == "4900.00"
