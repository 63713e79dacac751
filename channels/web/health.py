"""`GET /healthz`: is the service doing its job, and if not, why (no personal data).

    ok        the database answers, mail is leaving, nothing is stuck
    degraded  the relay has been failing for longer than `BROKER_HEALTH_RELAY_GRACE`
              (emails waiting with errors that old), or more dead letters wait than
              `BROKER_HEALTH_DEAD_LETTERS`: still serving, but someone must look
    error     the database does not answer (HTTP 503): `"database": "unavailable"`, and the
              error's kind goes to the log, not to whoever asked (the page is public)

A degraded service answers 200 with `"status": "degraded"` and `"why"`, so a load balancer
keeps it in service while a monitor that reads the status raises the alarm.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import DeadLetter, Outbox
from channels.web.keys import CLOCK, HEALTH, SESSIONS

log = logging.getLogger("broker.web.health")


@dataclass(frozen=True)
class Limits:
    relay_grace: timedelta = timedelta(minutes=15)
    dead_letters: int = 0


async def problems(session: AsyncSession, now: datetime, limits: Limits) -> list[str]:
    why = []
    stuck = (await session.execute(
        select(func.count(), func.min(Outbox.created_at)).where(
            Outbox.status.in_(("pending", "sending", "failed")),  # type: ignore[attr-defined]
            Outbox.attempts > 0, Outbox.last_error != "",
            Outbox.created_at <= now - limits.relay_grace))).one()
    if stuck[0]:
        why.append(f"relay: {stuck[0]} email(s) undelivered for over "
                   f"{int(limits.relay_grace.total_seconds() // 60)} minutes, with errors")
    waiting = (await session.execute(select(func.count()).where(
        DeadLetter.replayed_at.is_(None)))).scalar_one()  # type: ignore[union-attr]
    if waiting > limits.dead_letters:
        why.append(f"dead letters: {waiting} waiting (see broker dead-letters list)")
    return why


async def healthz(request: web.Request) -> web.Response:
    try:
        async with request.app[SESSIONS]() as session:
            await session.execute(text("SELECT 1"))
            why = await problems(session, request.app[CLOCK].now(), request.app[HEALTH])
    except Exception as error:  # noqa: BLE001 (report any database failure as unhealthy)
        log.warning("healthz: the database did not answer (%s)", type(error).__name__)
        return web.json_response({"status": "error", "database": "unavailable"}, status=503)
    if why:
        return web.json_response({"status": "degraded", "database": "ok", "why": why})
    return web.json_response({"status": "ok", "database": "ok"})
