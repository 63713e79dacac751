"""Loading and checking the consortium's configuration directory (`BROKER_CONFIG_DIR`).

The format, for commissioners editing it by hand
------------------------------------------------

`config/` holds four kinds of file. YAML files hold one top-level key, a mapping from each
record's key (lower-case letters, digits and `-`, e.g. `larch-house`) to its details. Keys
you do not need may be left out where a default is given. `broker config check` prints every
problem with its file and line.

`authorities.yaml` — the member councils::

    authorities:
      northby:
        name: Northby Council
        domains: [northby.gov.example]           # senders at exactly these domains
        referrers: [sam.taylor@northby.gov.example]   # optional: registered social workers
        placements_team: placements@northby.gov.example
        commissioners: [alex.morgan@northby.gov.example]   # optional: named people
        placements_officers: [maya.osei@northby.gov.example]  # optional: console sign-in

`arrangements.yaml` — frameworks, DPSs and approved lists::

    arrangements:
      south-london-residential:
        name: South London Residential Framework
        kind: framework                          # framework | dps | approved-list, or for
                                                 # cascades: in-house | block |
                                                 # cost-and-volume | spot
        lots: [residential, residential-solo]    # placement types from the referral form
        members: [northby, eastmere]             # authority keys
        ofsted_floor: good                       # optional; lowest rating admitted
        allow_not_yet_inspected: false           # optional, default false
        max_distance_km: 60                      # optional; leave out for no distance limit
        quality_weight: 60                       # quality and price add up to 100
        price_weight: 40
        starts: 2024-04-01
        ends: 2028-03-31                         # optional; leave out while open-ended
        reopening: {...}                         # optional: a list that reopens to new
                                                 # providers (broker/directory/reopening.py)
        tier: 2                                  # optional, 1-9: the tier (place in the
                                                 # cascades) of a home on it that lists
                                                 # none, and of each home admitted to it
                                                 # by application; default 1
        rates: {residential: 4200-4400}          # optional: agreed weekly rate or band
        provider_rates:                          # by lot, and a provider's own tendered
          larch-care: {residential: 4350}        # ones (broker/directory/rates.py)

`providers/*.yaml` — any number of files (by region or kind), each with organisations and,
nested under each, its establishments (keys unique across all the files)::

    organisations:
      larch-care:
        name: Larch Care Ltd
        domains: [larchcare.example]
        contacts: [referrals@larchcare.example]  # default for its establishments
        establishments:
          larch-house:
            name: Larch House
            kind: childrens-home                 # childrens-home | fostering-service | school
            urn: SC481230                        # optional Ofsted URN
            ofsted_rating: good                  # outstanding | good | requires-improvement
                                                 # | inadequate | not-yet-inspected
            outward_code: SE22                   # must be in places.csv
            lots: [residential]                  # each must be a lot of one of its arrangements
            needs: [semh, cse, missing]          # need codes from the referral form
            ages: 12-17
            genders: [female]                    # optional, default all: male, female, non-binary
            max_siblings: 1                      # optional, default 1: children placed together
            capacity: 1                          # places free now
            status: active                       # optional: active | suspended
            arrangements: [south-london-residential]
            contacts: [larch.house@larchcare.example]   # optional; first is the primary
            tiers: {south-london-residential: 2}   # optional: tier awarded (default: the
                                                 # arrangement's `tier:`, else 1)

`places.csv` — `outward_code,latitude,longitude,region`, one row per outward code used.

`cascades.yaml` — optional: the waves in which referrals go out (broker/directory/cascades.py).

`staff.yaml` — optional: the consortium's operators for the placements console
(broker/directory/operators.py).

Besides each value's own form, the check insists that: every key named (members,
arrangements) exists; lots and need codes are those of `forms/referral.yaml` (or, without it,
`DEFAULT_LOTS` / `DEFAULT_NEEDS` in `broker.directory.model`); an establishment's contacts are
at its organisation's domains; no domain or registered referrer belongs to two authorities or
organisations, and no provider uses an authority's domain; quality and price weights add up
to 100; an arrangement does not end before it starts; ages run low to high (inclusive).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from broker.directory.cascades import read_cascades
from broker.directory.codes import CodeLists, read_code_lists
from broker.directory.crossref import Records, cross_check
from broker.directory.directory import Directory
from broker.directory.located import read_yaml
from broker.directory.model import (
    Arrangement,
    Authority,
    Cascade,
    Establishment,
    Organisation,
    Place,
)
from broker.directory.operators import operator_problems
from broker.directory.places import read_places
from broker.directory.problems import ConfigError, ConfigProblem
from broker.directory.records import (
    check_arrangement,
    check_authority,
    check_organisation,
    read_section,
)
from broker.directory.schema import Record

__all__ = ["ConfigError", "ConfigProblem", "check_config", "load_directory"]

AUTHORITIES_FILE = "authorities.yaml"
ARRANGEMENTS_FILE = "arrangements.yaml"
PROVIDERS_DIR = "providers"
PLACES_FILE = "places.csv"


def load_directory(config_dir: Path, approvals_needed: int | None = None) -> Directory:
    """The directory described by `config_dir`; raises ConfigError listing every problem.
    With `approvals_needed` (the setting), an authority that could never reach it is one."""
    directory, problems = _load(Path(config_dir), approvals_needed)
    if problems or directory is None:
        raise ConfigError(problems)
    return directory


def check_config(config_dir: Path, approvals_needed: int | None = None,
                 mail_domain: str = "") -> list[ConfigProblem]:
    """Every problem in `config_dir`, forms included, sorted by file and line (empty when it
    loads); with `mail_domain`, also one shared with a member or a provider."""
    config_dir = Path(config_dir)
    problems = _load(config_dir, approvals_needed, mail_domain)[1]
    if config_dir.is_dir():
        problems += _form_problems(config_dir)
    return sorted(problems)


def _form_problems(config_dir: Path) -> list[ConfigProblem]:
    """The referral and response forms must load: the service reads every message with them."""
    from broker.forms.spec import FormSpecError, load_form_spec

    problems = []
    for name in ("referral", "response"):
        file = f"forms/{name}.yaml"
        if not (config_dir / file).is_file():
            problems.append(ConfigProblem(file, 0, "the file is missing"))
            continue
        try:
            load_form_spec(config_dir / file)
        except FormSpecError as error:
            problems.append(ConfigProblem(file, error.line or 0, error.message))
    return problems


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Reading builds many small objects, none cyclic; with the collector on, a directory of
    thousands of establishments spends more time in collections than in parsing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(config_dir: Path, approvals_needed: int | None = None,
          mail_domain: str = "") -> tuple[Directory | None, list[ConfigProblem]]:
    with _without_gc_pauses():
        return _load_checked(config_dir, approvals_needed, mail_domain)


def _load_checked(config_dir: Path, approvals_needed: int | None,
                  mail_domain: str = "") -> tuple[Directory | None, list[ConfigProblem]]:
    problems: list[ConfigProblem] = []
    if not config_dir.is_dir():
        return None, [ConfigProblem(str(config_dir), 0, "the configuration directory is missing")]
    codes = read_code_lists(config_dir)
    places, found = _read_places(config_dir)
    problems += found
    place_codes = {place.outward_code for place in places}
    records, found = _read_records(config_dir, codes, place_codes, approvals_needed)
    problems += found + cross_check(records, mail_domain)
    cascades, found = read_cascades(config_dir, codes.lots,
                                    {record.key for record in records.authorities})
    problems += found + operator_problems(config_dir)
    if problems:
        return None, problems
    return _build(records, places, cascades), []


def _read_places(config_dir: Path) -> tuple[list[Place], list[ConfigProblem]]:
    text, problems = _read_text(config_dir, PLACES_FILE)
    if text is None:
        return [], problems
    return read_places(text, PLACES_FILE)


def _read_records(
    config_dir: Path, codes: CodeLists, places: set[str], approvals_needed: int | None = None
) -> tuple[Records, list[ConfigProblem]]:
    authorities, problems = _read_file(config_dir, AUTHORITIES_FILE, "authorities", "authority")
    arrangements, found = _read_file(config_dir, ARRANGEMENTS_FILE, "arrangements", "arrangement")
    problems += found
    for record in authorities:
        problems += check_authority(record, approvals_needed)
    for record in arrangements:
        problems += check_arrangement(record, codes)
    organisations: list[Record] = []
    establishments: list[Record] = []
    for file in _provider_files(config_dir, problems):
        records, found = _read_file(config_dir, file, "organisations", "organisation")
        problems += found
        for record in records:
            nested, found = check_organisation(record, codes, places)
            problems += found
            organisations.append(record)
            establishments += nested
    return Records(authorities, arrangements, organisations, establishments), problems


def organisation_files(config_dir: Path) -> dict[str, str]:
    """The providers/ file each organisation is written in (to write it back there)."""
    files: dict[str, str] = {}
    for file in _provider_files(Path(config_dir), []):
        text, _ = _read_text(Path(config_dir), file)
        tree, _ = read_yaml(text or "", file)
        section = tree.get("organisations") if isinstance(tree, dict) else None
        for key in section if isinstance(section, dict) else ():
            files.setdefault(str(key), file)
    return files


def _provider_files(config_dir: Path, problems: list[ConfigProblem]) -> list[str]:
    files = sorted((config_dir / PROVIDERS_DIR).glob("*.yaml"))
    if not files:
        problems.append(ConfigProblem(PROVIDERS_DIR, 0, "no provider files (providers/*.yaml)"))
    return [f"{PROVIDERS_DIR}/{file.name}" for file in files]


def _read_file(
    config_dir: Path, file: str, section: str, kind: str
) -> tuple[list[Record], list[ConfigProblem]]:
    text, problems = _read_text(config_dir, file)
    if text is None:
        return [], problems
    tree, problems = read_yaml(text, file)
    if problems and tree is None:
        return [], problems
    records, found = read_section(tree, section, kind, file)
    return records, problems + found


def _read_text(config_dir: Path, file: str) -> tuple[str | None, list[ConfigProblem]]:
    try:
        # utf-8-sig: a places.csv saved from a spreadsheet starts with a byte-order mark.
        return (config_dir / file).read_text(encoding="utf-8-sig"), []
    except FileNotFoundError:
        return None, [ConfigProblem(file, 0, "the file is missing")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [ConfigProblem(file, 0, f"cannot be read: {error}")]


def _build(records: Records, places: list[Place], cascades: list[Cascade]) -> Directory:
    organisations = [_organisation(r) for r in records.organisations]
    contacts_of = {o.key: o.contacts for o in organisations}
    return Directory(
        authorities=[Authority(key=r.key, **r.values) for r in records.authorities],
        arrangements=[Arrangement(key=r.key, **r.values) for r in records.arrangements],
        organisations=organisations,
        establishments=[_establishment(r, contacts_of) for r in records.establishments],
        places=places,
        cascades=cascades,
    )


def _organisation(record: Record) -> Organisation:
    values = record.values
    return Organisation(record.key, values["name"], values["domains"], values["contacts"])


def _establishment(record: Record, contacts_of: dict[str, list[str]]) -> Establishment:
    values: dict[str, Any] = dict(record.values)
    age_min, age_max = values.pop("ages")
    organisation = record.parent or ""
    contacts = values.pop("contacts") or list(contacts_of[organisation])
    return Establishment(
        key=record.key,
        organisation=organisation,
        age_min=age_min,
        age_max=age_max,
        contacts=contacts,
        **values,
    )
