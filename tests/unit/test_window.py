"""The response window's pure decisions: chaser times, social worker commands, the close."""

from datetime import UTC, datetime, timedelta

import pytest

from broker.comparison import Comparison, Row
from workflows.commands import MoveDeadlines, RecordEvent, SendEmail
from workflows.window import (
    Silent,
    chase_times,
    decide_chase,
    decide_close,
    decide_window_command,
    read_window_command,
)

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=24)


@pytest.mark.parametrize("specs,expected", [
    (["50%", "1h"], [START + timedelta(hours=12), END - timedelta(hours=1)]),
    (["1h", "50%"], [START + timedelta(hours=12), END - timedelta(hours=1)]),
    (["25h"], []),                         # before the window opened: dropped
    (["50%", "12h"], [START + timedelta(hours=12)]),  # the same moment once
    ([], []),
])
def test_chasers_fall_inside_the_window(specs: list[str], expected: list[datetime]) -> None:
    assert chase_times(specs, START, END) == expected


@pytest.mark.parametrize("text,expected", [
    ("EXTEND 24h", ("extend", timedelta(hours=24))),
    ("extend by 2d\n\nthanks", ("extend", timedelta(days=2))),
    ("  \nCLOSE\n> EXTEND 24h", ("close", None)),
    ("Close", ("close", None)),
    ("EXTEND a bit", ("extend", None)),
    ("Thanks, please extend", None),
    ("> EXTEND 24h", None),  # quoted text never commands
    ("", None),
])
def test_window_commands_are_read_from_the_first_line(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert read_window_command(text) == expected


def _command(command, deadline=END):  # type: ignore[no-untyped-def]
    return decide_window_command(
        "REF-2026-000001", "sam@northby.gov.example", command, now=START + timedelta(hours=3),
        broadcast_at=START, deadline=deadline,
        chase_times_for=lambda s, e: chase_times(["50%", "1h"], s, e), message_id="<m@x>")


def test_extend_moves_the_close_and_the_chasers_and_tells_the_social_worker() -> None:
    commands, outcome, new_deadline = _command(("extend", timedelta(hours=24)))
    assert outcome == "extended" and new_deadline == END + timedelta(hours=24)
    [move] = [c for c in commands if isinstance(c, MoveDeadlines)]
    assert dict(move.moves) == {"close": END + timedelta(hours=24),
                                "chase-1": START + timedelta(hours=24),
                                "chase-2": END + timedelta(hours=23)}
    [told] = [c for c in commands if isinstance(c, SendEmail)]
    assert told.template == "social_worker/window_changed"
    assert told.context["deadline"] == new_deadline


def test_close_moves_the_close_to_now() -> None:
    commands, outcome, new_deadline = _command(("close", None))
    assert outcome == "closed-early" and new_deadline == START + timedelta(hours=3)
    [move] = [c for c in commands if isinstance(c, MoveDeadlines)]
    assert move.moves == (("close", START + timedelta(hours=3)),)


def test_an_unreadable_extension_changes_nothing_and_says_so() -> None:
    commands, outcome, new_deadline = _command(("extend", None))
    assert (outcome, new_deadline) == ("unclear", None)
    assert [c.template for c in commands if isinstance(c, SendEmail)] == [
        "social_worker/window_command_unclear"]


def test_chasers_go_to_each_silent_establishment_once_with_its_own_reply_address() -> None:
    silent = [Silent("larch-house", "Larch House", "a@larch.example", "r+1@x"),
              Silent("oak-lodge", "Oak Lodge", "b@oak.example", "r+2@x")]
    commands = decide_chase("REF-2026-000001", "chase-1", silent, END, {"age": 14})
    emails = [c for c in commands if isinstance(c, SendEmail)]
    assert [(e.to, e.reply_to, e.key) for e in emails] == [
        ("a@larch.example", "r+1@x", "REF-2026-000001:chase-1:larch-house"),
        ("b@oak.example", "r+2@x", "REF-2026-000001:chase-1:oak-lodge")]
    assert commands[0] == RecordEvent("chased", {"kind": "chase-1",
                                                 "establishments": ["larch-house", "oak-lodge"]})


def test_the_close_sends_the_comparison_to_the_social_worker_and_the_team() -> None:
    row = Row("A", "larch-house", "Larch House", "offer", "Larch House", "good", "SE22",
              "under 10 km", None, "", None, "", 80.0, False)
    comparison = Comparison([row], [("no-vacancy", 3)], 2)
    commands = decide_close("REF-2026-000001", comparison, "sam@n.example", "team@n.example",
                            {}, END)
    assert commands[0] == RecordEvent("closed", {"offers": 1, "interested": 0, "declines": 3,
                                                 "no_reply": 2})
    assert {c.to for c in commands if isinstance(c, SendEmail)} == {"sam@n.example",
                                                                   "team@n.example"}
