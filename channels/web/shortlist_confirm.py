"""The confirm link a shortlist given on the web page is emailed with
(workflows/web_shortlist.py): `/shortlist/confirm/{token}`.

`GET` shows what confirming records (the options, the parents' and the child's views) and
which shortlist with the commissioners it replaces, with one button; only the `POST` from
that button records it, once (a mail scanner that follows the link confirms nothing). The
link went to the inbox of the address the shortlist page's link names, and only its SHA-256
is kept: holding it is the proof the page's link alone is not. A link used, expired or none
of ours gets the same plain refusal as every other link.
"""

from __future__ import annotations

import logging

import aiohttp_jinja2
from aiohttp import web

from channels.web import guard
from channels.web.keys import PORT
from channels.web.plain import long_date

log = logging.getLogger("broker.web.shortlist")
USED = ("This confirm link has expired or has been used already. If the shortlist still "
        "needs to go to the commissioners, give it again on the shortlist page or reply to "
        "the comparison email with SHORTLIST.")


async def confirm_page(request: web.Request) -> web.Response:
    pending = await request.app[PORT].pending_shortlist(request.match_info["token"])
    if pending is None:
        log.info("shortlist confirm link refused: used, expired or invalid")
        return guard.refused(request, message=USED)
    replaces = dict(pending.get("replaces") or {})
    if replaces.get("at"):
        replaces["on"] = long_date(replaces["at"].date().isoformat())
    return aiohttp_jinja2.render_template("shortlist_confirm.html.j2", request,
                                          {**pending, "replaces": replaces})


async def confirm_submit(request: web.Request) -> web.Response:
    answer = await request.app[PORT].confirm_shortlist(request.match_info["token"])
    log.info("shortlist confirm link for %s: %s", answer.reference or "-",
             "recorded" if answer.accepted else "not recorded")
    if not answer.accepted and not answer.reference:
        return guard.refused(request, message=USED)
    return aiohttp_jinja2.render_template("shortlist_confirmed.html.j2", request, {
        "reference": answer.reference, "accepted": answer.accepted,
        "message": answer.message},
        status=200 if answer.accepted else 409)
