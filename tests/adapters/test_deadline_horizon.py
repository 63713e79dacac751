"""The scheduler holds jobs only for deadlines due within its horizon: a hundred thousand
rows far ahead cost nothing in memory or at start-up, a row that comes within the horizon
(by the clock, or moved by EXTEND) is picked up by the refill, and the sweep reads only
rows already due."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from broker.db.tables import Deadline
from tests.adapters.worker import make_worker
from workflows.deadlines import DeadlineScheduler


async def _rows(worker, *offsets: timedelta) -> None:  # type: ignore[no-untyped-def]
    now = worker.clock.now()
    async with worker.sessions() as session:
        await session.execute(insert(Deadline), [
            {"subject": "referral", "subject_id": 999_000 + n, "kind": "close", "wave": 1,
             "seq": 0, "due_at": now + offset, "status": "pending"}
            for n, offset in enumerate(offsets)])
        await session.commit()


def _jobs(scheduler: DeadlineScheduler) -> set[str]:
    return {job.id for job in scheduler.scheduler.get_jobs() if job.id.startswith("deadline-")
            and job.id not in ("deadline-sweep", "deadline-refill")}


async def test_only_deadlines_within_the_horizon_are_held(tmp_path: Path,
                                                          sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    far = [timedelta(days=1, minutes=n) for n in range(2000)]
    await _rows(worker, timedelta(minutes=-30), timedelta(minutes=2), *far)
    scheduler = DeadlineScheduler(worker.engine, horizon=timedelta(minutes=5))
    # The rows are due by the test's clock, long past by the wall's: started paused, no job
    # fires (and uses up a row) while the test counts them, however slow the machine.
    start = scheduler.scheduler.start
    scheduler.scheduler.start = lambda: start(paused=True)  # type: ignore[method-assign]
    await scheduler.start()
    try:
        assert _jobs(scheduler) == {"deadline-1", "deadline-2"}  # overdue, and soon
        worker.clock.advance(timedelta(days=1, minutes=3))
        await scheduler.refill()
        assert len(_jobs(scheduler)) == 2 + 9  # the far ones now within five minutes
        assert len(await worker.engine.due_deadlines(worker.clock.now())) == 2 + 4
    finally:
        await scheduler.stop()
        await worker.db.dispose()


async def test_a_commit_with_a_deadline_soon_refills_and_one_far_off_does_not(
        tmp_path: Path, sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    scheduler = DeadlineScheduler(worker.engine, horizon=timedelta(minutes=5))
    await scheduler.start()
    try:
        await _rows(worker, timedelta(hours=3))
        scheduler.refresh([worker.clock.now() + timedelta(hours=3)])
        assert scheduler.scheduler.get_job("deadline-refill-now") is None
        scheduler.refresh([worker.clock.now() + timedelta(minutes=1)])
        assert scheduler.scheduler.get_job("deadline-refill-now") is not None
    finally:
        await scheduler.stop()
        await worker.db.dispose()
