"""What the web application is handed at start-up, under typed keys (aiohttp `AppKey`).

Kept apart from `app.py` so the page modules can read them without importing the app
builder (which imports them).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import async_sessionmaker

SESSIONS = web.AppKey("sessions", async_sessionmaker)
LINK_SECRET = web.AppKey("link_secret", bytes)
CLOCK: web.AppKey[Any] = web.AppKey("clock")  # broker.clock.Clock
PORT: web.AppKey[Any] = web.AppKey("port")  # workflows.ports.PlacementPort
REFERRAL_SPEC: web.AppKey[Any] = web.AppKey("referral_spec")  # broker.forms.FormSpec | None
HEALTH: web.AppKey[Any] = web.AppKey("health")  # channels.web.health.Limits
DIRECTORY: web.AppKey[Any] = web.AppKey("directory")  # broker.directory.Directory | None
# the link refusals this process recorded in the last minute (channels.web.guard.RecordedRefusals)
RECORDED: web.AppKey[Any] = web.AppKey("recorded")
# the dev mailbox's keys, the current key's first (broker.links `mailbox_keys`)
MAILBOX_KEY: web.AppKey[tuple[str, ...]] = web.AppKey("mailbox_key")
