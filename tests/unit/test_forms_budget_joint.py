"""A joint-funded budget is its total, never the council's share (round R31, C01): "£6,500 pw
total – £4,000 social care + £2,500 CHC" was read as £4,000, the part after the word "total"
taken for a total written after its parts. Parts with no total, or a total its parts do not
add up to, are asked about. The figures are made up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from broker.forms.values import parse_budget_weekly, parse_money_weekly
from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize("budget", [
    "£6,500 pw total – £4,000 social care + £2,500 CHC (ICB contribution agreed)",
    "£6,500 total (£4,000 social care + £2,500 CHC)",
    "£6,500 per week in total: £4,000 LA + £2,500 health",
    "£6,500 (total) - £4k social care + £2.5k CHC",
])
def test_a_figure_called_the_total_is_the_budget(budget: str) -> None:
    assert parse_budget_weekly(budget) == Decimal("6500.00")


def test_the_total_on_the_form_reaches_the_referral() -> None:
    form, problems = _checked(_form(
        extra="Weekly budget: £6,500 pw total – £4,000 social care + £2,500 CHC\n"))
    assert "budget_weekly" not in problems
    assert form.budget_weekly == 6500  # type: ignore[attr-defined]


@pytest.mark.parametrize(("budget", "said"), [
    ("£6,500 pw total – £4,000 social care + £2,000 CHC", "add up to £6,000"),
    ("£4,000 social care + £2,500 CHC", "in parts"),
])
def test_parts_with_no_total_or_another_total_are_asked_about(budget: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        parse_budget_weekly(budget)
    form, problems = _checked(_form(extra=f"Weekly budget: {budget}\n"))
    assert "budget_weekly" in problems


@pytest.mark.parametrize(("budget", "amount"), [
    ("£4,200 + £600 - total £4,800", "4800.00"),  # a total after its parts, as before
    ("£4,000 + £2,500 = £6,500", "6500.00"),
    ("£5k per week + 2:1 staffing costs TBC", "5000.00"),  # no second figure: no parts
    ("£4,200 (social care only – health contribution TBC at CHC panel 15/12)", "4200.00"),
])
def test_budgets_that_were_read_right_stay_so(budget: str, amount: str) -> None:
    assert parse_budget_weekly(budget) == Decimal(amount)


def test_a_providers_fee_called_a_total_is_that_total() -> None:
    assert parse_money_weekly("£6,500 pw total – £4,000 care + £2,500 education") == 6500
