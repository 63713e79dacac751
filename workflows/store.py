"""Between the database and the lifecycle: load a referral's snapshot, store a decision.

Loading reads what the event needs and no more: a provider's reply reads its referral, its
establishment's match record, current response and the referral's latest wave (by when a
detail it lacks is wanted) in one query (the hot path); a wave's close reads every recipient
and response. Storing writes the referral row, its waves and shortlist rounds as the
decision's snapshot has them, one timeline entry naming the rule that decided, and then
carries out the decision's commands (workflows/apply.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, func, insert, inspect, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.fixed_in import fixed_in
from broker.db.tables import (
    Approval,
    FeeRound,
    InboundMessage,
    MatchRecord,
    PaperGrant,
    Referral,
    ReferralEvent,
    Response,
    ShortlistRound,
    Wave,
)
from workflows.agreement_rounds import UNREAD, current_negotiation, negotiation_now
from workflows.commands import RecordEvent
from workflows.counter_start import HELD as COUNTER_START_HELD
from workflows.counter_start import PROPOSED as COUNTER_START_PROPOSED
from workflows.duplicates import digests_to_find
from workflows.events import (
    ChaseAsked,
    DeadlineDue,
    DeadlineKind,
    Event,
    FeeProposed,
    FormReceived,
    Levelled,
    NextWave,
    QuestionAnswered,
    ReplyReceived,
    describe,
)
from workflows.question_answer import ANSWERED, PASSED_ON
from workflows.snapshot import (
    ApprovalRecord,
    Decision,
    Recipient,
    ReferralRecord,
    ResponseRecord,
    RoundRecord,
    Snapshot,
    WaveRecord,
    World,
)
from workflows.states import SENT, State
from workflows.trust_records import fields_of, same_child
from workflows.txn import read_while_writing

# The referral's own fields, as ReferralRecord and the row share them.
REFERRAL_FIELDS = tuple(f.name for f in dataclass_fields(ReferralRecord))
_SEARCHING = (State.NEW, State.INCOMPLETE, State.HELD, State.OPEN, State.UNMATCHED)
_INTAKE = (State.NEW, State.INCOMPLETE, State.HELD)
_EVENT = insert(ReferralEvent.__table__)  # type: ignore[arg-type]


def needs_live_directory(event: Event) -> bool:
    """Events that run the match (and so must see today's vacancies and pauses)."""
    return isinstance(event, FormReceived | NextWave | Levelled) or (
        isinstance(event, DeadlineDue) and event.kind == DeadlineKind.CLOSE)


# Built once, and a plain SELECT rather than session.get: get() sets up its load afresh
# on every call, which cost more than the query on the hot path.
_LOCK = (select(Referral).where(Referral.id == bindparam("referral_id")).with_for_update()
         .execution_options(populate_existing=True))


async def lock_referral(session: AsyncSession, referral_id: int) -> Referral | None:
    """The referral's row, locked for this transaction (PostgreSQL: FOR UPDATE; SQLite's
    transaction already holds the database's write lock), read afresh, unless this SQLite
    transaction read it already and the session still holds it as read and written since
    (a batch of replies to one referral reads it once)."""
    read = read_while_writing(session)
    held = read.get(referral_id) if read is not None else None
    if held is not None:
        state = inspect(held)
        if state.persistent and not (state.expired_attributes or state.modified):
            return held  # type: ignore[no-any-return]
    row = (await session.execute(_LOCK, {"referral_id": referral_id})).scalars().first()
    if read is not None and row is not None:
        read[referral_id] = row
    return row


def record_of(row: Referral) -> ReferralRecord:
    return ReferralRecord(
        id=row.id or 0, reference=row.reference or "", state=State(row.state),
        authority=row.authority, referrer=row.referrer, subject=row.subject,
        raw_fields=dict(row.raw_fields or {}), anonymised=dict(row.anonymised or {}),
        urgency=row.urgency, cascade=row.cascade, created_at=row.created_at,
        comparison=tuple(row.comparison or ()), chosen=row.chosen,
        outcome_reason=row.outcome_reason, held_for=row.held_for or "",
        referrer_name=row.referrer_name or "")


async def load_snapshot(session: AsyncSession, row: Referral, event: Event | None,
                        world: World) -> Snapshot:
    """What `event` needs to be decided (with no event: everything, to look at)."""
    referral = record_of(row)
    rid = referral.id
    if isinstance(event, ReplyReceived) and referral.state in (State.OPEN, State.CLOSED):
        # The hot path: a reply in (or just after) the window needs only its own records,
        # and the latest wave (by when to answer: the open window's close, or when it closed).
        recipients, responses, waves = await _one_establishment(session, rid,
                                                                event.establishment)
    else:
        recipients = await _recipients(session, rid)
        responses = await _responses(session, rid) if referral.state != State.NEW else {}
        waves = await _waves(session, rid)
    placing = event is None or referral.state not in _SEARCHING  # shortlists, approvals, fees
    duplicates = (await same_child(
        session, rid, referral.authority,
        digests_to_find({**referral.raw_fields, **event.form.fields},
                        (world.sign, *world.signed_before), world.today),
        world.now) if isinstance(event, FormReceived) and referral.state in _INTAKE else ())
    # the first of them, to say what this one changes (rule `duplicate-differences`)
    first_fields = await fields_of(session, referral.authority, duplicates[0]) \
        if duplicates else {}
    corrections = (await _corrections_since(session, rid, world.now - timedelta(days=1))
                   if isinstance(event, FormReceived) and referral.state == State.OPEN else 0)
    # a provider's questions and words passed on, or the social worker's messages on a sent
    # referral (establishment "": workflows/intake.py `_passed_on`)
    questions = (await _questions_of(session, rid, event.establishment, world.now)
                 if isinstance(event, ReplyReceived) else
                 await _questions_of(session, rid, "", world.now)
                 if isinstance(event, FormReceived) and referral.state in SENT else {})
    return Snapshot(
        duplicates=duplicates, duplicate_fields=first_fields, corrections_today=corrections,
        **questions,
        referral=referral, world=world, waves=waves, recipients=recipients,
        responses=responses,
        rounds=await _rounds(session, rid) if placing else (),
        approvals=await _approvals(session, rid) if placing else (),
        **(await _negotiation(session, rid) if placing else {}),
        proposal_asked=await _proposal_asked(session, rid)
        if isinstance(event, FeeProposed) and event.confirmed else {},
        last_written_from=await _last_written_from(session, rid, world.directory,
                                                   referral.chosen)
        if referral.state == State.NEGOTIATING and isinstance(event, FeeProposed) else "",
        counter_start=await _counter_start(session, rid)
        if referral.state == State.NEGOTIATING else {},
        chosen_confirmed=await _confirmed(session, rid, referral.chosen)
        if referral.state == State.NEGOTIATING and referral.chosen else False,
        reminded=await _reminded(session, rid) if referral.state == State.OPEN and (
            event is None or isinstance(event, ChaseAsked)) else {},
        held_provider=await _held_provider(session, rid)
        if referral.state == State.HELD and isinstance(event, DeadlineDue) else "",
        **(await _questions_answered(session, rid)
           if event is None or isinstance(event, QuestionAnswered) else {}))


async def _questions_answered(session: AsyncSession, rid: int) -> dict[str, Any]:
    """For an answer to a home's questions, and to look at: the referral's questions passed
    on and answered (timeline entries), and the homes holding the full papers (grants not
    revoked)."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    rows = await session.execute(select(e.id, e.at, e.kind, e.data).where(
        e.referral_id == rid, e.kind.in_((PASSED_ON, ANSWERED))).order_by(e.at, e.id))
    g = PaperGrant.__table__.c  # type: ignore[attr-defined]
    held = await session.execute(select(g.establishment).where(
        g.referral_id == rid, g.revoked_at.is_(None)))
    return {"question_entries": tuple((row.id, row.at, row.kind, dict(row.data or {}))
                                      for row in rows),
            "papers_held": frozenset(str(key) for key in held.scalars())}


async def _reminded(session: AsyncSession, rid: int) -> dict[str, datetime]:
    """When each home was last sent a reminder about the referral, timed or asked for
    (its "chased" entries name the homes: workflows/window.py, workflows/chase_now.py)."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    rows = await session.execute(select(e.at, e.data).where(
        e.referral_id == rid, e.kind == "chased").order_by(e.id))
    return {key: at for at, data in rows for key in (data or {}).get("establishments") or []}


async def _held_provider(session: AsyncSession, rid: int) -> str:
    """The provider a held referral's email asked for alone, as the latest "held" entry to
    name one recorded it (workflows/review.py `hold`; a correction held again keeps the
    reason but may not repeat the ask), or "": the referral keeps no email text, so its
    reminder names the provider from there."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    rows = (await session.execute(select(e.data).where(
        e.referral_id == rid, e.kind == "held").order_by(e.id.desc()))).scalars()
    for data in rows:
        asked = (data or {}).get("one_provider")
        if isinstance(asked, dict) and asked.get("provider"):
            return str(asked["provider"])
    return ""


async def _confirmed(session: AsyncSession, rid: int, establishment: str) -> bool:
    """Whether the home confirmed its offer having read the full papers (an "offer-confirmed"
    event naming it: workflows/confirmed.py), as the agreement it is placed by says."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    return (await session.execute(select(e.id).where(
        e.referral_id == rid, e.kind == "offer-confirmed",
        e.data["establishment"].as_string() == establishment).limit(1))).first() is not None


async def _proposal_asked(session: AsyncSession, rid: int) -> dict[str, Any]:
    """What the latest request to confirm a proposal was about (its "proposal-to-confirm"
    event's data: workflows/agreement_proposal.py `_too_high_to_send`), or {}."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    data = (await session.execute(select(e.data).where(
        e.referral_id == rid, e.kind == "proposal-to-confirm").order_by(e.id.desc())
        .limit(1))).scalar()
    return dict(data or {})


async def _counter_start(session: AsyncSession, rid: int) -> dict[str, Any]:
    """The latest counter held for its new start (its "counter-start-held" event's data:
    workflows/counter_start.py), with the latest proposal of hers that said such a start
    ("counter-start-proposed", under "proposed"), or {}; whose negotiation each was is
    checked there."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    found: dict[str, Any] = {}
    for kind in (COUNTER_START_HELD, COUNTER_START_PROPOSED):
        data = (await session.execute(select(e.data).where(
            e.referral_id == rid, e.kind == kind).order_by(e.id.desc()).limit(1))).scalar()
        if data and kind == COUNTER_START_HELD:
            found |= dict(data)
        elif data:
            found["proposed"] = dict(data)
    return found


async def _corrections_since(session: AsyncSession, rid: int, since: datetime) -> int:
    """The corrections sent to providers since `since` (workflows/correction.py): one
    recorded only (a corrected NHS number) reached nobody and counts against no limit."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    rows = (await session.execute(select(e.data).where(
        e.referral_id == rid, e.kind == "corrected", e.at >= since))).scalars()
    return sum(1 for data in rows if (data or {}).get("providers"))


_QUESTIONS = ("questions-passed-on", "questions-held", "words-passed-on", "offer-confirmed")
_PASSED_ON = (_QUESTIONS[0], _QUESTIONS[2])  # an email to the council: questions, or words


def _questions_statement() -> Any:
    """Built once: the rows `_questions_of` reads. The home's own rows, found by the
    event's establishment column (its data's, when a string) and read whole; and, apart,
    today's emails of questions or words of any other, with their data only when it names
    `safety` (which decides whether one counts) and otherwise none. Reading and decoding
    every home's held questions to find one home's rows cost more than the rest of loading
    a reply's snapshot, and grew with each reply. Two SELECTs, not one with an OR: so each
    takes its own index (SQLite took the referral's and kind's for the OR, and read every
    held question). The Python filter below still tells the home's rows by their data."""
    e = ReferralEvent.__table__.c  # type: ignore[attr-defined]
    rid, establishment = bindparam("referral_id"), bindparam("establishment")
    today = (e.at >= bindparam("since")).label("today")
    mine = select(e.kind, e.data, today).where(
        e.referral_id == rid, e.establishment == establishment, fixed_in(e.kind, _QUESTIONS))
    others = select(e.kind, case((e.data["safety"].as_string().is_not(None), e.data),
                                 else_=None).label("data"), today).where(
        e.referral_id == rid, fixed_in(e.kind, _PASSED_ON), today,
        e.establishment.is_distinct_from(establishment))
    return union_all(mine, others)


async def _questions_of(session: AsyncSession, rid: int, establishment: str,
                        now: datetime) -> dict[str, Any]:
    """The home's questions and words passed on before (their digests) and, in the last 24
    hours, the emails that took its questions or words to the council, those that took any
    home's (or the social worker's) about this referral, and its replies whose questions or
    words were held (workflows/responses.py, rule `questions-per-day`;
    workflows/passed_on.py); and whether it has confirmed its offer since the approval
    (workflows/confirmed.py). Only the home's own rows and today's emails of any home's
    are read, and of another home's only whether it was one, unless it names `safety`
    (`_questions_statement`): a referral's hundreds of replies are not read again each."""
    since = now - timedelta(hours=24)
    rows = (await session.execute(_QUESTIONS_OF, {"referral_id": rid, "since": since,
                                                  "establishment": establishment})).all()
    mine = [row for row in rows if (row.data or {}).get("establishment") == establishment]
    return {"questions_before": frozenset(
                digest for row in mine if row.kind in _PASSED_ON
                for digest in row.data.get("questions") or ()),
            "questions_emails_today": sum(1 for row in mine if _counted(row)),
            "referral_questions_emails_today": sum(1 for row in rows if _counted(row)),
            "questions_held_today": sum(1 for row in mine
                                        if row.kind == _QUESTIONS[1] and row.today),
            "safety_emails_today": sum(1 for row in mine if row.kind in _PASSED_ON
                                       and row.today and row.data.get("safety")),
            "safety_held_today": sum(1 for row in mine if row.kind == _QUESTIONS[1]
                                     and row.today and row.data.get("safety")),
            "offer_confirmed_before": any(row.kind == _QUESTIONS[3] for row in mine)}


_QUESTIONS_OF = _questions_statement()


def _counted(row: Any) -> bool:
    """Whether the event is an email of questions or words sent today that counts against
    rule `questions-per-day`: one about the child's safety does not (rule
    `safety-never-held`, workflows/safety.py)."""
    return row.kind in _PASSED_ON and row.today and not (row.data or {}).get("safety")


# The latest wave's columns on the hot path's row, as `wave_<column>`.
_WAVE_COLUMNS = ("number", "name", "tiers", "window_seconds", "opened_at", "closes_at",
                 "closed_at", "providers", "opened_because", "outcome", "outcome_reason")


def _one_statement() -> Any:
    """Built once: building this statement costs more than running it on SQLite. Core
    columns, not ORM entities: the snapshot's records are all that is wanted of them. The
    referral's latest wave is joined on rather than read in a query of its own (a round trip
    more per reply): waves run one after another, so it is the open one while the window is
    open and, once it has closed, the one that closed last, all a reply's answer needs."""
    m, r = MatchRecord.__table__.c, Response.__table__.c  # type: ignore[attr-defined]
    w = Wave.__table__.c  # type: ignore[attr-defined]
    establishment = bindparam("establishment")
    current = and_(r.referral_id == m.referral_id, r.establishment == establishment,
                   r.status == "current")
    others = Wave.__table__.alias().c  # type: ignore[attr-defined]
    latest = and_(w.referral_id == m.referral_id, w.number == select(
        func.max(others.number)).where(others.referral_id == m.referral_id).scalar_subquery())
    return (select(m.establishment, m.establishment_name, m.contact, m.arrangement_key,
                   m.wave, r.id.label("response_id"), r.decision, r.raw_fields, r.fields,
                   r.missing, r.late, r.sent_at,
                   *(w[name].label(f"wave_{name}") for name in _WAVE_COLUMNS))
            .select_from(MatchRecord.__table__.outerjoin(Response.__table__, current)  # type: ignore[attr-defined]
                         .outerjoin(Wave.__table__, latest))  # type: ignore[attr-defined]
            .where(m.referral_id == bindparam("referral_id"), m.establishment == establishment,
                   m.eligible)
            .order_by(r.id.desc()).limit(1))


_ONE = _one_statement()


async def _one_establishment(session: AsyncSession, rid: int, establishment: str) -> tuple[
        dict[str, Recipient], dict[str, ResponseRecord], tuple[WaveRecord, ...]]:
    """The establishment's match record and current response, and the latest wave."""
    row = (await session.execute(_ONE, {"referral_id": rid,
                                        "establishment": establishment})).first()
    if row is None:
        return {}, {}, ()
    recipients = {establishment: _recipient(row)}  # the row has the fields of all three
    responses = {establishment: _response(row)} if row.response_id is not None else {}
    return recipients, responses, _latest_wave(row)


def _latest_wave(row: Any) -> tuple[WaveRecord, ...]:
    """The latest wave, from the hot path's row (none before the first wave opens)."""
    if row.wave_number is None:
        return ()
    return (WaveRecord(row.wave_number, row.wave_name, tuple(row.wave_tiers or ()),
                       timedelta(seconds=row.wave_window_seconds), row.wave_opened_at,
                       row.wave_closes_at, row.wave_closed_at, row.wave_providers,
                       row.wave_opened_because, row.wave_outcome, row.wave_outcome_reason),)


def _recipient(m: Any) -> Recipient:
    """From a MatchRecord, or a row with its columns."""
    return Recipient(m.establishment, m.establishment_name, m.contact, m.arrangement_key,
                     m.wave or 1)


def _response(r: Any) -> ResponseRecord:
    """From a Response, or a row with its columns."""
    return ResponseRecord(r.establishment, r.decision, dict(r.raw_fields or {}),
                          dict(r.fields or {}), tuple(r.missing or ()), r.late, r.sent_at)


async def _recipients(session: AsyncSession, rid: int) -> dict[str, Recipient]:
    rows = await session.execute(select(MatchRecord).where(
        MatchRecord.referral_id == rid, MatchRecord.eligible).order_by(MatchRecord.id))
    return {m.establishment: _recipient(m) for m in rows.scalars()}


async def _responses(session: AsyncSession, rid: int) -> dict[str, ResponseRecord]:
    rows = await session.execute(select(Response).where(
        Response.referral_id == rid, Response.status == "current").order_by(Response.id))
    return {r.establishment: _response(r) for r in rows.scalars()}


async def _waves(session: AsyncSession, rid: int) -> tuple[WaveRecord, ...]:
    rows = await session.execute(select(Wave).where(Wave.referral_id == rid)
                                 .order_by(Wave.number))
    return tuple(WaveRecord(w.number, w.name, tuple(w.tiers or ()),
                            timedelta(seconds=w.window_seconds), w.opened_at, w.closes_at,
                            w.closed_at, w.providers, w.opened_because, w.outcome,
                            w.outcome_reason) for w in rows.scalars())


async def _rounds(session: AsyncSession, rid: int) -> tuple[RoundRecord, ...]:
    rows = await session.execute(select(ShortlistRound).where(
        ShortlistRound.referral_id == rid).order_by(ShortlistRound.round))
    return tuple(RoundRecord(r.round, tuple(r.labels or ()), tuple(r.establishments or ()),
                             dict(r.views or {}), r.by, r.at, r.expires_at, r.outcome)
                 for r in rows.scalars())


async def _approvals(session: AsyncSession, rid: int) -> tuple[ApprovalRecord, ...]:
    rows = await session.execute(select(Approval).where(Approval.referral_id == rid)
                                 .order_by(Approval.id))
    return tuple(ApprovalRecord(a.round, a.approver, a.approver_name, a.decision, a.reason,
                                a.at) for a in rows.scalars())


async def _negotiation(session: AsyncSession, rid: int) -> dict[str, Any]:
    """The rounds of the negotiation going on now, as recorded (a negotiation ended by the
    chosen home's withdrawal is not the next chosen home's), which negotiation it is, and
    whether the chosen home's last reply in it is unread (agreement_rounds.negotiation_now),
    how many of its replies in it were unread, and when the authority's latest proposal in it
    was made (a reply written before it never agrees to it)."""
    found = list((await session.execute(select(FeeRound).where(FeeRound.referral_id == rid)
                                        .order_by(FeeRound.id))).scalars())
    recorded = tuple((f.round, f.by, f.weekly_fee) for f in found)
    rounds, number, unread = negotiation_now(recorded)
    now = found[len(found) - len(current_negotiation(recorded)):]
    proposed = [f.at for f in now if f.by == "authority" and f.at is not None]
    return {"fee_rounds": rounds, "negotiation": number, "unread_reply": unread,
            "unread_replies": sum(1 for f in now if f.by == UNREAD),
            "latest_proposal_at": proposed[-1] if proposed else None}


async def _last_written_from(session: AsyncSession, rid: int, directory: Any,
                             chosen: str) -> str:
    """The registered contact of the chosen home that its latest reply about the referral
    came from (its offer, a counter, an answer on the fee), or "": one query. A reply is the
    chosen home's by its reply address, whose token names the home in clear
    (`r+<referral>.<home>.<signature>@`, broker/tokens.py): a group's shared inbox, a
    contact of several of its homes, writing for another of them is not this home's."""
    home = directory.establishment(chosen) if chosen else None
    contacts = sorted({c.strip().lower() for c in (home.contacts if home else ()) if c})
    if not contacts:
        return ""
    found = (await session.execute(
        select(InboundMessage.mail_from).where(
            InboundMessage.referral_id == rid,
            func.lower(InboundMessage.mail_from).in_(contacts),
            func.lower(InboundMessage.rcpt_to).like(f"%r+%.{_like(chosen)}.%", escape="\\"))
        .order_by(InboundMessage.id.desc()).limit(1))).scalar()  # type: ignore[union-attr]
    return str(found or "").lower()


def _like(text: str) -> str:
    """`text` matched as itself in a LIKE pattern."""
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def store_decision(session: AsyncSession, row: Referral, before: Snapshot,
                         decision: Decision, event: Event, now: datetime) -> None:
    """The referral row, its waves and rounds as decided, and its timeline: the decision's
    entry and the events the decision records (its RecordEvent commands, which the
    subject's apply then leaves out)."""
    after = decision.snapshot
    for name in REFERRAL_FIELDS:
        value = getattr(after.referral, name)
        if value != getattr(before.referral, name) and name != "id":
            setattr(row, name, _column_value(value))
    await _store_waves(session, row.id or 0, before.waves, after.waves)
    await _store_rounds(session, row.id or 0, before.rounds, after.rounds)
    entries = [("decision", {**describe(event), "from": str(before.state),
                             "to": str(after.state), "outcome": decision.answer.outcome,
                             "rule": decision.rule, "accepted": decision.answer.accepted})]
    entries += [(c.kind, c.data) for c in decision.commands if isinstance(c, RecordEvent)]
    # Core, not the unit of work, and one INSERT for them all, in the order they happened.
    await session.execute(_EVENT, [{"referral_id": row.id or 0, "at": now, "kind": kind,
                                    "data": data} for kind, data in entries])


def _column_value(value: Any) -> Any:
    if isinstance(value, State):
        return str(value)
    if isinstance(value, tuple):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return dict(value) if hasattr(value, "keys") else value


async def _store_waves(session: AsyncSession, rid: int, before: Sequence[WaveRecord],
                       after: Sequence[WaveRecord]) -> None:
    known = {w.number: w for w in before}
    for wave in after:
        values = {"name": wave.name, "tiers": list(wave.tiers),
                  "window_seconds": int(wave.window.total_seconds()),
                  "opened_at": wave.opened_at, "closes_at": wave.closes_at,
                  "closed_at": wave.closed_at, "providers": wave.providers,
                  "opened_because": wave.opened_because, "outcome": wave.outcome,
                  "outcome_reason": wave.outcome_reason}
        if wave.number not in known:
            session.add(Wave(referral_id=rid, number=wave.number, **values))
        elif known[wave.number] != wave:
            await session.execute(update(Wave).where(Wave.referral_id == rid,
                                                     Wave.number == wave.number).values(values))


async def _store_rounds(session: AsyncSession, rid: int, before: Sequence[RoundRecord],
                        after: Sequence[RoundRecord]) -> None:
    known = {r.round: r for r in before}
    for round_ in after:
        values = {"labels": list(round_.labels), "establishments": list(round_.establishments),
                  "views": dict(round_.views), "by": round_.by, "at": round_.at,
                  "expires_at": round_.expires_at, "outcome": round_.outcome}
        if round_.round not in known:
            session.add(ShortlistRound(referral_id=rid, round=round_.round, **values))
        elif known[round_.round] != round_:
            await session.execute(update(ShortlistRound).where(
                ShortlistRound.referral_id == rid, ShortlistRound.round == round_.round)
                .values(values))
