"""A provider has one current response per referral, as a rule of the database itself
(migration 0008_instances), on SQLite and PostgreSQL:

- the migration carries existing data over: where an establishment had several current
  responses, all but the newest become superseded;
- two replies from one home recorded at the same moment in two transactions (as two
  instances would, were nothing else to queue them) leave exactly one current, the later,
  and neither fails, even when the later one's decision saw no current response;
- a second current row put in by hand is refused by the database.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import Response
from tests.migrations import upgrade_to
from workflows.apply import _record_response
from workflows.commands import RecordResponse
from workflows.txn import begin_writing

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _reply(decision: str, inbound_id: int, supersedes: bool = True) -> RecordResponse:
    return RecordResponse(establishment="larch-house", sender="beds@larch.example",
                          inbound_id=inbound_id, decision=decision, raw_fields={},
                          fields={}, missing=(), late=False, supersedes=supersedes)


async def _statuses(sessions) -> list[tuple[int | None, str, str]]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(select(Response).order_by(Response.id))
        return [(r.inbound_id, r.decision, r.status) for r in rows.scalars()]


async def test_duplicate_current_responses_are_carried_over_as_superseded(
        empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to("0007_console"))
            at = AT.replace(tzinfo=None) if connection.dialect.name == "sqlite" else AT
            for inbound_id, establishment in ((1, "larch-house"), (2, "larch-house"),
                                              (3, "larch-house"), (4, "elm-lodge")):
                await connection.execute(sa.text(
                    "INSERT INTO response (referral_id, establishment, inbound_id, "
                    "received_at, sender, decision, raw_fields, fields, missing, late, status) "
                    "VALUES (7, :establishment, :inbound, :at, '', 'offer', '{}', '{}', '[]', "
                    "false, 'current')"),
                    {"establishment": establishment, "inbound": inbound_id, "at": at})
        await migrate(engine)
        assert await _statuses(session_factory(engine)) == [
            (1, "offer", "superseded"), (2, "offer", "superseded"), (3, "offer", "current"),
            (4, "offer", "current")]
    finally:
        await engine.dispose()


@pytest.mark.parametrize("second_saw_the_first", [True, False])
async def test_two_replies_at_once_leave_one_current_and_neither_fails(
        database_url: str, second_saw_the_first: bool) -> None:
    """Also when the second decision saw no current response (so went straight to its
    INSERT): it finds the place taken, supersedes the first and goes in."""
    engine = make_engine(database_url)
    await migrate(engine)
    sessions = session_factory(engine)
    first_written, second_started = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with sessions() as session:
            await begin_writing(session)
            await _record_response(session, 7, _reply("offer", 1), AT)
            first_written.set()
            await second_started.wait()
            await asyncio.sleep(0.3)  # the second is now waiting on this one's row
            await session.commit()

    async def second() -> None:
        await first_written.wait()
        async with sessions() as session:
            second_started.set()
            await begin_writing(session)
            await _record_response(session, 7, _reply("decline", 2, second_saw_the_first),
                                   AT)
            await session.commit()

    try:
        await asyncio.gather(first(), second())
        assert await _statuses(sessions) == [(1, "offer", "superseded"),
                                             (2, "decline", "current")]
    finally:
        await engine.dispose()


async def test_the_database_refuses_a_second_current_response(database_url: str) -> None:
    engine = make_engine(database_url)
    await migrate(engine)
    sessions = session_factory(engine)
    try:
        async with sessions() as session:
            session.add(Response(referral_id=7, establishment="larch-house", received_at=AT))
            await session.commit()
        async with sessions() as session:
            session.add(Response(referral_id=7, establishment="larch-house", received_at=AT))
            with pytest.raises(IntegrityError):
                await session.commit()
    finally:
        await engine.dispose()
