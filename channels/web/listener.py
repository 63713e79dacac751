"""The web port's listener: connections admitted as the SMTP intake admits them.

The web server shares one process with the SMTP intake, the workers and the database, and
one open-files limit. With no cap, 1,100 idle connections from one client (review 25) used
every file the process could open: `/healthz` timed out, the SMTP intake dropped mail, the
workers could not open the SQLite database, and asyncio logged "socket.accept() out of
system resource" 216 MB in 2.5 minutes. So:

- past `most` connections open at once, or `most_per_client` from one address (an IPv6
  client's whole /64: channels/connections.py), a new one is answered `503` (try again
  later) and closed at accept, before anything is read. A trusted reverse proxy
  (channels/web/clients.py) carries everyone's connections, so it counts towards the total
  only;
- `RESERVE` connections past `most` are kept for this machine itself (127.0.0.1, ::1) and
  the trusted proxies, so that a health check from either is still answered while strangers
  hold all the rest (review 27: a few hosts sending slow bodies took all 512, and the load
  balancer's `/healthz` got `503`). They come out of the open files broker/capacity.py
  keeps in reserve;
- a connection must send a request's headers, and may sit idle between requests, for at most
  `idle_timeout` seconds (aiohttp's keep-alive timer, which it starts at accept and which
  closes a connection still waiting for a whole request), instead of aiohttp's 75 s.

aiohttp stops that timer once a request's headers are in; its body then has as long again,
on every route, or is answered `408` and its connection closed (channels/web/deadline.py).
A client that keeps opening slow connections can still hold its share of them: the README
says to reach the port through a buffering proxy, which holds slow clients itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiohttp import web

from channels.connections import Connections

log = logging.getLogger("broker.web")
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 33\r\n\r\n"
        b"Too many connections; try again.\n")
REFUSALS_LOGGED_EVERY = 60.0  # seconds
RESERVE = 8  # connections past the cap for this machine and the trusted proxies
THIS_MACHINE = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


class _Admitted(asyncio.Protocol):
    """One connection: refused at once when `connections` has no room, else handed to
    aiohttp's request handler (`make()`), which then sees everything it would have."""

    def __init__(self, listener: WebListener) -> None:
        self._listener = listener
        self._inner: asyncio.Protocol | None = None
        self._client = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        client = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if not self._listener.connections.admit(client):
            self._listener.refused(client)
            transport.write(BUSY)  # type: ignore[attr-defined]
            transport.close()
            return
        self._client = client
        self._inner = self._listener.make()
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._inner is None:
            return  # refused: it was never counted
        inner, self._inner = self._inner, None
        self._listener.connections.release(self._client)
        inner.connection_lost(exc)


class WebListener:
    """`await WebListener(runner, …).start(host, port)`; `.port`; `stop_accepting()` before
    the runner's cleanup, `await wait_closed()` after it."""

    def __init__(self, runner: web.AppRunner, *, most: int, most_per_client: int,
                 shared: Callable[[str], bool] | None = None, reserve: int = RESERVE) -> None:
        self.runner = runner
        trusted = shared or (lambda client: False)
        self.connections = Connections(
            most, most_per_client, trusted, reserve=reserve,
            reserved=lambda client: client in THIS_MACHINE or trusted(client))
        self.server: asyncio.Server | None = None
        self._refused, self._refusals_logged_at = 0, -REFUSALS_LOGGED_EVERY

    def make(self) -> asyncio.Protocol:
        server = self.runner.server
        assert server is not None, "the runner is not set up"
        return server()

    async def start(self, host: str, port: int, backlog: int = 128) -> None:
        loop = asyncio.get_running_loop()
        self.server = await loop.create_server(lambda: _Admitted(self), host, port,
                                               backlog=backlog)

    @property
    def port(self) -> int:
        sockets = self.server.sockets if self.server is not None else ()
        return int(sockets[0].getsockname()[1]) if sockets else 0

    def refused(self, client: str) -> None:
        """Counted, and logged at most once a minute (a flood must not fill the log)."""
        self._refused += 1
        now = asyncio.get_running_loop().time()
        if now - self._refusals_logged_at >= REFUSALS_LOGGED_EVERY:
            log.warning("web connections refused at accept (%d open, %d from the latest "
                        "refused client; the most are %d and %d): %d since the last report",
                        self.connections.open, self.connections.from_client(client),
                        self.connections.most, self.connections.most_per_client,
                        self._refused)
            self._refused, self._refusals_logged_at = 0, now

    def stop_accepting(self) -> None:
        """Close the listening socket; the open connections are the runner's to close."""
        if self.server is not None:
            self.server.close()

    async def wait_closed(self) -> None:
        """Once the runner has closed the connections (Python 3.12 waits for them here)."""
        if self.server is not None:
            server, self.server = self.server, None
            await server.wait_closed()
