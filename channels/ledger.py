"""Taking outbox rows to send and recording their outcomes, so that a crash re-sends at most
what was in flight and a restart (or another process) carries on at once.

No row is ever marked as being sent, so there is no lease to wait out after a crash. Rows
are sent in small groups (as many as go out at once); a group's outcomes are committed as
soon as the last of them is known, before the next group goes, and until then its rows stay
`pending`. What keeps two senders off one row is a lock that dies with the process holding
it:

- PostgreSQL: each group is sent inside a transaction that holds its rows (`SELECT … FOR
  UPDATE SKIP LOCKED`, still due) until their outcomes are committed with it. Any number of
  processes may send; none takes a row another holds or has just sent, and when a process
  dies its connection closes, the transaction ends, and the rows are free again at once.
- SQLite (one file, one writer): one process at a time sends for a database, holding an
  exclusive `flock` on a file beside it (`<database>.<table>.lock`) for the whole pass; the
  kernel drops the lock when the process dies.

On both, a pass holds one connection, and each group is a transaction on it.

Either way a crash re-sends at most one group: the emails whose outcomes were not committed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from sqlalchemy.sql import ColumnElement

Failed = list[tuple[int, str]]  # rows that failed for good, with the reason
# Records outcomes on their rows in the session (not committing); returns those failed.
Apply = Callable[[AsyncSession, list[tuple[int, Any]]], Awaitable[Failed]]


@dataclass
class Held:
    """The rows of a group that are this sender's to send now, and how to record them."""

    ids: set[int]
    session: AsyncSession
    apply: Apply

    async def record(self, outcomes: list[tuple[int, Any]]) -> Failed:
        """Write the outcomes and commit (releasing the rows); returns those failed."""
        failed = await self.apply(self.session, outcomes)
        await self.session.commit()
        return failed


class Ledger:
    """Where one outbox table's senders take rows and record outcomes (see the module)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], table: Any,
                 apply: Apply) -> None:
        self.sessions = sessions
        self.table = table
        self.apply = apply
        url = make_url(str(sessions.kw["bind"].url))
        self.locking_rows = url.get_backend_name() != "sqlite"
        database = url.database or ""
        self.lock_file = (Path(f"{database}.{table.__tablename__}.lock")
                          if not self.locking_rows and database not in ("", ":memory:")
                          else None)
        self._connection: AsyncConnection | None = None  # SQLite: the pass's own
        columns = table.__table__.c
        # `sending` was how an earlier version marked a row in flight: such a row is due too.
        self._waiting = columns.status.in_(("pending", "sending"))
        self._next_attempt = columns.next_attempt_at
        held = select(columns.id).where(  # built once: building costs more than running it
            columns.id.in_(bindparam("ids", expanding=True)), self._waiting,
            self._next_attempt <= bindparam("now"))
        self._held = held.with_for_update(skip_locked=True) if self.locking_rows else held

    def due(self, now: datetime) -> ColumnElement[bool]:
        """Rows waiting to be sent whose time has come."""
        return self._waiting & (self._next_attempt <= now)  # type: ignore[no-any-return]

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[bool]:
        """A pass over the due rows, on one connection held for it (each group a transaction
        of its own on it); False when another process is sending (SQLite)."""
        lock = exclusive(self.lock_file)
        with lock as mine:
            if not mine:
                yield False
                return
            async with self.sessions.kw["bind"].connect() as self._connection:
                try:
                    yield True
                finally:
                    self._connection = None

    @contextlib.asynccontextmanager
    async def holding(self, ids: list[int], now: datetime) -> AsyncIterator[Held]:
        """Within a turn: those of `ids` still due and held by no other process (PostgreSQL:
        locked until recorded, or until this block ends without recording)."""
        async with AsyncSession(bind=self._connection, expire_on_commit=False) as session:
            if not self.locking_rows:  # this process alone sends; it read them due this pass
                yield Held(set(ids), session, self.apply)
                return
            rows = await session.execute(self._held, {"ids": ids, "now": now})
            yield Held(set(rows.scalars()), session, self.apply)


@contextlib.contextmanager
def exclusive(path: Path | None) -> Iterator[bool]:
    """An exclusive, non-blocking flock on `path` while inside; False if another holds it
    (always True without a path: a database with no file of its own)."""
    if path is None:
        yield True
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)  # closing releases the lock
