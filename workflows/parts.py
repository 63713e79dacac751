"""What the engine and its handlers are handed by the composition root (nothing global)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.clock import Clock
from broker.tokens import reply_address
from workflows.apply import Renderer
from workflows.window import chase_times

LOCAL = ZoneInfo("Europe/London")


@dataclass
class EngineParts:
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    directory: Any
    referral_spec: Any
    response_spec: Any
    secret: bytes
    mail_domain: str
    window_for: Callable[[str], timedelta]
    render: Renderer
    chaser_specs: list[str] = field(default_factory=lambda: ["50%", "1h"])
    on_emails_queued: Callable[[], None] = lambda: None
    on_deadline_set: Callable[[], None] = lambda: None

    def today(self) -> date:
        return self.clock.now().astimezone(LOCAL).date()

    def reply_address(self, referral_id: int, establishment: str) -> str:
        return reply_address(self.secret, referral_id, establishment, self.mail_domain)

    def chase_times(self, start: datetime, end: datetime) -> list[datetime]:
        return chase_times(self.chaser_specs, start, end)

    def describe_date(self, day: date) -> str:
        """`1 December` this year, `1 December 2027` otherwise."""
        text = f"{day.day} {day.strftime('%B')}"
        return text if day.year == self.today().year else f"{text} {day.year}"
