"""A later weekly fee stated in a reply's own words, as fee steps, pure.

    the recorded fee, the reply's words (any field, a condition)
        → the steps: (the week it starts, its weekly fee), in order, after the fee of week 1
        → the sentences that state a later fee not read with confidence, in their words

Rule `later-fee-counted`: "Introductory rate: from week 9 our fee rises to £6,900 a week" on
a fee of £4,300 is a step to £6,900 from week 9, counted wherever the weekly fee is (the
first year: 8 × £4,300 + 44 × £6,900; the budget; the highest weekly cost; what an approval
covers). Read: "from week N our fee rises/increases/goes up to £X", "£X from week N", "£X
after the first N weeks", "(rises to) £X after N weeks", "£X for the first N weeks, then £Y".
Rule `later-fee-flagged`: a sentence that speaks of the fee changing and names another £
figure, but is none of these ("introductory rate, then £6,900", "rising to £6,900 in the
spring"), is returned in `unread`, so the reader is told a later fee is not counted rather
than shown a complete-looking figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from broker.forms.money import POUNDS, pounds_of

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16,
            "twenty": 20}
_N = rf"(?P<n>\d{{1,2}}|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})"
_X = rf"(?P<x>{POUNDS})"
_Y = rf"(?P<y>{POUNDS})"
_PERIOD = r"(?:\s*(?:pw|p/w|per\s+week|a\s+week|weekly))?"
_RISE = (r"(?:rises?|rising|increases?|increasing|goes\s+up|going\s+up|will\s+go\s+up|"
         r"will\s+(?:rise|increase|be|become|change|move)|moves?|becomes?|changes?|steps\s+up|"
         r"reduces?|reducing|drops?|falls?|is)")
# The later fee and the week it starts from, each way of saying it.
_STEPS = (
    # "from week 9 our fee rises to £6,900", "from week 9 the fee will be £6,900"
    re.compile(rf"\bfrom\s+(?:the\s+start\s+of\s+)?week\s+{_N}\b[^£.;]{{0,50}}?\b{_RISE}\b"
               rf"[^£.;]{{0,15}}?{_X}", re.IGNORECASE),
    # "£6,900 a week from week 9"
    re.compile(rf"{_X}{_PERIOD}\s+from\s+(?:the\s+start\s+of\s+)?week\s+{_N}\b", re.IGNORECASE),
    # "£6,900 after the first 8 weeks", "rises to £6,900 after 8 weeks"
    re.compile(rf"{_X}{_PERIOD}\s+(?:after|following)\s+(?:the\s+)?(?:first\s+|initial\s+)?"
               rf"{_N}\s+weeks?\b", re.IGNORECASE),
    # "after the first 8 weeks the fee rises to £6,900"
    re.compile(rf"\b(?:after|following)\s+(?:the\s+)?(?:first\s+|initial\s+)?{_N}\s+weeks?\b"
               rf"[^£.;]{{0,50}}?\b{_RISE}\b[^£.;]{{0,15}}?{_X}", re.IGNORECASE),
)
# "£4,300 for the first 8 weeks, then £6,900": the first figure, its weeks, the later one.
_THEN = re.compile(rf"{_X}{_PERIOD}\s+(?:for\s+)?(?:the\s+)?(?:first|initial)\s+{_N}\s+weeks?"
                   rf"\b[^£.;]{{0,30}}?\bthen\s+(?:\w+\s+){{0,3}}?{_Y}", re.IGNORECASE)
# What makes a sentence one about the fee changing: a fee word and a word of change.
_FEE_WORD = re.compile(r"\b(?:fee|rate|charge|price)s?\b", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:rises?|rising|increases?|increasing|goes\s+up|going\s+up|"
                     r"introductory|then|after|from\s+week|later|thereafter|reduc\w*|"
                     r"step\w*|review(?:ed)?\s+to|uplift)\b", re.IGNORECASE)
_ANY_MONEY = re.compile(rf"(?P<a>{POUNDS})")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class FeeSteps:
    """`steps` the later fees as (first week, weekly fee), in week order; `unread` the
    sentences that state a later fee this could not read, in their words."""

    steps: tuple[tuple[int, Decimal], ...] = ()
    unread: tuple[str, ...] = ()
    read: tuple[str, ...] = ()  # the sentences the steps were read from


def _pounds(found: re.Match[str], name: str) -> Decimal:
    return pounds_of(found[name])


def _weeks(found: re.Match[str]) -> int:
    written = found["n"].lower()
    return _NUMBERS.get(written) or int(written)


def fee_steps(fee: Decimal, *texts: str) -> FeeSteps:
    """The later fees that `texts` (the reply's own words) state after the fee `fee` of
    week 1, and the sentences stating one that could not be read."""
    steps: dict[int, Decimal] = {}
    unread: list[str] = []
    read: list[str] = []
    for text in texts:
        for sentence in _SENTENCE.split(text or ""):
            sentence = sentence.strip()
            if not sentence:
                continue
            found = _read(fee, sentence)
            if found:
                steps.update(found)
                read.append(sentence)
            elif _states_a_later_fee(fee, sentence):
                unread.append(sentence)
    return FeeSteps(tuple(sorted(steps.items())), tuple(dict.fromkeys(unread)),
                    tuple(dict.fromkeys(read)))


def _read(fee: Decimal, sentence: str) -> dict[int, Decimal]:
    if (then := _THEN.search(sentence)) is not None:
        first, weeks = _pounds(then, "x"), _weeks(then)
        return {**({} if first == fee else {1: first}), weeks + 1: _pounds(then, "y")}
    for pattern in _STEPS:
        if (found := pattern.search(sentence)) is not None:
            weeks = _weeks(found)
            start = weeks if pattern is _STEPS[0] or pattern is _STEPS[1] else weeks + 1
            if start > 1:
                return {start: _pounds(found, "x")}
    return {}


def _states_a_later_fee(fee: Decimal, sentence: str) -> bool:
    """A sentence about the fee changing that names a £ figure other than the fee."""
    if not (_FEE_WORD.search(sentence) and _CHANGE.search(sentence)):
        return False
    return any(_pounds(found, "a") != fee for found in _ANY_MONEY.finditer(sentence))


def without_steps(text: str, steps: FeeSteps) -> str:
    """`text` without the sentences (or clauses) the steps were read from or that state a
    later fee: they are the fee's, not additional costs."""
    kept = [part for part in re.split(r"(?<=[.!?;])\s+|\n+", text or "")
            if part.strip().rstrip(".;").strip() and not any(
                part.strip().rstrip(".;").strip() in s for s in steps.read + steps.unread)]
    return " ".join(kept).strip().rstrip(";,").strip()


def fee_in_week(fee: Decimal, steps: FeeSteps, week: int) -> Decimal:
    """The weekly fee in `week` (1 is the first)."""
    current = fee
    for start, amount in steps.steps:
        if start <= week:
            current = amount
    return current


def highest_fee(fee: Decimal, steps: FeeSteps) -> Decimal:
    return max([fee, *(amount for _, amount in steps.steps)])


def fee_weeks_total(fee: Decimal, steps: FeeSteps, weeks: int) -> Decimal:
    """The fee over the first `weeks` weeks, each at its step's rate."""
    return sum((fee_in_week(fee, steps, week) for week in range(1, weeks + 1)), Decimal(0))


def steps_said(fee: Decimal, steps: FeeSteps) -> str:
    """"£4,300 a week for weeks 1–8, then £6,900 from week 9"; "" with no steps."""
    if not steps.steps:
        return ""
    parts = []
    starts = [1, *(start for start, _ in steps.steps)]
    amounts = [fee_in_week(fee, steps, 1), *(amount for _, amount in steps.steps)]
    if steps.steps[0][0] == 1:
        starts, amounts = starts[1:], amounts[1:]
    for index, (start, amount) in enumerate(zip(starts, amounts, strict=True)):
        money = f"£{amount:,.2f}".replace(".00", "")
        if index == 0:
            end = starts[1] - 1 if len(starts) > 1 else None
            parts.append(f"{money} a week for weeks {start}\u2013{end}" if end and end > start
                         else f"{money} a week for week {start}")
        else:
            parts.append(f"then {money} from week {start}")
    return ", ".join(parts)
