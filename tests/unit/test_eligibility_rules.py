"""Each eligibility rule, table-driven: when it excludes, when it passes, what its reason says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from broker.directory import Arrangement, Authority, Directory, Establishment, Organisation, Place
from broker.eligibility import RULES, MatchRequest, match
from broker.forms.keep_away import keep_aways

ON = date(2026, 12, 1)

FRAMEWORK = Arrangement(
    key="framework",
    name="Test Framework",
    kind="framework",
    lots=["residential"],
    members=["northby"],
    ofsted_floor="good",
    allow_not_yet_inspected=False,
    max_distance_km=60.0,
    price_weight=40,
    quality_weight=60,
    starts=date(2024, 4, 1),
    ends=date(2028, 3, 31),
)
LARCH_HOUSE = Establishment(
    key="larch-house",
    name="Larch House",
    organisation="larch-care",
    kind="childrens-home",
    lots=["residential"],
    needs=["semh", "cse", "missing", "trauma"],
    age_min=12,
    age_max=17,
    genders=["female", "non-binary"],
    max_siblings=1,
    urn="SC481230",
    ofsted_rating="good",
    outward_code="SE22",
    capacity=1,
    status="active",
    arrangements=["framework"],
    contacts=["larch.house@larchcare.example", "referrals@larchcare.example"],
)
SAMPLE = MatchRequest(
    authority="northby",
    placement_type="residential",
    needs=["semh", "cse", "missing"],
    age=14,
    gender="female",
    siblings=1,
    area="SE15",
    on=ON,
)


def make_directory(
    establishments: list[Establishment], arrangements: list[Arrangement]
) -> Directory:
    def council(key: str, name: str) -> Authority:
        domain = f"{key}.gov.example"
        return Authority(key, name, [domain], [], f"placements@{domain}", [])

    return Directory(
        authorities=[
            council("northby", "Northby Council"),
            council("eastmere", "Eastmere Council"),
        ],
        arrangements=arrangements,
        organisations=[Organisation("larch-care", "Larch Care Ltd", ["larchcare.example"])],
        establishments=establishments,
        places=[
            Place("SE15", 51.469, -0.066, "London"),
            Place("SE22", 51.452, -0.070, "London"),
            Place("M14", 53.449, -2.225, "North West"),
        ],
    )


def decide(
    establishment: dict[str, Any], arrangement: dict[str, Any], request: dict[str, Any]
) -> tuple[str | None, str]:
    """(rule, reason) for one establishment under one arrangement; (None, "") when eligible."""
    directory = make_directory(
        [replace(LARCH_HOUSE, **establishment)], [replace(FRAMEWORK, **arrangement)]
    )
    result = match(directory, replace(SAMPLE, **request))
    if result.eligible:
        return None, ""
    (exclusion,) = result.excluded
    return exclusion.rule, exclusion.reason


EXCLUDES = [
    # rule, establishment changes, arrangement changes, request changes, words in the reason
    ("membership", {}, {}, {"authority": "eastmere"}, ["Eastmere Council", "Test Framework"]),
    ("membership", {}, {}, {"authority": "nowhere"}, ["unknown authority 'nowhere'"]),
    ("arrangement-live", {}, {"ends": date(2025, 3, 31)}, {}, ["2026-12-01", "2025-03-31"]),
    ("arrangement-live", {}, {"starts": date(2027, 1, 1)}, {}, ["not live", "2027-01-01"]),
    ("lot", {}, {}, {"placement_type": "fostering"}, ["'fostering'", "offers residential"]),
    ("lot", {"lots": ["residential", "residential-solo"]}, {},
     {"placement_type": "residential-solo"}, ["Test Framework has no lot 'residential-solo'"]),
    ("needs", {}, {}, {"needs": ["semh", "uasc", "cse", "pmld"]}, ["needs: uasc, pmld"]),
    ("age", {}, {}, {"age": 18}, ["12-17", "the child is 18"]),
    ("age", {}, {}, {"age": 11}, ["12-17", "the child is 11"]),
    ("gender", {"genders": ["male"]}, {}, {}, ["accepts male only", "the child is female"]),
    ("gender", {}, {}, {"gender": "male"}, ["female, non-binary", "the child is male"]),
    ("siblings", {"max_siblings": 2, "capacity": 3}, {}, {"siblings": 3},
     ["up to 2 children", "for 3"]),
    ("distance", {}, {}, {"area": "M14"}, ["SE22 is 2", "km from M14", "60 km"]),
    ("distance", {}, {"max_distance_km": 1.5}, {}, ["SE22 is 2 km from SE15", "allows 1.5 km"]),
    ("keep-away", {}, {}, {"keep_away": keep_aways("Not in London")},
     ["SE22 is in London", "'Not in London'"]),
    ("ofsted", {"ofsted_rating": "requires-improvement"}, {}, {},
     ["rated requires-improvement", "requires good or better"]),
    ("ofsted", {"ofsted_rating": "inadequate"}, {"ofsted_floor": "requires-improvement"}, {},
     ["rated inadequate", "requires requires-improvement or better"]),
    ("ofsted", {"ofsted_rating": "not-yet-inspected"}, {}, {}, ["not yet inspected"]),
    ("ofsted", {"ofsted_rating": "not-yet-inspected"}, {"ofsted_floor": None}, {},
     ["not yet inspected"]),
    ("status", {"status": "suspended"}, {}, {}, ["status is suspended"]),
    ("paused", {"paused": "staff training (since 3 December)"}, {}, {},
     ["paused by the provider", "staff training (since 3 December)"]),
    ("paused", {"paused": "refurbishment", "capacity": 0}, {}, {}, ["refurbishment"]),
    ("capacity", {"capacity": 0}, {}, {}, ["has 0 places free", "for 1 child"]),
    ("capacity", {"max_siblings": 2}, {}, {"siblings": 2}, ["has 1 place free", "for 2 children"]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "establishment", "arrangement", "request_", "words"), EXCLUDES)
def test_rule_excludes_with_a_reason_naming_the_value(
    rule: str,
    establishment: dict[str, Any],
    arrangement: dict[str, Any],
    request_: dict[str, Any],
    words: list[str],
) -> None:
    fired, reason = decide(establishment, arrangement, request_)
    assert fired == rule
    for word in words:
        assert word in reason


PASSES = [
    # establishment changes, arrangement changes, request changes
    ({}, {}, {}),
    ({}, {"members": ["eastmere", "northby"]}, {}),
    ({}, {"ends": None}, {}),
    ({}, {"ends": ON}, {}),
    ({}, {"starts": ON}, {}),
    ({"lots": ["residential-solo", "residential"]}, {"lots": ["residential", "fostering"]}, {}),
    ({}, {}, {"needs": []}),
    ({}, {}, {"needs": ["trauma", "semh"]}),
    ({}, {}, {"age": 12}),
    ({}, {}, {"age": 17}),
    ({}, {}, {"age": None}),
    ({}, {}, {"gender": None}),
    ({}, {}, {"gender": "unknown"}),
    ({}, {}, {"gender": "non-binary"}),
    ({"max_siblings": 3, "capacity": 3}, {}, {"siblings": 3}),
    ({}, {}, {"area": None}),
    ({}, {}, {"area": "ZZ9"}),
    ({}, {"max_distance_km": None}, {"area": "M14"}),
    ({"outward_code": "SE15"}, {"max_distance_km": 0.5}, {}),
    ({"ofsted_rating": "outstanding"}, {}, {}),
    ({"ofsted_rating": "requires-improvement"}, {"ofsted_floor": "requires-improvement"}, {}),
    ({"ofsted_rating": "inadequate"}, {"ofsted_floor": None}, {}),
    ({"ofsted_rating": "not-yet-inspected"}, {"allow_not_yet_inspected": True}, {}),
    ({"capacity": 2, "max_siblings": 2}, {}, {"siblings": 2}),
]


@pytest.mark.parametrize(("establishment", "arrangement", "request_"), PASSES)
def test_rules_pass(
    establishment: dict[str, Any], arrangement: dict[str, Any], request_: dict[str, Any]
) -> None:
    assert decide(establishment, arrangement, request_) == (None, "")


def test_every_rule_has_an_excluding_case_and_the_table_order_is_the_documented_one() -> None:
    names = [rule.name for rule in RULES]
    assert names == [
        "membership", "arrangement-live", "lot", "needs", "age", "gender", "siblings",
        "distance", "keep-away", "ofsted", "status", "paused", "capacity",
    ]  # fmt: skip
    assert {case[0] for case in EXCLUDES} == set(names)


def test_the_first_failing_rule_is_the_one_recorded() -> None:
    everything_wrong = {"genders": ["male"], "status": "suspended", "capacity": 0}
    assert decide(everything_wrong, {}, {"age": 9})[0] == "age"
