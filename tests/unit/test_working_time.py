"""A planned referral's response window in working time (broker/working_time.py): five
working days within working hours, past weekends, bank holidays and closure days; an
emergency's and an urgent referral's on the clock; the settings that say so, checked at
start; and the decision that opens a wave telling providers the moved close."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from broker.clock import UK_TIME
from broker.settings import Settings
from broker.working_time import WorkingHours, counts_working_time
from tests.snapshots import SW, actor, snapshot, wave, world
from workflows.commands import MoveDeadlines, SendEmail, SetDeadline
from workflows.events import DeadlineKind, WindowExtended
from workflows.lifecycle import decide
from workflows.states import State
from workflows.waves import open_next, window_closes
from workflows.window import chase_times

ENGLAND = WorkingHours()  # 09:00-17:00, Monday to Friday, England's bank holidays
FIVE_DAYS = timedelta(days=5)


def uk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UK_TIME)  # type: ignore[misc]


def test_five_working_days_from_a_tuesday_morning_close_the_next_tuesday_morning() -> None:
    assert ENGLAND.add(uk(2026, 12, 1, 10), FIVE_DAYS) == uk(2026, 12, 8, 10)


def test_a_window_across_a_weekend_skips_it() -> None:
    # Thursday 10:00: Fri, Mon, Tue, Wed, Thu
    assert ENGLAND.add(uk(2026, 12, 3, 10), FIVE_DAYS) == uk(2026, 12, 10, 10)
    assert ENGLAND.add(uk(2026, 12, 4, 10), timedelta(days=1)) == uk(2026, 12, 7, 10)


def test_a_window_sent_at_three_in_the_morning_closes_at_the_end_of_a_working_day() -> None:
    # 03:00 on a Monday: its working time starts at 09:00, five days of it end Friday 17:00
    assert ENGLAND.add(uk(2026, 11, 30, 3), FIVE_DAYS) == uk(2026, 12, 4, 17)


def test_a_window_across_christmas_skips_the_25th_the_boxing_day_substitute_and_weekend() -> None:
    # sent 03:00 Sunday 20 December: Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 Christmas Day,
    # weekend, Mon 28 for Boxing Day on a Saturday) Tue 29
    closes = ENGLAND.add(uk(2026, 12, 20, 3), FIVE_DAYS)
    assert closes == uk(2026, 12, 29, 17)
    assert closes != uk(2026, 12, 20, 3) + FIVE_DAYS  # the clock's: 3am on Christmas Day


def test_a_window_across_new_years_day_skips_it() -> None:
    # sent Saturday 27 December 10:00: Tue 29, Wed 30, Thu 31, (Fri 1 January) Mon 4, Tue 5
    assert ENGLAND.add(uk(2026, 12, 27, 10), FIVE_DAYS) == uk(2027, 1, 5, 17)
    assert not ENGLAND.is_working_day(date(2027, 1, 1))
    # sent Wednesday 30 December 11:00: Thu 31, Mon 4 (New Year's Day is skipped)
    assert ENGLAND.add(uk(2026, 12, 30, 11), timedelta(days=2)) == uk(2027, 1, 4, 11)


def test_closure_days_are_not_counted() -> None:
    closed = WorkingHours(closure_days=frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    # Mon 21, Tue 22, Wed 23, (24 closed, 25, weekend, 28) Tue 29, Wed 30
    assert closed.add(uk(2026, 12, 20, 3), FIVE_DAYS) == uk(2026, 12, 30, 17)


def test_region_none_counts_every_weekday() -> None:
    weekdays = WorkingHours(region="none")
    assert weekdays.is_working_day(date(2026, 12, 25))
    # Mon 21 … Fri 25: Christmas Day is a working day with no bank holidays
    assert weekdays.add(uk(2026, 12, 20, 3), FIVE_DAYS) == uk(2026, 12, 25, 17)


def test_scotland_keeps_the_second_of_january() -> None:
    assert not WorkingHours(region="scotland").is_working_day(date(2026, 1, 2))
    assert ENGLAND.is_working_day(date(2026, 1, 2))


def test_other_working_hours() -> None:
    early = WorkingHours(opens=time(8), closes=time(18))
    assert early.add(uk(2026, 11, 30, 3), timedelta(days=1)) == uk(2026, 11, 30, 18)
    assert early.add(uk(2026, 11, 30, 17), timedelta(hours=2)) == uk(2026, 12, 1, 9)


@pytest.mark.parametrize("urgency,window", [
    ("emergency", timedelta(hours=2)), ("urgent", timedelta(hours=24)),
    ("urgent", timedelta(days=2)), ("planned", timedelta(hours=36)),
])
def test_emergency_and_urgent_windows_and_windows_of_hours_run_on_the_clock(
        urgency: str, window: timedelta) -> None:
    assert not counts_working_time(urgency, window)
    sent = datetime(2026, 12, 24, 23, 0, tzinfo=UTC)  # 11pm on Christmas Eve
    made = snapshot(State.NEW, world=world(working_hours=ENGLAND)).with_referral(
        urgency=urgency)
    assert window_closes(made, sent, window) == sent + window


def test_a_planned_window_of_days_counts_working_time() -> None:
    assert counts_working_time("planned", FIVE_DAYS)
    assert counts_working_time("", FIVE_DAYS)  # a referral without an urgency is planned


def test_reminders_fall_in_working_hours() -> None:
    start, end = uk(2026, 12, 20, 3), uk(2026, 12, 29, 17)
    # half of 40 working hours from Monday 09:00: Wednesday 13:00; one working hour before
    # the close: 16:00 Tuesday 29th (not 16:00 on a bank holiday, nor 2am on Christmas Day)
    assert chase_times(["50%", "1h"], start, end, ENGLAND) == [
        uk(2026, 12, 23, 13), uk(2026, 12, 29, 16)]
    # a close at 09:00 on a Monday: one working hour before is Friday 16:00, not 08:00
    assert chase_times(["1h"], uk(2026, 11, 30, 9), uk(2026, 12, 7, 9), ENGLAND) == [
        uk(2026, 12, 4, 16)]


def test_the_settings_build_the_calendar_and_refuse_what_they_cannot_read() -> None:
    made = Settings(_env_file=None, working_hours="08:30-16:30", bank_holidays="Wales",
                    closure_days="2026-12-24, 2026-12-31").working_calendar()
    assert made == WorkingHours(time(8, 30), time(16, 30), "wales",
                                frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    assert Settings(_env_file=None).working_calendar() == ENGLAND
    for bad, says in [({"working_hours": "9-5"}, "working hours such as 09:00-17:00"),
                      ({"working_hours": "17:00-09:00"}, "end after they start"),
                      ({"bank_holidays": "cornwall"}, "england, wales, scotland"),
                      ({"closure_days": "24/12/2026"}, "not a day such as 2026-12-24")]:
        with pytest.raises(ValidationError, match=says):
            Settings(_env_file=None, **bad)


def test_providers_are_told_the_moved_close_and_the_reminders_move_with_it() -> None:
    """The referral of 03:00 Sunday 20 December 2026: not "reply by 3am on Christmas Day",
    the last reminder not at 2am on Christmas Day."""
    sent = uk(2026, 12, 20, 3).astimezone(UTC)
    planned = snapshot(State.NEW, world=world(now=sent, today=sent.date(),
                                              working_hours=ENGLAND)).with_referral(
        urgency="planned")
    opened = open_next(planned, "first-wave")
    assert opened.wave is not None
    assert opened.wave.closes_at == uk(2026, 12, 29, 17)
    told = [c for c in opened.commands if isinstance(c, SendEmail)
            and c.template == "provider/referral"]
    assert told and {c.context["deadline"] for c in told} == {uk(2026, 12, 29, 17)}
    assert all(c.context["working"] for c in told)
    deadlines = {(d.kind, d.seq): d.due_at for d in opened.commands
                 if isinstance(d, SetDeadline)}
    assert deadlines == {(DeadlineKind.CLOSE, 0): uk(2026, 12, 29, 17),
                         (DeadlineKind.CHASE, 1): uk(2026, 12, 23, 13),
                         (DeadlineKind.CHASE, 2): uk(2026, 12, 29, 16)}


def test_extend_on_a_planned_referral_moves_by_working_days() -> None:
    """EXTEND 2d of a window closing 5pm Thursday 24 December: Tuesday 29th and Wednesday
    30th, not Saturday 26th; its reminders in working time too."""
    opened_at = uk(2026, 12, 18, 10).astimezone(UTC)
    closes = uk(2026, 12, 24, 17)
    planned = snapshot(State.OPEN, world=world(now=uk(2026, 12, 23, 12).astimezone(UTC),
                                               working_hours=ENGLAND),
                       waves=(wave(opened=opened_at, window=FIVE_DAYS, closes_at=closes),),
                       responses={}).with_referral(urgency="planned")
    decision = decide(planned, WindowExtended(actor=actor(SW), key="k", by=timedelta(days=2)))
    assert decision.answer.outcome == "extended"
    assert decision.snapshot.open_wave.closes_at == uk(2026, 12, 30, 17)
    [move] = [c for c in decision.commands if isinstance(c, MoveDeadlines)]
    assert all(ENGLAND.is_working_day(t.astimezone(UK_TIME).date())
               and time(9) <= t.astimezone(UK_TIME).time() <= time(17)
               for _kind, _seq, t in move.moves)
