"""Additional costs read clause by clause (workflows/signoff.py's `extra_weekly`): a
"one-off" or a "per week" belongs to the amount in its own clause, never to the amount
before it; the reading fails closed (not priced) when an amount's period cannot be told;
and costs not priced always wait for a budget holder's sign-off at AGREE."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.snapshots import SW, actor
from tests.unit.test_approval_covers import _emails, _negotiating
from workflows.events import FeeAgreed
from workflows.lifecycle import decide
from workflows.placement import options
from workflows.signoff import extra_weekly, risen_since_approval
from workflows.states import State


@pytest.mark.parametrize("written", [
    "2:1 staffing £1,500 per week and a one-off £250 deposit",
    "2:1 staffing £1,500 per week (one-off assessment fee £500)",
    "2:1 staffing £1,500 per week; set-up fee £300 one-off",
    "2:1 staffing £1,500 per week, plus a one-off deposit of £250",
    "2:1 staffing £1,500 per week; one-off set-up fee £250 (deposit)",
    "2:1 staffing £1,500 per week and a £250 one-off deposit",
    "2:1 staffing £1,500 pw + one-off furniture £300 one-off",
    "2:1 staffing £1,500 per week. One-off: £300 furniture (one-off)",
    "£1,500 per week 2:1 staffing, plus one-off costs: £200 bedding one-off, £100 deposit",
    "One-off setup £500; 2:1 staffing £1,500 per week",
    "2:1 staffing £1,500 p.w. and a one-off £250 deposit",
    "2:1 staffing £1,500 per week (2:1) and a one-off £250 deposit",
    "2:1 staffing fifteen hundred pounds a week and a one-off two hundred pounds deposit",
])
def test_a_one_off_belongs_to_the_amount_in_its_own_clause(written: str) -> None:
    assert extra_weekly(written) == Decimal("1500")


@pytest.mark.parametrize(("written", "weekly"), [
    # both a period and a one-off for the one amount: which is it?
    ("2:1 staffing at £1,500 weekly, one-off", None),
    ("£1,500 pw, one-off", None),
    # among several, one whose period cannot be told
    ("£1,100 pw for 2:1 plus £900 for transport", None),
    ("Weekly costs: £1,100 2:1 staffing, £200 transport", None),
    # a total below its parts
    ("£1,100 pw + £900 pw = £1,500 pw total", None),
    # "with" starts a clause too
    ("£1,500 pw with one-off £250 deposit", "1500"),
    # a weekly amount written after a later start is still on top
    ("2:1 staffing £1,500 pw; transport £300 pw from September", "1800"),
    # a range is read at its top
    ("2:1 staffing £900-£1,100 pw", "1100"),
])
def test_what_cannot_be_told_is_not_priced_and_nothing_is_read_short(
        written: str, weekly: str | None) -> None:
    assert extra_weekly(written) == (Decimal(weekly) if weekly is not None else None)


_WEEKLY = st.sampled_from([
    ("2:1 staffing £{n} per week", 1), ("transport £{n} pw", 1), ("£{n} a week for education",
                                                                 1),
    ("therapy £{n}/wk", 1), ("£{n} weekly for 1:1", 1)])
_ONE_OFF = st.sampled_from([
    ("a one-off £{n} deposit", 0), ("set-up fee £{n} one-off", 0),
    ("one-off assessment fee £{n}", 0), ("£{n} one-off for furniture", 0),
    ("deposit of £{n}", 0)])
_JOIN = st.sampled_from([", ", "; ", " and ", " plus ", ", plus ", " + ", ". "])


@given(st.lists(st.tuples(st.one_of(_WEEKLY, _ONE_OFF), st.integers(100, 2000)),
                min_size=1, max_size=5), st.data())
def test_the_weekly_total_is_the_sum_of_the_weekly_items_in_any_order(
        items: list[tuple[tuple[str, int], int]], data: st.DataObject) -> None:
    """Weekly and one-off items in any order, joined by any of the usual separators (or
    one in brackets): the weekly figure is the weekly items' sum, never less."""
    written = ""
    for index, ((words, _weekly), amount) in enumerate(items):
        item = words.format(n=f"{amount:,}")
        if index:
            bracketed = data.draw(st.booleans())
            written += f" ({item})" if bracketed else data.draw(_JOIN) + item
        else:
            written = item
    expected = sum(amount for (_, weekly), amount in items if weekly)
    assert extra_weekly(written) == Decimal(expected), written


def test_costs_not_priced_wait_for_a_budget_holder_even_when_approved_unpriced() -> None:
    """The approval covered the fee alone ("the additional costs are not covered until
    priced"): costs still not priced at AGREE are a cost nobody approved."""
    before = _negotiating("4900.00", costs="TBC", approved_costs="TBC")
    [option] = [o for o in options(before) if o.establishment == "kestrel-house"]
    assert risen_since_approval(before, option, Decimal("4900"), None)
    agreed = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    assert agreed.snapshot.state == State.NEGOTIATING
    assert _emails(agreed, "budget_holder/sign_off_request")
    miscounted = decide(_negotiating(
        "4900.00", costs="2:1 staffing £1,500 per week and a one-off £250 deposit"),
        FeeAgreed(actor=actor(SW), key="a"))  # £1,500 a week nobody approved
    assert miscounted.snapshot.state == State.NEGOTIATING
    assert _emails(miscounted, "budget_holder/sign_off_request")
