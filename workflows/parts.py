"""What the engine and its handlers are handed by the composition root (nothing global)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.clock import UK_TIME as LOCAL
from broker.clock import Clock
from broker.db.directory import DirectoryKeeper, live_directory
from broker.links import link_url, make_link_token
from broker.tokens import keys, reply_address
from broker.working_time import WorkingHours
from workflows.apply import Applied, Renderer, SlackRenderer, apply_commands
from workflows.commands import Command, SendEmail
from workflows.snapshot import World
from workflows.window import chase_times


@dataclass
class EngineParts:
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    directory: Any
    referral_spec: Any
    response_spec: Any
    secret: bytes
    mail_domain: str
    window_for: Callable[[str], timedelta]
    render: Renderer
    chaser_specs: list[str] = field(default_factory=lambda: ["50%", "1h"])
    working_hours: WorkingHours | None = None  # a planned window's (broker/working_time.py)
    web_url: str = "http://127.0.0.1:8080"
    approvals_needed: int = 2
    approval_ttl: timedelta = timedelta(hours=48)
    papers_ttl: timedelta = timedelta(days=14)
    shortlist_ttl: timedelta = timedelta(days=7)
    ipa_ttl: timedelta = timedelta(days=14)
    unlinked_ttl: timedelta = timedelta(days=30)  # mail about no referral: workflows/retention
    unsent_lapse: timedelta = timedelta(days=28)  # workflows/lapse.py
    sender_auth: Any = None  # broker.mailauth.SenderCheck: who proved their From (mailroom)
    provider_sender_auth: str = "required"  # how providers@ mail proves a provider's From
    answers_per_hour: int = 60  # answers to mail it cannot use, in all (answer_limits.py)
    slack_channel: str = ""  # "" = Slack off: commissioners approve by email
    team_channel: str = ""
    render_slack: SlackRenderer | None = None
    on_emails_queued: Callable[[], None] = lambda: None
    on_slack_queued: Callable[[], None] = lambda: None
    on_deadline_set: Callable[[list[datetime]], None] = lambda _due: None
    # Deadlines about something other than a referral: subject → handler(engine, session, row)
    deadline_handlers: dict[str, Callable[..., Any]] = field(default_factory=dict)
    # Workflows other than the referral's (workflows/subjects.py): event type → its subject
    subjects: dict[type, Any] = field(default_factory=dict)
    keeper: DirectoryKeeper | None = None  # the directory as stored (None: config/ only)
    market: Any = None  # workflows.market.parts.MarketParts: providers@ and its workflows
    # broker.forms.sandbox.Sandbox: a child process that reads each batch of mail ahead of
    # the worker's decisions (workflows/reading.py); None: a thread of this process reads it
    reader: Any = None

    def __post_init__(self) -> None:
        if self.keeper is None:
            self.keeper = DirectoryKeeper(self.directory)

    def world(self, directory: Any = None) -> World:
        """The outside facts for one decision, as of now."""
        now = self.clock.now()
        return World(
            now=now, today=self.today(), directory=directory or self.directory,
            referral_spec=self.referral_spec, response_spec=self.response_spec,
            window_for=self.window_for, chase_times=self.chase_times,
            reply_address=self.reply_address, link=self.link, sign=self.sign,
            signed_before=self.signed_before(),
            describe_date=self.describe_date, approvals_needed=self.approvals_needed,
            approval_ttl=self.approval_ttl, papers_ttl=self.papers_ttl,
            shortlist_ttl=self.shortlist_ttl, slack_channel=self.slack_channel,
            team_channel=self.team_channel, ipa_ttl=self.ipa_ttl,
            slack=self.render_slack is not None, unsent_lapse=self.unsent_lapse,
            providers_address=f"providers@{self.mail_domain}",
            working_hours=self.working_hours)

    async def apply(self, session: AsyncSession, commands: list[Command] | tuple[Command, ...],
                    *, referral_id: int | None) -> Applied:
        """Carry out commands in the caller's transaction with this service's renderers.
        Never an email to one of the service's own addresses: mail "from" one of them is a
        forgery or a loop, and its answer would come straight back."""
        ours = f"@{self.mail_domain.lower()}"
        commands = [c for c in commands if not (isinstance(c, SendEmail)
                                                and c.to.lower().rstrip(".").endswith(ours))]
        return await apply_commands(session, commands, referral_id=referral_id,
                                    now=self.clock.now(), render=self.render,
                                    render_slack=self.render_slack,
                                    answers_per_hour=self.answers_per_hour,
                                    known=self.directory.names_address,
                                    member=self.directory.at_a_members_domain)

    async def current_directory(self, session: AsyncSession) -> Any:
        """The directory as it stands now (broker/db/directory.py): the stored records, with
        the vacancies and pauses providers declared and the places taken and freed since."""
        assert self.keeper is not None
        live = await live_directory(session, self.keeper)
        self.directory = self.keeper.current
        return live

    async def refresh_directory(self, session: AsyncSession) -> Any:
        """The stored directory, reloaded if another process changed it."""
        assert self.keeper is not None
        self.directory = await self.keeper.refresh(session)
        return self.directory

    def today(self) -> date:
        return self.clock.now().astimezone(LOCAL).date()

    def reply_address(self, referral_id: int, establishment: str) -> str:
        return reply_address(self.secret, referral_id, establishment, self.mail_domain)

    def link(self, purpose: str, referral_id: int, subject: str, expires_at: datetime) -> str:
        token = make_link_token(self.secret, purpose, referral_id, subject, expires_at)
        return link_url(self.web_url, purpose, token)

    def sign(self, text: str) -> str:
        return _sign(self.secret, text)

    def signed_before(self) -> tuple[Callable[[str], str], ...]:
        """`sign` under each previous secret key, to look a digest up by (never to record)."""
        return tuple(partial(_sign, key) for key in keys(self.secret)[1:])

    def chase_times(self, start: datetime, end: datetime,
                    hours: WorkingHours | None = None) -> list[datetime]:
        return chase_times(self.chaser_specs, start, end, hours)

    def describe_date(self, day: date) -> str:
        """`1 December` this year, `1 December 2027` otherwise."""
        text = f"{day.day} {day.strftime('%B')}"
        return text if day.year == self.today().year else f"{text} {day.year}"


def _sign(key: bytes, text: str) -> str:
    """A keyed digest of `text` (a child's identifier, an IPA's terms) under `key`."""
    return hmac.new(key, b"ipa:" + text.encode(), hashlib.sha256).hexdigest()[:32]
