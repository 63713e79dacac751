"""Carry out a decision's commands inside the caller's transaction.

Emails are rendered here and stored in the outbox (one row per command key: inserting a key
that is already there does nothing), deadlines become rows, events and eligibility records
are written in bulk. Nothing leaves the process: the outbox sender and the scheduler act
after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import (
    Approval,
    CapacityChange,
    Deadline,
    FeeRound,
    MatchRecord,
    Outbox,
    PaperGrant,
    Referral,
    ReferralEvent,
    Response,
    SlackOutbox,
    ThreadLink,
)
from workflows.answer_limits import within_limits
from workflows.commands import (
    CancelDeadlines,
    ChangeCapacity,
    Command,
    GrantPapers,
    IssueDocument,
    MoveDeadlines,
    PostSlack,
    RecordApproval,
    RecordChildKeys,
    RecordEvent,
    RecordFeeRound,
    RecordMatch,
    RecordResponse,
    RevokePapers,
    SendEmail,
    SetDeadline,
)
from workflows.trust_records import record_trust

Renderer = Callable[[SendEmail, datetime], Any]  # → object with message_id, subject, raw
# Core INSERTs, built once: cheaper than the unit of work's flush on the hot path, and
# written at once, so the timeline keeps the order in which things happened.
_EVENT = insert(ReferralEvent.__table__)  # type: ignore[arg-type]
_R = Response.__table__.c  # type: ignore[attr-defined]
_SUPERSEDE = (update(Response.__table__)  # type: ignore[arg-type]
              .where(_R.referral_id == bindparam("s_referral"),
                     _R.establishment == bindparam("s_establishment"), _R.status == "current")
              .values(status="superseded"))
_OUTBOX, _THREAD_LINK = Outbox.__table__, ThreadLink.__table__  # type: ignore[attr-defined]
_RESPONSE = Response.__table__  # type: ignore[attr-defined]
SlackRenderer = Callable[[str, dict[str, Any]], dict[str, Any]]  # template, context → payload


@dataclass
class Applied:
    """What the engine must do after the commit."""

    emails: int = 0
    slack: int = 0
    deadlines: list[tuple[int | None, datetime]] = field(default_factory=list)


_RESPONSE_TRIES = 5  # a collision needs two replies from one home at one instant


async def apply_commands(
    session: AsyncSession,
    commands: list[Command] | tuple[Command, ...],
    *,
    referral_id: int | None,
    now: datetime,
    render: Renderer,
    render_slack: SlackRenderer | None = None,
    answers_per_hour: int | None = None,
    known: Callable[[str], bool] = lambda _address: False,
    member: Callable[[str], bool] = lambda _address: False,
) -> Applied:
    """Carry out `commands` in the caller's transaction. With `answers_per_hour`, answers a
    stranger's mail can cause are sent only within `workflows/answer_limits.py`'s limits;
    `known` says whether the directory names an address, `member` whether it is at a member
    council's or a provider organisation's domain."""
    applied = Applied()
    emails = [c for c in commands if isinstance(c, SendEmail)]
    if emails and answers_per_hour is not None:
        emails = await within_limits(session, emails, now, answers_per_hour, known,
                                    referral_id, member=member)
    for command in commands:
        if referral_id is None:
            continue  # with no referral there is nothing to record: emails only
        if await _record(session, referral_id, command, now, render_slack):
            applied.slack += isinstance(command, PostSlack) and render_slack is not None
        elif isinstance(command, RecordEvent):
            await session.execute(_EVENT, {"referral_id": referral_id, "at": now,
                                           "kind": command.kind, "data": command.data})
        elif isinstance(command, RecordMatch):
            await _record_match(session, referral_id, command)
        elif isinstance(command, RecordResponse):
            await _record_response(session, referral_id, command, now)
        elif isinstance(command, SetDeadline):
            await insert_ignoring_duplicates(session, Deadline, [deadline_row(
                referral_id, command.kind, command.wave, command.seq, command.due_at,
                command.subject)])
            applied.deadlines.append((referral_id, command.due_at))
        elif isinstance(command, MoveDeadlines):
            await _move_deadlines(session, referral_id, command)
            applied.deadlines.extend((referral_id, due) for _, _, due in command.moves)
        elif isinstance(command, CancelDeadlines):
            await _cancel_deadlines(session, referral_id, command)
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
            "reason": command.reason, "channel": command.channel,
            "account": command.account, "at": now}])
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
    elif isinstance(command, RecordChildKeys | IssueDocument):
        await record_trust(session, referral_id, command, now)
    elif isinstance(command, ChangeCapacity):
        session.add(CapacityChange(establishment=command.establishment, delta=command.delta,
                                   referral_id=referral_id, at=now))
    elif isinstance(command, PostSlack):
        if render_slack is not None:  # Slack is off: nothing to post
            payload = {"channel": command.channel, **render_slack(command.template,
                                                                 command.context)}
            await insert_ignoring_duplicates(session, SlackOutbox, [{
                "key": command.key, "referral_id": referral_id,
                **command.outbox_row(), "payload": payload, "status": "pending",
                "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now}])
    else:
        return False
    return True


def deadline_row(referral_id: int, kind: str, wave: int, seq: int,
                  due_at: datetime, subject: str = "referral") -> dict[str, Any]:
    return {"subject": subject, "subject_id": referral_id, "kind": str(kind), "wave": wave,
            "seq": seq, "due_at": due_at, "status": "pending"}


def _pending_of(referral_id: int) -> Any:
    return and_(Deadline.subject == "referral", Deadline.subject_id == referral_id,
                Deadline.status == "pending")


async def _move_deadlines(session: AsyncSession, referral_id: int,
                          command: MoveDeadlines) -> None:
    """Each deadline to its new time, pending again if it had failed (its dead letter
    waiting for an operator): an EXTEND after a close that failed must leave a close at the
    new time, never none, and a replay of the old failure must not close early."""
    for kind, seq, due_at in command.moves:
        if command.reopen:  # the close that fired: a new one, under its own key
            await session.execute(
                delete(Deadline).where(Deadline.subject == "referral",
                                       Deadline.subject_id == referral_id,
                                       Deadline.status.in_(("fired", "cancelled")),  # type: ignore[attr-defined]
                                       Deadline.kind == str(kind),
                                       Deadline.wave == command.wave, Deadline.seq == seq))
        moved = await session.execute(
            update(Deadline).where(Deadline.subject == "referral",
                                   Deadline.subject_id == referral_id,
                                   Deadline.status.in_(("pending", "failed")),  # type: ignore[attr-defined]
                                   Deadline.kind == str(kind),
                                   Deadline.wave == command.wave, Deadline.seq == seq)
            .values(due_at=due_at, status="pending"))
        if moved.rowcount == 0:  # type: ignore[attr-defined]
            await insert_ignoring_duplicates(session, Deadline, [deadline_row(
                referral_id, kind, command.wave, seq, due_at)])


async def _cancel_deadlines(session: AsyncSession, referral_id: int,
                            command: CancelDeadlines) -> None:
    condition = _pending_of(referral_id)
    if command.wave is not None:
        condition = and_(condition, Deadline.wave == command.wave)
    await session.execute(update(Deadline).where(condition).values(status="cancelled"))


async def _record_response(session: AsyncSession, referral_id: int, command: RecordResponse,
                           now: datetime) -> None:
    """The new current response; the one before it stays, superseded. One current response
    per establishment is the database's rule too (a unique index over the current rows): a
    reply taken at the same moment by another process (which the referral's row lock
    already queues behind this one) cannot leave two current. Should one get in first all
    the same, this one finds its place taken, supersedes it and goes in: the later reply
    wins, as it would one after the other. A first reply (the decision saw no current
    response) goes straight in. An answer written before the current one (it arrived
    after it) goes in as history, superseded from the start. Core statements, not a
    unit-of-work flush."""
    values = {"referral_id": referral_id, "establishment": command.establishment,
              "inbound_id": command.inbound_id, "received_at": now, "sender": command.sender,
              "decision": command.decision, "raw_fields": dict(command.raw_fields),
              "fields": dict(command.fields), "missing": list(command.missing),
              "late": command.late, "sent_at": command.sent_at,
              "status": "current" if command.current else "superseded"}
    if not command.current:
        await session.execute(insert(_RESPONSE), [values])
        return
    supersede = command.supersedes
    for _ in range(_RESPONSE_TRIES):
        if supersede:
            await session.execute(_SUPERSEDE, {"s_referral": referral_id,
                                               "s_establishment": command.establishment})
        stored = await insert_ignoring_duplicates(session, _RESPONSE, [values])
        if stored.rowcount == 1:
            return
        supersede = True  # a current response was there all the same: supersede it, again
    raise RuntimeError(f"response from {command.establishment} kept colliding; try again")


async def _record_match(session: AsyncSession, referral_id: int, command: RecordMatch) -> None:
    """Insert each establishment's record, or replace one not yet sent (a later wave's
    match); the record of an establishment already sent never changes."""
    rows = [_match_row(e, tier, command.wave, "", "") for e, tier in command.eligible]
    rows += [{"establishment": x.establishment_key, "establishment_name": x.establishment,
              "organisation": "", "eligible": False, "wave": None, "tier": "",
              "arrangement": x.arrangement or "", "arrangement_key": x.arrangement_key or "",
              "contact": "", "rule": x.rule, "reason": x.reason} for x in command.excluded]
    rows += [_match_row(e, tier, None, "cascade", why) for e, tier, why in command.waiting]
    if not rows:
        return
    await session.execute(delete(MatchRecord).where(
        MatchRecord.referral_id == referral_id,
        MatchRecord.establishment.in_([row["establishment"] for row in rows]),  # type: ignore[attr-defined]
        MatchRecord.eligible.is_(False)))  # type: ignore[attr-defined]
    await insert_ignoring_duplicates(session, MatchRecord,
                                     [{"referral_id": referral_id, **row} for row in rows])


def _match_row(e: Any, tier: str, wave: int | None, rule: str, reason: str) -> dict[str, Any]:
    return {"establishment": e.establishment_key, "establishment_name": e.establishment,
            "organisation": e.organisation, "eligible": wave is not None, "wave": wave,
            "tier": tier, "arrangement": e.arrangement, "arrangement_key": e.arrangement_key,
            "contact": e.contact, "rule": rule, "reason": reason}


async def _on_the_thread(session: AsyncSession, emails: list[SendEmail],
                         referral_id: int | None) -> list[SendEmail]:
    """An email to the social worker (or on the referral's thread) that answers no email of
    its own (the comparison, a new wave, a late answer, a changed window) is sent as a reply
    to her referral's first email, so that her mail client files it in the same conversation;
    one that answers a message of hers has that first email in its References too, before
    the message it answers (RFC 5322 §3.6.4), so every one threads the same way."""
    if referral_id is None or not emails:
        return emails
    first, referrer = await _thread_of(session, referral_id)
    if not first:
        return emails
    return [_threaded(c, first, c.to == referrer) if c.thread or c.to == referrer else c
            for c in emails]


_THREAD_READ = ("thread", "referrer")


async def _thread_of(session: AsyncSession, referral_id: int) -> tuple[str, str]:
    """The referral's first email's Message-ID ("" for none) and its referrer: as the row
    this session holds has them (the decision that sent these emails locked and read it, and
    its changes are what a read would flush first), else read."""
    held = session.identity_map.get(session.identity_key(Referral, referral_id))
    state = inspect(held) if held is not None else None
    if state is not None and state.persistent and not state.unloaded.intersection(_THREAD_READ):
        thread, referrer = held.thread, held.referrer
    else:
        found = (await session.execute(select(Referral.thread, Referral.referrer)  # type: ignore[call-overload]
                                       .where(Referral.id == referral_id))).first()
        thread, referrer = (found[0], found[1]) if found else (None, "")
    return (thread[0] if thread else ""), referrer


def _threaded(email: SendEmail, first: str, to_the_referrer: bool) -> SendEmail:
    """`email` as a reply on the thread whose first message is `first` (her own email's
    Message-ID added only to what goes back to her)."""
    if not email.in_reply_to and not email.references:
        return replace(email, in_reply_to=first, references=(first,))
    if not to_the_referrer:
        return email
    chain = (first, *email.references, email.in_reply_to)
    return replace(email, references=tuple(dict.fromkeys(r for r in chain if r)))


async def _queue_emails(
    session: AsyncSession,
    emails: list[SendEmail],
    *,
    referral_id: int | None,
    now: datetime,
    render: Renderer,
) -> None:
    rows, links = [], []
    emails = await _on_the_thread(session, emails, referral_id)
    many = getattr(render, "render_many", None)  # a broadcast's shared body rendered once
    renders = many(emails, now) if many else [render(command, now) for command in emails]
    for command, rendered in zip(emails, renders, strict=True):
        rows.append({
            "key": command.key, "referral_id": referral_id, "kind": command.template,
            "establishment": command.establishment,
            "to_addr": command.to, "from_addr": "", "subject": rendered.subject,
            "message_id": rendered.message_id, "raw": rendered.raw, "status": "pending",
            "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now,
            "proved": command.proved,
        })
        if command.thread and referral_id is not None:
            links.append({"message_id": rendered.message_id, "referral_id": referral_id})
    # The Core tables, not the ORM's bulk INSERT: every row has every column, so there is
    # nothing for the ORM to sort out, and it cost more than the INSERT on the hot path.
    await insert_ignoring_duplicates(session, _OUTBOX, rows)
    if links:
        await insert_ignoring_duplicates(session, _THREAD_LINK, links)
