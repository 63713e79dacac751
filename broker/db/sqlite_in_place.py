"""SQLite statements run in place, on the event loop, while their transaction holds the
write lock.

aiosqlite runs every call on its connection's own thread and hands the result back through
the event loop: two thread switches and 100 to 200 µs of a busy two-core machine each. The
async SQLAlchemy engine makes three or four such calls per statement (cursor, execute, fetch
the rows, close), so a provider's reply, about six statements, cost some twenty hops: 40% of
the worker's time, more than the statements themselves.

Running a SQLite call on the event loop is safe when it cannot wait for another connection;
it then takes microseconds. In WAL mode the only wait is for the write lock (the busy
timeout): at `BEGIN IMMEDIATE`, or at the first write of a transaction begun otherwise.
Once `BEGIN IMMEDIATE` has returned, this connection holds that lock and nothing in its
transaction waits for anyone (readers never block a writer). So from then on each call runs
in place, until the transaction ends. `BEGIN IMMEDIATE` itself still goes through the thread,
as do COMMIT and ROLLBACK (a commit may copy the log back into the database file and sync
it) and every call outside such a transaction.

The service's writing transactions begin with `BEGIN IMMEDIATE` (workflows/txn.py
`begin_writing`), so the decisions, the inbound worker's batches and the deadline firings
all gain. `adopt` is a `connect` listener for the async engine (broker/db/engine.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite

_ENDS = ("COMMIT", "END", "ROLLBACK")  # SQL that ends the transaction ("ROLLBACK TO" does not)
_THROUGH_THE_THREAD = frozenset({"commit", "rollback", "close"})  # the connection's own


def adopt(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy `connect` listener: this aiosqlite connection runs calls in place while
    writing. Its class is swapped for the subclass below, which adds behaviour and no
    state of its own (aiosqlite builds the connection inside SQLAlchemy's dialect)."""
    driver = getattr(dbapi_connection, "driver_connection", None)
    if type(driver) is aiosqlite.Connection:
        driver.__class__ = InPlaceWhileWriting


class InPlaceWhileWriting(aiosqlite.Connection):
    """An aiosqlite connection that runs calls in place while it holds the write lock."""

    _writing = False  # set once BEGIN IMMEDIATE returned; cleared when the transaction ends

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._writing and self._holds_a_transaction() and not _ends_transaction(fn, args):
            return fn(*args, **kwargs)
        self._writing = False  # until this call returns, nothing runs in place
        result = await super()._execute(fn, *args, **kwargs)
        self._writing = _begins_writing(fn, args) and self._holds_a_transaction()
        return result

    def _holds_a_transaction(self) -> bool:
        connection: sqlite3.Connection | None = self._connection
        try:
            return connection is not None and connection.in_transaction
        except sqlite3.ProgrammingError:  # closed
            return False


def _sql(fn: Callable[..., Any], args: tuple[Any, ...]) -> str:
    if getattr(fn, "__name__", "") in ("execute", "executemany") and args \
            and isinstance(args[0], str):
        return args[0].lstrip()[:16].upper()
    return ""


def _begins_writing(fn: Callable[..., Any], args: tuple[Any, ...]) -> bool:
    return _sql(fn, args).startswith(("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"))


def _ends_transaction(fn: Callable[..., Any], args: tuple[Any, ...]) -> bool:
    if isinstance(getattr(fn, "__self__", None), sqlite3.Connection) \
            and getattr(fn, "__name__", "") in _THROUGH_THE_THREAD:
        return True
    sql = _sql(fn, args)
    return sql.startswith(_ENDS) and not sql.startswith("ROLLBACK TO")
