"""SQLite's writing transactions run their statements in place (broker/db/sqlite_in_place.py):
on the event loop's own thread once `BEGIN IMMEDIATE` has returned, and through aiosqlite's
thread otherwise, so that nothing that may wait for another connection's lock ever holds
the event loop."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncConnection

from broker.db.engine import make_engine
from broker.db.sqlite_in_place import InPlaceWhileWriting


async def _thread_of(connection: AsyncConnection) -> int:
    """The thread that ran a statement on this connection (a SQL function reports it)."""
    return int((await connection.exec_driver_sql("SELECT which_thread()")).scalar_one())


async def _open(engine, loop_thread: int) -> AsyncConnection:  # type: ignore[no-untyped-def]
    connection = await engine.connect()
    driver = (await connection.get_raw_connection()).driver_connection
    assert isinstance(driver, InPlaceWhileWriting)
    await driver.create_function("which_thread", 0, threading.get_ident)
    assert loop_thread != 0
    return connection


async def test_statements_run_in_place_only_between_begin_immediate_and_the_end(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'in-place.db'}")
    loop_thread = threading.get_ident()
    try:
        connection = await _open(engine, loop_thread)
        assert await _thread_of(connection) != loop_thread  # no transaction: the thread

        await connection.exec_driver_sql("BEGIN IMMEDIATE")
        await connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        await connection.exec_driver_sql("INSERT INTO t VALUES (1)")
        assert await _thread_of(connection) == loop_thread  # holding the lock: in place
        await connection.exec_driver_sql("SAVEPOINT one")
        await connection.exec_driver_sql("ROLLBACK TO SAVEPOINT one")  # still writing
        assert await _thread_of(connection) == loop_thread
        await connection.commit()
        assert await _thread_of(connection) != loop_thread  # ended: the thread again

        await connection.exec_driver_sql("BEGIN")  # deferred: its first write may wait
        await connection.exec_driver_sql("INSERT INTO t VALUES (2)")
        assert await _thread_of(connection) != loop_thread
        await connection.rollback()

        await connection.exec_driver_sql("BEGIN IMMEDIATE")
        await connection.exec_driver_sql("ROLLBACK")  # ended by SQL rather than the driver
        assert await _thread_of(connection) != loop_thread
        assert (await connection.exec_driver_sql("SELECT count(*) FROM t")).scalar_one() == 1
        await connection.close()
    finally:
        await engine.dispose()


async def test_waiting_for_the_write_lock_never_holds_the_event_loop(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'in-place.db'}")
    loop_thread = threading.get_ident()
    try:
        holder, waiter = await _open(engine, loop_thread), await _open(engine, loop_thread)
        await holder.exec_driver_sql("BEGIN IMMEDIATE")
        await holder.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        waiting = asyncio.create_task(waiter.exec_driver_sql("BEGIN IMMEDIATE"))
        ticks = 0
        for _ in range(20):  # the loop goes on while the waiter waits for the lock
            await asyncio.sleep(0.01)
            ticks += 1
        assert ticks == 20 and not waiting.done()
        assert await _thread_of(holder) == loop_thread
        await holder.commit()
        await waiting  # the lock came free: the waiter has it, and writes in place
        await waiter.exec_driver_sql("INSERT INTO t VALUES (1)")
        assert await _thread_of(waiter) == loop_thread
        await waiter.commit()
        await holder.close()
        await waiter.close()
    finally:
        await engine.dispose()
