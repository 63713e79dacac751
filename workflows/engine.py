"""The thin async engine: one entry, `Engine.handle(referral_id, event)`, for every channel.

`handle` locks the referral, loads its snapshot, decides (workflows/lifecycle.py), stores
the decision and its commands, commits, and then wakes whatever must act after the commit
(the outbox sender, the Slack sender, the scheduler). SMTP, Slack, the web pages, the
scheduler and the command line all come through it; only the commit differs for inbound
mail, which is taken in batches (workflows/inbound.py) with the same `handle_in` inside.

An event the lifecycle table does not allow in the referral's state is answered, not
failed: whoever sent it is told what the referral is doing now. Anything unexpected is the
operator's problem: dead-lettered with its error, replayable.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Deadline, InboundMessage, Outbox, Referral
from workflows.apply import Applied
from workflows.commands import RecordEvent, SendEmail
from workflows.events import DeadlineDue, DeadlineKind, Event, FormReceived, ReplyReceived
from workflows.inbound import InboundWorker
from workflows.lifecycle import IllegalTransition, decide
from workflows.parts import EngineParts
from workflows.responses import note
from workflows.snapshot import Answer, Snapshot, refused
from workflows.states import State
from workflows.store import load_snapshot, lock_referral, needs_live_directory, store_decision
from workflows.txn import begin_writing, dead_letter_row

log = logging.getLogger("broker.engine")

__all__ = ["Engine", "EngineParts", "Handled"]


@dataclass
class Handled:
    """What `handle` did: the answer for whoever acted, and what to wake after the commit."""

    answer: Answer
    referral_id: int | None = None
    reference: str = ""
    applied: Applied = field(default_factory=Applied)


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts
        self.inbound = InboundWorker(self)

    async def process_pending(self, limit: int = 100) -> int:
        """Stored inbound messages, in batches (workflows/inbound.py)."""
        return await self.inbound.process_pending(limit)

    async def process_batch(self, size: int | None = None) -> int:
        return await self.inbound.process_batch(size or self.inbound.batch)

    async def handle(self, referral_id: int | None, event: Event) -> Handled:
        """The one entry: lock → load → decide → store → commit → notify."""
        async with self.parts.sessions() as session:
            await begin_writing(session)
            handled = await self.handle_in(session, referral_id, event)
            await session.commit()
        self.after_commit(handled.applied)
        return handled

    async def handle_reference(self, reference: str, event: Event) -> Handled:
        """`handle`, for adapters that know the referral by its reference."""
        async with self.parts.sessions() as session:
            found = (await session.execute(select(Referral.id).where(
                Referral.reference == reference.upper()))).first()
        if found is None:
            return Handled(Answer(False, "unknown-referral",
                                  f"There is no referral {reference}."))
        return await self.handle(found[0], event)

    async def snapshot(self, reference: str) -> Snapshot | None:
        """A referral's whole snapshot, to look at (nothing is locked or changed)."""
        async with self.parts.sessions() as session:
            row = (await session.execute(select(Referral).where(
                Referral.reference == reference.upper()))).scalars().first()
            if row is None:
                return None
            return await load_snapshot(session, row, None, self.parts.world())

    async def handle_in(self, session: AsyncSession, referral_id: int | None,
                        event: Event) -> Handled:
        """`handle` inside the caller's transaction (which commits and notifies)."""
        parts = self.parts
        live = needs_live_directory(event)
        world = parts.world(await parts.current_directory(session) if live else None)
        if referral_id is None and isinstance(event, FormReceived):
            row = await self._create(session, event, world.now)
        else:
            row = await lock_referral(session, referral_id) if referral_id else None
        if row is None:
            return await self._no_referral(session, event)
        before = await load_snapshot(session, row, event, world)
        try:
            decision = decide(before, event)
        except IllegalTransition as error:
            if error.reached is not None:  # a step answered outside the table: a bug
                raise
            decision = refused(before, event, f"{error}.", "illegal-transition",
                               "not-now")
        await store_decision(session, row, before, decision, event, world.now)
        applied = await parts.apply(session, decision.commands, referral_id=row.id)
        log.info("referral %s: %s %s (%s)", row.reference, type(event).__name__,
                 decision.answer.outcome, decision.rule)
        return Handled(decision.answer, row.id, row.reference or "", applied)

    async def _create(self, session: AsyncSession, event: FormReceived,
                      now: datetime) -> Referral:
        authority = self.parts.directory.authority_for_sender(event.actor.address)
        referral = Referral(state=str(State.NEW), authority=authority.key if authority else "",
                            referrer=event.actor.address, subject=event.form.subject[:300],
                            created_at=now)
        referral.reference = await self._unused_reference(session, now.year)
        session.add(referral)
        await session.flush()
        return referral

    @staticmethod
    async def _unused_reference(session: AsyncSession, year: int) -> str:
        """`REF-YYYY-NNNNNN` with a random number: a reference tells nobody how many there
        are or which comes next (the unique column is the last word on a clash)."""
        for _ in range(50):
            reference = f"REF-{year}-{secrets.randbelow(1_000_000):06d}"
            taken = (await session.execute(select(Referral.id).where(
                Referral.reference == reference))).first()
            if taken is None:
                return reference
        raise RuntimeError(f"no free reference for {year}")

    async def _no_referral(self, session: AsyncSession, event: Event) -> Handled:
        """A signed token or a reference naming no referral (or none any more)."""
        commands = (note("provider/referral_unknown", event.reply, event.key)
                    if isinstance(event, ReplyReceived) else [])
        applied = await self.parts.apply(session, commands, referral_id=None)
        return Handled(Answer(False, "unknown-referral", "There is no such referral."),
                       applied=applied)

    def after_commit(self, applied: Applied) -> None:
        if applied.emails:
            self.parts.on_emails_queued()
        if applied.slack:
            self.parts.on_slack_queued()
        if applied.deadlines:
            self.parts.on_deadline_set()

    # --- deadlines ----------------------------------------------------------------------

    async def fire_deadline(self, deadline_id: int) -> bool:
        """Act on a deadline once it is due by the service's clock, exactly once, whichever
        process claims it first."""
        now = self.parts.clock.now()
        async with self.parts.sessions() as session:
            await begin_writing(session)
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
                handled = await self._deadline(session, deadline)
                await session.commit()
            except Exception as error:  # kept as failed, not retried every sweep; replayable
                await session.rollback()
                await self.dead_letter("deadline", deadline_id, error)
                return False
        self.after_commit(handled.applied)
        return True

    async def _deadline(self, session: AsyncSession, deadline: Deadline) -> Handled:
        if deadline.subject != "referral":
            handler = self.parts.deadline_handlers.get(deadline.subject)
            if handler is None:
                raise LookupError(f"no handler for {deadline.subject} deadlines")
            return await handler(self, session, deadline)  # type: ignore[no-any-return]
        event = DeadlineDue(kind=DeadlineKind(deadline.kind), wave=deadline.wave,
                            seq=deadline.seq, key=f"deadline:{deadline.id}")
        return await self.handle_in(session, deadline.subject_id, event)

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

    # --- what failed --------------------------------------------------------------------

    async def report_delivery_failure(self, outbox_id: int, detail: str) -> None:
        """A permanent delivery failure: recorded on the referral and told to its
        placements team (unless the notice to the team is itself what failed)."""
        parts = self.parts
        async with parts.sessions() as session:
            row = await session.get(Outbox, outbox_id)
            referral = (await session.get(Referral, row.referral_id)
                        if row and row.referral_id else None)
            authority = parts.directory.authority(referral.authority) if referral else None
            if row is None or authority is None or row.kind.startswith("placements_team/"):
                return
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
        self.after_commit(applied)

    async def dead_letter(self, source: str, source_id: int | None, error: Exception) -> None:
        log.error("%s %s dead-lettered: %s", source, source_id, type(error).__name__)
        async with self.parts.sessions() as session:
            if source == "inbound":
                await session.execute(
                    update(InboundMessage).where(InboundMessage.id == source_id)
                    .values(status="dead", outcome="error"))
            elif source == "deadline":
                await session.execute(update(Deadline).where(Deadline.id == source_id)
                                      .values(status="failed"))
            session.add(dead_letter_row(source, source_id, error, self.parts.clock.now()))
            await session.commit()
