"""The options in plain words, for a social worker to share with parents and the child.

Pure. One short paragraph per option: what kind of place, roughly where and how far, what
Ofsted (the inspectors) said, when it could start, and what the provider says in its own words
with any contact details taken out. Fees, home names and provider contacts are left out on
purpose: the summary is for talking a choice through, not for contacting or negotiating.
"""

from __future__ import annotations

import re
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
OFSTED = {
    "outstanding": "rated Outstanding by Ofsted",
    "good": "rated Good by Ofsted",
    "requires-improvement": "rated Requires improvement by Ofsted",
    "inadequate": "rated Inadequate by Ofsted",
    "not-yet-inspected": "not yet inspected by Ofsted",
}
DECISION = {
    "offer": "They have offered a place.",
    "interested": "They are interested, and would like to know more before offering a place.",
}
REMOVED = "(contact details left out)"
_WEB_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]")
_NOT_A_PLACE = ("", "not given", "unknown")


@dataclass(frozen=True)
class PlainOption:
    label: str
    description: str  # "a children's home in SE22, about 6 to 15 miles away, …"
    decision: str
    they_say: str

    @property
    def headline(self) -> str:
        return f"Option {self.label}: {self.description}"


def summarise(options: list[dict[str, Any]], placement_type: str | None) -> list[PlainOption]:
    kind = KIND_OF_PLACE.get(placement_type or "", "a place to live")
    return [summarise_one(option, kind) for option in options]


def summarise_one(option: dict[str, Any], kind: str) -> PlainOption:
    label = str(option.get("label") or "?")
    parts = [kind + _where(option)]
    parts += [p for p in (HOW_FAR.get(str(option.get("distance_band") or "")),
                          OFSTED.get(_code(option.get("ofsted_rating"))),
                          _start(option.get("available_from"))) if p]
    return PlainOption(label, ", ".join(parts) + ".",
                       DECISION.get(str(option.get("decision") or ""), ""),
                       without_contact_details(str(option.get("proposal") or "")))


# Where a provider's Location stops being a place: its first sentence or line, or where a
# contact detail was (the family is not to be reached past the council).
_PLACE_ENDS = re.compile(r"[.;:!?\n]|\(contact details left out\)")
_PLACE_AT_MOST = 40


def _where(option: dict[str, Any]) -> str:
    """` in Croydon`: the provider's Location as a place only. The text is the provider's:
    "Croydon. Parents: call our manager on …" must not put its words, or its phone, before
    the family as the service's own."""
    text = without_contact_details(str(option.get("location") or ""))
    end = _PLACE_ENDS.search(text)
    if end is not None and end.group() == REMOVED:
        return ""  # "Call 07700 900123 …": a contact detail before any place ended
    place = " ".join(text[:end.start() if end else len(text)].split())
    if len(place) > _PLACE_AT_MOST:
        place = place[:_PLACE_AT_MOST].rsplit(" ", 1)[0]
    return "" if place.lower().strip(" ,") in _NOT_A_PLACE else f" in {place.strip(' ,')}"


def _code(value: Any) -> str:
    return re.sub(r"\s+", "-", str(value or "").strip().lower())


def _start(value: Any) -> str:
    if not value:
        return "has not said when they could start"
    day = long_date(value)
    return f"could start on {day}" if day != str(value) else f"could start from {day}"


def long_date(value: Any) -> str:
    """`2026-12-01` as `1 December 2026`; anything else as it is."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


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
