"""Which conversation an inbound email belongs to, decided from its address and headers.

`referrals@` carries referral forms and their corrections (a correction is found by
`In-Reply-To`/`References` against the referral's thread, or by its reference in the
subject when it comes from the same authority). `r+<token>@` carries providers' replies.
`postmaster@` is accepted as RFC 5321 §4.5.1 requires and only stored.

The envelope recipient decides first, so each message is read once with the form it
carries: a reply with the response form (new text only, never the quoted history), anything
else with the referral form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import InboundMessage, Referral, ThreadLink
from broker.forms.sandbox import read_message_safely as read_message  # docx under limits
from workflows.apply import insert_ignoring_duplicates
from workflows.commands import Command
from workflows.intake import FormMessage, decide_unusable

REFERENCE = re.compile(r"\bREF-(\d{4})-(\d{6})\b", re.IGNORECASE)


@dataclass
class Route:
    kind: str  # referral | unusable | reply | postmaster
    inbound: InboundMessage
    message: Any  # broker.forms ReadMessage
    parts: Any
    sender: str = ""
    recipient_token: str = ""
    authority: Any = None
    outcome: str = ""
    commands: list[Command] = field(default_factory=list)

    def refuse(self, reason: str) -> None:
        """Answer a message that cannot start or continue a referral (refused, no-form)."""
        self.kind = "unusable"
        self.commands, self.outcome = decide_unusable(
            reason, self.sender, self.message.subject, self.message.message_id,
            f"referrals@{self.parts.mail_domain}")

    def reply_message(self) -> Any:
        """The message read as a provider's reply: already so for `r+` mail; mail to
        `referrals@` that turns out to answer a provider email is read again for it."""
        if self.kind == "reply":
            return self.message
        return read_message(self.inbound.raw, self.parts.response_spec, new_text_only=True)

    def form_message(self, *, thread: bool) -> FormMessage:
        message = self.message
        if thread:  # a correction: read only the new text, never the quoted history
            message = read_message(self.inbound.raw, self.parts.referral_spec, new_text_only=True)
        sent_on = message.date.date() if message.date else None
        return FormMessage(
            sender=self.sender, subject=message.subject, message_id=message.message_id,
            fields=dict(message.fields), conflicts=tuple(message.conflicts),
            attachment_problems=tuple(message.problems), sent_on=sent_on,
            text=message.body_text,
        )

    async def find_thread(self, session: AsyncSession) -> Referral | None:
        """The referral this message continues, if any (same authority only)."""
        ids = [self.message.in_reply_to, *self.message.references]
        ids = [i for i in ids if i]
        if ids:
            link = (await session.execute(
                select(ThreadLink.referral_id).where(ThreadLink.message_id.in_(ids)))).first()
            if link is not None:
                return await self._same_authority(session, link[0])
        match = REFERENCE.search(self.message.subject or "")
        if match:
            return await self.by_reference(session, f"REF-{match.group(1)}-{match.group(2)}")
        return None

    async def by_reference(self, session: AsyncSession, reference: str) -> Referral | None:
        found = (await session.execute(
            select(Referral.id).where(Referral.reference == reference.upper()))).first()
        return await self._same_authority(session, found[0]) if found is not None else None

    async def _same_authority(self, session: AsyncSession, referral_id: int) -> Referral | None:
        referral = await session.get(Referral, referral_id)
        if referral is None or referral.authority != self.authority.key:
            return None
        return referral

    async def link_thread(self, session: AsyncSession, referral_id: int | None) -> None:
        if self.message.message_id and referral_id is not None:
            await insert_ignoring_duplicates(session, ThreadLink, [
                {"message_id": self.message.message_id[:400], "referral_id": referral_id}])


def route_inbound(inbound: InboundMessage, parts: Any) -> Route:
    """Decide what kind of conversation this is; refusals are decided here and now."""
    local = _our_recipient(inbound.rcpt_to, parts.mail_domain).split("@")[0]
    if local.startswith("r+"):  # a provider's reply: read once, with the response form
        message = read_message(inbound.raw, parts.response_spec, new_text_only=True)
        route = Route("reply", inbound, message, parts, recipient_token=local[2:])
        route.sender = _sender(message, inbound)
        return route
    message = read_message(inbound.raw, parts.referral_spec)
    route = Route("unusable", inbound, message, parts)
    route.sender = _sender(message, inbound)
    if local == "postmaster":
        route.kind, route.outcome = "postmaster", "postmaster"
    elif message.auto_submitted:
        route.commands, route.outcome = decide_unusable("automatic", "", "", "", "")
    else:
        _route_referral(route, parts)
    return route


def _sender(message: Any, inbound: InboundMessage) -> str:
    return (message.reply_to or message.sender or inbound.mail_from or "").lower()


def _route_referral(route: Route, parts: Any) -> None:
    message = route.message
    route.authority = parts.directory.authority_for_sender(message.sender or route.sender)
    if route.authority is None:
        route.refuse("refused")
    else:
        route.kind = "referral"  # no-form is decided once the thread is known (engine)


def _our_recipient(rcpt_to: str, domain: str) -> str:
    for address in rcpt_to.split(","):
        address = address.strip().lower()
        if address.endswith("@" + domain):
            return address
    return ""
