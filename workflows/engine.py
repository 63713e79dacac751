"""The thin async engine: take stored messages or a due deadline, decide, commit.

Waiting inbound messages are taken in batches (up to `BATCH`) in one transaction, each
processed inside its own savepoint: a referral's new state, its events and every email it
causes are committed together with the message's `done`, once per batch. A crash at any
point rolls the whole batch back, so its messages stay `new` and are processed again, once
(their outbox rows never committed). An unexpected error rolls back only that message's
savepoint and dead-letters it, with its error, in the same transaction; it can be replayed
with `broker dead-letters replay ID`. If a batch fails as a whole (its transaction lost),
its messages are retried one by one, so one poisonous message cannot hold up the others.
On SQLite the batch takes the write lock first (`BEGIN IMMEDIATE`), since the driver would
otherwise begin only at the first write; on PostgreSQL the claim is `FOR UPDATE SKIP
LOCKED`. Deadlines are claimed in the database, so of several processes exactly one acts.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import DeadLetter, Deadline, InboundMessage, Outbox, Referral
from broker.tokens import read_token
from workflows.apply import Applied
from workflows.commands import RecordEvent, SendEmail
from workflows.on_deadline import handle_deadline
from workflows.on_referral import handle_referral_mail
from workflows.on_reply import handle_reply, token_from_thread
from workflows.parts import EngineParts
from workflows.routing import route_inbound

log = logging.getLogger("broker.engine")

__all__ = ["BATCH", "Engine", "EngineParts", "report_delivery_failure"]

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


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts

    def today(self) -> date:
        return self.parts.today()

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

    async def process_next(self) -> bool:
        """Process the oldest waiting message on its own; False when none is waiting."""
        return await self.process_batch(1) > 0

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
            await self._dead_letter("inbound", inbound_id, error)

    async def _batch(self, size: int, claimed: list[int], only: int | None = None) -> int:
        async with self.parts.sessions() as session:
            if not await _begin_writing(session, only):
                return 0
            batch = await _claim(session, size, only)
            claimed.extend(inbound.id or 0 for inbound in batch)
            if not batch:
                return 0
            applied = Applied()
            results = []
            for inbound in batch:
                results.append(await self._one(session, inbound, applied))
            await session.execute(_WRITE_BACK, results)  # one executemany for the batch
            await session.commit()
        self._after_commit(applied)
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
            session.add(_letter("inbound", inbound.id, error, self.parts.clock.now()))
            return {"b_id": inbound.id, **before, "b_status": "dead", "b_outcome": "error"}
        applied.emails += done.emails
        applied.slack += done.slack
        applied.deadlines.extend(done.deadlines)
        return {"b_id": inbound.id, **_values(inbound)}

    async def _process(self, session: AsyncSession, inbound: InboundMessage) -> Applied:
        route = route_inbound(inbound, self.parts)
        inbound.processed_at = self.parts.clock.now()
        inbound.status = "done"
        inbound.message_id = route.message.message_id[:400]
        token = None
        if route.kind == "reply":
            token = read_token(self.parts.secret, route.recipient_token)
        elif route.kind == "unusable" and route.outcome == "refused":
            token = await token_from_thread(session, route.message)  # a reply sent elsewhere
        if token is not None:
            return await handle_reply(self.parts, session, inbound, token,
                                      route.reply_message())
        if route.kind == "referral":
            return await handle_referral_mail(self.parts, session, inbound, route)
        inbound.outcome = route.outcome
        return await self.parts.apply(session, route.commands, referral_id=None)

    async def _dead_letter(self, source: str, source_id: int | None, error: Exception) -> None:
        log.error("%s %s dead-lettered: %s", source, source_id, type(error).__name__)
        async with self.parts.sessions() as session:
            if source == "inbound":
                await session.execute(
                    update(InboundMessage).where(InboundMessage.id == source_id)
                    .values(status="dead", outcome="error"))
            elif source == "deadline":
                await session.execute(update(Deadline).where(Deadline.id == source_id)
                                      .values(status="failed"))
            session.add(_letter(source, source_id, error, self.parts.clock.now()))
            await session.commit()

    def _after_commit(self, applied: Applied) -> None:
        if applied.emails:
            self.parts.on_emails_queued()
        if applied.slack:
            self.parts.on_slack_queued()
        if applied.deadlines:
            self.parts.on_deadline_set()

    async def fire_deadline(self, deadline_id: int) -> bool:
        """Act on a deadline once it is due by the service's clock, exactly once, whichever
        process claims it first."""
        now = self.parts.clock.now()
        async with self.parts.sessions() as session:
            claimed = await session.execute(
                update(Deadline).where(Deadline.id == deadline_id, Deadline.status == "pending",
                                       Deadline.due_at <= now)
                .values(status="fired", fired_at=now))
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                await session.rollback()
                return False
            deadline = await session.get(Deadline, deadline_id)
            assert deadline is not None
            try:
                applied = await handle_deadline(self.parts, session, deadline)
                await session.commit()
            except Exception as error:  # kept as failed, not retried every sweep; replayable
                await session.rollback()
                await self._dead_letter("deadline", deadline_id, error)
                return False
        self._after_commit(applied)
        return True

    async def due_deadlines(self) -> list[tuple[int, datetime]]:
        async with self.parts.sessions() as session:
            rows = await session.execute(
                select(Deadline.id, Deadline.due_at).where(Deadline.status == "pending")
                .order_by(Deadline.due_at))
            return [(row[0], row[1]) for row in rows]

    async def fire_due(self) -> int:
        """Fire every pending deadline whose time has come (also those missed while down)."""
        now = self.parts.clock.now()
        fired = 0
        for deadline_id, due_at in await self.due_deadlines():
            if due_at <= now and await self.fire_deadline(deadline_id):
                fired += 1
        return fired


async def _begin_writing(session: AsyncSession, only: int | None) -> bool:
    """SQLite: begin the batch's transaction now, holding the write lock (BEGIN IMMEDIATE),
    unless a plain read finds nothing waiting (False: no lock taken for nothing). The driver
    would begin only at the first write, leaving the claim outside the transaction and a
    savepoint able to start (and its release to commit) a transaction of its own."""
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


def _letter(source: str, source_id: int | None, error: Exception, now: datetime) -> DeadLetter:
    return DeadLetter(source=source, source_id=source_id or 0, at=now,
                      error=type(error).__name__,
                      detail="".join(traceback.format_exception(error))[-8000:])


async def report_delivery_failure(engine: Engine, outbox_id: int, detail: str) -> None:
    """A permanent delivery failure: recorded on the referral and told to its placements team."""
    parts = engine.parts
    async with parts.sessions() as session:
        row = await session.get(Outbox, outbox_id)
        referral = await session.get(Referral, row.referral_id) if row and row.referral_id else None
        authority = parts.directory.authority(referral.authority) if referral else None
        if row is None or authority is None or row.kind.startswith("placements_team/"):
            return  # nobody to tell, or the notice itself failed: the log has it
        commands = [
            RecordEvent("delivery-failed", {"to": row.to_addr, "error": detail[:300]}),
            SendEmail(key=f"delivery-failed:{outbox_id}",
                      template="placements_team/delivery_failed",
                      to=authority.placements_team,
                      context={"reference": referral.reference, "recipient": row.to_addr,
                               "error": detail[:300]}),
        ]
        applied = await parts.apply(session, commands, referral_id=referral.id)
        await session.commit()
    engine._after_commit(applied)
