"""Transaction helpers shared by the engine and the inbound worker: taking SQLite's write
lock up front, and the dead-letter row that keeps what failed replayable."""

from __future__ import annotations

import traceback
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import DeadLetter


async def begin_writing(session: AsyncSession) -> None:
    """SQLite: begin the transaction now, holding the write lock (BEGIN IMMEDIATE), so two
    decisions on one referral never interleave (the driver would otherwise begin only at
    the first write, after the reads). PostgreSQL: the referral's row lock does this."""
    if session.get_bind().dialect.name == "sqlite":
        await (await session.connection()).exec_driver_sql("BEGIN IMMEDIATE")


def dead_letter_row(source: str, source_id: int | None, error: Exception,
                    now: datetime) -> DeadLetter:
    return DeadLetter(source=source, source_id=source_id or 0, at=now,
                      error=type(error).__name__,
                      detail="".join(traceback.format_exception(error))[-8000:])
