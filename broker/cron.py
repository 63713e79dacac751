"""Cron schedules as operators write them, read with APScheduler 3's cron trigger.

APScheduler 3 numbers weekdays from Monday (0 = Monday) and `CronTrigger.from_crontab`
passes the weekday field through unchanged, so "0 9 * * 1" would fire on Tuesdays. A
crontab numbers them from Sunday (0 and 7 = Sunday, 1 = Monday). Here every numeric
weekday expression is written out as day names first, which both agree on.
"""

from __future__ import annotations

from apscheduler.triggers.cron import CronTrigger

NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def weekdays(field: str) -> str:
    """A crontab weekday field (`1`, `1-5`, `*/2`, `0,6`, `mon-fri`) as names."""
    if field == "*" or not any(ch.isdigit() for ch in field):
        return field
    days: list[str] = []
    for part in field.split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            low, high = span.split("-", 1)
            first, last = _number(low), _number(high)
        else:
            first = last = _number(span)
        for day in range(first, last + 1, int(step) if step else 1):
            days.append(NAMES[day % 7])
    return ",".join(dict.fromkeys(days))


def _number(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 7:
        return int(text)
    if text.lower()[:3] in NAMES:
        return NAMES.index(text.lower()[:3])
    raise ValueError(f"{text!r} is not a weekday (0-7 or mon-sun)")


def cron_trigger(schedule: str, timezone: str = "Europe/London") -> CronTrigger:
    """The trigger for a five-field crontab line; ValueError naming what is wrong."""
    fields = schedule.split()
    if len(fields) != 5:
        raise ValueError(f"wrong number of fields; got {len(fields)}, expected 5")
    minute, hour, day, month, weekday = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=weekdays(weekday), timezone=timezone)
