"""Rule `condition-cost-not-counted`: a cost the offer's condition names, never counted. Pure.

"Additional costs: none" with the proposal "Subject to the council funding 2:1 staffing at
£1,200 per week throughout" asks for £1,200 a week that is neither among the additional
costs nor a later fee of its own (workflows/year_cost.py `later_fees`): the weekly cost
read from the reply leaves it out. Such a cost is not priced (the service does not guess
what it is for, or for how long), so the option's costs are not fully priced, as additional
costs that cannot be read are not: the approval request flags it beside the condition
("⚠️ the condition names a cost not counted: £1,200 per week"), the approval covers the fee
(and the additional costs read) without it, and an AGREE waits for a budget holder's
sign-off for it (workflows/signoff.py `reasons`, "condition-cost").

It is no additional cost: the additional costs are still counted as read ("none" is none),
and nothing claims a limit or a rise the known figures do not show. The approval's budget
line adds a weekly one to a fee that does not change ("⚠️ £600 over budget with the
condition's £1,200 per week while it applies (the fee alone: £600 under)") and says any
other is not counted; its sign-off line says it will be needed for it. The budget holder's
request names it and the condition in the provider's words, the first year "and the
condition's cost, not counted"; the placed notice names it too (workflows/placed_notice.py),
and the console's spend report gives the placement's first year as not known.

A £ figure the reply's other readings already count is no such cost: the weekly fee
restated ("subject to £4,300 a week being agreed"), a later fee read or flagged as one
("subject to the fee rising to £5,200 from week 13"), a figure of the additional costs.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from broker.forms.money import POUNDS, pounds_of
from broker.forms.offer_conditions import CONDITIONS_QUOTED, offer_condition
from broker.quoting import provider_words

# A figure, and the period it is given for when one follows ("£1,200 per week", "£90 a
# night", "£300 pw"), said in our words, never the provider's.
_FIGURE = re.compile(
    rf"(?P<figure>{POUNDS})(?:\s*(?:(?P<per>per|a|an|each|every)\s+(?P<unit>week|day|night|"
    r"hour|month|year|annum|session|term)\b|(?P<short>pw|p/w|pcm|pa|weekly|daily|nightly|"
    r"monthly|yearly|annually)\b))?", re.IGNORECASE)
_SHORT = {"pw": "per week", "p/w": "per week", "pcm": "per month", "pa": "per year",
          "weekly": "per week", "daily": "per day", "nightly": "per night",
          "monthly": "per month", "yearly": "per year", "annually": "per year"}


def cost_in_condition(fee: Decimal | None, extra: str, words: str,
                      also: tuple[Decimal, ...] = ()) -> str:
    """The first cost the condition of the reply's words `words` names that nothing else
    counts ("£1,200 per week"), or "" (see the module). `fee` is the weekly fee, `extra`
    the additional costs, `also` other sums counted (a fee agreed since)."""
    from workflows.year_cost import later_fees  # it imports workflows.signoff, and so this

    condition = offer_condition(words or "") or ""
    if "£" not in condition and "gbp" not in condition.casefold():
        return ""
    counted = {*_amounts(extra), *also}
    if fee is not None:
        counted.add(fee)
        steps, _ = later_fees(fee, extra, words)
        counted |= {amount for _, amount in steps.steps}
        counted |= {a for said in (*steps.read, *steps.unread) for a in _amounts(said)}
    for found in _FIGURE.finditer(condition):
        try:
            amount = pounds_of(found["figure"])
        except ValueError:
            continue
        if amount in counted:
            continue
        if found["short"]:
            return f"{found['figure'].strip()} {_SHORT[found['short'].casefold()]}"
        if found["unit"]:
            unit = found["unit"].casefold()
            return f"{found['figure'].strip()} per {'year' if unit == 'annum' else unit}"
        return found["figure"].strip()
    return ""


def condition_named(snapshot: Any, option: Any, agreed: Decimal, extra: str) -> str:
    """The cost the reply's condition names that nothing counts (`cost_in_condition`) for a
    fee agreed at `agreed` with the additional costs `extra`, or "". Such a cost is a reason
    of its own for a budget holder's sign-off (workflows/signoff.py `reasons`,
    "condition-cost"): the additional costs are counted as they are read, never as not
    priced because of it, so no limit or rise is claimed that the known figures do not show."""
    from workflows.placement import reply_words  # (it imports this module)

    reply = snapshot.responses.get(option.establishment)
    try:
        offered = Decimal(str((reply.fields if reply else {}).get("weekly_fee") or agreed))
    except ArithmeticError:
        offered = agreed
    return cost_in_condition(offered, extra, reply_words(snapshot, option), also=(agreed,))


def condition_words(snapshot: Any, option: Any) -> str:
    """The reply's condition now, quoted as the provider wrote it (its words in quotation
    marks, shortened), or "" when it states none."""
    from workflows.placement import reply_words  # (it imports this module)

    condition = offer_condition(reply_words(snapshot, option) or "")
    return provider_words(condition, CONDITIONS_QUOTED) if condition else ""


def weekly_named(cost: str) -> Decimal | None:
    """The weekly amount of a cost as `cost_in_condition` says it ("£1,200 per week"), or
    None when it is given for another period or none."""
    if not cost.endswith(" per week"):
        return None
    try:
        return pounds_of(cost.removesuffix(" per week"))
    except ValueError:
        return None


def condition_flagged(condition: str, cost: str) -> str:
    """The condition as quoted (its words in quotation marks), with the cost it names that
    is not counted flagged beside it."""
    return f"{condition} ⚠️ the condition names a cost not counted: {cost}" if cost \
        else condition


def _amounts(text: str) -> list[Decimal]:
    said = []
    for found in _FIGURE.finditer(text or ""):
        try:
            said.append(pounds_of(found["figure"]))
        except ValueError:
            continue
    return said
