"""What can happen on the market side, as values (the referral's events are in
workflows/events.py, whose `Actor`, `Event` and `FormMessage` these share).

Each event carries what names its subject (an application's id or reference, a window's
id, the sender for a provider's notices), so the engine's runner finds the subject the
composition root registered for the event's type (`EngineParts.subjects`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from workflows.events import Event, FormMessage


class WindowDeadline(StrEnum):
    """The deadlines of a list's window (with its id and a sequence number, the row's key)."""

    ADVERT = "advert"  # the advert goes to the mailing list
    OPEN = "open"  # the window opens
    REMIND = "remind"  # a reminder before it closes (seq: which one)
    CLOSE = "close"  # the window closes


# --- applications --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ApplicationReceived(Event):
    """An application form to providers@, or a correction on an application's thread."""

    form: FormMessage
    application_id: int | None = None  # None: a new application


@dataclass(frozen=True, kw_only=True)
class ApplicationDecided(Event):
    """An approver's decision: `APPROVE APP-…` / `REJECT APP-… <reason>`, or a Slack button."""

    reference: str
    decision: str  # approve | reject
    reason: str = ""


# --- list windows and the weekly vacancy return --------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WindowDeadlineDue(Event):
    window_id: int
    kind: WindowDeadline
    seq: int = 0


@dataclass(frozen=True, kw_only=True)
class VacancyReturnDue(Event):
    """The weekly reminder asking every active establishment for its vacancies."""

    due_at: datetime


@dataclass(frozen=True, kw_only=True)
class SchedulesReviewed(Event):
    """At start-up: every list's coming windows planned (a changed schedule's windows
    that were not yet advertised are cancelled), and the next weekly vacancy return."""


# --- what providers tell us ----------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """One line of a provider's notice: `VACANCIES 2 Larch House`, `PAUSE Larch House:
    <reason>`, `RESUME`. `text` is the rest of the line: the home it names (if any) and,
    for PAUSE, the reason."""

    verb: str  # vacancies | pause | resume
    vacancies: int | None = None  # None with `vacancies`: the number was unreadable
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class NoticeGiven(Event):
    """One message's notices, from the sender (`actor`) about the homes it speaks for.
    `answering` is the establishment of our email it replies to, if any."""

    notices: tuple[Notice, ...]
    answering: str = ""
    form: FormMessage | None = None


@dataclass(frozen=True, kw_only=True)
class HomeSetByTeam(Event):
    """The placements team (`actor`: an operator or placements officer signed in to the
    console) pausing one home, with its reason, or resuming it: what the provider's own
    `PAUSE` / `RESUME` does, and the provider is told who did it. `council` is the
    officer's council (an authority key), `operator` says the consortium's operator acted;
    with neither, nothing is done."""

    establishment: str
    verb: str  # pause | resume
    reason: str = ""
    team: str = "the placements team"  # who the provider is told did it, in words
    contact: str = ""  # the address the provider is told to write to about it
    council: str = ""  # the placements officer's council's key
    operator: bool = False  # a consortium operator (may act on any home)
