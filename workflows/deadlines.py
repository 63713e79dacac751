"""Deadlines on time through APScheduler 3 (in-memory jobs rebuilt from `deadline` rows).

The rows are the truth: at start-up every pending row becomes a job (one already past fires
at once, so a deadline missed while the service was down fires when it comes back), and a
sweep every few seconds catches rows written by another process. Firing is claimed in the
database (engine.fire_deadline), so two processes never act on the same deadline.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from workflows.engine import Engine

log = logging.getLogger("broker.deadlines")


class DeadlineScheduler:
    def __init__(self, engine: Engine, sweep_seconds: float = 5.0) -> None:
        self.engine = engine
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.sweep_seconds = sweep_seconds

    async def start(self) -> None:
        self.scheduler.start()
        await self.reload()
        self.scheduler.add_job(self._sweep, "interval", seconds=self.sweep_seconds,
                               id="deadline-sweep", max_instances=1, coalesce=True)

    async def reload(self) -> None:
        """A job for every pending deadline row (idempotent: jobs are keyed by row id)."""
        for deadline_id, due_at in await self.engine.due_deadlines():
            self.schedule(deadline_id, due_at)

    def refresh(self) -> None:
        """Called after a commit that set deadlines: schedule them without waiting a sweep."""
        if self.scheduler.running:
            self.scheduler.add_job(self.reload)

    def schedule(self, deadline_id: int, due_at: datetime) -> None:
        """A job at the moment the service's clock will reach `due_at` (at once if it has:
        a deadline missed while the service was down fires when it comes back)."""
        wait = max(due_at - self.engine.parts.clock.now(), timedelta(0))
        self.scheduler.add_job(
            self._fire, "date", run_date=datetime.now(UTC) + wait,
            args=[deadline_id], id=f"deadline-{deadline_id}", replace_existing=True,
            misfire_grace_time=None)

    async def _fire(self, deadline_id: int) -> None:
        try:
            if await self.engine.fire_deadline(deadline_id):
                log.info("deadline %s fired", deadline_id)
        except Exception:
            log.exception("deadline %s failed; the sweep will retry it", deadline_id)

    async def _sweep(self) -> None:
        try:
            await self.engine.fire_due()
        except Exception:
            log.exception("deadline sweep failed")

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
