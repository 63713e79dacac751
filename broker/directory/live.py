"""The live directory, as values: records as config/ writes them, and today's facts on top.

The service keeps the directory's organisations and establishments in the database
(broker/db/directory.py), each as the mapping `config/providers/*.yaml` would hold for it,
so the same records can be seeded from config/, admitted by an approved application, and
exported back to YAML. On top of those records go the facts providers tell us by email:
the vacancies they declare (adjusted by the placements made and ended since) and the
pauses they ask for. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from broker.directory.directory import Directory
from broker.directory.model import Establishment, Organisation


def organisation_data(organisation: Organisation) -> dict[str, Any]:
    """An organisation as config/providers/*.yaml writes it (without its establishments)."""
    return {"name": organisation.name, "domains": list(organisation.domains),
            "contacts": list(organisation.contacts)}


def establishment_data(e: Establishment) -> dict[str, Any]:
    """An establishment as config/providers/*.yaml writes it."""
    data: dict[str, Any] = {
        "name": e.name, "kind": e.kind, "urn": e.urn, "ofsted_rating": e.ofsted_rating,
        "outward_code": e.outward_code, "lots": list(e.lots), "needs": list(e.needs),
        "ages": f"{e.age_min}-{e.age_max}", "genders": list(e.genders),
        "max_siblings": e.max_siblings, "capacity": e.capacity, "status": e.status,
        "arrangements": list(e.arrangements), "contacts": list(e.contacts)}
    if e.tiers:
        data["tiers"] = dict(e.tiers)
    return data


def organisation_from(key: str, data: Mapping[str, Any]) -> Organisation:
    return Organisation(key, str(data["name"]), list(data.get("domains") or []),
                        list(data.get("contacts") or []))


def establishment_from(key: str, organisation: Organisation,
                       data: Mapping[str, Any]) -> Establishment:
    low, _, high = str(data["ages"]).partition("-")
    return Establishment(
        key=key, name=str(data["name"]), organisation=organisation.key,
        kind=str(data["kind"]), lots=list(data["lots"]), needs=list(data.get("needs") or []),
        age_min=int(low), age_max=int(high or low),
        genders=list(data.get("genders") or ["male", "female", "non-binary"]),
        max_siblings=int(data.get("max_siblings") or 1), urn=data.get("urn"),
        ofsted_rating=str(data["ofsted_rating"]), outward_code=str(data["outward_code"]),
        capacity=int(data.get("capacity") or 0), status=str(data.get("status") or "active"),
        arrangements=list(data.get("arrangements") or []),
        contacts=list(data.get("contacts") or []) or list(organisation.contacts),
        tiers=dict(data.get("tiers") or {}))


def with_records(base: Directory, organisations: Iterable[Organisation],
                 establishments: Iterable[Establishment]) -> Directory:
    """`base`'s authorities, arrangements, places and cascades with these providers."""
    return Directory(base.authorities.values(), base.arrangements.values(), organisations,
                     establishments, base.places.values(), base.cascades)


@dataclass(frozen=True)
class LiveFacts:
    """What has happened to one establishment since its record was written: the vacancies
    its provider last declared (None: never, so the record's capacity stands), the places
    taken (negative) and freed since then, and, when it has paused referrals, why; and apart
    from that, the placements team's pause (`BY_TEAM` and its reason), when one stands."""

    vacancies: int | None = None
    since: int = 0
    paused: str = ""
    team_paused: str = ""


# A pause the placements team made from the console begins its reason with this
# (workflows/market/notices.py `decide_by_team`); any other pause is its provider's.
BY_TEAM = "by the placements team: "


# The marker at a reason's start, written any number of times, in any case, with or without
# its colon ("By the placements team - by the placements team: review").
_THE_MARKER = re.compile(r"^(?:[\W_]*by\s+the\s+placements\s+team\b[\s:;,.\u2013\u2014-]*)+",
                         re.IGNORECASE)


def without_the_marker(reason: str) -> str:
    """A provider's reason for pausing less every leading `BY_TEAM` marker, however often
    and in whatever case it is written: a provider's words never pass for the team's."""
    return _THE_MARKER.sub("", reason).strip()


def paused_by_team(paused: str) -> bool:
    """Whether a home's pause (its reason as stored) is the placements team's, not its
    provider's: then only the team resumes it."""
    return paused.startswith(BY_TEAM)


def providers_pause(establishment: Establishment) -> str:
    """The home's provider's own pause (its reason and since when), whether or not the
    placements team's stands over it: "" when its provider has not paused it."""
    paused = establishment.paused
    own = getattr(establishment, "provider_paused", "")  # a view built before it had one
    return own or ("" if paused_by_team(paused) else paused)


def standing(establishment: Establishment) -> str:
    """Whether a home receives referrals, in the words `broker providers list` and the
    console's directory both show: active, suspended (by the consortium, in its record),
    paused by the placements team, with their reason and since when (`with_live_facts`),
    and paused by its provider, with the provider's: both when both stand."""
    words = ["suspended"] if establishment.status != "active" else []
    if paused_by_team(establishment.paused):
        words.append(f"paused {establishment.paused}")
    if own := providers_pause(establishment):
        words.append(f"paused: {own}")
    return "; ".join(words) or "active"


def with_live_facts(directory: Directory, facts: Mapping[str, LiveFacts]) -> Directory:
    """The directory as it stands today; capacity never goes below zero."""
    if not facts:
        return directory
    establishments = []
    for e in directory.establishments.values():
        fact = facts.get(e.key)
        if fact is not None:
            declared = e.capacity if fact.vacancies is None else fact.vacancies
            e = replace(e, capacity=max(declared + fact.since, 0),
                        paused=fact.team_paused or fact.paused, provider_paused=fact.paused)
        establishments.append(e)
    return with_records(directory, directory.organisations.values(), establishments)


def providers_yaml(directory: Directory, file_of: Mapping[str, str],
                   default_file: str) -> dict[str, dict[str, Any]]:
    """`{file: {"organisations": {...}}}`: every organisation with its establishments, in
    the file it came from (`file_of[organisation key]`), the others in `default_file`."""
    by_organisation: dict[str, dict[str, Any]] = {}
    for e in directory.establishments.values():
        by_organisation.setdefault(e.organisation, {})[e.key] = establishment_data(e)
    files: dict[str, dict[str, Any]] = {}
    for key, organisation in directory.organisations.items():
        file = file_of.get(key, default_file)
        section = files.setdefault(file, {"organisations": {}})["organisations"]
        section[key] = {**organisation_data(organisation),
                        "establishments": by_organisation.get(key, {})}
    return files
