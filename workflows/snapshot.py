"""What a lifecycle decision looks at (`Snapshot`) and what it returns (`Decision`).

A snapshot is loaded by the engine (workflows/store.py) under the referral's lock: the
referral's row, its waves and shortlist rounds, the establishments it was sent to, their
current responses, approvals and fee rounds, and `World`, the facts from outside (the time,
the directory, the settings, how to sign a link). A decision is the new snapshot, the
commands to carry out, and the answer for whoever acted. All of it is frozen: nobody edits
a decision after it is made; the engine stores exactly what it says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from broker.working_time import WorkingHours
from workflows.commands import Command, SendEmail
from workflows.states import State


@dataclass(frozen=True)
class World:
    """Everything from outside a decision needs, handed in (nothing is looked up)."""

    now: datetime
    today: date
    directory: Any  # broker.directory Directory, with live capacity where matching needs it
    referral_spec: Any
    response_spec: Any
    window_for: Callable[[str], timedelta]
    # a window's reminders, opened and closing then; in working time with working hours
    chase_times: Callable[[datetime, datetime, WorkingHours | None], list[datetime]]
    reply_address: Callable[[int, str], str]  # referral id, establishment → r+token@
    link: Callable[[str, int, str, datetime], str]  # purpose, referral id, subject, expiry
    sign: Callable[[str], str]
    describe_date: Callable[[date], str]
    # `sign` under each previous secret key: a digest is looked up under these too, never
    # recorded under them (workflows/duplicates.py `digests_to_find`)
    signed_before: tuple[Callable[[str], str], ...] = ()
    approvals_needed: int = 2
    approval_ttl: timedelta = timedelta(hours=48)
    papers_ttl: timedelta = timedelta(days=14)
    shortlist_ttl: timedelta = timedelta(days=7)
    slack_channel: str = ""  # "" = Slack off: commissioners are asked by email
    team_channel: str = ""
    ipa_ttl: timedelta = timedelta(days=14)
    slack: bool = False  # Slack is on: an authority's own `slack_channel` may be used
    unsent_lapse: timedelta = timedelta(days=28)  # incomplete or held this long: withdrawn
    providers_address: str = ""  # providers@<mail domain>: where providers' replies go
    # Working days and hours a planned window counts (broker/working_time.py); None: every
    # window runs on the clock
    working_hours: WorkingHours | None = None


@dataclass(frozen=True)
class ReferralRecord:
    """The referral row's own fields."""

    id: int
    reference: str
    state: State
    authority: str
    referrer: str
    subject: str = ""
    raw_fields: Mapping[str, str] = field(default_factory=dict)
    anonymised: Mapping[str, Any] = field(default_factory=dict)
    urgency: str = ""
    cascade: str = ""
    created_at: datetime | None = None
    comparison: tuple[Mapping[str, Any], ...] = ()
    chosen: str = ""
    outcome_reason: str = ""
    held_for: str = ""  # why it is held before broadcast (workflows/review.py)
    # what emails call the referrer, kept at intake (workflows/people.py `referrer_name`)
    referrer_name: str = ""


@dataclass(frozen=True)
class WaveRecord:
    number: int
    name: str
    tiers: tuple[str, ...]
    window: timedelta
    opened_at: datetime | None
    closes_at: datetime | None
    closed_at: datetime | None = None
    providers: int = 0
    opened_because: str = ""
    outcome: str = ""
    outcome_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None


@dataclass(frozen=True)
class Recipient:
    """An establishment the referral was sent to, in which wave, and where."""

    establishment: str  # key
    name: str
    contact: str
    arrangement_key: str = ""
    wave: int = 1


@dataclass(frozen=True)
class ResponseRecord:
    """An establishment's current response."""

    establishment: str
    decision: str
    raw_fields: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    late: bool = False
    sent_at: datetime | None = None  # when the reply was written (its Date), if known


UNDECIDED = ""  # a reply's decision when none was read from it (a question alone)


def has_answered(response: Any) -> bool:
    """Rule `answer-has-a-decision`: a home has answered when its current reply gave a
    decision; a reply with none ("Not this one, thanks" read as none, a question alone) is
    a reply, not yet an answer. The one notion the close confirmation, the referrals list's
    Responses, the "Waiting for" line and the reminders count by."""
    return response is not None and (response.decision or UNDECIDED) != UNDECIDED


@dataclass(frozen=True)
class RoundRecord:
    """One shortlist put to commissioners."""

    round: int
    labels: tuple[str, ...]
    establishments: tuple[str, ...]
    views: Mapping[str, str]
    by: str
    at: datetime
    expires_at: datetime | None
    outcome: str = "pending"  # pending | approved | rejected | expired


@dataclass(frozen=True)
class ApprovalRecord:
    round: int
    approver: str
    approver_name: str
    decision: str
    reason: str
    at: datetime | None = None  # when it was given (None in tests that do not say)


@dataclass(frozen=True)
class Snapshot:
    referral: ReferralRecord
    world: World
    waves: tuple[WaveRecord, ...] = ()
    # Loaded for what the event needs: a reply loads only its own establishment's.
    recipients: Mapping[str, Recipient] = field(default_factory=dict)
    responses: Mapping[str, ResponseRecord] = field(default_factory=dict)
    rounds: tuple[RoundRecord, ...] = ()
    approvals: tuple[ApprovalRecord, ...] = ()
    fee_rounds: tuple[tuple[int, str, str], ...] = ()  # (round, by, weekly fee)
    # Which negotiation with a chosen home this is (1, then 2 after the chosen home withdrew
    # and a home was chosen again): in the keys of its emails, so none repeats an earlier
    # one's. And whether the chosen home's latest reply in it could be read neither as an
    # answer on the fee nor as a decision, with nothing answering it since (agreement.py).
    negotiation: int = 1
    unread_reply: bool = False
    # How many of the chosen home's replies in this negotiation were unread, and when the
    # authority's latest proposal in it was made: an "Agreed" written before then, answering
    # no email we know, cannot have agreed to it (agreement.py).
    unread_replies: int = 0
    latest_proposal_at: datetime | None = None
    # For a "Yes" to a proposal we asked its sender to confirm: what the latest such request
    # was about (the email, the home, the negotiation and its fee rounds then:
    # agreement_proposal.py `_overtaken`).
    proposal_asked: Mapping[str, Any] = field(default_factory=dict)
    # The address the chosen home's latest reply about the referral came from, when it is one
    # of its registered contacts: a proposal is copied to it (rule `proposal-to-who-wrote`).
    last_written_from: str = ""
    # While negotiating: the latest counter held because it put a new start forward with its
    # fee (its home, negotiation, fee and start: workflows/counter_start.py), or {}.
    counter_start: Mapping[str, Any] = field(default_factory=dict)
    # For a form: open or recent referrals of the same child (workflows/duplicates.py).
    duplicates: tuple[str, ...] = ()
    # ... and the form fields of the first of them, to say what this one changes (rule
    # `duplicate-differences`, workflows/duplicates.py `what_differs`); {} when none.
    duplicate_fields: Mapping[str, str] = field(default_factory=dict)
    # For a held referral's reminder: the provider its email asked for alone, as read when it
    # was held (its latest "held" entry: workflows/review.py, rule `one-provider-told`), or "".
    held_provider: str = ""
    # For a form while providers answer: corrections recorded in the last day (correction.py).
    corrections_today: int = 0
    # For a provider's reply: its home's questions already passed on to the placements team
    # about this referral (digests: workflows/responses.py `question_digest`), how many emails
    # took its questions to the team today (UTC), and how many of its replies today had
    # questions held back (rule `questions-per-day`).
    questions_before: frozenset[str] = frozenset()
    questions_emails_today: int = 0
    referral_questions_emails_today: int = 0  # over all its homes and its social worker
    questions_held_today: int = 0
    # ... and, in the last 24 hours, its messages about the child's safety emailed to the
    # council and those recorded past the ceiling (workflows/safety.py `SAFETY_PER_DAY`).
    safety_emails_today: int = 0
    safety_held_today: int = 0
    # ... and whether it has confirmed its offer since the approval (workflows/confirmed.py).
    offer_confirmed_before: bool = False
    # Whether the chosen home confirmed its offer having read the full papers (its
    # "offer-confirmed" event; loaded while negotiating): the agreement says so only then.
    chosen_confirmed: bool = False
    # While the window is open, for a chase asked for now and the console's look: when each
    # home was last sent a reminder about this referral, timed or asked for (its "chased"
    # entries; establishment → when), so one is not sent again within the hour.
    reminded: Mapping[str, datetime] = field(default_factory=dict)
    # For the console's answer to a home's questions (workflows/question_answer.py): the
    # referral's `questions-passed-on` and `question-answered` entries, (id, at, kind, data)
    # in the order written, and the homes that were sent the full papers and hold them still
    # (a papers grant, not revoked: workflows/placement.py `release_papers`).
    question_entries: tuple[tuple[int, datetime | None, str, Mapping[str, Any]], ...] = ()
    papers_held: frozenset[str] = frozenset()

    @property
    def state(self) -> State:
        return self.referral.state

    @property
    def reference(self) -> str:
        return self.referral.reference

    @property
    def authority(self) -> Any:
        return self.world.directory.authority(self.referral.authority)

    @property
    def approvals_needed(self) -> int:
        """The authority's quorum, else the service's setting."""
        return getattr(self.authority, "quorum", None) or self.world.approvals_needed

    @property
    def approval_channel(self) -> str:
        """Where commissioners are asked in Slack: the authority's channel, else the
        setting's ("" = by email)."""
        own = getattr(self.authority, "slack_channel", "") if self.world.slack else ""
        return own or self.world.slack_channel

    @property
    def team_channel(self) -> str:
        own = getattr(self.authority, "slack_channel", "") if self.world.slack else ""
        return own or self.world.team_channel

    @property
    def open_wave(self) -> WaveRecord | None:
        return next((w for w in reversed(self.waves) if w.is_open), None)

    @property
    def current_round(self) -> RoundRecord | None:
        return self.rounds[-1] if self.rounds else None

    def with_referral(self, **changes: Any) -> Snapshot:
        return replace(self, referral=replace(self.referral, **changes))

    def with_wave(self, wave: WaveRecord) -> Snapshot:
        """The snapshot with `wave` added, or replacing the wave of the same number."""
        others = tuple(w for w in self.waves if w.number != wave.number)
        return replace(self, waves=tuple(sorted((*others, wave), key=lambda w: w.number)))

    def with_round(self, round_: RoundRecord) -> Snapshot:
        others = tuple(r for r in self.rounds if r.round != round_.round)
        return replace(self, rounds=tuple(sorted((*others, round_), key=lambda r: r.round)))


@dataclass(frozen=True)
class Answer:
    """What to tell whoever acted: accepted or not, the outcome, a sentence, the problems."""

    accepted: bool
    outcome: str
    message: str = ""
    problems: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Decision:
    snapshot: Snapshot
    commands: tuple[Command, ...]
    answer: Answer
    rule: str = ""  # the named rule that made it, for the timeline


def accepted(snapshot: Snapshot, commands: list[Command] | tuple[Command, ...], outcome: str,
             rule: str, message: str = "") -> Decision:
    return Decision(snapshot, tuple(commands), Answer(True, outcome, message), rule)


def declined(snapshot: Snapshot, commands: list[Command] | tuple[Command, ...], outcome: str,
             rule: str, message: str, problems: tuple[Mapping[str, str], ...] = ()) -> Decision:
    """Nothing changes but what is said (the snapshot is the one decided on)."""
    return Decision(snapshot, tuple(commands), Answer(False, outcome, message, problems), rule)


def refused(snapshot: Snapshot, event: Any, why: str, rule: str = "not-possible-now",
            outcome: str = "refused") -> Decision:
    """Say why an instruction cannot be carried out now, and change nothing. By email the
    answer goes back to whoever sent it; Slack and the web show `why` themselves."""
    actor = event.actor
    commands: list[Command] = []
    if actor.channel == "email" and actor.address:
        commands.append(SendEmail(
            key=f"{snapshot.reference}:refused:{event.key or type(event).__name__}",
            template="social_worker/instruction_refused", to=actor.address,
            context={"reference": snapshot.reference, "why": why,
                     **({"subject": SETTLED[rule]} if rule in SETTLED else {})},
            in_reply_to=actor.message_id))
    return declined(snapshot, commands, outcome, rule, why)


# An instruction refused because what it asks is already done: its reply's subject says so,
# not that it "could not be carried out", which reads as an error to act on.
SETTLED = {"round-approved": "already approved – nothing more needed"}
