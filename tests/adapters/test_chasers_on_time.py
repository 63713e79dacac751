"""A reminder due close to the window's close still goes when it fires on time (only one
fired late, after downtime, is skipped), and it answers the home's own referral email, so
the home's mail client shows it in the referral's conversation."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Wave
from tests.adapters.worker import Worker, header, make_worker
from tests.factories import referral_email


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """The sample referral sent, with its last reminder 10 minutes before the close."""
    made = await make_worker(tmp_path, database_url, chasers="50%,10m")
    await made.receive(referral_email())
    yield made
    await made.db.dispose()


async def test_a_reminder_ten_minutes_before_the_close_goes_when_on_time(
        worker: Worker) -> None:
    async with worker.sessions() as session:
        [wave] = (await session.execute(select(Wave))).scalars()
    assert wave.closes_at is not None
    closes = wave.closes_at.replace(tzinfo=wave.closes_at.tzinfo or UTC)
    worker.clock.set(closes - timedelta(minutes=10))
    await worker.engine.fire_due()  # the half-way reminder is then late: skipped
    homes = await worker.outbox(kind="provider/referral")
    chasers = await worker.outbox(kind="provider/chaser")
    assert len(chasers) == len(homes)  # the one 10 minutes before, on time, went
    first = {r.to_addr: header(r, "Message-ID") for r in homes}
    for chaser in chasers:
        assert header(chaser, "In-Reply-To") == first[chaser.to_addr]
