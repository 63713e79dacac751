"""Taking outbox rows to send and recording each outcome, so that a crash re-sends at most
what was in flight and a restart (or another process) carries on at once.

No row is ever marked as being sent, so there is no lease to wait out after a crash. A row
stays `pending` until the outcome of its attempt is committed, and what keeps two senders
off one row is a lock that dies with the process holding it:

- PostgreSQL: each row is sent inside a transaction of its own that holds the row
  (`SELECT … FOR UPDATE SKIP LOCKED`, still due) until its outcome is committed with it.
  Any number of processes may send; none takes a row another holds or has just sent, and
  when a process dies its connection closes, the transaction ends, the row is free again.
- SQLite (one file, one writer): one process at a time sends for a database, holding an
  exclusive `flock` on a file beside it (`<database>.<table>.lock`) for the whole pass; the
  kernel drops the lock when the process dies. Outcomes are committed as they come, each
  commit taking those that arrived while the previous one ran, on one connection held for
  the pass (so senders never contend for SQLite's write lock, and a commit costs two round
  trips to the driver's thread, not a pool checkout and reset as well).

Either way each sender waits for its outcome to be committed before it sends again, so a
crash re-sends at most one message per connection: those whose outcome was not committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from sqlalchemy.sql import ColumnElement

Failed = list[tuple[int, str]]  # rows that failed for good, with the reason
# Records outcomes on their rows in the session (not committing); returns those failed.
Apply = Callable[[AsyncSession, list[tuple[int, Any]]], Awaitable[Failed]]
Record = Callable[[Any], Awaitable[Failed]]


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
        self._committing = asyncio.Lock()
        self._waiting: list[tuple[int, Any, asyncio.Future[Failed]]] = []
        self._connection: AsyncConnection | None = None  # SQLite: the pass's own

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[bool]:
        """A pass over the due rows; False when another process is sending (SQLite)."""
        if self.locking_rows:
            yield True
            return
        with _exclusive(self.lock_file) if self.lock_file else _always() as mine:
            if not mine:
                yield False
                return
            async with self.sessions.kw["bind"].connect() as self._connection:
                try:
                    yield True
                finally:
                    self._connection = None

    @contextlib.asynccontextmanager
    async def take(self, row_id: int, due: ColumnElement[bool]) -> AsyncIterator[Record | None]:
        """The row to send now, as the function that records its outcome; None when it is
        no longer due or another process holds it (PostgreSQL)."""
        if not self.locking_rows:
            yield lambda outcome: self._grouped(row_id, outcome)
            return
        async with self.sessions() as session:
            held = await session.execute(
                select(self.table.id).where(self.table.id == row_id, due)
                .with_for_update(skip_locked=True))
            if held.first() is None:
                await session.rollback()
                yield None
                return

            async def record(outcome: Any) -> Failed:
                failed = await self.apply(session, [(row_id, outcome)])
                await session.commit()
                return failed

            yield record

    async def _grouped(self, row_id: int, outcome: Any) -> Failed:
        """SQLite: commit this outcome with any others waiting; return this row's failure."""
        settled: asyncio.Future[Failed] = asyncio.get_running_loop().create_future()
        self._waiting.append((row_id, outcome, settled))
        async with self._committing:
            if not settled.done():  # not yet committed by an earlier sender's commit
                group, self._waiting = self._waiting, []
                await self._commit(group)
        return settled.result()

    async def _commit(self, group: list[tuple[int, Any, asyncio.Future[Failed]]]) -> None:
        """Record a group in one transaction; each sender in it learns how that went."""
        try:
            async with AsyncSession(bind=self._connection, expire_on_commit=False) as session:
                failed = await self.apply(session, [(row_id, out) for row_id, out, _ in group])
                await session.commit()
        except Exception as error:  # noqa: BLE001 - handed to every sender in the group
            for _, _, settled in group:
                settled.set_exception(error)
            return
        except BaseException:  # cancelled: the pass is being stopped as a whole
            for _, _, settled in group:
                settled.cancel()
            raise
        for row_id, _, settled in group:
            settled.set_result([f for f in failed if f[0] == row_id])


@contextlib.contextmanager
def _always() -> Iterator[bool]:
    yield True


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[bool]:
    """An exclusive, non-blocking flock on `path` while inside; False if another holds it."""
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
