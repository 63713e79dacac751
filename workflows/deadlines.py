"""Deadlines on time through APScheduler 3, holding only what is due soon.

The `deadline` rows are the truth. APScheduler holds a job only for rows due within the
next `horizon` (a few minutes), refilled by a range query on the (status, due_at) index
every `refill_seconds` and whenever a commit sets a deadline that falls inside the horizon;
a deadline further off waits in its row, costing nothing. At start-up the refill also
picks up every row already past (a deadline missed while the service was down fires when
it comes back). A sweep every few seconds fires whatever is due, so a deadline set by
another process, or moved by EXTEND or CLOSE, is never missed: a job whose row has moved
finds it not yet due and does nothing, and the refill schedules it again at its new time.
Firing is claimed in the database (`Engine.fire_deadline`), so two processes never act on
the same deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from workflows.engine import Engine

log = logging.getLogger("broker.deadlines")


class DeadlineScheduler:
    def __init__(self, engine: Engine, sweep_seconds: float = 5.0,
                 horizon: timedelta = timedelta(minutes=5)) -> None:
        self.engine = engine
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.sweep_seconds = sweep_seconds
        self.horizon = horizon
        self._running: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        self.scheduler.start()
        await self.refill()
        self.scheduler.add_job(self._tracked(self._sweep), "interval",
                               seconds=self.sweep_seconds,
                               id="deadline-sweep", max_instances=1, coalesce=True)
        self.scheduler.add_job(self._tracked(self.refill), "interval",
                               seconds=max(self.horizon.total_seconds() / 2, 1),
                               id="deadline-refill", max_instances=1, coalesce=True)

    def every(self, period: timedelta, job: Callable[[], Awaitable[object]], name: str,
              first_after: timedelta = timedelta(minutes=1)) -> None:
        """Another recurring job on this scheduler, stopped with the rest: first run
        `first_after` from now (not during start-up), then every `period`."""
        self.scheduler.add_job(self._tracked(job), "interval", seconds=period.total_seconds(),
                               next_run_time=datetime.now(UTC) + first_after, id=name,
                               max_instances=1, coalesce=True)

    async def refill(self) -> None:
        """A job for every pending row due within the horizon (keyed by row id, so a row
        scheduled again replaces its earlier job, at its new time)."""
        until = self.engine.parts.clock.now() + self.horizon
        for deadline_id, due_at in await self.engine.due_deadlines(until):
            self.schedule(deadline_id, due_at)

    def refresh(self, due: Iterable[datetime] = ()) -> None:
        """After a commit that set or moved deadlines: schedule those due within the
        horizon now, without waiting for the next refill; later ones wait in their rows."""
        soon = self.engine.parts.clock.now() + self.horizon
        if self.scheduler.running and any(due_at <= soon for due_at in due):
            self.scheduler.add_job(self._tracked(self.refill), id="deadline-refill-now",
                                   replace_existing=True)

    def schedule(self, deadline_id: int, due_at: datetime) -> None:
        """A job at the moment the service's clock will reach `due_at` (at once if it has)."""
        wait = max(due_at - self.engine.parts.clock.now(), timedelta(0))
        self.scheduler.add_job(
            self._tracked(self._fire), "date", run_date=datetime.now(UTC) + wait,
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

    def _tracked(self, job: Callable[..., Awaitable[object]]) -> Callable[..., Awaitable[None]]:
        """The job, remembered while it runs, so stopping can wait for it to end cleanly
        (and never leave a database call half-way as the database closes)."""
        async def run(*args: object) -> None:
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                await job(*args)
            finally:
                if task is not None:
                    self._running.discard(task)
        run.__name__ = getattr(job, "__name__", "job")
        return run

    async def stop(self) -> None:
        """No new jobs; those running are cancelled and waited for."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        running, self._running = list(self._running), set()
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
