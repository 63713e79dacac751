"""Passwordless sign-in for registered staff: an emailed link that works once, briefly.

`POST /console/sign-in` with an address: if it is a registered staff address, a random token
is stored as its SHA-256 and the link is emailed through the outbox (the same queue, relay
and dev mailbox as every other email). The answer is the same whether or not the address is
registered, so the page tells nobody who is staff. Opening the link shows a button; only the
POST from it uses the token up (mail scanners that follow links cannot spend it). The
session is then renewed (no fixation) and holds the address and the time of sign-in.
Every request for a link, sign-in, refusal and sign-out is in the access log.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from datetime import timedelta

from aiohttp import web
from aiohttp_session import get_session, new_session
from sqlalchemy import func, select, update
from sqlmodel import col

from broker.db.tables import StaffSignIn
from channels.web.console.context import (
    SIGNED_OUT,
    csrf_ok,
    parts,
    record_access,
    render,
    signed_in,
)
from channels.web.console.refusals import record_refusal
from channels.web.console.staff import StaffMember
from channels.web.guard import posted_form
from workflows.commands import SendEmail

ADDRESS_MAX = 254
# The sign-in forms hold an address and the form's token: a body announcing more is answered
# 413 before it is read (an address of 254 characters, each written as up to 9 bytes, fits).
SIGN_IN_FORM_MOST = 8 * 1024
LINKS_PER_HOUR = 5  # more requests for one address in an hour send nothing (no mail-bombing)
# All addresses together: a stranger asking for every staff address in turn is stopped here.
LINKS_PER_HOUR_IN_ALL = 200
# Requests for addresses that are not staff waiting to be recorded: past this many, a flood
# of made-up addresses is dropped (and counted in the log) rather than queued without end
# in front of staff's own requests, which are never dropped.
STRANGERS_WAITING = 100
log = logging.getLogger("broker.web.console")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def sign_in_page(request: web.Request) -> web.Response:
    if await signed_in(request) is not None:
        raise web.HTTPSeeOther("/console")
    return await _form(request)


async def _form(request: web.Request, error: str = "", address: str = "",
                status: int = 200) -> web.Response:
    oidc = parts(request).oidc
    return await render(request, "sign_in.html.j2", {
        "error": error, "address": address, "oidc_label": oidc.label if oidc else ""},
        status=status)


async def request_link(request: web.Request) -> web.Response:
    posted = await posted_form(request, SIGN_IN_FORM_MOST)
    if not await csrf_ok(request, posted):
        return await _form(request, "The form had expired. Please try again.", status=400)
    address = str(posted.get("address", "")).strip().lower()[:ADDRESS_MAX]
    if "@" not in address:
        return await _form(request, "Enter your work email address, like "
                           "name@council.gov.example", address, status=400)
    console = parts(request)
    # Answered first, the same page for anyone, and only then looked up and sent: the time
    # the answer takes must not tell who is staff (a registered address costs a link, an
    # email and their writes; a stranger's costs nothing but a lookup in memory).
    if console.registry.find(address) is None and len(console.pending) >= STRANGERS_WAITING:
        console.dropped += 1
        if console.dropped in (1, 10, 100, 1000) or console.dropped % 10_000 == 0:
            log.warning("sign-in: %d requests for addresses that are not staff dropped "
                        "unrecorded: more than %d were waiting", console.dropped,
                        STRANGERS_WAITING)
    else:
        task = asyncio.create_task(_handle_link_request(request, address))
        console.pending.add(task)
        task.add_done_callback(console.pending.discard)
    return await render(request, "sign_in_sent.html.j2", {
        "address": address, "minutes": int(console.link_ttl.total_seconds() // 60)})


async def _handle_link_request(request: web.Request, address: str) -> None:
    """Send the address a link if it is staff and has not asked too often; record the
    outcome either way. One request at a time, so the counts hold.

    The limits stop the page being used to fill inboxes, but they must not let a stranger
    lock a member of staff out by asking for her links first: an address's first link in
    an hour is always sent (the limit over everyone counts only repeats), and a request
    past a limit renews the address's newest unused link instead, which only she can
    read, so the links a stranger had sent her work for her."""
    console = parts(request)
    async with console.link_requests:
        try:
            staff = console.registry.find(address)
            if staff is None:
                await record_refusal(request, "sign-in-link", address=address,
                                     outcome="refused:not-registered")
                return
            own = await _links_in_the_last_hour(request, staff.address)
            if own >= LINKS_PER_HOUR:
                refusal = "too-many"
            elif own and await _links_in_the_last_hour(request) >= LINKS_PER_HOUR_IN_ALL:
                log.warning("sign-in links: %d sent in the last hour, the most allowed; "
                            "only first links this hour", LINKS_PER_HOUR_IN_ALL)
                refusal = "too-many-in-all"
            else:
                await _send_link(request, staff)
                await record_access(request, "sign-in-link", staff=staff)
                return
            renewed = await _renew_newest_link(request, staff.address)
            await record_access(request, "sign-in-link", staff=staff, outcome=(
                "renewed" if renewed else "refused") + ":" + refusal)
        except Exception:  # the answer has gone: say so here, and the next request goes on
            log.exception("a sign-in link request failed")


async def _links_in_the_last_hour(request: web.Request, address: str | None = None) -> int:
    """Links made in the last hour, for one address or (None) for everyone."""
    console = parts(request)
    query = select(func.count()).where(
        col(StaffSignIn.created_at) > console.now() - timedelta(hours=1))
    if address is not None:
        query = query.where(col(StaffSignIn.address) == address)
    async with console.sessions() as session:
        return int((await session.execute(query)).scalar_one())


async def _renew_newest_link(request: web.Request, address: str) -> bool:
    """The address's newest link of the last hour that has not been used works for
    another `link_ttl` from now (so a link lives at most an hour and `link_ttl`). Whether
    there was one."""
    console = parts(request)
    now = console.now()
    newest = (select(col(StaffSignIn.id)).where(
        col(StaffSignIn.address) == address, col(StaffSignIn.used_at).is_(None),
        col(StaffSignIn.created_at) > now - timedelta(hours=1))
        .order_by(col(StaffSignIn.created_at).desc(), col(StaffSignIn.id).desc()).limit(1))
    async with console.sessions() as session:
        renewed = await session.execute(update(StaffSignIn).where(
            col(StaffSignIn.id) == newest.scalar_subquery()).values(
            expires_at=now + console.link_ttl))
        await session.commit()
    return bool(renewed.rowcount)


async def _send_link(request: web.Request, staff: StaffMember) -> None:
    console, engine = parts(request), parts(request).engine
    token = secrets.token_urlsafe(32)
    now = console.now()
    row = StaffSignIn(token_hash=token_hash(token), address=staff.address, created_at=now,
                      expires_at=now + console.link_ttl)
    async with console.sessions() as session:
        session.add(row)
        await session.flush()
        email = SendEmail(key=f"staff-sign-in:{row.id}", template="staff/sign_in",
                          to=staff.address, context={
                              "address": staff.address, "expires_at": row.expires_at,
                              "link": f"{console.base_url}/console/sign-in/{token}"})
        applied = await engine.parts.apply(session, [email], referral_id=None)
        await session.commit()
    engine.after_commit(applied)


async def confirm_page(request: web.Request) -> web.Response:
    return await render(request, "sign_in_confirm.html.j2",
                        {"token": request.match_info["token"]})


async def use_link(request: web.Request) -> web.StreamResponse:
    token = request.match_info["token"][:200]
    # A link that cannot be spent is refused before its form is read: waiting on the body
    # of a made-up link's POST is waiting on whoever made it up.
    usable = await _usable(request, token)
    if usable:
        posted = await posted_form(request, SIGN_IN_FORM_MOST)
        if not await csrf_ok(request, posted):
            return await _form(request, "The form had expired. Please open the link again.",
                               status=400)
    address = await _spend(request, token) if usable else None
    staff = parts(request).registry.find(address) if address else None
    if staff is None:  # a made-up link is anyone's to send: recorded once a minute
        await (record_access if address else record_refusal)(
            request, "signed-in", address=address or "",
            outcome="refused:" + ("not-registered" if address else "link-expired-or-used"))
        return await _form(request, "That sign-in link has expired or has already been "
                           "used. Ask for a new one below.", status=403)
    return await start_session(request, staff, "signed-in")


async def _usable(request: web.Request, token: str) -> bool:
    """Whether the link is one of ours, unused and unexpired now (`_spend` decides)."""
    console = parts(request)
    async with console.sessions() as session:
        found = (await session.execute(select(col(StaffSignIn.id)).where(
            col(StaffSignIn.token_hash) == token_hash(token),
            col(StaffSignIn.used_at).is_(None),
            col(StaffSignIn.expires_at) > console.now()).limit(1))).first()
    return found is not None


async def _spend(request: web.Request, token: str) -> str | None:
    """The link's address, once: the update that marks it used is the check."""
    console = parts(request)
    now, digest = console.now(), token_hash(token)
    async with console.sessions() as session:
        spent = await session.execute(update(StaffSignIn).where(
            col(StaffSignIn.token_hash) == digest, col(StaffSignIn.used_at).is_(None),
            col(StaffSignIn.expires_at) > now).values(used_at=now))
        if spent.rowcount != 1:
            await session.rollback()
            return None
        address = (await session.execute(select(col(StaffSignIn.address)).where(
            col(StaffSignIn.token_hash) == digest))).scalar_one()
        await session.commit()
    return str(address)


async def start_session(request: web.Request, staff: StaffMember,
                        action: str) -> web.StreamResponse:
    """A fresh session for the signed-in person; back to the page they wanted."""
    wanted = str((await get_session(request)).get("next") or "/console")
    session = await new_session(request)
    session["address"] = staff.address
    session["since"] = parts(request).now().timestamp()  # to the microsecond: a sign-out
    # in the same second as a later sign-in must not end the new session
    session["csrf"] = secrets.token_urlsafe(24)
    await record_access(request, action, staff=staff)
    target = wanted if wanted.startswith("/console") else "/console"
    raise web.HTTPSeeOther(target)


async def sign_out(request: web.Request) -> web.StreamResponse:
    """Ends the session whether or not the form's token is good: a forged sign-out does no
    harm, and a refused one would leave the next person at a shared computer signed in."""
    staff = await signed_in(request)
    if staff is not None:
        await record_access(request, SIGNED_OUT, staff=staff)
    (await get_session(request)).invalidate()
    raise web.HTTPSeeOther("/console/sign-in")
