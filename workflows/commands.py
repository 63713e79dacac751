"""Side effects as values: what a decision asks the engine to do (design.md, practice 3).

A decide function returns these; only the engine (workflows/engine.py) carries them out, in
the same transaction as the new state, so a crash loses none and a replay repeats none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SendEmail:
    """Render `templates/email/<template>.txt.j2` (+ `.html.j2` if present) and queue it.

    `key` is the email's stable identity: the outbox holds one row per key, so the same
    decision replayed never sends twice.
    """

    key: str
    template: str
    to: str
    context: dict[str, Any]
    reply_to: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    thread: bool = False  # remember its Message-ID as part of the referral's thread
    establishment: str = ""  # the establishment a provider email is about (reply routing)


@dataclass(frozen=True)
class SetDeadline:
    kind: str
    due_at: datetime


@dataclass(frozen=True)
class PostSlack:
    """A Slack message from `channels.slack.blocks.render(template, context)`; with
    `update_of`, the earlier message posted under that key is updated in place."""

    key: str
    template: str
    channel: str
    context: dict[str, Any]
    update_of: str = ""


@dataclass(frozen=True)
class MoveDeadlines:
    """Reschedule a referral's pending deadlines: (kind, new due time); a kind not yet
    scheduled is added."""

    moves: tuple[tuple[str, datetime], ...]


@dataclass(frozen=True)
class RecordEvent:
    """A timeline entry. `data` must never hold a child's identifying details."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordMatch:
    """Every establishment's eligibility decision, with the rule that excluded it."""

    eligible: tuple[Any, ...]
    excluded: tuple[Any, ...]


@dataclass(frozen=True)
class RecordApproval:
    round: int
    approver: str
    approver_name: str
    decision: str
    reason: str
    channel: str


@dataclass(frozen=True)
class GrantPapers:
    establishment: str
    expires_at: datetime


@dataclass(frozen=True)
class RevokePapers:
    establishment: str


@dataclass(frozen=True)
class RecordFeeRound:
    establishment: str
    round: int
    by: str  # provider | authority
    weekly_fee: str
    status: str = "proposed"  # proposed | agreed


@dataclass(frozen=True)
class ChangeCapacity:
    establishment: str
    delta: int


Command = (SendEmail | PostSlack | SetDeadline | MoveDeadlines | RecordEvent | RecordMatch
           | RecordApproval | GrantPapers | RevokePapers | RecordFeeRound | ChangeCapacity)


class IllegalTransition(Exception):
    """A workflow was asked to do something its state does not allow."""

    def __init__(self, state: str, event: str) -> None:
        super().__init__(f"no transition from {state!r} on {event!r}")
        self.state = state
        self.event = event
