"""The composition root: the one place that knows every piece and wires them together.

`Service` runs the broker in one asyncio process: the SMTP intake (on a thread and loop of
its own, so hostile mail cannot hold the service's), the web server, the inbound worker,
the outbox sender and the deadline scheduler; or only the roles given (`broker serve
--role`, broker/roles.py), the rest running in other processes on the same database.
Everything else is handed what it needs from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from broker import heap
from broker.anonymise import lexicon_cache
from broker.capacity import AcceptErrors, make_room
from broker.clock import Clock, SystemClock
from broker.db.directory import seed_directory
from broker.db.engine import make_engine, migrate, session_factory
from broker.directory import load_directory
from broker.directory.load import organisation_files
from broker.forms.market_forms import load_application_spec, load_vacancy_spec
from broker.forms.sandbox import Sandbox
from broker.forms.spec import load_referral_spec, load_response_spec
from broker.links import mailbox_key
from broker.listening import CannotListen, smtp_listener, web_listener, why_not_listening
from broker.logs import quiet_libraries
from broker.mailauth import SenderCheck
from broker.roles import ROLES
from broker.settings import Settings, parse_duration
from broker.tokens import bounce_address, keys_in_use
from channels.email.intake import IntakeHandler, start_smtp_server
from channels.email.outbound import OutboxSender
from channels.email.relay import Relay, relay_from_setting
from channels.email.render import TEMPLATES, EmailRenderer
from channels.pump import woken_or_after
from channels.web.app import build_web_app
from channels.web.clients import address as ip_address
from channels.web.clients import networks, trusted
from channels.web.console import ConsoleParts, add_console
from channels.web.console.oidc import oidc_from_settings
from channels.web.console.staff import StaffRegistry, read_operators
from channels.web.health import Limits
from channels.web.listener import WebListener
from workflows import handover_job, retention
from workflows.deadlines import DeadlineScheduler
from workflows.desk import PlacementDesk
from workflows.engine import Engine, EngineParts
from workflows.inbound import LANES, lane_of
from workflows.mailroom import expected
from workflows.market.desk import MarketDesk
from workflows.market.events import SchedulesReviewed
from workflows.market.parts import MarketParts
from workflows.market.parts import register as register_market
from workflows.txn import begin_writing

if TYPE_CHECKING:
    from channels.slack.sender import SlackSender

log = logging.getLogger("broker")


def build_renderer(settings: Settings) -> EmailRenderer:
    overrides = settings.config_dir / "templates"
    dirs = [overrides, TEMPLATES] if overrides.is_dir() else [TEMPLATES]
    return EmailRenderer(settings.mail_domain,
                         f"Placement referrals <{settings.referrals_address}>", dirs,
                         secret=settings.secret())


def build_engine(settings: Settings, db: AsyncEngine, clock: Clock,
                 directory: Any = None) -> Engine:
    """The workflow engine alone (also used by commands that need no servers)."""
    referral_spec = load_referral_spec(settings.config_dir)
    parts = EngineParts(
        sessions=session_factory(db),
        clock=clock,
        directory=directory or load_directory(settings.config_dir, settings.approvals_needed),
        referral_spec=referral_spec,
        response_spec=load_response_spec(settings.config_dir),
        secret=settings.secret(),
        mail_domain=settings.mail_domain,
        window_for=settings.window_for,
        render=build_renderer(settings),  # callable, and renders a broadcast at once
        chaser_specs=settings.chaser_specs,
        working_hours=settings.working_calendar(),
        web_url=settings.web_base_url,
        approvals_needed=settings.approvals_needed,
        approval_ttl=parse_duration(settings.approval_expires),
        papers_ttl=parse_duration(settings.papers_link_expires),
        shortlist_ttl=parse_duration(settings.shortlist_link_expires),
        ipa_ttl=parse_duration(settings.ipa_link_expires),
        unlinked_ttl=parse_duration(settings.unlinked_retention),
        unsent_lapse=parse_duration(settings.unsent_lapse),
        sender_auth=SenderCheck(None, settings.trusted_authserv_id, settings.relay_networks),
        provider_sender_auth=settings.provider_sender_auth,
        answers_per_hour=settings.answers_per_hour,
    )
    parts.deadline_handlers[retention.SUBJECT] = retention.on_deadline
    parts.deadline_handlers[handover_job.HANDOVER] = partial(
        handover_job.on_deadline, enabled=settings.morning_handover == "on")
    parts.market = MarketParts(
        parts, load_application_spec(settings.config_dir, referral_spec),
        load_vacancy_spec(settings.config_dir),
        vacancy_return=settings.vacancy_return_schedule, reopening=settings.reopening)
    register_market(parts, parts.market)
    return Engine(parts)


async def seed_directory_from_config(engine: Engine, settings: Settings) -> None:
    """config/'s providers into the database (the directory's seed), then read back."""
    parts = engine.parts
    async with parts.sessions() as session:
        await begin_writing(session)
        assert parts.keeper is not None
        await seed_directory(session, parts.keeper.base, organisation_files(settings.config_dir),
                             parts.clock.now())
        await session.commit()
        await parts.refresh_directory(session)


@dataclass
class Service:
    settings: Settings
    clock: Clock = field(default_factory=SystemClock)
    roles: frozenset[str] = frozenset(ROLES)
    relay: Relay | None = None
    db: AsyncEngine | None = None
    engine: Engine | None = None
    sender: OutboxSender | None = None
    scheduler: DeadlineScheduler | None = None
    desk: PlacementDesk | None = None
    slack_sender: SlackSender | None = None
    _socket: Any = None
    _slack_handlers: Any = None  # channels/slack/app.py Handlers, when Slack is on
    # One per inbound lane (workflows/inbound.py LANES): the intake wakes a stored message's
    # lane, and a lane that took messages wakes the others (their senders' next may go).
    _inbound_wake: dict[str, asyncio.Event] = field(default_factory=dict)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _smtp: Any = None
    _intake: Any = None
    _web: web.AppRunner | None = None
    _web_listener: WebListener | None = None
    settle_heap: bool = False  # freeze the start-up heap (`broker serve`: its own process)

    async def start(self) -> None:
        settings = self.settings
        AcceptErrors.install(asyncio.get_running_loop())  # a flood must not fill the log
        self.db = make_engine(settings.database_url)
        await migrate(self.db)
        self.engine = build_engine(settings, self.db, self.clock)
        await seed_directory_from_config(self.engine, settings)
        if "sender" in self.roles:
            self._start_sender()
        if "worker" in self.roles:
            self.scheduler = DeadlineScheduler(self.engine)
            self.engine.parts.on_deadline_set = self.scheduler.refresh
            if settings.reads_in_a_child:  # BROKER_READER_PROCESS
                self.engine.parts.reader = Sandbox()
        if "intake" in self.roles:
            await self._start_intake()
        elif settings.slack_bot_token:  # decisions here may post to Slack: render them
            self._slack_parts()
        if "worker" in self.roles and self.scheduler is not None:
            await self.engine.handle(None, SchedulesReviewed(key="start"))  # lists, returns
            if settings.morning_handover == "on":  # the next working period's handover
                await handover_job.plan(self.engine)
            await self.scheduler.start()
            self.scheduler.every(retention.SWEEP_EVERY,
                                 partial(retention.sweep, self.engine), "retention")
            word_lists = asyncio.create_task(self._load_word_lists(), name="word lists")
            self._tasks.append(word_lists)
            for lane in LANES:  # costly mail never holds up the rest
                self._tasks.append(asyncio.create_task(self._inbound_loop(word_lists, lane),
                                                       name=f"inbound {lane}"))
        if self.sender is not None:
            self._tasks.append(asyncio.create_task(self.sender.run(), name="outbox"))
        if "worker" not in self.roles:  # else once the word lists are in (_inbound_loop)
            self._settle_heap()
        serves = [f"SMTP {settings.smtp_host}:{self.smtp_port}",  # the ports bound
                  f"web {self.engine.parts.web_url}"
                  ] if "intake" in self.roles else []  # a process names only what it serves
        serves += [f"relay {settings.relay}"] if self.sender is not None else []
        log.info("serving (%s): %s", ",".join(sorted(self.roles)),
                 ", ".join(serves) or "no ports, no relay")
        log.info("%s", keys_in_use(self.engine.parts.secret))

    def _poll_seconds(self, fed_by: str) -> float:
        """Woken in-process when the role that feeds this one runs here too; else polling."""
        return 2.0 if fed_by in self.roles else self.settings.split_poll_ms / 1000

    def _start_sender(self) -> None:
        settings, engine = self.settings, self.engine
        assert engine is not None
        secret, domain = settings.secret(), settings.mail_domain
        self.relay = self.relay or relay_from_setting(
            settings.relay, lambda outbox_id: bounce_address(secret, outbox_id, domain),
            settings.relay_connections)
        fed = "worker" if self.roles >= {"worker", "intake"} else "-"  # web actions queue too
        self.sender = OutboxSender(engine.parts.sessions, self.relay, self.clock,
                                   max_attempts=settings.delivery_max_attempts,
                                   on_failed=self._delivery_failed,
                                   poll_seconds=self._poll_seconds(fed),
                                   var_dir=settings.var_dir)
        engine.parts.on_emails_queued = self.sender.wake.set

    async def _start_intake(self) -> None:
        """The SMTP server that takes mail in, and the web server (with Slack's routes)."""
        settings, engine = self.settings, self.engine
        assert engine is not None
        sessions = engine.parts.sessions
        parts = engine.parts
        handler = IntakeHandler(sessions, self.clock, settings.mail_domain, settings.secret(),
                                on_stored=self._wake_inbound,
                                expected=lambda sender, to: expected(sender, to, parts))
        self._intake = handler
        try:
            self._smtp = await start_smtp_server(
                handler, settings.smtp_host, settings.smtp_port,
                max_bytes=settings.max_message_bytes, hostname=settings.mail_domain,
                max_connections=settings.smtp_max_connections,
                max_per_client=settings.smtp_max_per_client)
        except OSError as error:
            listener = smtp_listener(settings.smtp_host, settings.smtp_port)
            raise CannotListen(why_not_listening(listener, error)) from error
        self.desk = PlacementDesk(engine)
        web_app = build_web_app(
            sessions, TEMPLATES, secret=settings.secret(), clock=self.clock, port=self.desk,
            referral_spec=engine.parts.referral_spec, mailbox=settings.relay == "mailbox",
            health=Limits(parse_duration(settings.health_relay_grace),
                          settings.health_dead_letters),
            directory=engine.parts.directory, trusted_proxies=networks(settings.trusted_proxies),
            body_timeout=parse_duration(settings.web_idle_timeout).total_seconds())
        self._add_console(web_app)
        if settings.slack_bot_token:
            await self._start_slack(web_app)
        # A request's headers, and a connection's idleness between requests, get at most
        # BROKER_WEB_IDLE_TIMEOUT: aiohttp's keep-alive timer starts at accept and closes a
        # connection still waiting for a whole request (channels/web/listener.py); its body
        # as long again (body_timeout above, channels/web/deadline.py).
        self._web = web.AppRunner(web_app, access_log=None, keepalive_timeout=(
            parse_duration(settings.web_idle_timeout).total_seconds()))
        await self._web.setup()
        room = make_room(settings.web_max_connections, settings.smtp_max_connections)
        proxies = networks(settings.trusted_proxies)
        self._web_listener = WebListener(
            self._web, most=room.web_most, most_per_client=settings.web_max_per_client,
            shared=lambda client: trusted(ip_address(client), proxies))
        try:
            await self._web_listener.start(settings.web_host, settings.web_port)
        except OSError as error:
            listener = web_listener(settings.web_host, settings.web_port)
            raise CannotListen(why_not_listening(listener, error)) from error
        if not settings.public_url:  # links in emails name the port actually bound
            engine.parts.web_url = f"http://{settings.web_host}:{self.web_port}"

    def _add_console(self, web_app: web.Application) -> None:
        """The placements team's console at /console (channels/web/console)."""
        settings, engine = self.settings, self.engine
        assert engine is not None
        registry = StaffRegistry(engine.parts.directory, read_operators(settings.config_dir))
        add_console(web_app, ConsoleParts(
            engine=engine, registry=registry,
            link_ttl=parse_duration(settings.console_link_expires),
            session_ttl=parse_duration(settings.console_session_expires),
            oidc=oidc_from_settings(settings)), settings.secret(),
            secure_cookie=settings.web_base_url.startswith("https://"))

    def _slack_parts(self) -> None:
        """Slack on: decisions here render their posts into the Slack outbox, and the
        sender role posts them. Slack's modules are imported here and in _start_slack, not
        at the top, so that without Slack slack_bolt and slack_sdk never load (a tenth of a
        second of every start)."""
        from channels.slack.app import team_channel
        from channels.slack.blocks import render as render_slack
        from channels.slack.client import web_client
        from channels.slack.sender import SlackSender

        settings, parts = self.settings, self.engine.parts  # type: ignore[union-attr]
        parts.render_slack = render_slack
        parts.slack_channel = settings.slack_channel
        parts.team_channel = team_channel(settings)
        parts.market.slack_channel = settings.slack_applications_channel or settings.slack_channel
        if "sender" not in self.roles:
            return
        self.slack_sender = SlackSender(
            parts.sessions, web_client(settings.slack_bot_token, settings.slack_api_url),
            self.clock, max_attempts=settings.delivery_max_attempts)
        parts.on_slack_queued = self.slack_sender.wake.set
        self._tasks.append(asyncio.create_task(self.slack_sender.run(), name="slack"))

    async def _start_slack(self, web_app: web.Application) -> None:
        """Slack's actions and /referral taken at /slack/events (or over Socket Mode with an
        app token)."""
        from channels.slack.app import slack_app_and_handlers, socket_mode_handler
        from channels.slack.http import add_slack_routes

        settings = self.settings
        self._slack_parts()
        parts = self.engine.parts  # type: ignore[union-attr]
        bolt, self._slack_handlers = slack_app_and_handlers(
            settings, self.desk, parts.referral_spec, market=MarketDesk(self.engine),
            sessions=parts.sessions)
        if settings.slack_signing_secret:
            add_slack_routes(web_app, bolt)
        if settings.slack_app_token:
            self._socket = socket_mode_handler(bolt, settings.slack_app_token)
            await self._socket.connect_async()

    @property
    def smtp_port(self) -> int:
        return int(self._smtp.sockets[0].getsockname()[1]) if self._smtp else 0

    @property
    def web_port(self) -> int:
        return self._web_listener.port if self._web_listener else 0

    async def _load_word_lists(self) -> None:
        """The anonymiser's word lists, read (or built by a child process) off the loop.
        Should that fail, the anonymiser builds them itself when first needed: logged, not
        raised, so that the worker starts all the same and the service stops cleanly."""
        try:
            await asyncio.to_thread(lexicon_cache.load, self.settings.var_dir)
        except Exception:
            log.exception("the word lists could not be loaded; the anonymiser will build "
                          "them when it first needs them")

    def _wake_inbound(self, size: int | None = None) -> None:
        """Wake the inbound lanes; for a message just stored (`size`), only its own."""
        for lane, wake in self._inbound_wake.items():
            if size is None or lane_of(size) == lane:
                wake.set()

    async def _inbound_loop(self, word_lists: asyncio.Task[None], lane: str) -> None:
        """Read what the intake stored for this lane, batch by batch, woken by the intake
        or polling.

        The first pass waits for the anonymiser's word lists (a second or so on a fresh
        install, when a child process builds them). A referral read before they are in
        would build them here, and the service would keep the three packages' whole data,
        about 35 MB, for the rest of its life. Mail still gets its `250` meanwhile."""
        assert self.engine is not None
        wake = self._inbound_wake.setdefault(lane, asyncio.Event())
        await asyncio.wait([word_lists])  # its failure is logged, not raised
        if lane == LANES[0]:
            self._settle_heap()  # the last of the start-up's long-lived objects are in
        while True:
            wake.clear()
            try:
                taken = await self.engine.process_pending(lane=lane)
            except Exception:
                log.exception("inbound pass (%s) failed; retrying shortly", lane)
                taken = 0
            if taken:  # what waited in the other lane behind these may go now
                self._wake_inbound()
            else:
                await woken_or_after(wake, self._poll_seconds("intake"))

    def _settle_heap(self) -> None:
        if self.settle_heap:
            log.info("start-up heap frozen: %d objects", heap.settle())

    async def _delivery_failed(self, outbox_id: int, detail: str) -> None:
        assert self.engine is not None
        await self.engine.report_delivery_failure(outbox_id, detail)

    async def stop(self) -> None:
        """Stop taking mail, finish nothing half-way (transactions roll back), close all."""
        if self._smtp:
            self._smtp.close()
            await self._smtp.wait_closed()
        if self._intake:  # also when its port could not be bound
            self._intake.close()
        if self.sender:  # the emails in flight are sent and recorded, not sent again later
            await self.sender.finish()
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.scheduler:
            await self.scheduler.stop()
        if self.engine is not None and self.engine.parts.reader is not None:
            self.engine.parts.reader.close()
            self.engine.parts.reader = None
        if self._socket:
            await self._socket.close_async()
        if self._web_listener:
            self._web_listener.stop_accepting()
        if self._web:
            await self._web.cleanup()
        if self._web_listener:
            await self._web_listener.wait_closed()
            self._web_listener = None
        if self._slack_handlers:  # clicks acknowledged are recorded before the database closes
            await self._slack_handlers.finish()
            self._slack_handlers = None
        if self.relay:
            await self.relay.close()
        if self.db:
            await self.db.dispose()
        self._smtp = self._web = self.db = self.scheduler = self._socket = self._intake = None
        log.info("stopped")


def mailbox_url(web_url: str, settings: Settings) -> str:
    """The dev mailbox's link, with its key (channels/web/app.py `mailbox_guard`)."""
    return f"{web_url}/mailbox?key={mailbox_key(settings.secret())}"


async def serve(settings: Settings, roles: frozenset[str] = frozenset(ROLES)) -> None:
    """`broker serve`: run until SIGINT or SIGTERM, then shut down cleanly."""
    service = Service(settings, roles=roles, settle_heap=True)
    quiet_libraries()
    try:
        await service.start()
    except BaseException:  # a port taken, say: close what had started, then say why
        await service.stop()
        raise
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    web = service.engine.parts.web_url if service.engine else settings.web_base_url
    mailbox = (f"; dev mailbox at {mailbox_url(web, settings)} (this machine only)"
               if settings.relay == "mailbox" else "")
    if "intake" in roles:  # the ports bound, which port 0 leaves to the system to choose
        print(f"Broker running. Send referrals to {settings.referrals_address} via SMTP "
              f"{settings.smtp_host}:{service.smtp_port}{mailbox}; placements console at "
              f"{web}/console. Ctrl-C stops.", flush=True)
    else:
        print(f"Broker running ({', '.join(sorted(roles))}). Ctrl-C stops.", flush=True)
    await stop.wait()
    await service.stop()
