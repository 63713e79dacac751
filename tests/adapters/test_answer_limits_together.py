"""The limits on answers to strangers hold when two transactions count at once (two
service processes, or the light and costly lanes of one): on PostgreSQL the second waits
for the first to commit, and then counts its answer. SQLite has one writer anyway."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from broker.db.tables import Outbox
from tests.conftest import _create_database
from tests.factories import migrated
from workflows.answer_limits import ANSWERS_PER_DAY, within_limits
from workflows.commands import SendEmail

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
VICTIM = "victim@anywhere.example"


def _answer(n: int) -> SendEmail:
    return SendEmail(key=f"answer:{n}", template="sender/refused", to=VICTIM, context={})


def _row(n: int) -> Outbox:
    return Outbox(key=f"answer:{n}", kind="sender/refused", to_addr=VICTIM, raw=b"",
                  next_attempt_at=NOW, created_at=NOW)


async def test_two_transactions_answering_at_once_keep_the_daily_limit(postgres) -> None:  # type: ignore[no-untyped-def]
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    db, sessions = await migrated(await _create_database(postgres.url))
    try:
        async with sessions() as session:
            session.add_all([_row(n) for n in range(ANSWERS_PER_DAY - 1)])
            await session.commit()  # one answer left today
        async with sessions() as first, sessions() as second:
            kept = await within_limits(first, [_answer(100)], NOW, 60, lambda _a: False)
            assert len(kept) == 1
            first.add(_row(100))
            await first.flush()  # queued, not yet committed
            other = asyncio.create_task(
                within_limits(second, [_answer(200)], NOW, 60, lambda _a: False))
            await asyncio.sleep(0.2)  # let the second start counting, if it can
            await first.commit()
            assert await other == []  # it counted the first's answer: the day's five
            await second.rollback()
    finally:
        await db.dispose()
