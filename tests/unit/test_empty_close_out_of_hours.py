"""Rule `empty-close-out-of-hours`: an emergency's window that closes with nothing to
shortlist outside working hours (a duty team's referral at 8:30pm on a Friday, at 4am on a
Sunday) tells the referrer the placements team will see it when they are next in, naming
that time, and what she can do until then (EXTEND, WITHDRAW), not to "talk to your
placements team" that nobody staffs until Monday; the team's copy says at its top that it
came out of hours and what the referrer was told. Within working hours nothing changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from email import message_from_bytes, policy

import pytest

from broker.clock import UK_TIME
from broker.working_time import WorkingHours
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import TEAM, snapshot, wave, world
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

EDT = "edt@northby.gov.example"
ENGLAND = WorkingHours()  # 09:00-17:00, Monday to Friday, England's bank holidays
RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")


def uk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UK_TIME)  # type: ignore[misc]


def _closed(closes: datetime, *, referrer: str = EDT, hours: WorkingHours | None = ENGLAND,
            responses: dict[str, ResponseRecord] | None = None) -> dict[str, SendEmail]:
    """An emergency's two-hour window closing at `closes`: its comparison emails by address."""
    opened = closes - timedelta(hours=2)
    open_ = snapshot(State.OPEN, waves=(wave(opened=opened, window=timedelta(hours=2)),),
                     responses=responses or {}, world=world(now=closes, today=closes.date(),
                                                            working_hours=hours))
    open_ = open_.with_referral(urgency="emergency", referrer=referrer)
    decision = decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                         wave=1, due_at=closes))
    assert decision.snapshot.state == State.CLOSED
    return {c.to: c for c in decision.commands
            if isinstance(c, SendEmail) and c.template == "social_worker/comparison"}


def _text(email: SendEmail, at: datetime) -> str:
    raw = RENDERER.render(email, at).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())


@pytest.mark.parametrize("closes", [uk(2026, 12, 11, 20, 30),  # Friday evening
                                    uk(2026, 12, 13, 4, 0),  # Sunday, small hours
                                    uk(2026, 12, 14, 7, 0)])  # Monday, before opening
def test_an_empty_close_out_of_hours_names_when_the_team_is_next_in(closes: datetime) -> None:
    emails = _closed(closes)
    back = uk(2026, 12, 14, 9, 0)
    assert emails[EDT].context["team_back"] == back
    hers = _text(emails[EDT], closes)
    assert "will see it when they are next in, at 9:00am on Monday 14 December 2026" in hers
    assert "talk to your placements team" not in hers
    assert "EXTEND 1h" in hers and "WITHDRAW" in hers
    team = _text(emails[TEAM], closes)
    assert team.startswith("This came out of hours, with nothing to shortlist.")
    assert "was told that you will see it when you are next in, at 9:00am on Monday 14 " \
           "December 2026" in team
    assert "(EXTEND 1h)" in team


def test_the_next_opening_skips_christmas_and_its_substitute_bank_holiday() -> None:
    emails = _closed(uk(2026, 12, 24, 22, 0))
    assert emails[EDT].context["team_back"] == uk(2026, 12, 29, 9, 0)


@pytest.mark.parametrize("case", ["working-hours", "options", "no-calendar", "team-referred"])
def test_nothing_changes_within_hours_with_options_or_when_the_team_referred(
        case: str) -> None:
    closes = uk(2026, 12, 8, 11, 0) if case == "working-hours" else uk(2026, 12, 11, 20, 30)
    offer = {"kestrel-house": ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": 4800, "available_from": "2026-12-11"})}
    emails = _closed(closes, referrer=TEAM if case == "team-referred" else EDT,
                     hours=None if case == "no-calendar" else ENGLAND,
                     responses=offer if case == "options" else None)
    for email in emails.values():
        assert email.context["team_back"] is None
        text = _text(email, closes)
        assert "out of hours" not in text and "next in" not in text
    if case == "working-hours":
        assert "talk to your placements team about widening" in _text(emails[EDT], closes)


def test_the_next_opening() -> None:
    assert ENGLAND.next_opening(uk(2026, 12, 8, 9, 0)) is None  # open
    assert ENGLAND.next_opening(uk(2026, 12, 8, 16, 59)) is None
    assert ENGLAND.next_opening(uk(2026, 12, 8, 17, 0)) == uk(2026, 12, 9, 9, 0)  # closed
    assert ENGLAND.next_opening(uk(2026, 12, 8, 6, 0)) == uk(2026, 12, 8, 9, 0)
    assert ENGLAND.next_opening(uk(2026, 12, 12, 12, 0)) == uk(2026, 12, 14, 9, 0)
