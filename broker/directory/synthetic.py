"""A large, deterministic, fictional directory for tests and benchmarks.

`synthetic_directory(n)` builds one in memory; `write_synthetic_config(dir, n, share)` writes it
as a configuration directory that `load_directory` accepts. Of its establishments, about
`eligible_share` are eligible for the SAMPLE referral (Northby Council, SE15, a 14-year-old
girl, `residential`, needs semh/cse/missing, one child); every other one fails exactly one
eligibility rule, the rules taken in turn, so a match exercises the whole rule table.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from broker.directory.directory import Directory
from broker.directory.dump import write_config
from broker.directory.model import Arrangement, Authority, Establishment, Organisation, Place

SHIPPED_CONFIG = Path(__file__).resolve().parents[2] / "config"
SAMPLE_NEEDS = ["semh", "cse", "missing"]
EXTRA_NEEDS = ["self-harm", "trauma", "substance", "cce", "mental-health", "offending", "adhd"]
ESTABLISHMENTS_PER_ORGANISATION = 4

NEAR = [  # within 60 km of SE15
    Place("SE15", 51.469, -0.066, "London"),
    Place("SE22", 51.452, -0.070, "London"),
    Place("SE13", 51.458, -0.010, "London"),
    Place("SW16", 51.421, -0.128, "London"),
    Place("E10", 51.567, -0.013, "London"),
    Place("BR1", 51.411, 0.018, "London"),
    Place("CR0", 51.375, -0.092, "London"),
    Place("DA1", 51.446, 0.213, "South East"),
    Place("RH1", 51.238, -0.170, "South East"),
]
FAR = [
    Place("BN1", 50.828, -0.139, "South East"),
    Place("MK9", 52.040, -0.760, "South East"),
    Place("B15", 52.466, -1.926, "West Midlands"),
    Place("NG7", 52.947, -1.175, "East Midlands"),
    Place("LS6", 53.819, -1.576, "Yorkshire and the Humber"),
    Place("NE6", 54.982, -1.568, "North East"),
]


def synthetic_directory(
    n_establishments: int, *, seed: int = 0, eligible_share: float = 0.5
) -> Directory:
    """A directory of `n_establishments`, the same for the same arguments."""
    rng = random.Random(seed)
    establishments = [
        _establishment(index, rng, _ineligible_ordinal(index, eligible_share))
        for index in range(n_establishments)
    ]
    organisation_count = -(-n_establishments // ESTABLISHMENTS_PER_ORGANISATION)
    return Directory(
        authorities=_authorities(),
        arrangements=_arrangements(),
        organisations=[_organisation(i) for i in range(organisation_count)],
        establishments=establishments,
        places=NEAR + FAR,
    )


def write_synthetic_config(target_dir: Path, n_establishments: int, eligible_share: float) -> None:
    """Write a loadable config dir (with the shipped `config/forms` copied when there is one)."""
    target_dir = Path(target_dir)
    directory = synthetic_directory(n_establishments, eligible_share=eligible_share)
    write_config(directory, target_dir, providers_file="synthetic.yaml")
    forms = SHIPPED_CONFIG / "forms"
    if forms.is_dir():
        shutil.copytree(forms, target_dir / "forms", dirs_exist_ok=True)


def _ineligible_ordinal(index: int, share: float) -> int | None:
    """None for an eligible index, else how many ineligible ones came before it. The eligible
    ones, about n × share of them, are spread evenly through the list."""
    eligible_before = int(index * share)
    if int((index + 1) * share) > eligible_before:
        return None
    return index - eligible_before


def _authorities() -> list[Authority]:
    # Two commissioners each, so the default quorum (2) can be reached; the benchmarks send
    # unsigned mail on loopback, so Northby's is accepted without DKIM proof.
    northby = Authority(
        "northby",
        "Northby Council",
        ["northby.gov.example"],
        ["sam.taylor@northby.gov.example"],
        "placements@northby.gov.example",
        # Two commissioners each: a shortlist needs two approvals by default.
        ["alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"],
        sender_auth="preferred",  # the benchmarks' mail is not DKIM-signed
    )
    others = [
        Authority(
            f"synthetic-{i}",
            f"Synthetic Council {i}",
            [f"synthetic-{i}.gov.example"],
            [],
            f"placements@synthetic-{i}.gov.example",
            [f"alex.morgan@synthetic-{i}.gov.example",
             f"ruth.adeyemi@synthetic-{i}.gov.example"],
            sender_auth="preferred",
        )
        for i in range(1, 6)
    ]
    return [northby, *others]


FRAMEWORK = Arrangement(
    key="residential",
    name="Synthetic Residential Framework",
    kind="framework",
    lots=["residential", "residential-solo"],
    members=["northby", "synthetic-1", "synthetic-2"],
    ofsted_floor="good",
    allow_not_yet_inspected=False,
    max_distance_km=60.0,
    price_weight=40,
    quality_weight=60,
    starts=date(2024, 4, 1),
    ends=None,
)


def _arrangements() -> list[Arrangement]:
    fostering = replace(
        FRAMEWORK,
        key="fostering",
        name="Synthetic Fostering DPS",
        kind="dps",
        lots=["fostering", "fostering-specialist"],
        members=["northby", "synthetic-3"],
        ofsted_floor="requires-improvement",
        max_distance_km=None,
    )
    elsewhere = replace(
        FRAMEWORK,
        key="elsewhere",
        name="Synthetic Northern Framework",
        lots=["residential"],
        members=["synthetic-4", "synthetic-5"],
        max_distance_km=None,
    )
    expired = replace(
        FRAMEWORK,
        key="expired",
        name="Synthetic Residential Framework (2020)",
        lots=["residential"],
        members=["northby"],
        starts=date(2020, 4, 1),
        ends=date(2024, 3, 31),
    )
    return [FRAMEWORK, fostering, elsewhere, expired]


def _organisation(index: int) -> Organisation:
    domain = f"provider{index}.example"
    name = f"Synthetic Provider {index}"
    return Organisation(f"provider-{index}", name, [domain], [f"referrals@{domain}"])


def _establishment(index: int, rng: random.Random, ineligible_ordinal: int | None) -> Establishment:
    """An eligible establishment, spoilt by one rule when it is the n-th ineligible one."""
    organisation = index // ESTABLISHMENTS_PER_ORGANISATION
    domain = f"provider{organisation}.example"
    eligible_one = Establishment(
        key=f"home-{index}",
        name=f"Synthetic Home {index}",
        organisation=f"provider-{organisation}",
        kind="childrens-home",
        lots=["residential"],
        needs=SAMPLE_NEEDS + rng.sample(EXTRA_NEEDS, 2),
        age_min=rng.randint(10, 13),
        age_max=17,
        genders=["female"] if rng.random() < 0.3 else ["male", "female", "non-binary"],
        max_siblings=rng.randint(1, 3),
        urn=f"SC{100000 + index:06d}",
        ofsted_rating=rng.choice(["good", "outstanding"]),
        outward_code=rng.choice(NEAR).outward_code,
        capacity=rng.randint(1, 3),
        status="active",
        arrangements=["residential"],
        contacts=[f"home{index}@{domain}", f"referrals@{domain}"],
    )
    if ineligible_ordinal is None:
        return eligible_one
    spoil = SPOILERS[ineligible_ordinal % len(SPOILERS)]
    return spoil(eligible_one, rng)


def _not_a_member(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, arrangements=["elsewhere"], outward_code=rng.choice(FAR).outward_code)


def _expired(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, arrangements=["expired"])


def _fostering(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, kind="fostering-service", lots=["fostering"], arrangements=["fostering"])


def _unmet_need(e: Establishment, rng: random.Random) -> Establishment:
    unmet = rng.choice(SAMPLE_NEEDS)
    return replace(e, needs=[need for need in e.needs if need != unmet])


def _too_young(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, age_min=rng.randint(5, 8), age_max=rng.randint(10, 13))


def _boys_only(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, genders=["male"])


def _far_away(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, outward_code=rng.choice(FAR).outward_code)


def _below_floor(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, ofsted_rating=rng.choice(["requires-improvement", "inadequate"]))


def _suspended(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, status="suspended")


def _full(e: Establishment, rng: random.Random) -> Establishment:
    return replace(e, capacity=0)


Spoiler = Callable[[Establishment, random.Random], Establishment]
# One per rule the sample referral can fail, in the rule table's order (a referral for one
# child fits every establishment's sibling limit, so "siblings" has none).
SPOILERS: list[Spoiler] = [
    _not_a_member, _expired, _fostering, _unmet_need, _too_young, _boys_only,
    _far_away, _below_floor, _suspended, _full,
]  # fmt: skip
