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


@pytest.mark.parametrize(("written", "weekly"), [
    # review 23: a "then" between two different costs is two costs, summed
    ("Transport £300 pw, then 2:1 staffing £1,500 pw", "1800"),
    ("Transport £300 pw then 2:1 £1,500 pw", "1800"),
    ("2:1 staffing £1,500 pw, reducing as she settles; therapy £500 pw", "2000"),
    ("2:1 staffing £1,500 pw and then also therapy £500 pw", "2000"),
    ("2:1 staffing £1,500 pw, then £500 pw on top for therapy", "2000"),
    # one rate then another for the same cost: the highest of them
    ("2:1 staffing £1,500 pw falling to £1,000 pw after 6 weeks", "1500"),
    ("£1,200 pw, then £1,400 pw from week 5", "1400"),
    ("2:1 staffing £1,500 pw for 6 weeks, then 2:1 staffing £1,000 pw", "1500"),
    ("2:1 £1,500 pw reducing to £900 a week once she has settled", "1500"),
    # a count or a unit that is not a time: not priced, so a budget holder signs off
    ("2:1 staffing £300 per session, 5 sessions a week", None),
    ("£300 a session, twice a week", None),
    ("£1,500 pw 2:1 staffing x 2 staff", None),
    ("2 x £750 pw support workers", None),
    ("2:1 staffing: £1,500 pw per worker, two workers", None),
    ("£25 per hour, 40 hours a week", None),
    ("£250 one-off deposit; 1500 GBP per week for two carers", None),
    # round the clock counts nothing, nor does a ratio
    ("2:1 staffing £1,500 pw, 24 hours a day, 7 days a week", "1500"),
    ("£1,500 pw for 2:1 staff", "1500"),
])
def test_one_rate_then_another_is_the_same_cost_and_a_count_is_not_priced(
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
_JOIN = st.sampled_from([", ", "; ", " and ", " plus ", ", plus ", " + ", ". ", ", then ",
                         " then ", " and then also ", ", reducing as she settles; ",
                         "; afterwards ", ", falling over time, and "])


@given(st.lists(st.tuples(st.one_of(_WEEKLY, _ONE_OFF), st.integers(100, 2000)),
                min_size=1, max_size=5, unique_by=lambda item: item[0][0]), st.data())
def test_the_weekly_total_is_the_sum_of_the_weekly_items_in_any_order(
        items: list[tuple[tuple[str, int], int]], data: st.DataObject) -> None:
    """Different weekly and one-off items in any order, joined by any of the usual
    separators (or one in brackets), a "then" or "reducing" among them: the weekly figure
    is the weekly items' sum, never less (review 23: "Transport £300 pw, then 2:1 staffing
    £1,500 pw" is £1,800)."""
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


@given(st.sampled_from(["2:1 staffing ", "transport ", ""]), st.integers(100, 3000),
       st.integers(100, 3000), st.sampled_from([
           ", then £{n} pw after {k} weeks", " falling to £{n} pw after {k} weeks",
           " rising to £{n} a week from week {k}", ", reducing to £{n} pw once settled",
           "; then {item}£{n} per week"]), st.integers(2, 12))
def test_one_rate_then_another_for_the_same_cost_is_its_highest(
        item: str, first: int, then: int, later: str, weeks: int) -> None:
    """One cost whose rate changes in time ("falling to", "then … after 6 weeks"), the
    later clause naming no item or the same one: the highest rate, never the sum."""
    written = f"{item}£{first:,} pw" + later.format(n=f"{then:,}", k=weeks, item=item)
    assert extra_weekly(written) == Decimal(max(first, then)), written


@given(st.sampled_from(["£{n} per session, {k} sessions a week", "£{n} pw x {k} staff",
                        "£{n} pw per worker, {k} workers", "{k} x £{n} pw",
                        "£{n} a visit, {k} visits a week"]),
       st.integers(100, 3000), st.integers(2, 9), st.sampled_from(["", "2:1 staffing "]))
def test_a_cost_counted_or_by_a_unit_is_never_read_as_one_of_them(
        clause: str, amount: int, count: int, item: str) -> None:
    """Review 23: "£300 per session, 5 sessions a week" is not £300 a week: not priced."""
    written = item + clause.format(n=f"{amount:,}", k=count)
    assert extra_weekly(written) is None, written
    assert extra_weekly(f"£250 one-off deposit; {written}") is None


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


@pytest.mark.parametrize("costs", [
    "Transport £300 pw, then 2:1 staffing £1,500 pw",
    "2:1 staffing £1,500 pw, reducing as she settles; therapy £500 pw",
    "2:1 staffing £400 per session, 5 sessions a week",
])
def test_costs_read_short_before_now_wait_for_a_budget_holder(costs: str) -> None:
    """Review 23: £4,400 with these costs approved is above the £6,000 limit: AGREE waits
    for a budget holder's sign-off, never places it at once."""
    before = _negotiating("4400.00", costs=costs, approved_fee="4400.00",
                          approved_costs=costs)
    agreed = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    assert agreed.snapshot.state == State.NEGOTIATING
    assert _emails(agreed, "budget_holder/sign_off_request")
