"""Reading `cascades.yaml`: the order in which each authority approaches providers.

The file is optional; without it every referral goes to every eligible provider in one
wave. The format, for commissioners editing it by hand::

    cascades:
      northby-residential:
        name: Northby residential cascade
        authorities: [northby]            # optional: the authorities it applies to (all)
        lots: [residential]               # optional: the placement types (all)
        waves:                            # in order; each opens when the one before closes
          - name: In-house homes          #   with no acceptable offer
            tiers: [in-house]
            window: 4h                    # optional: else the urgency's window
          - name: Block and framework tier 1
            tiers: [block, cost-and-volume, tier-1]
          - name: Everyone else
            tiers: [tier-2, tier-3, spot]
        mini_competition:                 # optional: urgent referrals run one short wave
          urgencies: [emergency]
          window: 24h

Tiers are `in-house`, `block`, `cost-and-volume` and `spot` (from the kind of arrangement an
establishment is eligible under), and `tier-1` … `tier-9` (the tier a framework, DPS or list
awarded it: `tiers:` on the establishment, else the arrangement's `tier:`, else tier 1). A
DPS used after the framework is `tier: 2` on the DPS, so a home admitted to it by
application joins the DPS's wave too. The first cascade whose authorities and lots match a
referral is the one it follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from broker.directory.located import LocatedDict, LocatedList, read_yaml
from broker.directory.model import CASCADE_TIERS, Cascade, MiniCompetition, WaveSpec
from broker.directory.problems import ConfigProblem
from broker.directory.records import read_section
from broker.directory.schema import (
    Field,
    Invalid,
    Record,
    key_name,
    list_of,
    one_of,
    read_record,
    text,
)
from broker.settings import parse_duration

CASCADES_FILE = "cascades.yaml"
URGENCIES = ("emergency", "urgent", "planned")


def duration(value: Any) -> Any:
    try:
        return parse_duration(str(value))
    except ValueError as error:
        raise Invalid(str(error)) from error


def _waves(value: Any) -> tuple[WaveSpec, ...]:
    if not isinstance(value, LocatedList) or not value:
        raise Invalid("should list the waves, each with a name and its tiers")
    waves, invalid = [], Invalid()
    for index, entry in enumerate(value):
        line = value.item_lines[index]
        try:
            waves.append(_wave(entry, index + 1))
        except Invalid as error:
            invalid.problems += [(f"wave {index + 1}: {m}", line) for m, _ in error.problems]
    if invalid.problems:
        raise invalid
    return tuple(waves)


def _wave(entry: Any, number: int) -> WaveSpec:
    if not isinstance(entry, LocatedDict):
        raise Invalid("should be a mapping with 'name', 'tiers' and optionally 'window'")
    unknown = set(entry) - {"name", "tiers", "window"}
    if unknown:
        raise Invalid(f"unknown key '{sorted(unknown)[0]}'; expected name, tiers, window")
    tiers = list_of(one_of(CASCADE_TIERS, "tier"), non_empty=True)(entry.get("tiers"))
    window = duration(entry["window"]) if entry.get("window") is not None else None
    return WaveSpec(text(entry.get("name") or f"Wave {number}"), tuple(tiers), window)


def _mini_competition(value: Any) -> MiniCompetition | None:
    if value is None:
        return None
    if not isinstance(value, LocatedDict) or "window" not in value:
        raise Invalid("should be a mapping with 'urgencies' and 'window'")
    urgencies = list_of(one_of(URGENCIES, "urgency"), non_empty=True)(
        value.get("urgencies", ["emergency"]))
    return MiniCompetition(tuple(urgencies), duration(value["window"]))


def cascade_schema(lots: tuple[str, ...]) -> dict[str, Field]:
    return {
        "name": Field(text),
        "authorities": Field(list_of(key_name), required=False, default=[]),
        "lots": Field(list_of(one_of(lots, "lot")), required=False, default=[]),
        "waves": Field(_waves),
        "mini_competition": Field(_mini_competition, required=False),
    }


def read_cascades(config_dir: Path, lots: tuple[str, ...],
                  authorities: set[str]) -> tuple[list[Cascade], list[ConfigProblem]]:
    """The cascades in config order, or none when the file is absent."""
    path = config_dir / CASCADES_FILE
    if not path.exists():
        return [], []
    try:
        tree, problems = read_yaml(path.read_text(encoding="utf-8-sig"), CASCADES_FILE)
    except (OSError, UnicodeDecodeError) as error:
        return [], [ConfigProblem(CASCADES_FILE, 0, f"cannot be read: {error}")]
    if tree is None and problems:
        return [], problems
    records, found = read_section(tree, "cascades", "cascade", CASCADES_FILE)
    problems += found
    cascades = []
    schema = cascade_schema(lots)
    for record in records:
        found = read_record(record, schema) + _unknown_authorities(record, authorities)
        problems += found
        if not found:
            cascades.append(_cascade(record))
    return cascades, problems


def _unknown_authorities(record: Record, authorities: set[str]) -> list[ConfigProblem]:
    return [ConfigProblem(record.file, record.line_of("authorities", i),
                          f"cascade '{record.key}': unknown authority '{key}'")
            for i, key in enumerate(record.values.get("authorities") or [])
            if key not in authorities]


def _cascade(record: Record) -> Cascade:
    values = record.values
    return Cascade(record.key, values["name"], values["waves"],
                   tuple(values["authorities"]), tuple(values["lots"]),
                   values.get("mini_competition"))
