"""Referral intake as a pure decision: a referral email in → new state + commands out.

Transition table (state → event → state):

    (none)      form with problems      → incomplete   (one reply listing every problem)
    (none)      complete form           → open         (ack + broadcast + close deadline)
    (none)      complete, none eligible → unmatched    (ack + placements team told)
    incomplete  corrected reply         → open | unmatched | incomplete
    open        another form on thread  → open         (told it has already gone out)

Refusals (unknown sender), automatic mail and mail with no form at all never create a
referral; they are decided by `decide_unusable` and stored as such by the engine.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from broker.anonymise import anonymise
from broker.eligibility import MatchRequest, match
from broker.forms.referral import check_referral
from broker.referral import FieldProblem, ReferralForm
from workflows.commands import (
    Command,
    IllegalTransition,
    PostSlack,
    RecordEvent,
    RecordMatch,
    SendEmail,
    SetDeadline,
)


@dataclass(frozen=True)
class FormMessage:
    """The event: one email carrying (part of) a referral form, already read."""

    sender: str
    subject: str
    message_id: str
    fields: dict[str, str]
    conflicts: tuple[str, ...] = ()
    attachment_problems: tuple[str, ...] = ()
    sent_on: date | None = None
    text: str = ""  # the body as read (new text only, on a thread)


@dataclass(frozen=True)
class ReferralState:
    state: str  # new | incomplete | open | unmatched | closed
    reference: str
    referrer: str
    raw_fields: dict[str, str] = field(default_factory=dict)
    anonymised: dict[str, Any] = field(default_factory=dict)
    deadline: datetime | None = None
    broadcast_at: datetime | None = None


@dataclass(frozen=True)
class IntakeContext:
    """Everything the decision needs from outside, handed in (nothing is looked up)."""

    now: datetime
    today: date  # the consortium's local date
    authority: Any  # broker.directory Authority
    directory: Any  # broker.directory Directory
    spec: Any  # broker.forms FormSpec for the referral form
    window_for: Callable[[str], timedelta]
    reply_address: Callable[[str], str]  # establishment key → signed r+token@ address
    chase_times: Callable[[datetime, datetime], list[datetime]] = lambda _start, _end: []
    team_channel: str = ""  # Slack channel for announcements ("" = none)


@dataclass(frozen=True)
class Decision:
    state: ReferralState
    commands: list[Command]
    outcome: str


def decide_referral_message(
    current: ReferralState, message: FormMessage, ctx: IntakeContext
) -> Decision:
    """Read, check, and either ask for corrections or anonymise, match and broadcast."""
    if current.state not in ("new", "incomplete"):
        if current.state in ("open", "unmatched", "closed"):
            return _already_sent(current, message)
        raise IllegalTransition(current.state, "referral-message")
    fields = {**current.raw_fields, **message.fields}
    form, problems = check_referral(fields, ctx.spec, message_date=message.sent_on or ctx.today,
                                    conflicts=message.conflicts)
    problems = problems + [_attachment(text) for text in message.attachment_problems]
    state = replace(current, raw_fields=fields)
    if problems:
        return _ask_for_corrections(state, message, problems)
    return _accept(state, message, form, ctx)


def _attachment(text: str) -> FieldProblem:
    return FieldProblem("attachment", "Attachment", text,
                        "a .docx Word file, or the form pasted in")


def _ask_for_corrections(
    state: ReferralState, message: FormMessage, problems: list[FieldProblem]
) -> Decision:
    attempt = _attempt_key(message)
    commands: list[Command] = [
        RecordEvent("problems", {"fields": sorted({p.field for p in problems})}),
        SendEmail(
            key=f"{state.reference}:problems:{attempt}",
            template="social_worker/problems",
            to=state.referrer,
            context={"reference": state.reference, "problems": problems,
                     "subject": message.subject},
            in_reply_to=message.message_id,
            references=(message.message_id,) if message.message_id else (),
            thread=True,
        ),
    ]
    return Decision(replace(state, state="incomplete"), commands, "incomplete")


def _accept(
    state: ReferralState, message: FormMessage, form: ReferralForm, ctx: IntakeContext
) -> Decision:
    anonymised = anonymise(form, authority=ctx.authority.name, today=ctx.today).to_json()
    result = match(ctx.directory, MatchRequest.from_referral(form, ctx.authority.key, ctx.today))
    window = ctx.window_for(form.urgency or "planned")
    deadline = ctx.now + window
    referral = {"reference": state.reference, "deadline": deadline, "window": window, **anonymised}
    commands: list[Command] = [
        RecordEvent("accepted", {"urgency": form.urgency, "placement_type": form.placement_type}),
        RecordMatch(tuple(result.eligible), tuple(result.excluded)),
        *_broadcast(state.reference, result.eligible, referral, ctx),
    ]
    eligible_count = len(result.eligible)
    if ctx.team_channel:
        profile = anonymised["profile"]
        commands.append(PostSlack(
            f"{state.reference}:announce:new", "announcement", ctx.team_channel,
            {"text": f"New referral {state.reference} from {profile['authority']}: "
                     f"{profile['placement_type']}, age {profile['age']}, {profile['area']}; "
                     f"sent to {eligible_count} provider(s)."}))
    if eligible_count:
        commands.append(SetDeadline("close", deadline))
        commands += [SetDeadline(f"chase-{n}", moment)
                     for n, moment in enumerate(ctx.chase_times(ctx.now, deadline), start=1)]
        commands.append(RecordEvent("broadcast", {"providers": eligible_count,
                                                  "deadline": deadline.isoformat()}))
    else:
        commands.append(_tell_placements_team(state, result, ctx))
    commands.append(
        SendEmail(
            key=f"{state.reference}:acknowledgement",
            template="social_worker/acknowledgement",
            to=state.referrer,
            context={**referral, "providers": eligible_count, "subject": message.subject},
            in_reply_to=message.message_id,
            references=(message.message_id,) if message.message_id else (),
            thread=True,
        )
    )
    new_state = "open" if eligible_count else "unmatched"
    accepted = replace(state, state=new_state, anonymised=anonymised, broadcast_at=ctx.now,
                       deadline=deadline if eligible_count else None)
    return Decision(accepted, commands, new_state)


def _broadcast(
    reference: str, eligible: list[Any], referral: dict[str, Any], ctx: IntakeContext
) -> list[Command]:
    """One email per eligible establishment contact, each with its own signed Reply-To."""
    return [
        SendEmail(
            key=f"{reference}:referral:{choice.establishment_key}",
            template="provider/referral",
            to=choice.contact,
            context={**referral, "establishment": choice.establishment,
                     "organisation": choice.organisation, "arrangement": choice.arrangement},
            reply_to=ctx.reply_address(choice.establishment_key),
            establishment=choice.establishment_key,
        )
        for choice in eligible
    ]


def _tell_placements_team(state: ReferralState, result: Any, ctx: IntakeContext) -> SendEmail:
    by_rule = Counter(exclusion.rule for exclusion in result.excluded)
    return SendEmail(
        key=f"{state.reference}:unmatched",
        template="placements_team/unmatched",
        to=ctx.authority.placements_team,
        context={"reference": state.reference, "referrer": state.referrer,
                 "excluded_by_rule": sorted(by_rule.items(), key=lambda kv: -kv[1])},
    )


def _already_sent(current: ReferralState, message: FormMessage) -> Decision:
    command = SendEmail(
        key=f"{current.reference}:already-sent:{_attempt_key(message)}",
        template="social_worker/already_sent",
        to=current.referrer,
        context={"reference": current.reference, "state": current.state,
                 "subject": message.subject},
        in_reply_to=message.message_id,
    )
    return Decision(current, [RecordEvent("message-after-broadcast"), command], "already-sent")


def _attempt_key(message: FormMessage) -> str:
    """A stable key per inbound message, so a replayed message is answered once."""
    return hashlib.sha256(message.message_id.encode() or b"-").hexdigest()[:12]


# --- mail that never becomes a referral -----------------------------------------------


@dataclass(frozen=True)
class Unusable:
    """Why an email to referrals@ cannot start a referral."""

    reason: str  # refused | no-form | automatic


def decide_unusable(
    reason: str, sender: str, subject: str, message_id: str, referrals_address: str
) -> tuple[list[Command], str]:
    """A polite, specific answer (none to automatic mail, which would loop: RFC 3834 §2)."""
    if reason == "automatic" or not sender:
        return [], "ignored-automatic"
    template = {"refused": "sender/refused", "no-form": "social_worker/no_form"}[reason]
    key_source = message_id or f"{sender}:{subject}"
    digest = hashlib.sha256(key_source.encode()).hexdigest()[:16]
    return [
        SendEmail(
            key=f"{reason}:{digest}",
            template=template,
            to=sender,
            context={"subject": subject, "referrals_address": referrals_address},
            in_reply_to=message_id,
        )
    ], reason
