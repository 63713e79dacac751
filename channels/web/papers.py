"""Full papers for a shortlisted provider: `GET /papers/{token}` and its attachments.

A papers link is served only while three things hold: the token is signed by us for
"papers" and has not expired, and the provider it names holds a `PaperGrant` for the referral
that is neither revoked nor expired (so a provider dropped from the shortlist loses access at
once, whatever its email says). Every request, served or refused, is recorded in
`PapersAccess` before anything is sent: who, when, what, the HTTP method and the outcome
(nothing reaches a provider unrecorded). A HEAD (a mail scanner looking at the link before
anyone clicks it) is answered with the headers only and recorded as `headers-only`, never
`served`, and the attachments are not decoded for it. The Python log gets the referral id,
the establishment and the outcome only. A refused link of ours says why in words its
holder can act on (`refusal`): expired (ask for a new one), access withdrawn, or the search
closed (the papers are gone for good); any other link reads as it always did.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from broker.db.tables import InboundMessage, PaperGrant, PapersAccess, Referral, ShortlistRound
from broker.links import UNKNOWN, refusal_words, why_refused
from channels.web import guard
from channels.web.documents import (
    REFERRAL_OUTCOMES,
    Attachment,
    attachments,
    content_disposition,
    form_rows,
)
from channels.web.keys import DIRECTORY, REFERRAL_SPEC, SESSIONS
from workflows.placement import views_for_home
from workflows.states import OVER, State

log = logging.getLogger("broker.web.papers")
USER_AGENT_MAX = 200
WHAT_MAX = 240


@dataclass
class Access:
    """The verdict on one request, and what it is about once verified."""

    outcome: str  # served | headers-only | refused:<why>
    referral_id: int = 0
    establishment: str = ""
    referral: Referral | None = None
    grant: PaperGrant | None = None

    @property
    def served(self) -> bool:
        return self.outcome == "served"

    def looked_at(self) -> Access:
        """The same access, answered with the headers only (a HEAD)."""
        return Access(guard.HEADERS_ONLY, self.referral_id, self.establishment,
                      self.referral, self.grant)


async def papers_page(request: web.Request) -> web.Response:
    async with request.app[SESSIONS]() as session:
        access = await _check(request, session)
        if access.served and guard.headers_only(request):
            await _record(request, session, access.looked_at(), "referral")
            return web.Response(content_type="text/html", charset="utf-8")
        found = await _attachments(session, access) if access.served else []
        views = await _child_views(session, access) if access.served else {}
        await _record(request, session, access, "referral")
    if not access.served or access.referral is None or access.grant is None:
        return guard.refused(request, message=refusal(access))
    referral = access.referral
    return aiohttp_jinja2.render_template("papers.html.j2", request, {
        "reference": referral.reference or "",
        "establishment": access.establishment,
        **_who(request.app.get(DIRECTORY), referral, access.establishment),
        "expires_at": min(access.grant.expires_at, _token_expiry(request)),
        "rows": form_rows(referral.raw_fields or {}, request.app[REFERRAL_SPEC]),
        "attachments": found,
        "child_views": views.get("child_views", ""),
        "child_reason": views.get("child_reason", ""),
        "token": request.match_info["token"],
    })


async def _child_views(session: AsyncSession, access: Access) -> dict[str, str]:
    """The young person's views recorded with the latest shortlist, in her own words as her
    social worker wrote them down, with every other home named only by its option's letter
    (`views_for_home`): this home must not learn who else was in the running."""
    round_ = (await session.execute(select(ShortlistRound).where(
        col(ShortlistRound.referral_id) == access.referral_id).order_by(
        col(ShortlistRound.round).desc()).limit(1))).scalars().first()
    comparison = access.referral.comparison if access.referral else []
    return views_for_home((round_.views or {}) if round_ else {}, comparison or [],
                          access.establishment)


async def papers_attachment(request: web.Request) -> web.Response:
    asked = request.match_info["n"][:12]
    number = int(asked) if asked.isascii() and asked.isdigit() else 0
    async with request.app[SESSIONS]() as session:
        access = await _check(request, session)
        wanted: Attachment | None = None
        if access.served:
            found = await _attachments(session, access)
            wanted = next((a for a in found if a.number == number), None)
            if wanted is None:
                access.outcome = "refused:not-found"
        what = wanted.recorded_as if wanted else f"attachment:#{asked}"
        head = wanted is not None and guard.headers_only(request)
        await _record(request, session, access.looked_at() if head else access, what)
    if wanted is None:
        if access.outcome == "refused:not-found":
            return guard.refused(request, 404, "There is no such attachment.")
        return guard.refused(request, message=refusal(access))
    return web.Response(body=wanted.data, headers={
        "Content-Type": wanted.content_type,
        "Content-Disposition": content_disposition(wanted.filename),
        "Content-Security-Policy": guard.ATTACHMENT_CSP,
    })


def _who(directory: Any, referral: Referral, establishment: str) -> dict[str, str]:
    """The home the link is for, by name, and the placements team to contact."""
    home = directory.establishment(establishment) if directory is not None else None
    authority = directory.authority(referral.authority) if directory is not None else None
    return {"home": home.name if home else establishment,
            "team": authority.placements_team if authority else "",
            "authority": authority.name if authority else ""}


def _token_expiry(request: web.Request) -> Any:
    claims = guard.read_link(request, "papers")
    assert claims is not None
    return claims.expires_at


async def _check(request: web.Request, session: AsyncSession) -> Access:
    """Token first (signature, purpose, expiry), then the grant, then the referral. The grant
    and the referral are read for an expired token too: its refusal says whether the search
    has ended (`refusal`)."""
    claims = guard.read_link(request, "papers")
    if claims is None:
        return Access(guard.INVALID)
    now = guard.now(request)
    access = Access("refused:expired", claims.referral_id, claims.subject)
    access.grant = (await session.execute(select(PaperGrant).where(
        col(PaperGrant.referral_id) == claims.referral_id,
        func.lower(col(PaperGrant.establishment)) == claims.subject))).scalars().first()
    access.referral = await session.get(Referral, claims.referral_id)
    if claims.expires_at <= now:
        return access
    if access.grant is None or access.referral is None:
        access.outcome = "refused:not-granted"
    elif access.grant.revoked_at is not None:
        access.outcome = "refused:revoked"
    elif access.grant.expires_at <= now:
        access.outcome = "refused:expired"
    else:
        access.outcome = "served"
    return access


def refusal(access: Access) -> str:
    """What a refused papers link says (broker/links.py `why_refused`): a link that is not
    ours, or names a home never granted the papers, as it always was; one of ours, that the
    search has closed (the chosen home's link, while its placement lasts, has only expired:
    the placements team can send another), that the home's access was withdrawn, or that
    the link has expired."""
    referral, grant = access.referral, access.grant
    if referral is None or grant is None:
        return refusal_words("papers", UNKNOWN)
    placing_here = (referral.state == State.PLACED and grant.revoked_at is None
                    and (referral.chosen or "").lower() == access.establishment)
    why = why_refused(ours=True, search_over=referral.state in OVER and not placing_here,
                      withdrawn=grant.revoked_at is not None)
    return refusal_words("papers", why)


# Decoded attachments kept between requests, newest used last, up to this many bytes: a
# provider reloading its papers page (or several providers at once) must not have the
# service decode the same 10 MB of mail each time; decoding holds the interpreter, so a
# thread alone does not keep the rest of the service answering.
PARSED_BYTES_AT_MOST = 64 * 1024 * 1024
_parsed: OrderedDict[tuple[Any, ...], list[Attachment]] = OrderedDict()


async def _attachments(session: AsyncSession, access: Access) -> list[Attachment]:
    """The attachments of the messages the social worker sent to make this referral,
    decoded once while they stay the same (the database, the messages' ids and their sizes
    are the key, so a purge, which empties them, is never served from memory)."""
    papers = (col(InboundMessage.referral_id) == access.referral_id,
              col(InboundMessage.channel) == "email",
              col(InboundMessage.outcome).in_(REFERRAL_OUTCOMES))
    rows = (await session.execute(select(col(InboundMessage.id), col(InboundMessage.size))
                                  .where(*papers).order_by(col(InboundMessage.id)))).all()
    key = (str(session.bind.url), access.referral_id, tuple((row[0], row[1]) for row in rows))
    if key in _parsed:
        _parsed.move_to_end(key)
        return _parsed[key]
    raws = (await session.execute(select(col(InboundMessage.raw)).where(*papers)
                                  .order_by(col(InboundMessage.id)))).scalars().all()
    # Off the loop: decoding a referral's 10 MB of attachments takes about half a second.
    found = await asyncio.to_thread(attachments, list(raws))
    _keep(key, found)
    return found


def _keep(key: tuple[Any, ...], found: list[Attachment]) -> None:
    _parsed[key] = found
    while len(_parsed) > 1 and sum(len(a.data) for kept in _parsed.values()
                                   for a in kept) > PARSED_BYTES_AT_MOST:
        _parsed.popitem(last=False)


async def _record(request: web.Request, session: AsyncSession, access: Access,
                  what: str) -> None:
    """Commit the access row before the response goes out: nothing is served unrecorded.
    A refusal is recorded once a minute per client and link (`guard.worth_recording`): a
    made-up link, or one of ours withdrawn or expired, may be asked for as often as anyone
    likes, and a row each would let them fill the table and queue for the database's write
    lock at will."""
    row = PapersAccess(
        referral_id=access.referral_id, establishment=access.establishment[:200],
        at=guard.now(request), what=what[:WHAT_MAX], outcome=access.outcome,
        remote=(request.remote or "")[:100], method=request.method[:guard.METHOD_MAX],
        user_agent=request.headers.get("User-Agent", "")[:USER_AGENT_MAX])
    if not await guard.worth_recording(session, request, row):
        log.info("papers refused (%s), recorded for this client within the minute",
                 access.outcome)
        return
    session.add(row)
    await session.commit()
    log.info("papers %s for referral %s, establishment %s: %s",
             what.split(":", 1)[0], access.referral_id, access.establishment or "-",
             access.outcome)
