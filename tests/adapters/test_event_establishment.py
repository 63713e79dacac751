"""A referral's events carry the home their data names in a column of their own
(`referral_event.establishment`, migration 0023), which a reply's snapshot reads its home's
questions by: every event stored fills it in, and the migration fills it in for the events
stored before it — on SQLite and PostgreSQL. Only a string names a home; an event naming
none, or naming it as anything else, has none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import ReferralEvent
from broker.db.types import JSONType
from tests.adapters.worker import answer
from tests.migrations import upgrade_to
from workflows.store import _questions_of

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
QUESTION = "We're interested.\n\nIs she open to CAMHS at the moment?\n"


async def _events(sessions: Any) -> list[tuple[str, Any, str | None]]:
    async with sessions() as session:
        rows = await session.execute(sa.select(ReferralEvent).order_by(ReferralEvent.id))
        return [(e.kind, dict(e.data or {}), e.establishment) for e in rows.scalars()]


async def test_every_event_stored_names_the_home_its_data_names(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, QUESTION)
    await answer(worker, home, QUESTION)  # the same question: not passed on again
    events = await _events(worker.sessions)
    for kind, data, establishment in events:
        named = data.get("establishment")
        assert establishment == (named if isinstance(named, str) else None), kind
    [passed_on] = [e for e in events if e[0] == "questions-passed-on"]
    assert passed_on[2] and passed_on[2] == passed_on[1]["establishment"]
    assert len(await worker.outbox(kind="placements_team/provider_questions")) == 1


async def test_the_events_stored_before_are_given_their_home(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    data = sa.bindparam("data", type_=JSONType)
    stored = [
        {"establishment": "larch-house", "questions": ["q1"]},
        {"establishment": 7, "questions": ["q2"]},  # a number names no home
        {"questions": ["q3"]},
        {"establishment": ""},  # the social worker's own messages
        {"establishment": None},
    ]
    async with engine.begin() as connection:
        await connection.run_sync(upgrade_to("0022_team_pause"))
        at = AT.replace(tzinfo=None) if connection.dialect.name == "sqlite" else AT
        for value in stored:
            await connection.execute(
                sa.text(
                    "INSERT INTO referral_event (referral_id, at, kind, data) "
                    "VALUES (7, :at, 'questions-passed-on', :data)"
                ).bindparams(data),
                {"at": at, "data": value},
            )
    await migrate(engine)  # to the newest
    sessions = session_factory(engine)
    try:
        columns = [e[2] for e in await _events(sessions)]
        async with sessions() as session:
            larch = await _questions_of(session, 7, "larch-house", AT + timedelta(hours=1))
    finally:
        await engine.dispose()
    assert columns == ["larch-house", None, None, "", None]
    # the home's question passed on before the upgrade is still its own, and counted
    assert larch["questions_before"] == frozenset({"q1"})
    assert (larch["questions_emails_today"], larch["referral_questions_emails_today"]) == (1, 5)
