"""Replies of round 65. A reply opening on a bare no ("Unfortunately no.") declines, whatever
it says of a vacancy after it, and a vacancy spoken for ("earmarked for a young person already
in our care") is no vacancy for this child (d05: read as interest, and the home told "We have
your expression of interest"); "next Wednesday" is next week's (s04)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from broker.forms import load_response_spec, read_response

RESPONSE = load_response_spec(Path(__file__).resolve().parents[2] / "config")


def _read(text: str) -> tuple[str | None, str | None]:
    parsed = read_response({}, text, RESPONSE, message_date=date(2026, 12, 7))
    return parsed.decision, parsed.decline_reason


@pytest.mark.parametrize("text", [
    "Unfortunately no. We have a vacancy but it's been earmarked for a young person already "
    "in our care.",
    "We have a vacancy but it's been earmarked for a young person already in our care.",
    "Hi Sam,\nOur vacancy is already allocated to an internal move.\nThanks, Jo",
    "There's a bed but it is reserved for a sibling of a girl here.",
    "We have a vacancy, the bed is promised to another authority though.",
])
def test_a_bed_spoken_for_is_no_vacancy(text: str) -> None:
    assert _read(text) == ("decline", "no-vacancy")


@pytest.mark.parametrize("text", [
    "Unfortunately no.", "Unfortunately no. We have a vacancy.",
    "Sadly not - we do have a vacancy.", "Hi,\nI'm afraid not. We can meet her needs.\nJo"])
def test_a_bare_no_opening_the_reply_declines(text: str) -> None:
    assert _read(text)[0] == "decline"


@pytest.mark.parametrize(("text", "decision"), [
    ("We have a vacancy and it's reserved for her from 14/12 at £4,900 pw.", "offer"),
    ("We have a bed from 14/12 at £4,900 pw which is held for the young person.", "offer"),
    ("No, not yet. We have a vacancy.", "interested"),
    ("No problem. We have a vacancy from 14/12 at £4,900 pw.", "offer"),
])
def test_a_bed_kept_for_her_and_a_no_that_is_no_answer_still_stand(
        text: str, decision: str) -> None:
    assert _read(text)[0] == decision


def test_next_wednesday_in_a_reply_is_next_weeks() -> None:
    """Round 65's s04: "she could move in next Wednesday" sent on Monday 7 December was read
    as the 9th, before the 14th the child was needed from; it is the 16th."""
    parsed = read_response({}, "Offer £4,900 pw; she could move in next Wednesday.", RESPONSE,
                           message_date=date(2026, 12, 7))
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 16))
