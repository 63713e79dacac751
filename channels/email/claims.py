"""Which due emails this process may send now, and the marks of what became of each, made
durable the moment each thing happens.

An email is marked twice on its way (channels/email/relay.py says when): as it is *handed
over* (every byte of it, the closing dot included, has left this process for the kernel's
socket buffer) and as the relay *accepts* it (or *refuses* it, or the connection is lost
before it answers). A handed-over email counts as sent: after a kill the kernel still delivers
what it holds, so the relay gets the message whether or not we live to read its 250. The
window in which a kill makes an email go twice is then the few microseconds between the
write to the socket and the journal line beside it, not the time the relay takes to answer
(on a real relay scanning content at the closing dot, up to seconds). Marking an email before
it is handed over would not do: a kill before the write would lose it.

The price, said plainly: an email handed over whose relay then refuses it, in the moment a
kill stops us reading that refusal, is counted as sent. After a crash, the emails handed
over with no answer read are folded as sent and named in a warning (their outbox ids), so
an operator can check them in the relay's log; an email lost that way is one the relay
refused anyway.

The marks go to a journal first, then to the outbox table:

- SQLite (one file, one writer): the worker may hold the write lock for a while, so the marks
  go first to a journal beside the database (`<database>.outbox.sent`, one appended line
  per mark: a single write, no lock, ~5 µs), and are folded into the outbox table after each
  chunk (one statement for all). One process sends for a database at a time (an exclusive
  `flock` on `<database>.outbox.lock`, dropped by the kernel when it dies); it folds any
  journal a crashed predecessor left before it takes a row, so nothing marked is sent again.
- PostgreSQL (any number of senders): rows are claimed with session advisory locks on a
  connection held for the pass (released at once when a process dies, so a restart or
  another sender carries on without waiting for a lease), and each acceptance is a one-row
  autocommit UPDATE on it (marks that arrive together share one statement), sent straight
  through asyncpg: a third of the CPU of the same statement through SQLAlchemy (about 100
  against 260 µs), which is a broadcast's largest cost per email after the SMTP itself.
  The status is read again after the locks are taken, so a row another sender has just
  marked is skipped. Each mark is also appended first to a journal in the service's var
  directory (`outbox-journals/<n>.sent`, one per live sender, held with `flock`); before
  taking rows a sender folds the journals no live process holds. A sender on another
  machine cannot see them: there the window is the UPDATE's round trip after the 250.

A journal's lines: `~<id>` handed over, `<id>` accepted, `-<id>` refused; the last line
for an id says where it stands. Neither store waits for the disk (the journal is not
fsynced; PostgreSQL commits the marks with `synchronous_commit off`): a crash of our process
loses no mark, and a crash of the machine or the database server can only cause a few emails
to be sent twice, never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import zlib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from broker.db.tables import Outbox
from channels.email.relay import Outgoing
from channels.email.smtp_session import ACCEPTED, HANDED_OVER, REFUSED
from channels.ledger import exclusive

_OUTBOX = Outbox.__table__  # type: ignore[attr-defined]
_C = _OUTBOX.c
# `sending` was how an earlier version marked a row in flight: such a row is due too.
_DUE = _C.status.in_(("pending", "sending")) & (_C.next_attempt_at <= bindparam("now"))
_ROWS = select(_C.id, _C.to_addr, _C.raw).where(_DUE).order_by(_C.id).limit(bindparam("n"))
_SENT = (update(_OUTBOX).where(_C.id.in_(bindparam("ids", expanding=True)),
                               _C.status.in_(("pending", "sending")))
         .values(status="sent", sent_at=bindparam("at"), attempts=_C.attempts + 1))
LOCK_CLASS = zlib.crc32(b"outbox") & 0x7FFFFFFF  # advisory locks' first key: outbox rows
log = logging.getLogger("broker.outbound")


class Claims:
    """The common shape: `turn()` (a pass), `take`, `journal` for each mark the relay makes,
    `delivered` for each email it accepts, `release`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.connection: AsyncConnection | None = None
        self._journal: int | None = None  # this pass's journal file, if it keeps one

    def journal(self, outbox_id: int, event: str) -> None:
        """What has just become of this email (a relay mark): one line appended, at once
        (called from the relay connection's own callbacks, so nothing here may wait or
        raise)."""
        if self._journal is None:
            return
        try:
            os.write(self._journal, _LINE[event] % outbox_id)
        except OSError as error:  # the mark still goes to the database in `delivered`
            log.error("outbox journal write failed (%s); email %s is marked in the database "
                      "only", error, outbox_id)

    @contextlib.asynccontextmanager
    async def turn(self, now: datetime) -> AsyncIterator[bool]:
        """A pass on one connection; False when another process sends (SQLite)."""
        async with self.engine.connect() as self.connection:
            try:
                yield True
            finally:
                self.connection = None

    async def take(self, limit: int, now: datetime) -> list[Outgoing]:
        raise NotImplementedError

    async def delivered(self, outbox_id: int, now: datetime) -> None:
        raise NotImplementedError

    async def release(self, now: datetime) -> None:
        """After a chunk: every mark is in the outbox table and the rows are free."""
        raise NotImplementedError


def claims_for(engine: AsyncEngine, var_dir: Path | None = None) -> Claims:
    """SQLite's journal goes beside the database; PostgreSQL's in `var_dir`, if given."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        place = Path(database) if database not in ("", ":memory:") else None
        return SqliteClaims(engine, place)
    return PostgresClaims(engine, var_dir / "outbox-journals" if var_dir else None)


class SqliteClaims(Claims):
    def __init__(self, engine: AsyncEngine, database: Path | None) -> None:
        super().__init__(engine)
        self.lock_file = Path(f"{database}.outbox.lock") if database else None
        self.journal_path = Path(f"{database}.outbox.sent") if database else None
        self._marked: list[int] = []

    @contextlib.asynccontextmanager
    async def turn(self, now: datetime) -> AsyncIterator[bool]:
        with exclusive(self.lock_file) as mine:
            if not mine:
                yield False
                return
            async with super().turn(now):
                await self._fold(_left_in(self.journal_path), now)
                if self.journal_path is not None:
                    self._journal = os.open(self.journal_path,
                                            os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
                try:
                    yield True
                finally:
                    if self._journal is not None:
                        os.close(self._journal)
                        self._journal = None

    async def take(self, limit: int, now: datetime) -> list[Outgoing]:
        assert self.connection is not None
        rows = await self.connection.execute(_ROWS, {"now": now, "n": limit})
        await self.connection.commit()  # end the read: the worker may write meanwhile
        return [Outgoing(row[0], row[1], row[2]) for row in rows]

    async def delivered(self, outbox_id: int, now: datetime) -> None:
        self._marked.append(outbox_id)  # journaled already: folded when the chunk ends

    async def release(self, now: datetime) -> None:
        marked, self._marked = self._marked, []
        if self._journal is not None:  # the journal adds any handed over whose answer was
            # never read; the list keeps any whose journal line could not be written
            marked = sorted(set(marked) | set(_ids_in(self._journal)))
        await self._fold(marked, now)
        if self._journal is not None:
            os.ftruncate(self._journal, 0)  # no send is in flight between chunks

    async def _fold(self, ids: list[int], now: datetime) -> None:
        if not ids:
            return
        assert self.connection is not None
        await self.connection.execute(_SENT, {"ids": ids, "at": now})
        await self.connection.commit()
        if self.journal_path is not None and self._journal is None:
            self.journal_path.unlink(missing_ok=True)  # a predecessor's, now folded


def _left_in(journal: Path | None) -> list[int]:
    """The ids a crashed predecessor marked delivered but did not fold."""
    if journal is None or not journal.exists():
        return []
    return _ids(journal.read_bytes())


_LINE = {HANDED_OVER: b"~%d\n", ACCEPTED: b"%d\n", REFUSED: b"-%d\n"}
_EVENT = {b"~": HANDED_OVER, b"-": REFUSED}


def _ids(journal: bytes) -> list[int]:
    """The ids a journal counts as sent: accepted, or handed over and not refused after.
    Only whole lines count: after a crash of the machine the last one may be cut short, and
    "12" for "123" would mark an email sent that was not. Those handed over whose answer
    was never read are named in a warning."""
    last: dict[int, str] = {}
    for line in journal.split(b"\n")[:-1]:  # what follows the last newline is not whole
        event = _EVENT.get(line[:1], ACCEPTED)  # a bare id: accepted
        number = line[1:] if line[:1] in _EVENT else line
        if number.isdigit():
            last[int(number)] = event
    unanswered = sorted(id_ for id_, event in last.items() if event == HANDED_OVER)
    if unanswered:
        log.warning("%d email(s) were handed to the relay but its answer was never read (the "
                    "sender stopped first); counted as sent, check the relay's log for outbox "
                    "ids %s", len(unanswered), ", ".join(map(str, unanswered)))
    return sorted(id_ for id_, event in last.items() if event != REFUSED)


class PostgresClaims(Claims):
    def __init__(self, engine: AsyncEngine, journals: Path | None) -> None:
        super().__init__(engine)
        self.journals = journals
        self._waiting: set[int] = set()
        self._writing = asyncio.Lock()
        self._driver: Any = None  # the pass's asyncpg connection, for the marks

    @contextlib.asynccontextmanager
    async def turn(self, now: datetime) -> AsyncIterator[bool]:
        async with super().turn(now):
            assert self.connection is not None
            await self.connection.execution_options(isolation_level="AUTOCOMMIT")
            await self.connection.exec_driver_sql("SET synchronous_commit TO off")
            # Autocommit, and never used while SQLAlchemy is: marks happen only while a
            # chunk is sent, between `take` and `release`.
            self._driver = (await self.connection.get_raw_connection()).driver_connection
            try:
                self._journal = await self._fold_journals(now, keep_one=True)
                yield True
            finally:
                self._driver = None
                if self._journal is not None:
                    os.close(self._journal)  # releases it: folded by whoever comes next
                    self._journal = None
                with contextlib.suppress(Exception):  # the connection may be gone
                    await self.connection.exec_driver_sql("SELECT pg_advisory_unlock_all()")
                    await self.connection.exec_driver_sql("RESET synchronous_commit")

    async def take(self, limit: int, now: datetime) -> list[Outgoing]:
        assert self.connection is not None
        await self._fold_journals(now)  # a sender that died since: its rows are free now
        free = await self.connection.execute(_FREE, {"now": now, "n": limit, "c": LOCK_CLASS})
        ids = [row[0] for row in free]
        if not ids:
            return []
        locked = [row[0] for row in await self.connection.execute(
            _LOCK, {"ids": ids, "c": LOCK_CLASS})]
        if not locked:
            return []
        # A new statement sees whatever a sender that held these rows committed before it
        # let them go: a row it marked delivered is no longer due.
        rows = await self.connection.execute(_STILL_DUE, {"ids": locked, "now": now})
        return [Outgoing(row[0], row[1], row[2]) for row in rows]

    async def delivered(self, outbox_id: int, now: datetime) -> None:
        """Committed before returning; marks arriving meanwhile go in one statement."""
        assert self._driver is not None
        self._waiting.add(outbox_id)
        async with self._writing:
            if outbox_id not in self._waiting:
                return  # the statement before this one carried it
            ids, self._waiting = sorted(self._waiting), set()
            await self._fold(ids, now)

    async def release(self, now: datetime) -> None:
        assert self.connection is not None
        if self._journal is not None:  # any mark whose UPDATE did not land, then done
            await self._fold(_ids_in(self._journal), now)
            os.ftruncate(self._journal, 0)
        await self.connection.exec_driver_sql("SELECT pg_advisory_unlock_all()")

    async def _fold_journals(self, now: datetime, keep_one: bool = False) -> int | None:
        """Fold the journals no live sender holds into the outbox table; with `keep_one`,
        keep the first of them (emptied) as this pass's own, or start a new one."""
        if self.journals is None:
            return None
        try:
            self.journals.mkdir(parents=True, exist_ok=True)
            paths = sorted(self.journals.glob("*.sent"))
        except OSError as error:
            return self._unusable(error)
        kept = None
        for path in paths:
            try:
                journal = _held(path)
            except OSError as error:
                if kept is not None:
                    os.close(kept)
                return self._unusable(error)
            if journal is None:
                continue  # a live sender's (or this pass's own)
            try:
                await self._fold(_ids_in(journal), now)
                os.ftruncate(journal, 0)
            except BaseException:
                for held in {journal, kept} - {None}:
                    os.close(held)  # what is left in them, the next sender folds
                raise
            if keep_one and kept is None:
                kept = journal
            else:
                os.close(journal)
        n = 0
        while keep_one and kept is None:  # every journal there is held: a new one
            try:
                kept = _held(self.journals / f"{n}.sent")
            except OSError as error:
                return self._unusable(error)
            n += 1
        return kept

    def _unusable(self, error: OSError) -> None:
        """Sending goes on without journals; only the UPDATE's round trip is back in the
        window. Said once, loudly: the var directory should be writable."""
        log.error("outbox journals in %s unusable (%s): delivered marks go to the database "
                  "only", self.journals, error)
        self.journals = None

    async def _fold(self, ids: list[int], now: datetime) -> None:
        """These emails marked sent in the outbox table, in one autocommit UPDATE."""
        if ids:
            assert self._driver is not None
            await self._driver.execute(_SENT_NOW, ids, now)


def _held(path: Path) -> int | None:
    """The journal at `path`, opened and locked, or None if a live process holds it."""
    journal = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(journal, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(journal)
        return None
    return journal


def _ids_in(journal: int) -> list[int]:
    """The ids in an open journal."""
    os.lseek(journal, 0, os.SEEK_SET)
    data = b""
    while chunk := os.read(journal, 1 << 16):
        data += chunk
    return _ids(data)


# Rows due and not locked by another sender (pg_locks shows every session's advisory locks).
_FREE = text("""SELECT id FROM outbox WHERE status IN ('pending', 'sending')
  AND next_attempt_at <= :now AND id NOT IN (SELECT objid::bigint FROM pg_locks
  WHERE locktype = 'advisory' AND classid::bigint = :c AND objsubid = 2)
  ORDER BY id LIMIT :n""")
_LOCK = text("SELECT k FROM unnest(CAST(:ids AS integer[])) AS k "
             "WHERE pg_try_advisory_lock(:c, k)")
_SENT_NOW = ("UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1 "
             "WHERE id = ANY($1::integer[]) AND status IN ('pending', 'sending')")  # as _SENT
_STILL_DUE = text("""SELECT id, to_addr, raw FROM outbox WHERE id = ANY(CAST(:ids AS integer[]))
  AND status IN ('pending', 'sending') AND next_attempt_at <= :now ORDER BY id""")
