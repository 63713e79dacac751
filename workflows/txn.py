"""Transaction helpers shared by the engine and the inbound worker: taking SQLite's write
lock up front (and remembering which referrals were read under it), telling the database's
refusals for now (a deadlock with another instance) from faults, and the dead-letter row
that keeps what failed replayable."""

from __future__ import annotations

import re
import traceback
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from broker.db.tables import DeadLetter

# session.info key: (the transaction holding SQLite's write lock, the referrals read in it)
_WRITING = "broker.writing"


async def begin_writing(session: AsyncSession) -> None:
    """SQLite: begin the transaction now, holding the write lock (BEGIN IMMEDIATE), so two
    decisions on one referral never interleave (the driver would otherwise begin only at
    the first write, after the reads). PostgreSQL: the referral's row lock does this."""
    if session.get_bind().dialect.name == "sqlite":
        await (await session.connection()).exec_driver_sql("BEGIN IMMEDIATE")
        session.info[_WRITING] = (session.sync_session.get_transaction(), {})


def read_while_writing(session: AsyncSession) -> dict[Any, Any] | None:
    """SQLite: the rows already read in this transaction (by id; held here, as the session
    holds rows only while they are used), which has held the database's write lock since it
    began, so only it can have changed them since, and its own changes go through the
    session. None when that is not so (PostgreSQL, or a transaction `begin_writing` did not
    begin)."""
    writing = session.info.get(_WRITING)
    if writing is None or writing[0] is not session.sync_session.get_transaction():
        return None
    return writing[1]  # type: ignore[no-any-return]


@event.listens_for(Session, "after_soft_rollback")
def _forget_reads(session: Session, _previous: Any) -> None:
    """A rollback (a message's savepoint too) may undo what was read: read it again."""
    writing = session.info.get(_WRITING)
    if writing is not None:
        writing[1].clear()


def dead_letter_row(source: str, source_id: int | None, error: Exception,
                    now: datetime) -> DeadLetter:
    return DeadLetter(source=source, source_id=source_id or 0, at=now,
                      error=type(error).__name__, detail=failure_detail(error)[-8000:])


def failure_detail(error: BaseException) -> str:
    """What a dead letter keeps to find the cause, with nothing the failing work was given:
    for each error in the chain, oldest first, where it failed (the traceback's files, lines
    and code), its kind and, for a database error, the statement (its values are never in
    it, `hide_parameters`) and the database's error code. No error's own message: an
    exception's text may quote the value it choked on (`invalid literal for int(): 'Casey'`),
    which is a child's form or a message's bytes."""
    chain: list[BaseException] = []
    failed: BaseException | None = error
    while failed is not None and all(failed is not seen for seen in chain):
        chain.append(failed)
        failed = failed.__cause__ or (None if failed.__suppress_context__ else failed.__context__)
    parts = []
    for failed in reversed(chain):
        kind = type(failed)
        code = getattr(failed, "sqlstate", None) or getattr(failed, "pgcode", None) \
            or getattr(failed, "sqlite_errorname", None)
        statement = getattr(failed, "statement", None) if isinstance(failed, StatementError) \
            else None
        parts.append("Traceback (most recent call last):\n"
                     + "".join(traceback.format_tb(failed.__traceback__))
                     + f"{kind.__module__}.{kind.__qualname__}"
                     + (f" ({code})" if code else "") + "\n"
                     + (f"[SQL: {statement}]\n" if statement else "")
                     + (f"[missing: {missing}]\n" if (missing := missing_name(failed)) else ""))
    return "\n".join(parts)


def missing_name(error: BaseException) -> str:
    """For an error of the code, not of its data (a name not defined, an attribute or an
    import missing, a local read before it is set), the name missing ("NoneType.bar",
    "os.nothing_here"): read from the error's own fields, or from its fixed wording where
    Python gives no field, and only when it is a dotted identifier, so never a value."""
    if isinstance(error, UnboundLocalError):
        said = _UNBOUND.match(str(error))
        name = said.group(1) if said else ""
    elif isinstance(error, NameError):
        name = error.name or ""
    elif isinstance(error, AttributeError):
        name = f"{type(error.obj).__name__}.{error.name}" if error.name else ""
    elif isinstance(error, ImportError):
        said = _NOT_IMPORTED.match(str(error))
        name = f"{said.group(2)}.{said.group(1)}" if said else error.name or ""
    else:
        return ""
    return name if _DOTTED.fullmatch(name) else ""


_UNBOUND = re.compile(r"cannot access local variable '([A-Za-z_]\w*)' where it is not "
                      r"associated with a value")
_NOT_IMPORTED = re.compile(r"cannot import name '([A-Za-z_]\w*)' from '([A-Za-z_][\w.]*)'")
_DOTTED = re.compile(r"[A-Za-z_]\w{0,60}(?:\.[A-Za-z_]\w{0,60}){0,6}")


# PostgreSQL's SQLSTATEs for a transaction it gave up only because of another's timing: a
# deadlock, a serialisation failure, a lock not available now.
_FOR_NOW = frozenset({"40P01", "40001", "55P03"})


def refused_for_now(error: BaseException) -> bool:
    """Whether the database refused the work only for now: two instances' transactions
    deadlocked (each locking referrals in the order its messages came), or SQLite was busy.
    Done again, the work goes through; it is retried, never dead-lettered as a fault."""
    if not isinstance(error, DBAPIError):
        return False
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return state in _FOR_NOW or "database is locked" in str(error.orig)
