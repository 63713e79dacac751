"""The thin async engine: one entry, `Engine.handle(referral_id, event)`, for every channel.

`handle` locks the referral, loads its snapshot, decides (workflows/lifecycle.py), stores
the decision and its commands, commits, and then wakes whatever must act after the commit
(the outbox sender, the Slack sender, the scheduler). SMTP, Slack, the web pages, the
scheduler and the command line all come through it; only the commit differs for inbound
mail, which is taken in batches (workflows/inbound.py) with the same `handle_in` inside.

The market's workflows (lists that reopen, applications, providers' vacancies and pauses:
workflows/market/) come through the same entry and the same runner (`_run`): the
composition root registers them as subjects for their events (workflows/subjects.py).

An event the lifecycle table does not allow in the referral's state is answered, not
failed: whoever sent it is told what the referral is doing now. Anything unexpected is the
operator's problem: dead-lettered with its error, replayable.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Deadline, InboundMessage, Outbox, Referral
from workflows.answer_limits import answering_proved_mail
from workflows.bounces import delivery_failed
from workflows.events import DeadlineDue, DeadlineKind, Event, FormReceived, QuestionAnswered
from workflows.inbound import InboundWorker
from workflows.parts import EngineParts
from workflows.snapshot import Answer, Snapshot
from workflows.store import load_snapshot, lock_referral
from workflows.subjects import Handled, ReferralSubject, Subject, label
from workflows.txn import begin_writing, dead_letter_row, refused_for_now

log = logging.getLogger("broker.engine")
# A form is read, matched and anonymised in its decision: a second or more of CPU for a long
# referral. Decided in a worker thread, so the loop goes on answering /healthz, the web pages
# and Slack (which waits 3 s) meanwhile; the decision stays pure, and every other event, a
# few milliseconds to decide, stays on the loop, where a thread's round trip would cost more.
# The console's answer to a home's questions is anonymised to be checked (up to 4,000
# characters): off the loop too.
DECIDED_OFF_THE_LOOP = (FormReceived, QuestionAnswered)

__all__ = ["Engine", "EngineParts", "Handled"]


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts
        self.inbound = InboundWorker(self)
        self.referrals = ReferralSubject(parts)

    async def process_pending(self, limit: int = 100, lane: str | None = None) -> int:
        """Stored inbound messages, in batches, of one lane or all (workflows/inbound.py)."""
        return await self.inbound.process_pending(limit, lane)

    async def process_batch(self, size: int | None = None) -> int:
        return await self.inbound.process_batch(size or self.inbound.batch)

    async def handle(self, referral_id: int | None, event: Event) -> Handled:
        """The one entry: lock → load → decide → store → commit → notify. The subject is
        the referral, unless the event belongs to another workflow (`parts.subjects`)."""
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

    async def handle_in(self, session: AsyncSession, referral_id: Any,
                        event: Event) -> Handled:
        """`handle` inside the caller's transaction (which commits and notifies)."""
        subject = self.parts.subjects.get(type(event), self.referrals)
        return await self._run(session, subject, referral_id, event)

    async def _run(self, session: AsyncSession, subject: Subject, subject_id: Any,
                   event: Event) -> Handled:
        """The sequence every workflow shares: lock → load → decide → store → apply."""
        world = await subject.world(session, event)
        row = await subject.open(session, subject_id, event, world)
        if row is None:
            return await subject.missing(session, event)
        before = await subject.load(session, row, event, world)
        decision = (await asyncio.to_thread(subject.decide, before, event)
                    if isinstance(event, DECIDED_OFF_THE_LOOP)
                    else subject.decide(before, event))
        # answers to a proved sender draw on their own budget (workflows/answer_limits.py)
        decision = replace(decision, commands=answering_proved_mail(decision.commands,
                                                                    event.actor))
        await subject.store(session, row, before, decision, event, world.now)
        applied = await subject.apply(session, row, decision)
        log.info("%s %s: %s %s (%s)", subject.name, label(row), type(event).__name__,
                 decision.answer.outcome, decision.rule)
        return subject.handled(row, decision, applied)

    def after_commit(self, applied: Any) -> None:
        if applied.emails:
            self.parts.on_emails_queued()
        if applied.slack:
            self.parts.on_slack_queued()
        if applied.deadlines:
            self.parts.on_deadline_set([due for _, due in applied.deadlines])

    # --- deadlines ----------------------------------------------------------------------

    async def fire_deadline(self, deadline_id: int) -> bool:
        """Act on a deadline once it is due by the service's clock, exactly once, whichever
        process claims it first."""
        now = self.parts.clock.now()
        async with self.parts.sessions() as session:
            await begin_writing(session)
            await self._lock_subject(session, deadline_id)
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
                if refused_for_now(error):  # a deadlock with another instance: still pending
                    log.warning("deadline %s refused for now (%s); the next sweep fires it",
                                deadline_id, type(error).__name__)
                    return False
                await self.dead_letter("deadline", deadline_id, error)
                return False
        self.after_commit(handled.applied)
        return True

    @staticmethod
    async def _lock_subject(session: AsyncSession, deadline_id: int) -> None:
        """Lock a referral's row before claiming one of its deadlines: the order every
        decision locks in (the referral, then the deadlines it moves). Claimed first, two of
        one referral's deadlines falling due together deadlocked on PostgreSQL: each firing
        held its own deadline row and waited for the referral, while the close, holding the
        referral, waited to cancel the other's chaser."""
        row = (await session.execute(select(Deadline.subject, Deadline.subject_id).where(
            Deadline.id == deadline_id))).first()
        if row is not None and row[0] == "referral":
            await lock_referral(session, row[1])

    async def _deadline(self, session: AsyncSession, deadline: Deadline) -> Handled:
        if deadline.subject != "referral":
            handler = self.parts.deadline_handlers.get(deadline.subject)
            if handler is None:
                raise LookupError(f"no handler for {deadline.subject} deadlines")
            return await handler(self, session, deadline)  # type: ignore[no-any-return]
        event = DeadlineDue(kind=DeadlineKind(deadline.kind), wave=deadline.wave,
                            seq=deadline.seq, key=f"deadline:{deadline.id}",
                            due_at=deadline.due_at)
        return await self.handle_in(session, deadline.subject_id, event)

    async def due_deadlines(self, until: datetime) -> list[tuple[int, datetime]]:
        """Pending deadlines due by `until`, soonest first (a range on the due index)."""
        async with self.parts.sessions() as session:
            rows = await session.execute(
                select(Deadline.id, Deadline.due_at).where(
                    Deadline.status == "pending", Deadline.due_at <= until)
                .order_by(Deadline.due_at))
            return [(row[0], row[1]) for row in rows]

    async def fire_due(self) -> int:
        """Fire every pending deadline whose time has come (also those missed while down)."""
        fired = 0
        for deadline_id, _ in await self.due_deadlines(self.parts.clock.now()):
            if await self.fire_deadline(deadline_id):
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
            if row is None or authority is None:
                return
            commands = delivery_failed(outbox_id, row, referral.reference or "",
                                       authority.placements_team, detail)
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
