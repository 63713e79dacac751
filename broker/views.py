"""Read-only views of stored referrals for the command line (and later the web)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import (
    DeadLetter,
    Deadline,
    InboundMessage,
    MatchRecord,
    Outbox,
    Referral,
    ReferralEvent,
    Response,
    Wave,
)
from broker.settings import Settings, parse_duration


async def _sessions(settings: Settings) -> Any:
    engine = make_engine(settings.database_url)
    try:
        await migrate(engine)
    except BaseException:  # the caller disposes only what it was given
        await engine.dispose()
        raise
    return engine, session_factory(engine)


async def list_referrals(settings: Settings) -> list[dict[str, Any]]:
    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            counts = dict((await session.execute(
                select(MatchRecord.referral_id, func.count()).where(MatchRecord.eligible)
                .group_by(MatchRecord.referral_id))).all())
            latest = await _latest_waves(session)
            referrals = (await session.execute(select(Referral).order_by(Referral.id))).scalars()
            return [{"reference": r.reference, "state": r.state, "authority": r.authority,
                     "created_at": r.created_at.isoformat(),
                     "deadline": _open_deadline(latest.get(r.id)),
                     "wave": latest[r.id].number if r.id in latest else None,
                     "providers": counts.get(r.id, 0)} for r in referrals]
    finally:
        await engine.dispose()


async def _latest_waves(session: Any, referral_id: int | None = None) -> dict[int, Wave]:
    """Each referral's most recent wave that opened (its deadline is the referral's)."""
    query = select(Wave).where(Wave.opened_at.is_not(None)).order_by(Wave.number)
    if referral_id is not None:
        query = query.where(Wave.referral_id == referral_id)
    return {w.referral_id: w for w in (await session.execute(query)).scalars()}


def _open_deadline(wave: Wave | None) -> str | None:
    """The deadline of a window still open; none once it has closed (moved on, closed early)."""
    return _deadline(wave) if wave is not None and wave.closed_at is None else None


async def service_status(settings: Settings, now: datetime) -> dict[str, Any]:
    """What the service is doing, for `broker status`: its queues and the next deadlines,
    with the verdict /healthz gives from the same queries (no personal data)."""
    from channels.web.health import Limits, problems

    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            def count(*where: Any) -> Any:
                return session.execute(select(func.count()).where(*where))

            undelivered = (Outbox.status != "sent",)
            oldest = (await session.execute(select(func.min(Outbox.created_at))
                                            .where(*undelivered))).scalar_one()
            pending = (Deadline.status == "pending",)
            next_due = (await session.execute(select(func.min(Deadline.due_at))
                                              .where(*pending))).scalar_one()
            return {
                "inbound_waiting": (await count(InboundMessage.status == "new")).scalar_one(),
                "outbox_waiting": (await count(*undelivered)).scalar_one(),
                "outbox_failing": (await count(*undelivered, Outbox.attempts > 0,
                                               Outbox.last_error != "")).scalar_one(),
                "oldest_undelivered_seconds": int((now - _aware(oldest)).total_seconds())
                if oldest else None,
                "dead_letters": (await count(DeadLetter.replayed_at.is_(None))).scalar_one(),
                "deadlines_next_hour": (await count(*pending, Deadline.due_at <= now + timedelta(
                    hours=1))).scalar_one(),
                "next_deadline": _aware(next_due).isoformat() if next_due else None,
                "problems": await problems(session, now, Limits(
                    parse_duration(settings.health_relay_grace),
                    settings.health_dead_letters)),
            }
    finally:
        await engine.dispose()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _deadline(wave: Wave | None) -> str | None:
    return wave.closes_at.isoformat() if wave is not None and wave.closes_at else None


async def show_referral(settings: Settings, reference: str) -> dict[str, Any] | None:
    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            referral = (await session.execute(
                select(Referral).where(Referral.reference == reference.upper()))).scalars().first()
            if referral is None:
                return None
            return await _referral_view(session, referral)
    finally:
        await engine.dispose()


async def _referral_view(session: Any, referral: Referral) -> dict[str, Any]:
    events = (await session.execute(select(ReferralEvent).where(
        ReferralEvent.referral_id == referral.id).order_by(ReferralEvent.at,
                                                           ReferralEvent.id))).scalars()
    matches = (await session.execute(select(MatchRecord).where(
        MatchRecord.referral_id == referral.id))).scalars().all()
    responses = (await session.execute(select(Response).where(
        Response.referral_id == referral.id).order_by(Response.id))).scalars().all()
    names = {m.establishment: m.establishment_name for m in matches}
    waves = (await session.execute(select(Wave).where(Wave.referral_id == referral.id)
                                   .order_by(Wave.number))).scalars().all()
    opened = [w for w in waves if w.opened_at is not None]
    return {
        "reference": referral.reference, "state": referral.state,
        "authority": referral.authority, "referrer": referral.referrer,
        "created_at": referral.created_at.isoformat(),
        "deadline": _deadline(opened[-1] if opened else None),
        "cascade": referral.cascade or None,
        "waves": [{"number": w.number, "name": w.name, "tiers": w.tiers,
                   "opened_at": w.opened_at.isoformat() if w.opened_at else None,
                   "closes_at": w.closes_at.isoformat() if w.closes_at else None,
                   "closed_at": w.closed_at.isoformat() if w.closed_at else None,
                   "providers": w.providers, "opened_because": w.opened_because,
                   "outcome": w.outcome, "outcome_reason": w.outcome_reason} for w in waves],
        "profile": referral.anonymised.get("profile", {}),
        "responses": [
            {"establishment": names.get(r.establishment, r.establishment),
             "establishment_key": r.establishment, "received_at": r.received_at.isoformat(),
             "decision": r.decision, "status": r.status, "late": r.late,
             "missing": r.missing, **{k: r.fields.get(k) for k in (
                 "service_name", "weekly_fee", "available_from", "ofsted_rating",
                 "decline_reason")}}
            for r in responses],
        "eligible": [{"establishment": m.establishment_name, "organisation": m.organisation,
                      "contact": m.contact, "arrangement": m.arrangement, "wave": m.wave,
                      "tier": m.tier, "establishment_key": m.establishment}
                     for m in matches if m.eligible],
        "excluded": sum(1 for m in matches if not m.eligible),
        "events": [{"at": e.at.isoformat(), "kind": e.kind, "data": e.data} for e in events],
    }


async def list_dead_letters(settings: Settings, directory: Any) -> list[dict[str, Any]]:
    """`broker dead-letters list`: every dead letter, newest first, with the referral, sender
    and home it concerns where its row shows them (workflows/dead_letters.py)."""
    from workflows.dead_letters import letters

    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            found = await letters(session, settings.secret(), settings.mail_domain, directory)
            return [letter.as_json() for letter in found]
    finally:
        await engine.dispose()


async def show_dead_letter(settings: Settings, dead_letter_id: int,
                           directory: Any) -> dict[str, Any] | None:
    """`broker dead-letters show ID`: one dead letter as the list gives it, with its detail
    (the failure's traceback, never what it was given); None when there is no such letter."""
    from workflows.dead_letters import one

    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            found = await one(session, dead_letter_id, settings.secret(),
                              settings.mail_domain, directory)
            return {**found.as_json(), "detail": found.detail} if found else None
    finally:
        await engine.dispose()


async def replay_dead_letter(settings: Settings, dead_letter_id: int) -> bool:
    """Put a dead-lettered message back in the queue; the running worker takes it again."""
    from workflows.dead_letters import replay

    engine, sessions = await _sessions(settings)
    try:
        async with sessions() as session:
            done = await replay(session, dead_letter_id, datetime.now(UTC))
            await session.commit()
            return done
    finally:
        await engine.dispose()


async def retention_run(settings: Settings, dry_run: bool) -> dict[str, Any]:
    """`broker retention run [--dry-run]`: the referrals whose details are due to go, and
    the mail about no referral past `BROKER_UNLINKED_RETENTION`."""
    from broker.app import build_engine
    from broker.clock import SystemClock
    from workflows import retention

    engine = make_engine(settings.database_url)
    try:
        await migrate(engine)
        broker = build_engine(settings, engine, SystemClock())
        found = await retention.run(broker, dry_run)
        unlinked = await retention.unlinked(broker, dry_run)
        if not dry_run:
            await retention.forget_on_disk(broker.parts.sessions)
    finally:
        await engine.dispose()
    return {"referrals": [{"reference": d.reference, "authority": d.authority,
                           "state": d.state, "due_at": d.due_at.isoformat(),
                           "messages": d.messages} for d in found],
            "unlinked": {"received_before": unlinked.before.isoformat(),
                         "messages": unlinked.messages, "emails": unlinked.emails}}
