"""The options in plain words, for a social worker to share with parents and the child.

Pure. One short paragraph per option, of what the service knows as facts only: what kind of
place, the town or area it is in, how far, what Ofsted (the inspectors) said, when it could
start, and what the home says now (its current answer, not the comparison's: a home that has
since declined or withdrawn is said to have withdrawn). A provider's own words are never
shown to the family: a home's proposal can name or describe the other children living there,
so the social worker talks the homes' words through instead (she has them on her page).
Fees, home names, street addresses and provider contacts are left out on purpose: the
summary is for talking a choice through, not for contacting or negotiating.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from broker.anonymise.patterns import find_emails, find_phone_numbers, postcode_finder
from broker.anonymise.spans import Span, resolve

KIND_OF_PLACE = {
    "residential": "a children's home",
    "residential-solo": "a children's home for one young person at a time",
    "residential-disability": "a children's home for disabled children",
    "fostering": "a foster family",
    "fostering-specialist": "a foster family with extra training and support",
    "parent-and-child": "a place where a parent and their baby can live together",
    "sen-day": "a special school",
    "sen-residential": "a special school where children live during term time",
    "semi-independent": "supported housing for young people aged 16 and over",
}
HOW_FAR = {
    "under 10 km": "less than 6 miles away",
    "10-25 km": "about 6 to 15 miles away",
    "25-50 km": "about 15 to 30 miles away",
    "50-100 km": "about 30 to 60 miles away",
    "over 100 km": "more than 60 miles away",
}
UNKNOWN_DISTANCE = "we don't know yet how far this is from home"
OFSTED = {
    "outstanding": "rated Outstanding by Ofsted (the best rating)",
    "good": "rated Good by Ofsted",
    "requires-improvement": "rated Requires improvement by Ofsted (the inspectors said it "
                            "needs to get better)",
    "inadequate": "rated Inadequate by Ofsted (the inspectors found serious problems)",
    "not-yet-inspected": "not yet inspected by Ofsted",
}
DECISION = {
    "offer": "They have offered a place.",
    "interested": "They are interested, and would like to know more before offering a place.",
}
# A home's current answer that takes back what the comparison shows.
WITHDRAWN = frozenset({"decline", "withdrawn"})
SINCE_WITHDRAWN = "They have since withdrawn, so this place is no longer on offer."
REMOVED = "(contact details left out)"
_WEB_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]")
_NOT_A_PLACE = ("", "not given", "unknown")


@dataclass(frozen=True)
class PlainOption:
    label: str
    description: str  # "a children's home in London, about 6 to 15 miles away, …"
    decision: str
    withdrawn: bool = False  # its current answer is a decline or a withdrawal

    @property
    def headline(self) -> str:
        return f"Option {self.label}: {self.description}"


def summarise(options: list[dict[str, Any]], placement_type: str | None, *,
              areas: Mapping[str, str] | None = None, today: date | None = None,
              answers: Mapping[str, str] | None = None) -> list[PlainOption]:
    """`areas`: each establishment's town or area from the directory, by its key (or by an
    outward code the directory knows); `today`: a start on or before it is "straight away";
    `answers`: each establishment's current decision, by its key, where it has one."""
    kind = KIND_OF_PLACE.get(placement_type or "", "a place to live")
    return [summarise_one(option, kind, areas or {}, today,
                          (answers or {}).get(str(option.get("establishment") or ""), ""))
            for option in options]


def summarise_one(option: dict[str, Any], kind: str, areas: Mapping[str, str] | None = None,
                  today: date | None = None, answer: str = "") -> PlainOption:
    """`answer`: the home's current decision, which says what it offers now over the
    comparison's (made when the window closed)."""
    label = str(option.get("label") or "?")
    parts = [kind + _where(option, areas or {})]
    parts += [p for p in (HOW_FAR.get(str(option.get("distance_band") or ""), UNKNOWN_DISTANCE),
                          OFSTED.get(_code(option.get("ofsted_rating"))),
                          _start(option.get("available_from"), today)) if p]
    if answer in WITHDRAWN:
        return PlainOption(label, ", ".join(parts) + ".", SINCE_WITHDRAWN, withdrawn=True)
    said = answer if answer in DECISION else str(option.get("decision") or "")
    return PlainOption(label, ", ".join(parts) + ".", DECISION.get(said, ""))


# Where a provider's Location stops being a place: its first sentence or line, or where a
# contact detail was (the family is not to be reached past the council).
_PLACE_ENDS = re.compile(r"[.;:!?\n]|\(contact details left out\)")
_PLACE_AT_MOST = 40
_WORDS_AT_MOST = 4
_OUTWARD_CODE = re.compile(r"(?i)^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# Words that make a part of an address a street or a building, not a town: "14 Mill Lane",
# "Rose Cottage" (a home's own name is left out of the summary too).
STREET_OR_BUILDING = frozenset([
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "close", "drive", "dr",
    "way", "court", "ct", "place", "crescent", "gardens", "terrace", "row", "walk", "grove",
    "square", "mews", "parade", "rise", "vale", "view", "park", "estate", "hill", "hall",
    "house", "lodge", "cottage", "cottages", "farm", "manor", "barn", "villa", "centre",
    "center", "flat", "apartment", "unit", "floor", "building", "buildings", "mansions",
    "yard", "wharf", "green",
])


def _where(option: dict[str, Any], areas: Mapping[str, str]) -> str:
    """` in London`: the town or area, never the provider's Location as written. The
    directory's area for the home first; else the Location's last town-like part (no
    number, no street or building word), or an outward code on its own ("TN7")."""
    known = areas.get(str(option.get("establishment") or ""))
    if known:
        return f" in {known}"
    text = without_contact_details(str(option.get("location") or ""))
    end = _PLACE_ENDS.search(text)
    if end is not None and end.group() == REMOVED:
        return ""  # "Call 07700 900123 …": a contact detail before any place ended
    place = _town_like(text[:end.start() if end else len(text)], areas)
    return "" if place.lower() in _NOT_A_PLACE else f" in {place}"


def _town_like(text: str, areas: Mapping[str, str]) -> str:
    parts = [" ".join(part.split()) for part in text.split(",")]
    towns = [p for p in parts if p and not any(c.isdigit() for c in p)
             and len(p) <= _PLACE_AT_MOST and len(p.split()) <= _WORDS_AT_MOST
             and not STREET_OR_BUILDING & {w.strip("'’").lower() for w in p.split()}]
    if towns:
        return towns[-1]
    codes = [p.upper() for p in parts if _OUTWARD_CODE.match(p)]
    return areas.get(codes[-1], codes[-1]) if codes else ""


def _code(value: Any) -> str:
    return re.sub(r"\s+", "-", str(value or "").strip().lower())


STRAIGHT_AWAY = frozenset({"asap", "immediately", "now", "straight away", "today"})


def _start(value: Any, today: date | None = None) -> str:
    if not value:
        return "has not said when they could start"
    day = _day(value)
    if (day is not None and today is not None and day <= today) or (
            str(value).strip().lower().rstrip(".!") in STRAIGHT_AWAY):
        return "could start straight away"
    return f"could start on {long_date(value)}" if day else f"could start from {value}"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def long_date(value: Any) -> str:
    """`2026-12-01` as `1 December 2026`; anything else as it is."""
    day = _day(value)
    return f"{day.day} {day:%B %Y}" if day else str(value)


def without_contact_details(text: str) -> str:
    """Emails, phone numbers and web addresses out; full postcodes cut to their district."""
    spans = [*find_emails(text), *find_phone_numbers(text), *postcode_finder(None)(text),
             *(Span(m.start(), m.end(), "web") for m in _WEB_ADDRESS.finditer(text))]
    out, at = [], 0
    for span in resolve(spans):
        out.append(text[at:span.start])
        out.append(span.replacement or REMOVED)
        at = span.end
    out.append(text[at:])
    return "".join(out).strip()
