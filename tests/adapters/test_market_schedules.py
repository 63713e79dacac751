"""The market's schedules through deadline rows, in-process on both databases: planned once
however many processes start, each deadline fired once whichever process claims it, a
changed schedule leaving one window per opening, and the weekly vacancy return."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from broker.app import build_engine
from broker.clock import FrozenClock
from broker.db.tables import Deadline, ListWindow, Outbox
from broker.directory import load_directory
from tests.factories import CONFIG, make_settings, migrated
from workflows.market.events import SchedulesReviewed
from workflows.market.states import WindowState

OPENS = datetime(2027, 7, 1, 8, tzinfo=UTC)
MAILING = ("northern-market@providersforum.example", "tenders@newleafcare.example")


@pytest.fixture
async def build(tmp_path, database_url):  # type: ignore[no-untyped-def]
    made = []

    async def engine(clock: FrozenClock, config: Path = CONFIG, **settings):  # type: ignore[no-untyped-def]
        db, _ = await migrated(database_url)
        made.append(db)
        values = {"reopening": True, "vacancy_return_schedule": "", "config_dir": config,
                  **settings}
        return build_engine(make_settings(tmp_path, database_url, **values), db, clock)

    yield engine
    for db in made:
        await db.dispose()


async def _review(*engines) -> None:  # type: ignore[no-untyped-def]
    for engine in engines:
        await engine.handle(None, SchedulesReviewed(key="start"))


async def _count(engine, table, *where) -> int:  # type: ignore[no-untyped-def]
    async with engine.parts.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(table)
                                          .where(*where))).scalar_one())


async def test_schedules_are_planned_once_however_many_processes_start(build) -> None:  # type: ignore[no-untyped-def]
    clock = FrozenClock(datetime(2027, 5, 20, tzinfo=UTC))
    a, b = await build(clock), await build(clock)
    await _review(a, b, a)
    lists = [x for x in load_directory(CONFIG).arrangements.values() if x.reopening]
    assert await _count(a, ListWindow) == 2 * len(lists)
    per_window = {x.key: 3 + len(x.reopening.reminders) for x in lists}  # advert, open, close
    assert await _count(a, Deadline, Deadline.subject == "list-window") == sum(
        2 * n for n in per_window.values())


async def test_each_window_deadline_fires_once_whichever_process_claims_it(build) -> None:  # type: ignore[no-untyped-def]
    clock = FrozenClock(datetime(2027, 5, 20, tzinfo=UTC))
    a, b = await build(clock), await build(clock)
    await _review(a)
    clock.set(OPENS - timedelta(days=30))
    fired = await asyncio.gather(a.fire_due(), b.fire_due(), a.fire_due(), b.fire_due())
    assert sum(fired) == 1  # the northern list's advert, and nothing else is due yet
    assert await _count(a, Outbox, Outbox.kind == "prospective/list_advert") == len(MAILING)
    clock.set(OPENS + timedelta(days=30))
    fired = await asyncio.gather(a.fire_due(), b.fire_due())
    assert sum(fired) >= 4  # open, two reminders, close (and the other lists' due ones)
    async with a.parts.sessions() as session:
        window = (await session.execute(select(ListWindow).where(
            ListWindow.arrangement == "northern-residential-list", ListWindow.opens_at == OPENS
        ))).scalar_one()
    assert window.state == WindowState.CLOSED
    assert await _count(a, Outbox, Outbox.kind == "prospective/list_reminder",
                        Outbox.to_addr == MAILING[0]) == 2


async def test_a_changed_schedule_leaves_one_window_per_opening(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = FrozenClock(datetime(2027, 5, 20, tzinfo=UTC))
    await _review(await build(clock))
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    arrangements = config / "arrangements.yaml"
    arrangements.write_text(arrangements.read_text().replace('"0 9 1 1,7 *"', '"0 9 1 3,9 *"'))
    changed = await build(clock, config)
    await _review(changed)
    async with changed.parts.sessions() as session:
        windows = {(w.opens_at.month, w.state) for w in (await session.execute(select(
            ListWindow).where(ListWindow.arrangement == "northern-residential-list")))
            .scalars()}
    assert windows == {(7, "cancelled"), (1, "cancelled"), (9, "scheduled"), (3, "scheduled")}
    assert await _count(changed, Deadline, Deadline.subject == "list-window",
                        Deadline.status == "cancelled") == 2 * 5


async def test_the_weekly_return_goes_once_to_each_address_and_plans_the_next(build) -> None:  # type: ignore[no-untyped-def]
    monday = datetime(2027, 7, 12, 8, tzinfo=UTC)  # 09:00 in the UK
    clock = FrozenClock(monday - timedelta(hours=1))
    a, b = (await build(clock, reopening=False, vacancy_return_schedule="0 9 * * 1"),
            await build(clock, reopening=False, vacancy_return_schedule="0 9 * * 1"))
    await _review(a, b)
    assert await _count(a, Deadline, Deadline.subject == "vacancy-return") == 1
    clock.set(monday)
    assert sum(await asyncio.gather(a.fire_due(), b.fire_due())) == 1
    active = [e for e in load_directory(CONFIG).establishments.values() if e.status == "active"]
    addresses = {e.primary_contact for e in active}
    assert await _count(a, Outbox, Outbox.kind == "provider/vacancy_return") == len(addresses)
    async with a.parts.sessions() as session:
        pending = (await session.execute(select(Deadline.due_at).where(
            Deadline.subject == "vacancy-return", Deadline.status == "pending"))).scalars().all()
    assert pending == [monday + timedelta(days=7)]
