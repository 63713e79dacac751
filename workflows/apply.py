"""Carry out a decision's commands inside the caller's transaction.

Emails are rendered here and stored in the outbox (one row per command key: inserting a key
that is already there does nothing), deadlines become rows, events and eligibility records
are written in bulk. Nothing leaves the process: the outbox sender and the scheduler act
after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import (
    Approval,
    CapacityChange,
    Deadline,
    FeeRound,
    MatchRecord,
    Outbox,
    PaperGrant,
    ReferralEvent,
    SlackOutbox,
    ThreadLink,
)
from workflows.commands import (
    ChangeCapacity,
    Command,
    GrantPapers,
    MoveDeadlines,
    PostSlack,
    RecordApproval,
    RecordEvent,
    RecordFeeRound,
    RecordMatch,
    RevokePapers,
    SendEmail,
    SetDeadline,
)

Renderer = Callable[[SendEmail, datetime], Any]  # → object with message_id, subject, raw
SlackRenderer = Callable[[str, dict[str, Any]], dict[str, Any]]  # template, context → payload


@dataclass
class Applied:
    """What the engine must do after the commit."""

    emails: int = 0
    slack: int = 0
    deadlines: list[tuple[int | None, datetime]] = field(default_factory=list)


def insert_ignoring_duplicates(session: AsyncSession, table: Any, rows: list[dict]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING on both SQLite and PostgreSQL."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return session.execute(module.insert(table).on_conflict_do_nothing(), rows)


async def apply_commands(
    session: AsyncSession,
    commands: list[Command],
    *,
    referral_id: int | None,
    now: datetime,
    render: Renderer,
    render_slack: SlackRenderer | None = None,
) -> Applied:
    applied = Applied()
    emails = [c for c in commands if isinstance(c, SendEmail)]
    for command in commands:
        if referral_id is not None and await _record(session, referral_id, command, now,
                                                     render_slack):
            applied.slack += isinstance(command, PostSlack) and render_slack is not None
            continue
        if isinstance(command, RecordEvent) and referral_id is not None:
            session.add(ReferralEvent(referral_id=referral_id, at=now, kind=command.kind,
                                      data=command.data))
        elif isinstance(command, RecordMatch) and referral_id is not None:
            await _record_match(session, referral_id, command)
        elif isinstance(command, SetDeadline) and referral_id is not None:
            await insert_ignoring_duplicates(session, Deadline, [
                {"referral_id": referral_id, "kind": command.kind, "due_at": command.due_at,
                 "status": "pending"}])
            applied.deadlines.append((referral_id, command.due_at))
        elif isinstance(command, MoveDeadlines) and referral_id is not None:
            await _move_deadlines(session, referral_id, command)
            applied.deadlines.extend((referral_id, due) for _, due in command.moves)
    if emails:
        await _queue_emails(session, emails, referral_id=referral_id, now=now, render=render)
        applied.emails = len(emails)
    return applied


async def _record(session: AsyncSession, referral_id: int, command: Command, now: datetime,
                  render_slack: SlackRenderer | None) -> bool:
    """The placement commands: one row each. False when the command is not one of them."""
    if isinstance(command, RecordApproval):
        await insert_ignoring_duplicates(session, Approval, [{
            "referral_id": referral_id, "round": command.round, "approver": command.approver,
            "approver_name": command.approver_name, "decision": command.decision,
            "reason": command.reason, "channel": command.channel, "at": now}])
    elif isinstance(command, GrantPapers):
        await insert_ignoring_duplicates(session, PaperGrant, [{
            "referral_id": referral_id, "establishment": command.establishment,
            "granted_at": now, "expires_at": command.expires_at}])
    elif isinstance(command, RevokePapers):
        await session.execute(update(PaperGrant).where(
            PaperGrant.referral_id == referral_id,
            PaperGrant.establishment == command.establishment,
            PaperGrant.revoked_at.is_(None)).values(revoked_at=now))  # type: ignore[union-attr]
    elif isinstance(command, RecordFeeRound):
        session.add(FeeRound(referral_id=referral_id, establishment=command.establishment,
                             round=command.round, by=command.by, weekly_fee=command.weekly_fee,
                             status=command.status, at=now))
    elif isinstance(command, ChangeCapacity):
        session.add(CapacityChange(establishment=command.establishment, delta=command.delta,
                                   referral_id=referral_id, at=now))
    elif isinstance(command, PostSlack):
        if render_slack is not None:  # Slack is off: nothing to post
            payload = {"channel": command.channel, **render_slack(command.template,
                                                                 command.context)}
            await insert_ignoring_duplicates(session, SlackOutbox, [{
                "key": command.key, "referral_id": referral_id,
                "method": "chat.update" if command.update_of else "chat.postMessage",
                "payload": payload, "update_of": command.update_of, "status": "pending",
                "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now}])
    else:
        return False
    return True


async def _move_deadlines(session: AsyncSession, referral_id: int,
                          command: MoveDeadlines) -> None:
    for kind, due_at in command.moves:
        moved = await session.execute(
            update(Deadline).where(Deadline.referral_id == referral_id, Deadline.kind == kind,
                                   Deadline.status == "pending").values(due_at=due_at))
        if moved.rowcount == 0:  # type: ignore[attr-defined]
            await insert_ignoring_duplicates(session, Deadline, [
                {"referral_id": referral_id, "kind": kind, "due_at": due_at,
                 "status": "pending"}])


async def _record_match(session: AsyncSession, referral_id: int, command: RecordMatch) -> None:
    rows = [
        {"referral_id": referral_id, "establishment": e.establishment_key,
         "establishment_name": e.establishment, "organisation": e.organisation,
         "eligible": True, "arrangement": e.arrangement, "arrangement_key": e.arrangement_key,
         "contact": e.contact,
         "rule": "", "reason": ""}
        for e in command.eligible
    ] + [
        {"referral_id": referral_id, "establishment": x.establishment_key,
         "establishment_name": x.establishment, "organisation": "", "eligible": False,
         "arrangement": "", "arrangement_key": "", "contact": "", "rule": x.rule,
         "reason": x.reason}
        for x in command.excluded
    ]
    if rows:
        await session.execute(insert(MatchRecord), rows)


async def _queue_emails(
    session: AsyncSession,
    emails: list[SendEmail],
    *,
    referral_id: int | None,
    now: datetime,
    render: Renderer,
) -> None:
    rows, links = [], []
    many = getattr(render, "render_many", None)  # a broadcast's shared body rendered once
    renders = many(emails, now) if many else [render(command, now) for command in emails]
    for command, rendered in zip(emails, renders, strict=True):
        rows.append({
            "key": command.key, "referral_id": referral_id, "kind": command.template,
            "establishment": command.establishment,
            "to_addr": command.to, "from_addr": "", "subject": rendered.subject,
            "message_id": rendered.message_id, "raw": rendered.raw, "status": "pending",
            "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now,
        })
        if command.thread and referral_id is not None:
            links.append({"message_id": rendered.message_id, "referral_id": referral_id})
    await insert_ignoring_duplicates(session, Outbox, rows)
    if links:
        await insert_ignoring_duplicates(session, ThreadLink, links)
