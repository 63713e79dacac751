"""Rule `first-year-counts-time-limited-costs`, attacker's review 35 (F2): weeks a home names
as a least or a first period ("for 12 weeks minimum", "in the first instance", "for the first
12 weeks, then review") are not when the extra stops. A budget holder cannot count on it
stopping, so the first year counts it all 52 weeks (£348,400 on a fee of £5,800 with £900 a
week, not £312,400), and the note says it was counted all year. "For up to 12 weeks" is a
most: it still stops then."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workflows.year_cost import weeks_limited, year_of, yearly_note

FEE = Decimal(5800)


@pytest.mark.parametrize("extra", [
    "2:1 staffing £900 per week for 12 weeks minimum",
    "2:1 staffing £900 per week for 12 weeks min.",
    "2:1 staffing £900 per week for at least 12 weeks",
    "2:1 staffing £900 per week for 12 weeks in the first instance",
    "2:1 staffing £900 per week initially for 12 weeks",
    "2:1 staffing £900 per week for 12 weeks to start with",
    "2:1 staffing £900 per week for the first 12 weeks, then review",
    "2:1 staffing £900 per week for the first 12 weeks, subject to review",
    "2:1 staffing £900 per week for 12 weeks, to be reviewed after",
    "2:1 staffing £900 per week for 12 weeks or longer",
    "2:1 staffing £900 per week for 12+ weeks",
    "2:1 staffing £900 per week for up to 12 weeks, then reviewed",
])
def test_weeks_that_are_a_least_or_a_first_period_count_the_extra_all_year(extra: str) -> None:
    assert weeks_limited(extra) is None
    year = year_of(FEE, extra)
    assert year.first_year == Decimal(348_400)
    assert yearly_note(year) == ("the £900 a week counted all year (the weeks named are not "
                                 "when it ends)")


@pytest.mark.parametrize("extra", [
    "2:1 staffing £900 per week for up to 12 weeks",
    "2:1 staffing £900 per week for the first 12 weeks",
    "2:1 staffing £900 per week for 12 weeks, then it stops",
])
def test_weeks_that_say_when_it_stops_still_limit_it(extra: str) -> None:
    assert weeks_limited(extra) == 12
    year = year_of(FEE, extra)
    assert year.first_year == Decimal(5800 * 52 + 900 * 12)
    assert yearly_note(year) == "the £900 a week for 12 weeks only"
