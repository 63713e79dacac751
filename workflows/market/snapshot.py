"""What the market's decisions look at and what they return, all frozen (as
workflows/snapshot.py is for referrals): `MarketWorld` (the facts from outside), one
snapshot per workflow, and `Decided` (the new snapshot, commands, answer and rule).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from workflows.commands import SendEmail
from workflows.market.states import AppState, Receiving, Routine, WindowState
from workflows.snapshot import Answer


@dataclass(frozen=True)
class MarketWorld:
    now: datetime
    today: date
    directory: Any  # broker.directory Directory, as stored now
    application_spec: Any
    describe_date: Callable[[date], str]
    providers_address: str  # providers@<mail domain>
    slack_channel: str = ""  # where applications go for approval; "" = by email
    team_channel: str = ""
    vacancy_return: str = ""  # cron schedule of the weekly vacancy return; "" = off
    reopening: bool = True  # False: no list's windows are planned (a test instance)


@dataclass(frozen=True)
class WindowRecord:
    id: int
    arrangement: str
    state: WindowState
    advertise_at: datetime
    opens_at: datetime
    closes_at: datetime
    reminders: tuple[datetime, ...] = ()

    def is_open_at(self, moment: datetime) -> bool:
        return (self.state != WindowState.CANCELLED
                and self.opens_at <= moment < self.closes_at)


@dataclass(frozen=True)
class WindowSnapshot:
    window: WindowRecord
    world: MarketWorld

    @property
    def state(self) -> WindowState:
        return self.window.state


@dataclass(frozen=True)
class ApplicationRecord:
    id: int
    reference: str
    state: AppState
    applicant: str
    created_at: datetime
    arrangement: str = ""
    subject: str = ""
    raw_fields: Mapping[str, str] = field(default_factory=dict)
    record: Mapping[str, Any] = field(default_factory=dict)  # the organisation and home
    establishment: str = ""
    outcome_reason: str = ""


@dataclass(frozen=True)
class Verdict:
    """One approver's decision on an application."""

    approver: str
    name: str
    decision: str  # approve | reject
    reason: str = ""


@dataclass(frozen=True)
class Pending:
    """Another application awaiting approval, as far as telling who claims a home needs."""

    reference: str
    applicant: str
    home: str
    urn: str = ""


@dataclass(frozen=True)
class ApplicationSnapshot:
    application: ApplicationRecord
    world: MarketWorld
    windows: tuple[WindowRecord, ...] = ()  # those open when it came, and the next ones
    verdicts: tuple[Verdict, ...] = ()
    pending: tuple[Pending, ...] = ()  # the other applications awaiting approval

    @property
    def state(self) -> AppState:
        return self.application.state

    @property
    def reference(self) -> str:
        return self.application.reference

    def with_application(self, **changes: Any) -> ApplicationSnapshot:
        return replace(self, application=replace(self.application, **changes))


@dataclass(frozen=True)
class Home:
    """An establishment as its provider last told us (for the provider's notices), and the
    placements team's pause, kept apart from its provider's: PAUSED while either stands."""

    key: str
    name: str
    receiving: Receiving = Receiving.RECEIVING
    pause_reason: str = ""  # its provider's own pause ("": none)
    vacancies: int | None = None  # last declared (None: never)
    capacity: int = 0  # places free now
    # Whose team pause it is: the key of the council whose officer set it, or
    # workflows/market/notices.py OPERATORS for the consortium's ("": not the team's).
    paused_by: str = ""
    team_pause: str = ""  # the placements team's reason, without BY_TEAM ("": no team pause)


@dataclass(frozen=True)
class ProviderSnapshot:
    """The sender of a provider's notices and the homes it speaks for."""

    sender: str
    world: MarketWorld
    homes: tuple[Home, ...] = ()

    @property
    def state(self) -> str:
        """Its homes' states, for the timeline (e.g. "larch-view paused")."""
        return "; ".join(f"{h.key} {h.receiving}" for h in self.homes) or "no homes"

    def home(self, key: str) -> Home | None:
        return next((h for h in self.homes if h.key == key), None)

    def with_home(self, home: Home) -> ProviderSnapshot:
        return replace(self, homes=tuple(home if h.key == home.key else h
                                         for h in self.homes))


@dataclass(frozen=True)
class ReturnSnapshot:
    """The weekly vacancy return: every active establishment, as it stands."""

    world: MarketWorld
    due_at: datetime
    homes: tuple[tuple[Any, str, int, str], ...] = ()  # (establishment, contact, free, paused)
    state: Routine = Routine.DUE


@dataclass(frozen=True)
class Decided:
    snapshot: Any
    commands: tuple[Any, ...]
    answer: Answer
    rule: str = ""


def accepted(snapshot: Any, commands: list[Any] | tuple[Any, ...], outcome: str, rule: str,
             message: str = "") -> Decided:
    return Decided(snapshot, tuple(commands), Answer(True, outcome, message), rule)


def declined(snapshot: Any, commands: list[Any] | tuple[Any, ...], outcome: str, rule: str,
             message: str, problems: tuple[Mapping[str, str], ...] = ()) -> Decided:
    """Nothing changes but what is said."""
    return Decided(snapshot, tuple(commands), Answer(False, outcome, message, problems), rule)


def email(world: MarketWorld, key: str, template: str, to: str, context: dict[str, Any],
          in_reply_to: str = "", establishment: str = "") -> SendEmail:
    """An email about the market: replies to it go to providers@ (answering a message,
    it goes on that message's thread)."""
    return SendEmail(key=key, template=template, to=to,
                     context={"providers_address": world.providers_address, **context},
                     reply_to=world.providers_address, in_reply_to=in_reply_to,
                     references=(in_reply_to,) if in_reply_to else (),
                     establishment=establishment)
