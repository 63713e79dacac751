"""One-off sums are read by the same money reader as weekly ones (attacker review 31, F4):
"£40 000 set-up fee, one-off" was read as £40 (and "£4O,000", a letter O, as £4) while "£1 900
per week" was £1,900 a week, so a home approved with a £500 deposit that then asked £40,000
set its sign-off aside. A sum the reader cannot read cleanly is unreadable (None), which
asks a budget holder; words that mean once ("upfront", "lump sum", "retainer", "per
placement", "GBP 40,000 one-off") are a one-off, never the same sum a week
(workflows/signoff.py `one_off_total`, `extra_weekly`; broker/forms/values.py `pounds_in`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from broker.forms.values import pounds_in
from tests.snapshots import SW, actor
from tests.unit.test_review_signoff import _approved_then
from workflows.commands import SendEmail
from workflows.events import FeeAgreed
from workflows.lifecycle import decide
from workflows.signoff import extra_weekly, one_off_total
from workflows.states import State
from workflows.year_cost import year_of


@pytest.mark.parametrize(("text", "pounds"), [
    ("£40 000 set-up fee, one-off", 40000),  # thousands by a space, as "£1 900 per week"
    ("£40\u00a0000 set-up fee, one-off", 40000),
    ("£40.000 set-up fee, one-off", 40000),  # by a dot, as in Europe
    ("£4.850,00 deposit", 4850),
    ("£40,000 set-up fee", 40000),
    ("£1.5k deposit", 1500),
    ("£250.50 one-off", Decimal("250.50")),
    ("GBP 40,000 one-off set-up", 40000),
    ("40,000 GBP one-off", 40000),
    ("£250 one-off for furniture, £500 deposit", 750),
])
def test_a_one_off_sum_is_read_as_the_weekly_figures_are(text: str, pounds: int) -> None:
    assert one_off_total(text) == pounds
    assert extra_weekly(text) == 0


@pytest.mark.parametrize("text", [
    "£4O,000 one-off",  # a letter O for a nought: never £4
    "£4o,000 set-up fee",
    "£40 0000 one-off",  # more digits after the space: never £40
    "£40,00 one-off",
    "-£40,000 one-off",  # a minus
])
def test_a_one_off_sum_not_cleanly_written_is_unreadable(text: str) -> None:
    assert one_off_total(text) is None
    assert year_of(Decimal(4000), text).first_year is None


@pytest.mark.parametrize("text", ["£4O,000", "£40 0000", "-£40,000", "£500deposit",
                                  "40,000", "£"])
def test_the_reader_refuses_what_it_cannot_read_cleanly(text: str) -> None:
    with pytest.raises(ValueError, match="does not say a sum in pounds clearly"):
        pounds_in(text)


@pytest.mark.parametrize("text", [
    "£40,000 upfront for the assessment",
    "£40,000 up-front",
    "£40,000 lump sum for the refurbishment",
    "£40,000 payable on admission",
    "£40,000 initial payment",
    "£40,000 retainer",
    "£40,000 per placement",
    "All inclusive (set-up £40,000)",
    "GBP 40,000 one-off",
])
def test_words_that_mean_once_make_a_one_off(text: str) -> None:
    """Each was £40,000 A WEEK: "£44,000 a week / £2,288,000 a year" before commissioners."""
    assert extra_weekly(text) == 0
    assert one_off_total(text) == 40000
    assert year_of(Decimal(4000), text).first_year == 4000 * 52 + 40000


@pytest.mark.parametrize(("text", "weekly"), [
    ("£500 per week retainer", 500),  # with a period: a weekly cost's
    ("£900 per week during set-up", 900),
    ("£1 900 per week", 1900),
])
def test_with_a_period_they_stay_weekly(text: str, weekly: int) -> None:
    assert extra_weekly(text) == weekly
    assert one_off_total(text) == 0


def test_a_sum_once_with_no_pound_sign_is_not_read_as_a_week() -> None:
    assert extra_weekly("40,000 one-off") is None
    assert one_off_total("40,000 one-off") is None


@pytest.mark.parametrize("costs", ["£40 000 set-up fee, one-off", "£40.000 set-up fee, one-off",
                                   "£4O,000 set-up fee, one-off"])
def test_a_larger_one_off_than_the_approved_deposit_waits_for_a_budget_holder(
        costs: str) -> None:
    """Approved with "£500 deposit, one-off"; agreed with `costs`: read as £40 (or £4),
    below the £500, it asked nobody."""
    agreed = decide(_approved_then("4900.00", costs, "£500 deposit, one-off"),
                    FeeAgreed(actor=actor(SW), key="a"))
    requests = [c for c in agreed.commands if isinstance(c, SendEmail)
                and c.template == "budget_holder/sign_off_request"]
    assert agreed.snapshot.state == State.NEGOTIATING
    assert requests and requests[0].context["reasons"] == ["one-off"]
