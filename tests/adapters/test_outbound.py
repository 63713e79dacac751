"""Outbound delivery through a real SMTP sink: retries with backoff, permanent failures
reported to the placements team, and no email sent twice."""

from __future__ import annotations

import asyncio
import fcntl
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from broker.db.tables import Outbox, ReferralEvent
from channels.email.outbound import OutboxSender, backoff
from channels.email.relay import Outgoing, SmtpRelay
from tests.adapters.worker import make_worker, text_of
from tests.conftest import _create_database
from tests.factories import migrated, referral_email
from tests.smtp_sink import SmtpSink


@pytest.fixture
async def sending(tmp_path: Path, database_url: str, smtp_sink):  # type: ignore[no-untyped-def]
    worker = await make_worker(tmp_path, database_url)
    relay = SmtpRelay(smtp_sink.url, "bounces@broker.localhost", connections=4)
    failures: list[tuple[int, str]] = []

    async def on_failed(outbox_id: int, detail: str) -> None:
        failures.append((outbox_id, detail))

        await worker.engine.report_delivery_failure(outbox_id, detail)

    sender = OutboxSender(worker.sessions, relay, worker.clock, max_attempts=3,
                          on_failed=on_failed)
    yield worker, sender, smtp_sink, failures
    await relay.close()
    await worker.db.dispose()


async def _rows(worker, to: str) -> list[Outbox]:  # type: ignore[no-untyped-def]
    async with worker.sessions() as session:
        return list((await session.execute(select(Outbox).where(Outbox.to_addr == to))).scalars())


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == timedelta(hours=1)


async def test_everything_queued_is_delivered_once(sending) -> None:  # type: ignore[no-untyped-def]
    worker, sender, sink, _ = sending
    await worker.receive(referral_email())
    queued = len(await worker.outbox())
    assert await sender.send_due() == queued
    assert await sender.send_due() == 0  # nothing is sent twice
    assert len(sink.caught) == queued
    assert {row.status for row in await worker.outbox()} == {"sent"}


async def test_a_temporary_failure_retries_with_backoff_then_succeeds(sending) -> None:  # type: ignore[no-untyped-def]
    worker, sender, sink, failures = sending
    sink.refuse["larch.house@larchcare.example"] = "451 4.3.0 mailbox busy, try later"
    await worker.receive(referral_email())
    await sender.send_due()
    [row] = await _rows(worker, "larch.house@larchcare.example")
    assert (row.status, row.attempts) == ("pending", 1) and "451" in row.last_error
    assert row.next_attempt_at == worker.clock.now() + timedelta(seconds=30)

    assert await sender.send_due() == 0  # not due yet
    del sink.refuse["larch.house@larchcare.example"]
    worker.clock.advance(timedelta(seconds=31))
    assert await sender.send_due() == 1
    [row] = await _rows(worker, "larch.house@larchcare.example")
    assert (row.status, row.attempts) == ("sent", 2)
    assert len(sink.to("larch.house@larchcare.example")) == 1 and failures == []


async def test_a_permanent_refusal_fails_and_the_placements_team_is_told(sending) -> None:  # type: ignore[no-untyped-def]
    worker, sender, sink, failures = sending
    sink.refuse["larch.house@larchcare.example"] = "550 5.1.1 no such user"
    await worker.receive(referral_email())
    await sender.send_due()
    [row] = await _rows(worker, "larch.house@larchcare.example")
    assert row.status == "failed" and "550" in row.last_error
    assert [f[0] for f in failures] == [row.id]

    [notice] = await worker.outbox(kind="placements_team/delivery_failed")
    assert notice.to_addr == "placements@northby.gov.example"
    assert "larch.house@larchcare.example" in text_of(notice) and "550" in text_of(notice)
    assert "Casey" not in text_of(notice)
    async with worker.sessions() as session:
        kinds = [e.kind for e in (await session.execute(select(ReferralEvent))).scalars()]
    assert "delivery-failed" in kinds
    await sender.send_due()
    assert len(sink.to("placements@northby.gov.example")) == 1


async def test_temporary_failures_give_up_after_the_last_attempt(sending) -> None:  # type: ignore[no-untyped-def]
    worker, sender, sink, failures = sending
    sink.refuse["larch.house@larchcare.example"] = "452 4.2.2 mailbox full"
    await worker.receive(referral_email())
    for _ in range(3):
        await sender.send_due()
        worker.clock.advance(timedelta(hours=1))
    [row] = await _rows(worker, "larch.house@larchcare.example")
    assert (row.status, row.attempts) == ("failed", 3)
    assert len(failures) == 1


async def test_an_unreachable_relay_is_a_temporary_failure(tmp_path: Path, sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    relay = SmtpRelay("smtp://127.0.0.1:9", "bounces@broker.localhost", connections=2)

    async def never(_id: int, _detail: str) -> None:
        raise AssertionError("a connection failure is not permanent")

    sender = OutboxSender(worker.sessions, relay, worker.clock, max_attempts=5, on_failed=never)
    await worker.receive(referral_email())
    await sender.send_due()
    rows = await worker.outbox()
    assert {row.status for row in rows} == {"pending"}
    assert all(row.attempts == 1 for row in rows)
    await worker.db.dispose()


class SlowSink(SmtpSink):
    """A sink that takes a moment over each message, so two senders overlap."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(0.005)
        return await super().handle_DATA(server, session, envelope)


async def test_two_senders_on_one_database_never_send_an_email_twice(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    for n in range(3):
        await worker.receive(referral_email(subject=f"Referral {n}"))
    queued = await worker.outbox()
    sink = SlowSink()
    await sink.start()
    senders, engines = [], []
    for _ in range(2):  # as two processes: each its own engine, connections and relay
        db, sessions = await migrated(database_url)
        relay = SmtpRelay(sink.url, "bounces@broker.localhost", connections=4)
        senders.append(OutboxSender(sessions, relay, worker.clock, max_attempts=3,
                                    on_failed=_never))
        engines.append((db, relay))
    try:
        attempts = await asyncio.gather(*(sender.send_due() for sender in senders))
    finally:
        for db, relay in engines:
            await relay.close()
            await db.dispose()
        await sink.stop()
    ids = Counter(caught.message["Message-ID"] for caught in sink.caught)
    assert sorted(ids.values()) == [1] * len(queued), "every email once, none twice"
    assert set(ids) == {row.message_id for row in queued}
    assert sum(attempts) == len(queued)
    assert {row.status for row in await worker.outbox()} == {"sent"}
    if database_url.startswith("sqlite"):
        assert sorted(attempts) == [0, len(queued)]  # one process sends per database file
    await worker.db.dispose()


async def _never(_id: int, _detail: str) -> None:
    raise AssertionError("nothing fails here")


async def test_an_email_a_dead_sender_journaled_as_accepted_is_not_sent_again(
    tmp_path: Path, database_url: str, smtp_sink
) -> None:  # type: ignore[no-untyped-def]
    """A sender writes each mark to a journal the moment the relay accepts the email, and
    only then to the outbox table. Killed between the two, it leaves the journal: the next
    sender (on this machine) folds it before taking rows; a live sender's is left alone."""
    worker = await make_worker(tmp_path, database_url)
    await worker.receive(referral_email())
    queued = await worker.outbox()
    dead_senders, live_senders = queued[0], queued[1]
    var_dir = tmp_path / "var"
    if database_url.startswith("sqlite"):  # one sender at a time: its journal by the file
        journal = Path(f"{make_url(database_url).database}.outbox.sent")
        live = None
    else:  # one journal per live sender
        journal = var_dir / "outbox-journals" / "0.sent"
        journal.parent.mkdir(parents=True)
        live = open(var_dir / "outbox-journals" / "1.sent", "ab")  # noqa: SIM115
        fcntl.flock(live, fcntl.LOCK_EX)
        live.write(b"%d\n" % live_senders.id)
        live.flush()
    # The last line cut short (a crash of the machine): not a whole line, so not a mark.
    journal.write_bytes(b"%d\n%d" % (dead_senders.id, queued[2].id))
    relay = SmtpRelay(smtp_sink.url, "bounces@broker.localhost", connections=4)
    sender = OutboxSender(worker.sessions, relay, worker.clock, max_attempts=3,
                          on_failed=_never, var_dir=var_dir)
    try:
        await sender.send_due()
    finally:
        await relay.close()
        if live is not None:
            live.close()
    sent = Counter(caught.message["Message-ID"] for caught in smtp_sink.caught)
    assert dead_senders.message_id not in sent
    assert sent == Counter(row.message_id for row in queued[1:] if row.id != dead_senders.id)
    assert {row.status for row in await worker.outbox()} == {"sent"}
    assert journal.read_bytes() == b""
    await worker.db.dispose()


async def test_a_sender_that_cannot_keep_its_journal_still_sends_and_says_so(
    tmp_path: Path, postgres, smtp_sink, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    worker = await make_worker(tmp_path, await _create_database(postgres.url))
    await worker.receive(referral_email())
    queued = await worker.outbox()
    var_dir = tmp_path / "var"
    var_dir.mkdir(exist_ok=True)
    (var_dir / "outbox-journals").write_text("not a directory")
    relay = SmtpRelay(smtp_sink.url, "bounces@broker.localhost", connections=4)
    sender = OutboxSender(worker.sessions, relay, worker.clock, max_attempts=3,
                          on_failed=_never, var_dir=var_dir)
    try:
        assert await sender.send_due() == len(queued)
    finally:
        await relay.close()
        await worker.db.dispose()
    assert sorted(caught.message["Message-ID"] for caught in smtp_sink.caught) == sorted(
        row.message_id for row in queued)
    assert "outbox journals" in caplog.text and "unusable" in caplog.text


class RefusingDataSink(SmtpSink):
    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "554 5.6.0 message content refused"


async def test_the_relay_says_accepted_from_the_connection_itself_as_the_250_is_read(
    smtp_sink,
) -> None:  # type: ignore[no-untyped-def]
    """The marks after the handover are made in the connection's own callback, not when the
    sending task next runs (in a busy process, a turn of the event loop later): a kill in
    between would send the email again, or count a refused one as sent."""
    said: list[tuple[str, asyncio.Task | None]] = []

    def mark(event: str) -> None:
        said.append((event, asyncio.current_task()))  # None: a protocol callback, no task

    email = Outgoing(1, "larch.house@larchcare.example", bytes(referral_email()))
    refusing = RefusingDataSink()
    await refusing.start()
    relays = [SmtpRelay(sink.url, "bounces@broker.localhost", connections=1)
              for sink in (smtp_sink, refusing)]
    try:
        sent = await relays[0].send(email, mark)
        assert sent.outcome == "sent"
        assert [(event, task is None) for event, task in said] == [
            ("handed over", False), ("accepted", True)]
        said.clear()
        refused = await relays[1].send(email, mark)
        assert refused.outcome == "failed"
        assert [(event, task is None) for event, task in said][:2] == [
            ("handed over", False), ("refused", True)]
        assert "accepted" not in {event for event, _ in said}
    finally:
        for relay in relays:
            await relay.close()
        await refusing.stop()
    assert len(smtp_sink.caught) == 1
