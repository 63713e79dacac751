"""Where outbound mail goes: the built-in dev mailbox, or a real SMTP relay (aiosmtplib).

A relay takes one queued email at a time (up to `size` at once) and says `sent`, `retry` (a
temporary failure: 4xx or a network error, RFC 5321 §4.2.1) or `failed` (a permanent 5xx
refusal), so the sender can record each outcome as soon as it is known. The SMTP relay
keeps a pool of up to `size` connections open across messages and broadcasts; one that has
stood idle a while is checked with NOOP before use (relays drop idle connections), so a
stale connection is never mistaken for a failure of the message.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib


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


class Relay(Protocol):
    size: int  # how many messages it takes at once

    async def send(self, item: Outgoing) -> Delivery: ...
    async def close(self) -> None: ...


class MailboxRelay:
    """Development: mail stays in the outbox and is browsable at /mailbox."""

    size = 1

    async def send(self, item: Outgoing) -> Delivery:
        return Delivery(item.id, "sent", "kept in the dev mailbox")

    async def close(self) -> None:
        return None


class SmtpRelay:
    """Delivers through `smtp://host:port` (or smtps:// or smtp+starttls://user:pass@…)."""

    def __init__(self, url: str, envelope_from: str, connections: int = 8) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.tls = parts.scheme == "smtps"
        self.starttls = parts.scheme == "smtp+starttls"
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.envelope_from = envelope_from
        self.size = connections
        self._slots = asyncio.Semaphore(connections)
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []  # (connection, idle since)

    async def send(self, item: Outgoing) -> Delivery:
        """One message on a pooled connection (at most `size` in use at once)."""
        async with self._slots:
            client: aiosmtplib.SMTP | None = None
            try:
                async with asyncio.timeout(TIMEOUT_SECONDS):  # one timer for the whole message
                    client = await self._connection()
                    await client.sendmail(self.envelope_from, [item.to_addr], item.raw,
                                          timeout=None)
                result = Delivery(item.id, "sent")
            except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPResponseException) as error:
                result = _classify(item.id, error)
                client = await self._reset(client)
            except (TimeoutError, aiosmtplib.SMTPException, OSError) as error:
                result = Delivery(item.id, "retry", f"{type(error).__name__}: {error}")
                client = await self._discard(client)  # type: ignore[func-returns-value]
            except BaseException:  # cancelled mid-message: that connection is in a bad state
                await self._discard(client)
                raise
            if client is not None:
                self._idle.append((client, time.monotonic()))
            return result

    async def _connection(self) -> aiosmtplib.SMTP:
        while self._idle:
            client, since = self._idle.pop()
            if client.is_connected and await self._still_open(client, since):
                return client
        client = aiosmtplib.SMTP(hostname=self.host, port=self.port, use_tls=self.tls,
                                 start_tls=self.starttls or None, timeout=TIMEOUT_SECONDS)
        try:
            await client.connect()
            if self.username:
                await client.login(self.username, self.password or "")
        except BaseException:  # failed or cancelled half-way: leave no connection open
            await self._discard(client)
            raise
        return client

    async def _still_open(self, client: aiosmtplib.SMTP, since: float) -> bool:
        if time.monotonic() - since < IDLE_CHECK_SECONDS:
            return True
        try:
            await client.noop()
            return True
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            await self._discard(client)
            return False

    async def _reset(self, client: aiosmtplib.SMTP | None) -> aiosmtplib.SMTP | None:
        """After a refused message the transaction must be reset before the next one."""
        if client is None or not client.is_connected:
            return None
        try:
            await client.rset()
            return client
        except (aiosmtplib.SMTPException, OSError):
            return await self._discard(client)  # type: ignore[func-returns-value]

    async def _discard(self, client: aiosmtplib.SMTP | None) -> None:
        if client is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                client.close()
        return None

    async def close(self) -> None:
        while self._idle:
            client, _ = self._idle.pop()
            try:
                await client.quit(timeout=5)
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                client.close()


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


def relay_from_setting(setting: str, envelope_from: str, connections: int) -> Relay:
    if setting == "mailbox":
        return MailboxRelay()
    return SmtpRelay(setting, envelope_from, connections)
