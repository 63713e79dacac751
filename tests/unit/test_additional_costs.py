"""A provider's additional costs as the service reads them (workflows/signoff.py's
`extra_weekly`) and quotes them to the commissioners (workflows/placement.py's cost block):
the weekly figure the approval, the sign-off and the fees report count, and the provider's
words without a link to follow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workflows.signoff import extra_weekly


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
