"""Dates as people say them rather than write them: "Monday week", "a week on Monday", "the
Monday after next", "Wednesday next week", "in a fortnight", "Christmas Eve", "Boxing Day",
"the fourteenth of December".

Each resolves against the reference date (the message's `Date:` header), as `dates.py` does
for "tomorrow" and "Monday 4th". A phrase that is not one of these is left to `dates.py`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*"
_LEAD = r"^\W*(?:(?:from|on|by|available|start(?:ing)?)\s+)*"
# "Monday week", "next Monday week", "a week on Monday", "a week Monday", "the Monday after
# next": a week on from the coming Monday.
# "a week today", "a week tomorrow", "a fortnight today", "today fortnight": counted from
# the day the reply was sent.
_A_WEEK_TODAY = re.compile(
    rf"{_LEAD}(?:(?P<span>a\s+week|one\s+week|a\s+fortnight|two\s+weeks)\s+(?:from\s+)?"
    r"(?P<day>today|tomorrow)|(?P<day2>today|tomorrow)\s+(?P<span2>week|fortnight))\b",
    re.IGNORECASE)
_THIS_TIME_NEXT_WEEK = re.compile(rf"{_LEAD}this\s+time\s+next\s+week\b", re.IGNORECASE)
_WEEKDAY_WEEK = re.compile(
    rf"{_LEAD}(?:(?:the\s+|next\s+)?{_DAY}\s+(?:week\b(?!\s+(?:commencing|beginning|starting))"
    rf"|after\s+next\b)"
    rf"|a\s+week\s+(?:(?:on|from)\s+)?(?P<later>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)",
    re.IGNORECASE)
# "Wednesday next week", "next week Wednesday", "next week": in the calendar week after this.
# So is "next Wednesday" (rule next-day-is-next-weeks): said on Monday 7 December it is the
# 16th, not the 9th, which would be "this Wednesday" or "Wednesday" (round 65's s04: read as
# the 9th, before the 14th the child was needed from); said on a Sunday, it is still the
# Wednesday after. A day of the month given with it ("next Friday 11th") is that day.
_NEXT_WEEK = re.compile(
    rf"{_LEAD}(?:(?P<before>mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(?:of\s+)?next\s+week"
    rf"|next\s+week(?:\s+on)?(?:\s+(?P<after>mon|tue|wed|thu|fri|sat|sun)[a-z]*)?"
    rf"|next\s+(?P<next>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b(?![\s,(]*(?:the\s+)?\d))\b",
    re.IGNORECASE)
# "in a fortnight", "in two weeks", "in 10 days".
_IN_SO_MANY = re.compile(
    r"^\W*(?:from\s+|available\s+)?in\s+(a|one|two|three|four|\d{1,2})\s+"
    r"(fortnight|weeks?|days?)\b(?!\s+(?:on\s+|from\s+)?(?:mon|tue|wed|thu|fri|sat|sun))",
    re.IGNORECASE)
# "the 14th of next month": that day of the month after the reference's.
_OF_NEXT_MONTH = re.compile(r"^\W*(?:from\s+|on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?\s+of\s+"
                            r"next\s+month\b", re.IGNORECASE)
# "the first Monday in January", "the 2nd Tuesday of December", "the last Friday in January".
_NTH_WEEKDAY_OF = re.compile(
    rf"^\W*(?:from\s+|on\s+)?(?:the\s+)?(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)"
    rf"\s+{_DAY}\s+(?:in|of)\s+(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE)
_NTH = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# Days of the year everyone names. "After Christmas" or "the new year" names no day: the
# provider is asked for one (`dates.py` finds nothing here to read).
# "the day after Boxing Day" is 27 December.
_NAMED = re.compile(
    r"^\W*(?:from\s+|on\s+)?(?P<after>the\s+day\s+after\s+)?"
    r"(?P<day>christmas\s+eve|christmas\s+day|boxing\s+day|"
    r"new\s+year['’]?s\s+(?:day|eve))\b", re.IGNORECASE)
_NAMED_DAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
               "new years day": (1, 1), "new years eve": (12, 31)}
# "the fourteenth of December": ordinal words as the digits `dates.py` reads.
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
# Any day of a month in words, as a regex: "ninth", "twenty-first", "thirty first".
ORDINAL_DAY_WORDS = r"(?:(?:twenty|thirty)[\s-]?)?(?:" + "|".join(_ORDINALS) + r")"
_ORDINAL = re.compile(
    r"\b(?:(twenty|thirty)[\s-])?(" + "|".join(_ORDINALS) + r")\b"
    r"(?=\s+(?:of\s+)?(?!(?:thing|week|weekend|half|fortnight|working|business|school)\b)"
    r"[A-Za-z]{3})"  # (but "first thing Monday", "the second week of January" and "the first
    # working day of the new year", a day that depends on the bank holidays where the home
    # is, name no day)
    # or after "the" and before no more words: "from the fourteenth"
    r"|(?<=\bthe\s)(?:(twenty|thirty)[\s-])?(" + "|".join(_ORDINALS) + r")\b(?=\s*(?:[.,;)!]|$))",
    re.IGNORECASE)


def ordinal_words(day: int) -> str:
    """A regex for the day of a month in words: 9 is "ninth", 21 "twenty-first"."""
    words = {number: word for word, number in _ORDINALS.items()}
    if day in words:
        return words[day]
    tens, units = divmod(day, 10)
    return rf"{words[tens * 10][:-4]}y[\s-]?{words[units]}"


def with_ordinal_digits(text: str) -> str:
    """"the fourteenth of December" -> "the 14th of December"; "twenty-first" -> "21st"."""
    def digits(match: re.Match[str]) -> str:
        tens = {"twenty": 20, "thirty": 30}.get((match[1] or match[3] or "").lower(), 0)
        number = tens + _ORDINALS[(match[2] or match[4]).lower()]
        suffix = "th" if 11 <= number <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"  # "2nd", as `_NTH_WEEKDAY_OF` reads it (not "2th")
    return _ORDINAL.sub(digits, text)


def spoken_date(text: str, reference: date) -> date | None:
    """The date a spoken phrase at the start of the text means, or None."""
    if match := _A_WEEK_TODAY.search(text):  # "a week today", "tomorrow week"
        span, day = match["span"] or match["span2"], match["day"] or match["day2"]
        weeks = 2 if "fortnight" in span.lower() or "two" in span.lower() else 1
        return reference + timedelta(days=7 * weeks + (day.lower() == "tomorrow"))
    if _THIS_TIME_NEXT_WEEK.search(text):  # "this time next week": a week on from the reply
        return reference + timedelta(days=7)
    if match := _WEEKDAY_WEEK.search(text):
        return _coming(match[1] or match["later"], reference) + timedelta(days=7)
    if match := _NEXT_WEEK.search(text):
        monday = reference + timedelta(days=7 - reference.weekday())
        day = match["before"] or match["after"] or match["next"]
        return monday + timedelta(days=_WEEKDAYS.index(day[:3].lower()) if day else 0)
    if match := _IN_SO_MANY.search(text):
        count = _NUMBERS.get(match[1].lower()) or int(match[1])
        unit = match[2].lower()
        days = 14 * count if unit == "fortnight" else 7 * count if unit.startswith("week") \
            else count
        return reference + timedelta(days=days)
    if match := _OF_NEXT_MONTH.search(text):
        year, month = divmod(reference.year * 12 + reference.month, 12)  # the month after
        try:
            return date(year, month + 1, int(match[1]))
        except ValueError:
            return None
    if match := _NTH_WEEKDAY_OF.search(text):
        found = _nth_weekday(match["nth"].lower(), match[2], match["month"], reference)
        return found if found >= reference else _nth_weekday(
            match["nth"].lower(), match[2], match["month"], date(reference.year + 1, 1, 1))
    if match := _NAMED.search(text):
        name = " ".join(re.sub(r"['’]", "", match["day"].lower()).split())
        month, day = _NAMED_DAYS[name]
        found = date(reference.year, month, day)
        found = found if found >= reference else date(reference.year + 1, month, day)
        return found + timedelta(days=1 if match["after"] else 0)
    return None


def _nth_weekday(nth: str, day: str, month_name: str, reference: date) -> date:
    """The first (…, last) such weekday of the next such month (this one if not yet past)."""
    month = _MONTHS.index(month_name[:3].lower()) + 1
    year = reference.year + (month < reference.month)
    wanted = _WEEKDAYS.index(day[:3].lower())
    if nth == "last":
        after = date(year + (month == 12), month % 12 + 1, 1)
        last = after - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - wanted) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(wanted - first.weekday()) % 7 + 7 * _NTH[nth])


def _coming(day: str, reference: date) -> date:
    """The next such weekday after the reference."""
    wanted = _WEEKDAYS.index(day[:3].lower())
    return reference + timedelta(days=(wanted - reference.weekday() - 1) % 7 + 1)
