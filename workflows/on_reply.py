"""Handling a provider's reply: find its referral and establishment, check who sent it,
then decide (workflows/responses.py) and store the response.

The signed `r+<token>@` address is the first key; `In-Reply-To`/`References` against the
Message-IDs of emails we sent that provider are the second. The subject is never a key.
A reply whose sender is neither the establishment's referral address nor at its
organisation's domain is quarantined: the placements team is told, and the sender gets a
neutral note that reveals nothing about any referral.

The reply arrives already read with the response form (workflows/routing.py reads each
message once); the referral, whether it went to this establishment, and the establishment's
current response are read in one query.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage, MatchRecord, Outbox, Referral, Response
from broker.forms.values import parse_money_weekly
from broker.tokens import ReplyToken
from workflows.agreement import decide_fee
from workflows.apply import Applied
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.desk import desk_context, load_view, store
from workflows.instructions import read_instruction
from workflows.parts import EngineParts
from workflows.responses import Earlier, Reply, ReplyContext, decide_reply

log = logging.getLogger("broker.replies")


async def token_from_thread(session: AsyncSession, message: Any) -> ReplyToken | None:
    """The second key: a reply whose headers name an email we sent to one establishment."""
    ids = [i for i in [message.in_reply_to, *message.references] if i]
    if not ids:
        return None
    row = (await session.execute(
        select(Outbox.referral_id, Outbox.establishment)
        .where(Outbox.message_id.in_(ids), Outbox.establishment != "")
        .limit(1))).first()
    return ReplyToken(row[0], row[1]) if row and row[0] else None


async def handle_reply(parts: EngineParts, session: AsyncSession, inbound: InboundMessage,
                       token: ReplyToken, message: Any) -> Applied:
    """`message` is the reply read with the response form, new text only."""
    now = parts.clock.now()
    establishment = parts.directory.establishment(token.establishment)
    found = await _lookup(session, token) if establishment is not None else None
    if found is None:  # no such referral, or it never went to this establishment
        inbound.outcome = "reply-unknown-referral"
        return await _apply(parts, session, None, now,
                            _note("provider/referral_unknown", message))
    referral, earlier = found
    inbound.referral_id = referral.id
    if not _from_the_provider(parts.directory, establishment, message.sender):
        inbound.outcome = "quarantined"
        return await _apply(parts, session, referral.id, now,
                            _quarantine(parts, referral, establishment, message))
    state = _state_for(referral, establishment.key)
    if state == "negotiating":
        return await _negotiation(parts, session, inbound, referral, message)
    return await _respond(parts, session, inbound, (referral, establishment, earlier),
                          message, state)


async def _respond(parts: EngineParts, session: AsyncSession, inbound: InboundMessage,
                   found: tuple[Referral, Any, Response | None], message: Any,
                   state: str) -> Applied:
    """Decide on the reply (workflows/responses.py) and store the response it makes."""
    referral, establishment, earlier = found
    now = parts.clock.now()
    decision = decide_reply(
        Earlier(earlier.raw_fields, earlier.decision, tuple(earlier.missing)) if earlier else None,
        Reply(sender=message.sender, subject=message.subject, message_id=message.message_id,
              fields=dict(message.fields), body_text=message.body_text,
              sent_on=message.date.date() if message.date else parts.today()),
        ReplyContext(now=now, reference=referral.reference or "", state=state,
                     establishment_key=establishment.key,
                     establishment_name=establishment.name, referrer=referral.referrer,
                     reply_address=parts.reply_address(referral.id or 0, establishment.key),
                     spec=parts.response_spec, describe_date=parts.describe_date))
    inbound.outcome = decision.outcome
    if decision.store is not None:
        if earlier is not None:
            earlier.status = "superseded"
        session.add(Response(referral_id=referral.id or 0, establishment=establishment.key,
                             inbound_id=inbound.id, received_at=now, sender=message.sender,
                             status="current", **decision.store))
    log.info("reply for %s from %s: %s", referral.reference, establishment.key,
             decision.outcome)
    return await _apply(parts, session, referral.id, now, decision.commands)


def _state_for(referral: Referral, establishment: str) -> str:
    """The referral's state as this provider's reply sees it: after approval only the
    shortlisted may still offer, and only the chosen one negotiates the fee."""
    if referral.state == "awaiting-approval":
        return "closed"  # accepted as late
    if referral.state == "approved":
        on_list = establishment in referral.shortlist.get("establishments", [])
        return "open" if on_list else "finished"
    if referral.state == "negotiating":
        return "negotiating" if establishment == referral.chosen else "finished"
    return referral.state


async def _negotiation(parts: EngineParts, session: AsyncSession, inbound: InboundMessage,
                       referral: Referral, message: Any) -> Applied:
    """The chosen provider answers the fee: agreement, or a fee of its own."""
    instruction = read_instruction(message.body_text)
    fee_text = message.fields.get("weekly_fee", "")
    fee = instruction.fee if instruction and instruction.fee else _money(fee_text)
    agree = instruction is not None and instruction.verb == "agree" and fee is None
    inbound.outcome = "negotiation"
    view = await load_view(parts, session, referral)
    decision = decide_fee(view, "provider", fee, agree, desk_context(parts, referral),
                          _digest(message))
    if not decision.accepted:
        decision.commands = _note("provider/fee_unclear", message)
    return await store(parts, session, referral, decision, "email")


def _money(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text) if text else None
    except ValueError:
        return None


async def _apply(parts: EngineParts, session: AsyncSession, referral_id: int | None,
                 now: datetime, commands: list[Command]) -> Applied:
    return await parts.apply(session, commands, referral_id=referral_id)


async def _lookup(session: AsyncSession,
                  token: ReplyToken) -> tuple[Referral, Response | None] | None:
    """In one query: the token's referral, provided it was sent to the token's
    establishment (an eligible match record), and that establishment's current response."""
    row = (await session.execute(_LOOKUP, {"referral_id": token.referral_id,
                                           "establishment": token.establishment})).first()
    return (row[0], row[1]) if row is not None else None


def _lookup_statement() -> Any:
    """Built once: building this statement costs more than running it on SQLite."""
    establishment = bindparam("establishment")
    sent = and_(MatchRecord.referral_id == Referral.id,
                MatchRecord.establishment == establishment, MatchRecord.eligible)
    current = and_(Response.referral_id == Referral.id, Response.establishment == establishment,
                   Response.status == "current")
    return (select(Referral, Response).join(MatchRecord, sent).outerjoin(Response, current)
            .where(Referral.id == bindparam("referral_id"))
            .order_by(Response.id.desc()).limit(1))


_LOOKUP = _lookup_statement()


def _from_the_provider(directory: Any, establishment: Any, sender: str) -> bool:
    organisation = directory.organisation(establishment.organisation)
    contacts = {c.lower() for c in establishment.contacts}
    contacts |= {c.lower() for c in getattr(organisation, "contacts", []) or []}
    domains = {d.lower() for d in getattr(organisation, "domains", []) or []}
    return sender.lower() in contacts or sender.rpartition("@")[2].lower() in domains


def _digest(message: Any) -> str:
    return hashlib.sha256((message.message_id or message.subject).encode()).hexdigest()[:16]


def _note(template: str, message: Any) -> list[Command]:
    """A short answer to the sender; none to automatic mail or mail with no sender."""
    if not message.sender or message.auto_submitted:
        return []
    return [SendEmail(key=f"{template}:{_digest(message)}", template=template,
                      to=message.sender, context={}, in_reply_to=message.message_id)]


def _quarantine(parts: EngineParts, referral: Referral, establishment: Any,
                message: Any) -> list[Command]:
    authority = parts.directory.authority(referral.authority)
    commands: list[Command] = [
        RecordEvent("reply-quarantined", {"establishment": establishment.key,
                                          "sender": message.sender}),
        *_note("provider/not_accepted", message),
    ]
    if authority is not None:
        commands.append(SendEmail(
            key=f"quarantined:{_digest(message)}",
            template="placements_team/quarantined", to=authority.placements_team,
            context={"reference": referral.reference, "establishment": establishment.name,
                     "sender": message.sender}))
    return commands
