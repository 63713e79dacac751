"""Deadlines survive restarts and never fire twice: a deadline that fell while the service
was down fires once when it comes back, and two service processes on one PostgreSQL
database never both close a window or send the same chaser."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import DeadLetter, Deadline, Outbox, ReferralEvent
from tests.conftest import wait_for
from tests.factories import REFERRER, referral_email, send_smtp

START = datetime.now(UTC).replace(microsecond=0)


async def _event_kinds(service) -> Counter:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        rows = (await session.execute(select(ReferralEvent.kind, ReferralEvent.data))).all()
    return Counter(kind if kind != "chased" else f"chased:{data['wave']}-{data['seq']}"
                   for kind, data in rows)


async def _drained(service) -> bool:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        waiting = (await session.execute(select(Outbox.id).where(
            Outbox.status.in_(("pending", "sending"))))).first()
    return waiting is None


def _comparisons(sink) -> list:  # type: ignore[no-untyped-def]
    return [c for c in sink.to(REFERRER) if "responses ready" in c.message["Subject"]]


async def _broadcast_through(service, sink) -> None:  # type: ignore[no-untyped-def]
    """Send the sample referral to `service` and wait until its broadcast (twelve providers
    and the acknowledgement) has reached the sink."""
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(sink.caught) >= 13)


async def test_a_deadline_missed_while_down_fires_once_on_restart(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    clock = FrozenClock(START)
    first = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await _broadcast_through(first, smtp_sink)
    await first.stop()

    clock.advance(timedelta(days=2))  # both chasers and the close fell while it was down
    second = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await wait_for(lambda: _comparisons(smtp_sink))  # fired by the restarted scheduler
    await asyncio.sleep(0.5)
    await second.engine.fire_due()  # and never again
    kinds = await _event_kinds(second)
    assert kinds["closed"] == 1 and len(_comparisons(smtp_sink)) == 1


async def test_two_processes_never_fire_the_same_deadline(postgres, tmp_path,  # type: ignore[no-untyped-def]
                                                          smtp_sink, service_factory) -> None:
    import pytest

    from tests.conftest import _create_database

    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    database_url = await _create_database(postgres.url)
    clock_a, clock_b = FrozenClock(START), FrozenClock(START)
    a = await service_factory(database_url, relay=smtp_sink.url, clock=clock_a)
    b = await service_factory(database_url, relay=smtp_sink.url, clock=clock_b)
    await _broadcast_through(a, smtp_sink)

    for step in (timedelta(hours=12, minutes=1), timedelta(hours=11), timedelta(hours=1)):
        clock_a.advance(step)
        clock_b.advance(step)
        results = await asyncio.gather(*(engine.fire_due() for engine in
                                         (a.engine, b.engine, a.engine, b.engine)))
        assert sum(results) == 1, "exactly one process fires each deadline"
        await wait_for(lambda: _drained(a))  # time passes while the mail goes out

    await wait_for(lambda: _comparisons(smtp_sink))
    await asyncio.sleep(0.5)
    kinds = await _event_kinds(a)
    assert (kinds["closed"], kinds["chased:1-1"], kinds["chased:1-2"]) == (1, 1, 1)
    chasers = Counter(r for c in smtp_sink.caught
                      if c.is_a_chaser()
                      for r in c.rcpt_tos)
    assert chasers and set(chasers.values()) == {2}  # two chasers each, never four
    assert len(_comparisons(smtp_sink)) == 1


async def test_one_referrals_deadlines_falling_due_together_all_fire(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    # Both chasers and the close fall due at once and are fired at the same moment, as a
    # restart fires what fell due while the service was down: each fires or is cancelled by
    # the close, none is lost to a dead letter, the window closes once.
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    await _broadcast_through(service, smtp_sink)
    clock.advance(timedelta(days=2))
    due = [i for i, _ in await service.engine.due_deadlines(clock.now())]
    assert len(due) == 3
    # The close first: it takes the referral while the chasers claim theirs, then cancels them.
    await asyncio.gather(*(service.engine.fire_deadline(i) for i in reversed(due)))
    async with service.engine.parts.sessions() as session:
        letters = (await session.execute(select(DeadLetter.id))).all()
        states = (await session.execute(select(Deadline.status))).scalars().all()
    assert letters == [] and "pending" not in states and "failed" not in states
    assert (await _event_kinds(service))["closed"] == 1  # a chaser after it is cancelled
