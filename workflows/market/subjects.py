"""The market's workflows as the engine's subjects (workflows/subjects.py): how each finds
and locks its row, loads the snapshot its pure decide reads, and stores the decision. The
engine's one runner does the rest, in the same order as for a referral.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Application, ApplicationApproval, ListWindow
from workflows.events import Event
from workflows.market import application
from workflows.market.application_steps import refused
from workflows.market.apply import apply_market
from workflows.market.base import MarketSubject
from workflows.market.events import ApplicationDecided, ApplicationReceived
from workflows.market.notices import digest
from workflows.market.snapshot import (
    ApplicationRecord,
    ApplicationSnapshot,
    Decided,
    Pending,
    Verdict,
    WindowRecord,
    WindowSnapshot,
    email,
)
from workflows.market.states import APP_FINAL, AppState, WindowState
from workflows.market.window import decide_window
from workflows.snapshot import Answer
from workflows.subjects import Handled, unused_reference

__all__ = ["ApplicationSubject", "WindowSubject"]


class ApplicationSubject(MarketSubject):
    name = timeline = "application"

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Application | None:
        if isinstance(event, ApplicationReceived) and event.application_id is None:
            unproved = None if event.actor.authenticated else await _unproved(session, event)
            if unproved is not None:
                return unproved
            row = Application(state=str(AppState.NEW), applicant=event.actor.address,
                              subject=_subject(event), created_at=world.now,
                              reference=await unused_reference(session, Application, "APP",
                                                               world.now.year))
            session.add(row)
            await session.flush()
            return row
        if isinstance(event, ApplicationReceived):
            return await session.get(Application, event.application_id, with_for_update=True,
                                     populate_existing=True)
        assert isinstance(event, ApplicationDecided)
        return (await session.execute(select(Application).where(
            Application.reference == event.reference.upper())
            .with_for_update())).scalars().first()

    async def missing(self, session: AsyncSession, event: Event) -> Handled:
        reference = getattr(event, "reference", "")
        why = f"There is no application {reference}.".replace("  ", " ")
        commands = []
        if event.actor.channel == "email" and event.actor.address:
            commands.append(email(self.market.world(), f"unknown-application:{digest(event.key)}",
                                  "applicant/refused", event.actor.address,
                                  {"reference": reference, "why": why}))
        applied = await apply_market(session, self.market.engine, commands)
        return Handled(Answer(False, "unknown-application", why), applied=applied)

    async def load(self, session: AsyncSession, row: Application, event: Event,
                   world: Any) -> ApplicationSnapshot:
        record = ApplicationRecord(
            id=row.id or 0, reference=row.reference or "", state=AppState(row.state),
            applicant=row.applicant, created_at=row.created_at, arrangement=row.arrangement,
            subject=row.subject, raw_fields=dict(row.raw_fields or {}),
            record=dict(row.record or {}), establishment=row.establishment,
            outcome_reason=row.outcome_reason)
        windows = await session.execute(select(ListWindow).where(
            ListWindow.state != str(WindowState.CANCELLED),
            or_(ListWindow.opens_at > world.now, (ListWindow.opens_at <= row.created_at)
                & (ListWindow.closes_at > row.created_at))))
        verdicts = await session.execute(select(ApplicationApproval).where(
            ApplicationApproval.application_id == row.id).order_by(ApplicationApproval.id))
        pending = await session.execute(select(
            Application.reference, Application.applicant, Application.record).where(
            Application.state == str(AppState.AWAITING_APPROVAL), Application.id != row.id)
            .order_by(Application.id))
        return ApplicationSnapshot(record, world, tuple(map(window_record, windows.scalars())),
                                   tuple(Verdict(v.approver, v.approver_name, v.decision,
                                                 v.reason) for v in verdicts.scalars()),
                                   tuple(map(pending_record, pending.all())))

    def decide(self, snapshot: ApplicationSnapshot, event: Event) -> Decided:
        try:
            return application.decide(snapshot, event)
        except application.IllegalTransition as error:
            if error.reached is not None:
                raise
            return refused(snapshot, event, f"{error}.", "illegal-transition", "not-now")

    async def store(self, session: AsyncSession, row: Application,
                    before: ApplicationSnapshot, decision: Decided, event: Event,
                    now: datetime) -> None:
        after = decision.snapshot.application
        row.state, row.arrangement = str(after.state), after.arrangement
        row.raw_fields, row.record = dict(after.raw_fields), dict(after.record)
        row.establishment, row.outcome_reason = after.establishment, after.outcome_reason
        row.subject = row.subject or _subject(event)
        if after.state in APP_FINAL and before.state not in APP_FINAL:
            row.decided_at = now
        await super().store(session, row, before, decision, event, now)


def _subject(event: Event) -> str:
    """The subject line an application is listed under: only once its From is proved (an
    application nothing proves keeps none of its words)."""
    if isinstance(event, ApplicationReceived) and event.actor.authenticated:
        return event.form.subject[:300]
    return ""


async def _unproved(session: AsyncSession, event: ApplicationReceived) -> Application | None:
    """The row an earlier unproved application from this address left (still `new`: its
    form was never read), so that forged messages under one address add one row, not one
    each."""
    return (await session.execute(select(Application).where(
        Application.applicant == event.actor.address, Application.state == str(AppState.NEW))
        .order_by(Application.id).limit(1).with_for_update())).scalars().first()


def pending_record(row: Any) -> Pending:
    reference, applicant, record = row
    home = (record or {}).get("establishment") or {}
    return Pending(reference or "", applicant, home.get("name") or "", home.get("urn") or "")


def window_record(row: ListWindow) -> WindowRecord:
    return WindowRecord(row.id or 0, row.arrangement, WindowState(row.state), row.advertise_at,
                        row.opens_at, row.closes_at,
                        tuple(datetime.fromisoformat(r) for r in row.reminders or ()))


class WindowSubject(MarketSubject):
    name = timeline = "list-window"

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> ListWindow | None:
        return await session.get(ListWindow, getattr(event, "window_id", subject_id),
                                 with_for_update=True, populate_existing=True)

    async def load(self, session: AsyncSession, row: ListWindow, event: Event,
                   world: Any) -> WindowSnapshot:
        return WindowSnapshot(window_record(row), world)

    def decide(self, snapshot: WindowSnapshot, event: Any) -> Decided:
        return decide_window(snapshot, event)

    async def store(self, session: AsyncSession, row: ListWindow, before: WindowSnapshot,
                    decision: Decided, event: Event, now: datetime) -> None:
        row.state = str(decision.snapshot.state)
        await super().store(session, row, before, decision, event, now)
