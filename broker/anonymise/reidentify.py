"""Details that together could identify a child even with every name removed.

A named small town, a rare condition and an exact age are each harmless alone; together they
can point to one child ("the 13-year-old in Todmorden with Batten disease"). This check reads
the anonymised text (never the form's identifying values) and, when details of two or more
kinds occur, returns one warning for the social worker with each detail and a suggested
wording. Nothing is removed or changed: the social worker decides, since the detail may be
what a provider needs to know.

Kinds of detail:
- a small or little-known place: a capitalised place after "in", "near", "from" … that is no
  country, county or council area and is rare in English text (wordfreq), so not a city;
- a rare condition: "a rare genetic disorder", a syndrome or disease named after a person
  whose name is rare in English ("Prader-Willi syndrome"), or a rare medical word;
- an exact age: years and months, a half, or a birthday's date;
- the press: news coverage, a newspaper or a programme by its name ("was in the Manchester
  Evening News", "reported in the Northby Echo", "featured on BBC Look North");
- a distinction within a small group: "the only girl in the village", "the youngest person in
  the county to …", "the first … at the school", triplets.
A village or hamlet whose name the anonymiser removed ("the village of [address]") is still a
small place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from broker.anonymise import lexicon
from broker.anonymise.name_shapes import NOT_NAMES, WORD

_SMALL_PLACE = 3.5  # Zipf: a place named less often than this is not a well-known city
_RARE_EPONYM = 3.0
_RARE_MEDICAL_WORD = 2.2
# A capitalised run, then the words before it: only runs are tried, not every position.
_RUN = re.compile(rf"(?<![\w'’\-]){WORD}(?:[ \t]+(?:{WORD}|upon|on|le|under)){{0,3}}")
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:in|near|from|around|outside|at|village[ \t]+of|town[ \t]+of|hamlet[ \t]+of|called"
    r"|(?:moved|moving|move|relocated|relocating)[ \t]+to))[ \t]+$"
)
# A village or a hamlet whose name went as a place: still a small one.
_A_REMOVED_VILLAGE = re.compile(
    r"(?i:\b(?:the[ \t]+(?:[a-z]+[ \t]+)?(?:village|hamlet|town)[ \t]+of|an?[ \t]+(?:[a-z]+"
    r"[ \t]+)?(?:village|hamlet|town)[ \t]+called)[ \t]+)\[address\]"
)
_RARE_PHRASE = re.compile(
    r"(?i:\b(?:a|an|his|her|their)[ \t]+(?:very[ \t]+|extremely[ \t]+)?rare[ \t]+"
    r"(?:[a-z\-]+[ \t]+){0,2}(?:condition|disorder|disease|syndrome|illness|cancer|"
    r"form[ \t]+of[ \t]+[a-z\-]+))"
)
_EPONYM = re.compile(
    rf"(?P<eponym>{WORD}(?:[ \t-]{WORD})?)(?:['’]s)?[ \t]+"
    r"(?i:syndrome|disease|dystrophy|palsy|anaemia|anemia|disorder)\b"
)
_MEDICAL_WORD = re.compile(
    r"\b[a-z]{5,}(?:osis|aemia|emia|opathy|plasia|trophy|uria|itis|ectasia)\b", re.IGNORECASE
)
_EXACT_AGE = re.compile(
    r"(?i:\b(?P<years>\d{1,2})[ \t]*(?:years?|yrs?)[ \t]*(?:,|and)?[ \t]*\d{1,2}[ \t]*months?"
    r"|\b(?:aged|is|turned)[ \t]+(?P<half>\d{1,2})(?:[ \t]*½|[ \t]+and[ \t]+a[ \t]+half)"
    r"|\b(?:turned|turns|will[ \t]+be)[ \t]+(?P<turned>\d{1,2})[ \t]+on[ \t]+"
    r"(?:\[[^\]\n]{1,30}\]|\S+[ \t]+\S+)"
    r"|\b(?P<birthday>\d{1,2})(?:st|nd|rd|th)[ \t]+birthday[ \t]+(?:is[ \t]+)?on\b[^.\n]{0,20})"
)
_PRESS = re.compile(
    r"(?i:\b(?:featured|reported|appeared|named|covered)[ \t]+(?:in|on|by)[ \t]+(?:the[ \t]+)?"
    r"(?:local[ \t]+|national[ \t]+)?(?:news|press|papers?|newspapers?|media|tv|television"
    r"|radio)\b|\bwent[ \t]+viral\b|\bmedia[ \t]+coverage\b|\bnational[ \t]+news\b)"
    # a paper or a programme by its name, after words that say the story was in it
    r"|\b(?i:was|were|been|featured|reported|appeared|covered|named|pictured|story|article"
    r"|headlines?)[ \t]+(?i:in|on|by)[ \t]+(?:the[ \t]+)?"
    r"(?:(?:BBC|ITV|Sky)(?:[ \t]+[A-Z][a-z]+){1,2}"
    r"|(?:[A-Z][a-z]+[ \t]+){0,3}(?:Echo|Gazette|Chronicle|Herald|Telegraph|Advertiser"
    r"|Courier|Argus|Examiner|Evening[ \t]+News|Evening[ \t]+Post)"
    r"|(?:[A-Z][a-z]+[ \t]+){1,3}(?:Post|Mail|Mirror|Express|Star|Times|Journal|Observer"
    r"|Standard|Press|Record|News|Sun))(?![ \t]+[A-Z])\b"
)
# Where few are: the county, the town, the school; not the family, nor "her class" for an age.
_SMALL_GROUP = (r"(?:in|at|on)[ \t]+(?:the|her|his|their)[ \t]+(?:village|school|street|estate"
                r"|town|island|county|city|borough|district|country|{extra})\b")
_DISTINCTION = re.compile(
    r"(?i:\bthe[ \t]+only[ \t]+(?:[a-z]+[ \t]+){0,2}(?:child|girl|boy|pupil|young[ \t]+person"
    r"|family|teenager)[ \t]+" + _SMALL_GROUP.format(extra="year|class")
    # a person the first or the youngest of them: not "the first week at the school"
    + r"|\bthe[ \t]+(?:youngest|oldest|first)(?:[ \t-]+ever)?[ \t]+(?:(?:[a-z\-]+[ \t]+){0,2}"
    r"(?:person|child|girl|boy|pupil|student|teenager|young[ \t]+person|offender|one)[ \t]+)?"
    + _SMALL_GROUP.format(extra="UK")
    + r"|\b(?:triplets|quadruplets|conjoined)\b)"
)


@dataclass(frozen=True)
class Detail:
    """One identifying detail: what kind, which field, the words found, a safer wording."""

    kind: str
    field: str
    found: str
    suggestion: str


def reidentification_warnings(texts: Mapping[str, str | None]) -> list[dict[str, Any]]:
    """One warning when details of two or more kinds occur; [] otherwise."""
    details = [detail for field, text in texts.items() if text
               for detail in _details(field, text)]
    kinds = {detail.kind for detail in details}
    if len(kinds) < 2:
        return []
    unique = list({(d.kind, d.found.casefold()): d for d in details}.values())
    listed = "; ".join(f"'{d.found}' ({d.field})" for d in unique)
    return [{
        "kind": "rare-combination",
        "message": "Together these details could identify the child even without names: "
                   f"{listed}. Consider a more general wording before providers rely on it.",
        "details": [{"kind": d.kind, "field": d.field, "found": d.found,
                     "suggestion": d.suggestion} for d in unique],
    }]


def _details(field: str, text: str) -> Iterator[Detail]:
    for match in _RUN.finditer(text):
        place = match.group()
        if _PLACE_BEFORE.search(text[max(0, match.start() - 25) : match.start()]) and (
            _is_small_place(place)
        ):
            village = "village" in text[max(0, match.start() - 40) : match.end() + 40].lower()
            yield Detail("place", field, place, "a village nearby" if village
                         else "a small town in the area")
    for match in _A_REMOVED_VILLAGE.finditer(text):
        yield Detail("place", field, " ".join(match.group().split()), "a village nearby")
    yield from _conditions(field, text)
    for match in _EXACT_AGE.finditer(text):
        years = next((g for g in match.group("years", "half", "turned", "birthday") if g), "")
        yield Detail("age", field, " ".join(match.group().split()),
                     f"aged {years}" if years else "their age in years")
    for match in _PRESS.finditer(text):
        yield Detail("press", field, " ".join(match.group().split()),
                     "leave out details the public or the press may know")
    for match in _DISTINCTION.finditer(text):
        yield Detail("distinction", field, " ".join(match.group().split()),
                     "what it means for the child's care, not what sets the child apart")


def _conditions(field: str, text: str) -> Iterator[Detail]:
    for match in _RARE_PHRASE.finditer(text):
        yield Detail("condition", field, match.group(),
                     "the needs it brings, without naming it")
    for match in _EPONYM.finditer(text):
        start = match.start()
        first, _, rest = match.group("eponym").partition(" ")
        if rest and (_opens_a_sentence(text, start) or lexicon.is_ordinary(first)
                     or first.casefold() in NOT_NAMES):
            start += len(first) + 1  # "Has Prader-Willi syndrome": "Has" is no one's name
            first = rest
        eponym = re.split(r"[ \t-]", first)[0]
        if lexicon.zipf(eponym) < _RARE_EPONYM and eponym.casefold() not in NOT_NAMES:
            yield Detail("condition", field, text[start : match.end()],
                         "a rare medical condition")
    for match in _MEDICAL_WORD.finditer(text):
        if lexicon.zipf(match.group()) < _RARE_MEDICAL_WORD:
            yield Detail("condition", field, match.group(), "a rare medical condition")


def _opens_a_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 4) : at].rstrip(" \t\"'‘“(")
    return not before or before[-1] in ".!?:;\n"


def _is_small_place(place: str) -> bool:
    words = place.split()
    first = words[0]
    if first.casefold() in NOT_NAMES or lexicon.is_known_non_person(place):
        return False
    if lexicon.is_known_non_person(first) or lexicon.is_ordinary(first):
        return False
    return lexicon.zipf(first) < _SMALL_PLACE
