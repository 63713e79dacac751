"""Requests seen lately, remembered by every instance: a request that comes again (Slack's
retry of the same body, a console form posted twice by a double-click or by two tabs) is
answered with the first answer and does not act again.

A request is known by a key its handler makes (the SHA-256 of Slack's body; of the console
form's one-off nonce with who posted it and where), kept in the `slack_request` table: the
first instance to put the key in acts; any other (or the same, later) finds it there and
answers with what was answered, or "" while the first is still at work. Keys older than a
day are pruned now and then. Without a database (an adapter tested alone) the memory of one
process does the same for that process.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from broker.db.tables import SlackRequest

KEEP = timedelta(days=1)
PRUNE_EVERY = 200  # new requests between prunings, per process


class Seen(Protocol):
    async def first(self, key: str) -> str | None:
        """None if this request is new (and now noted); else the answer given to it."""

    async def answered(self, key: str, answer: str) -> None: ...

    async def forget(self, key: str) -> None:
        """The request failed before it acted: the same request again may act."""


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

    async def forget(self, key: str) -> None:
        self._seen.pop(key, None)


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

    async def forget(self, key: str) -> None:
        async with self.sessions() as session:
            await session.execute(delete(SlackRequest).where(col(SlackRequest.key) == key))
            await session.commit()
