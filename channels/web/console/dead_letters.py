"""The Dead letters page: messages and deadlines whose handling failed (what /healthz counts
as "degraded"), each with when, its source, the error's kind and the referral, sender and
home it concerns where its row shows them (workflows/dead_letters.py), never a message's
body. Operators see every one, with its traceback folded under its error (as `broker
dead-letters show` prints it: where it failed, never what it was given), and may replay it
(the same as `broker dead-letters replay`);
other staff see only their own authority's (`visible`), and replay none. A page shows the
newest `PAGE_SIZE` letters (an officer those of them that are her authority's), with links to
the next and previous pages, so a backlog never slows the page.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from channels.web.console.context import (
    STAFF,
    csrf_ok,
    parts,
    record_access,
    render,
    staff_only,
)
from channels.web.console.referrals import page_number
from channels.web.console.staff import StaffMember
from channels.web.console.words import local
from channels.web.guard import posted_form
from workflows.dead_letters import Letter, letters, replay, waiting

RESULT = "dead-letter-result"  # the session key of the last replay's result, shown once
# The letters a page shows, newest first; the next page's link when there are more.
PAGE_SIZE = 100
REPLAYABLE = frozenset({"inbound", "deadline"})


def visible(staff: StaffMember, letter: Letter) -> bool:
    """Rule: an operator sees every dead letter; anyone else only those of their own
    authority (a letter about no known authority is an operator's alone)."""
    return staff.is_operator or (bool(letter.authority) and staff.sees(letter.authority))


def may_replay(staff: StaffMember, letter: Letter) -> bool:
    """Rule: only an operator replays, and a letter replays once."""
    return staff.is_operator and letter.replayed_at is None and letter.source in REPLAYABLE


def _row(staff: StaffMember, letter: Letter, names: dict[str, str]) -> dict[str, Any]:
    return {"id": letter.id, "at": local(letter.at), "source": letter.source,
            "source_id": letter.source_id, "error": letter.error,
            "reference": letter.reference, "sender": letter.sender, "home": letter.home_name,
            "authority": names.get(letter.authority, letter.authority),
            "replayed": local(letter.replayed_at), "replay": may_replay(staff, letter),
            "detail": letter.detail if staff.is_operator else ""}


@staff_only
async def dead_letters_page(request: web.Request) -> web.Response:
    console, staff = parts(request), request[STAFF]
    engine = console.engine.parts
    page = page_number(request.query.get("page", ""))
    async with console.sessions() as session:
        found = await letters(session, engine.secret, engine.mail_domain, console.directory,
                              offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1)
        everywhere = await waiting(session) if staff.is_operator else None
    more, found = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
    names = {key: a.name for key, a in console.directory.authorities.items()}
    shown = [_row(staff, letter, names) for letter in found if visible(staff, letter)]
    session = await get_session(request)
    result = session.pop(RESULT, None)
    link = "/console/dead-letters?page={}"
    return await render(request, "dead_letters.html.j2", {
        "letters": shown, "waiting": everywhere if everywhere is not None else sum(
            1 for row in shown if not row["replayed"]),
        "pages": {"previous": link.format(page - 1) if page > 1 else "",
                  "next": link.format(page + 1) if more else ""},
        "result": result if isinstance(result, dict) else {}})


@staff_only
async def replay_letter(request: web.Request) -> web.StreamResponse:
    console, staff = parts(request), request[STAFF]
    posted = await posted_form(request)
    if not await csrf_ok(request, posted):
        await record_access(request, "dead-letter-replay", outcome="refused:form")
        raise web.HTTPBadRequest(text="The form had expired or was not ours; go back and "
                                      "try again.")
    if not staff.is_operator:
        await record_access(request, "dead-letter-replay", outcome="refused:not-operator")
        raise web.HTTPForbidden(text="Only the consortium's operators replay dead letters.")
    number = request.match_info["id"]
    letter_id = int(number) if number.isdigit() and len(number) < 12 else 0
    async with console.sessions() as session:
        done = await replay(session, letter_id, console.now())
        await session.commit()
    await record_access(request, "dead-letter-replay",
                        outcome="ok" if done else "refused:not-waiting")
    (await get_session(request))[RESULT] = {"accepted": done, "message": (
        f"Dead letter {letter_id} is queued again; the running service takes it next."
        if done else f"Dead letter {letter_id} is not waiting to be replayed (replayed "
                     "already, or there is no such dead letter).")}
    raise web.HTTPSeeOther("/console/dead-letters")
