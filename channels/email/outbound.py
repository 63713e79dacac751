"""The outbox sender: take due emails, hand them to the relay, record the outcomes at once.

Emails go in groups of the relay's `size` (one per connection, at the same time); a group's
outcomes are committed as soon as its last is known, before the next group goes. So a crash
re-sends at most the emails in flight, and a restart (or another process) sends what is left
at once: nothing waits out a lease. How rows are kept from two senders is channels/ledger.py
(a row lock held during the send on PostgreSQL; one sending process per database file on
SQLite). A clean stop (`finish`) lets the group in flight finish and be recorded first, so
a restart after SIGTERM sends nothing twice.
Temporary failures retry with exponential backoff; permanent ones are marked failed and the
referring authority's placements team is told (through the same outbox).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from broker.clock import Clock
from broker.db.tables import Outbox
from channels.email.relay import Delivery, Outgoing, Relay
from channels.ledger import Failed, Ledger
from channels.pump import pump

log = logging.getLogger("broker.outbound")
BATCH = 500  # due rows read per pass
_OUTBOX = Outbox.__table__  # type: ignore[attr-defined]
_SENT = (update(_OUTBOX).where(_OUTBOX.c.id == bindparam("b_id"))
         .values(status="sent", sent_at=bindparam("b_at"), attempts=_OUTBOX.c.attempts + 1))


def backoff(attempts: int) -> timedelta:
    """30s, 1m, 2m, 4m … capped at 1h."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


class OutboxSender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        relay: Relay,
        clock: Clock,
        *,
        max_attempts: int,
        on_failed: Callable[[int, str], Awaitable[None]],
    ) -> None:
        self.sessions = sessions
        self.relay = relay
        self.clock = clock
        self.max_attempts = max_attempts
        self.on_failed = on_failed
        self.wake = asyncio.Event()
        self.ledger = Ledger(sessions, Outbox, self._record)
        self._one_pass = asyncio.Lock()  # passes never overlap within a process
        self._finishing = False

    async def finish(self, timeout: float = 35.0) -> None:
        """Stop after the group in flight has been sent and recorded (or after `timeout`)."""
        self._finishing = True
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout), self._one_pass:
                pass

    async def run(self) -> None:
        """Send forever; woken when something is queued, else polling for retries."""
        await pump(self.send_due, self.wake, log)

    async def send_due(self) -> int:
        """One pass over the due emails; returns how many were attempted."""
        async with self._one_pass, self.ledger.turn() as mine:
            if not mine:
                return 0  # another process is sending for this database (SQLite)
            due, attempted = await self._due(), 0
            for start in range(0, len(due), self.relay.size):
                if self._finishing:
                    break
                attempted += await self._send_group(due[start:start + self.relay.size])
            return attempted

    async def _due(self) -> list[Outgoing]:
        async with self.sessions() as session:
            rows = await session.execute(
                select(col(Outbox.id), col(Outbox.to_addr), col(Outbox.raw))
                .where(self.ledger.due(self.clock.now())).order_by(col(Outbox.id)).limit(BATCH))
            return [Outgoing(row[0] or 0, row[1], row[2]) for row in rows]

    async def _send_group(self, group: list[Outgoing]) -> int:
        """Send a group at once and commit its outcomes; those sent meanwhile, or held by
        another process, are left alone. Returns how many were attempted."""
        async with self.ledger.holding([item.id for item in group], self.clock.now()) as held:
            mine = [item for item in group if item.id in held.ids]
            if not mine:
                return 0
            async with asyncio.TaskGroup() as sending:  # one failing unexpectedly stops all
                sent = [sending.create_task(self.relay.send(item)) for item in mine]
            failed = await held.record([(task.result().id, task.result()) for task in sent])
        for outbox_id, detail in failed:
            log.warning("outbox %s failed permanently", outbox_id)
            await self.on_failed(outbox_id, detail)
        return len(mine)

    async def _record(self, session: AsyncSession, outcomes: list[tuple[int, Delivery]]) -> Failed:
        """Record outcomes on their rows (the ledger commits); returns those failed for good."""
        now = self.clock.now()
        sent = [{"b_id": row_id, "b_at": now} for row_id, result in outcomes
                if result.outcome == "sent"]
        if sent:
            await session.execute(_SENT, sent)
        failed: Failed = []
        for row_id, result in outcomes:
            if result.outcome != "sent" and await self._retry_or_fail(session, result, now):
                failed.append((row_id, result.detail))
        return failed

    async def _retry_or_fail(self, session: AsyncSession, result: Delivery, now: datetime) -> bool:
        row = await session.get(Outbox, result.id)
        if row is None:
            return False
        row.attempts += 1
        row.last_error = result.detail[:1000]
        if result.outcome == "failed" or row.attempts >= self.max_attempts:
            row.status = "failed"
            return True
        row.status = "pending"
        row.next_attempt_at = now + backoff(row.attempts)
        return False
