"""What can happen to a referral, as values: who acted (`Actor`) and what they did (events).

Every channel turns what it received into one of these and hands it to the engine's one
entry, `Engine.handle(referral_id, event)`: an email is classified (workflows/classify.py),
a Slack click or a web form is translated by its adapter, the scheduler fires a
`DeadlineDue`, the command line acts as the operator. The lifecycle table
(workflows/lifecycle.py) says which events each state accepts.

Each event carries a `key`: stable for the thing that caused it (the inbound message, the
Slack action, the web form post), so a replay decides the same and sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any


class DeadlineKind(StrEnum):
    """What a deadline row is for; with its wave and sequence number it is the row's key."""

    CHASE = "chase"  # a reminder to the establishments of a wave that have not answered
    CLOSE = "close"  # a wave's response window ends
    APPROVAL_EXPIRY = "approval-expiry"  # a shortlist round's approval request lapses
    APPROVAL_REMINDER = "approval-reminder"  # commissioners yet to decide are reminded
    REVIEW_EXPIRY = "review-expiry"  # a held referral has waited its review time-out
    RETENTION = "retention"  # the children's details of an ended referral are purged
    LAPSE = "lapse"  # a referral never sent has had no form or correction for too long


@dataclass(frozen=True)
class Actor:
    """Who caused an event. `address` is a bare lower-case email address (Slack users and
    signed-in staff are resolved to theirs); the service itself has none."""

    address: str = ""
    name: str = ""
    channel: str = "email"  # email | slack | web | scheduler | cli
    authenticated: bool = True  # the channel vouches for the address (signature, sign-in)
    # By email: the From was proved, but the message was sent to someone else, not to the
    # service (a copy forwarded on), so it is not authenticated as an instruction.
    sent_elsewhere: bool = False
    # By email: the From was proved, but nothing shows the message was sent to the service
    # (a mail system that does not sign the To, and no subject code): the instruction's
    # line as written, which its sender is asked to confirm (workflows/confirm.py).
    to_confirm: str = ""
    # By email through a provider's private way in (its r+ reply address, or the thread of
    # one of our emails to it): the establishment that way belongs to. Whoever holds it
    # speaks for that establishment only, not for any other home nor for a council.
    vouched_for: str = ""
    message_id: str = ""  # by email: the email it came in, which an answer replies to
    # By Slack: the person's Slack ids, `T…/U…`, kept with their decision for the record
    account: str = ""


SERVICE = Actor(name="the service", channel="scheduler")


@dataclass(frozen=True, kw_only=True)
class Event:
    actor: Actor = SERVICE
    key: str = ""  # stable per cause: a replay repeats nothing
    # by email: the referral form's labelled lines the instruction's email gave too (field →
    # value), not acted on with it; its answer names them (workflows/one_thing.py)
    lines_too: Mapping[str, str] = field(default_factory=dict)


# --- intake and the response window ------------------------------------------------------


@dataclass(frozen=True)
class FormMessage:
    """One email carrying (part of) a referral form, already read."""

    sender: str
    subject: str
    message_id: str
    fields: Mapping[str, str]
    conflicts: tuple[str, ...] = ()
    attachment_problems: tuple[str, ...] = ()
    sent_on: date | None = None
    text: str = ""  # the body as read (new text only, on a thread)
    unread_lines: tuple[str, ...] = ()  # `Label: value` lines no field of the form took
    conflicting: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # their values
    set_aside: Mapping[str, str] = field(default_factory=dict)  # field → another person's heading
    attachments: tuple[str, ...] = ()  # beside the form, not read as it: named to the sender
    # a required field of choices left blank, read from the note around the form: said in
    # the acknowledgement ("Urgency: emergency (from your note)")
    from_note: Mapping[str, str] = field(default_factory=dict)
    sender_name: str = ""  # the From's display name ("Northby EDT"), as the sender gave it
    # the addresses its To and Cc name: a provider's among them had her full form, before it
    # was anonymised (workflows/copied_in.py, rule `provider-copied-in`)
    copied_to: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FormReceived(Event):
    """A referral form, or a correction or more information on a referral's thread."""

    form: FormMessage
    # the commissioner whose QUESTION this message replies to (the email putting it to the
    # social worker), "" for any other: the answer is passed on (workflows/placement.py)
    question_from: str = ""


@dataclass(frozen=True)
class Reply:
    """One reply from a provider's inbox, read for its new text with the response form."""

    sender: str
    subject: str
    message_id: str
    fields: Mapping[str, str]
    body_text: str
    sent_on: date
    auto_submitted: bool = False
    conflicts: tuple[str, ...] = ()  # fields given twice, differently (two homes' forms)
    sent_at: datetime | None = None  # its Date header, when it has one: the order written
    # Attached files we could not read, in a reply with no field of the form ("'response.pdf'
    # (a PDF)"): the home is told its answer there was not read (rule `attachment-unread`)
    unread_files: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReplyReceived(Event):
    """A provider's reply about one establishment (named by its signed reply address)."""

    establishment: str
    reply: Reply
    inbound_id: int | None = None
    # The key of our fee proposal to the home that this reply answers (its In-Reply-To), ""
    # when it answers none: an "Agreed" counts for that proposal only (workflows/agreement.py)
    answers: str = ""
    # Each of our references the reply's new text names → the subject of our referral email
    # about it to this establishment ("" when we sent it none): a reply naming another
    # referral than its thread's is answered with where to send it (workflows/wrong_thread.py)
    named: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class WindowExtended(Event):
    """`EXTEND 24h`: the open wave's window ends later (None: the duration was unreadable).
    `wave`: the wave the page that asked showed, or the email it replied to was about (None:
    an email replying to none about a wave, the one open now)."""

    by: timedelta | None
    wave: int | None = None
    until: date | None = None  # `EXTEND to Friday`: the day the window is to close on instead
    said: str = ""  # `EXTEND by a week please`: its words, when neither was read from them


@dataclass(frozen=True, kw_only=True)
class WindowClosed(Event):
    """`CLOSE`: stop waiting and compare the responses now. `wave`: as for EXTEND."""

    wave: int | None = None


@dataclass(frozen=True, kw_only=True)
class ChaseAsked(Event):
    """The placements console's "Chase the homes that have not answered": the open wave's
    reminder sent now, not on the `BROKER_CHASERS` schedule (workflows/chase_now.py).
    `wave`: the wave the page showed, as for EXTEND."""

    wave: int | None = None


@dataclass(frozen=True, kw_only=True)
class QuestionAnswered(Event):
    """The placements console's "Answer" to a home's questions passed on to the team
    (workflows/question_answer.py): `asked`, the `questions-passed-on` timeline entry it
    answers; `answer`, the officer's words (sent in the emails, never on the timeline);
    `questions`, the home's words as the team's email quoted them (read from that stored
    email by the console, to quote back)."""

    asked: int
    answer: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class NextWave(Event):
    """`NEXT WAVE`: close the open wave and send to the cascade's next tier now. `wave`: the
    wave the console's page showed (None by email), as for EXTEND."""

    reason: str = ""
    wave: int | None = None


@dataclass(frozen=True, kw_only=True)
class Levelled(Event):
    """`LEVEL <reason>`: send to every remaining tier at once."""

    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class DeadlineDue(Event):
    kind: DeadlineKind
    wave: int = 0
    seq: int = 0
    due_at: datetime | None = None  # the time it was set for (None: not known)


# --- from the comparison to a placement ---------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Shortlisted(Event):
    """`SHORTLIST A, C` with the parents' and the child's views (or why not sought);
    `said`, the words after the verb as written, when they name no letter ("SHORTLIST Larch
    View, Larch House": the homes by name, answered with their letters); `after`, her lines
    after it as written (views in prose, shown back under the labels, never recorded)."""

    labels: tuple[str, ...]
    views: Mapping[str, str] = field(default_factory=dict)
    said: str = ""
    after: str = ""


@dataclass(frozen=True, kw_only=True)
class ApprovalGiven(Event):
    """A commissioner's decision on a shortlist round: the one shown to them (`round`, from
    the Slack message's button or the approval request the email replies to), else None."""

    decision: str  # approve | reject | question
    reason: str = ""
    round: int | None = None


@dataclass(frozen=True, kw_only=True)
class Chosen(Event):
    """`CHOOSE B`; `said` as `Shortlisted`'s, when no letter was named ("CHOOSE Larch View")."""

    label: str
    said: str = ""


@dataclass(frozen=True, kw_only=True)
class FeeProposed(Event):
    """`PROPOSE £4,000 per week` from the authority (None: the amount was unreadable);
    `confirmed`: its sender's "Yes" to our request to confirm it (workflows/agreement_proposal.py
    `_too_high_to_send`), and `asked` the Message-ID of the email that request asked about
    (a request overtaken since is refused, `_overtaken`)."""

    fee: Decimal | None
    confirmed: bool = False
    asked: str = ""


@dataclass(frozen=True, kw_only=True)
class FeeAgreed(Event):
    """`AGREE`: the authority agrees the chosen provider's last proposal."""


@dataclass(frozen=True, kw_only=True)
class Dropped(Event):
    """`DROP B`; `said` as `Shortlisted`'s, when no letter was named ("DROP Larch House")."""

    label: str
    said: str = ""


@dataclass(frozen=True, kw_only=True)
class UnmetDeclared(Event):
    reason: str


@dataclass(frozen=True, kw_only=True)
class Withdrawn(Event):
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class BroadcastApproved(Event):
    """`SEND REF-…` (or the console): a referral held before broadcast may go out."""


@dataclass(frozen=True, kw_only=True)
class FeeSignedOff(Event):
    """`SIGN OFF REF-…` / `REFUSE SIGN OFF REF-… <reason>` from a budget holder, for an
    agreed fee above the authority's `sign_off_above`."""

    decision: str = "approve"  # approve | refuse
    reason: str = ""
    round: int | None = None  # the fee round of the request it replies to (None: none)


@dataclass(frozen=True, kw_only=True)
class PlacementEnded(Event):
    """`ENDED REF-… <date> <reason>`: the placement has ended and its place is free.
    `reference` is the one the line names, if any (it may come on another's thread)."""

    on: date | None
    reason: str = ""
    reference: str = ""


def describe(event: Event) -> dict[str, Any]:
    """The event as a timeline entry: its type and who acted (never a child's details)."""
    return {"event": type(event).__name__, "by": event.actor.address or event.actor.name,
            "channel": event.actor.channel}
