"""Handling a deadline that has come: chase the silent, or close the window and send the
comparison. Runs inside the transaction that claimed the deadline row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.comparison import ResponseIn, compare
from broker.db.tables import Deadline, MatchRecord, Referral, Response
from workflows.apply import Applied, apply_commands
from workflows.parts import EngineParts
from workflows.window import Silent, decide_chase, decide_close


async def handle_deadline(parts: EngineParts, session: AsyncSession,
                          deadline: Deadline) -> Applied:
    referral = await session.get(Referral, deadline.referral_id)
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
    return await apply_commands(session, commands, referral_id=referral.id, now=now,
                                render=parts.render)


def _close(parts: EngineParts, referral: Referral, eligible: list[MatchRecord],
           responses: list[Response], profile: dict[str, Any]) -> list[Any]:
    arrangement_of = {m.establishment: m.arrangement_key for m in eligible}
    comparison = compare(
        [ResponseIn(r.establishment, r.fields | {"decision": r.decision}, r.late,
                    arrangement_of.get(r.establishment, "")) for r in responses if r.decision],
        parts.directory, profile.get("area"), len(eligible))
    authority = parts.directory.authority(referral.authority)
    team = authority.placements_team if authority else referral.referrer
    return decide_close(referral.reference or "", comparison, referral.referrer, team,
                        profile, referral.deadline_at or parts.clock.now())
