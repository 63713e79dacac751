"""The shipped sample consortium in `config/`: it loads, it is big enough, its look-ups work."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from broker.directory import Directory, check_config, load_directory

CONFIG = Path(__file__).resolve().parents[2] / "config"


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(CONFIG)


def test_the_shipped_config_has_no_problems() -> None:
    assert check_config(CONFIG) == []


def test_the_sample_consortium_is_big_enough(directory: Directory) -> None:
    assert len(directory.authorities) >= 6
    assert len(directory.arrangements) >= 3
    assert len(directory.organisations) >= 40
    assert len(directory.establishments) >= 80
    kinds = {e.kind for e in directory.establishments.values()}
    assert kinds == {"childrens-home", "fostering-service", "school"}
    assert {e.status for e in directory.establishments.values()} == {"active", "suspended"}
    assert any(e.capacity == 0 for e in directory.establishments.values())
    assert any(len(e.arrangements) > 1 for e in directory.establishments.values())


def test_northby_is_as_the_other_parts_of_the_service_expect(directory: Directory) -> None:
    northby = directory.authorities["northby"]
    assert northby.name == "Northby Council"
    assert northby.domains == ["northby.gov.example"]
    assert "sam.taylor@northby.gov.example" in northby.referrers
    assert northby.placements_team == "placements@northby.gov.example"
    assert "alex.morgan@northby.gov.example" in northby.commissioners
    assert len(northby.commissioners) >= 3


@pytest.mark.parametrize(
    ("sender", "authority"),
    [
        ("sam.taylor@northby.gov.example", "northby"),
        ("Sam Taylor <Sam.Taylor@Northby.Gov.Example>", "northby"),
        ("someone.new@northby.gov.example", "northby"),
        ("kim.walsh@childrenstrust.eastmere.gov.example", "eastmere"),
        ("duty@childrenstrust.eastmere.gov.example", "eastmere"),
        ("sam.taylor@mail.northby.gov.example", None),
        ("sam.taylor@northby.gov.example.attacker.example", None),
        ("sam.taylor@othernorthby.gov.example", None),
        ("referrals@larchcare.example", None),
        ("", None),
        ("northby.gov.example", None),
        ("not an address", None),
    ],
)
def test_authority_for_sender(directory: Directory, sender: str, authority: str | None) -> None:
    found = directory.authority_for_sender(sender)
    assert (found.key if found else None) == authority


def test_a_registered_referrer_wins_over_domains(directory: Directory) -> None:
    # A referrer is registered by exact address, even at a domain no authority owns.
    northby = directory.authorities["northby"]
    agency = replace(northby, referrers=["locum.sw@agency.example"])
    small = Directory([agency], [], [], [], [])
    assert small.authority_for_sender("LOCUM.SW@agency.example") == agency
    assert small.authority_for_sender("other@agency.example") is None


def test_provider_look_ups(directory: Directory) -> None:
    larch_house = directory.establishment("larch-house")
    assert larch_house is not None and larch_house.organisation == "larch-care"
    larch_care = directory.organisation("larch-care")
    assert larch_care is not None and larch_care.name == "Larch Care Ltd"
    assert directory.establishment_for_contact("Larch.House@larchcare.example") == larch_house
    shared = directory.establishments_for_contact("referrals@larchcare.example")
    assert [e.key for e in shared] == ["larch-house", "larch-lodge", "larch-view"]
    assert directory.establishment_for_contact("nobody@larchcare.example") is None
    assert directory.organisation_for_domain("LarchCare.example") == larch_care
    assert directory.organisation_for_domain("northby.gov.example") is None
    assert directory.establishment("no-such-home") is None


def test_every_contact_is_at_its_organisations_domain(directory: Directory) -> None:
    for establishment in directory.establishments.values():
        organisation = directory.organisations[establishment.organisation]
        for contact in establishment.contacts:
            assert directory.organisation_for_domain(contact.split("@")[1]) == organisation


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [("SE15", "SE15", 0, 0.01), ("SE15", "SE22", 1, 3), ("se15", "m14", 250, 270)],
)
def test_distance_between_outward_codes(
    directory: Directory, a: str, b: str, low: float, high: float
) -> None:
    distance = directory.distance_km(a, b)
    assert distance is not None and low <= distance <= high
    assert directory.distance_km(b, a) == pytest.approx(distance)


def test_distance_to_an_unknown_outward_code_is_unknown(directory: Directory) -> None:
    assert directory.distance_km("SE15", "ZZ99") is None


def test_providers_json_has_one_row_per_establishment(directory: Directory) -> None:
    rows = json.loads(json.dumps(directory.providers_json()))
    assert len(rows) == len(directory.establishments)
    larch_house = next(row for row in rows if row["establishment"] == "Larch House")
    assert {k: larch_house[k] for k in ("organisation", "contact", "lots", "status")} == {
        "organisation": "Larch Care Ltd",
        "contact": "larch.house@larchcare.example",
        "lots": ["residential"],
        "status": "active",
    }


def test_authorities_json_has_the_interface_shape(directory: Directory) -> None:
    rows = json.loads(json.dumps(directory.authorities_json()))
    northby = next(row for row in rows if row["name"] == "Northby Council")
    assert set(northby) >= {"name", "domains", "referrers", "placements_team", "commissioners"}
    assert northby["placements_team"] == "placements@northby.gov.example"
    assert len(rows) == len(directory.authorities)
