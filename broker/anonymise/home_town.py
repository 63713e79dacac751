"""The home town a location requirement names, kept there as the area asked for.

"Location requirements: Within 20 miles of Dartford so she can stay at her school", beside the
home address "14 Mill Pond Road, Dartford": the town is the requirement a provider must meet,
the area, not the address, and "Within 20 miles of [address]" asks for nothing anyone can
meet. So in the location field, an address line of the town's (after the street, with no
number, no street type and no building's word: "Dartford", "Kent") that the field names stays;
the street, the house number, a flat's or a building's line and the full postcode still go
there as everywhere. In every other field the home town goes with the address as before.
Like the postcode's outward code, broadcast as the area, a town so named is then no value
that must never appear (`identifying_values`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from broker.anonymise.places import STREET_TYPES
from broker.anonymise.terms import address_lines, fold, given, tokens_of
from broker.referral import ReferralForm

__all__ = ["scrubbed_keeping", "towns_asked_for"]

# Words of a building's or a block's line, never a town's: "Kestrel Tower", "Ash Flats".
_BUILDING_WORDS = frozenset({"flat", "flats", "apartment", "apartments", "tower", "point",
                             "building", "block", "court", "house", "lodge", "cottage",
                             "farm", "mill", "unit", "room", "caravan", "berth", "pitch"})


def towns_asked_for(form: ReferralForm) -> list[str]:
    """The home address's town lines that the location field names ("Dartford")."""
    location, address = given(form.location), given(form.home_address)
    if not location or not address:
        return []
    return [line for line in address_lines(address)[1:]
            if _a_towns_line(line) and _names(location, line)]


def scrubbed_keeping(scrub: Callable[[str | None], str | None], text: str | None,
                     lines: list[str]) -> str | None:
    """`scrub(text)` with each of `lines` kept where the text names it: every mention is put
    out of the scrubber's sight behind a private-use character of its own, and put back
    after. (Building a second scrubber without those lines read every text of the form
    again: half as much time again for a long referral.) A mark the scrubber took with
    its surroundings takes the town with it: nothing is restored that was not kept."""
    if not text or not lines:
        return scrub(text)
    found: list[str] = []

    def hide(match: re.Match[str]) -> str:
        found.append(match.group(0))
        return chr(_FIRST_MARK + len(found) - 1)

    for line in lines:
        text = _mentions(line).sub(hide, text)
    scrubbed = scrub(text)
    if scrubbed is None:
        return None
    for index, mention in enumerate(found):
        scrubbed = scrubbed.replace(chr(_FIRST_MARK + index), mention)
    return scrubbed


_FIRST_MARK = 0xE000  # the Private Use Area: no text of a form carries one, no search finds one


def _a_towns_line(line: str) -> bool:
    words = [fold(token) for token in tokens_of(line)]
    return bool(words) and not any(any(ch.isdigit() for ch in word) for word in words) and (
        not any(word in STREET_TYPES or word in _BUILDING_WORDS for word in words))


def _names(text: str, line: str) -> bool:
    return _mentions(line).search(text) is not None


def _mentions(line: str) -> re.Pattern[str]:
    words = r"[\s\-]+".join(re.escape(token) for token in tokens_of(line))
    return re.compile(rf"(?<![^\W_]){words}(?![^\W_])", re.IGNORECASE)
