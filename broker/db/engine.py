"""The async engine and session factory, and applying Alembic migrations on start."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from broker.db import sqlite_in_place

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 30  # how long a SQLite connection waits for another's lock


def make_engine(url: str) -> AsyncEngine:
    """An engine for any SQLAlchemy async URL. SQLite gets WAL and a busy timeout, and its
    writing transactions run their statements in place (broker/db/sqlite_in_place.py).
    A database error's text never carries the statement's values (`hide_parameters`): they
    are a referral's form, a message's bytes, and its text reaches the log and the
    dead-letter records."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS},
                                     hide_parameters=True)
        event.listen(engine.sync_engine, "connect", sqlite_pragmas)
        event.listen(engine.sync_engine, "connect", sqlite_in_place.adopt)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                               hide_parameters=True)


def sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """Every SQLite connection's settings (the async engine's and the intake's own).
    `secure_delete`: what a purge removes is overwritten with zeros in the file, not left in
    free pages (some builds have it on already; others do not)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def alembic_config() -> Config:
    from alembic.config import Config  # imported only when there is migrating to do

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(connection: Connection) -> None:
    if _at(connection) == {SCHEMA_HEAD}:  # the usual start: nothing to do, and Alembic
        return  # (its import and reading every migration) costs 0.4 s of start-up
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "heads")


def _at(connection: Connection) -> set[str]:
    """The revisions the database says it is at (none for an empty one)."""
    if not inspect(connection).has_table("alembic_version"):
        return set()
    return {row[0] for row in connection.exec_driver_sql("SELECT version_num FROM "
                                                          "alembic_version")}


# The newest migration (tests/adapters/test_migration_race.py holds it to Alembic's head).
SCHEMA_HEAD = "0023_event_establishment"
MIGRATION_LOCK = 7_341_020  # an arbitrary key for PostgreSQL's advisory lock


async def migrate(engine: AsyncEngine) -> None:
    """Bring the database to the newest schema (idempotent). Several processes starting at
    once take turns, so none sees a half-made schema or races another to create it: on
    PostgreSQL a transaction-scoped advisory lock; on SQLite (whose transactions take the
    write lock only at the first write, after the schema was read) an exclusive flock on
    `<database>.migrate.lock`, held until the schema is made."""
    database = engine.url.database or ""
    with _file_lock(Path(f"{database}.migrate.lock") if engine.url.get_backend_name()
                    == "sqlite" and database not in ("", ":memory:") else None):
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.exec_driver_sql(
                    f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            await connection.run_sync(_upgrade)


@contextlib.contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    """Blocks until this process holds an exclusive flock on `path` (start-up only)."""
    if path is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
