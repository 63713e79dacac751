"""The subjects about the directory's homes: a provider's notices (vacancies, pauses), the
placements team pausing or resuming a home from the console, the weekly vacancy return, and
the start-up review of every list's schedule."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import Deadline, EstablishmentStatus, ListWindow, MarketEvent
from broker.directory.live import paused_by_team
from broker.directory.reopening import next_time
from workflows.events import Event
from workflows.market.apply import RETURN
from workflows.market.base import MarketSubject, nothing_to_lock
from workflows.market.commands import ScheduleReturn
from workflows.market.notices import (
    OPERATORS,
    decide_by_team,
    decide_notices,
    decide_return,
)
from workflows.market.snapshot import (
    Decided,
    Home,
    ProviderSnapshot,
    ReturnSnapshot,
    accepted,
)
from workflows.market.states import Receiving, Routine, WindowState
from workflows.market.subjects import window_record
from workflows.market.window import plan_windows
from workflows.permissions import speaks_for
from workflows.snapshot import Answer
from workflows.subjects import Handled


class ProviderSubject(MarketSubject):
    """A sender's notices about the homes it speaks for (their status rows locked)."""

    name = timeline = "provider"

    async def world(self, session: AsyncSession, event: Event) -> Any:
        return self.market.world(await self.market.engine.current_directory(session))

    def key_of(self, row: Any) -> str:
        return str(row.sender)

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Any:
        sender = event.actor.address.lower()
        directory = world.directory
        keys = [key for key in directory.establishments
                if speaks_for(directory, key, sender)]
        if keys:
            await insert_ignoring_duplicates(session, EstablishmentStatus, [{
                "establishment": key, "change_mark": 0, "paused": False, "pause_reason": "",
                "updated_by": ""} for key in keys])
        statuses = {s.establishment: s for s in (await session.execute(
            select(EstablishmentStatus).where(EstablishmentStatus.establishment.in_(keys))
            .with_for_update())).scalars()} if keys else {}
        return nothing_to_lock(sender=sender, keys=keys, statuses=statuses)

    async def load(self, session: AsyncSession, row: Any, event: Event,
                   world: Any) -> ProviderSnapshot:
        homes = tuple(home_of(key, world.directory.establishment(key), row.statuses.get(key))
                      for key in row.keys)
        return ProviderSnapshot(row.sender, world, homes)

    def decide(self, snapshot: ProviderSnapshot, event: Any) -> Decided:
        return decide_notices(snapshot, event)


class TeamHomeSubject(MarketSubject):
    """One home the placements team pauses or resumes from the console (its status row
    locked); its referral address is the one told."""

    name = "home-by-team"
    timeline = "establishment"

    async def world(self, session: AsyncSession, event: Event) -> Any:
        return self.market.world(await self.market.engine.current_directory(session))

    def key_of(self, row: Any) -> str:
        return str(row.key)

    async def missing(self, session: AsyncSession, event: Event) -> Handled:
        return Handled(Answer(False, "unknown", "There is no such home in the directory."))

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Any:
        key = str(getattr(event, "establishment", ""))
        if world.directory.establishment(key) is None:
            return None
        await insert_ignoring_duplicates(session, EstablishmentStatus, [{
            "establishment": key, "change_mark": 0, "paused": False, "pause_reason": "",
            "updated_by": ""}])
        status = (await session.execute(select(EstablishmentStatus).where(
            EstablishmentStatus.establishment == key).with_for_update())).scalars().one()
        return nothing_to_lock(key=key, status=status)

    async def load(self, session: AsyncSession, row: Any, event: Event,
                   world: Any) -> ProviderSnapshot:
        establishment, status = world.directory.establishment(row.key), row.status
        home = home_of(row.key, establishment, status)
        if home.team_pause:
            home = replace(home, paused_by=await pause_owner(session, row.key,
                                                             world.directory))
        return ProviderSnapshot(establishment.primary_contact, world, (home,))

    def decide(self, snapshot: ProviderSnapshot, event: Any) -> Decided:
        return decide_by_team(snapshot, event)


def home_of(key: str, establishment: Any, status: EstablishmentStatus | None) -> Home:
    """A home as its status row holds it: its provider's pause and the placements team's
    apart (rule `two-pauses`), PAUSED while either stands."""
    own = (status.pause_reason or "no reason given") if status and status.paused else ""
    team = (status.team_pause_reason or "no reason given") \
        if status and status.team_paused else ""
    return Home(key, establishment.name,
                Receiving.PAUSED if own or team else Receiving.RECEIVING, own,
                status.vacancies if status else None, establishment.capacity,
                team_pause=team)


async def pause_owner(session: AsyncSession, key: str, directory: Any) -> str:
    """Whose team pause the home's is (`Home.paused_by`): the council its newest team pause
    recorded, or, for a pause recorded before that was, the council of the address that
    made it (an operator's has none: OPERATORS). A provider's own pause (its reason without
    `BY_TEAM`) is not the team's, though it came after."""
    rows = (await session.execute(select(MarketEvent.data).where(
        MarketEvent.subject == "establishment", MarketEvent.subject_key == key,
        MarketEvent.kind == "paused").order_by(MarketEvent.id.desc()))).scalars()
    data = next((d for d in rows if isinstance(d, dict)
                 and paused_by_team(str(d.get("reason", "")))), {})
    if data.get("council"):
        return str(data["council"])
    authority = directory.authority_for_sender(str(data.get("by", "")))
    return authority.key if authority is not None else OPERATORS


class ReturnSubject(MarketSubject):
    """The weekly vacancy return (its deadline's claim makes it once)."""

    name = timeline = "vacancy-return"

    async def world(self, session: AsyncSession, event: Event) -> Any:
        return self.market.world(await self.market.engine.current_directory(session))

    def key_of(self, row: Any) -> str:
        return f"{row.due_at:%Y%m%d%H%M}"

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Any:
        return nothing_to_lock(due_at=event.due_at, state=Routine.DUE)

    async def load(self, session: AsyncSession, row: Any, event: Event,
                   world: Any) -> ReturnSnapshot:
        homes = tuple((e, e.primary_contact, e.capacity, e.paused)
                      for e in world.directory.establishments.values() if e.status == "active")
        return ReturnSnapshot(world, row.due_at, homes)

    def decide(self, snapshot: ReturnSnapshot, event: Any) -> Decided:
        return decide_return(snapshot, event)


class ScheduleSubject(MarketSubject):
    """At start-up: every list's coming windows, and the next vacancy return."""

    name = timeline = "schedules"

    def key_of(self, row: Any) -> str:
        return "schedules"

    async def open(self, session: AsyncSession, subject_id: Any, event: Event,
                   world: Any) -> Any:
        return nothing_to_lock(state=Routine.REVIEWED)

    async def load(self, session: AsyncSession, row: Any, event: Event, world: Any) -> Any:
        planned = (await session.execute(select(ListWindow).where(
            ListWindow.state == str(WindowState.SCHEDULED)))).scalars()
        returns = (await session.execute(select(Deadline.due_at).where(
            Deadline.subject == RETURN, Deadline.status == "pending"))).scalars()
        return nothing_to_lock(state=Routine.REVIEWED, world=world,
                               planned=tuple(map(window_record, planned)),
                               returns=tuple(returns))

    def decide(self, snapshot: Any, event: Any) -> Decided:
        world = snapshot.world
        lists = world.directory.arrangements.values() if world.reopening else ()
        commands = plan_windows(lists, snapshot.planned, world.now)
        following = next_time(world.vacancy_return, world.now) if world.vacancy_return else None
        if following is not None and following not in snapshot.returns:
            commands.append(ScheduleReturn(following))
        return accepted(snapshot, commands, "schedules-reviewed", "start-up-review",
                        f"{len(commands)} schedule change(s) planned.")


