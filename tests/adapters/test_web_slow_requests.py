"""A request's body must arrive by its deadline, on every route, and a health check from this
machine is answered while strangers hold every connection: a real aiohttp server on loopback
behind the service's own listener (channels/web/listener.py) and body deadline
(channels/web/deadline.py), driven from raw sockets. Review 27: a `POST` announcing 100,000
bytes and sending one every few seconds held its connection for ever (aiohttp's keep-alive
timer stops once the headers are in), and a few hosts doing that took all 512 connections,
so even `/healthz` got 503.

The server's keep-alive timer and aiohttp's lingering are set far longer than any bound
here, so only the body deadline can close these connections."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from channels.web.deadline import body_deadline
from channels.web.listener import WebListener
from tests.conftest import wait_for

SLOW_HEAD = (b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
             b"\r\nContent-Length: 100000\r\n\r\na")
NEVER = 3600.0  # the keep-alive timer and lingering: longer than any test waits


async def read_form(request: web.Request) -> web.Response:
    return web.Response(text=f"{len(await request.post())} fields")


async def answer_at_once(request: web.Request) -> web.Response:
    return web.Response(status=403, text="not yours")  # the body is never read


async def ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@contextlib.asynccontextmanager
async def server(most: int, per_client: int, reserve: int = 0) -> AsyncIterator[WebListener]:
    app = web.Application(middlewares=[body_deadline(0.3)])
    app.router.add_post("/form", read_form)
    app.router.add_post("/early", answer_at_once)
    app.router.add_get("/healthz", ok)
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=NEVER,
                           lingering_time=NEVER)
    await runner.setup()
    listener = WebListener(runner, most=most, most_per_client=per_client, reserve=reserve)
    await listener.start("127.0.0.1", 0)
    try:
        yield listener
    finally:
        listener.stop_accepting()
        await runner.cleanup()
        await listener.wait_closed()


class Slow:
    """A client that sends a request's headers and then its body a byte at a time."""

    def __init__(self, port: int, path: bytes, source: str) -> None:
        self.port, self.path, self.source = port, path, source
        self.trickle: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Slow:
        self.reader, self.writer = await asyncio.open_connection(
            "127.0.0.1", self.port, local_addr=(self.source, 0))
        self.writer.write(SLOW_HEAD % self.path)
        self.trickle = asyncio.create_task(self._trickle())
        return self

    async def _trickle(self) -> None:
        with contextlib.suppress(OSError):
            while not self.writer.is_closing():
                await asyncio.sleep(0.05)
                self.writer.write(b"a")
                await self.writer.drain()

    async def everything_until_closed(self) -> bytes:
        """All the server sends until it closes (bounded only against a hang)."""
        return await asyncio.wait_for(self.reader.read(), timeout=60)

    async def __aexit__(self, *exc: object) -> None:
        assert self.trickle is not None
        self.trickle.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.trickle
        self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()


async def get_healthz(port: int, source: str) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                   local_addr=(source, 0))
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    try:
        return await asyncio.wait_for(reader.read(), timeout=60)
    finally:
        writer.close()


async def test_a_slow_body_is_cut_off_and_its_connection_freed() -> None:
    async with server(most=2, per_client=2) as listener:
        port = listener.port
        async with Slow(port, b"/form", "127.0.0.2") as one, \
                Slow(port, b"/form", "127.0.0.2") as two:
            await wait_for(lambda: listener.connections.open == 2)
            assert (await get_healthz(port, "127.0.0.3")).startswith(b"HTTP/1.1 503 ")
            for slow in (one, two):  # still sending, and answered 408 and closed all the same
                got = await slow.everything_until_closed()
                assert got.startswith(b"HTTP/1.1 408 ")
                assert b"Connection: close" in got
            await wait_for(lambda: listener.connections.open == 0)
            served = await get_healthz(port, "127.0.0.3")
        assert served.startswith(b"HTTP/1.1 200 ") and served.endswith(b"ok")


@pytest.mark.parametrize("path", [b"/early", b"/nowhere"])
async def test_a_body_nobody_reads_is_not_waited_for_past_the_deadline(path: bytes) -> None:
    """The handler answers without reading (a refused link; no such page): aiohttp would
    read and discard the rest of the body for as long as it lingers; the deadline ends
    that too."""
    async with server(most=4, per_client=4) as listener, \
            Slow(listener.port, path, "127.0.0.2") as slow:
        got = await slow.everything_until_closed()
        assert got.startswith((b"HTTP/1.1 403 ", b"HTTP/1.1 404 "))
        await wait_for(lambda: listener.connections.open == 0)


async def test_a_body_in_time_is_read() -> None:
    async with server(most=4, per_client=4) as listener:
        reader, writer = await asyncio.open_connection("127.0.0.1", listener.port)
        body = b"a=1&b=2"
        writer.write(b"POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        got = await asyncio.wait_for(reader.read(), timeout=60)
        writer.close()
        assert got.startswith(b"HTTP/1.1 200 ") and got.endswith(b"2 fields")


async def test_this_machine_is_answered_when_strangers_hold_every_connection() -> None:
    async with server(most=2, per_client=1, reserve=1) as listener:
        port = listener.port
        async with Slow(port, b"/form", "127.0.0.2"), Slow(port, b"/form", "127.0.0.3"):
            await wait_for(lambda: listener.connections.open == 2)
            assert (await get_healthz(port, "127.0.0.4")).startswith(b"HTTP/1.1 503 ")
            assert (await get_healthz(port, "127.0.0.1")).startswith(b"HTTP/1.1 200 ")
