"""Time, injected: the service asks a clock; tests freeze and advance one. And a moment in
UK time in words, as people are told it ("6:52am on Thursday 10 December")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

#: England's time, in which people read and write every date and deadline.
UK_TIME = ZoneInfo("Europe/London")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, always timezone-aware UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until told to move."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware datetime")
        self._at = at

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta

    def set(self, at: datetime) -> None:
        self._at = at


def uk_clock(moment: datetime) -> tuple[datetime, str]:
    """The moment in UK time, and its time of day as `5:00pm`, `midday` or `midnight`."""
    local = moment.astimezone(UK_TIME)
    if (local.hour, local.minute) == (0, 0):
        return local, "midnight"
    if (local.hour, local.minute) == (12, 0):
        return local, "midday"
    return local, local.strftime("%I:%M%p").lstrip("0").lower()


def uk_words(moment: datetime, now: datetime) -> str:
    """`6:52am on Thursday 10 December` in UK time (with the year when it is not `now`'s);
    midnight as the end of the day it ends (`midnight at the end of Wednesday 9 December`),
    never `12:00am on Thursday`, which readers take for the start of the Thursday."""
    local, clock = uk_clock(moment)
    if clock == "midnight":
        local -= timedelta(days=1)
    words = f"{local.strftime('%A')} {local.day} {local.strftime('%B')}"
    if local.year != now.astimezone(UK_TIME).year:
        words += f" {local.year}"
    return f"midnight at the end of {words}" if clock == "midnight" else f"{clock} on {words}"
