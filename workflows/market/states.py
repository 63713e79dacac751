"""The market's states: the one place their names are spelled (as workflows/states.py is
for referrals). Each is a `StrEnum`, stored in the database as its plain name."""

from __future__ import annotations

from enum import StrEnum


class AppState(StrEnum):
    """A provider's application for one establishment to join a list."""

    NEW = "new"  # being created: no decision made yet
    INCOMPLETE = "incomplete"  # waiting for the applicant's corrections
    AWAITING_APPROVAL = "awaiting-approval"  # complete; with the list's approvers
    APPROVED = "approved"  # the establishment has joined the directory
    REJECTED = "rejected"  # an approver rejected it, with a reason
    NOT_OPEN = "not-open"  # it came while the list was not taking applications


class WindowState(StrEnum):
    """One window of a list that reopens."""

    SCHEDULED = "scheduled"  # planned from the schedule; nothing sent yet
    ADVERTISED = "advertised"  # the advert has gone to the mailing list
    OPEN = "open"  # taking applications
    CLOSED = "closed"  # the window has ended
    CANCELLED = "cancelled"  # the schedule changed before anything was sent


class Receiving(StrEnum):
    """An establishment as its provider last told us: receiving referrals, or paused."""

    RECEIVING = "receiving"
    PAUSED = "paused"


class Routine(StrEnum):
    """The service's own routines (the weekly vacancy return, the start-up review of the
    schedules): nothing to remember between runs but that they ran."""

    DUE = "due"
    REVIEWED = "reviewed"


APP_FINAL = frozenset({AppState.APPROVED, AppState.REJECTED, AppState.NOT_OPEN})

APP_IN_WORDS = {
    AppState.NEW: "being created",
    AppState.INCOMPLETE: "waiting for corrections to the form",
    AppState.AWAITING_APPROVAL: "with the list's approvers for a decision",
    AppState.APPROVED: "approved: the establishment has joined the list",
    AppState.REJECTED: "rejected",
    AppState.NOT_OPEN: "not considered: the list was not taking applications when it came",
}
