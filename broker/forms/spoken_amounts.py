"""Sums of money written in words, as figures: "four thousand eight hundred pounds a week" is
"£4,800 a week", "five and a half thousand a week" is "£5,500 a week".

Only a sum of hundreds or thousands that says it is money ("pounds") or gives its period
("a week", "per night", "pw") is turned into figures, so "two hundred miles" and "a thousand
thanks" stay as they are. The fee readers then read the figures as they read any other.
"""

from __future__ import annotations

import re
from decimal import Decimal

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_VALUES = {word: Decimal(value) for value, word in enumerate(_UNITS)}
_VALUES |= {word: Decimal(20 + 10 * index) for index, word in enumerate(_TENS)}
_NUMBER = rf"(?:{'|'.join(_TENS + _UNITS[::-1])})"  # "nineteen" before "nine"
_PART = rf"(?:{_NUMBER}|hundred|thousand|grand|a[ \t]+half)"
# "just under five thousand", "around five grand", "just shy of five grand": a sum only
# guessed at is no fee.
_GUESSED = "".join(rf"(?<!{word} )" for word in (
    "under", "over", "around", "about", "roughly", "approximately", "circa", "nearly",
    "almost", "to", "between", "upwards of", "in the region of", "shy of", "short of", "north of",
    "south of"))
_SPOKEN = re.compile(
    rf"(?<![\w£]){_GUESSED}(?P<sum>{_NUMBER}(?:(?:[ \t]*,[ \t]*|[ \t]+|-)(?:and[ \t]+)?{_PART})"
    rf"{{0,10}})"
    r"(?P<pounds>[ \t]+(?:pounds?|quid|gbp)\b)?"
    r"(?=(?P<period>[ \t]*(?:(?:a|an|per|each|every)[ \t]+(?:week|night|day|month|year|annum)"
    r"|pw|p/w|weekly|nightly|daily)\b)?)",
    re.IGNORECASE)


_SPACE_BEFORE_THOUSANDS = re.compile(r"(£[ \t]?\d{1,3})[ \t]+,[ \t]?(\d{3})(?!\d)")


# Thousands in words and the rest in figures, as dictation writes them: "four thousand 850
# a week", "4 thousand 850", and "for thousand 850" (the four misheard).
_THOUSANDS_THEN_FIGURES = re.compile(
    rf"(?<![\w£])(?P<thousands>\d{{1,2}}|{_NUMBER}|for)[ \t]+thousand[ \t]+(?:and[ \t]+)?"
    r"(?P<rest>\d{1,3})(?![\d,.])", re.IGNORECASE)


def amounts_in_figures(text: str) -> str:
    """The text with each sum of money written in words written in figures (and a comma typed
    after a space, "£4 ,900", put back beside its thousands)."""
    if " ," in text:
        text = _SPACE_BEFORE_THOUSANDS.sub(r"\1,\2", text)
    folded = text.casefold()
    if "hundred" not in folded and "thousand" not in folded and "grand" not in folded:
        return text
    if "thousand" in folded:
        text = _THOUSANDS_THEN_FIGURES.sub(_thousands_in_figures, text)
    return _SPOKEN.sub(_in_figures, text)


def _thousands_in_figures(found: re.Match[str]) -> str:
    written = found["thousands"].lower()
    thousands = int(written) if written.isdigit() else int(_VALUES.get(written, Decimal(4)))
    return f"{thousands * 1000 + int(found['rest']):,}"


def _in_figures(match: re.Match[str]) -> str:
    words = match["sum"].casefold()
    if not (match["pounds"] or match["period"]) or not (
            "hundred" in words or "thousand" in words or "grand" in words):
        return match.group()
    value = _value(words)
    if value is None:  # "four thousand eight fifty", "four nine hundred": no clean sum, asked
        return match.group()
    return f"£{int(value):,}" if value == value.to_integral_value() else f"£{value:,.2f}"


_WORD = re.compile(r"[a-z]+")
_BELOW_TWENTY = {word: Decimal(value) for value, word in enumerate(_UNITS)}
_TEN_VALUES = {word: Decimal(20 + 10 * index) for index, word in enumerate(_TENS)}


def _below_a_hundred(tokens: list[str], at: int) -> tuple[Decimal, int] | None:
    """"forty", "forty nine", "nineteen" at `at`: its value and where it ends."""
    if at < len(tokens) and tokens[at] in _TEN_VALUES:
        value = _TEN_VALUES[tokens[at]]
        if at + 1 < len(tokens) and tokens[at + 1] in _BELOW_TWENTY and 0 < _BELOW_TWENTY[
                tokens[at + 1]] < 10:
            return value + _BELOW_TWENTY[tokens[at + 1]], at + 2
        return value, at + 1
    if at < len(tokens) and tokens[at] in _BELOW_TWENTY:
        return _BELOW_TWENTY[tokens[at]], at + 1
    return None


def _below_a_thousand(tokens: list[str], at: int) -> tuple[Decimal, int] | None:
    """"nine hundred and fifty", "forty nine hundred", "fifty" at `at`."""
    first = _below_a_hundred(tokens, at)
    if first is None:
        return None
    value, at = first
    if at < len(tokens) and tokens[at] == "hundred":
        value, at = value * 100, at + 1
        if at < len(tokens) and tokens[at] == "and":
            rest = _below_a_hundred(tokens, at + 1)
            if rest is None:
                return None
            return value + rest[0], rest[1]
        rest = _below_a_hundred(tokens, at)
        if rest is not None:
            return value + rest[0], rest[1]
    return value, at


def _value(words: str) -> Decimal | None:
    """"four thousand nine hundred and fifty" is 4950; "five and a half thousand" is 5500; words
    that do not read as one sum ("four thousand eight fifty", "four nine hundred") are None."""
    tokens = _WORD.findall(words)
    first = _below_a_thousand(tokens, 0)
    if first is None:
        return None
    total, at = first
    if tokens[at:at + 3] == ["and", "a", "half"]:
        total, at = total + Decimal("0.5"), at + 3
    if at < len(tokens) and tokens[at] in ("thousand", "grand"):
        total, at = total * 1000, at + 1
        if at < len(tokens) and tokens[at] == "and":
            at += 1
        if at < len(tokens):
            rest = _below_a_thousand(tokens, at)
            if rest is None or rest[0] >= 1000:
                return None
            total, at = total + rest[0], rest[1]
    return total if at == len(tokens) else None


_PERIOD_LEFT = re.compile(r"[ \t]*(?:(?:a|per)[ \t]+week|pw|p/w|weekly)?[ \t.]*", re.IGNORECASE)


def sum_in_words(words: str) -> Decimal | None:
    """The sum that words alone say ("four thousand five hundred and eighty pounds", "five
    thousand a week"), or None when they say anything else."""
    found = _SPOKEN.match(words.strip())
    if found is None or not _PERIOD_LEFT.fullmatch(words.strip(), found.end()):
        return None
    spoken = found["sum"].casefold()
    if "hundred" not in spoken and "thousand" not in spoken and "grand" not in spoken:
        return None
    return _value(spoken)
