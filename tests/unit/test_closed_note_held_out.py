"""The team's Slack note of a close counts the homes held out of the comparison (rules
`supported-accommodation-under-16`, `offer-of-another-kind`) and says why, in the very words
the comparison email gives them: before, a held-out reply was in none of the note's counts,
so "1 offer(s), 0 interested, 0 decline(s), 0 no reply" did not add up to the homes asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default

import pytest

from broker.comparison import HELD_OUT, HELD_WHY
from channels.email.render import TEMPLATES, EmailRenderer
from channels.slack.blocks import announcement
from tests.snapshots import TEAM, actor, snapshot
from workflows.commands import PostSlack, SendEmail
from workflows.events import WindowClosed
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

UNDER_16 = {HELD_OUT: "under_16", HELD_WHY: "supported accommodation, not lawful under 16"}
FOSTERING = {HELD_OUT: "another_kind", HELD_WHY: "fostering, not residential"}
KESTREL_WHY = "Kestrel House – supported accommodation, not lawful under 16"
OFFER = ResponseRecord("harbour-house", "offer", {}, {"weekly_fee": 4700})


def _closed(held: dict[str, dict[str, str]]) -> tuple[str, str]:
    """The Slack note and the comparison email's text when the window closes with one offer
    (Harbour House) and the replies `held` (establishment → held-out fields)."""
    responses = {"harbour-house": OFFER} | {
        key: ResponseRecord(key, "interested", {}, fields) for key, fields in held.items()
    }
    base = snapshot(State.OPEN, responses=responses)
    base = replace(base, world=replace(base.world, team_channel="CTEAM"))
    commands = decide(base, WindowClosed(actor=actor(TEAM), key="k")).commands
    note = next(c for c in commands if isinstance(c, PostSlack))
    email = next(
        c for c in commands if isinstance(c, SendEmail) and c.template == "social_worker/comparison"
    )
    rendered = EmailRenderer(
        "broker.localhost", "r@broker.localhost", [TEMPLATES], secret=b"test-secret"
    ).render(email, datetime(2026, 12, 7, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=default).get_body(("plain",))
    return announcement(note.context)["text"], " ".join(str(body.get_content()).split())


@pytest.mark.parametrize(
    ("held", "said"),
    [
        ({}, ""),
        (
            {"kestrel-house": UNDER_16},
            f"1 left out of the options: {KESTREL_WHY}",
        ),
        (
            {"kestrel-house": UNDER_16, "larch-house": FOSTERING},
            f"2 left out of the options: {KESTREL_WHY}; Larch House – fostering, not residential",
        ),
        # a reply stored before its reason's words were kept: the words for its kind
        (
            {"larch-house": {HELD_OUT: "another_kind"}},
            "1 left out of the options: Larch House – another kind of placement than the one asked",
        ),
    ],
)
def test_the_close_note_counts_the_held_out_homes_in_the_comparisons_words(
    held: dict[str, dict[str, str]], said: str
) -> None:
    note, email = _closed(held)
    silent = 2 - len(held)
    counts = f"REF-2026-000001 closed: 1 offer(s), 0 interested, 0 decline(s), {silent} no reply"
    assert note == (f"{counts}, {said}." if said else f"{counts}.")
    if said:  # the email's line, word for word after its own heading
        assert f"Left out of the options: {said.split(': ', 1)[1]}." in email
    else:
        assert "Left out of the options" not in email
