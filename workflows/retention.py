"""Purging an ended referral's children's details when its retention time is up.

The lifecycle schedules a "retention" deadline when a referral reaches a final state
(workflows/retention_policy.py); the scheduler fires it here (registered in broker/app.py),
and `broker retention run [--dry-run]` runs the due ones by hand. What goes, and what stays:

    goes   the raw messages (forms, corrections, replies, attachments), the form's fields,
           the subject line, the providers' free text, the shortlist's recorded views, the
           IPA document (its links stop working), the child's identifier digests, and the
           bodies of the emails the service sent about the referral
    stays  the anonymised referral, the match records and every rule, the waves, the
           comparison, approvals, fee rounds, who was emailed what and when, the timeline,
           and every record of access: the anonymised record and the audit trail. The
           words staff wrote (the reasons given with approvals, WITHDRAW, UNMET, ENDED,
           NEXT WAVE, a refused sign-off, and why the referral ended) and the timeline's
           other free text (workflows/retention_texts.py) stay anonymised, as the audit
           pack gives them; Slack's copies of the referral's messages go.

Mail that never became part of a referral (no form, an unknown or unproved sender, a
quarantined reply, a bounce, a retransmission, a provider's application) can hold a child's
details too, and no referral ever ends for it. Its raw bytes, and those of every email the
service sent about no referral (its answers among them), go `unlinked_ttl` after they
arrived or were queued (`BROKER_UNLINKED_RETENTION`): the service sweeps for them every
hour (`sweep`) and `broker retention run` does it at once. Its row stays (who, when, to
which address, what became of it). A dead-lettered message keeps its bytes until it is
replayed, since a replay needs them, and mail not yet processed or not yet sent is never
touched.

On SQLite a purge's bytes are overwritten with zeros in the database file (`secure_delete`,
broker/db/engine.py), but the write-ahead log beside it keeps the pages as they were written
until a checkpoint; each sweep and `broker retention run` ends with one that empties the log
(`forget_on_disk`), so what was purged is off the disk within the hour.

Referrals stored before the purge, or the lapse (workflows/lapse.py), existed have no such
deadline: the same hourly sweep gives them one (`backfill`), counted from their timeline's
last entry, so an old ended referral is purged as if the rule had always been there.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.anonymise import anonymise_texts
from broker.db.engine import SQLITE_BUSY_SECONDS
from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import (
    Approval,
    ChildKey,
    Deadline,
    Document,
    DocumentGrant,
    InboundMessage,
    Outbox,
    PaperGrant,
    PapersAccess,
    Referral,
    ReferralEvent,
    Response,
    ShortlistConfirmation,
    ShortlistRound,
    SlackOutbox,
    Wave,
)
from broker.forms import check_referral
from workflows.apply import deadline_row
from workflows.events import DeadlineKind
from workflows.lapse import UNSENT
from workflows.retention_policy import DEFAULT_RETENTION, SUBJECT
from workflows.retention_texts import texts_in, with_texts
from workflows.states import FINAL, State
from workflows.txn import begin_writing

log = logging.getLogger("broker.retention")

SWEEP_EVERY = timedelta(hours=1)  # how often the service runs `sweep`
CHUNK = 500  # rows a statement reads or purges (SQLite's write lock stays short)
CHECKPOINT_WAIT_MS = 200  # how long the hourly log truncation may hold writers back
KEPT_FIELDS = ("decision", "weekly_fee", "ofsted_rating", "available_from", "service_name",
               "location", "urn", "decline_reason")  # a response's structured answers


@dataclass(frozen=True)
class Due:
    deadline_id: int
    referral_id: int
    reference: str
    authority: str
    state: str
    due_at: datetime
    messages: int


async def due(session: AsyncSession, now: datetime) -> list[Due]:
    """Referrals whose retention has run out and whose details are still held."""
    rows = await session.execute(
        select(Deadline.id, Referral.id, Referral.reference, Referral.authority, Referral.state,
               Deadline.due_at)
        .join(Referral, Referral.id == Deadline.subject_id)
        .where(Deadline.subject == SUBJECT, Deadline.status == "pending",
               Deadline.due_at <= now).order_by(Deadline.due_at))
    found = []
    for deadline_id, rid, reference, authority, state, due_at in rows:
        messages = (await session.execute(select(func.count()).where(
            InboundMessage.referral_id == rid, func.length(InboundMessage.raw) > 0))).scalar_one()
        found.append(Due(deadline_id, rid, reference or "", authority, state, due_at, messages))
    return found


async def purge(session: AsyncSession, referral_id: int, now: datetime, spec: Any) -> None:
    """Remove what identifies the child; keep the anonymised record and the audit trail."""
    await _anonymise_what_staff_wrote(session, referral_id, now, spec)
    await session.execute(update(SlackOutbox).where(
        SlackOutbox.referral_id == referral_id,
        SlackOutbox.status.in_(("sent", "failed"))).values(payload={}))  # type: ignore[attr-defined]
    await session.execute(update(InboundMessage).where(
        InboundMessage.referral_id == referral_id).values(raw=b"", size=0))
    await session.execute(update(Outbox).where(
        Outbox.referral_id == referral_id, Outbox.status != "pending").values(raw=b""))
    await session.execute(update(Referral).where(Referral.id == referral_id).values(
        raw_fields={}, form={}, subject="", thread=[]))
    for response in (await session.execute(select(Response).where(
            Response.referral_id == referral_id))).scalars():
        response.raw_fields = {}
        response.fields = {k: v for k, v in (response.fields or {}).items()
                           if k in KEPT_FIELDS}
    await session.execute(update(ShortlistRound).where(
        ShortlistRound.referral_id == referral_id).values(views={}))
    await session.execute(delete(ShortlistConfirmation).where(  # typed on the web page,
        # never confirmed: the views went no further
        ShortlistConfirmation.referral_id == referral_id))  # type: ignore[arg-type]
    await session.execute(update(PapersAccess).where(  # an attachment's name (recorded before
        # accesses were recorded by number): social workers name files after the child
        PapersAccess.referral_id == referral_id,  # type: ignore[arg-type]
        PapersAccess.what.like("attachment:%"),  # type: ignore[attr-defined]
        PapersAccess.what.not_like("attachment:#%"))  # type: ignore[attr-defined]
        .values(what="attachment"))
    await session.execute(update(Document).where(Document.referral_id == referral_id)
                          .values(context={}, purged_at=now))
    for grant in (DocumentGrant, PaperGrant):
        await session.execute(update(grant).where(
            grant.referral_id == referral_id, grant.revoked_at.is_(None))  # type: ignore[attr-defined]
            .values(revoked_at=now))
    await session.execute(delete(ChildKey).where(ChildKey.referral_id == referral_id))
    session.add(ReferralEvent(referral_id=referral_id, at=now, kind="purged",
                              data={"kept": "anonymised record and audit trail"}))


async def _anonymise_what_staff_wrote(session: AsyncSession, referral_id: int,
                                      now: datetime, spec: Any) -> None:
    """The words people wrote that the record keeps name the child as often as not: the
    reasons staff typed (a commissioner's REJECT or QUESTION, WITHDRAW, UNMET, ENDED, NEXT
    WAVE, a refused sign-off), why the referral ended, and the timeline's free text
    (workflows/retention_texts.py: her sentence asking for one provider, a home's costs, a
    mail server's error). Anonymised in place, in one batch, with the form's identifying
    values, before the form itself goes."""
    referral = await session.get(Referral, referral_id)
    if referral is None:
        return
    approvals = list((await session.execute(select(Approval).where(
        Approval.referral_id == referral_id, Approval.reason != ""))).scalars())
    events = [(e, dict(texts_in(e.kind, e.data))) for e in (await session.execute(
        select(ReferralEvent).where(ReferralEvent.referral_id == referral_id))).scalars()]
    events = [(event, texts) for event, texts in events if texts]
    waves = list((await session.execute(select(Wave).where(
        Wave.referral_id == referral_id))).scalars())
    written = [referral.outcome_reason, *(a.reason for a in approvals),
               *(text for _, texts in events for text in texts.values()),
               *(w.opened_because for w in waves), *(w.outcome_reason for w in waves)]
    form, _ = check_referral(dict(referral.raw_fields or {}), spec, message_date=now.date())
    said = dict(zip(written, anonymise_texts(form, written), strict=True))
    referral.outcome_reason = said.get(referral.outcome_reason, "")
    for approval in approvals:
        approval.reason = said[approval.reason]
    for event, texts in events:
        event.data = with_texts(event.data, {path: said[text] for path, text in texts.items()})
    for wave in waves:
        wave.opened_because = said.get(wave.opened_because, "")
        wave.outcome_reason = said.get(wave.outcome_reason, "")


async def on_deadline(engine: Any, session: AsyncSession, deadline: Deadline) -> Any:
    """The scheduler's handler for "retention" deadlines (already claimed as fired)."""
    from workflows.engine import Handled
    from workflows.snapshot import Answer

    await purge(session, deadline.subject_id, engine.parts.clock.now(),
                engine.parts.referral_spec)
    return Handled(Answer(True, "purged", "The child's details have been purged."),
                   deadline.subject_id)


async def run(engine: Any, dry_run: bool) -> list[Due]:
    """`broker retention run`: what is due (and, unless a dry run, purge it now, after
    giving referrals from before the purge existed theirs: `backfill`)."""
    if not dry_run:
        await backfill(engine)
    now = engine.parts.clock.now()
    async with engine.parts.sessions() as session:
        found = await due(session, now)
    if not dry_run:
        for item in found:
            await engine.fire_deadline(item.deadline_id)
    return found


async def backfill(engine: Any) -> tuple[int, int]:
    """Referrals from before the purge and the lapse existed, given theirs now, as if they
    had been set then: an ended referral without a purge gets one its authority's
    `retention` after its last timeline entry; one never sent and without a lapse gets one
    `unsent_lapse` after it. Those already past fire at the next sweep. Returns how many of
    each. The search takes no lock (one index probe a referral; the timelines are read only
    for those found): a referral that moves on meanwhile already has its own deadline, and
    the same key is not added twice."""
    parts = engine.parts
    async with parts.sessions() as session:
        ended = (await session.execute(_lacking(SUBJECT, DeadlineKind.RETENTION,
                                                FINAL))).all()
        unsent = (await session.execute(_lacking("referral", DeadlineKind.LAPSE,
                                                 UNSENT))).all()
        last = await _last_moved(session, [row[0] for row in (*ended, *unsent)])
    rows = [deadline_row(rid, DeadlineKind.RETENTION, 0, 0,
                         last.get(rid, created) + _kept(parts, authority), SUBJECT)
            for rid, authority, created in ended]
    rows += [deadline_row(rid, DeadlineKind.LAPSE, 0, 0,
                          last.get(rid, created) + parts.unsent_lapse)
             for rid, _, created in unsent]
    if rows:
        async with parts.sessions() as session:
            await begin_writing(session)
            await insert_ignoring_duplicates(session, Deadline, rows)
            await session.commit()
        parts.on_deadline_set([row["due_at"] for row in rows])
    return len(ended), len(unsent)


def _lacking(subject: str, kind: DeadlineKind, states: frozenset[State]) -> Any:
    """Referrals in `states` with no deadline of this kind, in any status."""
    has = select(Deadline.id).where(Deadline.subject == subject, Deadline.kind == str(kind),
                                    Deadline.subject_id == Referral.id).exists()
    return (select(Referral.id, Referral.authority, Referral.created_at)
            .where(Referral.state.in_([str(s) for s in states]), ~has))


async def _last_moved(session: AsyncSession, ids: list[int]) -> dict[int, datetime]:
    """When each of these referrals' timeline last moved (none: not in the result)."""
    last: dict[int, datetime] = {}
    for start in range(0, len(ids), CHUNK):
        rows = await session.execute(
            select(ReferralEvent.referral_id, func.max(ReferralEvent.at))
            .where(ReferralEvent.referral_id.in_(ids[start:start + CHUNK]))  # type: ignore[attr-defined]
            .group_by(ReferralEvent.referral_id))
        last.update({rid: at for rid, at in rows})
    return last


def _kept(parts: Any, authority: str) -> timedelta:
    found = parts.directory.authority(authority)
    return getattr(found, "retention", None) or DEFAULT_RETENTION


@dataclass(frozen=True)
class Unlinked:
    """Mail about no referral from before `before`: how many messages received, and emails
    sent, still hold their bytes (or had them purged)."""

    before: datetime
    messages: int
    emails: int


def _unlinked_messages(before: datetime) -> tuple[Any, ...]:
    return (InboundMessage.referral_id.is_(None),  # type: ignore[union-attr]
            InboundMessage.status == "done", InboundMessage.received_at < before,
            func.length(InboundMessage.raw) > 0)


def _unlinked_emails(before: datetime) -> tuple[Any, ...]:
    return (Outbox.referral_id.is_(None), Outbox.status != "pending",  # type: ignore[union-attr]
            Outbox.created_at < before, func.length(Outbox.raw) > 0)


async def unlinked(engine: Any, dry_run: bool) -> Unlinked:
    """The unlinked mail past its retention: counted, or (unless a dry run) purged, in
    chunks of `CHUNK` rows a transaction."""
    parts = engine.parts
    before = parts.clock.now() - parts.unlinked_ttl
    if dry_run:
        async with parts.sessions() as session:
            counts = [(await session.execute(select(func.count()).where(*where))).scalar_one()
                      for where in (_unlinked_messages(before), _unlinked_emails(before))]
        return Unlinked(before, *counts)
    messages = await _purge_in_chunks(parts.sessions, InboundMessage, _unlinked_messages(before),
                                      {"raw": b"", "size": 0})
    emails = await _purge_in_chunks(parts.sessions, Outbox, _unlinked_emails(before),
                                    {"raw": b""})
    return Unlinked(before, messages, emails)


async def _purge_in_chunks(sessions: Any, table: Any, where: tuple[Any, ...],
                           values: dict[str, Any]) -> int:
    purged = 0
    while True:
        async with sessions() as session:
            await begin_writing(session)
            ids = list((await session.execute(
                select(table.id).where(*where).limit(CHUNK))).scalars())
            if ids:
                await session.execute(update(table).where(table.id.in_(ids)).values(values))
            await session.commit()
        purged += len(ids)
        if len(ids) < CHUNK:
            return purged
        await asyncio.sleep(0)  # let the loop serve others between chunks


async def sweep(engine: Any) -> None:
    """The service's hourly job: `backfill`, then purge the unlinked mail past its
    retention; counts logged (referrals' own purges and lapses fire as deadlines)."""
    try:
        ended, unsent = await backfill(engine)
        done = await unlinked(engine, dry_run=False)
        await forget_on_disk(engine.parts.sessions)
    except Exception:
        log.exception("retention sweep failed; the next one tries again")
        return
    if ended or unsent:
        log.info("retention: %s ended referral(s) given a purge date and %s unsent one(s) a "
                 "lapse, stored before either existed", ended, unsent)
    if done.messages or done.emails:
        log.info("retention: purged %s message(s) and %s email(s) that never became part of a "
                 "referral, received before %s", done.messages, done.emails,
                 done.before.isoformat(timespec="minutes"))


async def forget_on_disk(sessions: Any) -> None:
    """On SQLite, write the log's pages into the database and truncate the log. A TRUNCATE
    checkpoint holds back every writer while it waits for readers to move on (the intake's
    commit before its 250 among them), so it waits at most `CHECKPOINT_WAIT_MS`, after a
    PASSIVE one that waits for nobody; a reader still open keeps what it reads until the
    next sweep. PostgreSQL's own vacuum reclaims a purged row's old version."""
    async with sessions() as session:
        if session.bind.dialect.name != "sqlite":
            return
        connection = await session.connection()
        await connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        await connection.exec_driver_sql(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            await connection.exec_driver_sql(
                f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
