"""Cascades: which eligible establishments each wave of a referral goes to, and when.

Eligibility (broker/eligibility.py) says who may receive a referral at all; the cascade says
in what order. Each eligible establishment has a tier, from the arrangement it is eligible
under: `in-house`, `block`, `cost-and-volume` and `spot` are kinds of arrangement; a
framework, DPS or approved list awards `tier-1` … `tier-9`: the one the establishment lists
under `tiers:`, else the arrangement's own `tier:` (a DPS bought after the framework:
`tier: 2`), else tier 1. A wave goes to the establishments whose tier it names and that no
earlier wave reached, so every provider gets one email per referral however many waves
there are.

A home admitted to a list by application lists no tier of its own, so it takes its list's
place (`admitted_tier`): the list's `tier:`, or, without one, the tier that the list's homes
that list one agree on. `tier_warnings` tells `broker config check` where that is unclear.

Without a cascade for the referral's authority and placement type, one wave goes to every
eligible establishment. An urgent referral may run a mini-competition: one wave, to every
tier, with the cascade's short fixed window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from broker.directory.model import CASCADE_TIERS, TIER_KINDS, Cascade, WaveSpec
from broker.eligibility import Eligible

EVERY_TIER = tuple(CASCADE_TIERS)
ONE_WAVE = "All eligible providers"
MINI_COMPETITION = "Mini-competition"
KIND_TIERS = TIER_KINDS


def tier_of(directory: Any, establishment_key: str, arrangement_key: str) -> str:
    """An eligible establishment's tier under the arrangement it is eligible under: its
    own, else the arrangement's `tier:`, else tier 1."""
    arrangement = directory.arrangement(arrangement_key)
    if arrangement is not None and arrangement.kind in KIND_TIERS:
        return str(arrangement.kind)
    establishment = directory.establishment(establishment_key)
    listed = establishment.tiers.get(arrangement_key) if establishment is not None else None
    return f"tier-{listed or (arrangement.tier if arrangement is not None else None) or 1}"


def _listed_tiers(directory: Any, arrangement_key: str) -> tuple[dict[str, int], list[str]]:
    """The tier each home on the arrangement lists for it, and the homes that list none."""
    listed: dict[str, int] = {}
    unlisted: list[str] = []
    for e in directory.establishments.values():
        if arrangement_key in e.arrangements:
            if arrangement_key in e.tiers:
                listed[e.key] = e.tiers[arrangement_key]
            else:
                unlisted.append(e.key)
    return listed, unlisted


def admitted_tier(directory: Any, arrangement_key: str) -> int | None:
    """The tier to write on a home admitted to this list by application, so it joins the
    wave the list's homes are in: None when the list names its own `tier:` (the home follows
    it) or awards none; otherwise the tier its homes that list one agree on (None, tier 1,
    when none lists one or they differ: `tier_warnings` says so)."""
    arrangement = directory.arrangement(arrangement_key)
    if arrangement is None or arrangement.kind in KIND_TIERS or arrangement.tier:
        return None
    tiers = set(_listed_tiers(directory, arrangement_key)[0].values())
    return tiers.pop() if len(tiers) == 1 and tiers != {1} else None


def tier_warnings(directory: Any) -> list[str]:
    """Where a home admitted by application would take an unclear place in the cascades: a
    list that takes applications, names no `tier:`, and whose homes list tiers on it that
    differ from each other or from the homes that list none (tier 1)."""
    warnings = []
    for a in directory.arrangements.values():
        if a.reopening is None or a.kind in KIND_TIERS or a.tier:
            continue
        listed, unlisted = _listed_tiers(directory, a.key)
        tiers = sorted(set(listed.values()))
        if tiers in ([], [1]):  # every home is tier 1, as an admitted one will be
            continue
        if len(tiers) > 1:
            admitted = "tier 1"
            found = f"its homes list tiers {', '.join(map(str, tiers))} on it"
        elif unlisted:
            admitted = f"tier {tiers[0]}, as the {len(listed)} that list one"
            found = (f"{len(listed)} of its homes list tier {tiers[0]} on it and "
                     f"{len(unlisted)} list none (tier 1: {', '.join(sorted(unlisted)[:3])}"
                     f"{', …' if len(unlisted) > 3 else ''})")
        else:
            continue
        warnings.append(
            f"arrangement '{a.key}' takes applications and names no `tier:`, but {found}: "
            f"a home admitted by application would be {admitted}. Write `tier: N` on "
            f"'{a.key}' to say which wave of the cascades its homes join.")
    return warnings


def cascade_for(cascades: Iterable[Cascade], authority: str,
                placement_type: str) -> Cascade | None:
    """The first cascade (config order) for this authority and placement type."""
    return next((c for c in cascades if c.applies_to(authority, placement_type)), None)


def waves_for(cascade: Cascade | None, urgency: str,
              window_for: Callable[[str], timedelta]) -> tuple[WaveSpec, ...]:
    """The waves a referral of this urgency runs, each with its window filled in."""
    urgency_window = window_for(urgency or "planned")
    if cascade is None:
        return (WaveSpec(ONE_WAVE, EVERY_TIER, urgency_window),)
    mini = cascade.mini_competition
    if mini is not None and urgency in mini.urgencies:
        return (WaveSpec(MINI_COMPETITION, EVERY_TIER, mini.window),)
    return tuple(WaveSpec(w.name, w.tiers, w.window or urgency_window) for w in cascade.waves)


def levelled(remaining: Iterable[WaveSpec], window: timedelta) -> WaveSpec:
    """One wave to every tier the remaining waves would have reached (`LEVEL`)."""
    tiers = tuple(dict.fromkeys(t for spec in remaining for t in spec.tiers))
    return WaveSpec("Levelled: every remaining tier", tiers or EVERY_TIER, window)


@dataclass(frozen=True)
class Placed:
    """An eligible establishment with its tier."""

    eligible: Eligible
    tier: str


def with_tiers(directory: Any, eligible: Iterable[Eligible]) -> list[Placed]:
    return [Placed(e, tier_of(directory, e.establishment_key, e.arrangement_key))
            for e in eligible]


def members(spec: WaveSpec, placed: Iterable[Placed], already: set[str]) -> list[Placed]:
    """Who this wave goes to: of its tiers, and not reached by an earlier wave."""
    return [p for p in placed
            if p.tier in spec.tiers and p.eligible.establishment_key not in already]


def plan(directory: Any, eligible: Iterable[Eligible],
         waves: tuple[WaveSpec, ...]) -> list[tuple[WaveSpec, list[Placed]]]:
    """Every wave with the establishments it would go to, for a dry run (`broker match`)
    as if each wave closed with no acceptable offer; a wave with nobody in it is skipped."""
    placed = with_tiers(directory, eligible)
    sent: set[str] = set()
    planned = []
    for spec in waves:
        going = members(spec, placed, sent)
        sent |= {p.eligible.establishment_key for p in going}
        planned.append((spec, going))
    return planned


def unreached(placed: Iterable[Placed], waves: tuple[WaveSpec, ...]) -> list[Placed]:
    """Eligible establishments whose tier no wave of the cascade names."""
    named = {tier for spec in waves for tier in spec.tiers}
    return [p for p in placed if p.tier not in named]


def dry_run(directory: Any, eligible: Iterable[Eligible],
            waves: tuple[WaveSpec, ...]) -> list[dict[str, Any]]:
    """The waves as `broker match --json` shows them."""
    return [{"number": n, "name": spec.name, "tiers": list(spec.tiers),
             "window_seconds": int(spec.window.total_seconds()) if spec.window else None,
             "establishments": [p.eligible.establishment for p in going],
             "skipped": not going}
            for n, (spec, going) in enumerate(plan(directory, eligible, waves), 1)]
