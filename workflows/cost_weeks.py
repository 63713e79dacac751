"""A placement's weekly cost week by week, when additional costs run for a limited time, in
the words a budget holder or commissioner reads on a phone, as pure functions of the year's
figures (workflows/year_cost.py `Year`).

Rule `cost-said-for-its-weeks`: "2:1 staffing for the first 8 weeks at £1,400 per week" on a
fee of £4,850 is "£6,250 a week for weeks 1–8, then £4,850", never "£6,250 a week" alone
(which reads as the cost of every week), and against a budget of £5,200 "£1,050 over the
budget for weeks 1–8, then £350 under". A cost whose extras run all year, or whose weeks
could not be counted (`Year.assumed_all_year`), is one figure, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Span:
    """The weekly cost from week `first` to week `last` (None: from then on)."""
    first: int
    last: int | None
    weekly: Decimal


def spans(year: Any) -> list[Span]:
    """The weekly cost of `year` (a `Year`) span by span: one span when it does not change,
    else one up to each week a weekly extra stops (unless its weeks could not be counted) or
    the fee steps to a later fee (rule later-fee-counted), and the rest."""
    from broker.forms.fee_steps import fee_in_week, highest_fee

    if year.weekly is None:
        return []
    more = year.weekly - highest_fee(year.fee, year.steps)  # the weekly extras, all of them
    limited = [] if year.assumed_all_year else list(year.limited)
    changes = sorted({1, *(weeks + 1 for _, weeks in limited),
                      *(start for start, _ in year.steps.steps)})

    def cost(week: int) -> Decimal:
        return fee_in_week(year.fee, year.steps, week) + more - sum(
            (amount for amount, weeks in limited if weeks < week), Decimal(0))

    result: list[Span] = []
    for index, first in enumerate(changes):
        last = changes[index + 1] - 1 if index + 1 < len(changes) else None
        if result and result[-1].weekly == cost(first):
            result[-1] = Span(result[-1].first, last, result[-1].weekly)
        else:
            result.append(Span(first, last, cost(first)))
    return result


def weeks(span: Span) -> str:
    """`weeks 1–8`, `week 9`, `from week 9`."""
    if span.last is None:
        return f"from week {span.first}"
    return f"week {span.first}" if span.first == span.last else \
        f"weeks {span.first}\u2013{span.last}"


def cost_said(year: Any, short: bool = False) -> str:
    """`£6,250 a week for weeks 1–8, then £4,850` (`short`, for a subject line: `£6,250 a
    week for 8 weeks, then £4,850`); `£6,250 a week` when it does not change; "" when it is
    not priced."""
    found = spans(year)
    if not found:
        return ""
    head = f"{whole(found[0].weekly)} a week"
    if len(found) == 1:
        return head
    if short and found[0].last is not None:
        head += f" for {found[0].last} week{'s' if found[0].last != 1 else ''}"
        return head + ", then " + ", then ".join(
            f"{whole(s.weekly)}" + ("" if s.last is None else f" for {weeks(s)}")
            for s in found[1:])
    later = [f"{whole(s.weekly)}" + ("" if s.last is None else f" for {weeks(s)}")
             for s in found[1:]]
    return f"{head} for {weeks(found[0])}, then " + ", then ".join(later)


def first_weeks(year: Any) -> str:
    """`for weeks 1–8` when the weekly cost is highest only for its first weeks, else ""."""
    found = spans(year)
    return f" for {weeks(found[0])}" if len(found) > 1 else ""


def budget_said(year: Any, budget: Decimal | None) -> str:
    """The weekly cost against the weekly budget: `£1,050 over the budget for weeks 1–8,
    then £350 under`; `£1,050 over the budget`; "" without a budget or a priced cost."""
    found = spans(year)
    if budget is None or not found:
        return ""
    said = [_against(s.weekly - budget) + (" the budget" if i == 0 else "")
            + (f" for {weeks(s)}" if len(found) > 1 and s.last is not None else "")
            for i, s in enumerate(found)]
    return ", then ".join(said)


def _against(difference: Decimal) -> str:
    if difference > 0:
        return f"{whole(difference)} over"
    return f"{whole(-difference)} under" if difference < 0 else "on"


def whole(amount: Decimal) -> str:
    """`£4,850`, or `£4,850.50` with pence."""
    return f"£{amount:,.2f}".replace(".00", "")


def against_approval(year: Any, approved: Any, budget: Decimal | None,
                     fees: tuple[Decimal, Decimal | None],
                     limit: Decimal | None = None) -> dict[str, str]:
    """What a budget holder reads of a cost beside the one the commissioners approved
    (`year` and `approved` are `Year`s, `approved` None when no fee was approved; `fees`
    the agreed and the approved weekly fee): the
    weekly cost and the budget span by span where they change (`cost_said`, `budget_said`,
    and `limit_weeks`, the weeks the cost is above the sign-off `limit` when only the first
    are), and how much more than approved
    it is a week and in the first year (`more_weekly`, `more_yearly`, `approved_year`)."""
    found = spans(year)
    several = len(found) > 1
    above_first_only = several and limit is not None and all(s.weekly <= limit
                                                             for s in found[1:])
    figures = {"cost_said": cost_said(year) if several else "",
               "budget_said": budget_said(year, budget) if several else "",
               "limit_weeks": first_weeks(year) if above_first_only else "",
               "more_weekly": "", "more_yearly": "", "approved_year": ""}
    if approved is None:
        return figures
    now, then = year.weekly, approved.weekly
    if now is None or then is None:  # costs not priced: the fees alone
        now, then = fees
    if then is not None and now > then:
        figures["more_weekly"] = f"{now - then:.2f}"
    if year.first_year is not None and approved.first_year is not None \
            and year.first_year > approved.first_year:
        figures["more_yearly"] = f"{year.first_year - approved.first_year:.2f}"
        figures["approved_year"] = f"{approved.first_year:.2f}"
    return figures


def up_to(fee: Decimal | None, extra: str, words: str = "") -> str:
    """What approving an option lets the social worker agree a week, in a few words, as its
    "Approval covers" line counts it: `£4,300`, `£6,000 (weeks 1–8)` where extras stop,
    `£4,350 (fee alone)` where they are not priced, `no fee` where none was named."""
    from workflows.signoff import extra_weekly
    from workflows.year_cost import year_of

    if fee is None:
        return "no fee"
    if extra_weekly(extra) is None:
        return f"{whole(fee)} (fee alone)"
    found = spans(year_of(fee, extra, words))  # a later fee in the reply's words counts
    return whole(found[0].weekly) + (f" ({weeks(found[0])})" if len(found) > 1 else "")
