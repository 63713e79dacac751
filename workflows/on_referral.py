"""Handling mail to referrals@: new referrals, corrections on their thread, and the social
worker's window commands (`EXTEND 24h`, `CLOSE`)."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage, Referral, ReferralEvent
from workflows.apply import Applied
from workflows.desk import handle_instruction
from workflows.instructions import read_instruction
from workflows.intake import IntakeContext, ReferralState, decide_referral_message
from workflows.parts import EngineParts
from workflows.window import decide_window_command, read_window_command

log = logging.getLogger("broker.referrals")


async def handle_referral_mail(parts: EngineParts, session: AsyncSession,
                               inbound: InboundMessage, route: Any) -> Applied:
    now = parts.clock.now()
    referral = await route.find_thread(session)
    instruction = read_instruction(route.form_message(thread=True).text)
    if instruction is not None and instruction.reference:
        referral = await route.by_reference(session, instruction.reference) or referral
    if instruction is not None and referral is not None and referral.state != "incomplete":
        inbound.outcome, inbound.referral_id = f"instruction-{instruction.verb}", referral.id
        await route.link_thread(session, referral.id)
        key = hashlib.sha256((route.message.message_id or str(inbound.id)).encode()).hexdigest()
        return await handle_instruction(parts, session, referral, instruction,
                                        route.message.sender or route.sender, key[:12])
    if referral is None and not (route.message.fields or route.message.problems):
        route.refuse("no-form")
        inbound.outcome = route.outcome
        return await parts.apply(session, route.commands, referral_id=None)
    if referral is None:
        referral = await _new_referral(session, route, now)
    message = route.form_message(thread=referral.state != "new")
    command = read_window_command(message.text) if referral.state == "open" else None
    if command is not None:
        commands, outcome, new_deadline = decide_window_command(
            referral.reference or "", referral.referrer, command, now=now,
            broadcast_at=referral.broadcast_at or now, deadline=referral.deadline_at or now,
            chase_times_for=parts.chase_times, message_id=message.message_id)
        referral.deadline_at = new_deadline or referral.deadline_at
    else:
        directory = await parts.current_directory(session)
        decision = decide_referral_message(_state(referral), message, _context(
            parts, route, referral, now, directory))
        _store_state(referral, decision.state)
        commands, outcome = decision.commands, decision.outcome
    inbound.outcome, inbound.referral_id = outcome, referral.id
    session.add(ReferralEvent(referral_id=referral.id or 0, at=now, kind="message-received",
                              data={"inbound": inbound.id, "outcome": outcome}))
    await route.link_thread(session, referral.id)
    log.info("referral %s: %s", referral.reference, outcome)
    return await parts.apply(session, commands, referral_id=referral.id)


def _state(referral: Referral) -> ReferralState:
    return ReferralState(referral.state, referral.reference or "", referral.referrer,
                         dict(referral.raw_fields))


def _context(parts: EngineParts, route: Any, referral: Referral, now: datetime,
             directory: Any) -> IntakeContext:
    return IntakeContext(
        now=now, today=parts.today(), authority=route.authority, directory=directory,
        spec=parts.referral_spec, window_for=parts.window_for,
        reply_address=lambda key: parts.reply_address(referral.id or 0, key),
        chase_times=parts.chase_times, team_channel=parts.team_channel)


async def _new_referral(session: AsyncSession, route: Any, now: datetime) -> Referral:
    referral = Referral(state="new", authority=route.authority.key, referrer=route.sender,
                        subject=route.message.subject[:300], created_at=now)
    session.add(referral)
    await session.flush()
    referral.reference = f"REF-{now.year}-{referral.id:06d}"
    return referral


def _store_state(referral: Referral, state: ReferralState) -> None:
    referral.state = state.state
    referral.raw_fields = dict(state.raw_fields)
    if state.anonymised:
        referral.anonymised = state.anonymised
        referral.urgency = state.anonymised["profile"].get("urgency") or ""
        referral.deadline_at = state.deadline
        referral.broadcast_at = state.broadcast_at
