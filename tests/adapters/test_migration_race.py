"""Several processes starting at once on an empty PostgreSQL database all come up: the
migrations take turns under an advisory lock instead of racing to create the same tables;
and the head a start-up compares with, to skip Alembic when there is nothing to do, is
Alembic's own."""

from __future__ import annotations

import asyncio

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from broker.db.engine import SCHEMA_HEAD, alembic_config, make_engine, migrate
from tests.conftest import _create_database


async def test_simultaneous_migrations_on_an_empty_database_all_succeed(postgres) -> None:  # type: ignore[no-untyped-def]
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    url = await _create_database(postgres.url)
    engines = [make_engine(url) for _ in range(4)]
    try:
        results = await asyncio.gather(*(migrate(e) for e in engines), return_exceptions=True)
        assert [r for r in results if isinstance(r, BaseException)] == []
        async with engines[0].connect() as connection:
            heads = (await connection.execute(text("SELECT version_num FROM alembic_version"))
                     ).scalars().all()
        assert sorted(heads) == sorted(ScriptDirectory.from_config(alembic_config()).get_heads())
    finally:
        for engine in engines:
            await engine.dispose()


def test_the_schema_head_the_start_up_checks_is_alembics_only_head() -> None:
    # A start-up on a database already at SCHEMA_HEAD skips Alembic altogether; a new
    # migration that does not move it would never be applied.
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [SCHEMA_HEAD]


async def test_raw_mail_is_compressed_with_lz4_on_postgresql(postgres) -> None:  # type: ignore[no-untyped-def]
    # pglz took twice the server's time to store a broadcast; every distribution's
    # PostgreSQL 14+ has lz4, and the tests' cluster is one of them.
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    engine = make_engine(await _create_database(postgres.url))
    try:
        await migrate(engine)
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO outbox (key, kind, establishment, to_addr, from_addr, subject, "
                "message_id, raw, status, attempts, next_attempt_at, last_error, created_at) "
                "VALUES ('k', 'provider/referral', '', 'a@example.org', '', '', '', :raw, "
                "'pending', 0, now(), '', now())"), {"raw": b"Referral text. " * 1000})
            stored = (await connection.execute(text(
                "SELECT pg_column_compression(raw) FROM outbox"))).scalar()
            columns = (await connection.execute(text(
                "SELECT attrelid::regclass::text, attcompression::text FROM pg_attribute "
                "WHERE attname = 'raw' AND attrelid IN ('outbox'::regclass, "
                "'inbound_message'::regclass) ORDER BY 1"))).all()
    finally:
        await engine.dispose()
    assert stored == "lz4"
    assert [tuple(row) for row in columns] == [("inbound_message", "l"), ("outbox", "l")]
