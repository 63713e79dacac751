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
from dataclasses import replace

from broker.anonymise.places import STREET_TYPES
from broker.anonymise.terms import address_lines, fold, given, tokens_of
from broker.referral import ReferralForm

__all__ = ["towns_asked_for", "without_the_town_asked_for"]

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


def without_the_town_asked_for(form: ReferralForm) -> ReferralForm | None:
    """The form with the town lines its location field names taken out of the home address
    (so that the location's search leaves them), or None when it names none."""
    named = towns_asked_for(form)
    if not named:
        return None
    rest = [line for line in address_lines(form.home_address or "") if line not in named]
    return replace(form, home_address=", ".join(rest) or None)


def _a_towns_line(line: str) -> bool:
    words = [fold(token) for token in tokens_of(line)]
    return bool(words) and not any(any(ch.isdigit() for ch in word) for word in words) and (
        not any(word in STREET_TYPES or word in _BUILDING_WORDS for word in words))


def _names(text: str, line: str) -> bool:
    words = r"[\s\-]+".join(re.escape(token) for token in tokens_of(line))
    return re.search(rf"(?<![^\W_]){words}(?![^\W_])", text, re.IGNORECASE) is not None
