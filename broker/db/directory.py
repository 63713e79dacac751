"""The live directory in the database: seeded from config/, grown by approved applications,
with each establishment's declared vacancies and pauses on top.

- `seed_directory` writes config/'s organisations and establishments at every start (a
  changed record is updated, a removed one deleted); records admitted by an approved
  application (`source` "application") are kept, unless config/ now holds the same key
  (an exported record committed to config/ becomes config's).
- `DirectoryKeeper` holds the directory built from the stored records and rebuilds it only
  when a cheap check says the records changed (another process may have admitted one).
- `live_facts` reads what providers declared: vacancies (with the places taken and freed
  since), and pauses. The service's match and `broker match` both read `live_directory`,
  so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from broker.clock import UK_TIME as LOCAL
from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import CapacityChange, DirectoryRecord, EstablishmentStatus
from broker.directory.directory import Directory
from broker.directory.live import (
    BY_TEAM,
    LiveFacts,
    establishment_data,
    establishment_from,
    organisation_data,
    organisation_from,
    with_live_facts,
    with_records,
)
from broker.directory.model import Establishment, Organisation

APPLICATION = "application"
_RECORDS = DirectoryRecord.__table__


def _wanted(base: Directory, files_of: Mapping[str, str]) -> dict[tuple[str, str], dict]:
    rows: dict[tuple[str, str], dict] = {}
    for o in base.organisations.values():
        rows["organisation", o.key] = {"parent": "", "data": organisation_data(o),
                                       "source": f"config:{files_of.get(o.key, '')}"}
    for e in base.establishments.values():
        rows["establishment", e.key] = {
            "parent": e.organisation, "data": establishment_data(e),
            "source": f"config:{files_of.get(e.organisation, '')}"}
    return rows


async def seed_directory(session: AsyncSession, base: Directory, files_of: Mapping[str, str],
                         now: datetime) -> int:
    """Bring the config-owned records in line with config/; returns how many changed."""
    stored = {(r.kind, r.key): r for r in (await session.execute(
        select(DirectoryRecord))).scalars()}
    wanted = _wanted(base, files_of)
    new = [{"kind": kind, "key": key, **values, "application_id": None, "revision": 1,
            "added_at": now, "updated_at": now}
           for (kind, key), values in wanted.items() if (kind, key) not in stored]
    if new:
        await insert_ignoring_duplicates(session, _RECORDS, new)
    changed = len(new)
    for (kind, key), values in wanted.items():
        row = stored.get((kind, key))
        if row is not None and (row.data != values["data"] or row.source != values["source"]
                                or row.parent != values["parent"]):
            await session.execute(update(DirectoryRecord).where(DirectoryRecord.id == row.id)
                                  .values(**values, revision=row.revision + 1, updated_at=now))
            changed += 1
    for (kind, key), row in stored.items():
        if row.source.startswith("config:") and (kind, key) not in wanted:
            await session.delete(row)
            changed += 1
    return changed


async def _version(session: AsyncSession) -> tuple[Any, ...]:
    """Changes whenever a record is added, changed or removed."""
    row = (await session.execute(select(
        func.count(), func.max(DirectoryRecord.id),
        func.sum(DirectoryRecord.revision)))).one()
    return tuple(row)


class DirectoryKeeper:
    """The directory built from the stored records, rebuilt only when they change. Before
    the database holds any record from config/ (it has never been seeded), config/'s own
    providers stand in for them."""

    def __init__(self, base: Directory) -> None:
        self.base = base
        self.current = base
        self._version: tuple[Any, ...] | None = None

    async def refresh(self, session: AsyncSession) -> Directory:
        version = await _version(session)
        if version != self._version:
            rows = list((await session.execute(
                select(DirectoryRecord).order_by(DirectoryRecord.id))).scalars())
            self.current = _built(self.base, rows)
            self._version = version
        return self.current


def _built(base: Directory, rows: list[DirectoryRecord]) -> Directory:
    seeded = any(r.source.startswith("config:") for r in rows)
    organisations = {} if seeded else dict(base.organisations)
    establishments = {} if seeded else dict(base.establishments)
    for row in rows:
        if row.kind == "organisation" and (seeded or row.source == APPLICATION):
            organisations[row.key] = organisation_from(row.key, row.data)
    for row in rows:
        owner = organisations.get(row.parent)
        if row.kind == "establishment" and owner and (seeded or row.source == APPLICATION):
            establishments[row.key] = establishment_from(row.key, owner, row.data)
    return with_records(base, organisations.values(), establishments.values())


async def live_facts(session: AsyncSession) -> dict[str, LiveFacts]:
    """Each establishment's declared vacancies, places taken and freed since, and pauses
    (its provider's and the placements team's, apart)."""
    statuses = {s.establishment: s for s in (await session.execute(
        select(EstablishmentStatus).where(or_(EstablishmentStatus.vacancies.is_not(None),
                                              EstablishmentStatus.paused,
                                              EstablishmentStatus.team_paused)))).scalars()}
    declared = EstablishmentStatus.vacancies.is_not(None)
    since = (await session.execute(
        select(CapacityChange.establishment, func.sum(CapacityChange.delta))
        .outerjoin(EstablishmentStatus, and_(
            EstablishmentStatus.establishment == CapacityChange.establishment, declared))
        .where(or_(EstablishmentStatus.establishment.is_(None),
                   CapacityChange.id > EstablishmentStatus.change_mark))
        .group_by(CapacityChange.establishment))).all()
    deltas = {key: int(total or 0) for key, total in since}
    facts = {}
    for key in set(statuses) | set(deltas):
        status = statuses.get(key)
        facts[key] = LiveFacts(
            vacancies=status.vacancies if status else None, since=deltas.get(key, 0),
            paused=_pause(status.pause_reason, status.paused_at)
            if status and status.paused else "",
            team_paused=BY_TEAM + _pause(status.team_pause_reason, status.team_paused_at)
            if status and status.team_paused else "")
    return facts


def _pause(reason: str, at: datetime | None) -> str:
    reason = reason or "no reason given"
    if at is None:
        return reason
    day = at.astimezone(LOCAL).date()
    return f"{reason} (since {day.day} {day:%B %Y})"


async def live_directory(session: AsyncSession, keeper: DirectoryKeeper) -> Directory:
    """The directory as the match sees it today."""
    return with_live_facts(await keeper.refresh(session), await live_facts(session))


async def change_mark(session: AsyncSession) -> int:
    """The newest place taken or freed: a declaration made now already counts it."""
    return int((await session.execute(select(func.max(CapacityChange.id)))).scalar() or 0)


async def admit(session: AsyncSession, organisation: Organisation | None,
                establishment: Establishment, application_id: int, now: datetime) -> None:
    """An approved application's establishment (and new organisation) joins the directory."""
    rows = []
    if organisation is not None:
        rows.append({"kind": "organisation", "key": organisation.key, "parent": "",
                     "data": organisation_data(organisation)})
    rows.append({"kind": "establishment", "key": establishment.key,
                 "parent": establishment.organisation,
                 "data": establishment_data(establishment)})
    # A plain insert: should another process have just admitted a home under the same key,
    # this decision fails and is retried against the refreshed directory (a free key).
    await session.execute(insert(_RECORDS), [
        {**row, "source": APPLICATION, "application_id": application_id, "revision": 1,
         "added_at": now, "updated_at": now} for row in rows])


async def sources(session: AsyncSession) -> dict[str, str]:
    """Each stored organisation's source (config:<file> | application)."""
    rows = await session.execute(select(DirectoryRecord.key, DirectoryRecord.source)
                                 .where(DirectoryRecord.kind == "organisation"))
    return {key: source for key, source in rows}




async def stored_live_directory(url: str, base: Directory) -> Directory | None:
    """The live directory as the service reads it, from the database at `url`; None when
    there is no database yet (an SQLite file not created). `broker match` reads this, so a
    dry run sees the vacancies, pauses and admitted homes the service sees."""
    from broker.db.engine import make_engine, migrate, session_factory

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (
            parsed.database and Path(parsed.database).is_file()):
        return None
    engine = make_engine(url)
    try:
        await migrate(engine)
        async with session_factory(engine)() as session:
            return await live_directory(session, DirectoryKeeper(base))
    finally:
        await engine.dispose()


__all__ = ["DirectoryKeeper", "admit", "change_mark", "live_directory", "live_facts",
           "seed_directory", "sources", "stored_live_directory"]
