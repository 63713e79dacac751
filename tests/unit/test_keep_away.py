"""The location line's exclusions (broker/forms/keep_away.py), where they are
(broker/directory/areas.py), rule `keep-away`, and the hold for one the service cannot place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from broker.directory.areas import locate
from broker.eligibility import RULES, match, unplaced
from broker.forms.keep_away import keep_aways
from tests.snapshots import DIRECTORY, SW, actor, snapshot
from tests.unit.test_eligibility_rules import LARCH_HOUSE, SAMPLE, decide, make_directory
from tests.unit.test_lifecycle import FORM
from workflows.events import FormReceived
from workflows.lifecycle import decide as lifecycle_decide
from workflows.states import State

PLACES = DIRECTORY.places


@pytest.mark.parametrize(("text", "places", "miles"), [
    ("Not in London – must be outside the M25 (CCE)", [("London",), ("the M25",)], None),
    ("must not be placed in Manchester, Salford or Bolton. She swims", [
        ("Manchester", "Salford", "Bolton")], None),
    ("nowhere near Leeds", [("Leeds",)], None),
    ("At least 50 miles from Manchester – CCE, linked to an M8 county line",
     [("Manchester",)], 50),
    ("not within 30 miles of SE15", [("SE15",)], 30),
    ("not within a 30-mile radius of south-east London", [("south-east London",)], 30),
    ("50+ miles from LS6", [("LS6",)], 50),
    ("80 km or more from Birmingham", [("Birmingham",)], 80 / 1.609344),
])
def test_each_shape_of_exclusion_is_read(text: str, places: list[tuple[str, ...]],
                                         miles: float | None) -> None:
    read = keep_aways(text)
    assert [k.places for k in read] == places
    for k in read:
        assert (k.km is None) if miles is None else k.km == pytest.approx(miles * 1.609344)


@pytest.mark.parametrize("text", [
    "close to London for family time", "within 20 miles of school",
    "should not be more than 20 miles from school", "must not be outside London",
    "Within reach of Ardenfold so Tee can see her mother", "", None,
])
def test_words_that_are_no_exclusion_are_not_read_as_one(text: str | None) -> None:
    assert keep_aways(text) == ()


@pytest.mark.parametrize(("name", "inside", "outside"), [
    ("London", "SE15", "ME4"), ("the M25", "CR0", "DA1"), ("Greater London", "E17", "LU1"),
    ("Manchester", "M20", "L15"), ("south-east London", "SE22", "SW9"),
    ("the Midlands", "NG7", "M14"), ("Yorkshire and the Humber", "LS6", "NE6"),
    ("SE15", "SE15", "SE22"),
])
def test_places_are_located_from_the_places_list(name: str, inside: str, outside: str) -> None:
    area = locate(name, PLACES)
    assert area is not None and area.holds(inside, PLACES) and not area.holds(outside, PLACES)


@pytest.mark.parametrize(("text", "words"), [
    ("not in Northby or neighbouring boroughs", "not in Northby or neighbouring boroughs"),
    ("away from his associates in Moss Side", "away from his associates in Moss Side"),
    ("not within 30 miles of Bristol", "not within 30 miles of Bristol"),
    ("not in London or neighbouring boroughs", "not in London or neighbouring boroughs"),
])
def test_an_exclusion_naming_an_unknown_place_is_named_as_not_placed(text: str,
                                                                     words: str) -> None:
    assert unplaced(keep_aways(text), PLACES) == (words,)


@pytest.mark.parametrize("text", ["Not in London – outside the M25", "away from negative peers",
                                  "at least 50 miles from M1", "not in Yorkshire and the Humber"])
def test_a_placed_exclusion_or_none_leaves_nothing_unplaced(text: str) -> None:
    assert unplaced(keep_aways(text), PLACES) == ()


def test_rule_keep_away_leaves_out_a_home_inside_the_area_or_the_distance() -> None:
    assert "keep-away" in [rule.name for rule in RULES]
    rule, reason = decide({}, {}, {"keep_away": keep_aways("Not in London")})
    assert rule == "keep-away" and "SE22 is in London" in reason
    rule, reason = decide({}, {}, {"keep_away": keep_aways("not within 5 miles of SE15")})
    assert rule == "keep-away" and "from SE15" in reason and "5 miles" in reason
    assert decide({}, {}, {"keep_away": keep_aways("not within 1 mile of SE15")}) == (None, "")
    assert decide({}, {}, {"keep_away": keep_aways("Not in Manchester")}) == (None, "")
    assert decide({}, {}, {"keep_away": keep_aways("close to London")}) == (None, "")


def _sent_to(decision) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.to for c in decision.commands if getattr(c, "template", "") == "provider/referral"}


def _in_london(addresses: set[str]) -> set[str]:
    return {a for a in addresses for e in DIRECTORY.establishments_for_contact(a)
            if PLACES[e.outward_code].region == "London"}


def _with_location(words: str):  # type: ignore[no-untyped-def]
    return replace(FORM, fields={**FORM.fields, "location": words})


def test_a_not_in_london_referral_is_sent_to_no_london_home() -> None:
    plain = lifecycle_decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=FORM))
    assert _in_london(_sent_to(plain))  # the sample child is a London child
    kept = lifecycle_decide(snapshot(State.NEW), FormReceived(
        actor=actor(SW), key="k", form=_with_location("Not in London – must be outside the M25")))
    assert kept.snapshot.state in (State.OPEN, State.UNMATCHED)
    assert not _in_london(_sent_to(kept))


def test_an_exclusion_it_cannot_place_is_sent_with_its_words_told_to_her() -> None:
    plain = lifecycle_decide(snapshot(State.NEW), FormReceived(
        actor=actor(SW), key="k", form=_with_location("Not in London")))
    ack = next(c for c in plain.commands
               if getattr(c, "template", "") == "social_worker/acknowledgement")
    assert not ack.context.get("location_unread")
    sent = lifecycle_decide(snapshot(State.NEW), FormReceived(
        actor=actor(SW), key="k", form=_with_location("away from his associates in Moss Side")))
    assert sent.snapshot.state == State.OPEN and _sent_to(sent)
    ack = next(c for c in sent.commands
               if getattr(c, "template", "") == "social_worker/acknowledgement")
    assert ack.context["location_unread"] == ["away from his associates in Moss Side"]


def test_match_uses_the_location_line_of_a_request() -> None:
    result = match(make_directory([LARCH_HOUSE], []), replace(
        SAMPLE, keep_away=keep_aways("Not in London")))
    assert not result.eligible
