"""What every console page shares: the console's parts under one app key, who is signed in,
the CSRF token, the access log, and rendering with the console's layout.

A session (aiohttp-session, an encrypted cookie) holds only the signed-in address, when it
was signed in and the CSRF token; the person's role is looked up in the staff registry on
every request, so taking someone out of the configuration takes them out of the console.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session
from sqlalchemy import func, select
from sqlmodel import col

from broker.db.tables import StaffAccess
from channels.web.console.staff import StaffMember, StaffRegistry

log = logging.getLogger("broker.web.console")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ConsoleParts:
    """Handed over by the composition root (broker/app.py)."""

    engine: Any  # workflows.engine.Engine
    registry: StaffRegistry
    link_ttl: timedelta = timedelta(minutes=15)
    session_ttl: timedelta = timedelta(hours=8)
    oidc: Any = None  # channels.web.console.oidc.OidcClient | None
    extra: dict[str, Any] = field(default_factory=dict)
    # Sign-in link requests, handled after their answer (channels/web/console/signin.py):
    # one at a time, and each kept referenced until done.
    link_requests: asyncio.Lock = field(default_factory=asyncio.Lock)
    pending: set[asyncio.Task[None]] = field(default_factory=set)
    dropped: int = 0  # strangers' sign-in requests dropped while too many waited (signin.py)

    @property
    def sessions(self) -> Any:
        return self.engine.parts.sessions

    @property
    def directory(self) -> Any:
        return self.engine.parts.directory

    def now(self) -> datetime:
        return self.engine.parts.clock.now()  # type: ignore[no-any-return]

    @property
    def base_url(self) -> str:
        return str(self.engine.parts.web_url).rstrip("/")


SIGNED_OUT = "signed-out"  # the access log's action for a sign-out
CONSOLE: web.AppKey[ConsoleParts] = web.AppKey("console", ConsoleParts)
STAFF: web.RequestKey[StaffMember] = web.RequestKey("staff", StaffMember)  # who is signed in


def parts(request: web.Request) -> ConsoleParts:
    return request.app[CONSOLE]


async def signed_in(request: web.Request) -> StaffMember | None:
    """The staff member signed in on this request's session, if the session is current."""
    session = await get_session(request)
    address, since = session.get("address"), session.get("since")
    if not address or not isinstance(since, int | float):
        return None
    console = parts(request)
    if (console.now().timestamp() - since > console.session_ttl.total_seconds()
            or await _signed_out_since(console, str(address), since)):
        session.invalidate()
        return None
    return console.registry.find(str(address))


async def _signed_out_since(console: ConsoleParts, address: str, since: float) -> bool:
    """Whether the person signed out after this session began. The session lives in its
    cookie, so signing out must be remembered here, or a copy of the cookie (a shared
    computer's browser, a proxy's log) would go on working until it expired."""
    async with console.sessions() as session:
        last = (await session.execute(select(func.max(col(StaffAccess.at))).where(
            col(StaffAccess.staff) == address, col(StaffAccess.action) == SIGNED_OUT,
            col(StaffAccess.outcome) == "ok"))).scalar()
    return last is not None and last.timestamp() > since


async def signed_in_operator(request: web.Request) -> bool:
    """Whether a consortium operator is signed in on this request (False when the web app
    has no console). For pages meant for operators only, such as the dev mailbox."""
    if CONSOLE not in request.app:
        return False
    staff = await signed_in(request)
    return staff is not None and staff.is_operator


def staff_only(handler: Handler) -> Handler:
    """The page needs a signed-in staff member (`request[STAFF]`); others are sent to
    sign in and come back here afterwards."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        staff = await signed_in(request)
        if staff is None:
            session = await get_session(request)
            if request.method == "GET":
                session["next"] = request.path_qs
            raise web.HTTPSeeOther("/console/sign-in")
        request[STAFF] = staff
        return await handler(request)

    return wrapped


async def csrf_token(request: web.Request) -> str:
    session = await get_session(request)
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return str(token)


def our_origins(request: web.Request) -> frozenset[str]:
    """The origins a form of ours is posted from: the public URL's (behind a proxy that
    ends TLS, the browser's `https://…` while the request reaching us is plain `http://`)
    and the request's own (a browser that reaches us directly, by whatever name)."""
    public = urlsplit(parts(request).base_url)
    found = {f"{request.scheme}://{request.host}".lower()}
    if public.scheme and public.netloc:
        found.add(f"{public.scheme}://{public.netloc}".lower())
    return frozenset(found)


async def csrf_ok(request: web.Request, posted: Any) -> bool:
    """The form carries this session's token and (when the browser says) came from us."""
    session = await get_session(request)
    expected, given = str(session.get("csrf") or ""), str(posted.get("csrf", ""))
    origin = request.headers.get("Origin")
    same_origin = origin is None or origin.lower() in our_origins(request)
    # As bytes: compare_digest refuses a str with non-ASCII characters (a TypeError, a 500).
    return bool(expected) and same_origin and hmac.compare_digest(expected.encode(),
                                                                  given.encode())


async def record_access(request: web.Request, action: str, *, staff: StaffMember | None = None,
                        address: str = "", referral_id: int | None = None,
                        outcome: str = "ok") -> None:
    """One access-log row, committed now; the log line names the action and the referral's
    id, never what the page showed."""
    member = staff or request.get(STAFF)
    console = parts(request)
    row = StaffAccess(at=console.now(), staff=(member.address if member else address)[:200],
                      role=member.role if member else "",
                      authority=member.authority if member else "", action=action[:100],
                      referral_id=referral_id, outcome=outcome[:100],
                      remote=(request.remote or "")[:100])
    async with console.sessions() as session:
        session.add(row)
        await session.commit()
    log.info("console %s by %s (referral %s): %s", action, row.role or "unknown",
             referral_id if referral_id is not None else "-", outcome)


async def render(request: web.Request, template: str, context: dict[str, Any],
                 status: int = 200) -> web.Response:
    """A console page: the layout needs who is signed in and the CSRF token."""
    staff = request.get(STAFF)
    page = {"staff": staff, "csrf": await csrf_token(request), "path": request.path,
            **context}
    return aiohttp_jinja2.render_template(template, request, page, status=status)
