"""The morning handover on the deadline scheduler: the adapter of workflows/handover.py.

Each working period's start is a "handover" deadline row keyed by its day and time of day
(`subject_id` 20261208, `seq` 540 for 9:00am), so every instance planning it plans the same
row and the scheduler's claim fires it once (`Engine.fire_deadline`). Firing reads the
timeline entries between the end of the last working period and this opening, hands them
to `decide_handover` (rule `morning-handover`), queues its emails (each keyed by council
and period: a replay sends nothing twice) and plans the next opening's row. The service
plans the first at start-up (broker/app.py); `BROKER_MORNING_HANDOVER=off` plans none,
and a row planned before it was turned off fires without sending anything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import Deadline, Referral, ReferralEvent
from workflows.apply import deadline_row
from workflows.handover import (
    RULE,
    Activity,
    Entry,
    councils_of,
    decide_handover,
    handover_since,
    next_handover,
)
from workflows.txn import begin_writing

HANDOVER = "handover"  # the deadline's subject and kind


def handover_row(opening: datetime, zone: Any) -> dict[str, Any]:
    """The deadline row of the handover at `opening`, keyed by its local day and minute."""
    local = opening.astimezone(zone)
    return deadline_row(int(f"{local:%Y%m%d}"), HANDOVER, 0, local.hour * 60 + local.minute,
                        opening, subject=HANDOVER)


async def plan_next(session: AsyncSession, parts: Any, after: datetime) -> datetime | None:
    """The next working period's handover row (once, whoever plans it); its time."""
    hours = parts.working_hours
    if hours is None:
        return None
    opening = next_handover(hours, after)
    await insert_ignoring_duplicates(session, Deadline, [handover_row(opening, hours.zone)])
    return opening


async def plan(engine: Any) -> None:
    """At start-up: the next handover planned, unless one is already pending."""
    parts = engine.parts
    async with parts.sessions() as session:
        await begin_writing(session)
        pending = (await session.execute(select(Deadline.id).where(
            Deadline.subject == HANDOVER, Deadline.status == "pending"))).first()
        opening = None if pending else await plan_next(session, parts, parts.clock.now())
        await session.commit()
    if opening is not None:
        parts.on_deadline_set([opening])


async def activity_between(session: AsyncSession, since: datetime,
                           until: datetime) -> list[Activity]:
    """Each referral's timeline entries from `since` until `until`, in order, with its
    reference, council, state and urgency now."""
    rows = await session.execute(
        select(ReferralEvent.referral_id, ReferralEvent.kind, ReferralEvent.data,
               Referral.reference, Referral.authority, Referral.state, Referral.urgency)
        .join(Referral, Referral.id == ReferralEvent.referral_id)
        .where(ReferralEvent.at >= since, ReferralEvent.at < until)
        .order_by(ReferralEvent.id))
    found: dict[int, tuple[tuple[str, str, str, str], list[Entry]]] = {}
    for rid, kind, data, reference, authority, state, urgency in rows:
        _, entries = found.setdefault(rid, ((reference or "", authority, state, urgency), []))
        entries.append(Entry(kind, data if isinstance(data, dict) else {}))
    return [Activity(reference, authority, state, urgency, tuple(entries))
            for (reference, authority, state, urgency), entries in found.values()]


async def on_deadline(engine: Any, session: AsyncSession, deadline: Deadline, *,
                      enabled: bool = True) -> Any:
    """The scheduler's handler for "handover" deadlines (already claimed as fired)."""
    from workflows.engine import Handled
    from workflows.snapshot import Answer

    parts = engine.parts
    hours, opening = parts.working_hours, deadline.due_at
    commands: list[Any] = []
    if enabled and hours is not None:
        last = (await session.execute(select(func.max(Deadline.due_at)).where(
            Deadline.subject == HANDOVER, Deadline.status == "fired",
            Deadline.due_at < opening))).scalar()
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        since = handover_since(hours, opening, last)
        activity = await activity_between(session, since, opening)
        commands = decide_handover(opening, since, activity,
                                   councils_of(parts.directory.authorities.values()),
                                   parts.web_url)
    applied = await parts.apply(session, commands, referral_id=None)
    following = await plan_next(session, parts, max(opening, parts.clock.now())) \
        if enabled else None
    if following is not None:
        applied.deadlines.append((None, following))
    return Handled(Answer(True, "handover-sent" if commands else "nothing-to-hand-over",
                          f"{len(commands)} handover email(s) ({RULE})."), None,
                   applied=applied)
