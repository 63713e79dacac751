"""The placements desk: what the Slack and web adapters may ask (workflows.ports), each
turned into one event for `Engine.handle`, so a click, a web form and an email reply go
through exactly the same lifecycle, permissions and decisions.
"""

from __future__ import annotations

import asyncio
import hashlib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import func, select

from broker.db.tables import InboundMessage, MatchRecord, Referral
from broker.forms.referral import check_referral
from workflows.engine import Engine, Handled
from workflows.events import Actor, ApprovalGiven, BroadcastApproved, Shortlisted
from workflows.ports import Answer
from workflows.states import State


def _answer(handled: Handled) -> Answer:
    answer = handled.answer
    return Answer(answer.accepted, answer.message, [dict(p) for p in answer.problems],
                  reference=handled.reference)


class PlacementDesk:
    """PlacementPort for the Slack and web adapters (see workflows/ports.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.parts = engine.parts

    async def approval(self, reference: str, decision: str, approver_email: str,
                       approver_name: str, reason: str = "", channel: str = "slack",
                       round_: int | None = None) -> Answer:
        actor = Actor(approver_email.lower(), approver_name, channel)
        key = f"{channel}:{approver_email.lower()}:{decision}:{round_ or ''}"
        handled = await self.engine.handle_reference(reference, ApprovalGiven(
            actor=actor, key=key, decision=decision, reason=reason, round=round_))
        return _answer(handled) if handled.reference else Answer(
            False, handled.answer.message, reference=reference)

    async def release(self, reference: str, actor_email: str, channel: str = "web") -> Answer:
        """SEND from the console: a held referral goes out (the same as replying SEND)."""
        handled = await self.engine.handle_reference(reference, BroadcastApproved(
            actor=Actor(actor_email.lower(), channel=channel),
            key=f"{channel}:send:{actor_email.lower()}"))
        return _answer(handled)

    async def submit_shortlist(self, referral_id: int, actor: str, labels: list[str],
                               parents_views: str, child_views: str, parents_reason: str = "",
                               child_reason: str = "") -> Answer:
        views = {"parents": parents_views.strip(), "child": child_views.strip(),
                 "parents_reason": parents_reason.strip(), "child_reason": child_reason.strip()}
        views = {k: v for k, v in views.items() if v or not k.endswith("reason")}
        digest = hashlib.sha256(repr((labels, sorted(views.items()))).encode()).hexdigest()
        event = Shortlisted(actor=Actor(actor.lower(), channel="web"), key=f"web:{digest[:16]}",
                            labels=tuple(labels), views=views)
        return _answer(await self.engine.handle(referral_id, event))

    async def referral_from_slack(self, fields: dict[str, str], sender_email: str) -> Answer:
        """Stored as a message and processed exactly like an emailed form."""
        message = EmailMessage()
        message["From"] = sender_email
        message["To"] = f"referrals@{self.parts.mail_domain}"
        message["Subject"] = "Referral from Slack"
        message["Date"] = formatdate()
        message["Message-ID"] = make_msgid(domain=self.parts.mail_domain)
        spec = self.parts.referral_spec
        message.set_content("\n".join(f"{spec.field(k).label}: {v}" for k, v in fields.items()
                                      if v and k in spec.keys) + "\n")
        async with self.parts.sessions() as session:
            row = InboundMessage(channel="slack", received_at=self.parts.clock.now(),
                                 mail_from=sender_email, rcpt_to=message["To"],
                                 raw=bytes(message), size=len(bytes(message)), status="new",
                                 expected=True)  # a signed-in Slack user
            session.add(row)
            await session.commit()
            inbound_id = row.id or 0
        await self.engine.process_pending()
        await self._processed(inbound_id)
        return await self._slack_answer(inbound_id)

    async def _processed(self, inbound_id: int, seconds: float = 2.0) -> None:
        """Another worker may have claimed the message (PostgreSQL, SKIP LOCKED): wait for
        it, briefly — Slack wants its answer within 3 seconds."""
        for _ in range(int(seconds / 0.05)):
            async with self.parts.sessions() as session:
                row = await session.get(InboundMessage, inbound_id)
            if row is None or row.status != "new":
                return
            await asyncio.sleep(0.05)

    async def _slack_answer(self, inbound_id: int) -> Answer:
        async with self.parts.sessions() as session:
            inbound = await session.get(InboundMessage, inbound_id)
            referral = (await session.get(Referral, inbound.referral_id)
                        if inbound and inbound.referral_id else None)
            sent = (await session.execute(select(func.count()).where(
                MatchRecord.referral_id == referral.id, MatchRecord.eligible))).scalar_one() \
                if referral else 0
        if inbound is None or referral is None:
            return Answer(False, "Your address is not a registered referrer at a member "
                                 "authority, so the referral could not be accepted.")
        if referral.state == State.INCOMPLETE:
            return self._problems(referral)
        if referral.state == State.HELD:
            return Answer(True, f"Referral {referral.reference} is held before it goes to "
                                "providers; your email says why and how to send it.",
                          reference=referral.reference or "")
        return Answer(True, f"Referral {referral.reference} has gone to {sent} eligible "
                            "provider(s). The acknowledgement, with the anonymised text "
                            "exactly as they see it, is in your email.",
                      reference=referral.reference or "")

    def _problems(self, referral: Any) -> Answer:
        _, problems = check_referral(referral.raw_fields, self.parts.referral_spec,
                                     message_date=self.parts.today())
        return Answer(False, "Please correct the form.", [
            {"field": p.field, "label": p.label, "problem": p.problem,
             "example": p.example} for p in problems], referral.reference or "")
