"""What a home is told of the fee words the service could not read, pure.

    the recorded fee and the reply's words → the later fee not counted, and how to write it
    a "Weekly fee" line given but not read  → why it was not read, and how to write it

Rule `fee-words-not-read-told`: a home whose reply states a later fee that could not be read
(rule later-fee-flagged, broker/forms/fee_steps.py) is told so in its acknowledgement, in its
own words: that fee is not counted, the council's approval will not cover it, and the line
that would be read ("Weekly fee: £4,200 for weeks 1-12, then £5,400 from week 13"). A home
whose "Weekly fee" line is asked although it wrote one ("£4,900 for 12 weeks, then £4,600")
is shown its words, why they could not be read and how to write them, never a bare
"Weekly fee:" as if it had written nothing. Its words are shown by the templates as provider
words (broker/quoting.py `provider_words`), never as the service's.
"""

from __future__ import annotations

import re
from decimal import Decimal

from broker.forms.fee_steps import fee_steps
from broker.forms.money import POUNDS, pounds_of

_FIGURE = re.compile(rf"(?P<a>{POUNDS})")
# A figure for a day, a night or a child, not a week's: "£650 per day", "£2,900 each".
_NOT_A_WEEKS = re.compile(r"\s*(?:(?:/\s*|per\s+|an?\s+)(?:day|night|child)\b|each\b)",
                          re.IGNORECASE)
# The weeks of the example line: the first fee for twelve weeks, the later one after.
_WEEKS = 12


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _figures(words: str, weekly: bool = False) -> list[Decimal]:
    """The £ figures of `words`; `weekly`: only those not a day's or a child's."""
    found = []
    for figure in _FIGURE.finditer(words or ""):
        if weekly and _NOT_A_WEEKS.match(words, figure.end()):
            continue
        try:
            found.append(pounds_of(figure["a"]))
        except (ValueError, ArithmeticError):
            continue
    return found


def stepped_example(first: Decimal | None, words: str) -> str:
    """The line that would be read as a fee and its later fee: "Weekly fee: £4,200 for weeks
    1-12, then £5,400 from week 13", with the home's own two figures where its words give
    them (`first` the fee recorded, if any), else the service's own."""
    figures = _figures(words, weekly=True)
    fee = first if first is not None else (figures[0] if figures else None)
    later = next((amount for amount in figures if amount != fee), None)
    if fee is None or later is None:
        fee, later = Decimal(4200), Decimal(5400)
    return (f"Weekly fee: {_money(fee)} for weeks 1-{_WEEKS}, then {_money(later)} from week "
            f"{_WEEKS + 1}")


def later_fee_not_counted(fee: Decimal | None, words: str, additional_costs: str = "") -> str:
    """The reply's sentences stating a later fee that could not be read (rule
    later-fee-flagged), joined by " … ", as the approval and sign-off read them; "" when
    there is none or no fee is recorded."""
    if fee is None:
        return ""
    return " … ".join(fee_steps(fee, words or "", additional_costs=additional_costs or "")
                      .unread)


def fee_not_read_why(field: str) -> str:
    """Why a "Weekly fee" line given but asked could not be read, and how to write it, as
    words after "You wrote “…”, which we could not read:"."""
    figures = _figures(field)
    how = ("please give one weekly fee (\"Weekly fee: £4,900\"), or, if it changes, each "
           f"weekly fee with the weeks it is for (\"{stepped_example(None, field)}\")")
    if len(figures) > 1:
        why = ("it gives more than one amount, and we could not tell from it the weekly fee "
               "of each week")
        if len(_figures(field, weekly=True)) < len(figures):
            why += " (an amount for a day or for each child is read only on its own)"
        return f"{why}: {how}"
    if not figures:
        return f"it gives no amount in pounds: {how}"
    return how
