"""A provider's application to join a list: one table of states and events, and one pure
`decide`, as workflows/lifecycle.py is for referrals (steps in application_steps.py).

    new | incomplete    form with problems            → incomplete (one reply naming each)
    new | incomplete    complete, list open when sent → awaiting-approval (to the approvers)
    new | incomplete    the list was not open         → not-open (told when it next opens)
    awaiting-approval   approve (the last one needed) → approved (the home joins the directory)
    awaiting-approval   approve (more needed)         → awaiting-approval
    awaiting-approval   reject <reason>               → rejected (the reason goes to the applicant)
    any other state     another form on its thread    → unchanged (told where it stands)

Who may act: anyone may apply; a correction comes from the applicant's own domain; only the
list's approvers (`reopening.approvers` in arrangements.yaml) decide, or the operator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workflows import confirm
from workflows.events import Event
from workflows.market import application_steps as steps
from workflows.market.application_steps import refused
from workflows.market.events import ApplicationDecided, ApplicationReceived
from workflows.market.snapshot import ApplicationSnapshot, Decided, declined
from workflows.market.states import APP_FINAL, APP_IN_WORDS, AppState

A = AppState
_SAME = object()  # in the table: the event leaves the state as it is
_RECEIVING = frozenset({A.INCOMPLETE, A.AWAITING_APPROVAL, A.NOT_OPEN})

TRANSITIONS: dict[AppState, dict[type[Event], object]] = {
    A.NEW: {ApplicationReceived: _RECEIVING},
    A.INCOMPLETE: {ApplicationReceived: _RECEIVING},
    A.AWAITING_APPROVAL: {ApplicationReceived: _SAME,
                          ApplicationDecided: frozenset({A.AWAITING_APPROVAL, A.APPROVED,
                                                         A.REJECTED})},
    **{final: {ApplicationReceived: _SAME} for final in APP_FINAL},
}
EVENT_WORDS: dict[type[Event], str] = {ApplicationReceived: "an application form",
                                       ApplicationDecided: "a decision"}
STEPS: dict[type[Event], Callable[[ApplicationSnapshot, Any], Decided]] = {
    ApplicationReceived: steps.on_form, ApplicationDecided: steps.on_decision}


class IllegalTransition(Exception):
    def __init__(self, state: AppState, event: type[Event],
                 reached: AppState | None = None) -> None:
        detail = f" (it led to {reached})" if reached is not None else ""
        super().__init__(f"{EVENT_WORDS.get(event, event.__name__)} cannot be taken while the "
                         f"application is {APP_IN_WORDS.get(state, state)}{detail}")
        self.state, self.event, self.reached = state, event, reached


def allowed(state: AppState, event: type[Event]) -> frozenset[AppState]:
    outcomes = TRANSITIONS.get(state, {}).get(event)
    if outcomes is None:
        raise IllegalTransition(state, event)
    return frozenset({state}) if outcomes is _SAME else outcomes  # type: ignore[return-value]


def decide(snapshot: ApplicationSnapshot, event: Event) -> Decided:
    """May this actor do this, may it happen now, and what follows."""
    refusal = authorise(snapshot, event)
    if refusal is not None:
        return refusal
    outcomes = allowed(snapshot.state, type(event))
    decision = STEPS[type(event)](snapshot, event)
    reached = decision.snapshot.state
    if reached not in outcomes and not (not decision.answer.accepted
                                        and reached == snapshot.state):
        raise IllegalTransition(snapshot.state, type(event), reached)
    return decision


def authorise(snapshot: ApplicationSnapshot, event: Event) -> Decided | None:
    """None when the actor may do this; otherwise the refusal, answered."""
    actor = event.actor
    if actor.channel == "cli":
        return None
    if isinstance(event, ApplicationReceived):
        applicant = snapshot.application.applicant
        if not applicant or actor.address.lower() == applicant.lower():
            return None
        why = "Only the address that applied can correct its application."
        return refused(snapshot, event, why, "permission:correct-the-application")
    if isinstance(event, ApplicationDecided):
        approvers = steps.approvers_of(snapshot)
        if actor.address.lower() in approvers and actor.authenticated:
            return None
        if actor.address.lower() in approvers and actor.to_confirm and actor.message_id:
            # its From proved; nothing shows it was sent to us (workflows/confirm.py)
            return declined(snapshot, confirm.request(
                actor, snapshot.reference, [actor.to_confirm],
                template=confirm.PROVIDER_TEMPLATE, reply_to=snapshot.world.providers_address,
                reference=snapshot.reference), confirm.OUTCOME, "confirm-unaddressed",
                confirm.WHY)
        why = ("We could not confirm that this message really came from you."
               if actor.address.lower() in approvers
               else "Only the list's approvers can decide on this application.")
        return refused(snapshot, event, why, "permission:decide-the-application")
    return None

