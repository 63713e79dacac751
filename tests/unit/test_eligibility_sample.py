"""The sample referral against the shipped consortium: eligibility visibly narrows the broadcast.

The sample (config/samples/referral.txt) is from Northby Council: a 14-year-old girl from SE15
needing a residential placement for SEMH, CSE risk and missing episodes, one child.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from broker.directory import Directory, load_directory
from broker.eligibility import MatchRequest, MatchResult, match

CONFIG = Path(__file__).resolve().parents[2] / "config"
SAMPLE = MatchRequest(
    authority="northby",
    placement_type="residential",
    needs=["semh", "cse", "missing"],
    age=14,
    gender="female",
    siblings=1,
    area="SE15",
    on=date(2026, 12, 1),
)


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(CONFIG)


@pytest.fixture(scope="module")
def result(directory: Directory) -> MatchResult:
    return match(directory, SAMPLE)


def test_the_sample_reaches_between_8_and_20_establishments(result: MatchResult) -> None:
    assert 8 <= len(result.eligible) <= 20


def test_every_other_establishment_is_excluded_once_with_a_reason(
    directory: Directory, result: MatchResult
) -> None:
    keys = [e.establishment_key for e in result.eligible]
    keys += [x.establishment_key for x in result.excluded]
    assert sorted(keys) == sorted(directory.establishments)
    assert all(x.rule and x.reason for x in result.excluded)


def test_exclusions_are_spread_over_the_rules(result: MatchResult) -> None:
    spread = Counter(x.rule for x in result.excluded)
    expected = {"membership", "arrangement-live", "lot", "needs", "age", "gender", "distance"}
    expected |= {"ofsted", "status", "capacity"}
    assert expected <= set(spread)


def test_each_eligible_establishment_really_fits_the_child(
    directory: Directory, result: MatchResult
) -> None:
    for eligible in result.eligible:
        home = directory.establishments[eligible.establishment_key]
        arrangement = directory.arrangements[eligible.arrangement_key]
        assert (eligible.establishment, eligible.arrangement) == (home.name, arrangement.name)
        assert "northby" in arrangement.members and arrangement.is_live(SAMPLE.on)
        assert "residential" in home.lots and "residential" in arrangement.lots
        assert {"semh", "cse", "missing"} <= set(home.needs)
        assert home.age_min <= 14 <= home.age_max and "female" in home.genders
        assert home.status == "active" and home.capacity >= 1
        distance = directory.distance_km("SE15", home.outward_code)
        assert distance is not None and distance <= (arrangement.max_distance_km or 1e9)
        assert eligible.contact == home.contacts[0]


def test_known_establishments_land_where_the_sample_config_intends(result: MatchResult) -> None:
    eligible = {e.establishment_key for e in result.eligible}
    rule = {x.establishment_key: x.rule for x in result.excluded}
    assert {"larch-house", "kestrel-house", "riverside-house"} <= eligible
    assert rule["larch-lodge"] == "capacity"
    assert rule["foxglove-house"] == "gender"
    assert rule["amberley-house"] == "distance"
    # On the Midlands framework (Northby is not a member) and the South London one (too far).
    assert rule["cedar-grove-house"] == "distance"
    assert rule["hawthorn-house"] == "membership"
    assert rule["bramblewood-south-london"] == "lot"


def test_an_agency_on_two_arrangements_appears_once_under_the_preferred_one(
    directory: Directory,
) -> None:
    fostering = replace(
        SAMPLE, authority="eastmere", placement_type="fostering", needs=["semh", "trauma"],
        age=9, gender="male", siblings=2, area="E15",
    )  # fmt: skip
    eligible = match(directory, fostering).eligible
    keys = [e.establishment_key for e in eligible]
    assert len(keys) == len(set(keys))
    under = {e.establishment_key: e.arrangement_key for e in eligible}
    assert directory.establishments["bramblewood-south-london"].arrangements == [
        "consortium-fostering-dps",
        "london-fostering-select",
    ]
    assert under["bramblewood-south-london"] == "london-fostering-select"
    assert under["bramblewood-midlands"] == "consortium-fostering-dps"
