"""The audit pack's two downloads for one referral: `…/audit-pack.pdf` and `…/audit-pack.zip`.
Each download is in the access log, like the referral's page."""

from __future__ import annotations

from aiohttp import web

from channels.web.console.context import parts, record_access, staff_only
from channels.web.console.pack import build_pdf, build_zip
from channels.web.console.record import load_record_set
from channels.web.console.referrals import referral_view, visible_referral
from channels.web.console.shareable import shareable_records
from channels.web.console.words import local


@staff_only
async def audit_pack(request: web.Request) -> web.Response:
    console = parts(request)
    kind = request.match_info["kind"]
    referral = await visible_referral(request)
    async with console.sessions() as session:
        records = await load_record_set(session, referral)
    records = shareable_records(records, console.engine.parts.referral_spec,
                                console.now().date())
    view = referral_view(records, console.directory, console.now())
    if kind == "pdf":
        body, content_type = build_pdf(view, local(console.now())), "application/pdf"
    else:
        summary = {"state_in_words": view["state_words"], "generated_at": console.now()}
        body, content_type = build_zip(records, summary), "application/zip"
    await record_access(request, f"audit-pack:{kind}", referral_id=referral.id)
    return web.Response(body=body, content_type=content_type, headers={
        "Content-Disposition":
            f'attachment; filename="{referral.reference}-audit-pack.{kind}"'})
