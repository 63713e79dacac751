"""Finding, for a reply, the request to confirm it answers and the email that request asked
about (workflows/confirm.py): both mailrooms ask here (workflows/mailroom.py for a council's
people at `referrals@`, workflows/market/mailroom.py for providers and a list's approvers at
`providers@`).

A request is found only by the reply's `In-Reply-To` naming it, and only when it went to the
reply's own From: its Message-ID is keyed with the service's secret, so only that mailbox
knows it. The email it asked about is the same sender's, about the same referral (or, for a
provider's notices and an application's decision, about none), still waiting for its
confirmation or already carried out once (workflows/inbound.py marks it).

Our answer to a provider's notice that nothing proved (`provider/notice_unproved`, "Not
recorded yet") lists what the notice asked for in the service's words ("PAUSE Larch
Lodge") and asks for those lines back as a reply: a bare "Yes" to it from the mailbox it
went to means those lines (`asked_to_record`), never the unproved email's own words.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage, Outbox
from broker.forms.message import read_headers
from workflows import confirm

UNPROVED_NOTICE = "provider/notice_unproved"
_ASKED = "It asked us to record:"


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


async def asked_to_record(session: AsyncSession, head: Any, sender: str) -> str:
    """The lines our answer to an unproved notice listed, one a line, when this message
    replies to it (by In-Reply-To) from the mailbox it went to; '' otherwise."""
    if not head.in_reply_to:
        return ""
    row = (await session.execute(select(Outbox.raw, Outbox.to_addr).where(
        Outbox.message_id == head.in_reply_to, Outbox.kind == UNPROVED_NOTICE).limit(1))).first()
    if row is None or row[1].strip().lower() != sender:
        return ""
    body = message_from_bytes(bytes(row[0]), policy=policy.default).get_body(("plain",))
    return "\n".join(listed_lines(body.get_content() if body is not None else ""))


def listed_lines(text: str) -> list[str]:
    """The "- " lines under "It asked us to record:" in our `provider/notice_unproved`."""
    _, found, rest = text.partition(_ASKED)
    lines: list[str] = []
    for line in rest.splitlines() if found else []:
        if line.strip().startswith("- "):
            lines.append(line.strip()[2:].strip())
        elif line.strip() and lines:
            break
    return lines
