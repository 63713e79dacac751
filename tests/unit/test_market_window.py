"""A list's window, decided purely: its table walked whole, the advert and reminders to the
mailing list, the windows after it planned, and a changed schedule's windows cancelled.
Dates come from the schedule through APScheduler's cron trigger, in UK time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from broker.directory.reopening import next_time, windows_after
from tests.market_snapshots import DIRECTORY, LIST, OPENS, window, world
from workflows.commands import PostSlack, SendEmail
from workflows.market.commands import CancelWindow, ScheduleWindow
from workflows.market.events import WindowDeadline, WindowDeadlineDue
from workflows.market.snapshot import WindowSnapshot
from workflows.market.states import WindowState
from workflows.market.window import TRANSITIONS, decide_window, plan_windows

REOPENING = DIRECTORY.arrangement(LIST).reopening
MAILING = set(REOPENING.mailing_list)
PAIRS = [(state, kind) for state in WindowState for kind in WindowDeadline]


def due(kind: WindowDeadline, seq: int = 0) -> WindowDeadlineDue:
    return WindowDeadlineDue(window_id=1, kind=kind, seq=seq, key=f"deadline:{kind}")


def at(state: WindowState, now: datetime, **changes) -> WindowSnapshot:  # type: ignore[no-untyped-def]
    return WindowSnapshot(window(state), world(now=now, **changes))


@pytest.mark.parametrize("state,kind", PAIRS, ids=[f"{s}-{k}" for s, k in PAIRS])
def test_every_state_and_deadline_is_in_the_table_or_ignored(state: WindowState,
                                                             kind: WindowDeadline) -> None:
    decision = decide_window(at(state, OPENS), due(kind))
    target = TRANSITIONS[state].get(kind)
    if target is None:
        assert decision.answer.outcome == "ignored" and decision.snapshot.state == state
        assert not decision.commands and decision.rule == f"{kind}-when-{state}"
    else:
        assert decision.answer.accepted and decision.snapshot.state == target


def test_the_advert_goes_to_each_address_of_the_mailing_list_with_the_form() -> None:
    decision = decide_window(at(WindowState.SCHEDULED, OPENS - timedelta(days=30)),
                             due(WindowDeadline.ADVERT))
    adverts = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert {a.to for a in adverts} == MAILING
    assert {a.template for a in adverts} == {"prospective/list_advert"}
    form = dict(adverts[0].context["form"])
    assert form["Applying to"] == "Northern Residential Approved List"
    assert "residential" in form["Placement types"]
    assert adverts[0].reply_to == "providers@broker.localhost"


def test_opening_plans_the_window_after_it_and_tells_the_team() -> None:
    decision = decide_window(at(WindowState.ADVERTISED, OPENS, team_channel="CTEAM"),
                             due(WindowDeadline.OPEN))
    planned = [c.plan.opens_at for c in decision.commands if isinstance(c, ScheduleWindow)]
    assert planned == [OPENS, datetime(2028, 1, 1, 9, tzinfo=UTC)]
    (post,) = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert "open for applications until 31 July" in post.context["text"]
    off = decide_window(at(WindowState.ADVERTISED, OPENS, reopening=False),
                        due(WindowDeadline.OPEN))
    assert not [c for c in off.commands if isinstance(c, ScheduleWindow)]


def test_a_reminder_says_how_many_days_are_left() -> None:
    decision = decide_window(at(WindowState.OPEN, OPENS + timedelta(days=23)),
                             due(WindowDeadline.REMIND, 1))
    reminders = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert {r.context["days_left"] for r in reminders} == {7}
    assert {r.template for r in reminders} == {"prospective/list_reminder"}


def test_windows_follow_the_schedule_in_uk_time_and_the_open_one_comes_first() -> None:
    during = windows_after(REOPENING, datetime(2027, 1, 10, tzinfo=UTC))
    assert [w.opens_at for w in during] == [datetime(2027, 1, 1, 9, tzinfo=UTC),  # GMT
                                           datetime(2027, 7, 1, 8, tzinfo=UTC)]  # BST
    first = during[0]
    assert first.advertise_at == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert first.reminders == (datetime(2027, 1, 24, 9, tzinfo=UTC),
                               datetime(2027, 1, 30, 9, tzinfo=UTC))
    assert next_time("0 9 * * 1", datetime(2027, 7, 10, tzinfo=UTC)) == datetime(
        2027, 7, 12, 8, tzinfo=UTC)


def test_a_changed_schedule_cancels_the_windows_not_yet_advertised() -> None:
    stale = replace(window(WindowState.SCHEDULED, opens=datetime(2027, 6, 1, 8, tzinfo=UTC)),
                    id=9)
    kept = window(WindowState.SCHEDULED, window_id=3)
    live = window(WindowState.OPEN, opens=datetime(2027, 5, 1, 8, tzinfo=UTC), window_id=4)
    now = datetime(2027, 5, 20, tzinfo=UTC)
    commands = plan_windows([DIRECTORY.arrangement(LIST)], [stale, kept, live], now)
    assert [c.window_id for c in commands if isinstance(c, CancelWindow)] == [9]
    assert [c.plan.opens_at for c in commands if isinstance(c, ScheduleWindow)] == [
        OPENS, datetime(2028, 1, 1, 9, tzinfo=UTC)]
