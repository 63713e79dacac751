"""Referral values of round R32: a school place said to be "education only" before its type
(Q01), and a budget left to a panel with the panel's day beside it (B02)."""

from __future__ import annotations

import pytest

from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL


def _read(key: str, value: str) -> tuple[object, list[str]]:
    form, problems = check_referral({key: value}, REFERRAL, message_date=ON)
    return getattr(form, key), [p.problem for p in problems if p.field == key]


@pytest.mark.parametrize("value", [
    "Education only – SEN day school place (stays with current foster carers)",
    "School place only: day special school", "Education only - SEN day school",
])
def test_education_only_before_a_day_school_is_a_day_school(value: str) -> None:
    assert _read("placement_type", value) == ("sen-day", [])


@pytest.mark.parametrize("value", ["panel to agree (resource panel 10/12)",
                                   "to be agreed at panel on 10/12/2026", "no budget agreed yet"])
def test_a_budget_left_to_a_panel_on_a_day_is_no_budget_yet(value: str) -> None:
    assert _read("budget_weekly", value) == (None, [])


@pytest.mark.parametrize(("value", "amount"), [("£4,500 agreed at panel 10/12", "4500.00"),
                                               ("4500/week", "4500.00")])
def test_an_amount_beside_a_panels_day_is_still_read(value: str, amount: str) -> None:
    read, problems = _read("budget_weekly", value)
    assert (str(read), problems) == (amount, [])
