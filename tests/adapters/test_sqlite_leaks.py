"""The guard against aiosqlite connections outliving their event loop (tests/sqlite_leaks.py):
it names an engine used after its dispose() and is silent about one disposed last."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from broker import views
from broker.db.engine import make_engine
from tests.factories import make_settings
from tests.sqlite_leaks import outlived_their_loops


async def _select(url: str, *, used_after_dispose: bool) -> None:
    engine = make_engine(url)
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
    await engine.dispose()
    if used_after_dispose:  # SQLAlchemy quietly makes a new pool, which nothing closes
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))


def test_an_engine_used_after_its_dispose_leaves_a_connection_the_guard_names(
        tmp_path: Path) -> None:
    asyncio.run(_select(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", used_after_dispose=True))
    left = outlived_their_loops()
    for made in left:
        made.close()
    assert len(left) == 1 and "_select" in left[0].where and __file__ in left[0].where


def test_an_engine_disposed_last_leaves_nothing(tmp_path: Path) -> None:
    asyncio.run(_select(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", used_after_dispose=False))
    assert outlived_their_loops() == []


@pytest.mark.parametrize("view", [views.list_referrals,
                                  lambda settings: views.retention_run(settings, True)],
                         ids=["list", "retention"])
async def test_a_view_whose_migration_fails_still_closes_its_engine(
        tmp_path: Path, view: Any) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}"
    engine = make_engine(url)
    async with engine.begin() as connection:  # a revision no migration here knows
        await connection.exec_driver_sql("CREATE TABLE alembic_version (version_num TEXT)")
        await connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('9999_later')")
    await engine.dispose()
    with pytest.raises(Exception, match="9999_later"):
        await view(make_settings(tmp_path, url))
    # left open, the view's pooled connection would fail this test at its teardown
