"""A database's refusal for now is no fault of the message: nothing is dead-lettered for it.

Two instances on one PostgreSQL database each take a batch of replies and lock each reply's
referral in the order the messages came, so one batch can hold referral A and wait for B
while the other holds B and waits for A. PostgreSQL ends the deadlock by failing one of
them. The failed batch is rolled back and its messages are processed one by one, so every
reply is recorded once and none is dead-lettered (a dead-lettered reply would leave the
provider's answer out of the comparison until an operator replayed it). A deadline whose
firing is refused so stays pending, and the next sweep fires it.

People and places are fictional.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from broker.db.tables import Deadline, InboundMessage, Response
from tests.adapters.test_reply_throughput_batch import _reply
from tests.adapters.worker import Worker, make_worker
from tests.conftest import _create_database
from tests.e2e.test_two_instances import _another_child
from tests.factories import referral_email
from workflows.store import lock_referral
from workflows.txn import refused_for_now


class _Deadlock(Exception):
    """What the asyncpg adapter raises for a deadlock, as far as the service looks."""

    sqlstate = "40P01"


def _deadlock() -> DBAPIError:
    return DBAPIError("UPDATE referral …", {}, _Deadlock("deadlock detected"))


async def _replies_to_two_referrals(worker: Worker) -> list[tuple[int, int]]:
    """Two referrals, then one provider's reply to each, stored in that order: (inbound id,
    referral id) for each."""
    await worker.receive(referral_email())
    await worker.receive(referral_email(_another_child(1)))
    stored = []
    for referral in await worker.referrals():
        [first, *_] = [row for row in await worker.outbox(kind="provider/referral")
                       if row.referral_id == referral.id]
        reply, to = _reply(first)
        stored.append((await worker.handler.store(bytes(reply), first.to_addr, [to]),
                       referral.id or 0))
    return stored


async def _statuses(worker: Worker) -> dict[int, tuple[str, str]]:
    async with worker.sessions() as session:
        rows = await session.execute(select(InboundMessage.id, InboundMessage.status,
                                            InboundMessage.outcome))
        return {row[0]: (row[1], row[2]) for row in rows}


async def _responses(worker: Worker) -> int:
    async with worker.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Response)) or 0)


def test_only_the_databases_refusals_for_now_are_told_apart() -> None:
    assert refused_for_now(_deadlock())
    assert not refused_for_now(DBAPIError("INSERT …", {}, ValueError("bad value")))
    assert not refused_for_now(RuntimeError("template exploded"))


async def test_a_real_deadlock_between_two_batches_loses_and_dead_letters_no_reply(
        postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    worker = await make_worker(tmp_path, await _create_database(postgres.url))
    try:
        (first, referral_a), (second, referral_b) = await _replies_to_two_referrals(worker)
        async with worker.sessions() as other:  # the other instance's transaction
            await lock_referral(other, referral_b)
            batch = asyncio.create_task(worker.engine.process_batch())

            async def worker_waits() -> bool:  # on B, holding A (its first reply's referral)
                async with worker.sessions() as look:
                    return bool(await look.scalar(text(
                        "SELECT count(*) FROM pg_locks WHERE NOT granted")))

            while not await worker_waits():
                await asyncio.sleep(0.01)
            # The other now waits on A: a deadlock. The worker began waiting first, so its
            # check finds the cycle first, and PostgreSQL fails the worker's statement.
            await lock_referral(other, referral_a)
            await other.commit()
        assert await batch == 2
        assert await worker.dead_letters() == []
        assert (await _statuses(worker))[first] == ("done", "response")
        assert (await _statuses(worker))[second] == ("done", "response")
        assert await _responses(worker) == 2
    finally:
        await worker.db.dispose()


async def test_a_message_refused_for_now_is_processed_again_not_dead_lettered(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        (first, _), (second, _) = await _replies_to_two_referrals(worker)
        real, refusals = worker.engine.parts.apply, [_deadlock(), _deadlock()]

        async def refused_twice(session: Any, commands: list[Any], **kwargs: Any) -> Any:
            applied = await real(session, commands, **kwargs)
            if refusals and any(getattr(c, "template", "") == "provider/response_ack"
                                for c in commands):
                raise refusals.pop()  # in the batch, then alone, once each
            return applied

        worker.engine.parts.apply = refused_twice  # type: ignore[method-assign]
        assert await worker.engine.process_batch() == 2
        assert refusals == [] and await worker.dead_letters() == []
        assert (await _statuses(worker))[first] == ("done", "response")
        assert (await _statuses(worker))[second] == ("done", "response")
        assert await _responses(worker) == 2
    finally:
        await worker.db.dispose()


async def test_a_deadline_refused_for_now_stays_pending_for_the_next_sweep(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        async with worker.sessions() as session:
            chaser = (await session.execute(select(Deadline).order_by(Deadline.due_at))
                      ).scalars().first()
            assert chaser is not None
            await session.execute(update(Deadline).where(Deadline.id == chaser.id)
                                  .values(due_at=worker.clock.now()))
            await session.commit()
        real = worker.engine.parts.apply

        async def refused(session: Any, commands: list[Any], **kwargs: Any) -> Any:
            await real(session, commands, **kwargs)
            raise _deadlock()

        worker.engine.parts.apply = refused  # type: ignore[method-assign]
        assert await worker.engine.fire_deadline(chaser.id or 0) is False
        async with worker.sessions() as session:
            assert (await session.get(Deadline, chaser.id)).status == "pending"  # type: ignore[union-attr]
        assert await worker.dead_letters() == []

        del worker.engine.parts.apply  # the other instance's transaction has ended
        assert await worker.engine.fire_deadline(chaser.id or 0) is True
    finally:
        await worker.db.dispose()
