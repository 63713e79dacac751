"""The database tables (SQLModel). Every message, decision and disclosure lands here.

Rows are written by the workflow engine and the channel adapters; the pure core never sees
a session. Child details live only in `referral.raw_fields` / `referral.form` and in raw
message bytes, never in logs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from broker.db.types import BytesType, JSONType, UTCDateTime


def _time(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class InboundMessage(SQLModel, table=True):
    """A message exactly as received, committed before the protocol said yes (SMTP 250)."""

    __tablename__ = "inbound_message"
    # the light lane walks the waiting mail kind by kind (workflows/inbound.py)
    __table_args__ = (Index("ix_inbound_message_waiting", "status", "expected", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = "email"
    received_at: datetime = _time()
    mail_from: str = ""
    rcpt_to: str = ""
    raw: bytes = Field(sa_column=Column(BytesType, nullable=False))
    size: int = 0
    message_id: str = ""
    status: str = Field(default="new", index=True)  # new | done | dead
    outcome: str = ""  # what the worker made of it: referral, incomplete, correction, refused…
    referral_id: int | None = Field(default=None, index=True)
    processed_at: datetime | None = _time(nullable=True)
    # from someone the service deals with (to a reply address it signed, or a sender its
    # directory registers): served before strangers' mail (workflows/inbound.py)
    expected: bool = False
    # its sender was proved when it was handled (migration 0018_inbound_proved): a later
    # copy of a proved message is then a duplicate, whatever this one came to
    proved: bool = False


class Referral(SQLModel, table=True):
    """One placement search, from intake to its final state. Its response windows are its
    waves (`wave`), its shortlists are rounds (`shortlist_round`); `state` holds a
    `workflows.lifecycle.State` value."""

    __tablename__ = "referral"
    id: int | None = Field(default=None, primary_key=True)
    reference: str | None = Field(default=None, unique=True)
    state: str = Field(index=True)  # a workflows.states.State
    authority: str = ""  # authority key
    referrer: str = ""  # the social worker's address
    # what emails call her: her sign-off, her From's name, else her address's words
    referrer_name: str = ""
    subject: str = ""
    raw_fields: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONType))
    form: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    anonymised: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    # The Message-ID of its first email: the service's later emails to the social worker answer it
    thread: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    urgency: str = ""
    cascade: str = ""  # the cascade its waves follow (config/cascades.yaml), "" = one wave
    created_at: datetime = _time()
    # After the close: the labelled options (A, B …) as the comparison showed them.
    comparison: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONType))
    chosen: str = ""  # establishment key
    outcome_reason: str = ""  # why it ended unmet / withdrawn / ended
    held_for: str = ""  # why it is held before broadcast (workflows/review.py), comma-separated


class Wave(SQLModel, table=True):
    """One broadcast wave of a referral: the tiers it went to, its window, why it opened and
    how it ended. A referral without a cascade has one wave to every eligible provider."""

    __tablename__ = "wave"
    __table_args__ = (UniqueConstraint("referral_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    number: int
    name: str = ""
    tiers: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    window_seconds: int = 0
    opened_at: datetime | None = _time(nullable=True)
    closes_at: datetime | None = _time(nullable=True)
    closed_at: datetime | None = _time(nullable=True)
    providers: int = 0  # establishments it was sent to
    opened_because: str = ""  # the rule that opened (or skipped) it
    outcome: str = ""  # "" while open | offer | no-acceptable-offer | closed-early | …
    outcome_reason: str = ""


class ShortlistRound(SQLModel, table=True):
    """One shortlist put to commissioners for approval (a rejection or expiry ends a round;
    the social worker may then shortlist again)."""

    __tablename__ = "shortlist_round"
    __table_args__ = (UniqueConstraint("referral_id", "round"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    round: int
    labels: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    establishments: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    # {parents, child, parents_reason, child_reason}
    views: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONType))
    by: str = ""
    at: datetime = _time()
    expires_at: datetime | None = _time(nullable=True)
    outcome: str = "pending"  # pending | approved | rejected | expired


class ShortlistConfirmation(SQLModel, table=True):
    """A shortlist given on the web page, waiting for its giver to confirm it from her own
    inbox (workflows/web_shortlist.py): the page opens for whoever holds its link, the email
    only for her. Single use, short-lived; only the token's SHA-256 is kept. The views are
    the child's and the parents' words: removed with the rest at retention."""

    __tablename__ = "shortlist_confirmation"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    token_hash: str = Field(unique=True)
    address: str = ""  # whom the page's link names, to whom the confirm link went
    labels: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    views: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONType))
    created_at: datetime = _time()
    expires_at: datetime = _time()
    used_at: datetime | None = _time(nullable=True)


def _establishment_of(context: Any) -> str | None:
    """The home an event is about, as its data names it (a string only), for the
    `establishment` column: a default every INSERT of an event takes, Core or ORM, so no
    writer can leave the column out of step with the data."""
    data = context.get_current_parameters().get("data")
    key = data.get("establishment") if isinstance(data, dict) else None
    return key if isinstance(key, str) else None


class ReferralEvent(SQLModel, table=True):
    """The timeline: what happened to a referral, when, and why. Never child details."""

    __tablename__ = "referral_event"
    # a reply reads its referral's questions by kind, and its own home's by home
    # (workflows/store.py `_questions_of`), without decoding every event's data
    __table_args__ = (Index("ix_referral_event_referral_kind", "referral_id", "kind"),
                      Index("ix_referral_event_referral_establishment_kind", "referral_id",
                            "establishment", "kind"))
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    at: datetime = _time()
    kind: str
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    # data["establishment"] when a string, else NULL: written by `_establishment_of` alone
    establishment: str | None = Field(default=None, sa_column=Column(
        String, nullable=True, default=_establishment_of))


class MatchRecord(SQLModel, table=True):
    """One establishment's eligibility for one referral, with the rule that excluded it."""

    __tablename__ = "match_record"
    __table_args__ = (UniqueConstraint("referral_id", "establishment"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    establishment: str  # key
    establishment_name: str = ""
    organisation: str = ""
    eligible: bool = False  # sent the referral (in `wave`)
    wave: int | None = None  # the wave it was sent in; None while not sent
    tier: str = ""  # its cascade tier: in-house, block, cost-and-volume, tier-1 … spot
    arrangement: str = ""  # name, for people
    arrangement_key: str = ""  # for scoring by the arrangement's price/quality weights
    contact: str = ""
    rule: str = ""
    reason: str = ""


class Outbox(SQLModel, table=True):
    """An email to send, rendered once; `key` makes a retry or a replay never a duplicate."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),
                      # workflows/answer_limits.py counts answers by address and by hour
                      Index("ix_outbox_to_addr_created_at", "to_addr", "created_at"),
                      Index("ix_outbox_kind_created_at", "kind", "created_at"),
                      # a reply's home's answers today (answer_limits.py `_reply_answers_today`)
                      Index("ix_outbox_referral_establishment", "referral_id", "establishment"))
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    referral_id: int | None = Field(default=None, index=True)
    kind: str = ""  # template event, e.g. provider/referral
    establishment: str = ""  # key, for email to a provider about one referral
    to_addr: str = ""
    from_addr: str = ""
    subject: str = ""
    message_id: str = Field(default="", index=True)
    raw: bytes = Field(sa_column=Column(BytesType, nullable=False))
    status: str = "pending"  # pending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime = _time()
    last_error: str = ""
    created_at: datetime = _time()
    sent_at: datetime | None = _time(nullable=True)
    proved: bool = False  # an answer to mail whose From was proved (answer_limits.py)


class Deadline(SQLModel, table=True):
    """A moment the service must act at, keyed by what it is about (`subject`, `subject_id`),
    its kind (`workflows.events.DeadlineKind`), the wave and a sequence number (the
    chaser's number, the approval round). APScheduler jobs are built from these rows."""

    __tablename__ = "deadline"
    __table_args__ = (UniqueConstraint("subject", "subject_id", "kind", "wave", "seq",
                                       name="uq_deadline_key"),
                      Index("ix_deadline_due", "status", "due_at"))
    id: int | None = Field(default=None, primary_key=True)
    subject: str = "referral"  # referral | list-window | directory
    subject_id: int = Field(default=0, index=True)
    kind: str  # close | chase | approval-expiry | …
    wave: int = 0
    seq: int = 0
    due_at: datetime = _time()
    status: str = "pending"  # pending | fired | cancelled | failed
    fired_at: datetime | None = _time(nullable=True)


class DeadLetter(SQLModel, table=True):
    """Something that failed unexpectedly, with what is needed to replay it."""

    __tablename__ = "dead_letter"
    id: int | None = Field(default=None, primary_key=True)
    source: str  # inbound | outbox | deadline
    source_id: int
    at: datetime = _time()
    error: str = ""
    detail: str = ""
    replayed_at: datetime | None = _time(nullable=True)


class ThreadLink(SQLModel, table=True):
    """A Message-ID known to belong to a referral's thread (In-Reply-To/References lookups)."""

    __tablename__ = "thread_link"
    message_id: str = Field(primary_key=True)
    referral_id: int = Field(index=True)


class Response(SQLModel, table=True):
    """One provider reply read into the response form's fields. Later replies supersede
    earlier ones; every reply is kept."""

    __tablename__ = "response"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    establishment: str = Field(index=True)  # key
    inbound_id: int | None = None
    received_at: datetime = _time()
    sender: str = ""
    decision: str = ""  # offer | interested | decline | withdrawn | "" (unread)
    raw_fields: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONType))
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    missing: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    late: bool = False
    status: str = Field(default="current", index=True)  # current | superseded
    sent_at: datetime | None = _time(nullable=True)  # the reply's Date, when it had one


class Approval(SQLModel, table=True):
    """One commissioner's decision on one round of a shortlist (Slack or email)."""

    __tablename__ = "approval"
    __table_args__ = (UniqueConstraint("referral_id", "round", "approver", "decision"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    round: int = 1
    approver: str  # email address (Slack users are resolved to theirs)
    approver_name: str = ""
    decision: str  # approve | reject | question
    reason: str = ""
    channel: str = "slack"  # slack | email
    account: str = ""  # by Slack: the person's `T…/U…` ids, which outlive an email change
    at: datetime = _time()


class PaperGrant(SQLModel, table=True):
    """A shortlisted provider's right to the full papers, until it expires or is revoked."""

    __tablename__ = "paper_grant"
    __table_args__ = (UniqueConstraint("referral_id", "establishment"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    establishment: str
    granted_at: datetime = _time()
    expires_at: datetime = _time()
    revoked_at: datetime | None = _time(nullable=True)


class PapersAccess(SQLModel, table=True):
    """Every attempt to open full papers: who, when, what, and whether it was served."""

    __tablename__ = "papers_access"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    establishment: str = ""
    at: datetime = _time()
    what: str = ""  # referral | attachment:#<n> sha256:<first 16 hex> (never its name)
    outcome: str = ""  # served | headers-only (a HEAD: nothing served) | refused:<why>
    remote: str = ""  # the client's address (behind a trusted proxy, the one it names)
    user_agent: str = ""
    method: str = "GET"  # the HTTP method (migration 0017_access_method)


class FeeRound(SQLModel, table=True):
    """One round of fee negotiation with the chosen provider (requested → agreed)."""

    __tablename__ = "fee_round"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    establishment: str
    round: int
    by: str  # provider | authority
    weekly_fee: str  # Decimal as text, pounds per week
    status: str = "proposed"  # proposed | agreed
    at: datetime = _time()


class CapacityChange(SQLModel, table=True):
    """Places taken (or given back) since the directory was loaded from config/."""

    __tablename__ = "capacity_change"
    id: int | None = Field(default=None, primary_key=True)
    establishment: str = Field(index=True)
    delta: int
    referral_id: int | None = None
    at: datetime = _time()


class SlackOutbox(SQLModel, table=True):
    """A Slack Web API call to make, rendered once; `key` makes retries never duplicates.
    `update_of` names the key of an earlier post whose message this one updates in place
    (`chat.update`), or, on a `chat.postMessage`, in whose thread this one is a reply."""

    __tablename__ = "slack_outbox"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    referral_id: int | None = Field(default=None, index=True)
    method: str = "chat.postMessage"  # chat.postMessage | chat.update | chat.postEphemeral
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    update_of: str = ""
    status: str = Field(default="pending", index=True)  # pending | sending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime = _time()
    last_error: str = ""
    channel: str = ""  # where it was posted (from Slack's answer)
    ts: str = ""  # the message's timestamp id (from Slack's answer)
    created_at: datetime = _time()
    sent_at: datetime | None = _time(nullable=True)


# --- The market (lists that reopen, applications, vacancies and pauses) ---------------------
# The directory's organisations and establishments live here, config/ being their seed; the
# tables below are written by workflows/market/ and read for every match.


class DirectoryRecord(SQLModel, table=True):
    """An organisation or establishment of the live directory, as config/ would write it
    (`data`). Records from config/ are re-seeded at every start (`source` "config:<file>");
    records admitted by an approved application live only here (`source` "application")."""

    __tablename__ = "directory_record"
    __table_args__ = (UniqueConstraint("kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # organisation | establishment
    key: str
    parent: str = ""  # an establishment's organisation key
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    source: str = ""  # config:<file> | application
    application_id: int | None = None
    revision: int = 1  # bumped on every change, so other processes notice
    added_at: datetime = _time()
    updated_at: datetime = _time()


class EstablishmentStatus(SQLModel, table=True):
    """What a provider last told us about one establishment: its vacancies (counted from
    then on with the placements made and ended after `change_mark`) and whether it has
    paused referrals; and, apart from the provider's, whether the placements team has paused
    it from the console (`team_paused`). It receives referrals only when neither stands."""

    __tablename__ = "establishment_status"
    establishment: str = Field(primary_key=True)
    vacancies: int | None = None  # None: never declared (config's capacity applies)
    declared_at: datetime | None = _time(nullable=True)
    change_mark: int = 0  # the newest capacity_change id the declaration already counts
    paused: bool = False
    pause_reason: str = ""
    paused_at: datetime | None = _time(nullable=True)
    team_paused: bool = False
    team_pause_reason: str = ""  # the team's words, without broker.directory.live BY_TEAM
    team_paused_at: datetime | None = _time(nullable=True)
    updated_by: str = ""
    updated_at: datetime | None = _time(nullable=True)


class ListWindow(SQLModel, table=True):
    """One window in which an approved list or DPS takes applications (one per opening of
    its schedule): advertised, open, closed."""

    __tablename__ = "list_window"
    __table_args__ = (UniqueConstraint("arrangement", "opens_at"),)
    id: int | None = Field(default=None, primary_key=True)
    arrangement: str = Field(index=True)
    state: str = "scheduled"  # a workflows.market.states.WindowState
    advertise_at: datetime = _time()
    opens_at: datetime = _time()
    closes_at: datetime = _time()
    reminders: list[str] = Field(default_factory=list, sa_column=Column(JSONType))
    created_at: datetime = _time()


class Application(SQLModel, table=True):
    """A provider's application for one establishment to join an approved list or DPS."""

    __tablename__ = "application"
    id: int | None = Field(default=None, primary_key=True)
    reference: str | None = Field(default=None, unique=True)  # APP-2027-000001
    state: str = Field(default="", index=True)  # a workflows.market.states.AppState
    arrangement: str = ""
    applicant: str = ""  # the address it came from
    subject: str = ""
    raw_fields: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONType))
    record: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    establishment: str = ""  # its key in the directory, once admitted
    created_at: datetime = _time()
    decided_at: datetime | None = _time(nullable=True)
    outcome_reason: str = ""


class ApplicationApproval(SQLModel, table=True):
    """One approver's decision on an application (Slack or email)."""

    __tablename__ = "application_approval"
    __table_args__ = (UniqueConstraint("application_id", "approver", "decision"),)
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(index=True)
    approver: str
    approver_name: str = ""
    decision: str  # approve | reject
    reason: str = ""
    channel: str = "slack"
    at: datetime = _time()


class MarketEvent(SQLModel, table=True):
    """The market's timeline: applications, list windows, vacancies and pauses."""

    __tablename__ = "market_event"
    id: int | None = Field(default=None, primary_key=True)
    subject: str  # application | list-window | establishment
    subject_key: str = Field(index=True)  # APP-…, the window's id, the establishment's key
    at: datetime = _time()
    kind: str
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))


# --- Trust: duplicate children, documents behind signed links (migration 0006_trust) -----


class ChildKey(SQLModel, table=True):
    """A keyed digest (HMAC) of one of a referral's child identifiers: its NHS number, or its
    name with its date of birth. A new referral of the same child finds the earlier one by
    these without the identifiers being stored a second time; purged with the referral."""

    __tablename__ = "child_key"
    __table_args__ = (UniqueConstraint("referral_id", "digest"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    digest: str = Field(index=True)


class Document(SQLModel, table=True):
    """A document holding the child's details (the IPA), served only as a PDF through signed
    links (`DocumentGrant`); `context` is emptied when the referral's retention ends."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("referral_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    kind: str  # ipa
    context: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONType))
    created_at: datetime = _time()
    purged_at: datetime | None = _time(nullable=True)


class DocumentGrant(SQLModel, table=True):
    """Who may open a document, until when: the chosen provider (establishment key) and the
    authority (its placements team's address). Every attempt is a `PapersAccess` row."""

    __tablename__ = "document_grant"
    __table_args__ = (UniqueConstraint("referral_id", "kind", "subject"),)
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(index=True)
    kind: str
    subject: str
    granted_at: datetime = _time()
    expires_at: datetime = _time()
    revoked_at: datetime | None = _time(nullable=True)


# --- The staff console (channels/web/console): sign-in links and the access log -----------


class StaffSignIn(SQLModel, table=True):
    """One emailed sign-in link for a registered staff address: single use, short-lived.
    Only the token's SHA-256 is kept, so a copy of the database cannot sign anyone in."""

    __tablename__ = "staff_sign_in"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True)
    address: str = Field(index=True)
    created_at: datetime = _time()
    expires_at: datetime = _time()
    used_at: datetime | None = _time(nullable=True)


class StaffAccess(SQLModel, table=True):
    """The console's access log: every sign-in (and refusal), every page that shows a
    child's details, every download and every action, by whom. Never the details."""

    __tablename__ = "staff_access"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _time(index=True)
    staff: str = Field(default="", index=True)  # the signed-in (or claimed) address
    role: str = ""  # placements-officer | commissioner | operator | "" (not staff)
    authority: str = ""  # the staff member's authority key ("" for operators)
    action: str = ""  # sign-in-link-sent | signed-in | viewed-referral | audit-pack:pdf | …
    referral_id: int | None = Field(default=None, index=True)
    outcome: str = ""  # ok | refused:<why>
    remote: str = ""


# --- Several instances on one database (migration 0008_instances) --------------------------

# A provider has ONE current response per referral, whichever process took its reply: the
# database refuses a second (workflows/apply.py supersedes the first instead).
Index("uq_response_current", Response.referral_id, Response.establishment, unique=True,  # type: ignore[arg-type]
      sqlite_where=text("status = 'current'"), postgresql_where=text("status = 'current'"))


class SlackRequest(SQLModel, table=True):
    """A request seen lately (Slack's, by the SHA-256 of its body; a console form, by its
    one-off nonce: channels/seen.py), with the answer given: the same request again reaching
    any instance is answered without acting again. Rows older than a day are pruned as new
    ones come."""

    __tablename__ = "slack_request"
    key: str = Field(primary_key=True)
    answer: str = ""  # the JSON of the acknowledgement ("" until the handler has answered)
    seen_at: datetime = _time(index=True)


# --- Inbound retransmissions (workflows/inbound.py): migration 0009_inbound ---------------

# A message is a retransmission when one from the same envelope sender with the same
# Message-ID was handled before: looked up by Message-ID, then sender.
Index("ix_inbound_message_message_id_mail_from", InboundMessage.message_id,  # type: ignore[arg-type]
      InboundMessage.mail_from)
