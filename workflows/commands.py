"""Side effects as values: what a decision asks the engine to do.

A decide function returns these; only the engine carries them out (workflows/apply.py), in
the same transaction as the new state, so a crash loses none and a replay repeats none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workflows.events import DeadlineKind


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
    # the key of our earlier email this one continues (a home's referral email): without
    # in_reply_to, its Message-ID is In-Reply-To and References, so mail clients keep one
    # conversation
    follows: str = ""
    establishment: str = ""  # the establishment a provider email is about (reply routing)
    # the council it is sent for: the sender's display name is "<council> via <service>"
    # (workflows/provider_head.py), the address unchanged
    on_behalf_of: str = ""
    # an answer to mail whose From was proved: counted apart from answers to mail nothing
    # proved (workflows/answer_limits.py), so no stranger's flood can use its budget up
    proved: bool = False


@dataclass(frozen=True)
class SetDeadline:
    """A deadline for the referral, keyed by kind, wave and sequence (a key already set is
    left as it is)."""

    kind: DeadlineKind
    due_at: datetime
    wave: int = 0
    seq: int = 0
    subject: str = "referral"  # or "retention": the referral's purge (workflows/retention.py)


@dataclass(frozen=True)
class PostSlack:
    """A Slack message from `channels.slack.blocks.render(template, context)`; with
    `update_of`, the earlier message posted under that key is updated in place; with
    `thread_of`, this one is posted as a reply in that earlier message's thread."""

    key: str
    template: str
    channel: str
    context: dict[str, Any]
    update_of: str = ""
    thread_of: str = ""

    def outbox_row(self) -> dict[str, str]:
        """The `slack_outbox` row's `method` and `update_of`: a thread reply is a
        `chat.postMessage` whose `update_of` names the message it answers, which the
        sender reads as "post in its thread" (channels/slack/sender.py)."""
        return {"method": "chat.update" if self.update_of else "chat.postMessage",
                "update_of": self.update_of or self.thread_of}


@dataclass(frozen=True)
class MoveDeadlines:
    """Reschedule pending deadlines of one wave: (kind, seq, new due time); one not yet
    scheduled is added."""

    wave: int
    moves: tuple[tuple[DeadlineKind, int, datetime], ...]
    # a window reopened (rule extend-reopens-an-empty-close): its close, fired or cancelled
    # when it closed, is set again as a new deadline
    reopen: bool = False


@dataclass(frozen=True)
class CancelDeadlines:
    """Cancel the referral's pending deadlines: those of one wave, or all (wave None)."""

    wave: int | None = None


@dataclass(frozen=True)
class RecordEvent:
    """A timeline entry. `data` must never hold a child's identifying details."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordMatch:
    """Who a wave went to (broker.eligibility Eligible, tier), who was excluded and by which
    rule, and who waits for a later wave (Eligible, tier, why). A later wave updates the
    records of those not yet sent; a record of one sent never changes."""

    wave: int
    eligible: tuple[tuple[Any, str], ...]
    excluded: tuple[Any, ...] = ()
    waiting: tuple[tuple[Any, str, str], ...] = ()


@dataclass(frozen=True)
class RecordResponse:
    """An establishment's reply read into the response form's fields; it becomes the current
    response, and the one before it (if any) is kept as superseded."""

    establishment: str
    sender: str
    inbound_id: int | None
    decision: str
    raw_fields: dict[str, str]
    fields: dict[str, Any]
    missing: tuple[str, ...]
    late: bool
    supersedes: bool = True  # False: the decision saw no current response to supersede
    sent_at: datetime | None = None  # when the reply was written (its Date), if known
    current: bool = True  # False: an answer written before the current one, kept as history


@dataclass(frozen=True)
class RecordApproval:
    round: int
    approver: str
    approver_name: str
    decision: str
    reason: str
    channel: str
    account: str = ""  # by Slack: the person's `T…/U…` ids


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


@dataclass(frozen=True)
class RecordChildKeys:
    """Keyed digests of the child's identifiers (workflows/duplicates.py), so a later
    referral of the same child is recognised without storing the identifiers again."""

    digests: tuple[str, ...]


@dataclass(frozen=True)
class IssueDocument:
    """A document with the child's details (the IPA), kept to be served through signed,
    expiring links to `subjects` (establishment keys or addresses), each access logged."""

    kind: str
    context: dict[str, Any]
    subjects: tuple[str, ...]
    expires_at: datetime


Command = (SendEmail | PostSlack | SetDeadline | MoveDeadlines | CancelDeadlines | RecordEvent
           | RecordMatch | RecordResponse | RecordApproval | GrantPapers | RevokePapers
           | RecordFeeRound | ChangeCapacity | RecordChildKeys | IssueDocument)
