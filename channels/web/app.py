"""The web server: `/healthz`, the dev mailbox at `/mailbox` (every outbound email), and,
when given a signing secret, the pages reached by signed links: full papers for shortlisted
providers (`/papers/{token}`, papers.py) and the social worker's shortlist page
(`/shortlist/{token}`, shortlist.py).

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
from sqlmodel import col

from broker.clock import Clock, SystemClock
from broker.db.tables import Outbox
from channels.web.guard import private_headers
from channels.web.keys import CLOCK, LINK_SECRET, PORT, REFERRAL_SPEC, SESSIONS
from channels.web.papers import papers_attachment, papers_page
from channels.web.shortlist import shortlist_page, shortlist_submit, shortlist_summary

__all__ = ["SESSIONS", "build_web_app"]
SHOWN_HEADERS = ("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To")
PAGE_SIZE = 200
LARGEST_ID = 2**63 - 1  # beyond a 64-bit integer column: no such row, not a database error


def build_web_app(sessions: async_sessionmaker[AsyncSession], templates: Path, *,
                  secret: bytes | None = None, clock: Clock | None = None, port: Any = None,
                  referral_spec: Any = None) -> web.Application:
    """The web application. With `secret` (the link-signing key) it also serves full-papers
    links; with `secret` and `port` (a workflows.ports.PlacementPort) the shortlist page too.
    `referral_spec` (broker.forms.FormSpec) labels the form on the papers page."""
    app = web.Application(middlewares=[private_headers])
    app[SESSIONS] = sessions
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(str(templates / "web")),
                         undefined=jinja2.StrictUndefined, autoescape=True)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/mailbox", mailbox)
    app.router.add_get("/mailbox/{id:\\d+}", mailbox_message)
    app.router.add_get("/mailbox/{id:\\d+}.eml", mailbox_raw)
    app.router.add_get("/", home)
    if secret is not None:
        _add_link_pages(app, secret, clock or SystemClock(), port, referral_spec)
    return app


def _add_link_pages(app: web.Application, secret: bytes, clock: Clock, port: Any,
                    referral_spec: Any) -> None:
    app[LINK_SECRET] = secret
    app[CLOCK] = clock
    app[REFERRAL_SPEC] = referral_spec
    app.router.add_get("/papers/{token}", papers_page)
    app.router.add_get("/papers/{token}/attachments/{n}", papers_attachment)
    if port is not None:
        app[PORT] = port
        app.router.add_get("/shortlist/{token}", shortlist_page)
        app.router.add_post("/shortlist/{token}", shortlist_submit)
        app.router.add_get("/shortlist/{token}/summary", shortlist_summary)


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


def _page_asked(request: web.Request) -> int:
    """`?page=N`, a whole number from 1; anything else is the asker's mistake (400)."""
    text = request.query.get("page", "1").strip() or "1"
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise web.HTTPBadRequest(text=f"page must be a whole number from 1, not {text[:20]!r}")
    return int(text)


@aiohttp_jinja2.template("mailbox.html.j2")
async def mailbox(request: web.Request) -> dict[str, Any]:
    page = _page_asked(request)
    async with request.app[SESSIONS]() as session:
        total = (await session.execute(select(func.count()).select_from(Outbox))).scalar_one()
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        if page > pages:  # past the end (or a number too large to query): the last page
            raise web.HTTPFound(f"/mailbox?page={pages}")
        rows = (await session.execute(
            select(col(Outbox.id), col(Outbox.created_at), col(Outbox.to_addr),
                   col(Outbox.subject), col(Outbox.status), col(Outbox.kind))
            .order_by(col(Outbox.id).desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
        )).all()
    return {"rows": rows, "total": total, "page": page, "pages": pages}


async def _load(request: web.Request) -> Outbox:
    outbox_id = int(request.match_info["id"])
    async with request.app[SESSIONS]() as session:
        row = await session.get(Outbox, outbox_id) if outbox_id <= LARGEST_ID else None
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
