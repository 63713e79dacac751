"""The outbox sender: take due emails, hand them to the relay, record each outcome at once.

Emails go over the relay's `size` connections at once, one SMTP transaction per email, in
chunks taken through channels/email/claims.py. The moment an email has wholly left this
process for the relay its mark is made durable (and again as the relay accepts or refuses
it), before that connection takes the next, so a crash re-sends at most an email caught
between its write to the socket and its journal line (claims.py gives the window and its
price), and a restart (or another process) sends what is left at once: nothing waits out a
lease. Refusals are written when the chunk ends. A clean stop
(`finish`) lets the emails in flight finish and be recorded first.
Temporary failures retry with exponential backoff; permanent ones are marked failed and the
referring authority's placements team is told (through the same outbox).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.clock import Clock
from broker.db.tables import Outbox
from channels.email.claims import claims_for
from channels.email.relay import Delivery, Outgoing, Relay
from channels.pump import pump

log = logging.getLogger("broker.outbound")
CHUNK = 200  # due rows taken at once (then their refusals are written and they are let go)


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
        poll_seconds: float = 2.0,
        var_dir: Path | None = None,  # for PostgreSQL's journals of delivered marks
    ) -> None:
        self.sessions = sessions
        self.relay = relay
        self.clock = clock
        self.max_attempts = max_attempts
        self.on_failed = on_failed
        self.poll_seconds = poll_seconds  # short when the worker is another process
        self.wake = asyncio.Event()
        self.claims = claims_for(sessions.kw["bind"], var_dir)
        self._one_pass = asyncio.Lock()  # passes never overlap within a process
        self._finishing = False

    async def finish(self, timeout: float = 35.0) -> None:
        """Stop after the emails in flight have been sent and recorded (or after `timeout`)."""
        self._finishing = True
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout), self._one_pass:
                pass

    async def run(self) -> None:
        """Send forever; woken when something is queued, else polling for retries."""
        await pump(self.send_due, self.wake, log, self.poll_seconds)

    async def send_due(self) -> int:
        """One pass over the due emails; returns how many were attempted."""
        async with self._one_pass, self.claims.turn(self.clock.now()) as mine:
            if not mine:
                return 0  # another process is sending for this database (SQLite)
            attempted = 0
            while not self._finishing:
                chunk = await self.claims.take(CHUNK, self.clock.now())
                if not chunk:
                    break
                attempted += await self._send_chunk(chunk)
            return attempted

    async def _send_chunk(self, chunk: list[Outgoing]) -> int:
        """Send a chunk over the relay's connections, marking each email delivered as soon
        as it is accepted; then record the refusals and let the rows go."""
        waiting, refused = deque(chunk), []
        attempted = 0

        async def connection() -> None:
            nonlocal attempted
            while waiting and not self._finishing:
                item = waiting.popleft()
                attempted += 1
                result = await self.relay.send(item, partial(self.claims.journal, item.id))
                if result.outcome == "sent":
                    await self.claims.delivered(item.id, self.clock.now())
                else:
                    refused.append(result)

        try:
            async with asyncio.TaskGroup() as sending:  # one failing unexpectedly stops all
                for _ in range(min(self.relay.size, len(chunk))):
                    sending.create_task(connection())
        finally:
            failed = await self._record_refusals(refused)
            await self.claims.release(self.clock.now())
        for outbox_id, detail in failed:
            log.warning("outbox %s failed permanently", outbox_id)
            await self.on_failed(outbox_id, detail)
        return attempted

    async def _record_refusals(self, refused: list[Delivery]) -> list[tuple[int, str]]:
        """Retries and failures on their rows; returns those failed for good."""
        if not refused:
            return []
        now, failed = self.clock.now(), []
        async with self.sessions() as session:
            for result in refused:
                if await self._retry_or_fail(session, result, now):
                    failed.append((result.id, result.detail))
            await session.commit()
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
