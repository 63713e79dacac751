"""A referral that never went out lapses (workflows/lapse.py), decided on snapshots."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.snapshots import NOW, SW, TEAM, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import CancelDeadlines, MoveDeadlines, SendEmail, SetDeadline
from workflows.events import SERVICE, DeadlineDue, DeadlineKind, FormReceived
from workflows.lifecycle import decide
from workflows.states import State

LAPSE = DeadlineDue(actor=SERVICE, key="lapse", kind=DeadlineKind.LAPSE)


def _lapse_moves(decision):  # type: ignore[no-untyped-def]
    return [move for c in decision.commands if isinstance(c, MoveDeadlines)
            for move in c.moves if move[0] == DeadlineKind.LAPSE]


def _emails(decision) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.to: c.template for c in decision.commands if isinstance(c, SendEmail)}


def test_a_form_that_leaves_the_referral_unsent_moves_its_lapse_on() -> None:
    short = replace(FORM, fields={k: v for k, v in FORM.fields.items() if k != "urgency"})
    incomplete = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=short))
    assert incomplete.snapshot.state == State.INCOMPLETE
    assert _lapse_moves(incomplete) == [(DeadlineKind.LAPSE, 0, NOW + timedelta(days=28))]
    unproven = replace(actor(SW), authenticated=False)
    held = decide(snapshot(State.NEW), FormReceived(actor=unproven, key="k", form=FORM))
    assert held.snapshot.state == State.HELD and _lapse_moves(held)
    sent = decide(snapshot(State.INCOMPLETE), FormReceived(actor=actor(SW), key="k", form=FORM))
    assert sent.snapshot.state in (State.OPEN, State.UNMATCHED) and _lapse_moves(sent) == []


def test_an_incomplete_referral_lapses_to_withdrawn_and_its_purge_is_scheduled() -> None:
    lapsed = decide(snapshot(State.INCOMPLETE), LAPSE)
    assert lapsed.answer.accepted and lapsed.snapshot.state == State.WITHDRAWN
    assert lapsed.snapshot.referral.outcome_reason == "lapsed"
    assert _emails(lapsed) == {SW: "social_worker/lapsed"}  # the team never had it
    assert any(isinstance(c, CancelDeadlines) and c.wave is None for c in lapsed.commands)
    assert any(isinstance(c, SetDeadline) and c.kind == DeadlineKind.RETENTION
               for c in lapsed.commands)


def test_a_held_referral_lapses_and_the_team_is_told_too() -> None:
    lapsed = decide(snapshot(State.HELD), LAPSE)
    assert lapsed.snapshot.state == State.WITHDRAWN
    assert _emails(lapsed) == {SW: "social_worker/lapsed", TEAM: "social_worker/lapsed"}


def test_a_lapse_after_the_referral_went_out_changes_nothing() -> None:
    for state in (State.OPEN, State.CLOSED, State.WITHDRAWN):
        ignored = decide(snapshot(state), LAPSE)
        assert ignored.snapshot.state == state and ignored.commands == ()


def test_the_console_tells_a_lapse_in_words() -> None:
    from channels.web.console.words import describe_event

    assert describe_event("lapsed", {"state": "held", "days": 28}, {}) == (
        "Withdrawn as lapsed after 28 days with no form or correction, while held before it "
        "goes to providers, waiting for SEND; it never went to providers.")
