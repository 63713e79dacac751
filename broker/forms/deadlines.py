"""A day a placement is needed *by*, told apart from the day it is needed *from*.

A referral's needed-from value sometimes gives a deadline beside, or instead of, its start:
"before EDD 02/01/2027 – ideally from 21/12", "no later than 24/12, from 18/12 if possible",
"by 18/12". A date after `before`, `by`, `no later than`, `not after`, `prior to` or
`deadline` (or before `at the latest`) is the deadline, never the start. `deadline_apart`
finds such a date and the dates that say they are a start: one after `from`, `ideally`,
`starting`, `commencing`, `w/c`, `on` or `after`, or the date the value opens with. The
referral reader then takes the one start given, and asks for the start when there is none
(a value that opens with "ASAP" or "today" is needed now, the deadline a remark, as
before). Pure: words in, words out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from broker.forms.dates import MONTH_WORD

__all__ = ["DeadlineApart", "deadline_apart"]

# A day as a referral writes one: "21/12", "02/01/2027", "21st Dec", "21 December 2026",
# "Mon 21st".
_A_DAY = re.compile(
    r"(?<![\w/.])(?:\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?(?:\d{4}|\d{2}))?(?![\w/])"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_WORD}\.?(?:\s+\d{{4}})?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b)",
    re.IGNORECASE)
# Up to three words, none a number, between the word and its day: "before EDD 02/01/2027",
# "no later than the 24th", "ideally from Mon 21st".
_WORDS_BETWEEN = r"(?:[A-Za-z'\u2019]+\s+){0,3}"
_DEADLINE_BEFORE = re.compile(
    r"\b(?:before|by|(?:no|not)\s+later\s+th[ae]n|not\s+after|prior\s+to|deadline(?:\s+of)?)"
    rf"[:\s]{{1,3}}{_WORDS_BETWEEN}$", re.IGNORECASE)
_DEADLINE_AFTER = re.compile(r"\W{0,3}\s*(?:at\s+the\s+)?latest\b", re.IGNORECASE)
_START_BEFORE = re.compile(
    r"\b(?:from|ideally|starting|start|commencing|w/?c|week\s+commencing|on|after)"
    rf"[:\s\-\u2013]{{1,3}}{_WORDS_BETWEEN}$", re.IGNORECASE)
_OPENING = re.compile(r"^\W*$")
# How far before a day its word is looked for (a clause, never the value's other dates).
_LOOK_BACK = 40


@dataclass(frozen=True)
class DeadlineApart:
    """The deadline's words ("02/01/2027") and each date given as the start, as written."""

    deadline: str
    starts: tuple[str, ...]


def deadline_apart(text: str) -> DeadlineApart | None:
    """The value's deadline and starts; None when no date in it is a deadline."""
    deadline: str | None = None
    starts: list[str] = []
    for day in _A_DAY.finditer(text[:300]):
        before = text[max(0, day.start() - _LOOK_BACK):day.start()]
        before = re.split(r"\d", before)[-1]  # never past another date's digits
        if _DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.match(text, day.end()):
            deadline = deadline or day[0]
        elif (_START_BEFORE.search(before) or _OPENING.match(text[:day.start()])) and (
                day[0] not in starts):
            starts.append(day[0])
    if deadline is None:
        return None
    return DeadlineApart(deadline=deadline, starts=tuple(starts))
