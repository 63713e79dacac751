"""Welsh month and weekday names in a date, read as the English ones.

A home in Wales may answer in Welsh: "Gallwn gynnig lle o 4 Ionawr 2027" (we can offer a
place from 4 January 2027), "o ddydd Llun 4ydd o Fawrth". The date readers know English
names only, so a Welsh month beside a day number is rewritten as its English name before
they look ("4 Ionawr 2027" reads "4 January 2027"), in any of its mutated forms ("o Fawrth",
"o Fehefin", "yng Ngorffennaf"), a Welsh ordinal ending dropped ("4ydd", "1af", "21ain").
A month word with no day number beside it is left alone: "Mai" and "Mawrth" are also a name
and a weekday ("dydd Mawrth" is Tuesday), and a month alone names no start anyway. A
weekday is rewritten only after "dydd" ("dydd Llun", mutated "ddydd Llun"), since "Llun"
alone is a picture and "Iau" a liver.
"""

from __future__ import annotations

import re

__all__ = ["english_date_names"]

# Each month's Welsh forms: the radical, then those soft, nasal or aspirate mutation gives it
# (after "o", "i", "ym"/"yng", "ei"); a vowel-initial or unmutating month has one form.
_MONTHS = {
    "January": ("ionawr",),
    "February": ("chwefror",),
    "March": ("mawrth", "fawrth"),
    "April": ("ebrill",),
    "May": ("mai", "fai"),
    "June": ("mehefin", "fehefin"),
    "July": ("gorffennaf", "orffennaf", "ngorffennaf"),
    "August": ("awst",),
    "September": ("medi", "fedi"),
    "October": ("hydref",),
    "November": ("tachwedd", "dachwedd", "nhachwedd", "thachwedd"),
    "December": ("rhagfyr", "ragfyr"),
}
_ENGLISH_MONTH = {form: english for english, forms in _MONTHS.items() for form in forms}
_WEEKDAYS = {
    "llun": "Monday",
    "mawrth": "Tuesday",
    "mercher": "Wednesday",
    "iau": "Thursday",
    "gwener": "Friday",
    "sadwrn": "Saturday",
    "sul": "Sunday",
}
_MONTH_FORM = "|".join(sorted(_ENGLISH_MONTH, key=len, reverse=True))
# A day number, its Welsh ordinal ending ("1af", "2il", "4ydd", "5ed", "7fed", "11eg",
# "21ain") or English one, then the month, perhaps "of the month of" between ("4ydd o fis
# Ionawr"): "mis" (month) is "fis" after "o".
_DAY_THEN_MONTH = re.compile(
    rf"(?<![\d/.,£:])(?P<day>\d{{1,2}})(?:af|il|ydd|ed|fed|eg|ain|st|nd|rd|th)?"
    rf"(?P<between>[ \t]+(?:o[ \t]+)?(?:[fm]is[ \t]+)?)(?P<month>{_MONTH_FORM})\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:d?dydd)[ \t]+(?P<day>llun|mawrth|mercher|iau|gwener|sadwrn|sul)\b", re.IGNORECASE
)


def english_date_names(text: str) -> str:
    """The text with each Welsh month beside a day number, and each weekday after "dydd",
    in English ("o ddydd Llun 4ydd o Fawrth" reads "o Monday 4 March"); as it is otherwise."""
    if not _DAY_THEN_MONTH.search(text):
        return text
    text = _WEEKDAY.sub(lambda found: _WEEKDAYS[found["day"].lower()], text)
    return _DAY_THEN_MONTH.sub(
        lambda found: f"{found['day']} {_ENGLISH_MONTH[found['month'].lower()]}", text
    )
