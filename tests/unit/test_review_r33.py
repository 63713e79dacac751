"""Round R33, case C13: a social worker's note above a quoted referral saying "Please disregard
the referral below – family found a kinship placement" was broadcast to every eligible home.
Rule `disregard-asked` (broker/forms/disregarded.py, workflows/review.py): such a note holds
the referral, quoting her sentence; a note superseding an earlier email, a negated one, or
the words of a narrative or of quoted history hold nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from broker.forms.disregarded import disregard_asked
from tests.provider_mail import held_texts
from tests.snapshots import REFERRAL_SPEC, SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State

OUTLOOK_HEADER = (
    "From: Taylor, Sam <sam.taylor@northby.gov.example>\nSent: 07 December 2026 "
    "09:12\nTo: Placement Referrals <referrals@broker.localhost>\nSubject: Referral"
)


@pytest.mark.parametrize(
    ("note", "said"),
    [
        (
            "Please disregard the referral below - family found a kinship placement with his aunt "
            "this afternoon. No placement needed.",
            "Please disregard the referral below - family found a kinship placement with his aunt "
            "this afternoon.",
        ),
        (
            "Hi, no placement needed now - she has gone home to mum.",
            "Hi, no placement needed now - she has gone home to mum.",
        ),
        ("Sent in error, please ignore this.", "Sent in error, please ignore this."),
        ("Placement no longer required, thanks.", "Placement no longer required, thanks."),
        (
            "This referral has been withdrawn by the team manager.",
            "This referral has been withdrawn by the team manager.",
        ),
        ("Please cancel the attached referral.", "Please cancel the attached referral."),
        # an earlier email superseded by this one, and a negated ask: this one is to go
        ("Please ignore my previous email, this is the right form.", None),
        ("Please don't disregard this, it is still live.", None),
        ("Please do not cancel this referral.", None),
        ("Hi, please see referral below.", None),
    ],
)
def test_the_note_above_the_form_is_read(note: str, said: str | None) -> None:
    text = f"{note}\n\nChild's name: Kayden Brookfield\nBackground and risks: He is 14."
    assert disregard_asked(text, REFERRAL_SPEC) == said


@pytest.mark.parametrize(
    "text",
    [
        # the narrative's words, and the words of quoted history, are not her note
        "Hi, referral below.\n\nBackground and risks: Mum asked us to cancel the referral to CAMHS."
        " No placement needed at the time.",
        f"Please progress.\n\n{OUTLOOK_HEADER}\n\nPlease disregard the referral below.",
        "Please progress.\n\nOn Fri, 4 Dec 2026 at 16:02, Sam Taylor <sam.taylor@northby.gov."
        "example> wrote:\n> Please disregard the referral below.",
    ],
)
def test_only_her_own_note_counts(text: str) -> None:
    assert disregard_asked(text, REFERRAL_SPEC) is None


def _decided(note: str):  # type: ignore[no-untyped-def]
    form = replace(FORM, text=f"{note}\n\n{OUTLOOK_HEADER}\n\n{FORM.text}")
    return decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))


def test_a_disregarded_referral_is_held_and_her_sentence_quoted() -> None:
    note = "Please disregard the referral below - family found a kinship placement."
    decision = _decided(note)
    assert decision.snapshot.state == State.HELD
    assert not [
        c
        for c in decision.commands
        if isinstance(c, SendEmail) and c.template == "provider/referral"
    ]
    bodies = held_texts(decision)
    assert (
        f'your note above the form asks for it not to be acted on: "{note}"'
        in bodies["social_worker/held"]
    )
    assert "the social worker's note above the form" in bodies["placements_team/held"]
    # what to do next says closing it first (ux52): she asked for it not to go
    assert "not sent to providers, as your note asks" in bodies["social_worker/held"]
    assert "If no placement is needed, reply WITHDRAW" in bodies["social_worker/held"]
    assert "If no placement is needed, close it by replying: WITHDRAW" in bodies[
        "placements_team/held"]


def test_a_forwarding_note_that_asks_for_it_to_go_is_broadcast() -> None:
    decision = _decided("Please progress - agreed at panel this morning.")
    assert decision.snapshot.state == State.OPEN
