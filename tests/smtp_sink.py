"""A real SMTP sink for tests and benchmarks: an aiosmtpd server on loopback that keeps mail.

It can be told to refuse recipients, temporarily (4xx) or permanently (5xx), to exercise the
outbox's retries and failure reports.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP


@dataclass
class Caught:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body else ""

    def html(self) -> str:
        body = self.message.get_body(preferencelist=("html",))
        return body.get_content() if body else ""

    def is_a_chaser(self) -> bool:
        """A provider's reminder: the first ('reminder, please reply by …') or the last
        ('Last reminder: closes at …'), by its subject."""
        subject = self.message["Subject"] or ""
        return "| reminder, please reply by " in subject or "| Last reminder: closes at " in subject


@dataclass
class SmtpSink:
    host: str = "127.0.0.1"
    port: int = 0
    caught: list[Caught] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address → "450 …" / "550 …"
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _server: Any = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower() in self.refuse:
            return self.refuse[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.caught.append(Caught(envelope.mail_from, list(envelope.rcpt_tos),
                                  envelope.original_content or envelope.content))
        self.arrived.set()
        return "250 OK"

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self, hostname="sink.localhost", data_size_limit=None),
            host=self.host, port=self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def to(self, address: str) -> list[Caught]:
        return [c for c in self.caught if address.lower() in (r.lower() for r in c.rcpt_tos)]

    async def stop(self) -> None:
        """Stop listening; a client that leaves a connection open is a failure, not a hang."""
        if self._server:
            self._server.close()
            try:
                await asyncio.wait_for(self._server.wait_closed(), timeout=15)
            except TimeoutError:
                raise AssertionError("a client left a connection to the SMTP sink open") from None
