"""A council's weekly budget written as a range is at most its top (round R24, M02): read at
its bottom, fees between the two figures would look over the budget. A provider's fee
written as a range is no fee: it is asked (rule fee-range-asked). The figures are made up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from broker.forms.values import parse_budget_weekly, parse_money_weekly
from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize(("budget", "amount"), [
    ("£4,000-£4,500 per week", 4500),
    ("£4,000 – 4,500 pw", 4500),
    ("£4,000 to £4,500 a week", 4500),
    ("£4.5-5k", 5000),
    ("£600-£650 a day", 4550),
    ("up to £4,000-£4,500 per week", 4500),
])
def test_a_budget_range_on_the_form_is_read_at_its_top(budget: str, amount: int) -> None:
    form, problems = _checked(_form(extra=f"Weekly budget: {budget}\n"))
    assert "budget_weekly" not in problems
    assert form.budget_weekly == amount  # type: ignore[attr-defined]


def test_a_budget_with_one_figure_is_that_figure() -> None:
    assert parse_budget_weekly("£4,250 per week") == Decimal("4250.00")
    assert parse_budget_weekly("max. £4,250 pw") == Decimal("4250.00")


@pytest.mark.parametrize("fee", ["£4,000-£4,500 per week", "£4,800 - £5,200 pw (to be "
                                 "confirmed after matching)", "£4.5-5k", "£600-£650 a day"])
def test_a_fee_written_as_a_range_is_asked(fee: str) -> None:
    """Replies round 65 e07: the form's range was read at its bottom, ranking the home
    cheaper than it may be, while the same range in prose was asked."""
    with pytest.raises(ValueError, match="range of fees"):
        parse_money_weekly(fee)


def test_a_fee_revised_down_is_no_range() -> None:
    assert parse_money_weekly("£5,200 to £4,900") == Decimal("5200.00")
