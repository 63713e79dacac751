"""The social worker's shortlist page, reached by the signed link in the comparison email.

`GET /shortlist/{token}` shows the options with a checkbox each and which shortlist is with
the commissioners; `POST` hands the choice and the views to
`PlacementPort.propose_shortlist`, which checks them as `SHORTLIST A, C` by email would and
emails a link to confirm them to the address the page's link names: nothing is recorded
until it is confirmed from that inbox (channels/web/shortlist_confirm.py,
workflows/web_shortlist.py). A link travels (the comparison email is forwarded), so it is
never enough on its own to act, and the page never shows the parents' and the child's views
that were recorded: those are in the social worker's own emails. `GET /summary/{token}` is
the options in plain words for parents, under a link of its own ("summary", also in the
comparison email): it opens that summary and nothing else, so a parent who is sent it
cannot cut it back to this page.

The link opens the page when it is signed for "shortlist", unexpired, and names the
referral's own social worker, or its authority's placements team (whose copy of the
comparison carries a link of its own, so that what it gives is confirmed from the team's
inbox and recorded as the team's); and only while the search is on (not once the referral
is placed, ended, unmet or withdrawn). A form post must also carry an HMAC of the token from
our page (guard.form_key).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import select

from broker.db.tables import Referral, Response, ShortlistRound
from broker.links import UNKNOWN, make_link_token, refusal_words, resolve_subject, why_refused
from channels.web import guard
from channels.web.console.words import money, ofsted_words
from channels.web.keys import DIRECTORY, LINK_SECRET, PORT, SESSIONS
from channels.web.plain import long_date, summarise
from workflows.events import Shortlisted
from workflows.lifecycle import TRANSITIONS
from workflows.states import OVER, State

log = logging.getLogger("broker.web.shortlist")
ACTOR = web.RequestKey("shortlist_actor", str)  # whom the page's link names
REFUSAL = web.RequestKey("shortlist_refusal", str)  # why the link did not open
# Once the search is over (`OVER`) the link shows nothing: not the options, not the views
# recorded; it says only that the search has finished.
# The states in which the commissioners have approved a shortlist: the summary marks which
# options are still being considered (the homes not chosen have been told so).
CHOSEN = frozenset({State.APPROVED, State.NEGOTIATING})
VIEW_FIELDS = ("parents_views", "child_views", "parents_reason", "child_reason")
TEXT_MAX = 20_000
# Where a problem the port names by field is shown on the page.
PROBLEM_PLACES = {"labels": "options", "label": "options", "option": "options",
                  "options": "options", "shortlist": "options",
                  "parents": "parents", "parents_views": "parents", "parents_reason": "parents",
                  "child": "child", "child_views": "child", "child_reason": "child"}


@dataclass
class Typed:
    """What the social worker entered, to show again beside any problems."""

    labels: list[str] = field(default_factory=list)
    views: dict[str, str] = field(default_factory=lambda: dict.fromkeys(VIEW_FIELDS, ""))


def editable(referral: Referral) -> bool:
    """Whether a shortlist may be given now: the lifecycle table's answer, as for email."""
    return Shortlisted in TRANSITIONS.get(State(referral.state), {})


async def _latest_round(request: web.Request, referral: Referral) -> ShortlistRound | None:
    async with request.app[SESSIONS]() as session:
        return (await session.execute(select(ShortlistRound).where(
            ShortlistRound.referral_id == referral.id).order_by(
            ShortlistRound.round.desc()).limit(1))).scalars().first()  # type: ignore[attr-defined]


async def _referral(request: web.Request, purpose: str = "shortlist") -> Referral | None:
    """The referral when the link is good (for `purpose`), names its social worker or its
    authority's placements team, and the search is still on; None otherwise, with why in
    `request[REFUSAL]` (`why_refused`). The one the link names is remembered as the page's
    actor (`_actor`)."""
    request[REFUSAL] = UNKNOWN
    claims = guard.read_link(request, purpose)
    if claims is None:
        log.info("shortlist link refused: invalid")
        return None
    async with request.app[SESSIONS]() as session:
        referral = await session.get(Referral, claims.referral_id)
    holders = _case_holders(request, referral) if referral is not None else []
    actor = resolve_subject(request.app[LINK_SECRET], claims.subject, holders)
    if referral is None or actor is None:
        log.info("shortlist link refused for referral %s: not its social worker or team",
                 claims.referral_id)
        return None
    over = referral.state in OVER
    if over or claims.expires_at <= guard.now(request):
        request[REFUSAL] = why_refused(ours=True, search_over=over)
        log.info("shortlist link refused for referral %s: %s", referral.id, request[REFUSAL])
        return None
    request[ACTOR] = actor
    return referral


def _refused(request: web.Request, purpose: str = "shortlist") -> web.Response:
    """The refusal page, in words for why (`refusal_words`): a link that is not ours, or not
    its holder's, is answered as it always was, whatever has become of the referral."""
    return guard.refused(request, message=refusal_words(purpose, request.get(REFUSAL, UNKNOWN)))


def _case_holders(request: web.Request, referral: Referral) -> list[str]:
    """The addresses a shortlist link may name (by digest, or in plain in links made before):
    the social worker's and the team's, each as written."""
    directory = request.app.get(DIRECTORY)
    authority = directory.authority(referral.authority) if directory is not None else None
    team = authority.placements_team if authority is not None else ""
    return [a for a in (referral.referrer, team) if a]


async def shortlist_page(request: web.Request) -> web.Response:
    referral = await _referral(request)
    if referral is None:
        return _refused(request)
    return await _render(request, referral, Typed())


async def shortlist_submit(request: web.Request) -> web.Response:
    referral = await _referral(request)
    if referral is None:
        return _refused(request)
    posted = await guard.posted_form(request)
    if not guard.form_key_matches(request, str(posted.get("form_key", ""))):
        log.info("shortlist form for referral %s refused: form key missing or wrong",
                 referral.id)
        return guard.refused(request)
    if not editable(referral):
        return await _render(request, referral, Typed())
    typed = _typed(posted)
    answer = await request.app[PORT].propose_shortlist(
        referral.id or 0, actor=request[ACTOR], labels=typed.labels,
        parents_views=typed.views["parents_views"], child_views=typed.views["child_views"],
        parents_reason=typed.views["parents_reason"], child_reason=typed.views["child_reason"])
    log.info("shortlist for referral %s from the web page: %s", referral.id,
             "emailed for confirmation" if answer.accepted else "problems")
    if answer.accepted:
        return aiohttp_jinja2.render_template("shortlist_done.html.j2", request, {
            "reference": referral.reference or "", "message": answer.message,
            "summary_url": _summary_url(request)})
    return await _render(request, referral, typed, answer)


async def shortlist_summary(request: web.Request) -> web.Response:
    """The plain summary, by its own link (`/summary/{token}`) or, for the social worker who
    holds it, under the page's (`/shortlist/{token}/summary`, as links sent before had it)."""
    purpose = "summary" if request.path.startswith("/summary/") else "shortlist"
    referral = await _referral(request, purpose)
    if referral is None:
        # A parent does not know the placements team: her social worker sent the link.
        return _refused(request, purpose)
    claims = guard.read_link(request, purpose)
    assert claims is not None  # _referral read it
    profile = (referral.anonymised or {}).get("profile") or {}
    options = list(referral.comparison or [])
    round_ = await _latest_round(request, referral)
    return aiohttp_jinja2.render_template("shortlist_summary.html.j2", request, {
        "reference": referral.reference or "",
        "expires_on": long_date(claims.expires_at.date().isoformat()),
        "options": summarise(options, profile.get("placement_type"),
                             areas=_areas(request, options), today=guard.now(request).date(),
                             answers=await _answers_now(request, referral)),
        "still_considered": (list(round_.labels or []) if round_ is not None
                             and referral.state in CHOSEN else []),
    })


async def _answers_now(request: web.Request, referral: Referral) -> dict[str, str]:
    """Each home's current decision, by its key: the summary says what a home offers now,
    not what it offered when the comparison was made (it may since have withdrawn)."""
    async with request.app[SESSIONS]() as session:
        rows = await session.execute(select(Response.establishment, Response.decision).where(
            Response.referral_id == referral.id, Response.status == "current"))
        return {str(key): str(decision or "") for key, decision in rows.all()}


def _areas(request: web.Request, options: list[dict[str, Any]]) -> dict[str, str]:
    """Each option's home's area from the directory (its outward code's region), and the
    region of each outward code the options give as their location."""
    directory = request.app.get(DIRECTORY)
    if directory is None:
        return {}
    areas: dict[str, str] = {}
    for option in options:
        key = str(option.get("establishment") or "")
        home = directory.establishment(key) if key else None
        place = directory.places.get(home.outward_code.upper()) if home else None
        if place is not None and place.region:
            areas[key] = _area(place.region)
    for code, place in directory.places.items():
        if place.region:
            areas.setdefault(code, _area(place.region))
    return areas


def _area(region: str) -> str:
    """`South East` as `the South East`; `London` as it is."""
    compass = region.split()[0].lower() in ("north", "south", "east", "west")
    return f"the {region}" if compass else region


def _typed(posted: Any) -> Typed:
    labels: list[str] = []
    for value in posted.getall("option", []):
        label = str(value).strip().upper()[:8]
        if label and label not in labels:
            labels.append(label)
    views = {name: str(posted.get(name, "")).strip()[:TEXT_MAX] for name in VIEW_FIELDS}
    return Typed(labels, views)


async def _render(request: web.Request, referral: Referral, typed: Typed,
                  answer: Any = None) -> web.Response:
    problems = list(answer.problems) if answer is not None else []
    round_ = await _latest_round(request, referral)
    return aiohttp_jinja2.render_template("shortlist.html.j2", request, {
        "reference": referral.reference or "",
        "editable": editable(referral),
        "options": [_shown(option) for option in referral.comparison or []],
        "recorded": _recorded(round_),
        "typed": typed,
        "message": answer.message if answer is not None else "",
        "problems": problems,
        "problems_at": _problems_at(problems),
        "form_key": guard.form_key(request.app[LINK_SECRET], request.match_info["token"]),
        "summary_url": _summary_url(request),
    })


def _summary_url(request: web.Request) -> str:
    """The summary's own link, for the same referral, person and expiry as the page's."""
    claims = guard.read_link(request, "shortlist")
    assert claims is not None  # the page was opened with it
    token = make_link_token(request.app[LINK_SECRET], "summary", claims.referral_id,
                            claims.subject, claims.expires_at)
    return f"/summary/{token}"


def _problems_at(problems: list[dict[str, str]]) -> dict[str, list[str]]:
    places: dict[str, list[str]] = {}
    for problem in problems:
        place = PROBLEM_PLACES.get(problem.get("field", ""))
        if place:
            places.setdefault(place, []).append(problem.get("problem", ""))
    return places


def _recorded(round_: ShortlistRound | None) -> dict[str, Any]:
    """The latest shortlist put for approval, as the page shows it: its options and when,
    never the views recorded with it (the page opens for whoever holds its link)."""
    if round_ is None:
        return {}
    return {"labels": list(round_.labels or []),
            "at": long_date(round_.at.date().isoformat()) if round_.at else ""}


def _shown(option: dict[str, Any]) -> dict[str, Any]:
    """One option as the social worker reads it: the comparison's facts, fee formatted."""
    return {**option, "label": str(option.get("label") or "?"),
            "decision": _words(option.get("decision")),
            "ofsted_rating": ofsted_words(option.get("ofsted_rating"),
                                          option.get("ofsted_source")),
            "weekly_fee": money(option.get("weekly_fee")),  # as the emails write it
            "proposal": option.get("proposal") or "none",
            "available_from": long_date(option.get("available_from") or "not given")}


def _words(code: Any) -> str:
    """`requires-improvement` as `Requires improvement`."""
    return str(code or "not given").replace("-", " ").capitalize()

