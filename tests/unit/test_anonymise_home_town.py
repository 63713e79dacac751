"""The home town a location requirement names stays there, as the area asked for (round R24,
L01): "Within 20 miles of Dartford" beside a home at "14 Mill Pond Road, Dartford" had read
"Within 20 miles of [address]". The street, the house number, a building's line and the full
postcode still go everywhere; elsewhere the town goes with the address as before. The people
and places are made up."""

from __future__ import annotations

from datetime import date

from broker.anonymise import anonymise
from broker.referral import ReferralForm

TODAY = date(2026, 12, 7)


def _text(**fields: str) -> dict[str, str | None]:
    form = ReferralForm(child_name="Nadia Quarmby", home_postcode="DA1 2QT", **fields)
    return anonymise(form, authority=None, today=TODAY).text


def test_the_home_town_named_in_the_location_requirement_stays() -> None:
    text = _text(home_address="14 Mill Pond Road, Dartford",
                 location="Within 20 miles of Dartford so she can stay at her school")
    assert text["location"] == "Within 20 miles of Dartford so she can stay at her school"


def test_the_street_and_the_postcode_still_go_from_the_location_requirement() -> None:
    text = _text(home_address="14 Mill Pond Road, Dartford, DA1 2QT",
                 location="Not near 14 Mill Pond Road or DA1 2QT; Dartford or nearby")
    location = text["location"] or ""
    assert "Mill Pond" not in location and "2QT" not in location
    assert "Dartford or nearby" in location


def test_a_buildings_line_is_no_town() -> None:
    text = _text(home_address="Flat 2, Kestrel Court, Dartford",
                 location="Away from Kestrel Court, ideally in Dartford")
    location = text["location"] or ""
    assert "Kestrel" not in location and "in Dartford" in location


def test_the_home_town_still_goes_beside_the_address_in_other_fields() -> None:
    text = _text(home_address="14 Mill Pond Road, Dartford",
                 background="She lives at 14 Mill Pond Road, Dartford with her aunt.",
                 location="Within 20 miles of Dartford")
    assert "Dartford" not in (text["background"] or "")
    assert "Mill Pond" not in (text["background"] or "")
    assert text["location"] == "Within 20 miles of Dartford"


def test_a_home_town_that_is_also_someones_name_goes() -> None:
    """A town line that is a word of a person's name ("Kingston", her mother Carla Kingston's
    surname) is no area to keep: it goes from the location requirement as the name does."""
    form = ReferralForm(child_name="Nadia Quarmby", home_postcode="DA1 2QT",
                        home_address="14 Mill Pond Road, Kingston",
                        background="Her mother, Carla Kingston, visits weekly.",
                        location="Within 20 miles of Kingston")
    location = anonymise(form, authority=None, today=TODAY).text["location"] or ""
    assert "Kingston" not in location


def test_the_town_is_kept_in_each_of_its_mentions_and_its_own_case() -> None:
    text = _text(home_address="14 Mill Pond Road, Dartford",
                 location="Within 20 miles of DARTFORD; Dartford schools preferred")
    assert text["location"] == "Within 20 miles of DARTFORD; Dartford schools preferred"
