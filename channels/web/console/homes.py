"""Pausing and resuming a home from its directory page: the placements team's own `PAUSE`.

An operator, or a placements officer of a council that uses the home (`may_pause_homes`),
posts the page's form (its CSRF
token, a one-off nonce so a double-click acts once, and for a pause the reason); it becomes
one `HomeSetByTeam` event for `Engine.handle`, decided by workflows/market/notices.py
`decide_by_team` with the same commands as the provider's `PAUSE` / `RESUME`, recorded on
the home's timeline as the person who did it, and the home's referral address is told; the
decision core also refuses an officer a home her council does not use, and a pause another
council's team made (rule `team-acts-on-its-homes`). The page lists the home's pauses and
resumes, by whom; a council's pause reason and its officer's address are its own council's
(and the operators') to read, as other staff-written words are (`reads_team_words`): other
councils' staff read that another council's placements team paused it, and when.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import replace
from typing import Any

from aiohttp import web
from aiohttp_session import get_session
from sqlalchemy import select
from sqlmodel import col

from broker.db.tables import MarketEvent
from broker.directory.live import BY_TEAM, paused_by_team, standing
from channels.seen import SeenInDatabase
from channels.web.console.actions import TEXT_MAX, actor_of
from channels.web.console.context import STAFF, csrf_ok, parts, record_access, staff_only
from channels.web.console.staff import OFFICER, StaffMember
from channels.web.console.words import local
from channels.web.guard import posted_form
from workflows.market.events import HomeSetByTeam
from workflows.market.notices import OPERATORS

RESULT = "home-result"  # the session key of the last pause or resume's result, shown once
CHANGES = ("paused", "resumed")  # the home's timeline entries the page lists
ANOTHER_TEAM = "another council's placements team"


def may_pause_homes(staff: StaffMember, home: Any, directory: Any) -> bool:
    """Rule: the consortium's operators may pause and resume any home, a council's
    placements officers only a home their council uses (a team pause takes it out of every
    council's referrals); commissioners may not."""
    return staff.is_operator or (staff.role == OFFICER and home is not None
                                 and directory.uses(staff.authority, home))


def team_of(staff: StaffMember, directory: Any) -> tuple[str, str]:
    """Who the provider is told paused or resumed its home, and where to write: an
    officer's council's placements team and its address, or the consortium's operators."""
    if staff.is_operator:
        return "the consortium's placements operators", staff.address
    authority = directory.authority(staff.authority)
    name = authority.name if authority else staff.authority_name
    return f"{name}'s placements team", authority.placements_team if authority else ""


def council_of(data: Any, directory: Any) -> str:
    """The council whose team made a pause or resume (its event's `data`): as the event
    recorded it, else the council of the address that made it; "" for a provider's own, and
    `OPERATORS` for the consortium's operators'."""
    data = data if isinstance(data, dict) else {}
    if data.get("council"):
        return str(data["council"])
    authority = directory.authority_for_sender(str(data.get("by", "")))
    return authority.key if authority is not None else ""


def reads_team_words(staff: StaffMember, council: str) -> bool:
    """Rule: whether this person reads a council team's pause reason, and who made the
    pause or resume, as written: the consortium's operators and that council's own staff
    (`reads_as_written`); a provider's own pause, and the operators', are anyone's."""
    return (staff.is_operator or council in ("", OPERATORS)
            or staff.reads_as_written(council))


async def pausing_councils(console: Any) -> dict[str, str]:
    """Each home's newest team pause's council (`council_of`), by the home's key: a
    provider's own pause made since (kept apart from the team's) leaves it as it was."""
    async with console.sessions() as session:
        rows = (await session.execute(select(col(MarketEvent.subject_key),
                                             col(MarketEvent.data)).where(
            col(MarketEvent.subject) == "establishment", col(MarketEvent.kind) == "paused")
            .order_by(col(MarketEvent.id)))).all()
    return {key: council_of(data, console.directory) for key, data in rows
            if isinstance(data, dict) and paused_by_team(str(data.get("reason", "")))}


def standing_as_read(staff: StaffMember, establishment: Any, council: str) -> str:
    """Whether a home receives referrals (`standing`), as `staff` may read it: a pause
    another council's team made says so, and since when, without its reason."""
    if not (paused_by_team(establishment.paused) and not reads_team_words(staff, council)):
        return standing(establishment)
    since = re.search(r" \(since [^()]*\)$", establishment.paused)
    others = standing(replace(establishment, paused=""))
    pause = f"paused by {ANOTHER_TEAM}{since.group(0) if since else ''}"
    return pause if others == "active" else f"{others}; {pause}"


async def home_changes(console: Any, key: str, staff: StaffMember) -> list[dict[str, str]]:
    """The home's pauses and resumes, newest first: when, what, why and by whom, as `staff`
    may read them (`reads_team_words`)."""
    async with console.sessions() as session:
        rows = (await session.execute(select(MarketEvent).where(
            col(MarketEvent.subject) == "establishment", col(MarketEvent.subject_key) == key,
            col(MarketEvent.kind).in_(CHANGES)).order_by(col(MarketEvent.id).desc())
            .limit(50))).scalars()
        changes = []
        for row in rows:
            data = row.data or {}
            change = {"at": local(row.at), "what": row.kind.capitalize(),
                      "reason": str(data.get("reason", "")).removeprefix(BY_TEAM),
                      "by": str(data.get("by", ""))}
            if not reads_team_words(staff, council_of(data, console.directory)):
                change |= {"reason": "", "by": ANOTHER_TEAM[:1].upper() + ANOTHER_TEAM[1:]}
            changes.append(change)
        return changes


async def page_part(request: web.Request, key: str) -> dict[str, Any]:
    """What the establishment page shows of this: its history, the form, the last result."""
    staff, console = request[STAFF], parts(request)
    session = await get_session(request)
    result = session.get(RESULT)
    if isinstance(result, dict) and result.get("key") == key:
        del session[RESULT]
    else:
        result = {}
    home = console.directory.establishment(key)
    return {"changes": await home_changes(console, key, staff), "result": result,
            "may_pause": may_pause_homes(staff, home, console.directory),
            "nonce": secrets.token_urlsafe(12)}


@staff_only
async def set_home(request: web.Request) -> web.StreamResponse:
    console, staff = parts(request), request[STAFF]
    verb = request.match_info["verb"]
    home = console.directory.establishment(request.match_info["key"][:80])
    if home is None:
        raise web.HTTPNotFound(text="There is no such establishment in the directory.")
    posted = await posted_form(request)
    if not await csrf_ok(request, posted):
        await record_access(request, f"home:{verb}", outcome="refused:form")
        raise web.HTTPBadRequest(text="The form had expired or was not ours; go back and "
                                      "try again.")
    if not may_pause_homes(staff, home, console.directory):
        await record_access(request, f"home:{verb}", outcome="refused:not-allowed")
        raise web.HTTPForbidden(text="Only the consortium's operators, and the placements "
                                     "officers of a council that uses this home, pause it.")
    reason = str(posted.get("reason", "")).strip()[:TEXT_MAX]
    nonce = str(posted.get("nonce", ""))[:40] or secrets.token_urlsafe(12)
    form = hashlib.sha256(f"console-home|{home.key}|{staff.address}|{verb}|{nonce}".encode())
    team, contact = team_of(staff, console.directory)
    event = HomeSetByTeam(actor=actor_of(request), key=f"web:{form.hexdigest()[:16]}",
                          establishment=home.key, verb=verb, reason=reason, team=team,
                          contact=contact, council=staff.authority,
                          operator=staff.is_operator)
    seen = SeenInDatabase(console.sessions, console.now)
    if (first := await seen.first(form.hexdigest())) is not None:
        said = json.loads(first).get("message", "") if first else ""
        accepted, message = False, ("This form was sent already, and acts only once; "
                                    f"nothing more was done. {said}").strip()
    else:
        try:
            handled = await console.engine.handle(None, event)
        except BaseException:  # nothing was done: posting the form again must be able to act
            await seen.forget(form.hexdigest())
            raise
        accepted, message = handled.answer.accepted, handled.answer.message
        await seen.answered(form.hexdigest(), json.dumps({"message": message[:300]}))
    await record_access(request, f"home:{verb}", outcome="ok" if accepted
                        else "refused:not-accepted")
    (await get_session(request))[RESULT] = {"key": home.key, "accepted": accepted,
                                            "message": message[:400]}
    raise web.HTTPSeeOther(f"/console/directory/{home.key}#result")
