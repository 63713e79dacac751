"""The held emails of a referral asking for one provider only, rendered from real decisions
(rule `one-provider-told`, workflows/review.py; reader ux51s): the social worker's names the
provider and quotes her sentence, says nothing has gone and she need do nothing, never that
the team "will confirm it with you and send it" (to every home, against the family's wish),
heads the referral "What providers would see:", and says a needed-from day already past is
read as needed now; the team's says "the social worker's email", and how to proceed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.provider_mail import held_texts
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.events import SERVICE, DeadlineDue, DeadlineKind, FormReceived
from workflows.lifecycle import decide
from workflows.states import State
from workflows.waves import open_next

ASKS = (
    "Please send to Larch Care only - Cee has been at Larch House before and the family "
    "want her to go back to one of their homes."
)


def _bodies(decision) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return held_texts(decision)


def _held(text: str, today: date | None = None):  # type: ignore[no-untyped-def]
    before = snapshot(State.NEW)
    if today is not None:
        before = replace(before, world=replace(before.world, today=today))
    form = replace(FORM, text=text + "\n\n" + FORM.text)
    return decide(before, FormReceived(actor=actor(SW), key="k", form=form))


def test_the_social_worker_is_told_which_provider_and_that_nothing_has_gone() -> None:
    held = _held(ASKS)
    assert held.snapshot.state == State.HELD
    body = _bodies(held)["social_worker/held"]
    assert f'your email asks for it to go to Larch Care only: "{ASKS}"' in body
    assert "Nothing has gone to Larch Care or to any other provider." in body
    assert (
        "they will contact Larch Care about it, or agree it with you before sending it to "
        "all eligible homes. You need do nothing now." in body
    )
    assert "will confirm it with you and send it" not in body
    assert "What providers would see: ====" in body


def test_the_team_is_told_whose_email_and_how_to_proceed() -> None:
    body = _bodies(_held(ASKS))["placements_team/held"]
    wave = open_next(snapshot(State.NEW), "first-wave").wave
    assert wave is not None
    assert f'the social worker\'s email asks for it to go to Larch Care only: "{ASKS}"' in body
    assert "your email" not in body
    assert "contact Larch Care directly and send them the anonymised referral below" in body
    assert "reply WITHDRAW REF-" in body
    assert (
        f"if a wider search is wanted, agree it with {SW}, then send it to "
        f"{wave.providers} eligible providers by replying with the line: SEND REF-"
    ) in body
    # the anonymised referral itself, to send the provider, never the child's name
    assert "What providers would see: ====" in body and "REFERRAL REF-" in body


def test_the_hold_records_the_provider_and_the_sentence() -> None:
    recorded = next(c for c in _held(ASKS).commands if getattr(c, "kind", "") == "held")
    assert recorded.data["one_provider"] == {"provider": "Larch Care", "sentence": ASKS}


def test_a_needed_from_day_already_past_is_said_as_the_acknowledgement_says_it() -> None:
    body = _bodies(_held(ASKS, today=date(2026, 12, 7)))["social_worker/held"]
    assert (
        "The referral asks for the place from Tuesday 1 December 2026, which has passed, "
        "so providers would be told it is needed now."
    ) in body
    assert (
        "which has passed"
        not in _bodies(_held(ASKS, today=date(2026, 11, 25)))["social_worker/held"]
    )


@pytest.mark.parametrize(
    ("kept", "reason", "contact"),
    [
        # the provider read when it was held (its "held" entry), named without the sentence
        (
            "Larch Care",
            "the social worker's email asks for it to go to Larch Care only",
            "contact Larch Care directly",
        ),
        # a hold recorded with no provider ("a move within the same provider"): said generally
        (
            "",
            "the social worker's email asks for it to go to one provider only (or says it is a "
            "move within one provider)",
            "contact the provider named directly",
        ),
    ],
)
def test_the_reminder_names_the_provider_read_when_it_was_held(
    kept: str, reason: str, contact: str
) -> None:
    """The reminder is decided from the referral, which keeps no email text: the provider
    comes from what the hold recorded (`held_provider`, loaded from its "held" entry), and
    the sentence, which may speak of the child, is not repeated."""
    held = replace(_held(ASKS).snapshot, held_provider=kept)
    due = DeadlineDue(actor=SERVICE, key="review", kind=DeadlineKind.REVIEW_EXPIRY)
    body = _bodies(decide(held, due))["placements_team/held"]
    assert f"- {reason} To proceed" in body and contact in body and "REFERRAL REF-" in body
    assert ASKS not in body and "Cee" not in body
