"""A referral held because its email asks for one provider only, or to be disregarded,
from a sender nothing proved: neither held email quotes her sentence (att44; rule
`nothing-quoted-to-the-unproved`, workflows/review.py). Anyone can forge a council's From;
the service must not say a stranger's words in its own voice, to the team or to her."""

from __future__ import annotations

from dataclasses import replace

from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import RecordEvent, SendEmail
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State

_PLANTED = "Ring Mr Vance on 01632 960123 to confirm"
_ASK = f"Please send to Larch Care only. {_PLANTED}.\n"


def _held(text: str, proved: bool):  # type: ignore[no-untyped-def]
    who = replace(actor(SW), authenticated=proved)
    form = replace(FORM, text=text + FORM.text)
    held = decide(snapshot(State.NEW), FormReceived(actor=who, key="k", form=form))
    assert held.snapshot.state == State.HELD
    return held


def _emails(decision) -> dict[str, SendEmail]:  # type: ignore[no-untyped-def]
    return {c.template: c for c in decision.commands if isinstance(c, SendEmail)}


def _reasons(decision) -> str:  # type: ignore[no-untyped-def]
    return " | ".join(r for email in _emails(decision).values() for r in email.context["reasons"])


def test_an_unproved_senders_one_provider_sentence_is_quoted_to_no_one() -> None:
    held = _held(f"Please send only to Vance Care Homes - {_PLANTED}.\n", proved=False)
    assert set(_emails(held)) == {"social_worker/held_unproved", "placements_team/held_unproved"}
    said = _reasons(held)
    assert "Vance" not in said and "01632" not in said
    # a provider the directory does not know is not named either: those are her words too
    assert "Vance" not in said and "go to one provider only" in said
    assert "not quoted" in said and "could not confirm" in said
    for email in _emails(held).values():
        assert "Vance" not in repr(email.context.get("asked"))
    recorded = next(c for c in held.commands if isinstance(c, RecordEvent) and c.kind == "held")
    assert "Vance" not in repr(recorded.data)


def test_an_unproved_sender_is_named_the_provider_only_in_the_directorys_own_words() -> None:
    held = _held(f"Please only send this to Oakfield House Pay Vance. {_PLANTED}.\n", proved=False)
    said = _reasons(held)
    assert "go to Oakfield House only" in said and "Vance" not in said


def test_a_proved_senders_sentence_is_still_quoted() -> None:
    held = _held(_ASK, proved=True)
    said = _reasons(held)
    assert 'go to Larch Care only: "Please send to Larch Care only."' in said


def test_an_unproved_senders_disregard_note_is_not_quoted() -> None:
    note = f"Please disregard the referral below - {_PLANTED}.\n"
    unproved, proved = _held(note, proved=False), _held(note, proved=True)
    assert "Vance" not in _reasons(unproved) and "not quoted" in _reasons(unproved)
    assert "Vance" in _reasons(proved)
