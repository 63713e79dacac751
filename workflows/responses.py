"""A provider's reply as a pure decision: what to store, and what to say back.

    no earlier reply           → store it; acknowledge, or ask for exactly what is missing
    earlier reply incomplete   → merge the new fields into it (the answer completes it)
    earlier reply complete     → a reply with another decision supersedes it (both kept);
                                 one without a decision (e.g. only a new fee), or a fuller
                                 offer after an offer or interest, amends it
    window closed              → accepted, marked late, forwarded to the social worker
    referral finished          → not stored as a response; a polite note says it is closed
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from broker.forms.response import ParsedResponse, read_response, response_to_json
from workflows.commands import Command, RecordEvent, SendEmail

OPEN_STATES = ("open",)
LATE_STATES = ("closed",)  # the window has closed but the search goes on


@dataclass(frozen=True)
class Reply:
    """The event: one reply from a provider's inbox, already read for its new text."""

    sender: str
    subject: str
    message_id: str
    fields: dict[str, str]
    body_text: str
    sent_on: date


@dataclass(frozen=True)
class Earlier:
    raw_fields: dict[str, str]
    decision: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class ReplyContext:
    now: datetime
    reference: str
    state: str
    establishment_key: str
    establishment_name: str
    referrer: str
    reply_address: str
    spec: Any  # the response FormSpec
    describe_date: Callable[[date], str] = lambda d: d.isoformat()


@dataclass
class ReplyDecision:
    outcome: str
    commands: list[Command]
    store: dict[str, Any] | None = None  # the response row's values, or None
    parsed: ParsedResponse | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def decide_reply(earlier: Earlier | None, reply: Reply, ctx: ReplyContext) -> ReplyDecision:
    if ctx.state not in OPEN_STATES + LATE_STATES:
        return _closed(reply, ctx)
    own = read_response(reply.fields, reply.body_text, ctx.spec, message_date=reply.sent_on,
                        known_service_name=ctx.establishment_name)
    fields = _merged(earlier, reply.fields, own)
    parsed = read_response(fields, reply.body_text, ctx.spec, message_date=reply.sent_on,
                           known_service_name=ctx.establishment_name)
    late = ctx.state in LATE_STATES
    store = {"decision": parsed.decision or "", "raw_fields": fields,
             "fields": _json(parsed), "missing": list(parsed.missing), "late": late}
    commands: list[Command] = [RecordEvent("response", {
        "establishment": ctx.establishment_key, "decision": parsed.decision,
        "missing": list(parsed.missing), "late": late})]
    if parsed.missing:
        commands.append(_ask_for_missing(parsed, reply, ctx))
        outcome = "response-incomplete"
    else:
        commands.append(_acknowledge(parsed, reply, ctx, late))
        outcome = "response-late" if late else "response"
    if late and not parsed.missing:
        commands.append(_forward_late(parsed, reply, ctx))
    return ReplyDecision(outcome, commands, store, parsed)


def _merged(earlier: Earlier | None, new: dict[str, str], own: ParsedResponse) -> dict[str, str]:
    """Complete or amend the earlier reply unless this one makes its own decision."""
    if earlier is None:
        return dict(new)
    still_offering = {earlier.decision, own.decision} <= {"offer", "interested"}
    if earlier.missing or own.decision is None or still_offering:
        return {**earlier.raw_fields, **new}
    return dict(new)


def _json(parsed: ParsedResponse) -> dict[str, Any]:
    document = dict(response_to_json(parsed))
    document.pop("missing", None)
    return document


def _key(ctx: ReplyContext, what: str, reply: Reply) -> str:
    digest = hashlib.sha256((reply.message_id or reply.body_text).encode()).hexdigest()[:12]
    return f"{ctx.reference}:{ctx.establishment_key}:{what}:{digest}"


def summary(parsed: ParsedResponse, describe_date: Callable[[date], str]) -> str:
    """What we understood, in one sentence a placements officer can check at a glance."""
    if parsed.decision == "offer":
        parts = [parsed.service_name or "your home"]
        if parsed.weekly_fee is not None:
            parts.append(f"£{parsed.weekly_fee:,.2f} a week".replace(".00 ", " "))
        if parsed.available_from:
            parts.append(f"from {describe_date(parsed.available_from)}")
        return "We have your offer: " + ", ".join(parts) + "."
    if parsed.decision == "interested":
        home = f" for {parsed.service_name}" if parsed.service_name else ""
        return f"We have your expression of interest{home}."
    if parsed.decision == "decline":
        reason = (parsed.decline_reason or "other").replace("-", " ")
        return f"We have your decline (reason: {reason})."
    if parsed.decision == "withdrawn":
        return "We have your withdrawal: your earlier response no longer stands."
    return "We could not tell from your reply whether you can offer a place."


def _acknowledge(parsed: ParsedResponse, reply: Reply, ctx: ReplyContext,
                 late: bool) -> SendEmail:
    return SendEmail(
        key=_key(ctx, "ack", reply), template="provider/response_ack", to=reply.sender,
        context={"reference": ctx.reference, "summary": summary(parsed, ctx.describe_date),
                 "decision": parsed.decision, "late": late,
                 "establishment": ctx.establishment_name},
        reply_to=ctx.reply_address, in_reply_to=reply.message_id,
        references=(reply.message_id,) if reply.message_id else (),
        establishment=ctx.establishment_key)


def _ask_for_missing(parsed: ParsedResponse, reply: Reply, ctx: ReplyContext) -> SendEmail:
    wanted = [ctx.spec.field(key) for key in parsed.missing if key in ctx.spec.keys]
    return SendEmail(
        key=_key(ctx, "missing", reply), template="provider/missing_fields", to=reply.sender,
        context={"reference": ctx.reference, "summary": summary(parsed, ctx.describe_date),
                 "wanted": [{"label": f.label, "example": f.example} for f in wanted],
                 "establishment": ctx.establishment_name},
        reply_to=ctx.reply_address, in_reply_to=reply.message_id,
        references=(reply.message_id,) if reply.message_id else (),
        establishment=ctx.establishment_key)


def _forward_late(parsed: ParsedResponse, reply: Reply, ctx: ReplyContext) -> SendEmail:
    return SendEmail(
        key=_key(ctx, "late", reply),
        template="social_worker/late_response", to=ctx.referrer,
        context={"reference": ctx.reference, "establishment": ctx.establishment_name,
                 "summary": summary(parsed, ctx.describe_date),
                 "response": response_to_json(parsed)})


def _closed(reply: Reply, ctx: ReplyContext) -> ReplyDecision:
    command = SendEmail(
        key=_key(ctx, "closed", reply), template="provider/referral_closed", to=reply.sender,
        context={"reference": ctx.reference}, in_reply_to=reply.message_id)
    return ReplyDecision("reply-referral-closed",
                         [RecordEvent("reply-after-close", {"establishment":
                                                            ctx.establishment_key}), command])
