"""Fixtures shared by every ring of tests: databases (SQLite and PostgreSQL), settings,
a real SMTP sink on loopback, and a running service.

Fixtures are factories. The `database_url` fixture is parametrised
over both backends; PostgreSQL tests are skipped with the reason printed when no server
could be started (see tests/pg.py).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy.ext.asyncio import create_async_engine

from tests.pg import PostgresServer, start_postgres
from tests.smtp_sink import SmtpSink

# The suite draws the same property-test examples on every run, so CI is never red for a
# draw no one made before; `HYPOTHESIS_PROFILE=explore` draws new ones, many more of them.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config"
_counter = itertools.count()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test` runs two pytest-xdist workers. The tests that start servers, service
    processes and browsers run one at a time, all on one worker (`--dist loadgroup`), beside
    the pure unit tests on the other: two of them at once on a two-core machine starve each
    other's processes past their timeouts."""
    units = ROOT / "tests" / "unit"
    for item in items:
        if units not in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("services"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = start_postgres()
    if server.url is None:
        print(f"\nNOTE: PostgreSQL tests will be skipped: {server.why_not}", file=sys.stderr)
    yield server
    server.stop()


async def _create_database(admin_url: str) -> str:
    name = f"broker_test_{next(_counter)}_{datetime.now(UTC).strftime('%H%M%S%f')}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    if server.url is None:
        pytest.skip(f"PostgreSQL unavailable: {server.why_not}")
    yield await _create_database(server.url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}"


@pytest.fixture
async def smtp_sink() -> AsyncIterator[SmtpSink]:
    """A real SMTP server on loopback that keeps every message it is given."""
    sink = SmtpSink()
    await sink.start()
    yield sink
    await sink.stop()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05):  # type: ignore[no-untyped-def]
    """Await until `predicate()` (sync or async) is truthy; fail with a clear message if not."""

    async def _wait():  # type: ignore[no-untyped-def]
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            value = predicate()
            if asyncio.iscoroutine(value):
                value = await value
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            await asyncio.sleep(interval)

    return _wait()


@pytest.fixture
async def service_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start real services (SMTP intake, web, workers) on loopback; all stopped at the end."""
    from broker.app import Service
    from tests.factories import make_settings

    started: list[Service] = []

    async def start(database_url: str, clock=None, **overrides):  # type: ignore[no-untyped-def]
        settings = make_settings(tmp_path, database_url, **overrides)
        service = Service(settings, clock=clock) if clock else Service(settings)
        await service.start()
        started.append(service)
        return service

    yield start
    for service in started:
        await service.stop()
