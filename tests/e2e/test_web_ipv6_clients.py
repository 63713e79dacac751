"""The web's once-a-minute recording of strangers' junk counts an IPv6 client by its /64, as
connections are counted (channels/connections.py `client_key`), on the real service behind
a trusted proxy on loopback. One host may take any of its /64's addresses: by exact address,
200 made-up /papers links wrote 200 `papers_access` rows, and 200 made-up sign-in links 200
`staff_access` rows, in a second (attacker review 29, F3). Addresses are documentation ones.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import PapersAccess, StaffAccess
from channels.web.console.context import CONSOLE
from channels.web.console.refusals import REMEMBERED

START = datetime.now(UTC).replace(microsecond=0)


async def _rows(service: Any, table: Any) -> list[str]:
    async with service.engine.parts.sessions() as session:
        rows = (await session.execute(select(table).order_by(table.id))).scalars().all()
        return [row.remote for row in rows]


async def _status(port: int, method: str, path: str, client: str) -> int:
    async with aiohttp.ClientSession() as http, http.request(
            method, f"http://127.0.0.1:{port}{path}",
            headers={"X-Forwarded-For": client}) as response:
        await response.read()
        return response.status


async def test_made_up_papers_links_from_one_ipv6_64_are_recorded_once_a_minute(
        sqlite_url: str, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, clock=clock, trusted_proxies="127.0.0.1")
    port = service.web_port
    for n in range(12):  # one host, a new address of its /64 each time
        assert await _status(port, "GET", f"/papers/junk{n}", f"2001:db8:1:2::{n + 1:x}") == 403
    assert await _status(port, "GET", "/papers/junk", "2001:db8:1:2:ffff:ffff:ffff:fffe") == 403
    assert await _status(port, "GET", "/papers/junk", "2001:db8:1:3::1") == 403  # another /64
    for n in range(3):  # IPv4: each address its own client, as before
        assert await _status(port, "GET", f"/papers/junk{n}", f"198.51.100.{n + 1}") == 403
    assert await _status(port, "GET", "/papers/junk", "198.51.100.1") == 403
    assert await _status(port, "GET", "/ipa/junk", "2001:db8:1:2::abcd") == 403
    assert await _rows(service, PapersAccess) == [
        "2001:db8:1:2::1", "2001:db8:1:3::1", "198.51.100.1", "198.51.100.2", "198.51.100.3"]
    clock.advance(timedelta(seconds=61))
    assert await _status(port, "GET", "/papers/junk", "2001:db8:1:2::77") == 403
    assert (await _rows(service, PapersAccess))[5:] == ["2001:db8:1:2::77"]


async def test_made_up_sign_in_links_from_one_ipv6_64_are_recorded_once_a_minute(
        sqlite_url: str, service_factory: Any) -> None:
    """Both in this process's memory and, for another instance that has not seen the /64
    (its memory empty), in the database's rows."""
    service = await service_factory(sqlite_url, trusted_proxies="127.0.0.1")
    port, console = service.web_port, service._web.app[CONSOLE]
    for n in range(12):
        assert await _status(port, "POST", f"/console/sign-in/madeup{n}",
                             f"2001:db8:1:2::{n + 1:x}") == 403
    assert await _rows(service, StaffAccess) == ["2001:db8:1:2::1"]
    console.extra[REMEMBERED].clear()  # as another instance would be
    assert await _status(port, "POST", "/console/sign-in/madeup", "2001:db8:1:2::99") == 403
    assert await _rows(service, StaffAccess) == ["2001:db8:1:2::1"]
    assert await _status(port, "POST", "/console/sign-in/madeup", "2001:db8:1:3::1") == 403
    assert await _rows(service, StaffAccess) == ["2001:db8:1:2::1", "2001:db8:1:3::1"]
