"""Mail transactions on one open relay connection, written lean for broadcasts.

aiosmtplib opens the connection (TCP or TLS, STARTTLS, EHLO, AUTH: the parts worth a
well-kept library), then a `Session` takes over its transport (asyncio's `set_protocol`)
for the transactions themselves. Why: a broadcast is 1,500 transactions, and aiosmtplib
spends about 0.5 ms of CPU on each (a lock, a future and a regular-expression pass per
command, the message normalised twice) and cannot pipeline. Here a transaction is two
writes when the relay offers PIPELINING (RFC 2920: MAIL, RCPT and DATA sent together, then
the message) and four otherwise, each reply read straight from the buffer: about a
quarter of the CPU (measured by bench/broadcast.py).

One message per transaction, one recipient each: an email's outcome is the relay's reply to
its own DATA, so it can be recorded before the next message goes. `mark` is told what
becomes of the message the moment it happens, from where it happens rather than when the
sending task next runs (in a process busy with other work, a turn of the event loop later):

- `HANDED_OVER` straight after the message is written, if every byte of it, the closing dot
  included, went to the kernel in that write (so a kill now cannot keep it from the relay);
- then, from the protocol's own callback as the relay's reply is read: `ACCEPTED` for a 250,
  `REFUSED` for a refusal, or `REFUSED` when the connection is lost before any reply.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

HANDED_OVER, ACCEPTED, REFUSED = "handed over", "accepted", "refused"
Mark = Callable[[str], None]  # told one of the three, for the message in flight
MAX_REPLY_BYTES = 64 * 1024  # a reply longer than this is not SMTP: give up the connection


class SmtpReply(Exception):  # noqa: N818 - a reply, not a failure of ours
    """The relay refused (4xx: try again later; 5xx: never)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


def wire_form(raw: bytes) -> bytes:
    """The message as DATA carries it (RFC 5321 §4.5.2): CRLF line ends, a dot doubled at
    the start of a line, and the closing CRLF.CRLF."""
    data = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if data.startswith(b"."):
        data = b"." + data
    data = data.replace(b"\n.", b"\n..")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


class Session(asyncio.Protocol):
    """Takes over `transport` (already past EHLO and any AUTH) for mail transactions."""

    def __init__(self, transport: asyncio.BaseTransport, *, pipelining: bool,
                 size: bool) -> None:
        self.pipelining = pipelining
        self.size = size
        self._buffer = bytearray()
        self._replies: deque[tuple[int, str]] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._lost: BaseException | None = None
        self._mark: Mark | None = None  # for the reply to the message in flight
        self.transport: asyncio.WriteTransport = transport  # type: ignore[assignment]
        transport.set_protocol(self)

    @property
    def is_open(self) -> bool:
        return self._lost is None and not self.transport.is_closing()

    async def send(self, sender: str, recipient: str, data: bytes,
                   mark: Mark | None = None) -> None:
        """One message (`data` in wire form) to one recipient; SmtpReply if refused.
        `mark` is told as it is handed over and as the relay's reply is read (see above)."""
        size = f" SIZE={len(data)}" if self.size else ""
        commands = [f"MAIL FROM:<{sender}>{size}\r\n".encode(),
                    f"RCPT TO:<{recipient}>\r\n".encode(), b"DATA\r\n"]
        if self.pipelining:
            self._write(b"".join(commands))
            replies = [await self._reply() for _ in commands]
        else:
            replies = []
            for command in commands:
                self._write(command)
                replies.append(await self._reply())
                if replies[-1][0] >= 400:
                    break
        refused = next((reply for reply in replies[:2] if reply[0] >= 400), None)
        opened = len(replies) == 3 and replies[2][0] == 354
        if refused is None and not opened:
            refused = replies[-1]
        if refused is not None:
            if opened:  # DATA accepted although the envelope was not: end it empty
                self._write(b".\r\n")
                await self._reply()
            raise SmtpReply(*refused)
        self._write(data)
        if mark is not None and _in_the_kernel(self.transport):
            mark(HANDED_OVER)
        self._mark = mark  # every earlier reply is read: the next one is the message's
        try:
            code, message = await self._reply()
        finally:
            self._mark = None
        if code >= 400:
            raise SmtpReply(code, message)

    async def reset(self) -> None:
        """RSET after a refusal, before the next transaction."""
        await self._command(b"RSET\r\n")

    async def noop(self) -> None:
        await self._command(b"NOOP\r\n")

    async def quit(self) -> None:
        try:
            await self._command(b"QUIT\r\n")
        finally:
            self.close()

    def close(self) -> None:
        self.transport.close()

    async def _command(self, command: bytes) -> None:
        self._write(command)
        code, message = await self._reply()
        if code >= 400:
            raise SmtpReply(code, message)

    def _write(self, data: bytes) -> None:
        if not self.is_open:
            raise ConnectionResetError("the relay connection is closed")
        self.transport.write(data)

    async def _reply(self) -> tuple[int, str]:
        while not self._replies:
            if self._lost is not None:
                raise ConnectionResetError(f"the relay connection was lost: {self._lost}")
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._replies.popleft()

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            reply = self._one_reply()
            if reply is None:
                break
            self._replies.append(reply)
            if self._mark is not None:
                mark, self._mark = self._mark, None
                mark(ACCEPTED if reply[0] < 400 else REFUSED)
        if len(self._buffer) > MAX_REPLY_BYTES:
            self.connection_lost(ValueError("the relay's reply is too long"))
            self.transport.abort()
            return
        self._wake()

    def _one_reply(self) -> tuple[int, str] | None:
        """The first whole reply in the buffer (its last line has a space after the code)."""
        lines, start = [], 0
        while True:
            end = self._buffer.find(b"\n", start)
            if end < 0:
                return None
            line = bytes(self._buffer[start:end]).rstrip(b"\r")
            start = end + 1
            lines.append(line[4:].decode("utf-8", "replace"))
            if line[3:4] != b"-":
                break
        del self._buffer[:start]
        code = int(line[:3]) if line[:3].isdigit() else 451  # garbled: try again later
        return code, "\n".join(lines)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._lost is None:
            self._lost = exc or EOFError("closed by the relay")
        if self._mark is not None:  # lost before the reply to the message in flight
            mark, self._mark = self._mark, None
            mark(REFUSED)
        self._wake()

    def eof_received(self) -> bool:
        self.connection_lost(None)
        return False

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)


def _in_the_kernel(transport: asyncio.WriteTransport) -> bool:
    """Whether every byte written so far has left this process: nothing is waiting in
    asyncio's buffer (nor, over TLS, in the buffer of the connection beneath the TLS layer).
    Where that cannot be known, False: the email is then marked only by the relay's 250."""
    if transport.get_write_buffer_size():
        return False
    if transport.get_extra_info("sslcontext") is None and transport.get_extra_info(
            "ssl_object") is None:
        return True
    beneath = getattr(getattr(transport, "_ssl_protocol", None), "_transport", None)
    size = getattr(beneath, "get_write_buffer_size", None)
    return size is not None and size() == 0
