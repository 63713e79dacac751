"""The outbox sender: claim due emails, hand them to the relay, record what happened.

Claiming sets a lease (status `sending`, next attempt pushed out) so two processes never send
the same row, and a row whose sender died mid-flight is picked up again when its lease ends.
Temporary failures retry with exponential backoff; permanent ones are marked failed and the
referring authority's placements team is told (through the same outbox).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.clock import Clock
from broker.db.tables import Outbox
from channels.email.relay import Delivery, Outgoing, Relay
from channels.pump import pump

log = logging.getLogger("broker.outbound")
LEASE = timedelta(minutes=5)
BATCH = 500


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

    async def run(self) -> None:
        """Send forever; woken when something is queued, else polling for retries."""
        await pump(self.send_due, self.wake, log)

    async def send_due(self) -> int:
        """One pass: claim a batch, deliver it, record the results. Returns how many."""
        batch = await self._claim()
        if not batch:
            return 0
        results = await self.relay.deliver(batch)
        await self._record(batch, results)
        return len(batch)

    async def _claim(self) -> list[Outgoing]:
        now = self.clock.now()
        async with self.sessions() as session:
            due = (select(Outbox.id, Outbox.to_addr, Outbox.raw)
                   .where(or_(Outbox.status == "pending", Outbox.status == "sending"),
                          Outbox.next_attempt_at <= now)
                   .order_by(Outbox.id).limit(BATCH).with_for_update(skip_locked=True))
            rows = (await session.execute(due)).all()
            if rows:
                await session.execute(
                    update(Outbox).where(Outbox.id.in_([r[0] for r in rows]))
                    .values(status="sending", next_attempt_at=now + LEASE))
            await session.commit()
        return [Outgoing(r[0], r[1], r[2]) for r in rows]

    async def _record(self, batch: list[Outgoing], results: list[Delivery]) -> None:
        now = self.clock.now()
        sent = [r.id for r in results if r.outcome == "sent"]
        failed: list[tuple[int, str]] = []
        async with self.sessions() as session:
            if sent:
                await session.execute(
                    update(Outbox).where(Outbox.id.in_(sent))
                    .values(status="sent", sent_at=now, attempts=Outbox.attempts + 1))
            for result in (r for r in results if r.outcome != "sent"):
                if await self._retry_or_fail(session, result, now):
                    failed.append((result.id, result.detail))
            await session.commit()
        for outbox_id, detail in failed:
            log.warning("outbox %s failed permanently", outbox_id)
            await self.on_failed(outbox_id, detail)

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
