"""What the engine decides about, each behind one small interface, so that the sequence
lock → load → decide → store → apply is written once (`Engine._run`) for every workflow.

A `Subject` says how to find and lock its row, how to load the snapshot its pure decide
function reads, how to store the decision and carry out its commands. The referral
(`ReferralSubject`) is the main one; the market's workflows (applications, list windows,
providers' vacancies and pauses: workflows/market/subjects.py) are the others, registered
by event type in `EngineParts.subjects` by the composition root.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Referral
from workflows.apply import Applied
from workflows.commands import RecordEvent
from workflows.events import Event, FormReceived, ReplyReceived
from workflows.lifecycle import IllegalTransition, decide
from workflows.responses import note
from workflows.snapshot import Answer, Decision, refused
from workflows.states import State
from workflows.store import load_snapshot, lock_referral, needs_live_directory, store_decision


async def unused_reference(session: AsyncSession, table: Any, prefix: str, year: int) -> str:
    """`REF-YYYY-NNNNNN` (or `APP-…`) with a random number: a reference tells nobody how many
    there are or which comes next, so one cannot be guessed from another (the unique column
    is the last word on a clash)."""
    for _ in range(50):
        reference = f"{prefix}-{year}-{secrets.randbelow(1_000_000):06d}"
        taken = (await session.execute(select(table.id).where(
            table.reference == reference))).first()
        if taken is None:
            return reference
    raise RuntimeError(f"no free {prefix} reference for {year}")


@dataclass
class Handled:
    """What `handle` did: the answer for whoever acted, and what to wake after the commit."""

    answer: Answer
    referral_id: int | None = None
    reference: str = ""
    applied: Applied = field(default_factory=Applied)


class Subject(Protocol):
    """One kind of thing the engine decides about (a referral, an application, …)."""

    name: str

    async def world(self, session: AsyncSession, event: Event) -> Any:
        """The facts from outside the decision needs (time, directory, settings)."""

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Any | None:
        """Its row, locked for this transaction (or created); None when there is none."""

    async def missing(self, session: AsyncSession, event: Event) -> Handled:
        """The answer when `open` found nothing."""

    async def load(self, session: AsyncSession, row: Any, event: Event, world: Any) -> Any:
        """The snapshot the pure decision reads."""

    def decide(self, snapshot: Any, event: Event) -> Any:
        """Pure: the decision (its new snapshot, commands, answer and rule)."""

    async def store(self, session: AsyncSession, row: Any, before: Any, decision: Any,
                    event: Event, now: datetime) -> None:
        """The row and its records as decided, and the timeline entry."""

    async def apply(self, session: AsyncSession, row: Any, decision: Any) -> Applied:
        """The decision's commands, carried out in this transaction."""

    def handled(self, row: Any, decision: Any, applied: Applied) -> Handled: ...


class ReferralSubject:
    """The referral lifecycle (workflows/lifecycle.py) as the engine's subject."""

    name = "referral"

    def __init__(self, parts: Any) -> None:
        self.parts = parts

    async def world(self, session: AsyncSession, event: Event) -> Any:
        parts = self.parts
        if needs_live_directory(event):
            return parts.world(await parts.current_directory(session))
        # A provider's reply (the hot path) needs no look unless its home is new to this
        # process (admitted by another); anything else sees the stored directory as it is.
        if not (isinstance(event, ReplyReceived)
                and parts.directory.establishment(event.establishment) is not None):
            await parts.refresh_directory(session)
        return parts.world(None)

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Referral | None:
        if subject_id is None and isinstance(event, FormReceived):
            return await self._create(session, event, world.now)
        return await lock_referral(session, subject_id) if subject_id else None

    async def _create(self, session: AsyncSession, event: FormReceived,
                      now: datetime) -> Referral:
        authority = self.parts.directory.authority_for_sender(event.actor.address)
        referral = Referral(state=str(State.NEW), authority=authority.key if authority else "",
                            referrer=event.actor.address, subject=event.form.subject[:300],
                            thread=[event.form.message_id[:400]] if event.form.message_id
                            else [], created_at=now)  # its first email: later ones answer it
        referral.reference = await unused_reference(session, Referral, "REF", now.year)
        session.add(referral)
        await session.flush()
        return referral

    async def missing(self, session: AsyncSession, event: Event) -> Handled:
        """A signed token or a reference naming no referral (or none any more)."""
        commands = (note("provider/referral_unknown", event.reply, event.key)
                    if isinstance(event, ReplyReceived) else [])
        applied = await self.parts.apply(session, commands, referral_id=None)
        return Handled(Answer(False, "unknown-referral", "There is no such referral."),
                       applied=applied)

    async def load(self, session: AsyncSession, row: Referral, event: Event,
                   world: Any) -> Any:
        return await load_snapshot(session, row, event, world)

    def decide(self, snapshot: Any, event: Event) -> Decision:
        try:
            return decide(snapshot, event)
        except IllegalTransition as error:
            if error.reached is not None:  # a step answered outside the table: a bug
                raise
            return refused(snapshot, event, f"{error}.", "illegal-transition", "not-now")

    async def store(self, session: AsyncSession, row: Referral, before: Any,
                    decision: Decision, event: Event, now: datetime) -> None:
        await store_decision(session, row, before, decision, event, now)

    async def apply(self, session: AsyncSession, row: Referral, decision: Decision) -> Applied:
        """The commands but the timeline's (`store` wrote those with the decision's entry)."""
        commands = [c for c in decision.commands if not isinstance(c, RecordEvent)]
        return await self.parts.apply(session, commands, referral_id=row.id)  # type: ignore[no-any-return]

    def handled(self, row: Referral, decision: Decision, applied: Applied) -> Handled:
        return Handled(decision.answer, row.id, row.reference or "", applied)


def label(row: Any) -> str:
    """How a subject's row is named in the log (never a child's details)."""
    for name in ("reference", "key", "sender", "id"):
        value = getattr(row, name, None)
        if value:
            return str(value)
    return "-"
