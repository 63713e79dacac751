"""The console's "Chase the homes that have not answered" as a pure decision
(workflows/chase_now.py): the schedule's reminder, now, to the open wave's silent homes only,
and refused with its reason when there is nothing it could do."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from broker.directory.live import BY_TEAM, LiveFacts, with_live_facts
from tests.snapshots import DIRECTORY, SW, TEAM, actor, snapshot, wave, world
from workflows.commands import RecordEvent, SendEmail
from workflows.events import ChaseAsked
from workflows.lifecycle import IllegalTransition, decide
from workflows.snapshot import ResponseRecord
from workflows.states import OVER, State

OPENED = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
NOW = OPENED + timedelta(hours=5)  # 14:00 UK time; the window closes at 09:00 tomorrow
ASKED = ChaseAsked(actor=actor(TEAM, "web"), key="web:0123abcd", wave=1)


def _open(**changes):  # type: ignore[no-untyped-def]
    values = {"waves": (wave(opened=OPENED),), "responses": {}, "world": world(now=NOW),
              **changes}
    return snapshot(State.OPEN, **values)


def _reminders(decision) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands
            if isinstance(c, SendEmail) and c.template == "provider/chaser"]


def test_the_silent_homes_are_sent_the_schedule_s_reminder_saying_the_team_asked() -> None:
    answered = {"kestrel-house": ResponseRecord("kestrel-house", "decline")}
    decision = decide(_open(responses=answered), ASKED)
    assert decision.answer.accepted and decision.rule == "chase-asked-for"
    assert decision.snapshot.state == State.OPEN
    sent = _reminders(decision)
    assert {e.establishment for e in sent} == {"larch-house", "harbour-house"}
    assert all(e.context["asked_by_team"] and not e.context["last"] for e in sent)
    [entry] = [c for c in decision.commands if isinstance(c, RecordEvent)]
    assert entry.kind == "chased" and entry.data["by"] == TEAM and entry.data["homes"] == 2
    assert "2 homes" in decision.answer.message


def test_a_reply_with_no_decision_is_chased_and_told_we_have_it() -> None:
    undecided = {"larch-house": ResponseRecord("larch-house", "", sent_at=OPENED)}
    decision = decide(_open(responses=undecided), ASKED)
    [larch] = [e for e in _reminders(decision) if e.establishment == "larch-house"]
    assert larch.context.get("replied") is True  # rule chaser-says-what-we-have


def test_a_paused_home_is_left_out() -> None:
    directory = with_live_facts(DIRECTORY, {"kestrel-house": LiveFacts(
        paused=BY_TEAM + "safeguarding review")})
    decision = decide(_open(world=world(now=NOW, directory=directory)), ASKED)
    assert {e.establishment for e in _reminders(decision)} == {"larch-house", "harbour-house"}


def test_the_same_post_twice_makes_the_same_email_keys() -> None:
    """The outbox keeps one email per key: a double-click sends once."""
    first, again = decide(_open(), ASKED), decide(_open(), ASKED)
    assert [e.key for e in _reminders(first)] == [e.key for e in _reminders(again)]
    other = decide(_open(), replace(ASKED, key="web:ffff0000"))
    assert not {e.key for e in _reminders(first)} & {e.key for e in _reminders(other)}


def test_refused_when_nobody_is_silent() -> None:
    every = {key: ResponseRecord(key, "decline")
             for key in ("kestrel-house", "larch-house", "harbour-house")}
    before = _open(responses=every)
    decision = decide(before, ASKED)
    assert not decision.answer.accepted and decision.rule == "chaser-nobody-silent"
    assert decision.snapshot == before and not _reminders(decision)
    assert "nobody to chase" in decision.answer.message


def test_refused_within_the_hour_of_the_last_reminder_saying_when_it_went() -> None:
    last = NOW - timedelta(minutes=40)  # 13:20 UK time
    decision = decide(_open(reminded={"larch-house": last}), ASKED)
    assert not decision.answer.accepted and decision.rule == "chase-not-within-the-hour"
    assert not _reminders(decision) and not decision.commands
    assert "1:20pm" in decision.answer.message and "2:20pm" in decision.answer.message


def test_a_reminder_over_an_hour_ago_or_to_other_homes_does_not_stop_it() -> None:
    earlier = {"larch-house": NOW - timedelta(minutes=61),
               "kestrel-house": NOW - timedelta(minutes=61)}
    assert decide(_open(reminded=earlier), ASKED).answer.accepted
    # a home that has answered since its reminder is not chased, so it does not count
    answered = {"kestrel-house": ResponseRecord("kestrel-house", "offer")}
    recent = {"kestrel-house": NOW - timedelta(minutes=5)}
    assert decide(_open(reminded=recent, responses=answered), ASKED).answer.accepted


def test_refused_once_the_window_s_time_has_passed() -> None:
    late = world(now=OPENED + timedelta(hours=25))  # its close not yet acted on
    decision = decide(_open(world=late), ASKED)
    assert not decision.answer.accepted and decision.rule == "chase-window-closed"
    assert "closed at" in decision.answer.message and not _reminders(decision)


def test_refused_for_a_page_of_a_wave_that_has_ended() -> None:
    decision = decide(_open(waves=(wave(opened=OPENED - timedelta(days=2), closed=True),
                                   wave(2, opened=OPENED))), ASKED)
    assert not decision.answer.accepted and decision.rule == "wave-moved-on"


@pytest.mark.parametrize("state", [State.CLOSED, *sorted(OVER)])
def test_refused_when_the_window_is_closed_or_the_referral_is_over(state: State) -> None:
    with pytest.raises(IllegalTransition) as refused:
        decide(snapshot(state), ASKED)
    assert "a chase of the homes that have not answered has no effect now" in str(
        refused.value)


def test_a_colleague_at_the_council_may_not_chase() -> None:
    decision = decide(_open(), ChaseAsked(actor=actor("jordan.okafor@northby.gov.example",
                                                      "web"), key="k"))
    assert not decision.answer.accepted and decision.rule.startswith("permission:")
    assert decide(_open(), ChaseAsked(actor=actor(SW, "web"), key="k")).answer.accepted
