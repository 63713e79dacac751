"""A school field that says the child has no school, which names no school.

The form's "School" field is searched for wherever its words stand, as the school's name. But
a child out of school has the field filled with what their education is: "None - awaiting
place", "Not in education (EHE since Year 7)", "Home educated", "Elective home education",
"Not on roll", "NEET", "No school place", "Out of education", "Awaiting a school place".
Read as a name, its words went from every field: "needs a school [school]", "is [school],
training or employment". Such a value is no school's name (`named_school`).

What follows the statement may still name a school, and that goes as the form's school:
"Not on roll (left Oakfield in May)" keeps "left Oakfield in May", whose "Oakfield" is the
only word the search takes alone (`terms.school_terms`). What follows it with no capitalised
word of its own ("awaiting place", "since Year 7", "EHE officer visiting"), or where a place
is sought ("in Hexby"), names no school.
"""

from __future__ import annotations

import re

from broker.anonymise import lexicon
from broker.anonymise.terms import given, tokens_of

# What a field says when the child has no school, at its start. Each reads the same in any
# case; a placeholder ("None", "N/A", "Nil") counts only before an explanation, as `given`
# already takes it alone.
_NO_SCHOOL_LIST = [
    r"none|nil|n/?a|no(?:ne)?[ \t]+(?:currently|at[ \t]+present|at[ \t]+the[ \t]+moment)",
    r"not[ \t]+(?:currently[ \t]+)?in[ \t]+(?:any[ \t]+)?(?:full[ \t\-]*time[ \t]+)?"
    r"(?:education|school(?:ing)?)(?:[ \t]*,[ \t]*employment[ \t]+or[ \t]+training"
    r"|[ \t]*,[ \t]*training[ \t]+or[ \t]+employment|[ \t]+or[ \t]+(?:training|employment))?",
    r"not[ \t]+(?:currently[ \t]+)?(?:on[ \t]+(?:a[ \t]+|any[ \t]+)?(?:school[ \t]+)?roll"
    r"|attending(?:[ \t]+(?:any[ \t]+)?(?:school|education))?"
    r"|enrolled|registered)(?:[ \t]+(?:anywhere|at[ \t]+(?:a|any)[ \t]+school))?",
    r"no[ \t]+(?:current[ \t]+|named[ \t]+)?(?:school(?:[ \t]+place)?|education(?:al)?"
    r"(?:[ \t]+(?:place|placement|provision|setting))?|provision|setting|placement)",
    r"(?:elective(?:ly)?[ \t]+)?home[ \t\-]*(?:educated|education|schooled|schooling|tutored)",
    r"ehe|neet|cme|(?:a[ \t]+)?child[ \t]+missing[ \t]+(?:from[ \t]+)?education",
    r"(?:out[ \t]+of|missing(?:[ \t]+from)?)[ \t]+(?:education|school)",
    r"(?:awaiting|seeking|waiting[ \t]+for|needs)[ \t]+(?:a[ \t]+|an[ \t]+)?(?:new[ \t]+)?"
    r"(?:school(?:[ \t]+place)?|place(?:ment)?|education(?:al)?(?:[ \t]+(?:place|placement|"
    r"provision))?|provision)",
    r"between[ \t]+schools",
]
_NO_SCHOOL = re.compile(
    r"[ \t]*(?:" + "|".join(_NO_SCHOOL_LIST) + r")(?![\w/])[ \t]*(?:[-–—,;:/(\[.][ \t]*)*",
    re.IGNORECASE)
_MOST_STATEMENTS = 4  # "None - awaiting place - EHE": a few said one after another


def named_school(value: str | None) -> str | None:
    """The school the field names: the value itself, or what follows a statement that the
    child has none if that has a capitalised word of its own ("left Oakfield in May"), else
    None ("Not in education (EHE since Year 7)", "None - awaiting place", "Home educated")."""
    school = given(value)
    if school is None:
        return None
    rest, said = school, False
    for _ in range(_MOST_STATEMENTS):
        match = _NO_SCHOOL.match(rest)
        if match is None or not match.group().strip():
            break
        rest, said = rest[match.end():], True
    if not said:
        return school
    rest = rest.strip(" \t)]-–—,;:.")
    if _AN_AREA.match(rest):
        return None  # "Awaiting school place in Hexby": a town's name, no school's
    return rest if any(map(_a_names_word, tokens_of(rest))) else None


# What follows a statement to say where a place is sought, not which school it was.
_AN_AREA = re.compile(r"(?:in|near|within|around|across|for)\b", re.IGNORECASE)


def _a_names_word(word: str) -> bool:
    """A capitalised word that is no English word, no month and no initials of a service:
    "Oakfield"; not "Year", "May", "EHE" or "PRU" (a unit's kind, which names none)."""
    return word[:1].isupper() and not word.isupper() and not lexicon.is_ordinary(word) and (
        not lexicon.is_known_non_person(word))
