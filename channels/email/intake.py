"""SMTP intake (aiosmtpd) on a thread of its own (channels/email/smtp_thread.py): store, say
250, do nothing else.

Plainly wrong mail is refused early: an address that is not ours is `550` at RCPT (RFC 5321
§3.6.2: we are not a relay), a reply token whose signature is wrong is `550` at RCPT, and a
message over the size limit is `552` (aiosmtpd enforces `data_size_limit`). Everything else
is committed to `inbound_message` before the `250` (nothing acknowledged is lost); the
worker does the full checks afterwards. That includes a message with a lone CR (or a NUL)
in its headers, which RFC 5321 §2.3.8 forbids: it is stored as it came, and proves nothing
(broker/mailauth.py `two_readings`), so its sender is answered as any sender whose mail
nothing proves, and the rule holds however a message reaches the store.

The server faces the internet, so connections are limited as an MTA limits them: past
`max_connections` open at once, or `max_per_client` from one IP address, a new connection
is answered `421` (try again later, which real senders do) and closed before anything is
read, so a client holding connections open cannot take the port from everyone else.

On SQLite the store is one hop to a worker thread running one Core INSERT and COMMIT on a
synchronous connection with the service's pragmas (WAL, synchronous=NORMAL): the async
session and aiosqlite cost several thread round trips per message, and this runs before
every 250. PostgreSQL keeps the async engine, on the service's loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime
from functools import partial
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import Engine, create_engine, event, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.capacity import AcceptErrors
from broker.clock import Clock
from broker.db.engine import sqlite_pragmas
from broker.db.tables import InboundMessage
from broker.mailauth import received_line, return_path_line
from broker.tokens import read_bounce_token, read_token
from channels.connections import Connections
from channels.email.allowance import ServerAllowance
from channels.email.smtp_thread import Home, SmtpThread

log = logging.getLogger("broker.smtp")
# bounces@: the envelope sender of what earlier versions sent; bounces+<token>@ is each
# email's own now (broker/tokens.py `bounce_address`)
ROLE_ADDRESSES = ("referrals", "providers", "postmaster", "bounces")
MAX_RECIPIENTS = 100  # in one transaction; a sender that needs more sends the rest again
# Built once, and Core rather than the ORM's unit of work: this runs before every 250.
_STORE = insert(InboundMessage.__table__)


class IntakeHandler:
    """aiosmtpd handler: the hooks aiosmtpd calls for RCPT and DATA."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        mail_domain: str,
        secret: bytes,
        on_stored: Callable[[int], None] = lambda _size: None,
        expected: Callable[[str, str], bool] = lambda _sender, _to: False,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.mail_domain = mail_domain.lower()
        self.secret = secret
        self.on_stored = on_stored
        self.expected = expected  # (envelope sender, recipients) → someone we deal with
        self.allowance = ServerAllowance()  # forgeable "expected" marks per connecting server
        self._direct = _direct_sqlite(sessions)
        self._home = Home()  # made on the service's loop; the hooks run on the SMTP thread

    def is_ours(self, address: str) -> bool:
        local, _, domain = address.lower().rpartition("@")
        if domain != self.mail_domain:
            return False
        if local in ROLE_ADDRESSES:
            return True
        if local.startswith("bounces+"):
            return read_bounce_token(self.secret, local.removeprefix("bounces+")) is not None
        return local.startswith("r+") and read_token(self.secret, local[2:]) is not None

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: SMTP, session: Session, envelope: Envelope, address: str,
        rcpt_options: list[str],
    ) -> str:
        if not self.is_ours(address):
            return "550 5.1.1 Recipient address rejected: no such mailbox here"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:  # RFC 5321 §4.5.3.1.8: the rest later
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        peer = session.peer[0] if isinstance(session.peer, tuple) else ""
        try:
            inbound_id, size = await self._store(raw, envelope.mail_from or "",
                                                 envelope.rcpt_tos, peer=str(peer),
                                                 helo=session.host_name or "")
        except Exception:
            log.exception("could not store an inbound message")
            return "451 4.3.0 Temporary failure storing the message; please try again"
        self._home.call(partial(self.on_stored, size))
        return f"250 2.0.0 OK queued as {inbound_id}"

    async def store(self, raw: bytes, mail_from: str, rcpt_tos: list[str], *,
                    peer: str = "", helo: str = "") -> int:
        """Commit the message with our trace line on top: the worker trusts an upstream
        server's Authentication-Results only when this line names a trusted relay."""
        return (await self._store(raw, mail_from, rcpt_tos, peer=peer, helo=helo))[0]

    async def _store(self, raw: bytes, mail_from: str, rcpt_tos: list[str], *,
                     peer: str, helo: str) -> tuple[int, int]:
        """`store`, returning the row's id and its stored size."""
        now = self.clock.now()
        raw = (received_line(peer, helo, self.mail_domain, format_datetime(now))
               + return_path_line(mail_from) + raw)
        values = {"channel": "email", "received_at": now, "message_id": "",
                  "mail_from": mail_from[:320], "rcpt_to": ",".join(rcpt_tos)[:2000],
                  "raw": raw, "size": len(raw), "status": "new", "outcome": "",
                  "expected": self._expected(mail_from, rcpt_tos, peer, now)}
        if self._direct is not None:
            return await asyncio.to_thread(_store_directly, self._direct, values), len(raw)
        return await self._home.run(self._store_async(values)), len(raw)

    def _expected(self, mail_from: str, rcpt_tos: list[str], peer: str,
                  now: datetime) -> bool:
        """Whether the worker should serve it before strangers' mail; never a reason to
        refuse it, so a failing check only leaves it in the strangers' order. Only so much
        of one server's mail is expected (channels/email/allowance.py): an envelope sender
        can be forged, and a reply address, once a forwarded email has shown it, named."""
        try:
            if not any(self.expected(mail_from, to) for to in rcpt_tos):
                return False
        except Exception:  # noqa: BLE001 - the 250 must not depend on it
            log.exception("could not tell whether an inbound message is expected")
            return False
        return not peer or self.allowance.take(peer, now)  # no server: stored by the service

    async def _store_async(self, values: dict[str, Any]) -> int:
        async with self.sessions() as db:
            result = await db.execute(_STORE, values)
            await db.commit()
            return int(result.inserted_primary_key[0])

    def close(self) -> None:
        """Close the SQLite store's own connections (the service is stopping)."""
        if self._direct is not None:
            self._direct.dispose()


def _direct_sqlite(sessions: async_sessionmaker[AsyncSession]) -> Engine | None:
    """A synchronous engine on the service's SQLite file, with its pragmas (None for
    PostgreSQL, or a database only the async engine can see)."""
    bind = sessions.kw.get("bind")
    url = getattr(bind, "url", None)
    if url is None or url.get_backend_name() != "sqlite" or url.database in (None, "",
                                                                              ":memory:"):
        return None
    engine = create_engine(url.set(drivername="sqlite"), hide_parameters=True,  # a message's
                           # bytes never in an error's text (broker/db/engine.py make_engine)
                           connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", sqlite_pragmas)
    return engine


def _store_directly(engine: Engine, values: dict[str, Any]) -> int:
    with engine.begin() as connection:  # commits before the 250 is said
        result = connection.execute(_STORE, values)
        return int(result.inserted_primary_key[0])


TOO_MANY = b"421 4.7.0 Too many connections; please try again later\r\n"


class _LimitedSMTP(SMTP):
    """aiosmtpd's SMTP session, answering `421` when `connections` has no room."""

    def __init__(self, connections: Connections, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = connections
        self._client: str | None = None  # set once admitted

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        client = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if not self._connections.admit(client):
            transport.write(TOO_MANY)  # type: ignore[attr-defined]
            transport.close()
            return
        self._client = client
        super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._client is None:
            return  # refused: the session never began
        self._connections.release(self._client)
        self._client = None
        super().connection_lost(exc)


async def start_smtp_server(
    handler: Any, host: str, port: int, *, max_bytes: int, hostname: str,
    max_connections: int = 200, max_per_client: int = 50,
) -> SmtpThread:
    """The SMTP server, listening once this returns, on its own thread and loop."""
    connections = Connections(max_connections, max_per_client)

    def protocol() -> Any:
        return _LimitedSMTP(connections, handler, data_size_limit=max_bytes,
                            enable_SMTPUTF8=True, hostname=hostname,
                            ident="placement-referral-broker")

    async def create(loop: asyncio.AbstractEventLoop) -> asyncio.Server:
        AcceptErrors.install(loop)  # out of open files: once a minute, not once a connection
        return await loop.create_server(protocol, host=host, port=port)

    return await SmtpThread(create).start()
