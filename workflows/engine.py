"""The thin async engine: take a stored message, read it, decide, commit state + commands.

Each inbound message is processed in one transaction: the referral's new state, its events
and every email it causes are committed together, so a crash at any point either leaves the
message `new` (it is processed again, once) or done with everything it caused in the outbox.
An unexpected error rolls back and dead-letters the message with its error; it can be
replayed with `broker dead-letters replay ID`.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.clock import Clock
from broker.db.tables import DeadLetter, Deadline, InboundMessage, Referral, ReferralEvent
from broker.tokens import reply_address
from workflows.apply import Applied, Renderer, apply_commands
from workflows.intake import (
    FormMessage,
    IntakeContext,
    ReferralState,
    decide_referral_message,
)
from workflows.routing import route_inbound

log = logging.getLogger("broker.engine")
LOCAL = ZoneInfo("Europe/London")


@dataclass
class EngineParts:
    """What the engine is handed by the composition root."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    directory: Any
    referral_spec: Any
    secret: bytes
    mail_domain: str
    window_for: Callable[[str], timedelta]
    render: Renderer
    on_emails_queued: Callable[[], None] = lambda: None
    on_deadline_set: Callable[[], None] = lambda: None


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts

    def today(self) -> date:
        return self.parts.clock.now().astimezone(LOCAL).date()

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
                await self._dead_letter(inbound_id, error)
                return True
        self._after_commit(applied)
        return True

    async def _process(self, session: AsyncSession, inbound: InboundMessage) -> Applied:
        route = route_inbound(inbound, self.parts)
        now = self.parts.clock.now()
        inbound.processed_at = now
        inbound.status = "done"
        inbound.message_id = route.message.message_id[:400]
        if route.kind == "referral":
            return await self._referral_message(session, inbound, route)
        inbound.outcome = route.outcome
        return await apply_commands(session, route.commands, referral_id=None, now=now,
                                    render=self.parts.render)

    async def _referral_message(
        self, session: AsyncSession, inbound: InboundMessage, route: Any
    ) -> Applied:
        now = self.parts.clock.now()
        referral = await route.find_thread(session)
        if referral is None and not (route.message.fields or route.message.problems):
            route.refuse("no-form")
            inbound.outcome = route.outcome
            return await apply_commands(session, route.commands, referral_id=None, now=now,
                                        render=self.parts.render)
        if referral is None:
            referral = await _new_referral(session, route, now)
        message = route.form_message(thread=referral.state != "new")
        state = ReferralState(referral.state, referral.reference or "", referral.referrer,
                              dict(referral.raw_fields))
        context = IntakeContext(
            now=now, today=self.today(), authority=route.authority,
            directory=self.parts.directory, spec=self.parts.referral_spec,
            window_for=self.parts.window_for,
            reply_address=lambda key: reply_address(
                self.parts.secret, referral.id or 0, key, self.parts.mail_domain),
        )
        decision = decide_referral_message(state, message, context)
        _store_state(referral, decision, message)
        inbound.outcome = decision.outcome
        inbound.referral_id = referral.id
        session.add(ReferralEvent(referral_id=referral.id or 0, at=now, kind="message-received",
                                  data={"inbound": inbound.id, "outcome": decision.outcome}))
        await route.link_thread(session, referral.id)
        log.info("referral %s: %s", referral.reference, decision.outcome)
        return await apply_commands(session, decision.commands, referral_id=referral.id,
                                    now=now, render=self.parts.render)

    async def _dead_letter(self, inbound_id: int | None, error: Exception) -> None:
        log.error("inbound %s dead-lettered: %s", inbound_id, type(error).__name__)
        async with self.parts.sessions() as session:
            await session.execute(
                update(InboundMessage).where(InboundMessage.id == inbound_id)
                .values(status="dead", outcome="error"))
            session.add(DeadLetter(source="inbound", source_id=inbound_id or 0,
                                   at=self.parts.clock.now(), error=type(error).__name__,
                                   detail="".join(traceback.format_exception(error))[-8000:]))
            await session.commit()

    def _after_commit(self, applied: Applied) -> None:
        if applied.emails:
            self.parts.on_emails_queued()
        if applied.deadlines:
            self.parts.on_deadline_set()

    async def fire_deadline(self, deadline_id: int) -> bool:
        """Act on a deadline exactly once, whichever process gets there first."""
        now = self.parts.clock.now()
        async with self.parts.sessions() as session:
            claimed = await session.execute(
                update(Deadline).where(Deadline.id == deadline_id, Deadline.status == "pending")
                .values(status="fired", fired_at=now))
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                await session.rollback()
                return False
            deadline = await session.get(Deadline, deadline_id)
            referral = await session.get(Referral, deadline.referral_id) if deadline else None
            if deadline and referral and deadline.kind == "close" and referral.state == "open":
                referral.state = "closed"
                session.add(ReferralEvent(referral_id=referral.id or 0, at=now, kind="closed",
                                          data={"deadline": deadline.due_at.isoformat()}))
            await session.commit()
        return True

    async def due_deadlines(self) -> list[tuple[int, datetime]]:
        async with self.parts.sessions() as session:
            rows = await session.execute(
                select(Deadline.id, Deadline.due_at).where(Deadline.status == "pending"))
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


async def _new_referral(session: AsyncSession, route: Any, now: datetime) -> Referral:
    referral = Referral(state="new", authority=route.authority.key, referrer=route.sender,
                        subject=route.message.subject[:300], created_at=now)
    session.add(referral)
    await session.flush()
    referral.reference = f"REF-{now.year}-{referral.id:06d}"
    return referral


def _store_state(referral: Referral, decision: Any, message: FormMessage) -> None:
    referral.state = decision.state.state
    referral.raw_fields = dict(decision.state.raw_fields)
    if decision.state.anonymised:
        referral.anonymised = decision.state.anonymised
        referral.urgency = decision.state.anonymised["profile"].get("urgency") or ""
        referral.deadline_at = decision.state.deadline
        referral.broadcast_at = decision.state.broadcast_at


async def report_delivery_failure(engine: Engine, outbox_id: int, detail: str) -> None:
    """A permanent delivery failure: recorded on the referral and told to its placements team."""
    from broker.db.tables import Outbox  # local: only this path needs the outbox table
    from workflows.commands import RecordEvent, SendEmail

    parts = engine.parts
    now = parts.clock.now()
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
        applied = await apply_commands(session, commands, referral_id=referral.id, now=now,
                                       render=parts.render)
        await session.commit()
    engine._after_commit(applied)
