"""What every page reached by a signed link shares: reading and checking the link, the
polite refusal, and the response headers that keep a capability URL private.

A link's token is the capability (broker/links.py), so these pages must not be cached, indexed,
framed or leak their address to another site through the Referer header.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from broker.db.tables import PapersAccess
from broker.links import LinkToken, read_link_token
from broker.tokens import keys
from channels.connections import client_key
from channels.web.keys import CLOCK, LINK_SECRET, RECORDED

# Every page a signed link opens (the parents' summary too) and the dev mailbox.
PRIVATE_PREFIXES = ("/papers/", "/shortlist/", "/summary/", "/ipa/", "/mailbox")
REFUSED = "This link has expired or is no longer valid. Ask the placements team for a new one."
# Pages: our own stylesheets (GOV.UK Frontend, served by us) only; no scripts, no images
# from elsewhere, forms post home.
PAGE_CSP = ("default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# The dev mailbox shows each email's HTML in a sandboxed frame, with its inline styles.
MAILBOX_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
               "img-src 'self' data:; frame-src 'self'; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'")
# Attachments are whatever the social worker attached: never let one run as a page of ours.
ATTACHMENT_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"
log = logging.getLogger("broker.web")
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _protect(headers: Any, csp: str = PAGE_CSP) -> None:
    for name, value in PRIVATE_HEADERS.items():
        headers[name] = value
    headers.setdefault("Content-Security-Policy", csp)


@web.middleware
async def private_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Add the privacy headers to every response under a link prefix, errors included."""
    if not request.path.startswith(PRIVATE_PREFIXES):
        return await handler(request)
    csp = MAILBOX_CSP if request.path.startswith("/mailbox") else PAGE_CSP
    try:
        response = await handler(request)
    except web.HTTPException as error:
        _protect(error.headers, csp)
        raise
    except Exception:  # a fault of ours: logged, and the page still neither cached nor framed
        log.exception("a private page failed: %s", request.method)
        response = web.Response(status=500, text="Something went wrong on our side. "
                                "Please try the link again later.")
    _protect(response.headers, csp)
    return response


async def posted_form(request: web.Request, most: int | None = None) -> Any:
    """The request's form fields; a body that is no readable form (a multipart body without
    its boundary, say) is the sender's mistake, answered 400, not a server error. A form
    that can only be small says its `most` bytes: one that announces more is answered 413
    before any of it is read (no waiting on a body the form could never need)."""
    if most is not None and (request.content_length or 0) > most:
        raise web.HTTPRequestEntityTooLarge(
            most, request.content_length or 0,
            text="The form was larger than this page sends; please send it again.")
    try:
        return await request.post()
    except ValueError as error:  # aiohttp's multipart and urlencoded readers raise these
        raise web.HTTPBadRequest(text="The form could not be read; please send it again.") \
            from error


@web.middleware
async def asset_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Stylesheets and images are served as what they are, never sniffed into a page."""
    response = await handler(request)
    if request.path.startswith(("/static/", "/govuk/")):
        response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def now(request: web.Request) -> datetime:
    return request.app[CLOCK].now()  # type: ignore[no-any-return]


def read_link(request: web.Request, purpose: str) -> LinkToken | None:
    """The token's claims when its signature is good and it is a link for `purpose`
    (whether it has expired is the caller's question)."""
    claims = read_link_token(request.app[LINK_SECRET], request.match_info["token"])
    return claims if claims is not None and claims.purpose == purpose else None


def form_key(secret: bytes, token: str) -> str:
    """The hidden field a shortlist form must post back: proof the form came from our page
    for this very link, not from a page elsewhere that knows only the URL."""
    return hmac.new(secret, b"shortlist-form:" + token.encode(), hashlib.sha256).hexdigest()[:32]


def form_key_matches(request: web.Request, posted: str) -> bool:
    """Whether `posted` is the form key under the current secret or a previous one (a page
    loaded before the key was changed)."""
    return any(hmac.compare_digest(form_key(key, request.match_info["token"]).encode(),
                                   posted.encode())
               for key in keys(request.app[LINK_SECRET]))


def refused(request: web.Request, status: int = 403, message: str = REFUSED) -> web.Response:
    """The same plain page for every refusal: it says nothing about the child or the case."""
    return aiohttp_jinja2.render_template("link_refused.html.j2", request,
                                          {"message": message}, status=status)


INVALID = "refused:invalid"  # a link that is none of ours: no signature, or a wrong one
HEADERS_ONLY = "headers-only"  # a HEAD of a good link: answered, nothing served
METHOD_MAX = 16
REFUSALS_RECORDED_EVERY = timedelta(minutes=1)
REMEMBERED_AT_MOST = 10_000  # refusals this process remembers recording (`RecordedRefusals`)


def headers_only(request: web.Request) -> bool:
    """A HEAD: a mail scanner (or a browser's prefetch) looking at a link before anyone
    opens it. It is answered with the headers alone, recorded as `HEADERS_ONLY` (never as
    served), and nothing is decoded or built for it."""
    return request.method == "HEAD"


def refusal_of(row: PapersAccess) -> tuple[str, int, str] | None:
    """Rule `refusals-once-a-minute`: which refusal an access row would record, or None for
    one that is always recorded (served, headers-only). Every link that is none of ours is
    one refusal (anyone can make up as many as they like); a link of ours is its own: the
    papers (its attachments included) or the IPA, of one referral, for one holder."""
    if not row.outcome.startswith("refused:"):
        return None
    if row.outcome == INVALID:
        return (INVALID, 0, "")
    return ("ipa" if row.what == "ipa" else "papers", row.referral_id, row.establishment)


class RecordedRefusals:
    """The refusals this process recorded in the last minute, by client and link: consulted
    and filled before the database is asked, so a burst of concurrent requests writes one row,
    not one per request in flight. At most `REMEMBERED_AT_MOST` are kept."""

    def __init__(self) -> None:
        self.at: dict[tuple[str, tuple[str, int, str]], datetime] = {}

    def first(self, client: str, refusal: tuple[str, int, str], now: datetime) -> bool:
        """Whether this is the first such refusal of the minute; if so, it is remembered."""
        key = (client_key(client), refusal)
        last = self.at.get(key)
        if last is not None and now - last < REFUSALS_RECORDED_EVERY:
            return False
        if len(self.at) >= REMEMBERED_AT_MOST:
            self.at = {k: at for k, at in self.at.items()
                       if now - at < REFUSALS_RECORDED_EVERY}
            if len(self.at) >= REMEMBERED_AT_MOST:
                self.at.clear()
        self.at[key] = now
        return True


async def worth_recording(session: AsyncSession, request: web.Request,
                          row: PapersAccess) -> bool:
    """Whether this access gets its own row: a served or headers-only one always; a refusal
    (`refusal_of`) once a minute per client (an address, or an IPv6 /64, whose host may take
    any address in it: `client_key`) and link, the first of the minute. A link once ours, its
    access withdrawn or expired, may be asked for as often as a made-up one: a row each would
    let its holder fill the table and queue for the database's write lock at will. This
    process's memory answers first; the database says whether another instance recorded it."""
    refusal = refusal_of(row)
    if refusal is None:
        return True
    if not request.app[RECORDED].first(row.remote, refusal, now(request)):
        return False
    kind, referral_id, holder = refusal
    same: tuple[ColumnElement[bool], ...] = (col(PapersAccess.outcome) == INVALID,)
    if kind != INVALID:
        what = col(PapersAccess.what)
        same = (col(PapersAccess.outcome).startswith("refused:"),
                col(PapersAccess.outcome) != INVALID,
                col(PapersAccess.referral_id) == referral_id,
                col(PapersAccess.establishment) == holder,
                what == "ipa" if kind == "ipa" else what != "ipa")
    return not await recorded_for_client(
        session, PapersAccess, row.remote, *same,
        col(PapersAccess.at) > now(request) - REFUSALS_RECORDED_EVERY)


RECENT_CHECKED = 500  # rows of the minute looked through for one from the same IPv6 /64


async def recorded_for_client(session: AsyncSession, table: Any, client: str,
                              *where: ColumnElement[bool]) -> bool:
    """Whether a row of `table` (`PapersAccess`, `StaffAccess`) meeting `where` was recorded
    for `client` (rule `client-by-network`, channels/connections.py): for an IPv4 address,
    its own; for an IPv6 one, any address of its /64, which rows store written out whole,
    so the minute's latest from IPv6 addresses are read and compared by their /64. (Once
    more than `RECENT_CHECKED` other /64s have rows in the minute, a row more may be made.)"""
    key, remote, row_id = client_key(client), col(table.remote), col(table.id)
    if ":" not in key:
        return (await session.execute(select(row_id).where(
            *where, remote == client[:100]).limit(1))).first() is not None
    remotes = (await session.execute(select(remote).where(*where, remote.contains(":"))
                                     .order_by(row_id.desc()).limit(RECENT_CHECKED))).scalars()
    return any(client_key(written) == key for written in remotes)
