"""Reading each configuration file into checked records: what keys each kind of record has.

The schemas here are the configuration format (described for people in `load.py`). Each
file holds one top-level section (`authorities:`, `arrangements:` or `organisations:`), a
mapping from key to record; establishments are nested under their organisation.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from broker.directory.codes import CodeLists
from broker.directory.governance import GOVERNANCE_SCHEMA, check_governance
from broker.directory.located import LocatedDict
from broker.directory.model import (
    ARRANGEMENT_KINDS,
    ESTABLISHMENT_KINDS,
    GENDERS,
    OFSTED_RATINGS,
    RATED,
    STATUSES,
    TIER_KINDS,
)
from broker.directory.places import OUTWARD_CODE, normalise_outward_code
from broker.directory.problems import ConfigProblem
from broker.directory.rates import provider_rates, rate_problems, rates
from broker.directory.reopening import REOPENING_KINDS, read_reopening
from broker.directory.schema import (
    Field,
    Invalid,
    Record,
    a_date,
    age_range,
    boolean,
    date_or_null,
    domain,
    email,
    key_name,
    list_of,
    one_of,
    optional,
    positive_number_or_null,
    read_record,
    record_problem,
    suggestion,
    text,
    urn,
    whole_number,
)

AUTHORITY_SCHEMA = {
    "name": Field(text),
    "domains": Field(list_of(domain, non_empty=True)),
    "referrers": Field(list_of(email), required=False, default=[]),
    "placements_team": Field(email),
    "commissioners": Field(list_of(email), required=False, default=[]),
    **GOVERNANCE_SCHEMA,
    "placements_officers": Field(list_of(email), required=False, default=[]),
}


def arrangement_schema(codes: CodeLists) -> dict[str, Field]:
    return {
        "name": Field(text),
        "kind": Field(one_of(ARRANGEMENT_KINDS, "kind")),
        "lots": Field(list_of(one_of(codes.lots, "lot"), non_empty=True)),
        "members": Field(list_of(key_name)),
        "ofsted_floor": Field(optional(one_of(RATED, "rating")), required=False),
        "allow_not_yet_inspected": Field(boolean, required=False, default=False),
        "max_distance_km": Field(positive_number_or_null, required=False),
        "quality_weight": Field(whole_number(0, 100)),
        "price_weight": Field(whole_number(0, 100)),
        "starts": Field(a_date),
        "ends": Field(date_or_null, required=False),
        "reopening": Field(read_reopening, required=False),
        "tier": Field(optional(whole_number(1, 9)), required=False),
        "rates": Field(rates, required=False, default={}),
        "provider_rates": Field(provider_rates, required=False, default={}),
    }


def organisation_schema() -> dict[str, Field]:
    return {
        "name": Field(text),
        # none for a provider admitted from a shared mail service: its contacts speak for it
        "domains": Field(list_of(domain), required=False, default=[]),
        "contacts": Field(list_of(email), required=False, default=[]),
        "establishments": Field(_mapping),
    }


def establishment_schema(codes: CodeLists, places: Collection[str]) -> dict[str, Field]:
    return {
        "name": Field(text),
        "kind": Field(one_of(ESTABLISHMENT_KINDS, "kind")),
        "urn": Field(optional(urn), required=False),
        "ofsted_rating": Field(one_of(OFSTED_RATINGS, "rating")),
        "outward_code": Field(_outward_code_in(places)),
        "lots": Field(list_of(one_of(codes.lots, "lot"), non_empty=True)),
        "needs": Field(list_of(one_of(codes.needs, "need code"))),
        "ages": Field(age_range),
        "genders": Field(list_of(one_of(GENDERS, "gender"), non_empty=True), False, list(GENDERS)),
        "max_siblings": Field(whole_number(1, 12), required=False, default=1),
        "capacity": Field(whole_number(0)),
        "status": Field(one_of(STATUSES, "status"), required=False, default="active"),
        "arrangements": Field(list_of(key_name)),
        "contacts": Field(list_of(email), required=False, default=[]),
        "tiers": Field(_tiers, required=False, default={}),
    }


def _tiers(value: Any) -> dict[str, int]:
    """`{midlands-residential: 2}`: the tier each arrangement awarded (1 when not listed)."""
    if not isinstance(value, dict):
        raise Invalid("should be a mapping from an arrangement's key to its tier, "
                      "e.g. {midlands-residential: 2}")
    return {key_name(key): whole_number(1, 9)(tier) for key, tier in value.items()}


def read_section(
    tree: Any, section: str, kind: str, file: str
) -> tuple[list[Record], list[ConfigProblem]]:
    """The records under the file's one top-level key, e.g. `authorities:`."""
    if tree is None:
        return [], [ConfigProblem(file, 0, f"the file is empty; it should start with '{section}:'")]
    if not isinstance(tree, LocatedDict) or section not in tree:
        return [], [ConfigProblem(file, 1, f"the file should start with '{section}:'")]
    problems = [
        ConfigProblem(file, tree.line_of(key), f"unknown key '{key}'; expected only '{section}'")
        for key in tree
        if key != section
    ]
    records, found = records_under(tree, section, kind, file)
    return records, problems + found


def records_under(
    parent: LocatedDict, section: str, kind: str, file: str, owner: str | None = None
) -> tuple[list[Record], list[ConfigProblem]]:
    entries = parent[section]
    if entries is None:
        return [], []
    if not isinstance(entries, LocatedDict):
        message = f"'{section}' should be a mapping from each {kind}'s key to its details"
        return [], [ConfigProblem(file, parent.line_of(section), message)]
    records: list[Record] = []
    problems: list[ConfigProblem] = []
    for key, raw in entries.items():
        line = entries.line_of(key)
        try:
            key_name(key)
        except Invalid as invalid:
            problems.append(ConfigProblem(file, line, f"{kind} key: {invalid}"))
        if not isinstance(raw, LocatedDict):
            message = f"{kind} '{key}' should be a mapping of its details"
            problems.append(ConfigProblem(file, line, message))
            continue
        records.append(Record(kind, key, file, line, raw, parent=owner))
    return records, problems


def check_authority(record: Record, approvals_needed: int | None = None) -> list[ConfigProblem]:
    problems = read_record(record, AUTHORITY_SCHEMA)
    return problems + check_governance(record, approvals_needed)


def check_arrangement(record: Record, codes: CodeLists) -> list[ConfigProblem]:
    problems = read_record(record, arrangement_schema(codes))
    values = record.values
    weights = (values.get("quality_weight"), values.get("price_weight"))
    if all(isinstance(w, int) for w in weights) and sum(weights) != 100:  # type: ignore[arg-type]
        message = f"quality_weight {weights[0]} and price_weight {weights[1]} should add up to 100"
        problems.append(record_problem(record, "price_weight", message))
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends and ends < starts:
        problems.append(record_problem(record, "ends", f"ends {ends} before it starts {starts}"))
    if values.get("reopening") and values.get("kind") not in REOPENING_KINDS:
        problems.append(record_problem(record, "reopening", f"a {values.get('kind')} does not "
                                       f"reopen; only: {', '.join(REOPENING_KINDS)}"))
    if values.get("tier") and values.get("kind") in TIER_KINDS:
        problems.append(record_problem(record, "tier", f"a {values.get('kind')} is its own "
                                       f"place in a cascade (the tier '{values.get('kind')}'); "
                                       "only a framework, DPS or approved list awards a tier"))
    return problems + rate_problems(record)


def check_organisation(
    record: Record, codes: CodeLists, places: Collection[str]
) -> tuple[list[Record], list[ConfigProblem]]:
    """The organisation's own keys, then each of its establishments'."""
    problems = read_record(record, organisation_schema())
    if not isinstance(record.raw.get("establishments"), LocatedDict):
        return [], problems
    establishments, found = records_under(
        record.raw, "establishments", "establishment", record.file, owner=record.key
    )
    schema = establishment_schema(codes, places)
    for establishment in establishments:
        found += read_record(establishment, schema)
    return establishments, problems + found


def _mapping(value: Any) -> Any:
    if not isinstance(value, dict):
        raise Invalid("should be a mapping from each establishment's key to its details")
    return value


def _outward_code_in(places: Collection[str]) -> Any:
    def check(value: Any) -> str:
        code = normalise_outward_code(value) if isinstance(value, str) else ""
        if not OUTWARD_CODE.match(code):
            raise Invalid(f"{value!r} is not an outward code such as 'SE15'")
        if code not in places:
            raise Invalid(f"outward code {code} is not in places.csv{suggestion(code, places)}")
        return code

    return check
