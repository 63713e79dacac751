"""The inbound worker: take stored messages in batches and hand each to the engine.

Waiting messages are taken in batches (up to `BATCH`) in one transaction, each processed
inside its own savepoint: the mailroom routes it (workflows/mailroom.py), the engine
decides (`Engine.handle_in`), and the referral's new state, its events and every email it
causes are committed together with the message's `done`, once per batch. A crash at any
point rolls the whole batch back, so its messages stay `new` and are processed again, once
(their outbox rows never committed). An unexpected error rolls back only that message's
savepoint and dead-letters it, with its error, in the same transaction; it can be replayed
with `broker dead-letters replay ID`. If a batch fails as a whole, its messages are retried
one by one, so one poisonous message cannot hold up the others. On SQLite the batch takes
the write lock first (`BEGIN IMMEDIATE`); on PostgreSQL the claim is `FOR UPDATE SKIP LOCKED`.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage
from workflows.apply import Applied
from workflows.events import ReplyReceived
from workflows.intake import decide_unaddressed
from workflows.mailroom import key_of, link_thread, route
from workflows.txn import dead_letter_row

log = logging.getLogger("broker.inbound")

BATCH = 50  # inbound messages per transaction
# What the worker writes back to a message row (once per batch, for the whole batch).
RESULT_COLUMNS = ("status", "outcome", "message_id", "referral_id", "processed_at")

# Built once: building a statement costs more than running it on SQLite.
_NEW = InboundMessage.status == "new"
_WAITING = select(InboundMessage.id).where(_NEW).limit(1)
_CLAIM = (select(InboundMessage).where(_NEW).order_by(InboundMessage.id)
          .limit(bindparam("size")).with_for_update(skip_locked=True))
_CLAIM_ONE = (select(InboundMessage).where(_NEW, InboundMessage.id == bindparam("only"))
              .with_for_update(skip_locked=True))
_INBOUND = InboundMessage.__table__
_WRITE_BACK = (update(_INBOUND).where(_INBOUND.c.id == bindparam("b_id"))
               .values({name: bindparam(f"b_{name}") for name in RESULT_COLUMNS}))


class InboundWorker:
    """`engine` is the workflows.engine.Engine it hands each message to."""

    batch = BATCH

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.parts = engine.parts

    async def process_pending(self, limit: int = 100) -> int:
        """Process waiting messages in batches; returns how many were taken."""
        done = 0
        while done < limit:
            size = min(BATCH, limit - done)
            taken = await self.process_batch(size)
            done += taken
            if taken < size:  # the queue was empty when the batch was claimed
                break
        return done

    async def process_batch(self, size: int = BATCH) -> int:
        """Claim up to `size` waiting messages and process them in one transaction."""
        claimed: list[int] = []
        try:
            return await self._batch(size, claimed)
        except Exception as error:  # the batch as a whole failed: nothing of it committed
            if not claimed:
                raise  # nothing was claimed (e.g. no database): the caller retries later
            log.error("inbound batch of %s rolled back (%s); taking them one by one",
                      len(claimed), type(error).__name__)
            for inbound_id in claimed:
                await self._alone(inbound_id)
            return len(claimed)

    async def _alone(self, inbound_id: int) -> None:
        try:
            await self._batch(1, [], only=inbound_id)
        except Exception as error:  # even on its own: keep it, say so, go on
            await self.engine.dead_letter("inbound", inbound_id, error)

    async def _batch(self, size: int, claimed: list[int], only: int | None = None) -> int:
        async with self.parts.sessions() as session:
            if not await _begin_writing(session, only):
                return 0
            batch = await _claim(session, size, only)
            claimed.extend(inbound.id or 0 for inbound in batch)
            if not batch:
                return 0
            applied = Applied()
            results = [await self._one(session, inbound, applied) for inbound in batch]
            await session.execute(_WRITE_BACK, results)  # one executemany for the batch
            await session.commit()
        self.engine.after_commit(applied)
        return len(batch)

    async def _one(self, session: AsyncSession, inbound: InboundMessage,
                   applied: Applied) -> dict[str, Any]:
        """One message in its own savepoint; an unexpected error rolls back only that and
        dead-letters the message. Returns the values to write back to its row."""
        before = _values(inbound)
        savepoint = await session.begin_nested()
        try:
            done = await self._process(session, inbound)
            await savepoint.commit()
        except Exception as error:  # an operator's problem: keep it, say so, go on
            # Unguarded: should even this fail (the transaction itself was lost), the whole
            # batch fails and is rolled back, and its messages are retried one by one.
            await savepoint.rollback()
            log.error("inbound %s dead-lettered: %s", inbound.id, type(error).__name__)
            session.add(dead_letter_row("inbound", inbound.id, error, self.parts.clock.now()))
            return {"b_id": inbound.id, **before, "b_status": "dead", "b_outcome": "error"}
        applied.emails += done.emails
        applied.slack += done.slack
        applied.deadlines.extend(done.deadlines)
        return {"b_id": inbound.id, **_values(inbound)}

    async def _process(self, session: AsyncSession, inbound: InboundMessage) -> Applied:
        routed = await route(session, inbound, self.parts)
        inbound.processed_at = self.parts.clock.now()
        inbound.status = "done"
        message_id = routed.form.message_id if routed.form else ""
        inbound.message_id = message_id[:400]
        if routed.event is None:
            inbound.outcome = routed.unaddressed
            assert routed.form is not None
            commands = decide_unaddressed(routed.unaddressed, routed.form, key_of(inbound),
                                          f"referrals@{self.parts.mail_domain}")
            return await self.parts.apply(session, commands, referral_id=None)
        handled = await self.engine.handle_in(session, routed.referral_id, routed.event)
        inbound.outcome = handled.answer.outcome
        inbound.referral_id = handled.referral_id
        if not isinstance(routed.event, ReplyReceived):
            await link_thread(session, message_id, handled.referral_id)
        return handled.applied


async def _begin_writing(session: AsyncSession, only: int | None) -> bool:
    """SQLite: begin the batch's transaction now, holding the write lock (BEGIN IMMEDIATE),
    unless a plain read finds nothing waiting (False: no lock taken for nothing)."""
    if session.get_bind().dialect.name != "sqlite":
        return True  # PostgreSQL: the claim below locks its rows (FOR UPDATE SKIP LOCKED)
    connection = await session.connection()
    if only is None and (await connection.execute(_WAITING)).first() is None:
        return False
    await connection.exec_driver_sql("BEGIN IMMEDIATE")
    return True


async def _claim(session: AsyncSession, size: int, only: int | None) -> list[InboundMessage]:
    """The oldest waiting messages, detached: handlers set their outcome freely and the
    batch writes each row back once (no autoflush UPDATEs along the way)."""
    if only is None:
        rows = await session.execute(_CLAIM, {"size": size})
    else:
        rows = await session.execute(_CLAIM_ONE, {"only": only})
    batch = list(rows.scalars())
    session.expunge_all()
    return batch


def _values(inbound: InboundMessage) -> dict[str, Any]:
    return {f"b_{name}": getattr(inbound, name) for name in RESULT_COLUMNS}
