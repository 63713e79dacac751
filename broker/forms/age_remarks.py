"""A remark on a date of birth that qualifies the age it gives: "01/01/2010 (claimed – age
disputed, age assessment pending)", "15/06/2009 (estimated)", "2011 approx", "03/04/2012 –
tbc".

An unaccompanied child's age is often claimed or disputed until a Merton age assessment is
done, and a provider deciding on a 16-year-old needs to know the 16 is not settled. Such a
remark is carried as a qualifier on the age the providers read ("Age: 16 (claimed, disputed;
age assessment pending)"), never dropped with the rest of the date's words. The qualifier is
built from fixed words only, never the remark's own text, so it can name no one. Pure.
"""

from __future__ import annotations

import re

__all__ = ["age_qualifier"]

# What each kind of remark says of the age, in the order they are shown.
_QUALIFIERS = (
    ("claimed", re.compile(r"\bclaim", re.IGNORECASE)),
    ("disputed", re.compile(r"\bdisput|\bcontested\b|\bdoubt", re.IGNORECASE)),
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


def age_qualifier(raw: str) -> str | None:
    """The qualifier a date of birth's remark puts on the age ("claimed, disputed; age
    assessment pending"), or None when its words say nothing of the kind."""
    remark = _A_DATE.sub(" ", raw[:_MOST_CHARS])
    said = [word for word, pattern in _QUALIFIERS if pattern.search(remark)]
    if _ASSESSMENT_PENDING.search(remark):
        said.append("age assessment pending")
    elif said and _ASSESSED.search(remark) and "disputed" not in said:
        said.append("age assessed")
    if not said:
        return None
    if said[-1].startswith("age assessment"):
        return ", ".join(said[:-1]) + "; " + said[-1] if len(said) > 1 else said[0]
    return ", ".join(said)
