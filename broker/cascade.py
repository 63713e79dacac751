"""Cascades: which eligible establishments each wave of a referral goes to, and when.

Eligibility (broker/eligibility.py) says who may receive a referral at all; the cascade says
in what order. Each eligible establishment has a tier, from the arrangement it is eligible
under: `in-house`, `block`, `cost-and-volume` and `spot` are kinds of arrangement; a
framework, DPS or approved list awards `tier-1` (the default) … `tier-9`. A wave goes to
the establishments whose tier it names and that no earlier wave reached, so every provider
gets one email per referral however many waves there are.

Without a cascade for the referral's authority and placement type, one wave goes to every
eligible establishment. An urgent referral may run a mini-competition: one wave, to every
tier, with the cascade's short fixed window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from broker.directory.model import CASCADE_TIERS, Cascade, WaveSpec
from broker.eligibility import Eligible

EVERY_TIER = tuple(CASCADE_TIERS)
ONE_WAVE = "All eligible providers"
MINI_COMPETITION = "Mini-competition"
KIND_TIERS = ("in-house", "block", "cost-and-volume", "spot")


def tier_of(directory: Any, establishment_key: str, arrangement_key: str) -> str:
    """An eligible establishment's tier under the arrangement it is eligible under."""
    arrangement = directory.arrangement(arrangement_key)
    if arrangement is not None and arrangement.kind in KIND_TIERS:
        return str(arrangement.kind)
    establishment = directory.establishment(establishment_key)
    tiers = establishment.tiers if establishment is not None else {}
    return f"tier-{tiers.get(arrangement_key, 1)}"


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
