"""The worker takes waiting messages in batches, one transaction each, every message in its
own savepoint: a message that fails is dead-lettered alone, the rest of its batch is kept,
each email is queued once, and a batch that dies part-way leaves every message to be
processed again from the start. On SQLite a batch reads a referral once, and again only when
a rolled-back savepoint may have undone what it read."""

from __future__ import annotations

import asyncio
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from broker.db.tables import InboundMessage, ReferralEvent, Response
from broker.views import replay_dead_letter
from tests.adapters.worker import Worker, make_worker
from tests.factories import make_settings, referral_email
from workflows.apply import _on_the_thread
from workflows.commands import SendEmail
from workflows.store import lock_referral
from workflows.txn import begin_writing

ACK = "provider/response_ack"


def _reply(row: Any) -> tuple[EmailMessage, str]:
    """A provider's decline, from its own address to the token address it was sent."""
    sent = message_from_bytes(row.raw, policy=policy.default)
    reply = EmailMessage()
    reply["From"] = row.to_addr
    reply["To"] = str(sent["Reply-To"])
    reply["Subject"] = f"RE: {sent['Subject']}"
    reply["Date"] = formatdate(localtime=True)
    reply["Message-ID"] = make_msgid(domain=row.to_addr.split("@")[1])
    reply["In-Reply-To"] = str(sent["Message-ID"])
    reply.set_content("Sorry, we have no vacancies at the moment.\n\nAnn\n")
    return reply, str(sent["Reply-To"])


async def _store_replies(worker: Worker, count: int) -> list[tuple[int, str]]:
    """`count` replies stored as the SMTP intake stores them: (inbound id, sender)."""
    stored = []
    for row in (await worker.outbox(kind="provider/referral"))[:count]:
        reply, to = _reply(row)
        stored.append((await worker.handler.store(bytes(reply), row.to_addr, [to]), row.to_addr))
    return stored


def _failing_for(worker: Worker, sender: str, error: BaseException,
                 lose_transaction: bool = False) -> None:
    """Make carrying out one sender's commands fail after its rows were written (and, as
    SQLite does on some errors, roll back the whole transaction on the way)."""
    real = worker.engine.parts.apply

    async def apply(session: Any, commands: list[Any], *, referral_id: int | None) -> Any:
        applied = await real(session, commands, referral_id=referral_id)
        if any(getattr(command, "to", "") == sender for command in commands):
            await session.flush()
            if lose_transaction:
                await (await session.connection()).exec_driver_sql("ROLLBACK")
            raise error
        return applied

    worker.engine.parts.apply = apply  # type: ignore[method-assign]


async def _rows(worker: Worker) -> dict[int, tuple[str, str]]:
    async with worker.sessions() as session:
        rows = await session.execute(select(InboundMessage.id, InboundMessage.status,
                                            InboundMessage.outcome))
        return {row[0]: (row[1], row[2]) for row in rows}


async def _count(worker: Worker, query: Any) -> int:
    async with worker.sessions() as session:
        return int((await session.execute(query)).scalar_one())


async def test_one_bad_message_is_dead_lettered_and_the_rest_of_its_batch_is_kept(
    worker: Worker, tmp_path: Path, database_url: str
) -> None:
    (good1, sender1), (bad, bad_sender), (good2, sender2) = await _store_replies(worker, 3)
    _failing_for(worker, bad_sender, RuntimeError("template exploded"))

    assert await worker.engine.process_batch() == 3  # all three in one batch

    rows = await _rows(worker)
    assert rows[good1] == rows[good2] == ("done", "response")
    assert rows[bad] == ("dead", "error")
    [letter] = await worker.dead_letters()
    assert (letter.source, letter.source_id, letter.error) == ("inbound", bad, "RuntimeError")
    # where it failed, never the error's words (an error can quote the data it failed on)
    assert "in _one" in letter.detail and "RuntimeError" in letter.detail
    assert "template exploded" not in letter.detail
    acks = await worker.outbox(kind=ACK)
    assert sorted(a.to_addr for a in acks) == sorted([sender1, sender2])
    # The bad message's savepoint took its response and its event with it.
    assert await _count(worker, select(func.count()).select_from(Response)) == 2
    assert await _count(worker, select(func.count()).select_from(ReferralEvent).where(
        ReferralEvent.kind == "response")) == 2

    # Nothing is processed twice, and the operator's replay queues the bad one's email once.
    assert await worker.engine.process_pending() == 0
    assert await replay_dead_letter(make_settings(tmp_path, database_url), letter.id or 0)
    del worker.engine.parts.apply  # the operator fixed the fault
    assert await worker.engine.process_pending() == 1
    assert (await _rows(worker))[bad] == ("done", "response")
    acks = await worker.outbox(kind=ACK)
    assert sorted(a.to_addr for a in acks) == sorted([sender1, bad_sender, sender2])


async def test_a_batch_that_dies_part_way_is_all_processed_again_once(worker: Worker) -> None:
    stored = await _store_replies(worker, 3)
    _failing_for(worker, stored[1][1], asyncio.CancelledError())  # e.g. shut down mid-batch

    with pytest.raises(asyncio.CancelledError):
        await worker.engine.process_batch()
    rows = await _rows(worker)
    assert all(rows[inbound] == ("new", "") for inbound, _ in stored)  # all rolled back
    assert await worker.outbox(kind=ACK) == [] and await worker.dead_letters() == []

    del worker.engine.parts.apply  # restarted
    assert await worker.engine.process_pending() == 3
    acks = await worker.outbox(kind=ACK)
    assert sorted(a.to_addr for a in acks) == sorted(sender for _, sender in stored)


async def test_a_batch_that_fails_as_a_whole_is_retried_one_by_one(
    worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = await _store_replies(worker, 3)
    engine = type(worker.engine.inbound)
    real = engine._one
    failures = iter([True])  # the first message's work fails outside its savepoint, once

    async def one(self: Any, session: Any, inbound: Any, *rest: Any) -> Any:
        result = await real(self, session, inbound, *rest)
        if next(failures, False):
            raise ConnectionError("the transaction was lost")
        return result

    monkeypatch.setattr(engine, "_one", one)
    assert await worker.engine.process_batch() == 3
    rows = await _rows(worker)
    assert all(rows[inbound] == ("done", "response") for inbound, _ in stored)
    assert await worker.dead_letters() == []
    acks = await worker.outbox(kind=ACK)
    assert sorted(a.to_addr for a in acks) == sorted(sender for _, sender in stored)


async def test_a_lost_transaction_marks_nothing_done_that_was_not_stored(
    tmp_path: Path, sqlite_url: str
) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    await worker.receive(referral_email())
    (good1, sender1), (bad, bad_sender), (good2, sender2) = await _store_replies(worker, 3)
    _failing_for(worker, bad_sender, RuntimeError("disk full"), lose_transaction=True)

    assert await worker.engine.process_batch() == 3  # failed as a whole, then one by one

    rows = await _rows(worker)
    assert rows[good1] == rows[good2] == ("done", "response")
    assert rows[bad] == ("dead", "error")
    [letter] = await worker.dead_letters()
    assert letter.source_id == bad  # its savepoint could not be rolled back: the batch was
    assert letter.error == "OperationalError" and "SAVEPOINT" in letter.detail  # lost too
    acks = await worker.outbox(kind=ACK)
    assert sorted(a.to_addr for a in acks) == sorted([sender1, sender2])
    assert await _count(worker, select(func.count()).select_from(Response)) == 2
    await worker.db.dispose()


async def test_replies_to_one_referral_in_one_batch_lock_it_each_time_or_read_it_once(
    worker: Worker, database_url: str
) -> None:
    """PostgreSQL locks the referral's row for every reply; SQLite's batch already holds
    the database's write lock, so the referral is read once for the batch."""
    stored = await _store_replies(worker, 3)
    locks = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.startswith("SELECT referral.id") and "WHERE referral.id =" in statement:
            locks.append(statement)

    event.listen(worker.db.sync_engine, "before_cursor_execute", seen)
    try:
        assert await worker.engine.process_batch() == 3
    finally:
        event.remove(worker.db.sync_engine, "before_cursor_execute", seen)

    rows = await _rows(worker)
    assert all(rows[inbound] == ("done", "response") for inbound, _ in stored)
    postgresql = database_url.startswith("postgresql")
    assert len(locks) == (3 if postgresql else 1)
    assert all("FOR UPDATE" in lock for lock in locks) == postgresql


async def test_a_referral_changed_in_a_rolled_back_savepoint_is_read_again(
    worker: Worker,
) -> None:
    [referral] = await worker.referrals()
    async with worker.sessions() as session:
        await begin_writing(session)
        row = await lock_referral(session, referral.id or 0)
        assert row is not None and row.state == "open"
        savepoint = await session.begin_nested()
        row.state = "closed"
        await session.flush()
        await savepoint.rollback()  # e.g. the message that changed it was dead-lettered

        again = await lock_referral(session, referral.id or 0)
        assert again is not None and again.state == "open"
        savepoint = await session.begin_nested()
        again.state = "closed"
        await savepoint.commit()  # kept: the next decision in the batch sees it
        assert (await lock_referral(session, referral.id or 0)).state == "closed"  # type: ignore[union-attr]
        await session.rollback()


async def test_an_email_on_the_thread_is_threaded_from_the_referral_row_the_session_holds(
    worker: Worker,
) -> None:
    """Queuing a decision's emails takes the referral's thread and referrer from the row the
    decision locked, as changed and not yet written (no SELECT: a statement less a reply),
    and reads them afresh when the session no longer holds them as read."""
    [referral] = await worker.referrals()
    first, other = referral.thread[0], "new.worker@northby.example.gov.uk"
    to_her = SendEmail("test:thread", "social_worker/late_response", other, {},
                       in_reply_to="<hers@northby.example.gov.uk>")
    threaded = ("<hers@northby.example.gov.uk>", (first, "<hers@northby.example.gov.uk>"))
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.startswith("SELECT referral.thread"):
            reads.append(statement)

    event.listen(worker.db.sync_engine, "before_cursor_execute", seen)
    try:
        async with worker.sessions() as session:
            await begin_writing(session)
            row = await lock_referral(session, referral.id or 0)
            assert row is not None
            row.referrer = other  # a decision's change, flushed with the savepoint
            [email] = await _on_the_thread(session, [to_her], referral.id)
            assert (email.in_reply_to, email.references) == threaded and reads == []
            await session.flush()
            session.expire(row)  # e.g. by a rolled-back savepoint
            [email] = await _on_the_thread(session, [to_her], referral.id)
            assert (email.in_reply_to, email.references) == threaded and len(reads) == 1
            await session.rollback()
        async with worker.sessions() as session:  # holding nothing: read
            [email] = await _on_the_thread(session, [to_her], referral.id)
            assert (email.in_reply_to, email.references) == (
                "<hers@northby.example.gov.uk>", ()) and len(reads) == 2
    finally:
        event.remove(worker.db.sync_engine, "before_cursor_execute", seen)
