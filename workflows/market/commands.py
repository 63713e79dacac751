"""The market's side effects as values (workflows/commands.py holds the shared ones, such as
`SendEmail` and `PostSlack`); workflows/market/apply.py carries them out in the decision's
transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from broker.directory.model import Establishment, Organisation
from broker.directory.reopening import WindowPlan


@dataclass(frozen=True)
class RecordMarketEvent:
    """A timeline entry about an application (APP-…), a window (its id) or an establishment."""

    subject: str  # application | list-window | establishment
    key: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleWindow:
    """A window of `arrangement`'s schedule, with its deadlines (one already planned is left
    as it is: two processes planning at once plan it once)."""

    arrangement: str
    plan: WindowPlan


@dataclass(frozen=True)
class CancelWindow:
    """A planned window no longer in the schedule (nothing of it was sent yet)."""

    window_id: int


@dataclass(frozen=True)
class ScheduleReturn:
    """The next weekly vacancy return."""

    due_at: datetime


@dataclass(frozen=True)
class SetHomeStatus:
    """What a provider told us about one establishment: vacancies (None: unchanged) and
    whether it is paused (None: unchanged); with `team`, the placements team's pause, kept
    apart from the provider's own."""

    establishment: str
    by: str
    vacancies: int | None = None
    paused: bool | None = None
    reason: str = ""
    team: bool = False


@dataclass(frozen=True)
class RecordVerdict:
    """An approver's decision on the application being decided."""

    approver: str
    name: str
    decision: str
    reason: str
    channel: str


@dataclass(frozen=True)
class Admit:
    """The approved application's establishment joins the directory (with its
    organisation when that is new)."""

    establishment: Establishment
    organisation: Organisation | None = None


MarketCommand = (RecordMarketEvent | ScheduleWindow | CancelWindow | ScheduleReturn
                 | SetHomeStatus | RecordVerdict | Admit)
