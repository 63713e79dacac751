"""Where outbound mail goes: the built-in dev mailbox, or a real SMTP relay (aiosmtplib).

A relay takes one queued email at a time (up to `size` at once) and says `sent`, `retry` (a
temporary failure: 4xx or a network error, RFC 5321 §4.2.1) or `failed` (a permanent 5xx
refusal), so the sender can record each outcome as soon as it is known. Along the way it
calls `mark` with what has just happened to the email, the instant it happens and before
`send` returns (the sender journals each, see channels/email/claims.py):

- `HANDED_OVER`: the whole message, its closing dot included, has left this process for the
  kernel's socket buffer. A kill from here on cannot stop the relay receiving it (the kernel
  still delivers what it holds), so from here a crash must not send it again.
- `ACCEPTED`: the relay's 250 for it was read.
- `REFUSED`: anything else after all: a 4xx or 5xx, a lost connection, a timeout.

The SMTP relay
keeps a pool of up to `size` connections open across messages and broadcasts; one that has
stood idle a while is checked with NOOP before use (relays drop idle connections), so a
stale connection is never mistaken for a failure of the message. aiosmtplib opens each
connection (TLS, EHLO, AUTH); the transactions on it are channels/email/smtp_session.py's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib

from channels.email.smtp_session import (
    ACCEPTED,
    REFUSED,
    Mark,
    Session,
    SmtpReply,
    wire_form,
)


@dataclass(frozen=True)
class Outgoing:
    id: int
    to_addr: str
    raw: bytes


@dataclass(frozen=True)
class Delivery:
    id: int
    outcome: str  # sent | retry | failed
    detail: str = ""


IDLE_CHECK_SECONDS = 10.0  # a pooled connection idle longer than this is checked first
TIMEOUT_SECONDS = 30.0  # connecting and sending one message, at most


def _nothing(event: str) -> None:
    return None


class Relay(Protocol):
    size: int  # how many messages it takes at once

    async def send(self, item: Outgoing, mark: Mark = _nothing) -> Delivery: ...
    async def close(self) -> None: ...


class MailboxRelay:
    """Development: mail stays in the outbox and is browsable at /mailbox."""

    size = 1

    async def send(self, item: Outgoing, mark: Mark = _nothing) -> Delivery:
        mark(ACCEPTED)
        return Delivery(item.id, "sent", "kept in the dev mailbox")

    async def close(self) -> None:
        return None


class SmtpRelay:
    """Delivers through `smtp://host:port` (or smtps:// or smtp+starttls://user:pass@…)."""

    def __init__(self, url: str, envelope_from: str | Callable[[int], str],
                 connections: int = 8) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.tls = parts.scheme == "smtps"
        self.starttls = parts.scheme == "smtp+starttls"
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        # one address, or one per outbox row (VERP: a bounce then says which email failed)
        self.envelope_from = envelope_from
        self.size = connections
        self._slots = asyncio.Semaphore(connections)
        self._idle: list[tuple[Session, float]] = []  # (connection, idle since)

    async def send(self, item: Outgoing, mark: Mark = _nothing) -> Delivery:
        """One message on a pooled connection (at most `size` in use at once)."""
        async with self._slots:
            session: Session | None = None
            try:
                async with asyncio.timeout(TIMEOUT_SECONDS):  # one timer for the whole message
                    session = await self._connection()
                    sender = self.envelope_from if isinstance(self.envelope_from, str) \
                        else self.envelope_from(item.id)
                    await session.send(sender, item.to_addr, wire_form(item.raw), mark)
                result = Delivery(item.id, "sent")
            except SmtpReply as refusal:
                result = Delivery(item.id, "failed" if refusal.code >= 500 else "retry",
                                  f"{refusal.code} {refusal.message}")
                session = await self._reset(session)
            except aiosmtplib.SMTPResponseException as error:  # refused while connecting
                result = _classify(item.id, error)
            except (TimeoutError, aiosmtplib.SMTPException, OSError, EOFError) as error:
                result = Delivery(item.id, "retry", f"{type(error).__name__}: {error}")
                session = _discard(session)
            except BaseException:  # cancelled mid-message: that connection is in a bad state
                _discard(session)
                raise
            if result.outcome != "sent":
                mark(REFUSED)  # the session says so at once for a refusal it reads
            if session is not None:
                self._idle.append((session, time.monotonic()))
            return result

    async def _connection(self) -> Session:
        while self._idle:
            session, since = self._idle.pop()
            if session.is_open and await self._still_open(session, since):
                return session
        client = aiosmtplib.SMTP(hostname=self.host, port=self.port, use_tls=self.tls,
                                 start_tls=self.starttls or None, timeout=TIMEOUT_SECONDS)
        try:
            await client.connect()
            if self.username:
                await client.login(self.username, self.password or "")
            if client.is_ehlo_or_helo_needed:
                try:
                    await client.ehlo()
                except aiosmtplib.SMTPHeloError:
                    await client.helo()
        except BaseException:  # failed or cancelled half-way: leave no connection open
            client.close()
            raise
        assert client.transport is not None
        return Session(client.transport, pipelining=client.supports_extension("pipelining"),
                       size=client.supports_extension("size"))

    async def _still_open(self, session: Session, since: float) -> bool:
        if time.monotonic() - since < IDLE_CHECK_SECONDS:
            return True
        try:
            await session.noop()
            return True
        except (SmtpReply, OSError, EOFError, TimeoutError):
            _discard(session)
            return False

    async def _reset(self, session: Session | None) -> Session | None:
        """After a refused message the transaction must be reset before the next one."""
        if session is None or not session.is_open:
            return None
        try:
            await session.reset()
            return session
        except (SmtpReply, OSError, EOFError):
            return _discard(session)

    async def close(self) -> None:
        while self._idle:
            session, _ = self._idle.pop()
            with contextlib.suppress(SmtpReply, OSError, EOFError, TimeoutError):
                async with asyncio.timeout(5):
                    await session.quit()
            session.close()


def _discard(session: Session | None) -> None:
    if session is not None:
        session.close()
    return None


def _classify(item_id: int, error: Exception) -> Delivery:
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refusal.code for refusal in error.recipients]
        detail = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
        permanent = all(code >= 500 for code in codes)
    else:
        code = getattr(error, "code", 451)
        detail = f"{code} {getattr(error, 'message', error)}"
        permanent = code >= 500
    return Delivery(item_id, "failed" if permanent else "retry", detail)


def relay_from_setting(setting: str, envelope_from: str | Callable[[int], str],
                       connections: int) -> Relay:
    if setting == "mailbox":
        return MailboxRelay()
    return SmtpRelay(setting, envelope_from, connections)
