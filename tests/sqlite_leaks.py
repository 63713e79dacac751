"""A test that leaves an aiosqlite connection open past its event loop fails at its own
teardown, not some later test at random.

An engine used after its `dispose()` (SQLAlchemy quietly makes a new pool), one never
disposed, or a session still holding a connection when the service stops: the connection
outlives the loop it was made on, and is collected whenever the collector next runs, in
whichever test is running then. aiosqlite warns from its `__del__` (a ResourceWarning) and
its thread cannot hand the close back to the dead loop ("Event loop is closed"). So every
pooled aiosqlite connection is remembered with its loop, and once a test's teardown has
closed loops, any connection of theirs still open fails that test, saying where it was made.

tests/conftest.py imports the hook; tests/adapters/test_sqlite_leaks.py shows it catching one.
"""

from __future__ import annotations

import asyncio
import traceback
import weakref
from collections.abc import Generator
from pathlib import Path

import aiosqlite
import greenlet
import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

ROOT = Path(__file__).resolve().parents[1]


class Made:
    """One pooled aiosqlite connection: its loop, and the project's lines that made it."""

    def __init__(self, driver: aiosqlite.Connection, loop: asyncio.AbstractEventLoop) -> None:
        self.driver = weakref.ref(driver)
        self.loop = loop
        # SQLAlchemy connects in a greenlet of its own: the test's lines are in its parent's
        parent = greenlet.getcurrent().parent
        frame = parent.gr_frame if parent is not None and parent.gr_frame else None
        self.where = "".join(line for line in traceback.format_stack(frame, limit=80)
                             if str(ROOT) in line and "/.venv/" not in line
                             and __file__ not in line) or "(no line of the project's)"

    def alive(self) -> bool:
        driver = self.driver()
        return driver is not None and driver._connection is not None  # (not yet closed)

    def close(self) -> None:
        """Close it on a loop of its own, so that it troubles no later test."""
        driver = self.driver()
        if driver is not None:
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(driver.close())
            finally:
                loop.close()


_made: list[Made] = []


@event.listens_for(Pool, "connect")
def _remember(dbapi_connection: object, _record: object) -> None:
    driver = getattr(dbapi_connection, "driver_connection", None)
    if isinstance(driver, aiosqlite.Connection):  # PostgreSQL and synchronous SQLite: no
        _made.append(Made(driver, asyncio.get_running_loop()))


def outlived_their_loops() -> list[Made]:
    """The connections still open whose loops have closed (forgotten once reported)."""
    _made[:] = [made for made in _made if made.alive()]
    left = [made for made in _made if made.loop.is_closed()]
    _made[:] = [made for made in _made if made not in left]
    return left


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item,
                            nextitem: pytest.Item | None) -> Generator[None, None, None]:
    yield  # the test's fixtures, and the event loops they ran on, are gone now
    left = outlived_their_loops()
    for made in left:
        made.close()
    if left:
        pytest.fail(f"{len(left)} aiosqlite connection(s) still open after their event loop "
                    "closed (an engine used after dispose(), or never disposed?); made at:\n"
                    + "\n".join(made.where for made in left), pytrace=False)
