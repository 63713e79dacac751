"""The earliest start an offer's words give when its reply gives no day: "once our current
young person moves on, likely mid-January", "we could take her from the new year", "a bed
should free up early February".

Rule `rough-start-read` (reader ux51s): an offer with no "Available from" whose words put its
start in a month ("mid-January", "early February", "in March", "end of January") or at the
new year is read as starting no earlier than that month's part: early or the start of a
month its 1st, mid- or the middle its 15th, late or the end its 21st, a month alone its 1st,
the new year (or "after Christmas") 1 January. The comparison measures it against the day
the place is needed as it would a day given (broker/comparison.py), so such an offer is never
ranked or shown as if it could start in time. Only a sentence that speaks of the offer's
start counts (a bed, a vacancy, moving on, once, from, until, available …): "rated Good in
March" is no start. A month already past this year is next year's. Pure: words in, a day out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["RoughStart", "rough_start"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?" \
         r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
_PART = r"(?:(?P<part>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of|" \
        r"(?:start|beginning|middle|end)\s+of)[\s-]*)"
# A month with its part ("mid-January", "the end of Feb"), or a month after a word of time
# ("in March", "from January", "likely January"): never a day of it ("15 January" is a day,
# read as one by the reply's reader).
_IN_A_MONTH = re.compile(
    r"(?<![\d\w])(?:(?P<word>in|from|until|till|after|by|around|likely|probably|expected|"
    rf"sometime\s+in|during|not\s+before)\s+)?{_PART}?{_MONTH}(?!\s*\d)", re.IGNORECASE)
_NEW_YEAR = re.compile(r"\b(?:the\s+)?new\s+year\b(?!['’]?s?\s+(?:day|eve))|"
                       r"\bafter\s+christmas\b", re.IGNORECASE)
# Words that say a sentence speaks of when the offer can start.
_OF_A_START = re.compile(
    r"\b(?:offer|start|move|moving|moves|available|availability|vacanc|bed|room|place|space|"
    r"free|once|until|from|admit|take\s+(?:her|him|them)|accept|ready)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+")
_DAY_OF_PART = {"early": 1, "start": 1, "beginning": 1, "mid": 15, "middle": 15, "late": 21,
                "end": 21}


@dataclass(frozen=True)
class RoughStart:
    """The earliest day the words allow, and the words as said ("mid-January")."""

    earliest: date
    said: str


def rough_start(words: str | None, today: date) -> RoughStart | None:
    """The first rough start the words give in a sentence about the start; None when none."""
    for sentence in _SENTENCE.finditer(words or ""):
        text = sentence[0]
        if not _OF_A_START.search(text):
            continue
        found = next((month for month in _IN_A_MONTH.finditer(text)
                      if month["part"] or month["word"]), None)  # never "May" alone
        new_year = _NEW_YEAR.search(text)
        if new_year and (found is None or new_year.start() < found.start()):
            return RoughStart(date(today.year + 1, 1, 1), "the new year")
        if found is not None:
            return _in_month(found, today)
    return None


def _in_month(found: re.Match[str], today: date) -> RoughStart:
    month = next(i for i, name in enumerate(_MONTHS, 1)
                 if name.startswith(found["month"].lower()[:3]))
    part = (found["part"] or "").lower().replace("the ", "").split()
    day = _DAY_OF_PART.get(part[0], 1) if part else 1
    year = today.year + (1 if month < today.month else 0)
    # "mid-January", "the end of Feb" as said; "likely January" as the month
    said = " ".join(found[0][found.start("part") - found.start():].split()) \
        if found["part"] else _MONTHS[month - 1].capitalize()
    return RoughStart(date(year, month, day), said)
