"""Finding, for a reply, the request to confirm it answers and the email that request asked
about (workflows/confirm.py): both mailrooms ask here (workflows/mailroom.py for a council's
people at `referrals@`, workflows/market/mailroom.py for providers and a list's approvers at
`providers@`).

A request is found only by the reply's `In-Reply-To` naming it, and only when it went to the
reply's own From: its Message-ID is keyed with the service's secret, so only that mailbox
knows it. The email it asked about is the same sender's, about the same referral (or, for a
provider's notices and an application's decision, about none), still waiting for its
confirmation or already carried out once (workflows/inbound.py marks it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage, Outbox
from broker.forms.message import read_headers
from workflows import confirm


async def asked_to_confirm(session: AsyncSession, head: Any,
                           sender: str) -> tuple[int | None, str] | None:
    """(referral id or None, the Message-ID of the email asked about) of our request to
    this sender to confirm an instruction that this message replies to (by In-Reply-To)."""
    if not head.in_reply_to:
        return None
    row = (await session.execute(select(Outbox.referral_id, Outbox.key, Outbox.to_addr).where(
        Outbox.message_id == head.in_reply_to,
        Outbox.kind.in_(confirm.TEMPLATES)).limit(1))).first()  # type: ignore[attr-defined]
    if row is None or row[2].strip().lower() != sender:
        return None
    return (int(row[0]) if row[0] else None), confirm.original_message_id(row[1])


async def asked_about(session: AsyncSession, asked: tuple[int | None, str],
                      sender: str) -> bytes | None:
    """The email a request to confirm asked about: from the same sender, about the same
    referral (or none), waiting or carried out once; None when there is none."""
    referral_id, message_id = asked
    rows = (await session.execute(select(InboundMessage.raw).where(
        InboundMessage.message_id == message_id, InboundMessage.referral_id == referral_id,
        InboundMessage.outcome.in_((confirm.OUTCOME, confirm.CONFIRMED)),  # type: ignore[attr-defined]
    ).order_by(InboundMessage.id).limit(5))).all()
    for (raw,) in rows:
        raw = bytes(raw)
        if read_headers(raw).sender == sender:
            return raw
    return None
