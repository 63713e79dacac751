"""From the close to a placement, as pure decisions (each returns the new state and commands).

    closed             SHORTLIST (valid)         → awaiting-approval  (approval requested)
    awaiting-approval  approve (enough of them)  → approved           (papers released)
    awaiting-approval  reject                    → closed             (back to the social worker)
    awaiting-approval  question                  → awaiting-approval  (question emailed)
    awaiting-approval  approval expires          → closed             (fails closed)
    approved           CHOOSE B                  → negotiating        (fee round 1: requested)
    negotiating        PROPOSE £x / provider fee → negotiating        (a round each)
    negotiating        AGREE / provider agrees   → placed             (IPA issued; final)
    approved | negotiating  DROP B               → same               (B loses the papers)
    any before placed  UNMET <reason>            → unmet              (final)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from workflows.commands import (
    Command,
    GrantPapers,
    PostSlack,
    RecordApproval,
    RecordEvent,
    SendEmail,
    SetDeadline,
)

FINAL = ("placed", "unmet", "cancelled")


@dataclass(frozen=True)
class Option:
    label: str
    establishment: str
    home: str
    decision: str
    contact: str
    reply_address: str
    weekly_fee: str | None = None
    ofsted_rating: str = ""
    distance_band: str = ""


@dataclass(frozen=True)
class ApprovalRecord:
    round: int
    approver: str
    approver_name: str
    decision: str
    reason: str


@dataclass(frozen=True)
class PlacementView:
    """Everything a placement decision looks at, loaded by the engine."""

    reference: str
    state: str
    referrer: str
    authority: Any  # broker.directory Authority
    profile: dict[str, Any]
    options: tuple[Option, ...]
    shortlist: dict[str, Any] = field(default_factory=dict)
    approvals: tuple[ApprovalRecord, ...] = ()
    approval_round: int = 0
    approval_expires_at: datetime | None = None
    chosen: str = ""
    fee_rounds: tuple[tuple[int, str, str], ...] = ()  # (round, by, weekly fee)
    offers: dict[str, dict[str, Any]] = field(default_factory=dict)  # establishment → fields
    budget_weekly: str | None = None
    siblings: int = 1


@dataclass(frozen=True)
class DeskContext:
    now: datetime
    approvals_needed: int
    approval_ttl: timedelta
    papers_ttl: timedelta
    slack_channel: str  # "" when Slack is off: commissioners are asked by email
    team_channel: str
    papers_link: Callable[[str, datetime], str]  # establishment, expiry → URL
    shortlist_link: str = ""
    ipa: Callable[[str], dict[str, Any]] = lambda _establishment: {}  # IPA context
    sign: Callable[[str], str] = lambda _text: ""  # HMAC with the service's key


@dataclass
class Decision:
    outcome: str
    commands: list[Command]
    updates: dict[str, Any] = field(default_factory=dict)  # referral columns to change
    message: str = ""  # for the person who acted
    accepted: bool = True


def _email(key: str, template: str, to: str, context: dict[str, Any], **more: Any) -> SendEmail:
    return SendEmail(key=key, template=template, to=to, context=context, **more)


def tell_social_worker(view: PlacementView, what: str, context: dict[str, Any],
                        key: str) -> SendEmail:
    return _email(f"{view.reference}:{what}:{key}", f"social_worker/{what}", view.referrer,
                  {"reference": view.reference, **context}, thread=True)


def option_by_label(view: PlacementView, label: str) -> Option | None:
    return next((o for o in view.options if o.label == label.upper()), None)


def shortlisted_options(view: PlacementView) -> list[Option]:
    keys = view.shortlist.get("establishments", [])
    return [o for o in view.options if o.establishment in keys]


def refused(message: str, view: PlacementView, key: str, to: str = "") -> Decision:
    """An instruction that cannot be carried out now: say why, change nothing."""
    return Decision("refused", [_email(f"{view.reference}:refused:{key}",
                                       "social_worker/instruction_refused", to or view.referrer,
                                       {"reference": view.reference, "why": message})],
                    message=message, accepted=False)


# --- shortlist ----------------------------------------------------------------------------


def shortlist_problems(view: PlacementView, labels: list[str], views: dict[str, str]) -> list[str]:
    problems = []
    if not labels:
        problems.append("Name at least one option, e.g. SHORTLIST A, C.")
    unknown = [label for label in labels if option_by_label(view, label) is None]
    if unknown:
        known = ", ".join(o.label for o in view.options) or "none"
        problems.append(f"There is no option {', '.join(unknown)}; the options are {known}.")
    for key, who in (("parents", "Parents' views"), ("child", "Child's views")):
        if not views.get(key) and not views.get(f"{key}_reason"):
            problems.append(f"{who}: give them, or write 'not sought - ' and the reason.")
    return problems


def decide_shortlist(view: PlacementView, labels: list[str], views: dict[str, str],
                     actor: str, ctx: DeskContext, key: str) -> Decision:
    if view.state not in ("closed", "awaiting-approval"):
        return refused(f"The shortlist can be given once the window has closed and before "
                       f"approval (it is now {view.state}).", view, key)
    problems = shortlist_problems(view, labels, views)
    if problems:
        return Decision("shortlist-problems", [tell_social_worker(
            view, "shortlist_problems", {"problems": problems}, key)],
            message=" ".join(problems), accepted=False)
    chosen = [o for o in view.options if o.label in {label.upper() for label in labels}]
    round_ = view.approval_round + 1
    expires = ctx.now + ctx.approval_ttl
    shortlist = {"labels": [o.label for o in chosen], "establishments":
                 [o.establishment for o in chosen], **views, "by": actor}
    updated = replace(view, shortlist=shortlist, approval_round=round_,
                      approval_expires_at=expires, state="awaiting-approval", approvals=())
    commands: list[Command] = [
        RecordEvent("shortlisted", {"labels": shortlist["labels"], "round": round_,
                                    "parents_views": "given" if views.get("parents") else
                                    "not sought", "child_views": "given" if views.get(
                                        "child") else "not sought"}),
        tell_social_worker(updated, "shortlist_recorded", {
            "options": chosen, "views": views, "expires_at": expires,
            "needed": ctx.approvals_needed}, key),
        SetDeadline(f"approval-expiry-{round_}", expires),
        *_ask_for_approval(updated, ctx),
    ]
    return Decision("shortlisted", commands, {
        "state": "awaiting-approval", "shortlist": shortlist, "approval_round": round_,
        "approval_expires_at": expires},
        message=f"Shortlist {', '.join(shortlist['labels'])} recorded for {view.reference}.")


def approval_context(view: PlacementView, ctx: DeskContext, status: str) -> dict[str, Any]:
    return {
        "reference": view.reference, "profile": view.profile, "needed": ctx.approvals_needed,
        "options": [{"label": o.label, "home": o.home, "ofsted_rating": o.ofsted_rating,
                     "distance_band": o.distance_band, "weekly_fee": o.weekly_fee,
                     "decision": o.decision} for o in shortlisted_options(view)],
        "budget_weekly": view.budget_weekly,
        "views": {k: view.shortlist.get(k, "") for k in
                  ("parents", "child", "parents_reason", "child_reason")},
        "approvals": [{"name": a.approver_name, "email": a.approver,  # blocks fall back
                       "decision": a.decision, "reason": a.reason, "at": ""}
                      for a in view.approvals if a.round == view.approval_round],
        "status": status,
        "expires_at": view.approval_expires_at.isoformat() if view.approval_expires_at else "",
    }


def _ask_for_approval(view: PlacementView, ctx: DeskContext) -> list[Command]:
    context = approval_context(view, ctx, "pending")
    if ctx.slack_channel:
        return [PostSlack(f"{view.reference}:approval:{view.approval_round}",
                          "shortlist_approval", ctx.slack_channel, context)]
    return [_email(f"{view.reference}:approval:{view.approval_round}:{c}",
                   "commissioner/approval_request", c, context)
            for c in view.authority.commissioners]


def _update_slack(view: PlacementView, ctx: DeskContext, status: str,
                  count: int) -> list[Command]:
    if not ctx.slack_channel:
        return []
    return [PostSlack(f"{view.reference}:approval:{view.approval_round}:update:{count}",
                      "shortlist_approval", ctx.slack_channel,
                      approval_context(view, ctx, status),
                      update_of=f"{view.reference}:approval:{view.approval_round}")]


# --- approval -----------------------------------------------------------------------------


def decide_approval(view: PlacementView, approver: str, name: str, decision: str,
                    reason: str, channel: str, ctx: DeskContext) -> Decision:
    key = f"{approver}:{decision}:{view.approval_round}"
    problem = _approval_problem(view, approver, decision, reason, ctx)
    if problem:
        return Decision("approval-refused", [], message=problem, accepted=False)
    if any(a.round == view.approval_round and a.approver == approver.lower()
           and a.decision == decision for a in view.approvals):
        return Decision("approval-repeated", [], message="Your decision was already recorded.")
    record = ApprovalRecord(view.approval_round, approver.lower(), name, decision, reason)
    view = replace(view, approvals=(*view.approvals, record))
    commands: list[Command] = [
        RecordApproval(view.approval_round, approver.lower(), name, decision, reason, channel),
        RecordEvent(f"approval-{decision}", {"by": approver.lower(), "round":
                                             view.approval_round, "channel": channel}),
    ]
    if decision == "approve":
        return _after_approve(view, commands, ctx)
    what = "shortlist_rejected" if decision == "reject" else "shortlist_question"
    commands.append(tell_social_worker(view, what, {"by": name or approver, "reason": reason},
                                        key))
    if decision == "reject":
        commands += _update_slack(view, ctx, "rejected", len(view.approvals))
        return Decision("rejected", commands, {"state": "closed"},
                        message=f"Rejected; {view.referrer} has been told why.")
    commands += _update_slack(view, ctx, "pending", len(view.approvals))
    return Decision("question", commands, message=f"Your question went to {view.referrer}.")


def _approval_problem(view: PlacementView, approver: str, decision: str, reason: str,
                      ctx: DeskContext) -> str:
    if view.state != "awaiting-approval":
        return f"{view.reference} is not awaiting approval (it is {view.state})."
    if view.approval_expires_at and ctx.now > view.approval_expires_at:
        return f"The approval request for {view.reference} has expired."
    if approver.lower() == view.referrer.lower():
        return "You cannot approve or reject your own shortlist."
    if approver.lower() not in {c.lower() for c in view.authority.commissioners}:
        return f"Only {view.authority.name}'s registered commissioners can decide on this."
    if decision in ("reject", "question") and not reason.strip():
        return "Please give a reason."
    if decision not in ("approve", "reject", "question"):
        return f"Unknown decision {decision!r}."
    return ""


def _after_approve(view: PlacementView, commands: list[Command], ctx: DeskContext) -> Decision:
    approvers = {a.approver for a in view.approvals
                 if a.round == view.approval_round and a.decision == "approve"}
    if len(approvers) < ctx.approvals_needed:
        commands += _update_slack(view, ctx, "pending", len(view.approvals))
        left = ctx.approvals_needed - len(approvers)
        return Decision("approval-recorded", commands,
                        message=f"Approval recorded; {left} more needed.")
    commands += _update_slack(view, ctx, "approved", len(view.approvals))
    commands += release_papers(view, ctx)
    return Decision("approved", commands, {"state": "approved"},
                    message="Approved. The shortlisted providers are being sent the full papers.")


def release_papers(view: PlacementView, ctx: DeskContext) -> list[Command]:
    """Papers to the shortlisted; a courteous note to everyone else who offered."""
    expires = ctx.now + ctx.papers_ttl
    shortlisted = shortlisted_options(view)
    commands: list[Command] = [RecordEvent("papers-released", {
        "establishments": [o.establishment for o in shortlisted],
        "expires": expires.isoformat()})]
    for option in shortlisted:
        commands += [GrantPapers(option.establishment, expires), _email(
            f"{view.reference}:papers:{option.establishment}", "provider/papers", option.contact,
            {"reference": view.reference, "establishment": option.home,
             "link": ctx.papers_link(option.establishment, expires), "expires": expires},
            reply_to=option.reply_address, establishment=option.establishment)]
    for option in view.options:
        if option not in shortlisted:
            commands.append(not_selected_note(view, option, "not shortlisted"))
    commands.append(tell_social_worker(view, "approved", {"options": shortlisted},
                                        str(view.approval_round)))
    if ctx.team_channel:
        commands.append(PostSlack(f"{view.reference}:announce:approved", "announcement",
                                  ctx.team_channel, {"text": f"{view.reference}: shortlist "
                                                     f"approved; papers sent to "
                                                     f"{len(shortlisted)} provider(s)."}))
    return commands


def not_selected_note(view: PlacementView, option: Option, category: str) -> SendEmail:
    return _email(f"{view.reference}:not-selected:{option.establishment}",
                  "provider/not_selected", option.contact,
                  {"reference": view.reference, "establishment": option.home,
                   "category": category}, reply_to=option.reply_address,
                  establishment=option.establishment)


def decide_expiry(view: PlacementView, round_: int, ctx: DeskContext) -> Decision:
    if view.state != "awaiting-approval" or view.approval_round != round_:
        return Decision("expiry-ignored", [])
    commands: list[Command] = [RecordEvent("approval-expired", {"round": round_}),
                               *_update_slack(view, ctx, "expired", len(view.approvals) + 100),
                               tell_social_worker(view, "approval_expired", {}, str(round_))]
    return Decision("approval-expired", commands, {"state": "closed"})
