"""The steps of an application's lifecycle (the table is in application.py), pure: reading
the form, asking the approvers (in Slack, or by email when Slack is off), counting their
decisions to the list's quorum, and admitting the approved home to the directory."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from broker.cascade import admitted_tier
from broker.directory.live import establishment_from, organisation_from
from broker.directory.model import Arrangement, Establishment, Organisation
from broker.directory.schema import same_urn
from broker.forms.words import normalise_words
from workflows.commands import PostSlack
from workflows.market.application_form import check_application
from workflows.market.commands import Admit, RecordMarketEvent, RecordVerdict
from workflows.market.events import ApplicationDecided, ApplicationReceived
from workflows.market.notices import digest
from workflows.market.snapshot import (
    ApplicationSnapshot,
    Decided,
    Verdict,
    accepted,
    declined,
    email,
)
from workflows.market.states import APP_IN_WORDS, AppState


def arrangement_of(snapshot: ApplicationSnapshot) -> Arrangement | None:
    return snapshot.world.directory.arrangement(snapshot.application.arrangement)


def approvers_of(snapshot: ApplicationSnapshot) -> tuple[str, ...]:
    arrangement = arrangement_of(snapshot)
    reopening = arrangement.reopening if arrangement else None
    return tuple(a.lower() for a in reopening.approvers) if reopening else ()


def _tell(snapshot: ApplicationSnapshot, what: str, context: dict[str, Any], key: str,
          in_reply_to: str = "") -> Any:
    application = snapshot.application
    return email(snapshot.world, f"{application.reference}:{what}:{key}", f"applicant/{what}",
                 application.applicant, {"reference": application.reference,
                                         **describe(snapshot), **context}, in_reply_to)


def describe(snapshot: ApplicationSnapshot) -> dict[str, Any]:
    """The application as the emails and the Slack message show it."""
    record = snapshot.application.record
    arrangement = arrangement_of(snapshot)
    return {"reference": snapshot.reference, "list": arrangement.name if arrangement else "",
            "organisation": record.get("organisation", {}),
            "home": record.get("establishment", {}),
            "contact_name": record.get("contact_name", ""),
            "statement": record.get("statement", ""), "applicant": snapshot.application.applicant}


# --- the form ------------------------------------------------------------------------------


def on_form(snapshot: ApplicationSnapshot, event: ApplicationReceived) -> Decided:
    application, form = snapshot.application, event.form
    if snapshot.state not in (AppState.NEW, AppState.INCOMPLETE):
        # One that came while the list was closed is not pending: it is never carried into a
        # window, so its thread tells the applicant to send the application again.
        send_again = snapshot.state == AppState.NOT_OPEN
        return declined(snapshot, [_tell(snapshot, "status", {
            "state": APP_IN_WORDS[snapshot.state], "send_again": send_again,
            **(next_window(snapshot) if send_again else {})},
            digest(event.key), form.message_id)], "already-received",
            "form-after-completion", f"{snapshot.reference} is {APP_IN_WORDS[snapshot.state]}.")
    if not event.actor.authenticated:
        return _unproved(snapshot, event)
    fields = {**application.raw_fields, **form.fields}
    checked = check_application(fields, snapshot.world, application.applicant,
                                form.sent_on or snapshot.world.today)
    snapshot = snapshot.with_application(raw_fields=fields, arrangement=checked.arrangement,
                                         record=checked.record)
    if checked.arrangement and not _in_time(snapshot):
        return _not_open(snapshot, event)
    if checked.problems:
        problems = tuple({"field": p.field, "label": p.label, "problem": p.problem,
                          "example": p.example} for p in checked.problems)
        commands = [RecordMarketEvent("application", snapshot.reference, "problems", {
                        "fields": sorted({p.field for p in checked.problems})}),
                    _tell(snapshot, "problems", {"problems": problems, "subject": form.subject},
                          digest(event.key), form.message_id)]
        return declined(snapshot.with_application(state=AppState.INCOMPLETE), commands,
                        str(AppState.INCOMPLETE), "application-has-problems",
                        "Please correct the application.", problems)
    return _complete(snapshot, event)


def _in_time(snapshot: ApplicationSnapshot) -> bool:
    """In time when the list's window was open when the application first came."""
    application = snapshot.application
    return any(w.arrangement == application.arrangement and w.is_open_at(application.created_at)
               for w in snapshot.windows)


def _unproved(snapshot: ApplicationSnapshot, event: ApplicationReceived) -> Decided:
    """An application that nothing proves came from its From (BROKER_PROVIDER_SENDER_AUTH):
    anyone can write any From, so it goes no further and none of its words are kept or
    repeated, or a stranger could have the service mail anyone their text as ours (and its
    approvers too). The address is asked to send it again as a reply to our answer, which
    only its mailbox can do; the answers are limited like every answer to a stranger."""
    commands = [RecordMarketEvent("application", snapshot.reference, "unproved", {}),
                _tell(snapshot, "unproved", {}, digest(event.key), event.form.message_id)]
    return declined(snapshot, commands, "unproved", "sender-not-proved",
                    "Nothing proved that the application came from the sender's address.")


def next_window(snapshot: ApplicationSnapshot) -> dict[str, Any]:
    """When the application's list next opens and closes (the next planned window, None
    when none is planned): every answer that asks for the application again says when
    (rule `apply-again-says-when`)."""
    world, arrangement = snapshot.world, snapshot.application.arrangement
    following = min((w for w in snapshot.windows if w.arrangement == arrangement
                     and w.opens_at > world.now), key=lambda w: w.opens_at, default=None)
    return {"opens_at": following.opens_at if following else None,
            "closes_at": following.closes_at if following else None}


def _not_open(snapshot: ApplicationSnapshot, event: ApplicationReceived) -> Decided:
    arrangement = snapshot.application.arrangement
    context = next_window(snapshot)
    commands = [RecordMarketEvent("application", snapshot.reference, "not-open", {
                    "arrangement": arrangement}),
                _tell(snapshot, "not_open", context, digest(event.key), event.form.message_id)]
    return accepted(snapshot.with_application(state=AppState.NOT_OPEN,
                                              outcome_reason="the list was not open"),
                    commands, str(AppState.NOT_OPEN), "list-not-open",
                    f"{describe(snapshot)['list']} is not taking applications now.")


def _complete(snapshot: ApplicationSnapshot, event: ApplicationReceived) -> Decided:
    snapshot = snapshot.with_application(state=AppState.AWAITING_APPROVAL)
    commands = [RecordMarketEvent("application", snapshot.reference, "complete", {
                    "arrangement": snapshot.application.arrangement}),
                _tell(snapshot, "received", {"needed": _needed(snapshot)}, "received",
                      event.form.message_id),
                *_ask(snapshot)]
    return accepted(snapshot, commands, str(AppState.AWAITING_APPROVAL), "application-complete",
                    f"{snapshot.reference} has gone to the list's approvers.")


def _needed(snapshot: ApplicationSnapshot) -> int:
    arrangement = arrangement_of(snapshot)
    return arrangement.reopening.approvals_needed if arrangement and arrangement.reopening else 1


def rival_claims(snapshot: ApplicationSnapshot) -> list[dict[str, str]]:
    """Who else claims this home: another application awaiting approval with its Ofsted URN
    or its name, or a home in the directory with its name (one with its URN was refused when
    the form was read). Anyone may apply, and a URN is public: a stranger can apply first as
    another provider's home, so the approvers see each claim beside the other. Neither
    applicant is told of the other."""
    home = snapshot.application.record.get("establishment") or {}
    urn, name = home.get("urn") or "", normalise_words(home.get("name") or "")
    claims = []
    for other in snapshot.pending:
        same = [what for what, hit in (("Ofsted URN", same_urn(urn, other.urn)),
                                       ("name", name and normalise_words(other.home) == name))
                if hit]
        if same:
            claims.append({"reference": other.reference, "applicant": other.applicant,
                           "home": other.home, "same": " and ".join(same)})
    claims += [{"reference": "", "applicant": "", "home": f"{e.name} ({e.key})",
                "same": "name"}
               for e in snapshot.world.directory.establishments.values()
               if name and normalise_words(e.name) == name]
    return claims


def approval_context(snapshot: ApplicationSnapshot, status: str) -> dict[str, Any]:
    return {**describe(snapshot), "needed": _needed(snapshot), "status": status,
            "claims": rival_claims(snapshot),
            "verdicts": [{"name": v.name, "email": v.approver, "decision": v.decision,
                          "reason": v.reason} for v in snapshot.verdicts]}


def _ask(snapshot: ApplicationSnapshot) -> list[Any]:
    world, reference = snapshot.world, snapshot.reference
    context = approval_context(snapshot, "pending")
    if world.slack_channel:
        return [PostSlack(f"{reference}:approval", "application_approval", world.slack_channel,
                          context)]
    return [email(world, f"{reference}:approval:{approver}", "approver/application_request",
                  approver, context) for approver in approvers_of(snapshot)]


def _update_slack(snapshot: ApplicationSnapshot, status: str) -> list[Any]:
    channel, reference = snapshot.world.slack_channel, snapshot.reference
    if not channel:
        return []
    return [PostSlack(f"{reference}:approval:update:{len(snapshot.verdicts)}",
                      "application_approval", channel, approval_context(snapshot, status),
                      update_of=f"{reference}:approval")]


# --- the approvers' decisions --------------------------------------------------------------


def refused(snapshot: ApplicationSnapshot, event: Any, why: str, rule: str,
            outcome: str = "not-permitted") -> Decided:
    """Say why, change nothing; by email the answer goes back to whoever wrote."""
    actor, commands = event.actor, []
    if actor.channel == "email" and actor.address:
        commands.append(email(snapshot.world, f"{snapshot.reference}:refused:{event.key}",
                              "applicant/refused", actor.address,
                              {"reference": snapshot.reference, "why": why}))
    return declined(snapshot, commands, outcome, rule, why)


def on_decision(snapshot: ApplicationSnapshot, event: ApplicationDecided) -> Decided:
    actor, decision = event.actor, event.decision
    approver = actor.address.lower()
    if decision not in ("approve", "reject"):
        return refused(snapshot, event, f"Unknown decision {decision!r}.", "unknown-decision")
    if decision == "reject" and not event.reason.strip():
        return refused(snapshot, event, "Please give the reason: it goes to the applicant.",
                       "reason-required", "refused")
    listed = _listed(snapshot) if decision == "approve" else None
    if listed is not None:
        return refused(snapshot, event, f"{listed.urn} is already in the directory as "
                       f"{listed.name} ({listed.key}); an Ofsted URN is listed once. Reject "
                       "this application, or have that home removed first.",
                       "urn-already-listed", "refused")
    if any(v.approver == approver and v.decision == decision for v in snapshot.verdicts):
        return accepted(snapshot, [], "decision-repeated", "already-recorded",
                        "Your decision was already recorded.")
    verdict = Verdict(approver, actor.name, decision, event.reason.strip())
    snapshot = replace(snapshot, verdicts=(*snapshot.verdicts, verdict))
    commands: list[Any] = [
        RecordVerdict(approver, actor.name, decision, verdict.reason, actor.channel),
        RecordMarketEvent("application", snapshot.reference, f"application-{decision}",
                          {"by": approver, "channel": actor.channel,
                           **({"account": actor.account} if actor.account else {})})]
    if decision == "reject":
        return _rejected(snapshot, commands, verdict)
    approving = {v.approver for v in snapshot.verdicts if v.decision == "approve"}
    if len(approving) < _needed(snapshot):
        commands += _update_slack(snapshot, "pending")
        return accepted(snapshot, commands, "approval-recorded", "quorum-not-yet-reached",
                        f"Approval recorded; {_needed(snapshot) - len(approving)} more needed.")
    return _approved(snapshot, commands)


def _listed(snapshot: ApplicationSnapshot) -> Establishment | None:
    """The home already in the directory with this application's Ofsted URN (another
    application for it may have been approved since this one was read)."""
    urn = (snapshot.application.record.get("establishment") or {}).get("urn")
    return next((e for e in snapshot.world.directory.establishments.values()
                 if same_urn(urn, e.urn)), None)


def _rejected(snapshot: ApplicationSnapshot, commands: list[Any], verdict: Verdict) -> Decided:
    snapshot = snapshot.with_application(state=AppState.REJECTED,
                                         outcome_reason=verdict.reason)
    commands += [*_update_slack(snapshot, "rejected"),
                 _tell(snapshot, "rejected", {"reason": verdict.reason,
                                              **next_window(snapshot)}, "decision")]
    return accepted(snapshot, commands, str(AppState.REJECTED), "rejected-by-approver",
                    "Rejected; the applicant has been told why.")


def _approved(snapshot: ApplicationSnapshot, commands: list[Any]) -> Decided:
    establishment, organisation = admitted(snapshot)
    snapshot = snapshot.with_application(state=AppState.APPROVED,
                                         establishment=establishment.key)
    commands += [Admit(establishment, organisation),
                 RecordMarketEvent("establishment", establishment.key, "admitted", {
                     "application": snapshot.reference,
                     "arrangement": snapshot.application.arrangement}),
                 *_update_slack(snapshot, "approved"),
                 _tell(snapshot, "approved", {"key": establishment.key,
                                              "contact": establishment.primary_contact},
                       "decision")]
    return accepted(snapshot, commands, str(AppState.APPROVED), "quorum-reached",
                    f"Approved: {establishment.name} has joined the list.")


def admitted(snapshot: ApplicationSnapshot) -> tuple[Establishment, Organisation | None]:
    """The home as it joins the directory, in its list's place in the cascades (its list's
    `tier:`, or the tier written on the home when the list's homes agree on one), under the
    organisation an operator registered for the applicant's domain, or a new one that speaks
    through the applicant's own address (None returned for an existing organisation). An
    organisation made from an application owns no domain, so a second applicant at a shared
    mail domain never joins it."""
    directory, record = snapshot.world.directory, snapshot.application.record
    domain = snapshot.application.applicant.rpartition("@")[2]
    existing = directory.organisation_for_domain(domain)
    organisation = existing or organisation_from(
        _free_key(record["organisation"]["name"], directory.organisations),
        record["organisation"])
    home = dict(record["establishment"])
    tier = admitted_tier(directory, snapshot.application.arrangement)
    if tier is not None:  # the list's place in the cascades, as its other homes have it
        home["tiers"] = {snapshot.application.arrangement: tier}
    key = _free_key(home["name"], directory.establishments)
    return establishment_from(key, organisation, home), None if existing else organisation


def _free_key(name: str, taken: Any) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "home"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key
