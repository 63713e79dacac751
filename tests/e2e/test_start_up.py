"""What the service does as it starts, with real SMTP on loopback.

The anonymiser's word lists come from a file a child process builds (lexicon_cache). Mail
read before they are in would make the service build them itself and keep the packages'
whole data for its life (about 35 MB: RSS under load went from about 145 MB to 185 MB).
So mail is taken in and answered `250` at once, and read only once the lists are in.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.anonymise import lexicon_cache
from broker.app import Service
from broker.db.tables import InboundMessage
from broker.roles import ROLES
from tests.conftest import wait_for
from tests.factories import make_settings, referral_email, send_smtp
from workflows.engine import Engine


async def test_mail_is_taken_in_at_once_and_read_only_once_the_word_lists_are_in(
    sqlite_url: str, service_factory, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    happened: list[str] = []
    lists_may_load = threading.Event()

    def slow_word_lists(var_dir: Path) -> None:  # as on a fresh install: a child builds them
        lists_may_load.wait(30)
        happened.append("word lists in")

    passes = Engine.process_pending

    async def reading_pass(engine: Engine, *args, **kwargs):  # type: ignore[no-untyped-def]
        happened.append("reading pass")
        return await passes(engine, *args, **kwargs)

    monkeypatch.setattr(lexicon_cache, "load", slow_word_lists)
    monkeypatch.setattr(Engine, "process_pending", reading_pass)
    service = await service_factory(sqlite_url)

    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())  # its 250 came
    statuses = select(InboundMessage.status)
    async with service.engine.parts.sessions() as session:
        assert (await session.execute(statuses)).scalars().all() == ["new"]
    await asyncio.sleep(0.3)  # the worker's loop has started; it must not have read anything
    assert happened == []

    lists_may_load.set()

    async def read() -> bool:
        async with service.engine.parts.sessions() as session:
            return (await session.execute(statuses)).scalars().all() == ["done"]

    await wait_for(read)
    assert happened[0] == "word lists in" and "reading pass" in happened


async def test_word_lists_that_cannot_be_loaded_hold_up_neither_the_mail_nor_the_stop(
    sqlite_url: str, service_factory, monkeypatch, caplog  # type: ignore[no-untyped-def]
) -> None:
    def broken(var_dir: Path) -> None:
        raise OSError("the data directory cannot be read")

    monkeypatch.setattr(lexicon_cache, "load", broken)
    service = await service_factory(sqlite_url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    statuses = select(InboundMessage.status)

    async def read() -> bool:
        async with service.engine.parts.sessions() as session:
            return (await session.execute(statuses)).scalars().all() == ["done"]

    await wait_for(read)  # read all the same: the anonymiser has lists of its own making
    await service.stop()  # and the failure, already told, does not fail the stop
    assert "the word lists could not be loaded" in caplog.text


@pytest.mark.parametrize("roles", [frozenset(ROLES), frozenset({"sender"})])
async def test_broker_serve_puts_its_start_up_heap_out_of_the_collectors_reach(
    sqlite_url: str, tmp_path: Path, roles: frozenset[str]
) -> None:
    # Else each full collection walks the directory, templates, metadata and word lists:
    # a 150-250 ms pause in the middle of a broadcast.
    service = Service(make_settings(tmp_path, sqlite_url), roles=roles, settle_heap=True)
    try:
        await service.start()
        await wait_for(lambda: gc.get_freeze_count() > 0)
        held_for_life = [service.engine, service.sender, service.db]
        tracked = {id(thing) for thing in gc.get_objects()}  # leaves out the frozen ones
        assert not [thing for thing in held_for_life if id(thing) in tracked]
        assert gc.get_freeze_count() > 10 * len(gc.get_objects())
    finally:
        await service.stop()
        gc.unfreeze()  # the test process's heap goes back to the collector
