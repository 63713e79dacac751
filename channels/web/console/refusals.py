"""Refusals of someone nobody knows, recorded once a minute per client and action.

Anyone may ask the console for a sign-in link for a made-up address, or call the OIDC
callback with a made-up `state`, as often as they like. A `staff_access` row each would let
them fill the table and queue for the database's write lock at will (review 25: 1,000
callbacks wrote 1,000 rows), as the papers page already knows (channels/web/guard.py
`worth_recording`). So such a refusal is recorded for the first request of the minute from
each client, action and outcome (the real client's address, behind a trusted proxy:
channels/web/clients.py; an IPv6 client by its /64, whose host may take any address in it:
channels/connections.py `client_key`), and only logged after that. Refusals of a known member
of staff (too many links, say) are always recorded.

`first_of_the_minute` is the rule; this process remembers what it recorded (so a burst of
concurrent requests writes one row, not one per request in flight), and the database says
whether another instance recorded one.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiohttp import web
from sqlmodel import col

from broker.db.tables import StaffAccess
from channels.connections import client_key
from channels.web.console.context import parts, record_access
from channels.web.guard import recorded_for_client

log = logging.getLogger("broker.web.console")
EVERY = timedelta(minutes=1)
REMEMBERED = "refusals-recorded"  # ConsoleParts.extra: {(client key, action, outcome): when}
REMEMBERED_AT_MOST = 10_000


def first_of_the_minute(last: datetime | None, now: datetime) -> bool:
    """Rule: a stranger's refusal is recorded when none was, for the same client, action and
    outcome, in the last minute."""
    return last is None or now - last >= EVERY


async def record_refusal(request: web.Request, action: str, *, outcome: str,
                         address: str = "") -> None:
    """`record_access` for a refusal of someone not known to be staff, once a minute per
    client (an address, or an IPv6 /64), action and outcome; otherwise only a log line."""
    console = parts(request)
    now, client = console.now(), (request.remote or "")[:100]
    seen: dict[tuple[str, str, str], datetime] = console.extra.setdefault(REMEMBERED, {})
    key = (client_key(client), action[:100], outcome[:100])
    if not first_of_the_minute(seen.get(key), now):
        log.info("console %s refused (%s), recorded for this client within the minute",
                 action, outcome)
        return
    if len(seen) >= REMEMBERED_AT_MOST:
        for old in [k for k, at in seen.items() if first_of_the_minute(at, now)]:
            del seen[old]
        if len(seen) >= REMEMBERED_AT_MOST:
            seen.clear()
    seen[key] = now  # before the query: requests in flight meanwhile are not recorded too
    async with console.sessions() as session:
        elsewhere = await recorded_for_client(
            session, StaffAccess, client, col(StaffAccess.action) == action[:100],
            col(StaffAccess.outcome) == outcome[:100], col(StaffAccess.at) > now - EVERY)
    if elsewhere:  # another instance recorded this client's within the minute
        log.info("console %s refused (%s), recorded for this client within the minute",
                 action, outcome)
        return
    await record_access(request, action, address=address, outcome=outcome)
