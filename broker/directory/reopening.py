"""Lists that reopen: reading an arrangement's `reopening:` block, and when its windows fall.

An approved list or DPS takes applications from new providers in windows that recur on a
schedule (regional lists reopen "at a minimum a six monthly basis", advertised 30 days
before). The format, in `arrangements.yaml`, for commissioners editing it by hand::

    northern-residential-list:
      ...
      reopening:
        schedule: "0 9 1 1,7 *"        # cron, UK time: the window opens at 09:00 on 1 January
                                       # and 1 July (minute hour day month weekday)
        open_for: 30d                  # how long each window stays open
        advertise: 30d                 # the advert goes out this long before it opens
        reminders: [7d, 1d]            # reminders this long before it closes (optional)
        mailing_list: [tenders@provider.example]   # prospective providers
        approvers: [commissioning@brackenridge.gov.example, hannah.lees@brackenridge.gov.example]
        approvals_needed: 2            # optional, default 1: approvals an application needs

Only an approved list, a DPS or a framework reopens. APScheduler's cron trigger reads the
schedule, so `broker config check` and the service agree on every date; a schedule whose
windows would overlap (open longer than the gap between two openings) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.triggers.cron import CronTrigger

from broker.clock import UK_TIME as LOCAL
from broker.cron import cron_trigger
from broker.directory.located import LocatedDict
from broker.directory.model import Reopening
from broker.directory.schema import Invalid, email, list_of, whole_number
from broker.settings import parse_duration

REOPENING_KINDS = ("approved-list", "dps", "framework")
KEYS = ("schedule", "open_for", "advertise", "reminders", "mailing_list", "approvers",
        "approvals_needed")
REQUIRED = ("schedule", "open_for", "mailing_list", "approvers")
DEFAULT_ADVERTISE = timedelta(days=30)


def trigger(schedule: str) -> CronTrigger:
    """The cron trigger for a schedule (broker/cron.py); ValueError naming what is wrong."""
    return cron_trigger(schedule)


def read_reopening(value: Any) -> Reopening | None:
    """The `reopening:` block of an arrangement (None when there is none); Invalid lists
    every problem, each at its own line."""
    if value is None:
        return None
    if not isinstance(value, LocatedDict):
        raise Invalid("should be a mapping with schedule, open_for, mailing_list and approvers")
    invalid = Invalid()
    for key in value:
        if key not in KEYS:
            invalid.problems.append((f"unknown key '{key}'; expected one of: {', '.join(KEYS)}",
                                     value.line_of(key)))
    for key in REQUIRED:
        if key not in value:
            invalid.problems.append((f"missing '{key}'", value.line))
    read: dict[str, Any] = {}
    for key, check in _CHECKS.items():
        if key in value:
            try:
                read[key] = check(value[key])
            except Invalid as error:
                invalid.problems += [(f"{key}: {m}", line or value.line_of(key))
                                     for m, line in error.problems]
    if invalid.problems:
        raise invalid
    return _checked(read, value)


def _schedule(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str | int) else ""
    try:
        trigger(text)
    except ValueError as error:
        raise Invalid(f"{text!r} is not a cron schedule such as \"0 9 1 1,7 *\" "
                      f"(minute hour day month weekday): {error}") from None
    return text


def _duration(value: Any) -> timedelta:
    try:
        return parse_duration(str(value))
    except ValueError as error:
        raise Invalid(str(error)) from None


_CHECKS = {
    "schedule": _schedule,
    "open_for": _duration,
    "advertise": _duration,
    "reminders": list_of(_duration),
    "mailing_list": list_of(email, non_empty=True),
    "approvers": list_of(email, non_empty=True),
    "approvals_needed": whole_number(1, 10),
}


def _checked(read: dict[str, Any], value: LocatedDict) -> Reopening:
    reopening = Reopening(
        schedule=read["schedule"], open_for=read["open_for"],
        advertise=read.get("advertise", DEFAULT_ADVERTISE),
        reminders=tuple(sorted(read.get("reminders", []), reverse=True)),
        mailing_list=tuple(read["mailing_list"]), approvers=tuple(read["approvers"]),
        approvals_needed=read.get("approvals_needed", 1))
    invalid = Invalid()
    if reopening.approvals_needed > len(reopening.approvers):
        invalid.problems.append((f"approvals_needed {reopening.approvals_needed} is more than "
                                 f"the {len(reopening.approvers)} approver(s) listed",
                                 value.line_of("approvals_needed")))
    for reminder in reopening.reminders:
        if reminder >= reopening.open_for:
            invalid.problems.append(("a reminder before the close must be shorter than "
                                     "open_for", value.line_of("reminders")))
    gap = _shortest_gap(reopening.schedule)
    if gap is not None and gap < reopening.open_for:
        invalid.problems.append((f"windows would overlap: they open as little as {gap.days} "
                                 "day(s) apart but stay open for "
                                 f"{reopening.open_for.days} day(s)", value.line_of("open_for")))
    if invalid.problems:
        raise invalid
    return reopening


def _shortest_gap(schedule: str, samples: int = 24) -> timedelta | None:
    """The shortest time between two openings over the next `samples` of them."""
    moments = _openings(schedule, datetime(2026, 1, 1, tzinfo=LOCAL), samples)
    gaps = [b - a for a, b in zip(moments, moments[1:], strict=False)]
    return min(gaps) if gaps else None


def _openings(schedule: str, after: datetime, count: int) -> list[datetime]:
    """The first `count` openings at or after `after`."""
    cron, found = trigger(schedule), list[datetime]()
    moment = cron.get_next_fire_time(None, after)
    while moment is not None and len(found) < count:
        found.append(moment)
        moment = cron.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return found


@dataclass(frozen=True)
class WindowPlan:
    """One window of a list, in UTC: when the advert goes out, when it opens and closes,
    and when the reminders go."""

    opens_at: datetime
    closes_at: datetime
    advertise_at: datetime
    reminders: tuple[datetime, ...]


def windows_after(reopening: Reopening, now: datetime, count: int = 2) -> list[WindowPlan]:
    """The next `count` windows that have not closed by `now`, the one open now first."""
    since = now - reopening.open_for + timedelta(seconds=1)
    return [_plan(reopening, moment) for moment in _openings(reopening.schedule, since, count)]


def _plan(reopening: Reopening, moment: datetime) -> WindowPlan:
    opens = moment.astimezone(UTC)
    closes = opens + reopening.open_for
    return WindowPlan(opens, closes, opens - reopening.advertise,
                      tuple(closes - before for before in reopening.reminders))


def next_time(schedule: str, after: datetime) -> datetime | None:
    """The schedule's first moment strictly after `after`, in UTC (the weekly vacancy
    return uses the same cron schedules)."""
    moments = _openings(schedule, after + timedelta(seconds=1), 1)
    return moments[0].astimezone(UTC) if moments else None
