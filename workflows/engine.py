"""The thin async engine: take a stored message or a due deadline, decide, commit.

Each inbound message is processed in one transaction: the referral's new state, its events
and every email it causes are committed together, so a crash at any point either leaves the
message `new` (it is processed again, once) or done with everything it caused in the outbox.
An unexpected error rolls back and dead-letters the message with its error; it can be
replayed with `broker dead-letters replay ID`. Deadlines are claimed in the database, so of
several processes exactly one acts on each.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date, datetime

from sqlalchemy import select, update
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

__all__ = ["Engine", "EngineParts", "report_delivery_failure"]


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts

    def today(self) -> date:
        return self.parts.today()

    async def process_pending(self, limit: int = 100) -> int:
        """Process waiting messages one by one; returns how many were taken."""
        done = 0
        while done < limit and await self.process_next():
            done += 1
        return done

    async def process_next(self) -> bool:
        async with self.parts.sessions() as session:
            inbound = await _claim_next(session)
            if inbound is None:
                return False
            inbound_id = inbound.id
            try:
                applied = await self._process(session, inbound)
                await session.commit()
            except Exception as error:  # an operator's problem: keep it, say so, go on
                await session.rollback()
                await self._dead_letter("inbound", inbound_id, error)
                return True
        self._after_commit(applied)
        return True

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
            return await handle_reply(self.parts, session, inbound, token)
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
            session.add(DeadLetter(source=source, source_id=source_id or 0,
                                   at=self.parts.clock.now(), error=type(error).__name__,
                                   detail="".join(traceback.format_exception(error))[-8000:]))
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


async def _claim_next(session: AsyncSession) -> InboundMessage | None:
    query = (select(InboundMessage).where(InboundMessage.status == "new")
             .order_by(InboundMessage.id).limit(1).with_for_update(skip_locked=True))
    return (await session.execute(query)).scalars().first()


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
