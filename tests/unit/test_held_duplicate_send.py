"""The held emails of a second referral of the same child (workflows/review.py, rule
`say-what-send-does`), rendered from real decisions: SEND is said to send the child to the
providers again, as well as the other referral, and WITHDRAW is offered for a repeat (rr25
U08), never a bare "reply with the line SEND"."""

from __future__ import annotations

from dataclasses import replace

from tests.provider_mail import held_texts
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State
from workflows.waves import open_next

OTHER = "REF-2026-483920"


def _held(duplicates: tuple[str, ...], proved: bool = True) -> dict[str, str]:
    before = replace(snapshot(State.NEW), duplicates=duplicates)
    sender = replace(actor(SW), authenticated=proved)
    decision = decide(before, FormReceived(actor=sender, key="k", form=FORM))
    return held_texts(decision)


def _first_wave() -> int:
    """How many providers the form's first wave goes to, as a broadcast would open it."""
    wave = open_next(snapshot(State.NEW), "first-wave").wave
    assert wave is not None
    return wave.providers


def test_the_social_worker_is_told_send_sends_the_same_child_again() -> None:
    body = _held((OTHER,))["social_worker/held"]
    count = _first_wave()
    assert (f"SEND would send this second referral of the child to {count} providers, as well "
            f"as {OTHER}: any of them that has {OTHER} would get the same child twice") in body
    assert f"If this repeats {OTHER}, reply WITHDRAW and the reason instead" in body
    assert "If nothing in it identifies the child, reply with the line SEND" not in body
    assert "If this is a new search and nothing in it identifies the child, reply" in body


def test_the_placements_team_is_told_the_same() -> None:
    body = _held((OTHER,))["placements_team/held"]
    count = _first_wave()
    assert (f"SEND would send this second referral of the child to {count} providers, as well "
            f"as {OTHER}") in body
    assert "reply WITHDRAW REF-" in body and "and the reason instead" in body


def test_a_referral_held_for_another_reason_says_how_many_send_reaches() -> None:
    """No other referral of the child (held as its sender was not proved): SEND is offered
    to the team as before, with how many providers it goes to."""
    bodies = _held((), proved=False)
    team = bodies["placements_team/held_unproved"]
    assert f"To send it to {_first_wave()} eligible providers, reply with the line: SEND" in team
    assert not any("second referral" in body for body in bodies.values())
    assert "Your placements team will confirm it with you and send it." in bodies[
        "social_worker/held_unproved"]
