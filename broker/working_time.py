"""Working time: when a planned referral's response window closes, and its reminders go.

A planned referral's window (`BROKER_WINDOW_PLANNED`, and a cascade wave's own window given
in whole days) counts working days, not the clock: `5d` is five working days of working
hours (`BROKER_WORKING_HOURS`, 09:00-17:00 by default, Monday to Friday, in UK time), a
weekend, a bank holiday of the region (`BROKER_BANK_HOLIDAYS`, England's by default, from
the `holidays` library) and a closure day a consortium sets (`BROKER_CLOSURE_DAYS`) not
counted. Sent within working hours, it closes at the same time of day five working days on;
sent outside them (03:00 on a Sunday), its working time starts at the next opening, so it
closes at the end of working hours on the fifth working day: never at night, at a weekend
or on Christmas Day, when nobody could answer or read the comparison. An EXTEND of
such a window counts the same way (`EXTEND 2d`: two working days; `12h`: twelve working
hours). Its reminders are shares of the same
working time (`50%`), or working time before the close (`1h`), so they fall within working
hours too (rule `planned-window-in-working-time`).

An emergency or urgent referral's window, and a wave window of hours, run on the clock:
homes have staff on call, and a child who needs a bed tonight cannot wait for Monday.

Everything here is pure: the decisions are handed a `WorkingHours` through their World.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from broker.clock import UK_TIME

DAY = timedelta(days=1)
#: `BROKER_BANK_HOLIDAYS` → the `holidays` library's subdivision of the UK ("none": no
#: bank holidays, closure days only).
REGIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR",
           "none": ""}
_HOURS = re.compile(r"^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)\s*$")


def parse_working_hours(text: str) -> tuple[time, time]:
    """`09:00-17:00` → (09:00, 17:00); anything else, or an end not after the start, is an
    error naming the value."""
    match = _HOURS.match(text)
    if not match:
        raise ValueError(f"{text[:40]!r} is not working hours such as 09:00-17:00")
    opens = time(int(match.group(1)), int(match.group(2)))
    closes = time(int(match.group(3)), int(match.group(4)))
    if closes <= opens:
        raise ValueError(f"{text.strip()[:40]!r}: working hours end after they start, "
                         "e.g. 09:00-17:00")
    return opens, closes


def parse_closure_days(text: str) -> frozenset[date]:
    """`2026-12-24,2026-12-31` → those days; anything but ISO dates is an error naming it."""
    days = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise ValueError(f"{part[:40]!r} is not a day such as 2026-12-24") from None
    return frozenset(days)


def parse_region(text: str) -> str:
    region = text.strip().lower()
    if region not in REGIONS:
        raise ValueError(f"{text[:40]!r} is not a region of bank holidays: one of "
                         f"{', '.join(REGIONS)}")
    return region


@lru_cache(maxsize=64)
def bank_holidays(region: str, year: int) -> frozenset[date]:
    """The region's bank holidays in a year (substitute days included: Boxing Day 2026 on
    a Saturday is taken on Monday 28 December)."""
    subdivision = REGIONS[region]
    if not subdivision:
        return frozenset()
    import holidays  # the library's data loads once, when a planned window is first counted

    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


@dataclass(frozen=True)
class WorkingHours:
    """Working days and hours, in `zone`: Monday to Friday, `opens` to `closes`, except the
    region's bank holidays and the consortium's closure days."""

    opens: time = time(9)
    closes: time = time(17)
    region: str = "england"
    closure_days: frozenset[date] = frozenset()
    zone: ZoneInfo = UK_TIME

    @property
    def day_length(self) -> timedelta:
        return (datetime.combine(date.min, self.closes)
                - datetime.combine(date.min, self.opens))

    def is_working_day(self, day: date) -> bool:
        return (day.weekday() < 5 and day not in self.closure_days
                and day not in bank_holidays(self.region, day.year))

    def _hours_of(self, day: date) -> tuple[datetime, datetime]:
        return (datetime.combine(day, self.opens, self.zone),
                datetime.combine(day, self.closes, self.zone))

    def _working_days(self, first: date) -> list[date]:
        """Working days from `first` on, enough for any window (at most a year of them)."""
        days: list[date] = []
        day = first
        while len(days) < 400 and day < first + timedelta(days=800):
            if self.is_working_day(day):
                days.append(day)
            day += DAY
        return days

    def add(self, start: datetime, window: timedelta) -> datetime:
        """The moment `window` after `start` in working time: its whole days count working
        days (a day's hours each), the rest working hours."""
        return self.advance(start, window.days * self.day_length
                            + timedelta(seconds=window.seconds))

    def advance(self, start: datetime, working: timedelta) -> datetime:
        """The moment `working` time of working hours after `start`; never outside working
        hours: a moment at the end of a day's hours stays there, not the next opening."""
        local = start.astimezone(self.zone)
        for day in self._working_days(local.date()):
            opens, closes = self._hours_of(day)
            begin = max(opens, local)
            if begin >= closes:
                continue
            if begin + working <= closes:
                return (begin + working).astimezone(start.tzinfo)
            working -= closes - begin
        raise ValueError("no working days in the next two years: check BROKER_CLOSURE_DAYS")

    def next_opening(self, moment: datetime) -> datetime | None:
        """When working hours next begin after `moment` (in its zone), or None when `moment`
        is within them (a moment at the end of a day's hours is not: its next opening is
        the next working day's)."""
        opening = self.advance(moment, timedelta(0))
        return None if opening == moment else opening

    def on_a_working_day(self, moment: datetime) -> datetime:
        """The moment, or the same time of day on the next working day (EXTEND to a day
        that is a bank holiday or a closure day)."""
        local = moment.astimezone(self.zone)
        while not self.is_working_day(local.date()):
            local = datetime.combine(local.date() + DAY, local.timetz().replace(tzinfo=None),
                                     self.zone)
        return local.astimezone(moment.tzinfo)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The working time from `start` to `end` (nothing when `end` is not later)."""
        total = timedelta(0)
        local, until = start.astimezone(self.zone), end.astimezone(self.zone)
        day = local.date()
        while day <= until.date():
            if self.is_working_day(day):
                opens, closes = self._hours_of(day)
                begin, finish = max(opens, local), min(closes, until)
                if finish > begin:
                    total += finish - begin
            day += DAY
        return total


def counts_working_time(urgency: str, window: timedelta) -> bool:
    """Whether a window runs in working time: a planned referral's (`""` is planned) of whole
    days. An emergency or urgent referral's, or one of hours, runs on the clock."""
    return (urgency or "planned") == "planned" and window >= DAY and window % DAY == timedelta(0)

