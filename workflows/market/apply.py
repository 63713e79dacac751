"""Carry out the market's commands inside the decision's transaction (as workflows/apply.py
does for a referral's): emails through the shared outbox, Slack posts through the Slack
outbox, windows and deadlines as rows keyed so that planning twice plans once, what
providers declared, approvers' decisions, and homes admitted to the directory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.directory import admit, change_mark
from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import (
    ApplicationApproval,
    Deadline,
    EstablishmentStatus,
    ListWindow,
    MarketEvent,
    SlackOutbox,
)
from workflows.apply import Applied
from workflows.commands import PostSlack, SendEmail
from workflows.market.commands import (
    Admit,
    CancelWindow,
    RecordMarketEvent,
    RecordVerdict,
    ScheduleReturn,
    ScheduleWindow,
    SetHomeStatus,
)
from workflows.market.events import WindowDeadline
from workflows.market.states import WindowState

WINDOW, RETURN = "list-window", "vacancy-return"


class Context:
    """What the commands are applied with: the session, the service's parts, the time,
    the application being decided (if any), and what to wake after the commit."""

    def __init__(self, session: AsyncSession, parts: Any, now: datetime,
                 application_id: int | None) -> None:
        self.session, self.parts, self.now = session, parts, now
        self.application_id = application_id
        self.applied = Applied()


async def apply_market(session: AsyncSession, parts: Any, commands: tuple[Any, ...] | list[Any],
                       *, application_id: int | None = None) -> Applied:
    emails = [c for c in commands if isinstance(c, SendEmail)]
    context = Context(session, parts, parts.clock.now(), application_id)
    context.applied = await parts.apply(session, emails, referral_id=None)
    for command in commands:
        handler = HANDLERS.get(type(command))
        if handler is not None:
            await handler(context, command)
    return context.applied


async def _event(c: Context, command: RecordMarketEvent) -> None:
    c.session.add(MarketEvent(subject=command.subject, subject_key=command.key, at=c.now,
                              kind=command.kind, data=command.data))


def deadline_row(subject: str, subject_id: int, kind: str, due_at: datetime,
                 seq: int = 0) -> dict[str, Any]:
    return {"subject": subject, "subject_id": subject_id, "kind": kind, "wave": 0, "seq": seq,
            "due_at": due_at, "status": "pending"}


async def _schedule_window(c: Context, command: ScheduleWindow) -> None:
    plan = command.plan
    await insert_ignoring_duplicates(c.session, ListWindow, [{
        "arrangement": command.arrangement, "state": str(WindowState.SCHEDULED),
        "advertise_at": plan.advertise_at, "opens_at": plan.opens_at,
        "closes_at": plan.closes_at, "reminders": [r.isoformat() for r in plan.reminders],
        "created_at": c.now}])
    window_id = (await c.session.execute(select(ListWindow.id).where(
        ListWindow.arrangement == command.arrangement,
        ListWindow.opens_at == plan.opens_at))).scalar_one()
    rows = [deadline_row(WINDOW, window_id, str(WindowDeadline.ADVERT), plan.advertise_at),
            deadline_row(WINDOW, window_id, str(WindowDeadline.OPEN), plan.opens_at),
            *(deadline_row(WINDOW, window_id, str(WindowDeadline.REMIND), due, seq)
              for seq, due in enumerate(plan.reminders, start=1)),
            deadline_row(WINDOW, window_id, str(WindowDeadline.CLOSE), plan.closes_at)]
    await insert_ignoring_duplicates(c.session, Deadline, rows)
    c.applied.deadlines += [(None, row["due_at"]) for row in rows]


async def _cancel_window(c: Context, command: CancelWindow) -> None:
    await c.session.execute(update(ListWindow).where(
        ListWindow.id == command.window_id, ListWindow.state == str(WindowState.SCHEDULED))
        .values(state=str(WindowState.CANCELLED)))
    await c.session.execute(update(Deadline).where(
        Deadline.subject == WINDOW, Deadline.subject_id == command.window_id,
        Deadline.status == "pending").values(status="cancelled"))


def return_id(due_at: datetime) -> int:
    """A vacancy return's deadline is keyed by its minute (one return per moment)."""
    return int(due_at.timestamp() // 60)


async def _schedule_return(c: Context, command: ScheduleReturn) -> None:
    """The next return, and no other: a changed schedule leaves one chain, not two."""
    key = return_id(command.due_at)
    await c.session.execute(update(Deadline).where(
        Deadline.subject == RETURN, Deadline.status == "pending", Deadline.subject_id != key)
        .values(status="cancelled"))
    await insert_ignoring_duplicates(c.session, Deadline, [
        deadline_row(RETURN, key, "return", command.due_at)])
    c.applied.deadlines.append((None, command.due_at))


async def _home_status(c: Context, command: SetHomeStatus) -> None:
    await insert_ignoring_duplicates(c.session, EstablishmentStatus, [{
        "establishment": command.establishment, "change_mark": 0, "paused": False,
        "pause_reason": "", "updated_by": ""}])
    values: dict[str, Any] = {"updated_by": command.by, "updated_at": c.now}
    if command.vacancies is not None:
        values |= {"vacancies": command.vacancies, "declared_at": c.now,
                   "change_mark": await change_mark(c.session)}
    if command.paused is not None and command.team:
        values |= {"team_paused": command.paused, "team_pause_reason": command.reason,
                   "team_paused_at": c.now if command.paused else None}
    elif command.paused is not None:
        values |= {"paused": command.paused, "pause_reason": command.reason,
                   "paused_at": c.now if command.paused else None}
    await c.session.execute(update(EstablishmentStatus).where(
        EstablishmentStatus.establishment == command.establishment).values(values))


async def _verdict(c: Context, command: RecordVerdict) -> None:
    assert c.application_id is not None
    await insert_ignoring_duplicates(c.session, ApplicationApproval, [{
        "application_id": c.application_id, "approver": command.approver,
        "approver_name": command.name, "decision": command.decision,
        "reason": command.reason, "channel": command.channel, "at": c.now}])


async def _admit(c: Context, command: Admit) -> None:
    assert c.application_id is not None
    await admit(c.session, command.organisation, command.establishment, c.application_id, c.now)


async def _slack(c: Context, command: PostSlack) -> None:
    render = c.parts.render_slack
    if render is None:  # Slack is off: approvers were asked by email instead
        return
    payload = {"channel": command.channel, **render(command.template, command.context)}
    await insert_ignoring_duplicates(c.session, SlackOutbox, [{
        "key": command.key, "referral_id": None,
        **command.outbox_row(), "payload": payload, "status": "pending",
        "attempts": 0, "next_attempt_at": c.now, "last_error": "", "created_at": c.now}])
    c.applied.slack += 1


HANDLERS: dict[type, Callable[[Context, Any], Awaitable[None]]] = {
    RecordMarketEvent: _event, ScheduleWindow: _schedule_window, CancelWindow: _cancel_window,
    ScheduleReturn: _schedule_return, SetHomeStatus: _home_status, RecordVerdict: _verdict,
    Admit: _admit, PostSlack: _slack,
}
