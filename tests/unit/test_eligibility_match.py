"""Matching across arrangements, the recorded exclusion, the JSON shape, the request inputs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from broker.directory.synthetic import synthetic_directory
from broker.eligibility import MatchRequest, age_on, match, outward_code
from broker.referral import ReferralForm
from tests.unit.test_eligibility_rules import FRAMEWORK, LARCH_HOUSE, ON, SAMPLE, make_directory

EASTMERE_ONLY = replace(FRAMEWORK, key="eastmere-list", name="Eastmere List", members=["eastmere"])
TIGHT = replace(FRAMEWORK, key="tight", name="Tight Framework", max_distance_km=1.0)
SECOND = replace(FRAMEWORK, key="second", name="Second Framework")


def test_eligible_under_a_later_arrangement_when_an_earlier_one_fails() -> None:
    home = replace(LARCH_HOUSE, arrangements=["eastmere-list", "framework"])
    result = match(make_directory([home], [EASTMERE_ONLY, FRAMEWORK]), SAMPLE)
    assert [(e.establishment_key, e.arrangement_key) for e in result.eligible] == [
        ("larch-house", "framework")
    ]
    assert result.excluded == []


def test_an_establishment_on_two_passing_arrangements_appears_once_under_the_first() -> None:
    home = replace(LARCH_HOUSE, arrangements=["second", "framework"])
    result = match(make_directory([home], [FRAMEWORK, SECOND]), SAMPLE)
    assert [(e.establishment_key, e.arrangement_key) for e in result.eligible] == [
        ("larch-house", "framework")
    ]


def test_the_exclusion_recorded_is_from_the_arrangement_that_got_furthest() -> None:
    home = replace(LARCH_HOUSE, arrangements=["eastmere-list", "tight"])
    result = match(make_directory([home], [EASTMERE_ONLY, TIGHT]), SAMPLE)
    (exclusion,) = result.excluded
    assert (exclusion.rule, exclusion.arrangement_key) == ("distance", "tight")
    assert "Tight Framework allows 1 km" in exclusion.reason


def test_on_a_tie_the_first_arrangement_in_config_order_is_recorded() -> None:
    other = replace(EASTMERE_ONLY, key="other", name="Other List")
    home = replace(LARCH_HOUSE, arrangements=["other", "eastmere-list"])
    (exclusion,) = match(make_directory([home], [EASTMERE_ONLY, other]), SAMPLE).excluded
    assert exclusion.arrangement_key == "eastmere-list"


def test_an_establishment_on_no_arrangement_is_excluded_by_membership() -> None:
    home = replace(LARCH_HOUSE, arrangements=[])
    (exclusion,) = match(make_directory([home], [FRAMEWORK]), SAMPLE).excluded
    assert (exclusion.rule, exclusion.reason) == ("membership", "is not on any arrangement")
    assert exclusion.to_json()["arrangement"] is None


def test_json_has_the_interface_shape_and_the_primary_contact() -> None:
    full = replace(LARCH_HOUSE, key="larch-lodge", name="Larch Lodge", capacity=0)
    document = match(make_directory([LARCH_HOUSE, full], [FRAMEWORK]), SAMPLE).to_json()
    (eligible,) = document["eligible"]
    assert {
        key: eligible[key] for key in ("establishment", "organisation", "contact", "arrangement")
    } == {
        "establishment": "Larch House",
        "organisation": "Larch Care Ltd",
        "contact": "larch.house@larchcare.example",
        "arrangement": "Test Framework",
    }
    assert eligible["establishment_key"] == "larch-house"
    (excluded,) = document["excluded"]
    assert excluded["establishment"] == "Larch Lodge"
    assert excluded["rule"] == "capacity"
    assert isinstance(excluded["reason"], str)


def test_every_establishment_is_either_eligible_or_excluded_once() -> None:
    directory = synthetic_directory(200, seed=3)
    result = match(directory, SAMPLE)
    keys = [e.establishment_key for e in result.eligible]
    keys += [x.establishment_key for x in result.excluded]
    assert sorted(keys) == sorted(directory.establishments)


def test_a_request_is_built_from_a_read_referral_form() -> None:
    form = ReferralForm(
        date_of_birth=date(2012, 3, 14),
        gender="female",
        home_postcode="se15 3ab",
        placement_type="residential",
        needs=["semh", "cse", "missing"],
        siblings=1,
    )
    request = MatchRequest.from_referral(form, "northby", ON)
    assert request == SAMPLE


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2012, 3, 14), date(2026, 3, 13), 13),
        (date(2012, 3, 14), date(2026, 3, 14), 14),
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
    ],
)
def test_age_is_in_whole_years_on_the_day(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    ("postcode", "code"),
    [
        ("SE15 3AB", "SE15"),
        ("se153ab", "SE15"),
        ("E1 6AN", "E1"),
        ("W1A 1AA", "W1A"),
        ("M14", "M14"),
    ],
)
def test_outward_code_of_a_postcode(postcode: str, code: str) -> None:
    assert outward_code(postcode) == code
