"""Years written in words, as a date of birth sometimes is: "two thousand and twelve",
"two thousand twelve", "twenty twelve", "twenty-twenty" (2000 to 2099, the years a child in
a referral was born in). Each becomes its figures, so that "the fifth of January two thousand
and twelve" reads as 05/01/2012; any other words are left as they are.
"""

from __future__ import annotations

import re

__all__ = ["with_year_digits"]

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNIT = "|".join(_UNITS)
_BELOW_A_HUNDRED = (rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]{{1,3}}(?:{_UNIT}))?|{'|'.join(_TEENS)}"
                    rf"|{_UNIT})")
# "two thousand and twelve", "two thousand twelve", "two thousand"; "twenty twelve",
# "twenty-twenty", "twenty oh nine" (not "twenty five", which is an age or a day).
_A_YEAR = re.compile(
    rf"\btwo[\s-]thousand(?:(?:\s+and)?[\s-]+(?P<rest>{_BELOW_A_HUNDRED}))?\b"
    rf"|\btwenty[\s-](?:(?P<late>{'|'.join(_TEENS)}|(?:{'|'.join(_TENS)})(?:[\s-](?:{_UNIT}))?)"
    rf"|(?:oh|o|zero)[\s-](?P<early>{_UNIT}))\b", re.IGNORECASE)


def _number(words: str) -> int:
    """A number below a hundred in words: "twelve" 12, "twenty-one" 21, "nine" 9."""
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        total += _UNITS.get(word, 0) + _TEENS.get(word, 0) + _TENS.get(word, 0)
    return total


def with_year_digits(text: str) -> str:
    """The text with each year in words as its figures: "two thousand and twelve" -> "2012"."""
    def digits(match: re.Match[str]) -> str:
        part = match["rest"] or match["late"] or match["early"] or ""
        return str(2000 + _number(part))
    return _A_YEAR.sub(digits, text)
