"""Handling a deadline that has come: chase the silent, or close the window and send the
comparison. Runs inside the transaction that claimed the deadline row."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.comparison import ResponseIn, compare
from broker.db.tables import Deadline, MatchRecord, Referral, Response
from workflows.apply import Applied
from workflows.desk import desk_context, load_view, store
from workflows.parts import EngineParts
from workflows.placement import decide_expiry
from workflows.window import Silent, decide_chase, decide_close


async def handle_deadline(parts: EngineParts, session: AsyncSession,
                          deadline: Deadline) -> Applied:
    referral = await session.get(Referral, deadline.referral_id)
    if referral is not None and deadline.kind.startswith("approval-expiry-"):
        view = await load_view(parts, session, referral)
        decision = decide_expiry(view, int(deadline.kind.rsplit("-", 1)[1]),
                                 desk_context(parts, referral))
        return await store(parts, session, referral, decision, "deadline")
    if referral is None or referral.state != "open":
        return Applied()  # closed early, or finished: nothing left to do
    eligible = list((await session.execute(select(MatchRecord).where(
        MatchRecord.referral_id == referral.id, MatchRecord.eligible))).scalars())
    responses = list((await session.execute(select(Response).where(
        Response.referral_id == referral.id, Response.status == "current"))).scalars())
    profile = referral.anonymised.get("profile", {})
    now = parts.clock.now()
    if deadline.kind.startswith("chase"):
        answered = {r.establishment for r in responses if r.decision}
        silent = [Silent(m.establishment, m.establishment_name, m.contact,
                         parts.reply_address(referral.id or 0, m.establishment))
                  for m in eligible if m.establishment not in answered]
        commands = decide_chase(referral.reference or "", deadline.kind, silent,
                                referral.deadline_at or now, profile)
    else:
        commands = _close(parts, referral, eligible, responses, profile)
        referral.state, referral.closed_at = "closed", now
    return await parts.apply(session, commands, referral_id=referral.id)


def _close(parts: EngineParts, referral: Referral, eligible: list[MatchRecord],
           responses: list[Response], profile: dict[str, Any]) -> list[Any]:
    arrangement_of = {m.establishment: m.arrangement_key for m in eligible}
    comparison = compare(
        [ResponseIn(r.establishment, r.fields | {"decision": r.decision}, r.late,
                    arrangement_of.get(r.establishment, "")) for r in responses if r.decision],
        parts.directory, profile.get("area"), len(eligible))
    referral.comparison = [_row_json(row) for row in comparison.rows]
    authority = parts.directory.authority(referral.authority)
    team = authority.placements_team if authority else referral.referrer
    link = parts.link("shortlist", referral.id or 0, referral.referrer,
                      parts.clock.now() + parts.shortlist_ttl)
    return decide_close(referral.reference or "", comparison, referral.referrer, team,
                        profile, referral.deadline_at or parts.clock.now(), link,
                        parts.team_channel)


def _row_json(row: Any) -> dict[str, Any]:
    """A comparison row as stored: plain JSON (pounds as text, dates ISO)."""
    document = asdict(row)
    fee = document.get("weekly_fee")
    document["weekly_fee"] = f"{fee:.2f}" if fee is not None else None
    available = document.get("available_from")
    document["available_from"] = str(available) if available else None
    return document
