"""The placements team's console: staff sign in (emailed link or their council's identity
provider) and see their authority's referrals, each referral's whole story and audit pack,
the provider directory, management information and the sufficiency report; and act on a
referral through the same engine entry and permissions as email.

`add_console(app, parts, secret, …)` adds it to the web application (broker/app.py calls it):
routes under `/console`, encrypted cookie sessions (aiohttp-session with `cryptography`),
and the console's security headers (the GOV.UK Frontend assets are served by
channels/web/app.py, for every page). Pages work without JavaScript.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import warnings
from typing import Any, cast

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet, MultiFernet

from broker.tokens import keys
from channels.web.console import (
    dead_letters,
    directory,
    downloads,
    homes,
    oidc,
    questions,
    reports,
    signin,
)
from channels.web.console.actions import take_action
from channels.web.console.attention import load_attention
from channels.web.console.context import (
    CONSOLE,
    STAFF,
    ConsoleParts,
    Handler,
    parts,
    render,
    staff_only,
)
from channels.web.console.referrals import referral_page, referrals_list
from workflows.dead_letters import letters

__all__ = ["ConsoleParts", "add_console"]
COOKIE = "broker_console"
DEAD_SEEN = 200  # the newest dead letters Needs attention looks through
# Our own stylesheets and fonts only; charts are inline SVG; no script at all.
CONSOLE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow",
           "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
           "X-Frame-Options": "DENY", "Content-Security-Policy": CONSOLE_CSP}


def cookie_key(secret: bytes) -> bytes:
    """The cookie's encryption key (32 bytes), derived from the service's secret."""
    return hashlib.sha256(b"console-cookie:" + secret).digest()


def cookie_keys(secret: bytes) -> MultiFernet:
    """The cookie's keys: a session is sealed with the current secret's key, and opened with
    it or with a previous secret's (broker/tokens.py `keys`), so changing the secret does
    not sign everyone out of the console."""
    return MultiFernet([Fernet(base64.urlsafe_b64encode(cookie_key(key)))
                        for key in keys(secret)])


def _zip(first: Any, *more: Any) -> list[tuple[Any, ...]]:
    """Jinja's missing `zip`: table rows from columns of equal length."""
    return list(zip(first, *more, strict=True))


@web.middleware
async def console_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/console"):
        return await handler(request)
    try:
        response = await handler(request)
    except web.HTTPException as error:
        error.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    return response


def add_console(app: web.Application, console: ConsoleParts, secret: bytes, *,
                secure_cookie: bool = False) -> None:
    app[CONSOLE] = console
    # aiohttp-session keeps its storage under a string request key; aiohttp 3.14 warns on
    # every request about that, which is the library's affair, not the operator's.
    warnings.filterwarnings("ignore", category=web.NotAppKeyWarning, module="aiohttp_session")
    aiohttp_jinja2.get_env(app).filters["zip"] = _zip
    storage = EncryptedCookieStorage(
        cookie_key(secret), cookie_name=COOKIE, httponly=True, samesite="Lax",
        secure=secure_cookie, path="/", max_age=int(console.session_ttl.total_seconds()))
    storage._fernet = cast(Any, cookie_keys(secret))  # seals with the first, opens with any
    setup_sessions(app, storage)
    app.middlewares.append(console_headers)
    app.on_shutdown.append(_finish_link_requests)
    _routes(app.router)


async def _finish_link_requests(app: web.Application) -> None:
    """Sign-in link requests already answered are finished before the database closes."""
    pending = list(app[CONSOLE].pending)
    if pending:
        await asyncio.wait(pending, timeout=10)


def _routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console", home)
    router.add_get("/console/sign-in", signin.sign_in_page)
    router.add_post("/console/sign-in", signin.request_link)
    router.add_get("/console/sign-in/oidc", oidc.oidc_start)
    router.add_get("/console/sign-in/oidc/callback", oidc.oidc_callback)
    router.add_get("/console/sign-in/{token}", signin.confirm_page)
    router.add_post("/console/sign-in/{token}", signin.use_link)
    router.add_post("/console/sign-out", signin.sign_out)
    router.add_get("/console/referrals", referrals_list)
    router.add_get("/console/referrals/{reference}", referral_page)
    router.add_get("/console/referrals/{reference}/audit-pack.{kind:pdf|zip}",
                   downloads.audit_pack)
    router.add_post("/console/referrals/{reference}/actions/{action}", take_action)
    router.add_post("/console/referrals/{reference}/questions/{entry}/answer",
                    questions.answer_questions)
    router.add_get("/console/directory", directory.directory_page)
    router.add_get("/console/directory/{key}", directory.establishment_page)
    router.add_post("/console/directory/{key}/{verb:pause|resume}", homes.set_home)
    router.add_get("/console/dead-letters", dead_letters.dead_letters_page)
    router.add_post("/console/dead-letters/{id}/replay", dead_letters.replay_letter)
    router.add_get("/console/mi", reports.mi_page)
    router.add_get("/console/sufficiency", reports.sufficiency_page)
    router.add_get("/console/{kind:mi|sufficiency}/{table}.csv", reports.report_csv)


@staff_only
async def home(request: web.Request) -> web.Response:
    staff, console = request[STAFF], parts(request)
    engine, scope = console.engine.parts, staff.scope(console.directory)
    async with console.sessions() as session:
        # the newest dead letters (a backlog never slows the page) on this council's referrals
        dead = [(letter.reference, letter.at) for letter in reversed(await letters(
            session, engine.secret, engine.mail_domain, console.directory, limit=DEAD_SEEN))
            if letter.replayed_at is None and letter.reference and letter.authority in scope]
        names = {key: e.name for key, e in console.directory.establishments.items()}
        attention = await load_attention(session, scope, console.now(), engine.window_for,
                                         dead, names)
    return await render(request, "home.html.j2", {"attention": attention})
