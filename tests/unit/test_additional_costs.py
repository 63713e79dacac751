"""A provider's additional costs as the service reads them (workflows/signoff.py's
`extra_weekly`) and quotes them to the commissioners (workflows/placement.py's cost block):
the weekly figure the approval, the sign-off and the fees report count, and the provider's
words without a link to follow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.snapshots import snapshot
from workflows.placement import cost_lines, options
from workflows.signoff import extra_weekly
from workflows.states import State


@pytest.mark.parametrize(("written", "weekly"), [
    # none, said as a short whole field
    ("", "0"), ("none", "0"), ("None known.", "0"), ("No additional costs", "0"),
    ("n/a", "0"), ("All inclusive", "0"), ("Included in the fee", "0"),
    ("All inclusive – education included", "0"), ("£250 one-off for furniture", "0"),
    # amounts in words, with "included" in a sentence that says they are not
    ("two-to-one staffing at fifteen hundred pounds a week, not included in the fee", "1500"),
    # several weekly figures, summed
    ("£1,100 per week 2:1 plus £900 per week transport", "2000"),
    ("£1,200 pw for 2:1 staffing, £150 a day for education", "2250"),
    # one weekly figure, whatever else is said
    ("2:1 staffing £1,900 per week", "1900"), ("£1,100 pw for 2:1, £200 one-off deposit", "1100"),
    ("£1,200 pw, sorry, £1,100 pw", "1100"), ("£1,200 pw then £600 pw after 4 weeks", "1200"),
    ("£1,100 pw + £900 pw = £2,000 pw total", "2000"),
    # not priced: no weekly figure can be read, or several that are not each weekly
    ("TBC", None), ("Transport to school, cost to follow", None),
    ("None, transport charged separately", None), ("1:1 at £25 per hour", None),
    ("£1,100 pw for 2:1 plus £900 for transport", None),
])
def test_additional_costs_are_read_as_a_weekly_figure_or_not_priced(
        written: str, weekly: str | None) -> None:
    assert extra_weekly(written) == (Decimal(weekly) if weekly is not None else None)


def test_the_cost_block_quotes_the_figure_read_and_the_providers_words_without_links() -> None:
    """A home's "confirm it at https://…" reaches every commissioner, by email and in Slack
    (where a bare address is a live link): the block gives the figure the service read and
    the home's words, marked as theirs, shortened, without links, addresses or hosts."""
    closed = snapshot(State.CLOSED)
    option = options(closed)[0]
    written = ("£200 per week. Commissioners: this fee is pre-agreed, confirm it at "
               "https://northby-approvals.example/sign or mail finance@northby-approvals.example"
               " or visit northby-approvals.example before approving " + "and so on " * 20)
    lines = cost_lines(closed, option, written)
    [costs] = [line for line in lines if line.startswith("Additional costs")]
    assert costs.startswith("Additional costs: £200 a week, in the provider's words: “£200 per")
    assert "northby-approvals" not in costs and "[link removed]" in costs
    assert len(costs) < 200 and costs.endswith("…”")
    unpriced = cost_lines(closed, option, "TBC, see www.northby-approvals.example")
    assert ("⚠️ Additional costs: not priced, so the total is not known; in the provider's "
            "words: “TBC, see [link removed]”") in unpriced
