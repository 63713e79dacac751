"""Slack's retries, recognised by every instance: a request seen before is answered with the
first answer and runs no handler (no second ephemeral, DM, modal or decision).

Slack retries a request it got no timely answer to, with `X-Slack-Retry-Num`, and the retry
may reach another instance of the service. A retry is the same body again (signature and
timestamp are headers), so requests are known by the SHA-256 of their body, kept in the
`slack_request` table: the first instance to put the key in acts; any other (or the same,
later) finds it there and answers with what was answered, or with a plain acknowledgement
while the first is still at work. Every interaction carries its own `action_ts` or
`trigger_id`, so two clicks never share a body. Keys older than a day are pruned now and
then (Slack retries within minutes). Without a database (the adapter tested alone) the
memory of one process does the same for that process.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from broker.db.tables import SlackRequest

log = logging.getLogger("broker.slack")
REQUEST_KEY = "broker_request_key"
KEEP = timedelta(days=1)
PRUNE_EVERY = 200  # new requests between prunings, per process


class Seen(Protocol):
    async def first(self, key: str) -> str | None:
        """None if this request is new (and now noted); else the answer given to it."""

    async def answered(self, key: str, answer: str) -> None: ...


class SeenInMemory:
    """One process's memory of the last `size` requests."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._seen: OrderedDict[str, str] = OrderedDict()

    async def first(self, key: str) -> str | None:
        if key in self._seen:
            return self._seen[key]
        self._seen[key] = ""
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return None

    async def answered(self, key: str, answer: str) -> None:
        if key in self._seen:
            self._seen[key] = answer


class SeenInDatabase:
    """Every instance's memory: the `slack_request` table."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.sessions = sessions
        self.now = now
        self._new = 0

    async def first(self, key: str) -> str | None:
        async with self.sessions() as session:
            dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
            noted = await session.execute(
                dialect.insert(SlackRequest).values(key=key, answer="", seen_at=self.now())
                .on_conflict_do_nothing().returning(col(SlackRequest.key)))
            if noted.first() is None:
                answer = (await session.execute(select(col(SlackRequest.answer)).where(
                    col(SlackRequest.key) == key))).scalar()
                return answer or ""
            self._new += 1
            if self._new % PRUNE_EVERY == 0:
                await session.execute(delete(SlackRequest).where(
                    col(SlackRequest.seen_at) < self.now() - KEEP))
            await session.commit()
            return None

    async def answered(self, key: str, answer: str) -> None:
        async with self.sessions() as session:
            await session.execute(update(SlackRequest).where(col(SlackRequest.key) == key)
                                  .values(answer=answer))
            await session.commit()


class RecentRequests:
    """Bolt middleware answering a repeated request without acting again (see the module)."""

    def __init__(self, seen: Seen | None = None) -> None:
        self.seen: Seen = seen or SeenInMemory()

    async def middleware(self, request: AsyncBoltRequest, context: dict[str, Any],
                         response: BoltResponse, next: Callable[[], Awaitable[None]]) -> Any:
        key = hashlib.sha256(request.raw_body.encode()).hexdigest()
        answer = await self.seen.first(key)
        if answer is not None:
            retry = (request.headers.get("x-slack-retry-num") or ["?"])[0]
            log.info("slack request repeated (retry %s): answered without acting again", retry)
            return BoltResponse(status=200, body=answer)  # JSON typed by bolt
        context[REQUEST_KEY] = key
        await next()
        return response

    async def remember(self, context: dict[str, Any], answer: dict[str, Any]) -> None:
        key = str(context.get(REQUEST_KEY, ""))
        if key and answer:
            await self.seen.answered(key, json.dumps(answer))
