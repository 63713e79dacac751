"""The web port on the real service: connections capped in all and per client, a request's
headers (and idleness) timed out, and the client behind a trusted proxy recorded as itself
(review 25: 1,100 idle connections from one client took every open file the process had,
so /healthz timed out, SMTP dropped mail and the workers could not open the database; and
behind a proxy every access recorded the proxy)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any

import aiohttp
from sqlalchemy import select

from broker.db.tables import PapersAccess
from tests.conftest import wait_for


def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    """A connection from `source` (any address in 127/8 is this machine on Linux)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                    source_address=(source, 0))
    return sock


def answer(port: int, source: str = "127.0.0.1", seconds: float = 1) -> bytes:
    """What the server sends a new connection from `source` before closing it, or
    b"<still open>" after `seconds`."""
    with connect(port, source) as sock:
        sock.settimeout(seconds)
        got = b""
        try:
            while chunk := sock.recv(4096):
                got += chunk
        except TimeoutError:
            return got + b"<still open>"
        except ConnectionResetError:
            pass
        return got


def closed_by_server(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


async def healthz(port: int, source: str) -> int:
    connector = aiohttp.TCPConnector(local_addr=(source, 0))
    async with aiohttp.ClientSession(connector=connector) as http, \
            http.get(f"http://127.0.0.1:{port}/healthz",
                     timeout=aiohttp.ClientTimeout(total=5)) as response:
        return response.status


async def test_connections_are_capped_and_idle_ones_closed(sqlite_url: str,  # type: ignore[no-untyped-def]
                                                           service_factory) -> None:
    service = await service_factory(sqlite_url, web_max_connections=8, web_max_per_client=5,
                                    web_idle_timeout="4s")
    port = service.web_port
    with contextlib.ExitStack() as held_open:
        await capped_and_timed_out(service, port, held_open)


async def capped_and_timed_out(service: Any, port: int, stack: contextlib.ExitStack) -> None:
    def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
        return stack.enter_context(globals()["connect"](port, source))

    idle = [connect(port) for _ in range(3)]
    slow = [connect(port) for _ in range(2)]
    for sock in slow:  # a request's headers, never finished
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    extra = await asyncio.to_thread(answer, port)
    assert extra.startswith(b"HTTP/1.1 503 ") and b"Retry-After" in extra  # one client: 5
    assert await healthz(port, "127.0.0.2") == 200  # everyone else is still served
    others = [connect(port, "127.0.0.3") for _ in range(3)]  # 8 open in all
    await asyncio.sleep(0.2)
    refused = await asyncio.to_thread(answer, port, "127.0.0.4")
    assert refused.startswith(b"HTTP/1.1 503 ")

    held = idle + slow + others  # idle or unfinished: each closed by the server in time
    await wait_for(lambda: all([closed_by_server(sock) for sock in held]), timeout=60,
                   interval=0.25)
    assert await healthz(port, "127.0.0.1") == 200  # closed ones no longer count


async def test_behind_a_trusted_proxy_accesses_record_the_client(sqlite_url: str,  # type: ignore[no-untyped-def]
                                                                 service_factory) -> None:
    service = await service_factory(sqlite_url, trusted_proxies="127.0.0.1",
                                    web_max_per_client=2)
    port = service.web_port

    async def get(source: str, forwarded: str) -> int:
        connector = aiohttp.TCPConnector(local_addr=(source, 0), force_close=True)
        async with aiohttp.ClientSession(connector=connector) as http, \
                http.get(f"http://127.0.0.1:{port}/papers/made-up",
                         headers={"X-Forwarded-For": forwarded}) as response:
            return response.status

    assert await get("127.0.0.1", "203.0.113.7") == 403  # from our proxy: believed
    assert await get("127.0.0.1", "198.51.100.2") == 403  # another client behind it
    assert await get("127.0.0.2", "192.0.2.99") == 403  # not our proxy: not believed
    # the proxy carries everyone: more than the per-client cap of connections at once
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(connect(port)) for _ in range(4)]
        await asyncio.sleep(0.2)
        assert not any([closed_by_server(sock) for sock in socks])
    async with service.engine.parts.sessions() as session:
        rows: Any = (await session.execute(select(PapersAccess).order_by(PapersAccess.id))
                     ).scalars().all()
    assert [(r.remote, r.method, r.outcome) for r in rows] == [
        ("203.0.113.7", "GET", "refused:invalid"), ("198.51.100.2", "GET", "refused:invalid"),
        ("127.0.0.2", "GET", "refused:invalid")]


async def test_sign_in_bodies_are_not_waited_for(sqlite_url: str,  # type: ignore[no-untyped-def]
                                                  service_factory) -> None:
    """Review 27: `POST /console/sign-in` with `Content-Length: 100000` and a byte every few
    seconds was read for ever, and a few hosts took every connection so: the body now has
    BROKER_WEB_IDLE_TIMEOUT after its headers (408, closed), a sign-in form announcing more
    than a sign-in form holds is refused unread, and a made-up sign-in link is refused
    before its form is read."""
    service = await service_factory(sqlite_url, web_idle_timeout="1s")
    port = service.web_port

    async def everything(head: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=("127.0.0.2", 0))
        writer.write(head + b"a")  # a first byte of the body, and no more
        try:
            return await asyncio.wait_for(reader.read(), timeout=60)  # until it is closed
        finally:
            writer.close()

    def post(path: bytes, length: int) -> bytes:
        return (b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                % (path, length))

    slow = await everything(post(b"/console/sign-in", 2000))
    assert slow.startswith(b"HTTP/1.1 408 ")
    assert (await everything(post(b"/console/sign-in", 100_000))).startswith(b"HTTP/1.1 413 ")
    made_up = await everything(post(b"/console/sign-in/" + b"x" * 43, 2000))
    assert made_up.startswith(b"HTTP/1.1 403 ") and b"expired" in made_up
    assert await healthz(port, "127.0.0.3") == 200
