"""A referral's lifecycle: one table of states and events, and one pure `decide`.

`TRANSITIONS[state][event type]` names the states an accepted event may lead to (more than
one where what the event says decides: a form with problems or without, the last approval
needed or not). An event the table allows may still be refused by its step (CHOOSE an option
that is not on the shortlist): then the state stays as it was. Every (state, event type)
pair is either in the table or refused with one typed error, `IllegalTransition`, which the
engine turns into a polite answer. Modelled on h11's `_state.py`: the table is the
documentation, and a test walks all of it.

`decide(snapshot, event)` asks the permissions table first (workflows/permissions.py), then
the transition table, then the step that knows the event (workflows/intake.py, window.py,
responses.py, placement.py, agreement.py), and checks the step's answer against the table.
The `Decision` it returns is frozen: the engine stores exactly what it says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from workflows import (
    agreement,
    agreement_endings,
    agreement_proposal,
    agreement_reply,
    chase_now,
    intake,
    lapse,
    one_thing,
    placement,
    question_answer,
    responses,
    review,
    window,
    wrong_thread,
)
from workflows.events import (
    ApprovalGiven,
    BroadcastApproved,
    ChaseAsked,
    Chosen,
    DeadlineDue,
    DeadlineKind,
    Dropped,
    Event,
    FeeAgreed,
    FeeProposed,
    FeeSignedOff,
    FormReceived,
    Levelled,
    NextWave,
    PlacementEnded,
    QuestionAnswered,
    ReplyReceived,
    Shortlisted,
    UnmetDeclared,
    WindowClosed,
    WindowExtended,
    Withdrawn,
)
from workflows.lapse import lapse_later
from workflows.permissions import authorise
from workflows.provider_head import headed
from workflows.retention_policy import keep_until
from workflows.search_outcome import told_the_outcome
from workflows.snapshot import Decision, Snapshot, declined
from workflows.states import FINAL, IN_WORDS, SENT, State

__all__ = ["TRANSITIONS", "IllegalTransition", "State", "decide"]

S = State
_SAME = object()  # in the table: the event leaves the state as it is


def _same(state: State) -> frozenset[State]:
    return frozenset({state})


_IN_WINDOW: dict[type[Event], object] = {
    FormReceived: _SAME,  # told it has already gone out
    ReplyReceived: frozenset({S.OPEN}),
    WindowExtended: frozenset({S.OPEN}),
    WindowClosed: frozenset({S.CLOSED}),
    NextWave: frozenset({S.OPEN}),
    Levelled: frozenset({S.OPEN}),
    ChaseAsked: frozenset({S.OPEN}),  # the console's chase, now
    DeadlineDue: frozenset({S.OPEN, S.CLOSED}),  # a chaser, or a wave's close
    QuestionAnswered: _SAME,
}
_ANY_TIME_BEFORE_PLACING: dict[type[Event], object] = {UnmetDeclared: frozenset({S.UNMET}),
                            Withdrawn: frozenset({S.WITHDRAWN})}

TRANSITIONS: dict[State, dict[type[Event], object]] = {
    S.NEW: {FormReceived: frozenset({S.INCOMPLETE, S.OPEN, S.UNMATCHED, S.HELD})},
    S.INCOMPLETE: {FormReceived: frozenset({S.INCOMPLETE, S.OPEN, S.UNMATCHED, S.HELD}),
                   DeadlineDue: frozenset({S.INCOMPLETE, S.WITHDRAWN}),  # the lapse
                   Withdrawn: frozenset({S.WITHDRAWN})},
    S.HELD: {FormReceived: frozenset({S.HELD, S.INCOMPLETE, S.OPEN, S.UNMATCHED}),
             BroadcastApproved: frozenset({S.OPEN, S.UNMATCHED}),
             # The review time-out (the team is reminded), or the lapse.
             DeadlineDue: frozenset({S.HELD, S.WITHDRAWN}),
             Withdrawn: frozenset({S.WITHDRAWN})},
    S.OPEN: {**_IN_WINDOW, **_ANY_TIME_BEFORE_PLACING},
    S.UNMATCHED: {FormReceived: _SAME, ReplyReceived: _SAME, DeadlineDue: _SAME,
                  QuestionAnswered: _SAME, **_ANY_TIME_BEFORE_PLACING},
    S.CLOSED: {FormReceived: _SAME, ReplyReceived: _SAME, DeadlineDue: _SAME,
               QuestionAnswered: _SAME,
               # nothing to shortlist: EXTEND opens the window again (window._reopen)
               WindowExtended: frozenset({S.OPEN, S.CLOSED}),
               Shortlisted: frozenset({S.AWAITING_APPROVAL, S.CLOSED}),
               **_ANY_TIME_BEFORE_PLACING},
    S.AWAITING_APPROVAL: {
        FormReceived: _SAME, ReplyReceived: _SAME, QuestionAnswered: _SAME,
        Shortlisted: frozenset({S.AWAITING_APPROVAL}),  # a new round replaces the pending one
        ApprovalGiven: frozenset({S.AWAITING_APPROVAL, S.APPROVED, S.CLOSED}),
        DeadlineDue: frozenset({S.AWAITING_APPROVAL, S.CLOSED}),  # the request lapses
        **_ANY_TIME_BEFORE_PLACING},
    S.APPROVED: {FormReceived: _SAME, ReplyReceived: _SAME, DeadlineDue: _SAME,
                 QuestionAnswered: _SAME,
                 Chosen: frozenset({S.NEGOTIATING}), Dropped: _SAME,
                 **_ANY_TIME_BEFORE_PLACING},
    S.NEGOTIATING: {FormReceived: _SAME, DeadlineDue: _SAME, QuestionAnswered: _SAME,
                    # The chosen home's decline or withdrawal: back to the approved
                    # shortlist, no home chosen (agreement_endings.chosen_withdrew).
                    ReplyReceived: frozenset({S.NEGOTIATING, S.PLACED, S.APPROVED}),
                    FeeProposed: frozenset({S.NEGOTIATING}),
                    # Agreement above the authority's sign-off limit waits for a budget holder.
                    FeeAgreed: frozenset({S.PLACED, S.NEGOTIATING}),
                    FeeSignedOff: frozenset({S.PLACED, S.NEGOTIATING}),
                    Dropped: _SAME, **_ANY_TIME_BEFORE_PLACING},
    S.PLACED: {FormReceived: _SAME, ReplyReceived: _SAME, DeadlineDue: _SAME,
               QuestionAnswered: _SAME,
               PlacementEnded: frozenset({S.ENDED})},
    **{final: {FormReceived: _SAME, ReplyReceived: _SAME, DeadlineDue: _SAME}
       for final in FINAL},
}

EVENT_WORDS: dict[type[Event], str] = {
    FormReceived: "a referral form", ReplyReceived: "a provider's reply",
    WindowExtended: "EXTEND", WindowClosed: "CLOSE", NextWave: "NEXT WAVE", Levelled: "LEVEL",
    DeadlineDue: "a deadline", Shortlisted: "SHORTLIST", ApprovalGiven: "an approval",
    Chosen: "CHOOSE", FeeProposed: "PROPOSE", FeeAgreed: "AGREE", Dropped: "DROP",
    UnmetDeclared: "UNMET", Withdrawn: "WITHDRAW", PlacementEnded: "ENDED",
    BroadcastApproved: "SEND", FeeSignedOff: "SIGN OFF",
    ChaseAsked: "a chase of the homes that have not answered",
    QuestionAnswered: "an answer to a home's questions",
}


class IllegalTransition(Exception):
    """The event is not one this state accepts (or the step answered outside the table)."""

    def __init__(self, state: State, event: type[Event], reached: State | None = None) -> None:
        words = EVENT_WORDS.get(event, event.__name__)
        detail = f" (it led to {reached})" if reached is not None else ""
        super().__init__(f"{words} has no effect now, because the referral is "
                         f"{IN_WORDS.get(state, state)}{detail}")
        self.state, self.event, self.reached = state, event, reached


def allowed(state: State, event: type[Event]) -> frozenset[State]:
    """The states `event` may lead to from `state`; IllegalTransition if none."""
    outcomes = TRANSITIONS.get(state, {}).get(event)
    if outcomes is None:
        raise IllegalTransition(state, event)
    return _same(state) if outcomes is _SAME else outcomes  # type: ignore[return-value]


def _deadline(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    if event.kind == DeadlineKind.APPROVAL_EXPIRY:
        return placement.on_approval_expiry(snapshot, event)
    if event.kind == DeadlineKind.APPROVAL_REMINDER:
        return placement.on_approval_reminder(snapshot, event)
    if event.kind == DeadlineKind.REVIEW_EXPIRY:
        return review.on_review_expiry(snapshot, event)
    if event.kind == DeadlineKind.LAPSE:
        return lapse.on_lapse(snapshot, event)
    return window.on_deadline(snapshot, event)


def _withdraw(snapshot: Snapshot, event: Any) -> Decision:
    """The recall (workflows/agreement_endings.py), and a shortlist awaiting approval taken from
    the commissioners (workflows/placement.py)."""
    return _stopping(snapshot, agreement_endings.on_withdraw(snapshot, event))


def _unmet(snapshot: Snapshot, event: Any) -> Decision:
    """The search ended as unmet need, and a shortlist awaiting approval taken from the
    commissioners, as a withdrawal does."""
    return _stopping(snapshot, agreement_endings.on_unmet(snapshot, event))


def _stopping(snapshot: Snapshot, decision: Decision) -> Decision:
    closing = placement.approval_withdrawn(snapshot) if decision.answer.accepted else []
    return replace(decision, commands=(*decision.commands, *closing))


def _reply(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    if event.reply.auto_submitted and not responses.form_decides(snapshot, event.reply):
        return declined(snapshot, [], "ignored-automatic", "automatic-mail-without-a-form",
                        "Automatic mail is read only for a decision given in a form.")
    about_another = wrong_thread.names_another_referral(snapshot, event)
    if about_another is not None:
        return about_another
    if responses.stage_for(snapshot, event.establishment) == responses.NEGOTIATING:
        return agreement_reply.on_negotiation_reply(snapshot, event)
    return responses.on_reply(snapshot, event)


STEPS: dict[type[Event], Callable[[Snapshot, Any], Decision]] = {
    FormReceived: intake.on_form, ReplyReceived: _reply,
    WindowExtended: window.on_extend, WindowClosed: window.on_close,
    NextWave: window.on_next_wave, Levelled: window.on_level, DeadlineDue: _deadline,
    Shortlisted: placement.on_shortlist, ApprovalGiven: placement.on_approval,
    Chosen: agreement.on_choose, FeeProposed: agreement_proposal.on_propose,
    FeeAgreed: agreement_proposal.on_agree, Dropped: agreement_endings.on_drop,
    UnmetDeclared: _unmet, Withdrawn: _withdraw,
    PlacementEnded: agreement_endings.on_ended, BroadcastApproved: review.on_send,
    FeeSignedOff: agreement.on_sign_off, ChaseAsked: chase_now.on_chase,
    QuestionAnswered: question_answer.on_answer,
}


def decide(snapshot: Snapshot, event: Event) -> Decision:
    """The one decision: may this actor do this, may it happen now, and what follows."""
    refusal = authorise(snapshot, event)
    if refusal is not None:
        return refusal
    if isinstance(event, ApprovalGiven) and snapshot.state != S.AWAITING_APPROVAL \
            and (late := placement.decision_too_late(snapshot, event)) is not None:
        return late  # a click on a shortlist since rejected, expired, replaced or approved
    outcomes = allowed(snapshot.state, type(event))
    decision = STEPS[type(event)](snapshot, event)
    reached = decision.snapshot.state
    refusal_kept_state = not decision.answer.accepted and reached == snapshot.state
    if reached not in outcomes and not refusal_kept_state:
        raise IllegalTransition(snapshot.state, type(event), reached)
    decision = keep_until(snapshot, lapse_later(event, decision))
    decision = headed(snapshot, told_the_outcome(snapshot, decision))
    # an instruction's email that gave corrections too: its answer names them, not made
    return one_thing.correction_not_made(snapshot, event, decision) if event.lines_too \
        else decision


def is_sent(state: State) -> bool:
    return state in SENT


def table_markdown() -> str:
    """The table as the README draws it: one row per state, each event with where it leads
    (`·` = the state stays as it is)."""
    rows = ["| state | event → next state |", "|---|---|"]
    for state in State:
        events, cells = TRANSITIONS[state], []
        for event, outcomes in events.items():
            reached = ("·" if outcomes is _SAME else " / ".join(
                sorted(str(s) for s in outcomes)))  # type: ignore[attr-defined]
            cells.append(f"{EVENT_WORDS[event]} → {reached}")
        rows.append(f"| `{state}` | {'; '.join(cells)} |")
    return "\n".join(rows)
