"""A remark on a date of birth that qualifies the age it gives: "01/01/2010 (claimed – age
disputed, age assessment pending)", "15/06/2009 (estimated)", "2011 approx", "03/04/2012 –
tbc".

An unaccompanied child's age is often claimed or disputed until a Merton age assessment is
done, and a provider deciding on a 16-year-old needs to know the 16 is not settled. Such a
remark is carried as a qualifier on the age the providers read ("Age: 16 (claimed, disputed;
age assessment pending)"), never dropped with the rest of the date's words. The qualifier is
built from fixed words only, never the remark's own text, so it can name no one. A word
the remark negates ("not disputed", "no doubt about it") qualifies nothing. Pure.

A remark may give a second date of birth, even a bare year ("real DOB thought to be 2008
per her cousin"): `another_birth_date` finds it, for the social worker to be asked which
is meant; the day an assessment was done ("age assessed as 17 on 20/11/2026") is none.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["age_qualifier", "another_birth_date"]

# What each kind of remark says of the age, in the order they are shown.
_QUALIFIERS = (
    ("claimed", re.compile(r"\bclaim", re.IGNORECASE)),
    ("disputed", re.compile(r"\bdisput|\bcontested\b|\bdoubt|\breal\s+(?:dob|d\.o\.b|date\s+of\s+"
                            r"birth|age)\b|\b(?:thought|believed|said)\s+to\s+be\b(?!\s+(?:correct|"
                            r"accurate|right)\b)|\bactual\s+(?:dob|date\s+of\s+birth|age)\b",
                            re.IGNORECASE)),
    ("estimated", re.compile(r"\bestimat|\best\b", re.IGNORECASE)),
    ("approximate", re.compile(r"\bapprox|\baround\b|\broughly\b", re.IGNORECASE)),
    ("to be confirmed", re.compile(r"\btbc\b|\bto\s+be\s+confirmed\b|\bunconfirmed\b|"
                                   r"\bnot\s+(?:yet\s+)?(?:confirmed|verified)\b",
                                   re.IGNORECASE)),
)
# An age assessment still to come ("age assessment pending", "Merton assessment booked"), or
# one done ("age assessed"): said after the qualifiers.
_ASSESSMENT_PENDING = re.compile(r"\bassess\w*\b[^.;]{0,40}?\b(?:pending|awaited|booked|due|"
                                 r"outstanding|to\s+(?:follow|be\s+(?:done|completed|held))|"
                                 r"underway|ongoing|in\s+progress|requested|planned)\b|"
                                 r"\b(?:awaiting|pending)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
                                 r"(?:age\s+)?assessment\b", re.IGNORECASE)
_ASSESSED = re.compile(r"\b(?:age\s+)?assess(?:ed|ment)\b", re.IGNORECASE)
# The date itself, left out before the remark is read ("01/01/2010", "1 Jan 2010").
_A_DATE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?|\b\d{1,2}(?:st|nd|rd|"
                     r"th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}\b|\b\d{4}\b")
_MOST_CHARS = 200
# A negation governing the words just after it, in the same clause ("not disputed", "no doubt
# about it", "never in dispute", "isn't contested").
_NEGATED = re.compile(r"(?:\b(?:not|no|never|without|beyond)|n['’]t)\s+(?:[\w'’]+\s+){0,2}$",
                      re.IGNORECASE)
# Another date of birth: a full date, or a bare year said as a birth's ("real DOB thought to
# be 2008", "born 2008 per her uncle"), never the day an assessment was done ("age assessed
# as 17 by Northby on 20/11/2026").
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)")
_BARE_YEAR = re.compile(r"(?<![\d/.\-])(?:19|20)\d{2}(?![\d/.\-])")
_ITS_DAY = re.compile(r"\bassess\w*\b[^;()\n]{0,60}?\b(?:on|dated)\s*$", re.IGNORECASE)
_OF_BIRTH = re.compile(r"\b(?:dob|d\.o\.b|date\s+of\s+birth|birth|born|age|thought|believed|"
                       r"real|actual(?:ly)?|claim\w*|says?|said|per)\b[^,;()\n]*$", re.IGNORECASE)
_YEARS_APART = 10  # a second date of birth is within a few years of the first


def age_qualifier(raw: str) -> str | None:
    """The qualifier a date of birth's remark puts on the age ("claimed, disputed; age
    assessment pending"), or None when its words say nothing of the kind."""
    remark = _A_DATE.sub(" ", raw[:_MOST_CHARS])
    said = [word for word, pattern in _QUALIFIERS if _unnegated(pattern, remark)]
    if _ASSESSMENT_PENDING.search(remark):
        said.append("age assessment pending")
    elif said and _ASSESSED.search(remark) and "disputed" not in said:
        said.append("age assessed")
    if not said:
        return None
    if said[-1].startswith("age assessment"):
        return ", ".join(said[:-1]) + "; " + said[-1] if len(said) > 1 else said[0]
    return ", ".join(said)


def _unnegated(pattern: re.Pattern[str], remark: str) -> bool:
    """Whether the remark says `pattern` somewhere no negation governs ("not disputed")."""
    return any(not _NEGATED.search(remark[:found.start()]) for found in pattern.finditer(remark))


def another_birth_date(raw: str, born: date | None = None) -> bool:
    """Whether a date of birth's words give a second one beside `born`: another full date,
    or a bare year said as a birth's ("real DOB thought to be 2008"), within a few years of
    it (not looked for without `born`); never a day an assessment was done on ("assessed
    as 17 by Northby on 20/11/2026")."""
    text = raw[:_MOST_CHARS]
    days = {found[0] for found in _FULL_DATE.finditer(text)
            if not _ITS_DAY.search(text[:found.start()])}
    if len(days) > 1 or born is None:
        return len(days) > 1
    bare = _FULL_DATE.sub(" ", text)
    return any(int(year[0]) != born.year and abs(int(year[0]) - born.year) <= _YEARS_APART
               and _OF_BIRTH.search(bare[:year.start()]) and not _ITS_DAY.search(
                   bare[:year.start()]) for year in _BARE_YEAR.finditer(bare))
