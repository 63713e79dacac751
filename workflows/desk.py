"""The placements desk: loads a referral into a PlacementView, runs the placement decision
for an instruction (email, Slack or web), and stores what it decided.

It also implements `workflows.ports.PlacementPort` for the Slack and web adapters, so a
click and an email reply go through exactly the same decisions.
"""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import (
    Approval,
    FeeRound,
    InboundMessage,
    MatchRecord,
    Referral,
    ReferralEvent,
    Response,
)
from broker.forms.values import parse_money_weekly
from workflows.agreement import decide_choose, decide_drop, decide_fee, decide_unmet
from workflows.apply import Applied
from workflows.instructions import Instruction
from workflows.parts import EngineParts
from workflows.placement import (
    ApprovalRecord,
    Decision,
    DeskContext,
    Option,
    PlacementView,
    decide_approval,
    decide_shortlist,
    refused,
    shortlist_problems,
)
from workflows.ports import Answer

log = logging.getLogger("broker.desk")
SOCIAL_WORKER_VERBS = ("shortlist", "choose", "propose", "agree", "drop", "unmet")
COMMISSIONER_VERBS = ("approve", "reject", "question")


async def load_view(parts: EngineParts, session: AsyncSession, referral: Referral) -> PlacementView:
    rid = referral.id
    contacts = {m.establishment: m.contact for m in (await session.execute(
        select(MatchRecord).where(MatchRecord.referral_id == rid, MatchRecord.eligible)))
        .scalars()}
    options = tuple(Option(
        label=row["label"], establishment=row["establishment"], home=row["home"],
        decision=row["decision"], contact=contacts.get(row["establishment"], ""),
        reply_address=parts.reply_address(rid or 0, row["establishment"]),
        weekly_fee=row.get("weekly_fee"), ofsted_rating=row.get("ofsted_rating", ""),
        distance_band=row.get("distance_band", "")) for row in referral.comparison)
    approvals = tuple(ApprovalRecord(a.round, a.approver, a.approver_name, a.decision, a.reason)
                      for a in (await session.execute(select(Approval).where(
                          Approval.referral_id == rid).order_by(Approval.id))).scalars())
    rounds = tuple((f.round, f.by, f.weekly_fee) for f in (await session.execute(
        select(FeeRound).where(FeeRound.referral_id == rid).order_by(FeeRound.round))).scalars())
    offers = {r.establishment: r.fields for r in (await session.execute(select(Response).where(
        Response.referral_id == rid, Response.status == "current"))).scalars()}
    return PlacementView(
        reference=referral.reference or "", state=referral.state, referrer=referral.referrer,
        authority=parts.directory.authority(referral.authority),
        profile=referral.anonymised.get("profile", {}), options=options,
        shortlist=dict(referral.shortlist), approvals=approvals,
        approval_round=referral.approval_round,
        approval_expires_at=referral.approval_expires_at, chosen=referral.chosen,
        fee_rounds=rounds, offers=offers, budget_weekly=_budget(referral.raw_fields),
        siblings=int(referral.anonymised.get("profile", {}).get("siblings") or 1))


def _budget(raw_fields: dict[str, str]) -> str | None:
    try:
        return f"{parse_money_weekly(raw_fields.get('budget_weekly', '')):.2f}"
    except ValueError:
        return None


async def write_lock(session: AsyncSession) -> None:
    """Decisions on one referral must not interleave: two approvals read at once would each
    count one and neither release the papers. SQLite: take the database's write lock before
    reading (BEGIN IMMEDIATE, as the engine's batches do); PostgreSQL: the caller's
    SELECT … FOR UPDATE locks the referral's row."""
    if session.get_bind().dialect.name == "sqlite":
        await (await session.connection()).exec_driver_sql("BEGIN IMMEDIATE")


def desk_context(parts: EngineParts, referral: Referral) -> DeskContext:
    from workflows.ipa import ipa_context

    return DeskContext(
        now=parts.clock.now(), approvals_needed=parts.approvals_needed,
        approval_ttl=parts.approval_ttl, papers_ttl=parts.papers_ttl,
        slack_channel=parts.slack_channel, team_channel=parts.team_channel,
        papers_link=lambda est, expires: parts.link("papers", referral.id or 0, est, expires),
        ipa=lambda est: ipa_context(parts, referral, est), sign=parts.sign)


async def store(parts: EngineParts, session: AsyncSession, referral: Referral,
                decision: Decision, source: str) -> Applied:
    for column, value in decision.updates.items():
        setattr(referral, column, value)
    session.add(ReferralEvent(referral_id=referral.id or 0, at=parts.clock.now(),
                              kind="instruction", data={"outcome": decision.outcome,
                                                        "source": source}))
    log.info("referral %s: %s (%s)", referral.reference, decision.outcome, source)
    return await parts.apply(session, decision.commands, referral_id=referral.id)


def decide_instruction(view: PlacementView, instruction: Instruction, actor: str,
                       ctx: DeskContext, key: str) -> Decision:
    """Which placement decision an emailed instruction asks for, from whom it may come."""
    verb = instruction.verb
    if verb in COMMISSIONER_VERBS:
        return decide_approval(view, actor, "", verb, instruction.argument, "email", ctx)
    allowed = {view.referrer.lower(), (view.authority.placements_team or "").lower()}
    if actor.lower() not in allowed:
        return refused("Only the referring social worker or the placements team can give "
                       "this instruction.", view, key, to=actor)
    if verb == "shortlist":
        return decide_shortlist(view, list(instruction.labels), instruction.views, actor, ctx,
                                key)
    if verb == "choose":
        return decide_choose(view, (instruction.labels or ("",))[0], ctx, key)
    if verb in ("propose", "agree"):
        return decide_fee(view, "authority", instruction.fee, verb == "agree", ctx, key)
    if verb == "drop":
        return decide_drop(view, (instruction.labels or ("",))[0], ctx, key)
    return decide_unmet(view, instruction.argument, ctx, key)


async def handle_instruction(parts: EngineParts, session: AsyncSession, referral: Referral,
                             instruction: Instruction, actor: str, key: str) -> Applied:
    # The engine's batch already holds SQLite's write lock; on PostgreSQL lock the row.
    await session.refresh(referral, with_for_update=True)
    view = await load_view(parts, session, referral)
    decision = decide_instruction(view, instruction, actor, desk_context(parts, referral), key)
    if not decision.accepted and instruction.verb in COMMISSIONER_VERBS:
        decision.commands = refused(decision.message, view, key, to=actor).commands
    return await store(parts, session, referral, decision, "email")


def _problem_field(text: str) -> str:
    """Which part of the shortlist form a problem belongs next to."""
    lowered = text.lower()
    return ("parents" if lowered.startswith("parents") else "child" if lowered.startswith(
        "child") else "labels")


class PlacementDesk:
    """PlacementPort for the Slack and web adapters (see workflows/ports.py)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.parts: EngineParts = engine.parts

    async def _referral(self, session: AsyncSession, reference: str) -> Referral | None:
        await write_lock(session)
        return (await session.execute(select(Referral).where(
            Referral.reference == reference.upper()).with_for_update())).scalars().first()

    async def approval(self, reference: str, decision: str, approver_email: str,
                       approver_name: str, reason: str = "", channel: str = "slack") -> Answer:
        async with self.parts.sessions() as session:
            referral = await self._referral(session, reference)
            if referral is None:
                return Answer(False, f"There is no referral {reference}.")
            view = await load_view(self.parts, session, referral)
            result = decide_approval(view, approver_email, approver_name, decision, reason,
                                     channel, desk_context(self.parts, referral))
            applied = await store(self.parts, session, referral, result, channel)
            await session.commit()
        self.engine._after_commit(applied)
        return Answer(result.accepted, result.message, reference=reference)

    async def submit_shortlist(self, referral_id: int, actor: str, labels: list[str],
                               parents_views: str, child_views: str, parents_reason: str = "",
                               child_reason: str = "") -> Answer:
        views = {"parents": parents_views.strip(), "child": child_views.strip(),
                 "parents_reason": parents_reason.strip(), "child_reason": child_reason.strip()}
        views = {k: v for k, v in views.items() if v or not k.endswith("reason")}
        async with self.parts.sessions() as session:
            await write_lock(session)
            referral = await session.get(Referral, referral_id, with_for_update=True)
            if referral is None or referral.referrer.lower() != actor.lower():
                return Answer(False, "This link is not for this referral.")
            view = await load_view(self.parts, session, referral)
            result = decide_shortlist(view, labels, views, actor,
                                      desk_context(self.parts, referral), "web")
            problems = [] if result.accepted else [
                {"field": _problem_field(text), "label": "", "problem": text, "example": ""}
                for text in shortlist_problems(view, labels, views)]
            applied = await store(self.parts, session, referral, result, "web")
            await session.commit()
        self.engine._after_commit(applied)
        return Answer(result.accepted, result.message, problems,
                      reference=referral.reference or "")

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
                                 raw=bytes(message), size=len(bytes(message)), status="new")
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
        from broker.forms.referral import check_referral

        async with self.parts.sessions() as session:
            inbound = await session.get(InboundMessage, inbound_id)
            referral = (await session.get(Referral, inbound.referral_id)
                        if inbound and inbound.referral_id else None)
        if inbound is None or referral is None:
            return Answer(False, "Your address is not a registered referrer at a member "
                                 "authority, so the referral could not be accepted.")
        if referral.state == "incomplete":
            _, problems = check_referral(referral.raw_fields, self.parts.referral_spec,
                                         message_date=self.parts.today())
            return Answer(False, "Please correct the form.", [
                {"field": p.field, "label": p.label, "problem": p.problem,
                 "example": p.example} for p in problems], referral.reference or "")
        async with self.parts.sessions() as session:
            sent = len((await session.execute(select(MatchRecord.id).where(
                MatchRecord.referral_id == referral.id, MatchRecord.eligible))).all())
        return Answer(True, f"Referral {referral.reference} has gone to {sent} eligible "
                            "provider(s). The acknowledgement, with the anonymised text "
                            "exactly as they see it, is in your email.",
                      reference=referral.reference or "")
