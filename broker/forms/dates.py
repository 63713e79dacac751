"""UK dates as social workers and providers type them.

`01/12/2026` is 1 December. A date without a year is the one just past when it is no
more than `_JUST_PAST` (60 days) before the reference date (the message's `Date:`
header): "22 Nov" on 7 December is 22 November just past, which the needed-from-long-past
rule then asks about. Further back, it is the next one. Words such as `ASAP` and
`tomorrow` resolve against the reference too. A month's name mistyped by one slip of the
keys ("4th Janurary 2027", "Febuary 3rd, 2027") is that month when a day and a year stand
either side of it; a word of fewer than five letters, or near two months, is never read as
one ("Marc", "Mary"). A weekday named on that very day is next week's, and one its day of
the month does not fall on ("Friday 10th" when the 10th is a Thursday) a slip, but in a
referral's needed-from day (`weekday_asked`) either is asked about. A Welsh month beside a
day number ("4 Ionawr 2027", "4ydd o Fawrth") is read as the English one
(broker/forms/welsh_dates.py). Every failure is a ValueError whose message a social worker
can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from broker.forms.spoken_dates import spoken_date, with_ordinal_digits
from broker.forms.welsh_dates import english_date_names
from broker.forms.words import one_slip

_MONTH_NAMES = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A month's name or its short form, and a weekday's name, for other readers' patterns.
MONTH_WORD = rf"(?:{_MONTH_NAMES})\b"
WEEKDAY_WORD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})(?:\s?\2\s?(\d{4}|\d{2}))?(?![\d/\-]|\.\d)"
)
_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*|[\-/]|\s+of\s+)({_MONTH_NAMES})\b\.?,?"
    rf"(?:\s*(\d{{4}})|[\-/](\d{{4}}|\d{{2}})"  # "09-May-2011", "9-May-11"
    r"|\s+(\d{2})(?=\s*(?:$|[.,;)])))?(?!\d)",  # "14th Mar 12", the value's last word
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_NAMES})\b\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?\b,?(?:\s*(\d{{4}}))?(?!\d)",
    re.IGNORECASE,
)
_NOW_WORDS = re.compile(
    r"^\W*(?:(?:available|from|right|starting|start)\s+)?"  # "available now", "right now"
    r"(today|now|immediately|immediate|asap|a\.s\.a\.p\.?|as soon as possible|straight away"
    r"|right away|tonight|same day|tomorrow|this\s+(?:afternoon|evening|morning)|later\s+today)"
    r"\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# ("after court on Thursday", "following the hearing on Friday": that day, as "Thursday 10th
# (after the ICO hearing)" is)
_WEEKDAY = re.compile(r"^\W*(?:first\s+thing\s+)?(?:(?:straight\s+|immediately\s+)?(?:after|"
                      r"following)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[a-z]{2,12}\s+)?"
                      r"(?:court|hearing|panel|review)(?:\s+hearing)?\s+)?"
                      r"(?:(?:on|from|next|this\s+coming)\s+)?"
                      r"(mon|tue|wed|thu|fri|sat|sun)"
                      r"[a-z]*(?:\s+coming)?\W*$", re.I)  # "Monday coming": the coming Monday
# A day of the month without its month: "Monday 4th", "Mon the 4th", "from the 4th", "w/c
# 14th" (the week commencing it).
_DAY_OF_MONTH = re.compile(
    r"(?:\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\(?|\b(?:the|w/?c|week\s+commencing)\s+)"
    r"(?:the\s+)?(\d{1,2})"
    r"(?:st|nd|rd|th)\b(?!\s+(?:mon|tue|wed|thu|fri|sat|sun))",  # (but "the 1st Monday after
    re.IGNORECASE,  # Christmas" counts Mondays: it names no day of the month, and is asked)
)
# How far a weekday-and-day ("Monday 4th") is looked for: the next such day, or the one
# after. A weekday that falls on neither is a slip, and the next such day counts.
_MONTHS_AHEAD = 1
# "7th-14th Dec", "7 to 14 December": a range of days starts on its first.
_TIME_AFTER = re.compile(r"\s*(?:am|pm|a\.m|p\.m|hrs?|h)\b", re.IGNORECASE)
_RANGE_OF_DAYS = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)?)\s*(?:-|\u2013|/|to|and|until|till)\s*\d{1,2}(?:st|nd|rd|th)?"
    rf"(?=\s+(?:of\s+)?(?:{_MONTH_NAMES})\b)", re.IGNORECASE)
_MONTH_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)
_EXAMPLE = "write it as day/month/year, e.g. 01/12/2026"
# After a hope, the day meant: "ASAP – realistically Mon 21st", "now, but more likely the 21st".
_MORE_LIKELY = re.compile(r"\b(?:realistically|more\s+(?:likely|realistically)|in\s+practice"
                          r"|probably|but\s+likely)\b[\s,:]*", re.IGNORECASE)
# A day of this month, as letters once put it: "commencing 14th inst.".
_INSTANT = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:inst\b\.?|of\s+this\s+month\b)",
                      re.IGNORECASE)  # "14th inst.", "14th of this month"
# A time of day beside the day ("from 12 noon Monday", "9am Monday", "Monday at 10am"): the
# day is read without it.
_TIME_OF_DAY = re.compile(r"(?:\bat\s+)?\b(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|noon|midday)|noon|"
                          r"midday)\b", re.IGNORECASE)


def parse_uk_date(text: str, reference: date, *, year_required: bool = False,
                  weekday_asked: bool = False) -> date:
    """The date the text means; ValueError, with a message for the person who typed it.
    With `weekday_asked` (a referral's needed-from day), a weekday that leaves the day in
    doubt is asked about rather than read: one named on that very weekday ("after court on
    Thursday" sent on a Thursday: today, or next week?), or one its day of the month does
    not fall on ("Friday 10th" when the 10th is a Thursday)."""
    shown = _shown(text)
    sample = _RANGE_OF_DAYS.sub(r"\1", with_ordinal_digits(english_date_names(text[:200])))
    if "inst" in sample.lower() or "this month" in sample.lower():  # "14th inst.": of this month
        sample = _INSTANT.sub(lambda day: f"{day[1]} {reference:%B %Y}", sample)
    sample = _months_mistyped(_TIME_OF_DAY.sub(" ", sample))
    if (likely := _MORE_LIKELY.search(sample)) and _NOW_WORDS.search(sample[:likely.start()]):
        sample = sample[likely.end():]  # "ASAP – realistically Mon 21st": the 21st
    if spoken := spoken_date(sample, reference):
        return spoken
    if now := _NOW_WORDS.search(sample):  # "ASAP, no later than 1/12": needed now
        return reference + timedelta(days=1 if now[1].lower() == "tomorrow" else 0)
    found = _explicit_date(sample, shown, reference)
    if found is not None:
        year, month, day = found
        if year is None:
            if year_required:
                raise ValueError(f"'{shown}' has no year; {_EXAMPLE}")
            return _next_yearless(month, day, reference, shown)
        return _real_date(year, month, day, shown)
    relative = _relative_date(sample, reference, weekday_asked=weekday_asked, shown=shown)
    if relative is None:
        raise ValueError(f"'{shown}' is not a date we can read; {_EXAMPLE}")
    return relative


def names_now(text: str) -> bool:
    """Whether the value opens by saying now ("ASAP", "today", "immediately"): any date after
    it is a limit or a hope ("ASAP but no later than 18/12")."""
    return _NOW_WORDS.search(text[:200]) is not None


# A word of five letters or more between a day and a year, either way round: "4th Janurary
# 2027", "4 of Janaury, 2027", "Janurary 4th, 2027"; the word is read when it is a month's
# full name but for one slip (see `_months_mistyped`).
_MISTYPED_MONTH = re.compile(
    r"(?<![\d/.\-])(?P<day>\d{1,2}(?:st|nd|rd|th)?)(?P<before>\s+(?:of\s+)?)(?P<word>[A-Za-z]{5,12})"
    r"(?=\.?,?\s+\d{4}(?!\d))"
    r"|\b(?P<word2>[A-Za-z]{5,12})(?=\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d))",
    re.IGNORECASE)
_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_SLIPPED_MONTH = 5  # letters a mistyped month has at least: "Marc" and "Mary" are not


def _months_mistyped(text: str) -> str:
    """The text with a month's name mistyped by one slip, between a day and a year, written
    right ("4th Janurary 2027" reads "4th january 2027"); the text as it is otherwise."""
    def right(found: re.Match[str]) -> str:
        word = found["word"] or found["word2"]
        lower = word.lower()
        if lower in _FULL_MONTHS or re.fullmatch(_MONTH_NAMES, lower):
            return found[0]
        near = [month for month in _FULL_MONTHS
                if len(lower) >= _SLIPPED_MONTH and one_slip(lower, month)]
        if len(near) != 1:
            return found[0]
        at = found.start("word" if found["word"] else "word2") - found.start()
        return found[0][:at] + near[0]
    return _MISTYPED_MONTH.sub(right, text)


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _explicit_date(text: str, shown: str, reference: date) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the first date written in the text, whatever its shape:
    "14th December 2026 (the young person there moves on 10/12)" is the 14th."""
    found: list[tuple[int, Callable[[], tuple[int | None, int, int]]]] = []
    if match := _ISO.search(text):
        iso = match
        found.append((iso.start(), lambda: (int(iso[1]), int(iso[2]), int(iso[3]))))
    numeric = next((m for m in _NUMERIC.finditer(text) if m[4] is not None or m[2] == "/"
                    or _day_dot_month(m, text) or _day_dash_month_alone(m, text)), None)
    if numeric is not None:
        found.append((numeric.start(), lambda: _numeric(numeric, shown, reference)))
    if match := _DAY_MONTH.search(text):
        day_month = match
        year = day_month[3] or day_month[4] or day_month[5]
        found.append((day_month.start(), lambda: (_full_year(year, reference),
                                                  _month_number(day_month[2]),
                                                  int(day_month[1]))))
    if match := _MONTH_DAY.search(text):
        month_day = match
        found.append((month_day.start(), lambda: (_year_or_none(month_day[3]),
                                                  _month_number(month_day[1]),
                                                  int(month_day[2]))))
    return min(found, key=lambda pair: pair[0])[1]() if found else None


def _day_dot_month(match: re.Match[str], text: str) -> bool:
    """"28.12" is a date; "10.10" or "11.12am" is a time of day, and not read as one; but
    after a time of day ("10:00 11.12") it is the day that time falls on."""
    return (match[2] == "." and len(match[1]) == len(match[3]) == 2
            and (int(match[1]) > 12 or (bool(_A_TIME_BEFORE.search(text, 0, match.start()))
                                        and 1 <= int(match[3]) <= 12))
            and not _TIME_AFTER.match(text, match.end()))


_A_TIME_BEFORE = re.compile(r"(?<![\d.:])\d{1,2}:\d{2}[ \t]+$")  # "10:00 " before "11.12"


def _day_dash_month_alone(match: re.Match[str], text: str) -> bool:
    """"Available from: 18-12", the whole value: a date (a day past 12 first, so no range of
    ages or months); "10-12" or "18-12 hours" is not read as one."""
    return (match[2] == "-" and match.group().strip() == text.strip(" \t.")
            and int(match[1]) > 12 and 1 <= int(match[3]) <= 12)


def _numeric(match: re.Match[str], shown: str, reference: date) -> tuple[int | None, int, int]:
    day, month = int(match[1]), int(match[3])
    if month > 12 and day <= 12:
        day_first = "(UK dates put the day first)"
        raise ValueError(f"'{shown}' is not a real date {day_first}; {_EXAMPLE}")
    return _full_year(match[4], reference), month, day


def _full_year(year: str | None, reference: date) -> int | None:
    """Two-digit years are this century unless that is implausibly far ahead (`99` is 1999)."""
    if year is None:
        return None
    if len(year) == 4:
        return int(year)
    guess = 2000 + int(year)
    return guess if guess <= reference.year + 20 else guess - 100


def _year_or_none(year: str | None) -> int | None:
    return int(year) if year else None


def _month_number(name: str) -> int:
    return _MONTH_PREFIXES.index(name[:3].lower()) + 1


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{shown}' is not a real date; {_EXAMPLE}") from None


# A date without a year this few days before the reference is that date, just past ("from
# 30/11" on 2 December, "from 30/12" on 4 January, "22 Nov" on 7 December), not next year's:
# read as next year's, a day already gone became a date eleven months away, sent on as the
# day a place is needed, where read as past it is weighed as past (asked, or needed now).
_JUST_PAST = timedelta(days=60)


def _next_yearless(month: int, day: int, reference: date, shown: str) -> date:
    """The first such date on or after `_JUST_PAST` before the reference (29 February
    waits for a leap year)."""
    _real_date(2024, month, day, shown)  # 2024 is a leap year: rejects only impossible dates
    for year in range(reference.year - 1, reference.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= reference - _JUST_PAST:
            return candidate
    raise ValueError(f"'{shown}' is not a real date; {_EXAMPLE}")  # pragma: no cover


def _relative_date(text: str, reference: date, *, weekday_asked: bool = False,
                   shown: str = "") -> date | None:
    """`today`, `ASAP`, `tomorrow`, a weekday name: resolved against the reference date. The
    day named on that very day is next week's ("today" would have been said), and a weekday
    its day of the month does not fall on is a slip; with `weekday_asked`, either is a
    ValueError asking which day is meant."""
    if match := _NOW_WORDS.search(text):
        return reference + timedelta(days=1 if match[1].lower() == "tomorrow" else 0)
    if match := _WEEKDAY.search(text):
        wanted = _WEEKDAYS.index(match[1].lower())
        day = reference + timedelta(days=(wanted - reference.weekday() - 1) % 7 + 1)
        if weekday_asked and wanted == reference.weekday():
            raise ValueError(f"'{shown}' names a {reference:%A}, the day it was sent: please "
                             f"give the date meant, {reference:%d/%m/%Y} for today or "
                             f"{day:%d/%m/%Y} for next {reference:%A}")
        return day
    if match := _DAY_OF_MONTH.search(text):
        weekday = _WEEKDAYS.index(match[1][:3].lower()) if match[1] else None
        of_month = _next_day_of_month(int(match[2]), weekday, reference)
        if weekday_asked and of_month is not None and weekday is not None and (
                of_month.weekday() != weekday):
            apart = (weekday - of_month.weekday()) % 7  # the named weekday nearest that day
            near = of_month + timedelta(days=apart - 7 if apart > 3 and apart - 7 >= (
                reference - of_month).days else apart)
            raise ValueError(f"'{shown}' names a {near:%A}, but {of_month:%-d %B} is a "
                             f"{of_month:%A}: please give the date meant, {of_month:%d/%m/%Y} "
                             f"({of_month:%A}) or {near:%d/%m/%Y} ({near:%A})")
        return of_month
    return None


def _next_day_of_month(day: int, weekday: int | None, reference: date) -> date | None:
    """The next such day of a month on or after the reference; with a weekday ("Monday
    4th"), the next 4th or the one after, whichever is a Monday, else simply the next."""
    if not 1 <= day <= 31:
        return None
    found: list[date] = []
    year, month = reference.year, reference.month
    for _ in range(12):  # a 31st may skip months
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= reference:
            if weekday is None or candidate.weekday() == weekday:
                return candidate
            found.append(candidate)
            if len(found) > _MONTHS_AHEAD:
                break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found[0] if found else None
