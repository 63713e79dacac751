"""The child's date of birth, in every common way a social worker might write it.

`date_of_birth_pattern` finds the one date in free text however it is written (14/03/2012,
14.3.12, 2012-03-14, 14th March 2012, March 14th 2012, the fourteenth of March 2012, March the
fourteenth, 14 Mar 12, 14-Mar-2012, Christmas Day 2010 for a child born on it, and the
birthday alone, "14th March", unless another year follows it); `birthday_pattern` finds the
birthday in any year where the text calls it one. `date_of_birth_strings` lists
the usual spellings, for tests that check a message holds none of them.
"""

from __future__ import annotations

from datetime import date

from broker.anonymise.wraps import ANY_SPACE, SOME_SPACE, WRAP
from broker.forms.spoken_dates import ordinal_words

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# A line wrap may stand wherever a space may (`wraps.py`): "09/05/\n2011".
_NUMERIC_SEPARATOR = rf"(?:{ANY_SPACE}[/.\-]{ANY_SPACE}|{SOME_SPACE})"
_NAMED_SEPARATOR = rf"[ \t/.\-,]*(?:{WRAP})?"
_ORDINAL = r"(?:st|nd|rd|th)?"


_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_GAP = r"[ \t\-]{1,3}"
_SPACE = r"[ \t]{1,3}"


def _two_digits_in_words(value: int) -> str:
    """1-99 in words: "eight", "eleven", "twenty[- ]two"."""
    if value < 10:
        return _UNITS[value]
    if value < 20:
        return _TEENS[value - 10]
    tens, units = divmod(value, 10)
    return _TENS[tens] + (f"{_WORD_GAP}{_UNITS[units]}" if units else "")


def year_in_words(year: int) -> str:
    """A regex for one year said in words: 2011 as "twenty eleven" or "two thousand and
    eleven", 2008 as "two thousand and eight" or "twenty oh eight", 1998 as "nineteen
    ninety-eight"."""
    century, rest = divmod(year, 100)
    if not 10 <= century <= 20 or (century == 20 and rest == 0):
        return "(?!)" if century != 20 else rf"two{_SPACE}thousand"
    said = _two_digits_in_words(century)
    last = _two_digits_in_words(rest) if rest >= 10 else f"oh{_WORD_GAP}{_UNITS[rest]}"
    forms = [f"{said}{_WORD_GAP}{last}"]
    if century == 20:
        forms.append(rf"two{_SPACE}thousand(?:{_SPACE}and)?{_SPACE}{_two_digits_in_words(rest)}")
    return "(?:" + "|".join(forms) + r")(?![^\W\d_])"


_UNIT_WORDS = "|".join(_UNITS[1:])
_TEEN_WORDS = "|".join(_TEENS)
_TENS_WORDS = rf"(?:{'|'.join(_TENS[2:])})(?:{_WORD_GAP}(?:{_UNIT_WORDS}))?"
_BELOW_A_HUNDRED = rf"(?:{_TEEN_WORDS}|{_TENS_WORDS}|{_UNIT_WORDS})"
# Any year from 1900 to 2099 said in words, for a date of birth of anyone the text gives:
# "two thousand and eight", "twenty eleven", "nineteen ninety-eight", "twenty oh nine".
ANY_YEAR_IN_WORDS = (
    rf"(?:(?:nineteen|twenty){_WORD_GAP}(?:oh{_WORD_GAP}(?:{_UNIT_WORDS})|{_TEEN_WORDS}|{_TENS_WORDS})"
    rf"|two{_SPACE}thousand(?:(?:{_SPACE}and)?{_SPACE}{_BELOW_A_HUNDRED})?)(?![^\W\d_])")


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}" + {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _number(value: int) -> str:
    """`0?3` for 3: the number with or without its leading zero."""
    return f"0?{value}" if value < 10 else str(value)


# Days a birthday may be named by: "born on Christmas Day 2010".
_NAMED_DAYS = {
    (12, 24): r"christmas\s+eve", (12, 25): r"(?:christmas|xmas)\s+day", (12, 26): r"boxing\s+day",
    (1, 1): r"new\s+year['’]?s\s+day", (12, 31): r"new\s+year['’]?s\s+eve",
    (2, 14): r"valentine['’]?s\s+day", (10, 31): r"hallowe['’]?en",
    (11, 5): r"bonfire\s+night|guy\s+fawkes(?:['’]?\s+night)?",
    (3, 17): r"st\.?\s+patrick['’]?s\s+day", (2, 29): r"leap\s+day",
}


def _day(born: date) -> str:
    """The day of the month in digits, with or without its ordinal, or in words ("ninth")."""
    return rf"(?:{_number(born.day)}{_ORDINAL}|{ordinal_words(born.day)})"


def _named_day(born: date) -> str | None:
    named = _NAMED_DAYS.get((born.month, born.day))
    return rf"(?<![^\W\d_])(?:{named})(?![^\W\d_])" if named else None


def _month_name(month: int) -> str:
    name = _MONTH_NAMES[month - 1]
    short = {"September": "Sept?", "June": "Jun", "July": "Jul"}.get(name, name[:3])
    return rf"(?:{name}|{short}\.?)(?![^\W\d_])"


# A passport's month in its second language after a slash: "03 MAR/MAR 2012", "11 JUN/JUIN
# 2022". It belongs to the date, so the year after it is the date's year: taken whenever it
# stands there (possessive), so "Expiry: 03 MAR/MAR 2027" is no birthday.
_SECOND_LANGUAGES_MONTH = r"(?:[ \t]?/[ \t]?[^\W\d_]{3,9}\.?(?![^\W\d_]))?+"


def date_of_birth_pattern(born: date) -> str:
    """A regex (use with re.IGNORECASE) for `born` written any common way."""
    day, month = _number(born.day), _number(born.month)
    year = rf"(?:{born.year}|'?{born.year % 100:02d}(?!\d)|{year_in_words(born.year)})(?!\d)"
    named = _month_name(born.month)
    other_year_follows = rf"(?!{_NAMED_SEPARATOR}'?\d)"
    full_or_birthday = rf"(?:{_NAMED_SEPARATOR}{year}|{other_year_follows})"
    forms = [
        rf"{day}{_NUMERIC_SEPARATOR}{month}{_NUMERIC_SEPARATOR}{year}",  # 14/03/2012
        rf"{month}{_NUMERIC_SEPARATOR}{day}{_NUMERIC_SEPARATOR}{year}",  # 03/14/2012 (US)
        rf"{born.year}{_NUMERIC_SEPARATOR}{month}{_NUMERIC_SEPARATOR}{day}(?!\d)",  # ISO
        rf"{_day(born)}(?:{SOME_SPACE}day)?(?:{SOME_SPACE}of)?{_NAMED_SEPARATOR}{named}"
        rf"{_SECOND_LANGUAGES_MONTH}{full_or_birthday}",
        rf"(?<![^\W\d_]){named}{_NAMED_SEPARATOR}(?:the{SOME_SPACE})?{_day(born)}(?!\d)"
        rf"{full_or_birthday}",
        # the month by its number as an ordinal: "the 14th of the 3rd, 2012"
        rf"{_day(born)}{SOME_SPACE}of{SOME_SPACE}the{SOME_SPACE}"
        rf"(?:{_number(born.month)}{_ORDINAL}|{ordinal_words(born.month)})(?![^\W\d_])"
        rf"{_NAMED_SEPARATOR}{year}",
        # All digits, as file names and case systems write it: 09052011, 090511, 20110509.
        rf"{born.day:02d}{born.month:02d}(?:{born.year}|{born.year % 100:02d})(?!\d)",
        rf"{born.year}{born.month:02d}{born.day:02d}(?!\d)",
    ]
    if (festival := _named_day(born)) is not None:  # "Christmas Day 2010"
        forms.append(rf"(?:{festival}){_NAMED_SEPARATOR}{year}")
    return r"(?<![\d])(?:" + "|".join(forms) + ")"


def birthday_pattern(born: date) -> str:
    """A regex (re.IGNORECASE) for the child's birthday in any year where the text says it is
    a birthday ("her 15th birthday was on 09/05/2026"): the day and month are the date of
    birth's, and with the age they give it away. The date is the group `value`."""
    day, month, named = _number(born.day), _number(born.month), _month_name(born.month)
    any_year = rf"(?:{_NUMERIC_SEPARATOR}(?:\d{{4}}|'?\d{{2}})(?!\d))?"
    any_named_year = rf"(?:{_NAMED_SEPARATOR}(?:\d{{4}}|'?\d{{2}})(?!\d))?"
    dates = [
        rf"{day}{_NUMERIC_SEPARATOR}{month}{any_year}(?![\d/]|\.\d)",
        rf"{_day(born)}(?:{SOME_SPACE}of)?{_NAMED_SEPARATOR}{named}{any_named_year}",
        rf"{named}{_NAMED_SEPARATOR}(?:the{SOME_SPACE})?{_day(born)}(?!\d){any_named_year}",
    ]
    if (festival := _named_day(born)) is not None:  # "his birthday is on Christmas Day"
        dates.append(rf"(?:{festival}){any_named_year}")
    # "will turn 13 on 24/12", "is turning 14 on …", "will be 13 on Christmas Eve"
    cue = (r"\b(?:birthday|b'?day|turns?|turned|turning|born|be[ \t]+\d{1,2})\b"
           r"[^.\n]{0,40}?")
    return rf"{cue}(?<!\d)(?P<value>{'|'.join(dates)})"


def date_of_birth_strings(born: date) -> list[str]:
    """The usual spellings of `born`, for checking that a text holds none of them."""
    d, m, y = born.day, born.month, born.year
    yy = f"{y % 100:02d}"
    month = _MONTH_NAMES[m - 1]
    return [
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}",
        f"{d:02d}/{m:02d}/{yy}", f"{d:02d}.{m:02d}.{yy}", born.isoformat(),
        f"{d} {month} {y}", f"{_ordinal(d)} {month} {y}", f"{month} {_ordinal(d)} {y}",
        f"{month} {d}, {y}", f"{d} {month[:3]} {y}", f"{d} {month[:3]} {yy}",
    ]  # fmt: skip
