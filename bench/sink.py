"""A lean SMTP sink for the benchmarks: a real SMTP server on loopback that accepts everything.

The tests' sink (tests/smtp_sink.py, aiosmtpd) reads a message line by line and costs about
1.7 ms of CPU per email; in a broadcast of 1,500 emails on a 2-core machine it, not the
service, set the pace. Relays are written in C and take mail far faster. This one speaks
just enough ESMTP for the service's client (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
RFC 5321), finds the end of DATA in whole blocks, and notes each message's arrival time,
recipients, Message-ID (the service derives it from the outbox key, so two arrivals with
one Message-ID are one email sent twice) and Reply-To (where a provider would answer).
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)
_REPLY_TO = re.compile(rb"^Reply-To:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_END = b"\r\n.\r\n"


@dataclass
class Arrival:
    at: float  # time.perf_counter() when the 250 was given
    recipients: list[str]
    message_id: str
    reply_to: str = ""


@dataclass
class FastSink:
    host: str = "127.0.0.1"
    port: int = 0
    arrivals: list[Arrival] = field(default_factory=list)
    _server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Session(self), self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


class _Session(asyncio.Protocol):
    def __init__(self, sink: FastSink) -> None:
        self.sink = sink
        self.buffer = bytearray()
        self.in_data = False
        self.recipients: list[str] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: asyncio.Transport = transport  # type: ignore[assignment]
        self.transport.write(b"220 sink.localhost ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self._step():
            pass

    def _step(self) -> bool:
        """Handle one command or one whole message from the buffer; False when it needs more."""
        if self.in_data:
            body = b"\r\n" + self.buffer  # the terminator may follow an empty message
            end = body.find(_END)
            if end < 0:
                return False
            self._accept(bytes(body[2:end + 2]))
            del self.buffer[:end + 3]
            return True
        end = self.buffer.find(b"\r\n")
        if end < 0:
            return False
        line = bytes(self.buffer[:end]).decode("latin-1")
        del self.buffer[:end + 2]
        self._command(line)
        return True

    def _command(self, line: str) -> None:
        verb = line[:4].upper()
        if verb == "EHLO":
            self._reply("250-sink.localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 0")
        elif verb in ("HELO", "NOOP"):
            self._reply("250 OK")
        elif verb in ("MAIL", "RSET"):
            self.recipients = []
            self._reply("250 OK")
        elif verb == "RCPT":
            self.recipients.append(line.partition(":")[2].strip().strip("<>").split(">")[0])
            self._reply("250 OK")
        elif verb == "DATA":
            self.in_data = True
            self._reply("354 End data with <CR><LF>.<CR><LF>")
        elif verb == "QUIT":
            self._reply("221 Bye")
            self.transport.close()
        else:
            self._reply("500 Command not recognised")

    def _accept(self, message: bytes) -> None:
        self.in_data = False
        head = message.split(b"\r\n\r\n", 1)[0]
        found, reply_to = _MESSAGE_ID.search(head), _REPLY_TO.search(head)
        self.sink.arrivals.append(Arrival(
            time.perf_counter(), self.recipients,
            found.group(1).decode("latin-1") if found else "",
            reply_to.group(1).decode("latin-1").strip() if reply_to else ""))
        self.recipients = []
        self._reply("250 OK")

    def _reply(self, text: str) -> None:
        self.transport.write(text.encode("latin-1") + b"\r\n")
