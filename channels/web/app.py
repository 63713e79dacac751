"""The web server: `/healthz` (health.py), the dev mailbox at `/mailbox` (every outbound
email), and, when given a signing secret, the pages reached by signed links: full papers for
shortlisted providers (`/papers/{token}`, papers.py), the social worker's shortlist page
(`/shortlist/{token}`, shortlist.py) and the link that confirms a shortlist given there
(`/shortlist/confirm/{token}`, shortlist_confirm.py), and the IPA as a PDF (`/ipa/{token}`,
ipa.py).

The mailbox is for development and demonstrations: it lists every email the service has
queued and shows each rendered with its headers, papers links and all. So it exists only
when asked for (`BROKER_RELAY=mailbox`), and answers only a browser on this machine or a
consortium operator signed in to the console: a request from another address, one relayed
by a proxy (it carries `Forwarded` or `X-Forwarded-For`), or one naming another host (DNS
rebinding) is refused.

Every page uses the GOV.UK Design System's look: `govuk-frontend`'s stylesheet, installed by
`make` from package.json into node_modules/ and served from `/govuk/` (never from a CDN),
with the broker's few additions from `/static/`. Templates come from templates/web/ and, for
the staff console (channels/web/console, added by broker/app.py), templates/console/.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from broker.clock import Clock, SystemClock
from broker.db.tables import Outbox
from broker.links import mailbox_keys
from channels.email.render import when
from channels.web.clients import Network, real_client
from channels.web.console.context import signed_in_operator
from channels.web.console.words import local
from channels.web.deadline import body_deadline
from channels.web.guard import RecordedRefusals, asset_headers, private_headers
from channels.web.health import Limits, healthz
from channels.web.ipa import ipa_document
from channels.web.keys import (
    CLOCK,
    DIRECTORY,
    HEALTH,
    LINK_SECRET,
    MAILBOX_KEY,
    PORT,
    RECORDED,
    REFERRAL_SPEC,
    SESSIONS,
)
from channels.web.papers import papers_attachment, papers_page
from channels.web.shortlist import shortlist_page, shortlist_submit, shortlist_summary
from channels.web.shortlist_confirm import confirm_page, confirm_submit

__all__ = ["SESSIONS", "build_web_app"]
log = logging.getLogger("broker.web")
SHOWN_HEADERS = ("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To")
GOVUK = Path(__file__).resolve().parents[2] / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATIC = Path(__file__).resolve().parent / "static"
PAGE_SIZE = 200
LARGEST_ID = 2**63 - 1  # beyond a 64-bit integer column: no such row, not a database error


def build_web_app(sessions: async_sessionmaker[AsyncSession], templates: Path, *,
                  secret: bytes | None = None, clock: Clock | None = None, port: Any = None,
                  referral_spec: Any = None, mailbox: bool = False,
                  health: Limits | None = None, directory: Any = None,
                  trusted_proxies: tuple[Network, ...] = (),
                  body_timeout: float = 15.0) -> web.Application:
    """The web application. With `secret` (the link-signing key) it also serves full-papers
    links; with `secret` and `port` (a workflows.ports.PlacementPort) the shortlist page too.
    `referral_spec` (broker.forms.FormSpec) labels the form on the papers page; `directory`
    names the home and the placements team there. Behind `trusted_proxies`, every handler
    sees the client's address as `request.remote` (channels/web/clients.py). A request's
    body must be all in within `body_timeout` seconds of its headers, on every route
    (channels/web/deadline.py)."""
    app = web.Application(middlewares=[real_client(trusted_proxies), private_headers,
                                       asset_headers, body_deadline(body_timeout)])
    app.on_response_prepare.append(_server_unnamed)
    app[SESSIONS] = sessions
    app[CLOCK] = clock or SystemClock()
    app[HEALTH] = health or Limits()
    app[DIRECTORY] = directory
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(
        [str(templates / "web"), str(templates / "console")]),
        undefined=jinja2.StrictUndefined, autoescape=True)
    # Real pages never say they are a demonstration; the dev mailbox's mode is one.
    aiohttp_jinja2.get_env(app).globals["demonstration"] = mailbox
    # times as people read them, in UK time, as the emails give them (never UTC)
    aiohttp_jinja2.get_env(app).filters.update(when=when, local=local)
    if GOVUK.is_dir():  # the stylesheet the pages use, not the package's examples and sources
        app.router.add_get("/govuk/govuk-frontend.min.css", govuk_stylesheet)
    app.router.add_static("/static/", STATIC, name="static")
    app.router.add_get("/healthz", healthz)
    if mailbox:  # development only (BROKER_RELAY=mailbox)
        if secret is None:
            raise ValueError("the dev mailbox needs the secret its key is made from")
        app[MAILBOX_KEY] = mailbox_keys(secret)
        app.router.add_get("/mailbox", mailbox_page)
        app.router.add_get("/mailbox/{id:\\d+}", mailbox_message)
        app.router.add_get("/mailbox/{id:\\d+}.eml", mailbox_raw)
        app.router.add_get("/", home)
    if secret is not None:
        _add_link_pages(app, secret, clock or SystemClock(), port, referral_spec)
    return app


async def _server_unnamed(request: web.Request, response: web.StreamResponse) -> None:
    """No software or version in the Server header: it helps only whoever looks for a known
    weakness."""
    response.headers["Server"] = "broker"


async def govuk_stylesheet(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(GOVUK / "govuk-frontend.min.css")


def _add_link_pages(app: web.Application, secret: bytes, clock: Clock, port: Any,
                    referral_spec: Any) -> None:
    app[LINK_SECRET] = secret
    app[CLOCK] = clock
    app[RECORDED] = RecordedRefusals()
    app[REFERRAL_SPEC] = referral_spec
    app.router.add_get("/papers/{token}", papers_page)
    app.router.add_get("/papers/{token}/attachments/{n}", papers_attachment)
    app.router.add_get("/ipa/{token}", ipa_document)
    if port is not None:
        app[PORT] = port
        app.router.add_get("/shortlist/confirm/{token}", confirm_page)
        app.router.add_post("/shortlist/confirm/{token}", confirm_submit)
        app.router.add_get("/shortlist/{token}", shortlist_page)
        app.router.add_post("/shortlist/{token}", shortlist_submit)
        app.router.add_get("/shortlist/{token}/summary", shortlist_summary)
        app.router.add_get("/summary/{token}", shortlist_summary)


async def home(request: web.Request) -> web.Response:
    await mailbox_guard(request)
    raise web.HTTPFound("/mailbox")


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
MAILBOX_COOKIE = "broker_mailbox"
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host",
                 "X-Forwarded-Proto", "X-Forwarded-Server", "X-Client-IP", "True-Client-IP",
                 "CF-Connecting-IP", "Fastly-Client-IP", "X-Cluster-Client-IP", "Via")


def from_this_machine(request: web.Request) -> bool:
    """A direct request from a browser on this machine, to this machine by name."""
    try:
        local = ipaddress.ip_address((request.remote or "").split("%")[0]).is_loopback
    except ValueError:
        local = False
    host = (request.host or "").lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    proxied = any(header in request.headers for header in PROXY_HEADERS)
    return local and not proxied and "@" not in host and name in LOOPBACK_HOSTS


async def mailbox_guard(request: web.Request) -> None:
    """The dev mailbox answers a browser on this machine that has its key (from the link
    `broker serve` prints: the key is then kept in a cookie and taken out of the address),
    or a consortium operator signed in to the console; anyone else is refused. The key is
    needed even from this machine: a reverse proxy on it makes a stranger's request look
    local (a default nginx `proxy_pass` sends `Host: 127.0.0.1` and no forwarding header)."""
    accepted = request.app[MAILBOX_KEY]  # the current key's, then each previous key's

    def known(text: str) -> bool:
        return any(hmac.compare_digest(text.encode(), key.encode()) for key in accepted)
    given = request.query.get("key", "")
    if from_this_machine(request) and known(given):
        rest = {name: value for name, value in request.query.items() if name != "key"}
        kept = web.HTTPFound(str(request.rel_url.with_query(rest)))
        kept.set_cookie(MAILBOX_COOKIE, accepted[0], httponly=True, samesite="Strict", path="/")
        raise kept
    held = request.cookies.get(MAILBOX_COOKIE, "")
    if from_this_machine(request) and known(held):
        return
    if await signed_in_operator(request):
        return
    log.info("dev mailbox refused (not this machine, or without its key)")
    raise web.HTTPForbidden(text="The dev mailbox is only for a browser on this machine, "
                                 "through the link `broker serve` printed when it started, "
                                 "or for a signed-in operator.")


def _page_asked(request: web.Request) -> int:
    """`?page=N`, a whole number from 1; anything else is the asker's mistake (400)."""
    text = request.query.get("page", "1").strip() or "1"
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise web.HTTPBadRequest(text=f"page must be a whole number from 1, not {text[:20]!r}")
    return int(text)


@aiohttp_jinja2.template("mailbox.html.j2")
async def mailbox_page(request: web.Request) -> dict[str, Any]:
    await mailbox_guard(request)
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
    await mailbox_guard(request)
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
