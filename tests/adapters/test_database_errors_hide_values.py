"""A database error's text never carries the statement's values, on SQLite and PostgreSQL:
those values are a referral's form fields and a message's bytes, and the error's text
reaches the log (`log.exception`) and the dead-letter records, which outlive retention."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from broker.db.engine import make_engine, session_factory
from channels.email.intake import _direct_sqlite
from workflows.txn import failure_detail

CHILD = "Casey Marie Hollin, 12 Larkspur Row"
INSERT = text("INSERT INTO dead_letter (id, source, source_id, at, error, detail) "
              "VALUES (1, 'inbound', 0, :at, '', :detail)")


async def test_a_failed_statement_names_none_of_its_values(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.begin() as connection:
            values = {"at": datetime(2026, 12, 7, tzinfo=UTC), "detail": CHILD}
            await connection.execute(INSERT, values)
            with pytest.raises(IntegrityError) as raised:
                await connection.execute(INSERT, values)  # the same id again
            await connection.rollback()
    finally:
        await engine.dispose()
    assert "dead_letter" in str(raised.value)  # the statement is still there to diagnose
    assert "Larkspur" not in str(raised.value) and "Larkspur" not in repr(raised.value)
    kept = failure_detail(raised.value)  # what the dead letter keeps: the statement, its code
    assert "[SQL: INSERT INTO dead_letter" in kept and "IntegrityError" in kept
    assert "Larkspur" not in kept


def test_the_intakes_own_sqlite_engine_hides_them_too(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    direct = _direct_sqlite(session_factory(engine))
    assert direct is not None
    try:
        with pytest.raises(IntegrityError) as raised, direct.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TABLE kept (id INTEGER PRIMARY KEY, raw BLOB NOT NULL)")
            connection.execute(text("INSERT INTO kept VALUES (1, :raw)"), {"raw": CHILD})
            connection.execute(text("INSERT INTO kept VALUES (1, :raw)"), {"raw": CHILD})
    finally:
        direct.dispose()
    assert "kept" in str(raised.value) and "Larkspur" not in str(raised.value)
