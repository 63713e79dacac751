"""INSERT … ON CONFLICT DO NOTHING, the same call on SQLite and PostgreSQL.

Rows whose key is already there are left as they are: what makes a retried or concurrent
write (two processes seeding at once, a replayed message, a deadline set twice) harmless.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

_IGNORING: dict[tuple[str, Any], Any] = {}  # built once per dialect and table


def insert_ignoring_duplicates(session: AsyncSession, table: Any, rows: list[dict]) -> Any:
    """Insert `rows` into `table`, skipping any that clash with a unique key (with one row,
    the result's rowcount says whether it went in)."""
    dialect = session.get_bind().dialect.name
    statement = _IGNORING.get((dialect, table))
    if statement is None:  # building it costs more than running it on SQLite
        module = postgresql if dialect == "postgresql" else sqlite
        statement = _IGNORING[(dialect, table)] = module.insert(table).on_conflict_do_nothing()
    # The rows as parameters, never .values(rows): one statement, compiled once and cached.
    return session.execute(statement, rows)
