"""The outbox sender: take due emails, hand each to the relay, record each outcome at once.

Up to the relay's `size` emails are on their way at a time; each outcome is committed before
that sender takes the next email, so a crash re-sends at most the emails in flight, and a
restart (or another process) sends what is left at once: nothing waits out a lease. How rows
are kept from two senders is channels/ledger.py (a row lock held during the send on
PostgreSQL; one sending process per database file on SQLite).
Temporary failures retry with exponential backoff; permanent ones are marked failed and the
referring authority's placements team is told (through the same outbox).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql import ColumnElement
from sqlmodel import col

from broker.clock import Clock
from broker.db.tables import Outbox
from channels.email.relay import Delivery, Outgoing, Relay
from channels.ledger import Failed, Ledger
from channels.pump import pump

log = logging.getLogger("broker.outbound")
BATCH = 500  # due rows read per pass
# `sending` was how an earlier version marked a row in flight: such a row is due as well.
_WAITING = col(Outbox.status).in_(("pending", "sending"))
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

    async def run(self) -> None:
        """Send forever; woken when something is queued, else polling for retries."""
        await pump(self.send_due, self.wake, log)

    async def send_due(self) -> int:
        """One pass over the due emails; returns how many were attempted."""
        async with self._one_pass, self.ledger.turn() as mine:
            if not mine:
                return 0  # another process is sending for this database (SQLite)
            waiting = deque(await self._due())
            attempted = [0]
            async with asyncio.TaskGroup() as senders:
                for _ in range(min(self.relay.size, len(waiting))):
                    senders.create_task(self._send_from(waiting, attempted))
            return attempted[0]

    async def _due(self) -> list[Outgoing]:
        async with self.sessions() as session:
            rows = await session.execute(
                select(col(Outbox.id), col(Outbox.to_addr), col(Outbox.raw))
                .where(self._still_due()).order_by(col(Outbox.id)).limit(BATCH))
            return [Outgoing(row[0] or 0, row[1], row[2]) for row in rows]

    def _still_due(self) -> ColumnElement[bool]:
        return _WAITING & (col(Outbox.next_attempt_at) <= self.clock.now())

    async def _send_from(self, waiting: deque[Outgoing], attempted: list[int]) -> None:
        """Send emails from the shared queue one at a time until it is empty."""
        while waiting:
            item = waiting.popleft()
            async with self.ledger.take(item.id, self._still_due()) as record:
                if record is None:
                    continue  # sent meanwhile, or another process holds it
                failed = await record(await self.relay.send(item))
            attempted[0] += 1
            for outbox_id, detail in failed:
                log.warning("outbox %s failed permanently", outbox_id)
                await self.on_failed(outbox_id, detail)

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
