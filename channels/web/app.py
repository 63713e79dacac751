"""The web server: `/healthz`, and the dev mailbox at `/mailbox` (every outbound email).

The mailbox is for development and demonstrations: it lists every email the service has
queued, whatever the relay, and shows each rendered (plain text and HTML) with its headers.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from broker.db.tables import Outbox

SESSIONS = web.AppKey("sessions", async_sessionmaker)
SHOWN_HEADERS = ("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To")


def build_web_app(sessions: async_sessionmaker[AsyncSession], templates: Path) -> web.Application:
    app = web.Application()
    app[SESSIONS] = sessions
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(str(templates / "web")),
                         undefined=jinja2.StrictUndefined, autoescape=True)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/mailbox", mailbox)
    app.router.add_get("/mailbox/{id:\\d+}", mailbox_message)
    app.router.add_get("/mailbox/{id:\\d+}.eml", mailbox_raw)
    app.router.add_get("/", home)
    return app


async def home(_request: web.Request) -> web.Response:
    raise web.HTTPFound("/mailbox")


async def healthz(request: web.Request) -> web.Response:
    try:
        async with request.app[SESSIONS]() as session:
            await session.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 (report any database failure as unhealthy)
        return web.json_response({"status": "error", "database": type(error).__name__},
                                 status=503)
    return web.json_response({"status": "ok", "database": "ok"})


@aiohttp_jinja2.template("mailbox.html.j2")
async def mailbox(request: web.Request) -> dict[str, Any]:
    page = max(int(request.query.get("page", "1") or 1), 1)
    async with request.app[SESSIONS]() as session:
        total = (await session.execute(select(func.count()).select_from(Outbox))).scalar_one()
        rows = (await session.execute(
            select(Outbox.id, Outbox.created_at, Outbox.to_addr, Outbox.subject, Outbox.status,
                   Outbox.kind).order_by(Outbox.id.desc()).offset((page - 1) * 200).limit(200)
        )).all()
    return {"rows": rows, "total": total, "page": page, "pages": max((total + 199) // 200, 1)}


async def _load(request: web.Request) -> Outbox:
    async with request.app[SESSIONS]() as session:
        row = await session.get(Outbox, int(request.match_info["id"]))
    if row is None:
        raise web.HTTPNotFound(text="No such message in the mailbox")
    return row


@aiohttp_jinja2.template("message.html.j2")
async def mailbox_message(request: web.Request) -> dict[str, Any]:
    row = await _load(request)
    message = message_from_bytes(row.raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    return {
        "row": row,
        "headers": [(name, message[name]) for name in SHOWN_HEADERS if message[name]],
        "text": text_part.get_content() if text_part else "",
        "html": html_part.get_content() if html_part else "",
    }


async def mailbox_raw(request: web.Request) -> web.Response:
    row = await _load(request)
    return web.Response(body=row.raw, content_type="message/rfc822")
