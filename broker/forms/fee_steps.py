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

Rule `later-fee-named` (attacker review 38): a step is the fee's only when its sentence names
the fee ("fee", "rate", "charge", "price", "placement cost", not an extra's: "education
fee") or the fee's own figure before it ("£4,300 for the first 8 weeks, then £6,900"), or,
outside the additional costs, names nothing else before it ("£6,900 a week after the first
8 weeks"). A figure in the additional costs that names none of these is an extra ("2:1
staffing £1,400 pw for the first 8 weeks, then £700 pw", "Escort to school £80 a week from
week 3"), priced as an extra for its weeks (workflows/year_cost.py), never the fee. A
first figure that is not the fee ("£4,600 for the first 8 weeks, then …" on a recorded
£4,300), a step under £100 a week (a misread, never a weekly fee), and a sentence with a £
or GBP figure ("6,900 GBP") its reading leaves unaccounted for are flagged in `unread`, not
priced. A table of week ranges ("Weeks 1-8: £4,300. Weeks 9-52: £6,900.") whose first row
is the fee is read as its steps.

The reply's "Weekly fee" field is a source of steps too (`fee_field_words`): its words name
the fee by being the fee field, so they are kept with the offer's words labelled "Weekly fee:"
and read as any other ("Weekly fee: Weeks 1-12: £4,500. Weeks 13-52: £4,700." is £4,500 with
£4,700 from week 13; "£4,200 introductory rate, then our standard fee of £5,400 once she has
settled" is flagged), never cut to its first figure. A field whose figures are all the fee
and steps read ("£4,300 a week for weeks 1-8, then £5,100 from week 9") records its first
figure as the fee (`stepped_fee`), not asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from broker.forms.money import POUNDS, pounds_of
from broker.forms.values import parse_money_weekly

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
# What makes a sentence one about the fee changing: a fee word (`_fee_named`) and a word
# of change.
_CHANGE = re.compile(r"\b(?:rises?|rising|increases?|increasing|goes\s+up|going\s+up|"
                     r"introductory|then|after|from\s+week|later|thereafter|reduc\w*|"
                     r"step\w*|review(?:ed)?\s+to|uplift)\b", re.IGNORECASE)
_ANY_MONEY = re.compile(rf"(?P<a>{POUNDS})")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
# Pounds written after the figure ("6,900 GBP", "6.9k pounds"), made "£6,900" to be read.
_POUNDS_AFTER = re.compile(r"(?<![\w£.,])(\d[\d,.]*\d|\d)(\s?k)?\s?(?:GBP|pounds?)\b",
                           re.IGNORECASE)
# The words before a fee word that make it an extra's ("education fee", "2:1 staffing rate").
_AN_EXTRAS = (r"(?:education(?:al)?|school(?:ing)?|staffing|escort(?:ing)?|transport|travel|"
              r"therapy|therapeutic|tuition|mentoring|respite|assessment|activit(?:y|ies)|"
              r"[12]:[12]|one[\s-]to[\s-]one|two[\s-]to[\s-]one|set[\s-]?up|admin\w*|"
              r"session(?:al)?|hourly|taxi|support)")
_AN_EXTRAS_WORD = re.compile(rf"{_AN_EXTRAS}\W*$", re.IGNORECASE)
_FEE_NAME = re.compile(r"\b(?:fee|rate|charge|price|placement\s+cost)s?\b", re.IGNORECASE)
# Nothing named before the later figure but words of change ("£6,900 after …", "then £6,900").
_NOTHING_BEFORE = re.compile(r"^[\W_]*(?:(?:and|then|but|it|this|which|will|would|be|is|"
                             r"rises?|rising|increases?|goes|up|to|thereafter)\W+)*$",
                             re.IGNORECASE)
# A table of week ranges: "Weeks 1-8: £4,300", "Weeks 9-52: £6,900", "Week 9 onwards £6,900".
_ROW = re.compile(rf"\bweeks?\s+(?P<first>\d{{1,2}})\s*(?:(?:-|\u2013|to)\s*\d{{1,2}}|"
                  rf"\+|\s+onwards?)?\s*[:=\-\u2013]?\s*(?P<x>{POUNDS})", re.IGNORECASE)
# The least weekly fee a step can be: a step under it is a misread ("£6.9k" read as £6).
PLAUSIBLE_WEEKLY = Decimal(100)


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


def fee_steps(fee: Decimal, *texts: str, additional_costs: str = "") -> FeeSteps:
    """The later fees that `texts` (the reply's own words) and its `additional_costs` state
    after the fee `fee` of week 1, and the sentences stating one that could not be read
    (rules later-fee-counted, later-fee-flagged, later-fee-named)."""
    steps: dict[int, Decimal] = {}
    unread: list[str] = []
    read: list[str] = []
    for text, costs in ((additional_costs, True), *((text, False) for text in texts)):
        text = text or ""
        rows = _table(fee, text)
        if rows is not None:
            found, said = rows
            (read if found else unread).extend(said)
            steps.update(found)
        for sentence in _SENTENCE.split(text):
            sentence = sentence.strip()
            if not sentence or (rows is not None and any(
                    sentence.rstrip(".;").strip() in row for row in rows[1])):
                continue
            found = _read(fee, sentence, costs)
            if found and _plausible(fee, sentence, found):
                steps.update(found)
                read.append(sentence)
            elif found or _states_a_later_fee(fee, sentence):
                unread.append(sentence)
    return FeeSteps(tuple(sorted(steps.items())), tuple(dict.fromkeys(unread)),
                    tuple(dict.fromkeys(read)))


def _in_figures(sentence: str) -> str:
    """`sentence` with pounds written after the figure made "£" figures ("6,900 GBP")."""
    return _POUNDS_AFTER.sub(lambda found: f"£{found[1]}{found[2] or ''}", sentence)


def _table(fee: Decimal, text: str) -> tuple[dict[int, Decimal], list[str]] | None:
    """A table of week ranges in `text` whose first row is week 1: its later rows as steps,
    and the rows; no steps when the first row is not the fee (it is asked); None without
    such a table."""
    rows = list(_ROW.finditer(_in_figures(text)))
    if len(rows) < 2 or int(rows[0]["first"]) != 1:
        return None
    said = [row.group().strip() for row in rows]
    if pounds_of(rows[0]["x"]) != fee:
        return {}, said
    found = {int(row["first"]): pounds_of(row["x"]) for row in rows[1:]}
    if any(week <= 1 or amount < PLAUSIBLE_WEEKLY for week, amount in found.items()):
        return {}, said
    return found, said


def _read(fee: Decimal, sentence: str, costs: bool = False) -> dict[int, Decimal]:
    """The steps `sentence` states, where it names the fee (rule later-fee-named); a first
    figure other than the fee is returned as week 1's, for the caller to flag."""
    sentence = _in_figures(sentence)
    if (then := _THEN.search(sentence)) is not None:
        first, weeks = _pounds(then, "x"), _weeks(then)
        if first != fee and not _names_the_fee(fee, sentence, then.start("x"), costs):
            return {}  # an extra's own weeks ("2:1 staffing £1,400 … then £700")
        return {**({} if first == fee else {1: first}), weeks + 1: _pounds(then, "y")}
    for pattern in _STEPS:
        if (found := pattern.search(sentence)) is not None:
            if not _names_the_fee(fee, sentence, found.start("x"), costs):
                return {}
            weeks = _weeks(found)
            start = weeks if pattern is _STEPS[0] or pattern is _STEPS[1] else weeks + 1
            if start > 1:
                return {start: _pounds(found, "x")}
    return {}


def _names_the_fee(fee: Decimal, sentence: str, at: int, costs: bool) -> bool:
    """Whether the later figure at `at` is the fee's (rule later-fee-named): the sentence
    names the fee, or the fee's own figure comes before it, or (outside the additional
    costs) nothing else is named before it."""
    if _fee_named(sentence):
        return True
    if any(pounds_of(found["a"]) == fee for found in _ANY_MONEY.finditer(sentence, 0, at)):
        return True
    return not costs and _NOTHING_BEFORE.match(sentence[:at]) is not None


def _fee_named(sentence: str) -> bool:
    """Whether `sentence` names the fee: a fee word not an extra's ("our fee", "introductory
    rate", never "education fee" or "2:1 staffing rate")."""
    for found in _FEE_NAME.finditer(sentence):
        before = sentence[:found.start()].split()
        if not before or _AN_EXTRAS_WORD.fullmatch(before[-1]) is None:
            return True
    return False


def _plausible(fee: Decimal, sentence: str, found: dict[int, Decimal]) -> bool:
    """Whether steps read from `sentence` can be priced: none is week 1's (a first figure not
    the fee), none is under a weekly fee's least (a misread), and every £ figure of the
    sentence is the fee or a step read."""
    if 1 in found or any(amount < PLAUSIBLE_WEEKLY for amount in found.values()):
        return False
    known = {fee, *found.values()}
    return all(pounds_of(figure["a"]) in known
               for figure in _ANY_MONEY.finditer(_in_figures(sentence)))


def _states_a_later_fee(fee: Decimal, sentence: str) -> bool:
    """A sentence about the fee changing that names a £ (or GBP) figure other than the fee."""
    if not (_fee_named(sentence) and _CHANGE.search(sentence)):
        return False
    return any(_pounds(found, "a") != fee
               for found in _ANY_MONEY.finditer(_in_figures(sentence)))


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


# The label the fee field's words are kept under with the offer's words: it names the fee.
FEE_FIELD_LABEL = "Weekly fee"
# The field's first figure, a weekly one ("£4,300 a week for weeks 1-8, …"), never a day's
# or a child's ("£650 per day", "£2,900 per child").
_FIRST_WEEKLY = re.compile(rf"[^£\d\n]{{0,20}}?(?P<x>{POUNDS}){_PERIOD}"
                           r"(?!\s*(?:/|per\b|an?\b|each\b)\s*\w)", re.IGNORECASE)


def fee_field_words(field: str, fee: Decimal) -> str:
    """The "Weekly fee" field's words, labelled, where they state a later fee after the
    recorded `fee` (read or not): "Weekly fee: £4,200 introductory rate, then our standard
    fee of £5,400 once she has settled"; "" where they state none."""
    said = f"{FEE_FIELD_LABEL}: {' '.join((field or '').split())}"
    steps = fee_steps(fee, said)
    return said if steps.steps or steps.unread else ""


def stepped_fee(field: str) -> Decimal | None:
    """The fee of week 1 of a "Weekly fee" field that gives it with its later fees and
    nothing else ("£4,300 a week for weeks 1-8, then £5,100 from week 9"; "Weeks 1-8:
    £4,300. Weeks 9-52: £5,100."): its first figure, where the steps read from the field
    account for every other figure and none is unread; else None (the fee is asked)."""
    field = " ".join((field or "").split())
    first = _FIRST_WEEKLY.match(_in_figures(field))
    rows = list(_ROW.finditer(_in_figures(field)))
    figure = rows[0]["x"] if rows and int(rows[0]["first"]) == 1 else (
        first["x"] if first else None)
    if figure is None:
        return None
    try:
        fee = parse_money_weekly(figure)
    except ValueError:
        return None
    steps = fee_steps(fee, f"{FEE_FIELD_LABEL}: {field}")
    if not steps.steps or steps.unread or steps.steps[0][0] <= 1:
        return None
    known = {fee, *(amount for _, amount in steps.steps)}
    return fee if all(pounds_of(found["a"]) in known
                      for found in _ANY_MONEY.finditer(_in_figures(field))) else None
