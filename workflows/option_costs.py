"""An option's cost and condition as the social worker's comparison shows them, as pure
values: the same figures the approval request gives commissioners (workflows/year_cost.py),
so the social worker shortlists on what the budget holders will read.

    fee, additional costs, budget  → the weekly cost while the extras run and after, the
                                     first year's cost with what it counts, and the option
                                     against the weekly budget ("£700 a week over the £5,200
                                     budget", "over budget for its first 8 weeks")
    the proposal field             → what the home says about meeting the needs, and the
                                     condition its offer rests on, apart

Rule `comparison-adds-up-extras`: "£4,600 a week" with "2:1 staffing for the first 8 weeks
at £1,400 per week" is shown as £6,000 a week for the first 8 weeks, then £4,600, and
£250,400 in the first year, beside an all-inclusive £4,950's £257,400; an option is never
compared on its fee alone when its extras can be added.

Rule `condition-on-its-own-line`: an offer's condition (rule `offer-condition-kept`,
recorded in the proposal field) is shown on a line of its own, not inside the proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from broker.forms.fee_steps import highest_fee, steps_said
from broker.forms.offer_conditions import offer_condition
from workflows.year_cost import Year, one_offs_said, year_of, yearly_note


@dataclass(frozen=True)
class OptionCosts:
    """`weekly` the cost line ("£6,000 a week for the first 8 weeks, then £4,600"), ""
    when the fee alone is the cost; `first_year` the first year's cost with what it counts,
    "" when it cannot be priced; `budget` the option against the weekly budget, "" when no
    budget was given or no fee; `over` whether it is over the budget at any time."""

    weekly: str = ""
    first_year: str = ""
    budget: str = ""
    over: bool = False
    one_off: str = ""  # each one-off sum in the reply's words: "£1,500 setup fee"


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def option_costs(fee_value: object, extra: str, budget_value: object,
                 words: str = "") -> OptionCosts:
    """The cost lines of an option offered at `fee_value` a week with the additional costs
    `extra`, against the weekly budget `budget_value` (None when none was given). A later fee
    stated in `extra` or the reply's other words `words` (rule later-fee-counted) is
    counted; one that cannot be read is flagged in its words."""
    fee = _decimal(fee_value)
    if fee is None:
        return OptionCosts()
    return replace(_option_costs(fee, extra, budget_value, words),
                   one_off="; ".join(one_offs_said(extra or "")))


def _option_costs(fee: Decimal, extra: str, budget_value: object, words: str) -> OptionCosts:
    budget = _decimal(budget_value)
    year = year_of(fee, extra or "", words)
    if year.steps.steps or year.steps.unread:
        return _stepped(fee, year, budget)
    weeks = {w for _, w in year.limited}
    # the extras stop after the same number of weeks, and the year counts them so
    stops = len(weeks) == 1 and not year.assumed_all_year and year.weekly is not None
    after = (year.weekly - sum((amount for amount, _ in year.limited), Decimal(0))
             if stops and year.weekly is not None else None)
    span = f"for its first {next(iter(weeks))} weeks" if stops else \
        "while the additional costs apply"
    if year.weekly is None:
        weekly = "not known: the additional costs are not priced"
    elif year.weekly == fee:
        weekly = ""
    elif stops and after is not None:
        weekly = (f"{pounds(year.weekly)} a week for the first {next(iter(weeks))} weeks, "
                  f"then {pounds(after)}")
    else:
        weekly = f"{pounds(year.weekly)} a week with the additional costs"
    first_year = ""
    if year.first_year is not None:
        note = yearly_note(year) or f"52 weeks at {pounds(year.weekly or fee)}"
        first_year = f"{pounds(year.first_year)} ({note})"
    if budget is None:
        return OptionCosts(weekly, first_year)
    return OptionCosts(weekly, first_year, *_against(budget, fee, year.weekly, after, span))


def _stepped(fee: Decimal, year: Year, budget: Decimal | None) -> OptionCosts:
    """The cost lines of an option whose reply states a later fee: each step of the fee (with
    the weekly additional costs), the year counting them, the budget from each step; a later
    fee that cannot be read is said not to be counted."""
    more = (year.weekly - highest_fee(fee, year.steps)) if year.weekly is not None else None
    stages = [(week, amount + (more or 0)) for week, amount in
              ([] if year.steps.steps and year.steps.steps[0][0] == 1 else [(1, fee)])
              + list(year.steps.steps)]
    weekly = steps_said(fee, year.steps) if year.steps.steps else ""
    if weekly and more:
        weekly += f", the fee, with {pounds(more)} a week additional costs"
    unread = ""
    if year.steps.unread:
        unread = ("⚠️ a later fee is stated in the reply and not counted: "
                  + "; ".join(f"“{s}”" for s in year.steps.unread))
        weekly = f"{weekly}; {unread}" if weekly else unread
    first_year = "⚠️ not known: not counting the later fee stated in the reply" if unread \
        else ""
    if year.first_year is not None:
        note = yearly_note(year) or f"52 weeks at {pounds(fee)}"
        first_year = f"{pounds(year.first_year)} ({note})"
    if budget is None or more is None:
        return OptionCosts(weekly, first_year)
    said, over = [], False
    for week, cost in stages:
        gap = "on" if cost == budget else (
            f"⚠️ {pounds(cost - budget)} a week over" if cost > budget
            else f"{pounds(budget - cost)} a week under")
        over = over or cost > budget
        said.append(f"{gap} the {pounds(budget)} budget" if week == 1
                    else f"then {gap} from week {week}")
    return OptionCosts(weekly, first_year, ", ".join(said), over)


def _against(budget: Decimal, fee: Decimal, weekly: Decimal | None, after: Decimal | None,
             span: str) -> tuple[str, bool]:
    """The option against the weekly budget, in the words a reader acts on."""
    of = f"the {pounds(budget)} budget"
    if weekly is None:  # the extras are not priced: the fee alone can be told
        if fee > budget:
            return f"⚠️ {pounds(fee - budget)} a week over {of} on the fee alone", True
        return (f"{_under(budget - fee)} {of} on the fee alone; the additional costs may "
                "take it over"), False
    highest = weekly
    lowest = after if after is not None else highest
    if highest <= budget:
        gap = budget - highest
        return (f"{pounds(gap)} a week under {of}" if gap else f"on {of}"), False
    if lowest <= budget:  # over only while the time-limited extras run
        return (f"⚠️ over budget {span} ({pounds(highest - budget)} a week over {of}), "
                f"then {_under(budget - lowest)} it"), True
    line = f"⚠️ {pounds(lowest - budget)} a week over {of}"
    if highest != lowest:
        line += f" ({pounds(highest - budget)} a week over {span})"
    return line, True


def _under(gap: Decimal) -> str:
    return f"{pounds(gap)} a week under" if gap else "on"


# A lead that only says the home offers ("We would be able to offer once …"): nothing about
# meeting the needs, so it goes with its condition rather than hang before the next sentence
_ONLY_OFFERS = re.compile(
    r"(?:we|i)(?:\s+(?:would|could|can|will|should|are|'d))?(?:\s+be)?(?:\s+(?:able|happy|"
    r"pleased|glad)\s+to)?\s+(?:happily\s+)?offer(?:\s+(?:her|him|them|a\s+place|a\s+bed|"
    r"this|the\s+placement|a\s+placement))?", re.IGNORECASE)


def proposal_and_condition(proposal: str | None) -> tuple[str, str]:
    """(what the home says about meeting the needs, without its condition; the condition its
    offer rests on, or ""). The sentence that only carries the condition ("Our offer is
    subject to …") goes with it; a longer one keeps what comes before."""
    text = " ".join((proposal or "").split())
    condition = offer_condition(text)
    if not condition:
        return text, ""
    at = text.casefold().find(condition.casefold())
    if at < 0:
        return text, condition
    start = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    start = start + 2 if start >= 0 else 0
    lead = text[start:at].strip(" ,;:-\u2013\u2014")
    end = at + len(condition)
    rest = text[end:].lstrip(" .;")
    kept = text[:start].rstrip(" ;")
    if len(lead.split()) > 4 and not _ONLY_OFFERS.fullmatch(lead):
        # "Two beds, girls only, subject to …": keep the lead, a sentence of its own
        kept = f"{kept} {lead}{'' if lead[-1] in '.!?' else '.'}".strip()
    if rest:
        kept = f"{kept} {rest}".strip()
    kept = re.sub(r"[;,]\s*$", "", kept).strip()
    if kept and kept[-1] not in ".!?":
        kept += "."
    return kept, condition
