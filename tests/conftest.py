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
import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from _pytest.nodeid import coerce_node_id
from hypothesis import settings
from sqlalchemy.ext.asyncio import create_async_engine

from broker.db.engine import make_engine, migrate
from tests.pg import PostgresServer, start_postgres
from tests.smtp_sink import SmtpSink
from tests.sqlite_leaks import pytest_runtest_teardown  # noqa: F401 (the hook)

# The suite draws the same property-test examples on every run, so CI is never red for a
# draw no one made before; `HYPOTHESIS_PROFILE=explore` draws new ones, many more of them.
# No deadline: Hypothesis's per-example deadline (200 ms) is a wall-clock assertion, and a
# loaded machine failed a property test on it ("DeadlineExceeded") with nothing wrong.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config"
_counter = itertools.count()


# The tests that start other processes (service processes, `broker` commands, browsers,
# a kill -9 in the middle of a delivery, attachment readers with CPU limits).
_PROCESSES = {ROOT / "tests" / "e2e", ROOT / "tests" / "browser"}
_PROCESS_MODULES = {"test_cli.py", "test_market_cli.py", "test_outbound_kill.py",
                    "test_attachment_sandbox.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make test` runs two pytest-xdist workers and asks (`--dist loadgroup`) for the tests
    that start other processes to run one at a time on one worker, so that they do not take
    each other's ports or cores, and the demos they share run once. pytest-xdist 3.8 groups
    tests by a suffix it adds to their node ids, in an attribute pytest 9 no longer reads
    (`_nodeid`; pytest 9 keeps the id in `_id`), so the suffix is added here where pytest 9
    reads it. The process tests still make sure the service they talk to is their own
    (`_until_listening` in tests/e2e/test_crash_recovery.py)."""
    grouping = bool(getattr(config.option, "loadgroup", False))  # set on xdist workers
    for item in items:
        if _PROCESSES & set(item.path.parents) or item.path.name in _PROCESS_MODULES:
            item.add_marker(pytest.mark.xdist_group("processes"))
            if grouping and "@" not in item.nodeid:
                item._id = coerce_node_id(f"{item.nodeid}@processes")  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = start_postgres()
    if server.url is None:
        print(f"\nNOTE: PostgreSQL tests will be skipped: {server.why_not}", file=sys.stderr)
    yield server
    server.stop()


async def _create_database(admin_url: str, template: str = "") -> str:
    name = f"broker_test_{next(_counter)}_{datetime.now(UTC).strftime('%H%M%S%f')}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql(
            f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    await engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


# Each test process migrates one database per backend once, and every test's database is a
# copy of it: migrating afresh cost each test about 0.15 s on SQLite and 0.5 s on PostgreSQL,
# most of the suite's time. A copy is the schema the migrations made, row for row, so the
# service's own start-up finds it at the newest revision, exactly as after a first start.
_migrated: dict[str, str] = {}


async def _migrated_once(key: str, url: str) -> None:
    if key not in _migrated:
        engine = make_engine(url)
        await migrate(engine)
        await engine.dispose()  # (a PostgreSQL template must have no connections)
        _migrated[key] = url


async def _sqlite_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if "sqlite" not in _migrated:
        folder = request.getfixturevalue("tmp_path_factory").mktemp("migrated")
        await _migrated_once("sqlite", f"sqlite+aiosqlite:///{folder / 'broker.db'}")
    shutil.copyfile(_migrated["sqlite"].split("///", 1)[1], tmp_path / "broker.db")
    return f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}"


async def _postgres_copy(admin_url: str) -> str:
    if "postgresql" not in _migrated:
        await _migrated_once("postgresql", await _create_database(admin_url))
    return await _create_database(admin_url, _migrated["postgresql"].rsplit("/", 1)[1])


async def _drop_database(admin_url: str, url: str) -> None:
    """Each test's database goes with the test: hundreds kept to the end made the cluster's
    last checkpoint and removal take minutes."""
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql(
            f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await engine.dispose()


async def _fresh_database(request: pytest.FixtureRequest, tmp_path: Path, *,
                          migrated: bool) -> AsyncIterator[str]:
    """A database of its own for one test, on the backend the test is parametrised for."""
    if request.param == "sqlite":
        yield (await _sqlite_copy(request, tmp_path) if migrated
               else f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    if server.url is None:
        pytest.skip(f"PostgreSQL unavailable: {server.why_not}")
    url = await (_postgres_copy(server.url) if migrated else _create_database(server.url))
    yield url
    await _drop_database(server.url, url)


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database on each backend, already at the newest schema."""
    async for url in _fresh_database(request, tmp_path, migrated=True):
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database_url(request: pytest.FixtureRequest,
                             tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database on each backend, for the tests of the migrations themselves."""
    async for url in _fresh_database(request, tmp_path, migrated=False):
        yield url


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
        started.append(service)  # before its start, so one that fails half-way is closed too
        await service.start()
        return service

    yield start
    for service in started:
        await service.stop()
