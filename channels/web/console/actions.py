"""What the placements team can do to a referral from its page: send a held referral to
providers, extend or close the response window, chase the homes that have not answered,
open the next wave, drop an option, end the search as unmet need, withdraw.

Each form post becomes one event for `Engine.handle`, with the signed-in person as the actor
(`channel="web"`, authenticated by the sign-in), so the lifecycle table and the permissions
table decide exactly as they do for the same instruction by email. The page offers only the
actions both tables would allow this person now; the engine still decides on the post. Each
form carries a one-off nonce, remembered by every instance (channels/seen.py), so a form
posted twice (a double-click, a second tab, a slow connection) acts once and the second post
is told so; the window's forms also carry the wave the page showed, and do nothing once
another wave is open. Close, Next wave, Unmet and Withdraw first show what they will do, in
numbers, and act only when that is confirmed (channels/web/console/confirm.py); so does
Chase ("Chase 3 homes that have not answered?"), unless it would be refused.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from broker.db.tables import Referral
from broker.settings import parse_duration
from channels.seen import SeenInDatabase
from channels.web.console.confirm import CONFIRMED, consequence, next_wave, sent_words
from channels.web.console.context import (
    STAFF,
    csrf_ok,
    parts,
    record_access,
    render,
    staff_only,
)
from channels.web.guard import posted_form
from workflows.chase_now import why_not as chase_refused
from workflows.events import (
    Actor,
    BroadcastApproved,
    ChaseAsked,
    Dropped,
    Event,
    NextWave,
    UnmetDeclared,
    WindowClosed,
    WindowExtended,
    Withdrawn,
)
from workflows.lifecycle import TRANSITIONS
from workflows.permissions import authorise
from workflows.states import State

TEXT_MAX = 2000
RESULT = "result"  # the session key of the last action's result, shown once


@dataclass(frozen=True)
class Action:
    name: str  # in the path: /console/referrals/REF/actions/<name>
    label: str  # the button
    event: type[Event]
    field: str = ""  # the one thing to type or choose: duration | reason | label
    hint: str = ""


ACTIONS = (
    Action("send", "Send it to providers now", BroadcastApproved),
    Action("extend", "Extend the response window", WindowExtended, "duration",
           "How much longer, for example 24h, 2d or 90m"),
    Action("close", "Close the response window now", WindowClosed),
    Action("chase", "Chase the homes that have not answered", ChaseAsked),
    Action("next-wave", "Send to the next wave now", NextWave, "reason",
           "Why the next wave should have it now"),
    Action("drop", "Drop an option from the shortlist", Dropped, "label",
           "The option's letter"),
    Action("unmet", "End the search as unmet need", UnmetDeclared, "reason",
           "Why no placement could be found (for the sufficiency report)"),
    Action("withdraw", "Withdraw the referral", Withdrawn, "reason",
           "Why it is withdrawn (providers are told it is no longer needed)"),
)
BY_NAME = {action.name: action for action in ACTIONS}


def build_event(action: Action, value: str, actor: Actor, key: str,
                wave: int | None = None) -> Event | str:
    """The event for a posted action, or a sentence saying what to fix. `wave`: the wave
    the page showed, for the window's own actions."""
    makers: dict[str, Callable[[], Event | str]] = {
        "send": lambda: BroadcastApproved(actor=actor, key=key),
        "extend": lambda: _extend(value, actor, key, wave),
        "close": lambda: WindowClosed(actor=actor, key=key, wave=wave),
        "chase": lambda: ChaseAsked(actor=actor, key=key, wave=wave),
        "next-wave": lambda: NextWave(actor=actor, key=key, reason=value, wave=wave),
        "drop": lambda: Dropped(actor=actor, key=key, label=value.upper())
        if value else "Choose the option to drop.",
        "unmet": lambda: UnmetDeclared(actor=actor, key=key, reason=value)
        if value else "Say why no placement could be found.",
        "withdraw": lambda: Withdrawn(actor=actor, key=key, reason=value),
    }
    return makers[action.name]()


def _extend(value: str, actor: Actor, key: str, wave: int | None) -> Event | str:
    try:
        return WindowExtended(actor=actor, key=key, by=parse_duration(value), wave=wave)
    except ValueError:
        return "Give the extension as a duration, for example 24h, 2d or 90m."


def _already_sent(first: str) -> str:
    """The answer to a form posted again: it acted once, and what it did then."""
    said = json.loads(first).get("message", "") if first else ""
    return ("This form was sent already, and acts only once; nothing more was done."
            + (f" The first time: {said}" if said else ""))


def actor_of(request: web.Request) -> Actor:
    return Actor(address=request[STAFF].address, channel="web", authenticated=True)


async def available_actions(request: web.Request, referral: Referral) -> list[dict[str, Any]]:
    """The actions the two tables would allow this person now, each with its form's nonce."""
    snapshot = await parts(request).engine.snapshot(referral.reference or "")
    if snapshot is None:
        return []
    allowed = TRANSITIONS.get(State(referral.state), {})
    actor, shown = actor_of(request), []
    for action in ACTIONS:
        probe = build_event(action, "probe" if action.name != "extend" else "1h", actor, "")
        if action.event not in allowed or not isinstance(probe, Event):
            continue
        if authorise(snapshot, probe) is not None:
            continue
        options = _drop_options(referral) if action.name == "drop" else []
        if action.name == "drop" and not options:
            continue
        shown.append({"name": action.name, "label": _label(action, snapshot),
                      "field": action.field,
                      "hint": action.hint, "options": options,
                      "nonce": secrets.token_urlsafe(12),
                      "wave": snapshot.open_wave.number if snapshot.open_wave else ""})
    return shown


def _label(action: Action, snapshot: Any) -> str:
    """The button's words: the next wave's number and homes, when there is one."""
    if action.name != "next-wave" or (preview := next_wave(snapshot)) is None:
        return action.label
    homes = f"{preview.homes} home{'s' if preview.homes != 1 else ''}"
    return f"Send to wave {preview.number} now ({homes})"


async def _confirmation(request: web.Request, action: Action, referral: Referral,
                        event: Event, posted: Any, value: str) -> web.Response | None:
    """The page asking once more before an action that cannot be taken back, or None when
    the engine should answer at once (confirmed; not this person's to take; a page of a
    wave that has ended, which the engine refuses without changing anything)."""
    if action.name not in CONFIRMED or str(posted.get("confirm", "")) == "yes":
        return None
    snapshot = await parts(request).engine.snapshot(referral.reference or "")
    shown = getattr(event, "wave", None)
    if snapshot is None or authorise(snapshot, event) is not None or (
            shown is not None and snapshot.open_wave is not None
            and snapshot.open_wave.number != shown) or (
            action.name == "chase" and chase_refused(snapshot) is not None):
        return None
    question, happens = consequence(action.name, snapshot)
    return await render(request, "confirm.html.j2", {
        "reference": referral.reference, "action": action.name, "question": question,
        "happens": happens, "field": action.field, "value": value,
        "nonce": str(posted.get("nonce", ""))[:40], "wave": str(posted.get("wave", ""))[:3],
        "warning": action.name in ("withdraw", "unmet")})


def _drop_options(referral: Referral) -> list[str]:
    shortlisted = {str(o.get("label")) for o in referral.comparison or []}
    return sorted(label for label in shortlisted if label)


@staff_only
async def take_action(request: web.Request) -> web.StreamResponse:
    from channels.web.console.referrals import visible_referral  # (imports each other)

    action = BY_NAME.get(request.match_info["action"])
    referral = await visible_referral(request)
    posted = await posted_form(request)
    if action is None or not await csrf_ok(request, posted):
        await record_access(request, f"action:{request.match_info['action'][:30]}",
                            referral_id=referral.id, outcome="refused:form")
        raise web.HTTPBadRequest(text="The form had expired or was not ours; go back and "
                                      "try again.")
    value = str(posted.get(action.field, "")).strip()[:TEXT_MAX] if action.field else ""
    nonce = str(posted.get("nonce", ""))[:40] or secrets.token_urlsafe(12)
    staff = request[STAFF]
    digest = hashlib.sha256(f"{staff.address}|{action.name}|{nonce}|{value}".encode())
    wave = str(posted.get("wave", ""))
    event = build_event(action, value, actor_of(request), f"web:{digest.hexdigest()[:16]}",
                        int(wave) if wave.isdigit() and len(wave) < 4 else None)
    seen, form = SeenInDatabase(parts(request).sessions, parts(request).now), hashlib.sha256(
        f"console|{referral.id}|{staff.address}|{action.name}|{nonce}".encode()).hexdigest()
    if not isinstance(event, str) and (  # asked once more; the form is spent only when it acts
            asking := await _confirmation(request, action, referral, event, posted, value)):
        return asking
    if isinstance(event, str):
        accepted, message, outcome = False, event, "refused:not-accepted"
    elif (first := await seen.first(form)) is not None:  # a double-click, a second tab
        accepted, message, outcome = False, _already_sent(first), "refused:repeated"
    else:
        try:
            handled = await parts(request).engine.handle(referral.id, event)
        except BaseException:  # nothing was done: posting the form again must be able to act
            await seen.forget(form)
            raise
        accepted, message = handled.answer.accepted, handled.answer.message or (
            "Done." if handled.answer.accepted else "Not done.")
        outcome = "ok" if accepted else "refused:not-accepted"
        if accepted and action.name == "next-wave":
            after = await parts(request).engine.snapshot(referral.reference or "")
            message = (sent_words(after) if after else "") or message
        await seen.answered(form, json.dumps({"message": message[:300]}))
    await record_access(request, f"action:{action.name}", referral_id=referral.id,
                        outcome=outcome)
    # The result travels in the session, never in the URL: a link carrying words of its
    # choosing would show them as the console's own "Done" to whoever followed it.
    (await get_session(request))[RESULT] = {"reference": referral.reference,
                                            "message": message[:300], "accepted": accepted}
    raise web.HTTPSeeOther(f"/console/referrals/{referral.reference}#result")
