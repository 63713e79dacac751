"""How a search or its fee negotiation ends, after approval, as pure decisions on the snapshot
(workflows/agreement.py has the table): the chosen home declining or withdrawing (the
referral back to its approved shortlist, no home chosen: `chosen_withdrew`), a home dropped
from the shortlist (DROP: it loses the papers), the need declared unmet (UNMET), the search
withdrawn (WITHDRAW: every provider sent it asked to delete it), and the placement ended
(ENDED: the place is free again).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from broker.quoting import provider_words
from workflows import signoff
from workflows.agreement_rounds import WITHDREW, _chosen, nth
from workflows.commands import (
    CancelDeadlines,
    ChangeCapacity,
    Command,
    RecordEvent,
    RecordFeeRound,
    RevokePapers,
    SendEmail,
)
from workflows.events import Dropped, PlacementEnded, ReplyReceived, UnmetDeclared, Withdrawn
from workflows.placement import (
    NO_LONGER_OFFERED,
    announce,
    approved_option,
    not_selected_note,
    options,
    shortlisted_options,
    tell_social_worker,
    to_provider,
)
from workflows.responses import answer_of_the_chosen, digest, still_offering
from workflows.search_outcome import closing_note
from workflows.snapshot import Decision, Snapshot, accepted, refused
from workflows.states import State


def chosen_withdrew(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """The chosen home declines or withdraws during the fee negotiation: its answer stored
    as any shortlisted home's (its papers link stopped, its acknowledgement), the
    negotiation ended, and the referral back to APPROVED with no home chosen, so the social
    worker may CHOOSE another home on the shortlist. She and the placements team are told
    (and the budget holders, when a fee waited for their sign-off), with what is still on
    the shortlist and what to do next. An answer written before the home's current one (mail
    held by a relay) is kept as history and changes nothing."""
    option = _chosen(snapshot)
    stored = answer_of_the_chosen(snapshot, event)
    current = stored.snapshot.responses.get(event.establishment)
    if option is None or not stored.answer.accepted or current is None \
            or current.decision not in NO_LONGER_OFFERED:
        return stored
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    # it had offered and been chosen: a "Decision: Withdraw" it sent, or words that say so,
    # are a withdrawal, whatever reason the form's reading gave it
    withdrew = current.decision == "withdrawn" or _WITHDRAW.search(event.reply.body_text or "")
    said = "withdrawn its offer" if withdrew else "declined"
    remaining = still_offering(stored.snapshot, but=(option.establishment,))
    context = {"option": option, "said": said, "remaining": remaining,
               "in_its_words": provider_words(_without_decision(
                   event.reply.body_text or "", snapshot.world.response_spec)),
               "team": snapshot.authority.placements_team,
               "sign_off_waiting": last[1] == signoff.AWAITING}
    told = [snapshot.referral.referrer, snapshot.authority.placements_team]
    if context["sign_off_waiting"]:
        told += list(snapshot.authority.budget_holders)
    commands: list[Command] = [
        *stored.commands,
        RecordFeeRound(option.establishment, last[0] + 1, WITHDREW, "", WITHDREW),
        RecordEvent("chosen-home-withdrew", {"establishment": option.establishment,
                                             "decision": current.decision,
                                             "remaining": len(remaining)}),
        *(SendEmail(key=f"{snapshot.reference}:chosen-withdrew:{digest(event.key, event.reply)}"
                        f":{to}", template="social_worker/chosen_withdrew", to=to,
                    context={"reference": snapshot.reference, **context,
                             "to_the_social_worker": to == snapshot.referral.referrer},
                    thread=to == snapshot.referral.referrer)
          for to in dict.fromkeys(a for a in told if a)),
        *announce(snapshot, f"{snapshot.reference}: the chosen home, {option.home}, has "
                            f"{said}; a home must be chosen again.",
                  nth(snapshot, "chosen-withdrew")),
    ]
    after = replace(stored.snapshot.with_referral(state=State.APPROVED, chosen=""),
                    fee_rounds=(), negotiation=snapshot.negotiation + 1, unread_reply=False)
    return accepted(after, commands, "chosen-home-withdrew", "chosen-home-no-longer-offers",
                    f"{option.home} has {said}; the referral is back to its approved "
                    "shortlist, with no home chosen.")


_WITHDRAW = re.compile(r"\bwithdr[ae]w", re.IGNORECASE)


def _without_decision(text: str, spec: Any) -> str:
    """The home's words as quoted to the council: its form's `Decision:` line left out (the
    email says what it decided), another field's label left off its value ("Decline reason:
    no vacancy" is "no vacancy"), so a label never runs into its words."""
    kept = []
    for line in text.splitlines():
        label, colon, value = line.partition(":")
        named = spec.field_for_label(label.strip()) if colon and label.strip() else None
        if named is None:
            kept.append(line)
        elif named.key != "decision" and value.strip():
            kept.append(value.strip())
    return "\n".join(kept).strip() or text


def on_drop(snapshot: Snapshot, event: Dropped) -> Decision:
    option = approved_option(snapshot, event, "DROP", "an approved shortlist")
    if isinstance(option, Decision):
        return option
    if option.establishment == snapshot.referral.chosen:
        return refused(snapshot, event, f"{event.label} is the chosen provider; choose "
                       "another first.", "dropping-the-chosen")
    round_ = snapshot.current_round
    assert round_ is not None
    kept = tuple(e for e in round_.establishments if e != option.establishment)
    labels = tuple(o.label for o in options(snapshot) if o.establishment in kept)
    snapshot = snapshot.with_round(replace(round_, establishments=kept, labels=labels))
    by = event.actor.address or event.actor.name
    remaining = [o.label + ": " + o.home for o in shortlisted_options(snapshot)]
    commands: list[Command] = [RevokePapers(option.establishment),
                               RecordEvent("dropped", {"establishment": option.establishment,
                                                       "by": by}),
                               not_selected_note(snapshot, option, "no longer being considered"),
                               # the social worker hears it was done, whoever did it
                               tell_social_worker(snapshot, "dropped", {
                                   "option": option, "by": by, "remaining": remaining,
                                   # she is told "by you", never her own address
                                   "by_you": by.lower() == snapshot.referral.referrer.lower()},
                                   option.establishment)]
    return accepted(snapshot, commands, "dropped", "dropped-by-request",
                    f"{option.home} is no longer on the shortlist; its papers link is revoked.")


def on_unmet(snapshot: Snapshot, event: UnmetDeclared) -> Decision:
    reason = event.reason.strip()
    if not reason:
        return refused(snapshot, event, "Give the reason the need could not be met, e.g. "
                       "UNMET no home in range could meet her needs.", "reason-required")
    commands: list[Command] = [RecordEvent("unmet", {"reason": reason}), CancelDeadlines(),
                               *_recall_papers(snapshot, "the search has ended"),
                               tell_social_worker(snapshot, "unmet", {"reason": reason},
                                                  event.key)]
    commands += announce(snapshot, f"{snapshot.reference}: ended as unmet need.", "unmet")
    return accepted(snapshot.with_referral(state=State.UNMET, outcome_reason=reason),
                    commands, "unmet", "unmet-by-request")


def on_withdraw(snapshot: Snapshot, event: Withdrawn) -> Decision:
    """Stop the search and recall the referral: every provider sent it is asked to delete
    it, papers links stop working, deadlines are cancelled, the team is told."""
    reason = event.reason.strip() or "not given"
    commands: list[Command] = [RecordEvent("withdrawn", {"reason": reason,
                                                         "by": event.actor.address}),
                               CancelDeadlines(), *_recall_papers(snapshot, None)]
    referral = snapshot.referral
    round_ = snapshot.current_round  # its papers were released once it was approved
    with_papers = (set(round_.establishments) if round_ and round_.outcome == "approved"
                   else set())
    commands += [closing_note(snapshot, r, had_papers=r.establishment in with_papers)
                 for r in snapshot.recipients.values()]
    authority = snapshot.authority
    for to in dict.fromkeys([referral.referrer, authority.placements_team]):
        commands.append(SendEmail(
            key=f"{referral.reference}:withdrawn:{to}", template="social_worker/withdrawn",
            to=to, context={"reference": referral.reference, "reason": reason,
                            "providers": len(snapshot.recipients),
                            "by": event.actor.address or event.actor.name}))
    commands += announce(snapshot, f"{referral.reference}: withdrawn.", "withdrawn")
    return accepted(snapshot.with_referral(state=State.WITHDRAWN, outcome_reason=reason),
                    commands, "withdrawn", "withdrawn-by-request",
                    f"{referral.reference} is withdrawn; {len(snapshot.recipients)} "
                    "provider(s) have been asked to delete it.")


def _recall_papers(snapshot: Snapshot, category: str | None) -> list[Command]:
    commands: list[Command] = []
    for option in shortlisted_options(snapshot):
        commands.append(RevokePapers(option.establishment))
        if category:
            commands.append(to_provider(snapshot, option, "closed_with_thanks", "closed",
                                        {"category": category}))
    return commands


def on_ended(snapshot: Snapshot, event: PlacementEnded) -> Decision:
    """The placement has ended: its place is free again for the next referral. A line that
    names another referral than the thread it came on changes nothing: ending the wrong
    child's placement would free a place that is not free and tell the wrong social worker."""
    if event.reference and event.reference.upper() != (snapshot.reference or "").upper():
        return refused(snapshot, event, f"Your ENDED line names {event.reference.upper()}, but "
                       f"it came on the thread of {snapshot.reference}: nothing has been "
                       "changed. Send it on that referral's own thread, or to the providers' "
                       "address with its reference.", "ended-names-another-referral")
    chosen = snapshot.referral.chosen
    on = event.on or snapshot.world.today
    siblings = int(snapshot.referral.anonymised.get("profile", {}).get("siblings") or 1)
    reason = event.reason.strip() or "not given"
    commands: list[Command] = [
        ChangeCapacity(chosen, siblings),
        RevokePapers(chosen),  # the child has left: the home needs her full papers no more
        RecordEvent("placement-ended", {"establishment": chosen, "on": on.isoformat(),
                                        "reason": reason, "by": event.actor.address}),
        tell_social_worker(snapshot, "placement_ended", {"on": on, "reason": reason},
                           event.key),
    ]
    actor = event.actor
    if actor.channel == "email" and actor.address and actor.address != snapshot.referral.referrer:
        commands.append(SendEmail(  # the provider (or the team) who told us: confirmed
            key=f"{snapshot.reference}:ended-confirmed:{event.key}",
            template="provider/placement_ended", to=actor.address,
            context={"reference": snapshot.reference, "on": on, "reason": reason}))
    commands += announce(snapshot, f"{snapshot.reference}: placement ended on "
                                   f"{on.isoformat()}.", "ended")
    return accepted(snapshot.with_referral(state=State.ENDED, outcome_reason=reason),
                    commands, "ended", "placement-ended",
                    f"The placement for {snapshot.reference} is recorded as ended on "
                    f"{on.isoformat()}; the place is free again.")
