"""What the market's workflows are handed by the composition root, and how they are
registered with the engine (event types → subjects, deadline subjects → handlers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from workflows.market.events import (
    ApplicationDecided,
    ApplicationReceived,
    HomeSetByTeam,
    NoticeGiven,
    SchedulesReviewed,
    VacancyReturnDue,
    WindowDeadline,
    WindowDeadlineDue,
)
from workflows.market.snapshot import MarketWorld


@dataclass
class MarketParts:
    engine: Any  # workflows.parts.EngineParts: sessions, clock, directory, renderers
    application_spec: Any
    vacancy_spec: Any
    vacancy_return: str = ""  # cron schedule of the weekly vacancy return; "" = off
    slack_channel: str = ""  # where applications go for approval; "" = by email
    reopening: bool = True  # plan the lists' windows (off: a test or training instance)

    @property
    def providers_address(self) -> str:
        return f"providers@{self.engine.mail_domain}"

    def world(self, directory: Any = None) -> MarketWorld:
        parts = self.engine
        return MarketWorld(
            now=parts.clock.now(), today=parts.today(),
            directory=directory or parts.directory, application_spec=self.application_spec,
            describe_date=parts.describe_date, providers_address=self.providers_address,
            slack_channel=self.slack_channel if parts.render_slack else "",
            team_channel=parts.team_channel, vacancy_return=self.vacancy_return,
            reopening=self.reopening)


def register(parts: Any, market: MarketParts) -> None:
    """The market's subjects for their events, and its deadlines' handlers."""
    from workflows.market.homes import (
        ProviderSubject,
        ReturnSubject,
        ScheduleSubject,
        TeamHomeSubject,
    )
    from workflows.market.subjects import ApplicationSubject, WindowSubject

    parts.subjects.update({
        ApplicationReceived: ApplicationSubject(market),
        ApplicationDecided: ApplicationSubject(market),
        NoticeGiven: ProviderSubject(market), HomeSetByTeam: TeamHomeSubject(market),
        WindowDeadlineDue: WindowSubject(market),
        VacancyReturnDue: ReturnSubject(market), SchedulesReviewed: ScheduleSubject(market)})
    parts.deadline_handlers.update({"list-window": window_deadline,
                                    "vacancy-return": return_deadline})


async def window_deadline(engine: Any, session: AsyncSession, row: Any) -> Any:
    event = WindowDeadlineDue(window_id=row.subject_id, kind=WindowDeadline(row.kind),
                              seq=row.seq, key=f"deadline:{row.id}")
    return await engine.handle_in(session, row.subject_id, event)


async def return_deadline(engine: Any, session: AsyncSession, row: Any) -> Any:
    return await engine.handle_in(session, None, VacancyReturnDue(due_at=row.due_at,
                                                                  key=f"deadline:{row.id}"))
