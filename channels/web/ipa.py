"""The Individual Placement Agreement as a PDF: `GET /ipa/{token}`.

Served only while the token is signed by us for "ipa" and unexpired, its subject (the chosen
establishment's key, or the digest of the authority's placements team's address) holds an
unrevoked, unexpired `DocumentGrant`, and the document has not been purged. Every request,
served or refused, is recorded (`PapersAccess`, what "ipa", with the grant's subject as
written, and the HTTP method) before anything is sent; the log line carries the referral id
and the outcome only. A HEAD (a mail scanner looking at the link) is answered with the
headers only and recorded as `headers-only`: the PDF is not built for it.
"""

from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy import select

from broker.db.tables import Document, DocumentGrant, PapersAccess, Referral
from broker.ipa_pdf import ipa_pdf
from broker.links import resolve_subject
from channels.web import guard
from channels.web.keys import LINK_SECRET, SESSIONS

log = logging.getLogger("broker.web.ipa")


async def ipa_document(request: web.Request) -> web.Response:
    claims = guard.read_link(request, "ipa")
    outcome, pdf, reference, holder = guard.INVALID, b"", "", ""
    async with request.app[SESSIONS]() as session:
        if claims is not None:
            grant = await _grant(session, request.app[LINK_SECRET], claims)
            holder, outcome = grant.subject if grant else claims.subject, "refused:expired"
            if claims.expires_at > guard.now(request):
                outcome, pdf, reference = await _served(session, claims, grant,
                                                        guard.now(request),
                                                        build=not guard.headers_only(request))
        row = PapersAccess(
            referral_id=claims.referral_id if claims else 0, establishment=holder[:200],
            at=guard.now(request), what="ipa", outcome=outcome,
            remote=(request.remote or "")[:100], method=request.method[:guard.METHOD_MAX],
            user_agent=request.headers.get("User-Agent", "")[:200])
        if await guard.worth_recording(session, request, row):  # a refusal: once a minute
            session.add(row)
            await session.commit()
    log.info("ipa for referral %s: %s", claims.referral_id if claims else "-", outcome)
    if outcome not in ("served", guard.HEADERS_ONLY):
        return guard.refused(request)
    return web.Response(body=pdf, headers={
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="IPA-{reference}.pdf"',
        "Content-Security-Policy": guard.ATTACHMENT_CSP})


async def _grant(session, secret, claims):  # type: ignore[no-untyped-def]
    """The referral's IPA grant the link names: the home by its key, the placements team by
    its address's digest (or, in links made before, the address itself)."""
    grants = {g.subject: g for g in (await session.execute(select(DocumentGrant).where(
        DocumentGrant.referral_id == claims.referral_id,
        DocumentGrant.kind == "ipa"))).scalars()}
    subject = resolve_subject(secret, claims.subject, grants)
    return grants[subject] if subject is not None else None


async def _served(session, claims, grant, now, build=True):  # type: ignore[no-untyped-def]
    """The outcome, the PDF (built only when `build`; else the outcome is `headers-only`)
    and the referral's reference."""
    document = (await session.execute(select(Document).where(
        Document.referral_id == claims.referral_id, Document.kind == "ipa"))).scalars().first()
    if grant is None or document is None or not document.context:
        return "refused:not-granted", b"", ""
    if grant.revoked_at is not None:
        return "refused:revoked", b"", ""
    if grant.expires_at <= now:
        return "refused:expired", b"", ""
    referral = await session.get(Referral, claims.referral_id)
    reference = referral.reference if referral else ""
    if not build:
        return guard.HEADERS_ONLY, b"", reference or ""
    return "served", ipa_pdf(document.context), reference or ""
