"""The directory in the database, on both backends: seeded from config/ at every start,
homes admitted by approved applications kept across re-seeds and seen by every process,
and the whole written back as YAML that `broker config check` accepts."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from broker.db.directory import (
    DirectoryKeeper,
    admit,
    seed_directory,
    stored_live_directory,
)
from broker.db.tables import DirectoryRecord
from broker.directory import check_config, load_directory
from broker.directory.live import establishment_from, organisation_from
from broker.directory.load import organisation_files
from broker.market_views import export_directory
from tests.factories import CONFIG, make_settings, migrated

NOW = datetime(2027, 7, 10, 9, tzinfo=UTC)
BASE = load_directory(CONFIG)


@pytest.fixture
async def sessions(database_url):  # type: ignore[no-untyped-def]
    engine, made = await migrated(database_url)
    yield made
    await engine.dispose()


async def _seed(sessions, base=BASE, config: Path = CONFIG) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        changed = await seed_directory(session, base, organisation_files(config), NOW)
        await session.commit()
    return changed


async def _admit_newleaf(sessions) -> None:  # type: ignore[no-untyped-def]
    organisation = organisation_from("newleaf-care", {"name": "Newleaf Care Ltd", "domains": [
        "newleafcare.example"], "contacts": []})
    home = establishment_from("newleaf-house", organisation, {
        "name": "Newleaf House", "kind": "childrens-home", "urn": "SC712345",
        "ofsted_rating": "good", "outward_code": "LS6", "lots": ["residential"],
        "needs": ["semh", "cse"], "ages": "12-17", "capacity": 2,
        "arrangements": ["northern-residential-list"],
        "contacts": ["newleaf.house@newleafcare.example"]})
    async with sessions() as session:
        await admit(session, organisation, home, application_id=1, now=NOW)
        await session.commit()


async def test_config_seeds_the_stored_directory_once(sessions) -> None:  # type: ignore[no-untyped-def]
    assert await _seed(sessions) == len(BASE.organisations) + len(BASE.establishments)
    assert await _seed(sessions) == 0  # the second start changes nothing
    async with sessions() as session:
        stored = await DirectoryKeeper(BASE).refresh(session)
    assert stored.establishments == BASE.establishments


async def test_a_reseed_follows_config_and_keeps_admitted_homes(sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await _seed(sessions)
    await _admit_newleaf(sessions)
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    north = config / "providers" / "london-and-south-east.yaml"
    north.write_text(north.read_text().replace("capacity: 0", "capacity: 3", 1))
    changed = load_directory(config)
    assert changed.establishment("larch-lodge").capacity == 3
    assert await _seed(sessions, changed, config) == 1
    async with sessions() as session:
        stored = await DirectoryKeeper(BASE).refresh(session)
    assert stored.establishment("larch-lodge").capacity == 3
    assert stored.establishment("newleaf-house").name == "Newleaf House"


async def test_another_process_sees_an_admitted_home_without_a_restart(sessions) -> None:  # type: ignore[no-untyped-def]
    await _seed(sessions)
    keeper = DirectoryKeeper(BASE)
    async with sessions() as session:
        assert (await keeper.refresh(session)).establishment("newleaf-house") is None
    await _admit_newleaf(sessions)
    async with sessions() as session:
        home = (await keeper.refresh(session)).establishment("newleaf-house")
    assert home is not None and home.organisation == "newleaf-care"


async def test_the_export_is_config_that_loads_with_the_admitted_home(  # type: ignore[no-untyped-def]
        sessions, database_url, tmp_path) -> None:
    await _seed(sessions)
    await _admit_newleaf(sessions)
    out = tmp_path / "out"
    written = await export_directory(make_settings(tmp_path, database_url), BASE, out)
    assert str(out / "providers" / "added.yaml") in written
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    shutil.rmtree(config / "providers")
    shutil.copytree(out / "providers", config / "providers")
    assert check_config(config) == []
    exported = load_directory(config)
    assert exported.establishment("newleaf-house").arrangements == ["northern-residential-list"]
    assert set(exported.establishments) == set(BASE.establishments) | {"newleaf-house"}
    # Committed to config/, the home becomes config's own at the next start.
    async with sessions() as session:
        await seed_directory(session, exported, organisation_files(config), NOW)
        await session.commit()
        sources = dict((await session.execute(select(
            DirectoryRecord.key, DirectoryRecord.source).where(
            DirectoryRecord.key == "newleaf-house"))).all())
        count = (await session.execute(select(func.count()).select_from(
            DirectoryRecord))).scalar_one()
    assert sources == {"newleaf-house": "config:providers/added.yaml"}
    assert count == len(exported.organisations) + len(exported.establishments)


async def test_without_a_database_broker_match_reads_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = f"sqlite+aiosqlite:///{tmp_path / 'never-created.db'}"
    assert await stored_live_directory(missing, BASE) is None
    assert not (tmp_path / "never-created.db").exists()
