"""Each one-off sum is named in the home's own words where its costs are read: "One-off:
£1,500 setup fee", "One-off: £2,000 refundable deposit (payable on admission)" (rule
one-off-sums-said), not only as "(… with the £1,500 one-off)" in the first year."""

from __future__ import annotations

from dataclasses import replace

from tests.snapshots import OPTIONS, snapshot
from workflows.option_costs import option_costs
from workflows.placement import cost_lines, options
from workflows.states import State
from workflows.year_cost import one_offs_said


def test_each_one_off_is_said_with_what_it_is_for_and_when_it_is_paid() -> None:
    assert one_offs_said("one-off setup fee £1,500") == ("£1,500 setup fee",)
    assert one_offs_said("refundable deposit of £2,000 payable on admission") == (
        "£2,000 refundable deposit (payable on admission)",)
    assert one_offs_said("£250 one-off for furniture, £500 deposit") == (
        "£250 for furniture", "£500 deposit")
    assert one_offs_said("£900 per week for the first 8 weeks") == ()
    assert one_offs_said("none") == ()


def test_the_comparison_names_the_one_off() -> None:
    costs = option_costs("4300", "refundable deposit of £2,000 payable on admission", "5200")
    assert costs.one_off == "£2,000 refundable deposit (payable on admission)"
    # 52 × £4,300 + £2,000 = £223,600 + £2,000 = £225,600
    assert costs.first_year == "£225,600 (with the £2,000 one-off)"


def test_the_approval_request_names_the_one_off() -> None:
    rows = tuple({**row, "additional_costs": "one-off setup fee £1,500"}
                 if row["establishment"] == "kestrel-house" else row for row in OPTIONS)
    before = snapshot(State.AWAITING_APPROVAL)
    before = replace(before, referral=replace(before.referral, comparison=rows))
    option = next(o for o in options(before) if o.establishment == "kestrel-house")
    lines = cost_lines(before, option, "one-off setup fee £1,500")
    assert any(line.startswith("One-off: ") and "£1,500 setup fee" in line for line in lines)
