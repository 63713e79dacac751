"""What the market's subjects share (workflows/subjects.py describes a subject): the world
they decide in, the timeline entry for each decision, and carrying out its commands."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Application, MarketEvent
from workflows.apply import Applied
from workflows.events import Event, describe
from workflows.market.apply import apply_market
from workflows.market.parts import MarketParts
from workflows.market.snapshot import Decided
from workflows.snapshot import Answer
from workflows.subjects import Handled


class MarketSubject:
    """What every market subject shares: the world, the timeline entry, applying."""

    name = "market"
    timeline = "market"

    def __init__(self, market: MarketParts) -> None:
        self.market = market

    async def world(self, session: AsyncSession, event: Event) -> Any:
        return self.market.world(await self.market.engine.refresh_directory(session))

    async def missing(self, session: AsyncSession, event: Event) -> Handled:
        return Handled(Answer(False, "unknown", "There is nothing by that name."))

    def key_of(self, row: Any) -> str:
        return str(getattr(row, "reference", None) or getattr(row, "id", ""))

    async def store(self, session: AsyncSession, row: Any, before: Any, decision: Decided,
                    event: Event, now: datetime) -> None:
        session.add(MarketEvent(subject=self.timeline, subject_key=self.key_of(row), at=now,
                                kind="decision", data={
                                    **describe(event), "from": str(before.state),
                                    "to": str(decision.snapshot.state),
                                    "outcome": decision.answer.outcome, "rule": decision.rule,
                                    "accepted": decision.answer.accepted}))

    async def apply(self, session: AsyncSession, row: Any, decision: Decided) -> Applied:
        return await apply_market(session, self.market.engine, decision.commands,
                                  application_id=getattr(row, "id", None)
                                  if isinstance(row, Application) else None)

    def handled(self, row: Any, decision: Decided, applied: Applied) -> Handled:
        return Handled(decision.answer, None, self.key_of(row), applied)


def nothing_to_lock(**values: Any) -> Any:
    """A subject with no row of its own (the deadline's claim already made it once)."""
    return SimpleNamespace(**values)
