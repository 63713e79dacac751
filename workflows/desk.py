"""The placements desk: what the Slack and web adapters may ask (workflows.ports), each
turned into one event for `Engine.handle`, so a click, a web form and an email reply go
through exactly the same lifecycle, permissions and decisions.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import col

from broker.db.tables import InboundMessage, MatchRecord, Referral, ShortlistConfirmation
from broker.forms.referral import check_referral
from workflows.engine import Engine, Handled
from workflows.events import Actor, ApprovalGiven, BroadcastApproved, Shortlisted
from workflows.ports import Answer
from workflows.states import State
from workflows.store import load_snapshot
from workflows.txn import begin_writing
from workflows.web_shortlist import (
    CANNOT_NOW,
    CONFIRM_PATH,
    CONFIRM_TTL,
    SENT,
    check_proposal,
    confirm_context,
    confirm_email,
    confirmed_by,
    given_lately,
    given_views,
)


def _naive(at: datetime) -> datetime:
    """SQLite hands back stored times without their zone."""
    return at.replace(tzinfo=None)


def _digest(token: str) -> str:
    """Only a confirm link's SHA-256 is kept: a copy of the database confirms nothing."""
    return hashlib.sha256(token[:200].encode()).hexdigest()


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
                       round_: int | None = None, account: str = "") -> Answer:
        actor = Actor(approver_email.lower(), approver_name, channel, account=account)
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
        """A shortlist from `actor` recorded at once, for a caller that has itself proved
        who `actor` is. Never for a web page opened by a link (anyone may hold one): that
        gives `propose_shortlist`, and the shortlist is recorded by `confirm_shortlist`."""
        views = given_views(parents_views, child_views, parents_reason, child_reason)
        digest = hashlib.sha256(repr((labels, sorted(views.items()))).encode()).hexdigest()
        event = Shortlisted(actor=confirmed_by(actor), key=f"web:{digest[:16]}",
                            labels=tuple(labels), views=views)
        return _answer(await self.engine.handle(referral_id, event))

    async def propose_shortlist(self, referral_id: int, actor: str, labels: list[str],
                                parents_views: str, child_views: str,
                                parents_reason: str = "", child_reason: str = "") -> Answer:
        """A shortlist from the web page, checked now and kept until `actor` (the address
        the page's link names) confirms it by the link this emails her
        (workflows/web_shortlist.py). Accepted means emailed, not recorded."""
        views = given_views(parents_views, child_views, parents_reason, child_reason)
        now, token = self.parts.clock.now(), secrets.token_urlsafe(32)
        async with self.parts.sessions() as session:
            await begin_writing(session)  # one at a time: the hour's count holds
            referral = await session.get(Referral, referral_id)
            if referral is None:
                return Answer(False, CANNOT_NOW)
            snapshot = await load_snapshot(session, referral, None, self.parts.world())
            given = [(_naive(at), str(to)) for at, to in (await session.execute(select(
                col(ShortlistConfirmation.created_at), col(ShortlistConfirmation.address)).where(
                col(ShortlistConfirmation.referral_id) == referral_id,
                col(ShortlistConfirmation.created_at) > now - timedelta(hours=24))))]
            refusal = check_proposal(snapshot, actor, tuple(labels), views,
                                     *given_lately(given, actor, _naive(now)))
            if refusal is not None:
                return refusal
            row = ShortlistConfirmation(referral_id=referral_id, token_hash=_digest(token),
                                        address=actor.lower(), labels=list(labels),
                                        views=views, created_at=now,
                                        expires_at=now + CONFIRM_TTL)
            session.add(row)
            await session.flush()
            link = f"{str(self.parts.web_url).rstrip('/')}{CONFIRM_PATH}{token}"
            applied = await self.parts.apply(session, [confirm_email(
                snapshot, row.id or 0, actor, labels, views, link, row.expires_at)],
                referral_id=referral_id)
            await session.commit()
        self.engine.after_commit(applied)
        return Answer(True, SENT, reference=snapshot.reference)

    async def pending_shortlist(self, token: str) -> dict[str, Any] | None:
        """What the confirm link would record, and what it would replace; None when the
        link is none of ours, used or expired."""
        async with self.parts.sessions() as session:
            row = (await session.execute(select(ShortlistConfirmation).where(
                col(ShortlistConfirmation.token_hash) == _digest(token),
                col(ShortlistConfirmation.used_at).is_(None),
                col(ShortlistConfirmation.expires_at) > self.parts.clock.now()))).scalars().first()
            referral = await session.get(Referral, row.referral_id) if row else None
            if row is None or referral is None:
                return None
            snapshot = await load_snapshot(session, referral, None, self.parts.world())
        return {**confirm_context(snapshot, row.labels, row.views),
                "expires_at": row.expires_at}

    async def confirm_shortlist(self, token: str) -> Answer:
        """The confirm link's button: the pending shortlist, once, as the `Shortlisted` of
        the address the link was emailed to. Spending the link and recording the shortlist
        are one transaction."""
        now = self.parts.clock.now()
        async with self.parts.sessions() as session:
            await begin_writing(session)
            spent = await session.execute(update(ShortlistConfirmation).where(
                col(ShortlistConfirmation.token_hash) == _digest(token),
                col(ShortlistConfirmation.used_at).is_(None),
                col(ShortlistConfirmation.expires_at) > now).values(used_at=now))
            if spent.rowcount != 1:  # type: ignore[attr-defined]
                return Answer(False, "This confirm link has expired or has been used "
                                     "already, so nothing was recorded.")
            row = (await session.execute(select(ShortlistConfirmation).where(
                col(ShortlistConfirmation.token_hash) == _digest(token)))).scalars().one()
            handled = await self.engine.handle_in(session, row.referral_id, Shortlisted(
                actor=confirmed_by(row.address), key=f"web:confirm:{row.id}",
                labels=tuple(row.labels), views=dict(row.views)))
            await session.commit()
        self.engine.after_commit(handled.applied)
        return _answer(handled)

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
