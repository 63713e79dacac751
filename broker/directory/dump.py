"""Writing a `Directory` back out as a configuration directory that `load_directory` reads.

Used by the synthetic directory (benchmarks write thousands of establishments) and by tests
that need a valid configuration to break one line of. The output follows the format described
in `broker.directory.load`: one file per section, providers in a single `providers/` file.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from broker.directory.directory import Directory
from broker.directory.model import Arrangement, Authority, Establishment, Organisation

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_config(directory: Directory, target_dir: Path, providers_file: str = "all.yaml") -> None:
    """Write authorities.yaml, arrangements.yaml, providers/<providers_file> and places.csv."""
    target_dir = Path(target_dir)
    (target_dir / "providers").mkdir(parents=True, exist_ok=True)
    authorities = {a.key: _authority(a) for a in directory.authorities.values()}
    arrangements = {a.key: _arrangement(a) for a in directory.arrangements.values()}
    by_organisation: dict[str, list[Establishment]] = {}
    for establishment in directory.establishments.values():
        by_organisation.setdefault(establishment.organisation, []).append(establishment)
    organisations = {
        o.key: _organisation(o, by_organisation.get(o.key, []))
        for o in directory.organisations.values()
    }
    _write_yaml(target_dir / "authorities.yaml", {"authorities": authorities})
    _write_yaml(target_dir / "arrangements.yaml", {"arrangements": arrangements})
    _write_yaml(target_dir / "providers" / providers_file, {"organisations": organisations})
    with (target_dir / "places.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["outward_code", "latitude", "longitude", "region"])
        for place in directory.places.values():
            writer.writerow([place.outward_code, place.latitude, place.longitude, place.region])


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _authority(authority: Authority) -> dict[str, Any]:
    return {
        "name": authority.name,
        "domains": list(authority.domains),
        "referrers": list(authority.referrers),
        "placements_team": authority.placements_team,
        "commissioners": list(authority.commissioners),
        **({"placements_officers": list(authority.placements_officers)}
           if authority.placements_officers else {}),
        **({"sender_auth": authority.sender_auth}
           if authority.sender_auth != "required" else {}),  # "required" is the default
    }


def _arrangement(arrangement: Arrangement) -> dict[str, Any]:
    return {
        "name": arrangement.name,
        "kind": arrangement.kind,
        "lots": list(arrangement.lots),
        "members": list(arrangement.members),
        "ofsted_floor": arrangement.ofsted_floor,
        "allow_not_yet_inspected": arrangement.allow_not_yet_inspected,
        "max_distance_km": arrangement.max_distance_km,
        "quality_weight": arrangement.quality_weight,
        "price_weight": arrangement.price_weight,
        "starts": arrangement.starts,
        "ends": arrangement.ends,
    }


def _organisation(
    organisation: Organisation, establishments: list[Establishment]
) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "domains": list(organisation.domains),
        "contacts": list(organisation.contacts),
        "establishments": {e.key: _establishment(e) for e in establishments},
    }


def _establishment(establishment: Establishment) -> dict[str, Any]:
    e = establishment
    return {
        "name": e.name,
        "kind": e.kind,
        "urn": e.urn,
        "ofsted_rating": e.ofsted_rating,
        "outward_code": e.outward_code,
        "lots": list(e.lots),
        "needs": list(e.needs),
        "ages": f"{e.age_min}-{e.age_max}",
        "genders": list(e.genders),
        "max_siblings": e.max_siblings,
        "capacity": e.capacity,
        "status": e.status,
        "arrangements": list(e.arrangements),
        "contacts": list(e.contacts),
    }
