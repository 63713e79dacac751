"""Each home's place in a cascade: the tier it lists, else its arrangement's `tier:`, else 1.
A home admitted to a list by application takes that list's place, not the first wave's; and
`broker config check` names a list whose admitted homes' place would be unclear."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from broker.cascade import admitted_tier, members, tier_of, tier_warnings, with_tiers
from broker.directory import check_config, load_directory
from broker.directory.live import with_records
from broker.directory.model import WaveSpec
from broker.eligibility import Eligible
from tests.market_snapshots import DIRECTORY, HANNAH, LIST, SALTMARSH, actor, application
from tests.unit.test_directory_check import line_of, write_config
from workflows.market.application import decide
from workflows.market.commands import Admit
from workflows.market.events import ApplicationDecided
from workflows.market.snapshot import Verdict

ARR = "arrangements.yaml"


def listed_at(directory, arrangement: str, tier: int):  # type: ignore[no-untyped-def]
    """Every home on `arrangement` listing `tier` on it, as a commissioner writes
    `tiers: {dps: 2}` on each home of a DPS that comes after the framework."""
    homes = [replace(e, tiers={**e.tiers, arrangement: tier}) if arrangement in e.arrangements
             else e for e in directory.establishments.values()]
    return with_records(directory, directory.organisations.values(), homes)


def with_arrangement(directory, key: str, **changes):  # type: ignore[no-untyped-def]
    arrangements = [replace(a, **changes) if a.key == key else a
                    for a in directory.arrangements.values()]
    return type(directory)(directory.authorities.values(), arrangements,
                           directory.organisations.values(),
                           directory.establishments.values(), directory.places.values(),
                           directory.cascades)


def approved_home(directory):  # type: ignore[no-untyped-def]
    """The home the approvers admit to the northern list, and the directory it then joins."""
    snapshot = application()
    snapshot = replace(snapshot, world=replace(snapshot.world, directory=directory),
                       verdicts=(Verdict(SALTMARSH, "Pat", "approve"),))
    decision = decide(snapshot, ApplicationDecided(
        actor=actor(HANNAH), key="slack:h", reference="APP-2027-000007", decision="approve"))
    (admit,) = [c for c in decision.commands if isinstance(c, Admit)]
    home = admit.establishment
    joined = with_records(directory, [*directory.organisations.values(), admit.organisation],
                          [*directory.establishments.values(), home])
    return home, joined


def test_a_home_admitted_to_a_list_whose_homes_are_tier_2_is_tier_2() -> None:
    home, joined = approved_home(listed_at(DIRECTORY, LIST, 2))
    assert home.tiers == {LIST: 2}
    assert tier_of(joined, home.key, LIST) == "tier-2"


def test_so_it_waits_for_the_lists_wave_and_is_not_in_the_first() -> None:
    home, joined = approved_home(listed_at(DIRECTORY, LIST, 2))
    eligible = Eligible.of(home, joined.organisations[home.organisation],
                           joined.arrangements[LIST])
    placed = with_tiers(joined, [eligible])
    assert members(WaveSpec("Framework tier 1", ("tier-1",)), placed, set()) == []
    assert [p.eligible.establishment_key for p in members(
        WaveSpec("The list", ("tier-2",)), placed, set())] == [home.key]


def test_a_list_that_names_its_tier_places_every_home_that_lists_none() -> None:
    directory = with_arrangement(DIRECTORY, LIST, tier=3)
    home, joined = approved_home(directory)
    assert home.tiers == {}  # it follows the list's `tier:`, should that change
    assert tier_of(joined, home.key, LIST) == "tier-3"
    on_list = [e for e in DIRECTORY.establishments.values() if LIST in e.arrangements]
    assert {tier_of(joined, e.key, LIST) for e in on_list} == {"tier-3"}
    own = listed_at(directory, LIST, 1)
    assert tier_of(own, on_list[0].key, LIST) == "tier-1"  # a home's own tier wins


def test_without_tiers_anywhere_every_home_is_tier_1_as_before() -> None:
    home, joined = approved_home(DIRECTORY)
    assert home.tiers == {} and admitted_tier(DIRECTORY, LIST) is None
    assert tier_of(joined, home.key, LIST) == "tier-1"
    assert tier_warnings(DIRECTORY) == []


def test_a_list_whose_homes_disagree_is_named_by_config_check() -> None:
    on_list = sorted(e.key for e in DIRECTORY.establishments.values()
                     if LIST in e.arrangements)
    some = listed_at(DIRECTORY, LIST, 2)
    homes = [replace(e, tiers={}) if e.key == on_list[0] else e
             for e in some.establishments.values()]
    mixed = with_records(some, some.organisations.values(), homes)
    (warning,) = tier_warnings(mixed)
    assert f"'{LIST}'" in warning and "tier 2" in warning and on_list[0] in warning
    assert "Write `tier: N`" in warning
    differing = [replace(e, tiers={LIST: 3}) if e.key == on_list[0] else e
                 for e in some.establishments.values()]
    (warning,) = tier_warnings(with_records(some, some.organisations.values(), differing))
    assert "tiers 2, 3" in warning and "would be tier 1" in warning
    assert admitted_tier(with_records(some, some.organisations.values(), differing),
                         LIST) is None
    assert tier_warnings(with_arrangement(mixed, LIST, tier=2)) == []


def test_tier_is_read_from_arrangements_yaml(tmp_path: Path) -> None:
    root = write_config(tmp_path, {ARR: ("    kind: dps\n", "    kind: dps\n    tier: 2\n")})
    assert check_config(root) == []
    assert load_directory(root).arrangement("fostering").tier == 2


def test_a_kind_that_is_its_own_tier_is_refused_a_tier(tmp_path: Path) -> None:
    root = write_config(tmp_path, {ARR: ("    kind: dps\n", "    kind: spot\n    tier: 2\n")})
    (problem,) = check_config(root)
    assert "a spot is its own place in a cascade" in problem.message
    assert problem.file == ARR and problem.line == line_of(root, ARR, "tier: 2")


def test_a_tier_out_of_range_is_refused(tmp_path: Path) -> None:
    root = write_config(tmp_path, {ARR: ("    kind: dps\n", "    kind: dps\n    tier: 10\n")})
    (problem,) = check_config(root)
    assert "tier" in problem.message and "between 1 and 9" in problem.message
