"""Directory pages: organisations and their establishments, with lots, needs, capacity,
vacancies now (capacity less the places taken by placements), status and arrangements, and
each establishment's history of referrals received, responses and response times, and its
pauses and resumes (an operator or placements officer pauses and resumes it there:
channels/web/console/homes.py).

The history lists the referrals of the authorities the signed-in person may see; the others
are counted but not named.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlmodel import col

from broker.cascade import tier_of
from broker.db.tables import MatchRecord, Referral, Response, Wave
from broker.directory.live import paused_by_team, providers_pause
from channels.web.console.context import STAFF, parts, render, staff_only
from channels.web.console.homes import page_part, pausing_councils, standing_as_read
from channels.web.console.words import (
    arrangement_words,
    code_words,
    local,
    need_words,
    service_words,
)


async def _history(console: Any, establishment: str | None = None) -> list[dict[str, Any]]:
    """One row per referral sent to an establishment: when, the response and how fast."""
    query = (select(col(MatchRecord.establishment), col(Referral.reference),
                    col(Referral.authority), col(Wave.opened_at), col(Response.decision),
                    col(Response.received_at))
             .join(Referral, col(Referral.id) == col(MatchRecord.referral_id))
             .outerjoin(Wave, (col(Wave.referral_id) == col(MatchRecord.referral_id))
                        & (col(Wave.number) == col(MatchRecord.wave)))
             .outerjoin(Response, (col(Response.referral_id) == col(MatchRecord.referral_id))
                        & (col(Response.establishment) == col(MatchRecord.establishment))
                        & (col(Response.status) == "current"))
             .where(col(MatchRecord.eligible)).order_by(col(MatchRecord.id).desc()))
    if establishment is not None:
        query = query.where(col(MatchRecord.establishment) == establishment)
    async with console.sessions() as session:
        rows = (await session.execute(query)).all()
    return [{"establishment": r[0], "reference": r[1], "authority": r[2], "sent_at": r[3],
             "decision": r[4] or "", "received_at": r[5],
             "hours": (r[5] - r[3]).total_seconds() / 3600 if r[3] and r[5] else None}
            for r in rows]


def _stats(history: list[dict[str, Any]]) -> dict[str, Any]:
    hours = [h["hours"] for h in history if h["hours"] is not None]
    answered = sum(1 for h in history if h["decision"])
    return {"received": len(history), "answered": answered,
            "offers": sum(1 for h in history if h["decision"] == "offer"),
            "rate": f"{100 * answered / len(history):.0f}%" if history else "-",
            "median_hours": f"{statistics.median(hours):.1f}" if hours else "-"}


async def _vacancies(console: Any) -> Any:
    async with console.sessions() as session:
        return await console.engine.parts.current_directory(session)


def _standing(live: Any, home: Any, staff: Any, councils: dict[str, str]) -> str:
    """Active, suspended, or paused by the placements team or by its provider (or both),
    with the reasons and since when: as
    `broker providers list` says it, from the directory as the match sees it today; a pause
    another council's team made, without its reason (`standing_as_read`)."""
    return _capital(standing_as_read(staff, live.establishment(home.key) or home,
                                     councils.get(home.key, "")))


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


@staff_only
async def directory_page(request: web.Request) -> web.Response:
    console = parts(request)
    directory, live = console.directory, await _vacancies(console)
    staff, councils = request[STAFF], await pausing_councils(console)
    by_home: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in await _history(console):
        by_home[row["establishment"]].append(row)
    organisations = []
    for org in directory.organisations.values():
        homes = [e for e in directory.establishments.values() if e.organisation == org.key]
        organisations.append({"name": org.name, "key": org.key, "homes": [{
            "key": e.key, "name": e.name, "kind": _capital(service_words(e.kind)),
            "lots": ", ".join(code_words(lot) for lot in e.lots),
            "status": _standing(live, e, staff, councils), "capacity": e.capacity,
            "vacancies": live.establishment(e.key).capacity,
            **_stats(by_home.get(e.key, []))} for e in homes]})
    return await render(request, "directory.html.j2", {"organisations": organisations})


@staff_only
async def establishment_page(request: web.Request) -> web.Response:
    console, staff = parts(request), request[STAFF]
    directory = console.directory
    home = directory.establishment(request.match_info["key"][:80])
    if home is None:
        raise web.HTTPNotFound(text="There is no such establishment in the directory.")
    history = await _history(console, home.key)
    shown = [h for h in history if staff.sees(h["authority"])]
    # Its place in the cascades under each: its own tier, else the arrangement's (tier_of).
    arrangements = [(a.name, _capital(arrangement_words(a.kind)),
                     tier_of(directory, home.key, a.key).removeprefix("tier-"))
                    for a in directory.arrangements_of(home)]
    live = await _vacancies(console)
    return await render(request, "establishment.html.j2", {
        "home": home, "organisation": directory.organisation(home.organisation),
        "vacancies": live.establishment(home.key).capacity,
        "status": _standing(live, home, staff, await pausing_councils(console)),
        "arrangements": arrangements, "stats": _stats(history),
        "kind": _capital(service_words(home.kind)),
        "needs": ", ".join(need_words(n) for n in home.needs),
        # referrals go to the first contact only; a reply from any of them is the home's
        "other_contacts": ", ".join(home.contacts[1:]) + " (replies only; no referrals are "
        "sent there)" if home.contacts[1:] else "None: only the referral address",
        "lots": ", ".join(code_words(lot) for lot in home.lots),
        "history": [{**h, "sent": local(h["sent_at"]), "received": local(h["received_at"]),
                     "decision": code_words(h["decision"]) if h["decision"] else "No reply",
                     "hours": f"{h['hours']:.1f}" if h["hours"] is not None else ""}
                    for h in shown],
        "others": len(history) - len(shown), "paused": bool(live.establishment(home.key).paused),
        # the console resumes only a team's pause; a provider's own is lifted by its RESUME,
        # and the two are kept apart: either, or both, may stand
        "team_paused": paused_by_team(live.establishment(home.key).paused),
        "provider_paused": bool(providers_pause(live.establishment(home.key))),
        **await page_part(request, home.key)})
