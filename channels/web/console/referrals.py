"""The referrals list and one referral's page.

The list shows the referrals the signed-in person may see (their authority's; all for an
operator), newest first, a page of 100 at a time with the true total, with state, the social
worker, urgency, wave, the deadline counting down and responses so far, filtered by state,
urgency, authority and a search of the reference and the social worker's address (the child's
details are never searched nor shown). A referral's page shows its
timeline in plain words and UK time, the anonymised text exactly as providers saw it, each
wave's recipients, every exclusion with the rule and reason recorded at the time, the
responses side by side with their scores, the shortlist rounds and approvals, the papers
access log, the fee rounds and the IPA's integrity code. Opening it is logged. The words
staff wrote later (views, questions, reasons) are shown as written only to the council's own
staff; anyone else who may see it (an operator) reads them anonymised, as the audit pack does.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from aiohttp import web
from aiohttp_session import get_session
from sqlalchemy import func, or_, select
from sqlmodel import col

from broker.comparison import ofsted_ratings, ofsted_source
from broker.db.tables import MatchRecord, Referral, Response, Wave
from channels.email.referral_lines import referral_lines, referral_sections
from channels.email.render import day
from channels.web.console.actions import RESULT, available_actions
from channels.web.console.context import STAFF, parts, record_access, render, staff_only
from channels.web.console.next_step import NextStep, home_answers, next_step, standing_words
from channels.web.console.questions import questions_shown
from channels.web.console.record import find_referral, load_record_set
from channels.web.console.shareable import shareable_records
from channels.web.console.words import (
    clause,
    code_words,
    countdown,
    describe_event,
    humanise,
    local,
    money,
    ofsted_words,
    rule_words,
)
from workflows.people import referrer_named, vouched_name
from workflows.snapshot import UNDECIDED
from workflows.states import OVER, State

PAGE_SIZE = 100
FILTERS = ("state", "urgency", "authority", "q")


def matches_search(text: str) -> Any:
    """The referrals a search box's text finds: its reference, or the social worker's address
    (a name typed with a space, "Sam Taylor", as the address writes it, "sam.taylor")."""
    words = text.strip().lower()
    return or_(col(Referral.reference).contains(words.upper()),
               col(Referral.referrer).contains(words),
               col(Referral.referrer).contains(".".join(words.split())))


def page_number(text: str) -> int:
    """The list's page asked for: a whole number from 1, anything else the first page."""
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1


async def _counts(session: Any, ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    sent = dict((await session.execute(
        select(col(MatchRecord.referral_id), func.count()).where(
            col(MatchRecord.eligible), col(MatchRecord.referral_id).in_(ids))
        .group_by(col(MatchRecord.referral_id)))).all())
    # an answer is a current reply that gave a decision (`has_answered`), as the close
    # confirmation and the "Waiting for" line count it; a reply without one is not yet
    answered = dict((await session.execute(
        select(col(Response.referral_id), func.count()).where(
            col(Response.status) == "current",
            func.coalesce(col(Response.decision), UNDECIDED) != UNDECIDED,
            col(Response.referral_id).in_(ids))
        .group_by(col(Response.referral_id)))).all())
    return sent, answered


async def _latest_waves(session: Any, ids: list[int]) -> dict[int, Wave]:
    rows = await session.execute(select(Wave).where(
        col(Wave.referral_id).in_(ids), col(Wave.opened_at).is_not(None))
        .order_by(col(Wave.number)))
    return {w.referral_id: w for w in rows.scalars()}


@staff_only
async def referrals_list(request: web.Request) -> web.Response:
    staff, console = request[STAFF], parts(request)
    chosen = {name: request.query.get(name, "").strip()[:60] for name in FILTERS}
    query = select(Referral).where(col(Referral.authority).in_(
        staff.scope(console.directory)), col(Referral.reference).is_not(None))
    for name in ("state", "urgency", "authority"):
        if chosen[name]:
            query = query.where(getattr(Referral, name) == chosen[name])
    if chosen["q"]:
        query = query.where(matches_search(chosen["q"]))
    page = page_number(request.query.get("page", ""))
    async with console.sessions() as session:
        total = (await session.execute(
            select(func.count()).select_from(query.subquery()))).scalar_one()
        rows = list((await session.execute(
            query.order_by(col(Referral.id).desc())
            .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))).scalars())
        ids = [r.id or 0 for r in rows]
        sent, answered = await _counts(session, ids)
        waves = await _latest_waves(session, ids)
    now = console.now()
    return await render(request, "referrals.html.j2", {
        "rows": [_list_row(r, waves.get(r.id or 0), sent, answered, now, console) for r in rows],
        "chosen": chosen, "total": total, "first": (page - 1) * PAGE_SIZE + 1,
        "pages": _pages(page, total, chosen), "states": [str(s) for s in State if s != State.NEW],
        "urgencies": ["emergency", "urgent", "planned"],
        "authorities": [(key, console.directory.authority(key).name)
                        for key in staff.scope(console.directory)],
    })


def _pages(page: int, total: int, chosen: dict[str, str]) -> dict[str, str]:
    """The links to the previous and next pages, keeping the filters."""
    kept = "&".join(f"{name}={quote(value)}" for name, value in chosen.items() if value)
    link = "/console/referrals?" + (kept + "&" if kept else "") + "page={}"
    return {"previous": link.format(page - 1) if page > 1 else "",
            "next": link.format(page + 1) if page * PAGE_SIZE < total else ""}


def window_open(state: str, wave: Any) -> bool:
    """Rule: a response window is open, and counts down, only while its wave has not closed
    and the referral is still live: withdrawing it or ending the search (unmet need, placed,
    ended: `OVER`) ends the window too, though nothing sets the wave's `closed_at` then."""
    return wave is not None and wave.closed_at is None and state not in OVER


def _list_row(referral: Referral, wave: Wave | None, sent: dict[int, int],
              answered: dict[int, int], now: Any, console: Any) -> dict[str, Any]:
    rid = referral.id or 0
    open_wave = window_open(referral.state, wave)
    authority = console.directory.authority(referral.authority)
    profile = (referral.anonymised or {}).get("profile") or {}
    return {"reference": referral.reference, "state": referral.state,
            "state_words": standing_words(referral.state, referral.comparison),
            "authority": authority.name if authority else referral.authority,
            "social_worker": referrer_named(referral), "referrer": referral.referrer,
            "urgency": code_words(referral.urgency),
            "placement_type": code_words(profile.get("placement_type")),
            "created": local(referral.created_at),
            "wave": wave.number if wave else "",
            "deadline": local(wave.closes_at) if open_wave and wave else "",
            "countdown": countdown(wave.closes_at, now) if open_wave and wave else "",
            "sent": sent.get(rid, 0), "answered": answered.get(rid, 0)}


async def visible_referral(request: web.Request) -> Referral:
    """The referral named in the path, if this person may see it; 404 otherwise (the same
    answer as for a reference that does not exist, so nothing leaks), and logged."""
    staff, console = request[STAFF], parts(request)
    async with console.sessions() as session:
        referral = await find_referral(session, request.match_info["reference"][:40])
    if referral is None or not staff.sees(referral.authority):
        await record_access(request, "viewed-referral",
                            referral_id=referral.id if referral else None,
                            outcome="refused:not-visible" if referral else "refused:unknown")
        raise web.HTTPNotFound(text="There is no such referral in your authority's list.")
    return referral


@staff_only
async def referral_page(request: web.Request) -> web.Response:
    console = parts(request)
    referral = await visible_referral(request)
    async with console.sessions() as session:
        records = await load_record_set(session, referral)
        live = await console.engine.parts.current_directory(session)
    if not request[STAFF].reads_as_written(referral.authority):
        records = shareable_records(records, console.engine.parts.referral_spec,
                                    console.now().date())
    await record_access(request, "viewed-referral", referral_id=referral.id)
    result = await action_result(request, referral.reference or "")
    view = referral_view(records, console.directory, console.now())
    paused = {m.establishment: getattr(live.establishment(m.establishment), "paused", "")
              for m in records.recipients}
    return await render(request, "referral.html.j2", {
        **view, **shortened_timeline(view["timeline"]),
        "waves": with_answers(view["waves"], home_answers(records, paused)),
        "next_step": referral_next_step(records, console, paused),
        "actions": await available_actions(request, referral),
        "hold": records.hold,
        **await questions_shown(request, referral, records.names,
                                console.engine.parts.referral_spec),
        "message": humanise(str(result.get("message", ""))),
        "accepted": result.get("accepted") is True,
    })


def referral_next_step(records: Any, console: Any,
                       paused: dict[str, str] | None = None) -> NextStep:
    """Who acts next on this referral (channels/web/console/next_step.py), with the
    referral's response window, its authority's commissioners and the approvals it needs;
    `paused`: its recipients paused today (establishment → why), who are not waited for."""
    referral, parts_ = records.referral, console.engine.parts
    authority = console.directory.authority(referral.authority)
    return next_step(
        records, now=console.now(), window=parts_.window_for(referral.urgency or "planned"),
        approvers=[a for a in getattr(authority, "commissioners", ())
                   if a.lower() != referral.referrer.lower()],
        needed=getattr(authority, "quorum", None) or parts_.approvals_needed,
        team=getattr(authority, "placements_team", ""), paused=paused or {})


def with_answers(waves: list[dict[str, Any]], answers: dict[str, str]) -> list[dict[str, Any]]:
    """Each wave's recipients with how each has answered (`home_answers`)."""
    return [{**w, "recipients": [{**r, "answer": answers.get(r["key"], "")}
                                 for r in w["recipients"]]} for w in waves]


async def action_result(request: web.Request, reference: str) -> dict[str, Any]:
    """The result of this session's last action on this referral, once (then forgotten)."""
    session = await get_session(request)
    result = session.get(RESULT)
    if not isinstance(result, dict) or result.get("reference") != reference:
        return {}
    del session[RESULT]
    return result


# A long timeline is shortened on the page, never in the audit pack: of the entries each
# provider reply makes (a home that replies two thousand times must not make the team's
# page unusable), the first 50 and the latest 250 are shown; every other entry (a
# withdrawal, an approval, a failed delivery, a state change) is always shown.
TIMELINE_FIRST, TIMELINE_LATEST = 50, 250
REPLY_ENTRIES = frozenset({"response", "response-written-earlier", "reply-after-close",
                           "reply-quarantined"})


def shortened_timeline(timeline: list[dict[str, Any]]) -> dict[str, Any]:
    """The timeline as the page shows it: `timeline`, with one `{"hidden": n}` entry where
    replies' entries are left out."""
    replies = [n for n, entry in enumerate(timeline) if entry.get("kind") in REPLY_ENTRIES]
    if len(replies) <= TIMELINE_FIRST + TIMELINE_LATEST:
        return {"timeline": timeline}
    left_out = set(replies[TIMELINE_FIRST:-TIMELINE_LATEST])
    shown: list[dict[str, Any]] = []
    for n, entry in enumerate(timeline):
        if n not in left_out:
            shown.append(entry)
        elif not shown or "hidden" not in shown[-1]:
            shown.append({"hidden": 1})
        else:
            shown[-1]["hidden"] += 1
    return {"timeline": shown}


def referral_view(records: Any, directory: Any, now: Any) -> dict[str, Any]:
    """The page's facts, worded (also the audit pack's)."""
    referral, names = records.referral, records.names
    profile = (referral.anonymised or {}).get("profile") or {}
    authority = directory.authority(referral.authority)
    opened = [w for w in records.waves if w.opened_at is not None]
    current = opened[-1] if opened else None
    return {
        "referral": referral, "reference": referral.reference,
        "state_words": standing_words(referral.state, referral.comparison),
        "authority": authority.name if authority else referral.authority,
        "team": authority.placements_team if authority else "",
        # what providers saw, from the rendering their email uses (one source of truth)
        "profile": referral_lines(profile),
        "text": referral_sections((referral.anonymised or {}).get("text") or {}),
        "deadline": local(current.closes_at) if current and window_open(referral.state,
                                                                        current) else "",
        "countdown": countdown(current.closes_at, now)
        if current and window_open(referral.state, current) else "",
        "timeline": [{"at": local(e.at), "what": describe_event(e.kind, e.data or {}, names),
                      "kind": e.kind} for e in records.events],
        "waves": [_wave(w, records) for w in records.waves],
        "excluded": [{"name": m.establishment_name or m.establishment,
                      "key": m.establishment, "rule": m.rule,
                      "why": rule_words(m.rule, m.reason)} for m in records.excluded],
        "excluded_by_rule": Counter(m.rule for m in records.excluded).most_common(),
        "responses": _responses(records, directory),
        "rounds": [{"round": r.round, "labels": ", ".join(r.labels or []), "by": r.by,
                    "at": local(r.at), "outcome": code_words(r.outcome),
                    "views": r.views or {}, **_views_said(r.views or {})}
                   for r in records.rounds],
        "approvals": [{"round": a.round, "who": vouched_name(a.approver, a.approver_name),
                       "address": a.approver, "decision": code_words(a.decision),
                       "reason": a.reason, "channel": a.channel, "account": a.account,
                       "at": local(a.at)}
                      for a in records.approvals],
        "accesses": [{"at": local(a.at), "who": names.get(a.establishment, a.establishment),
                      "what": a.what, "outcome": code_words(a.outcome.replace(":", ": "))}
                     for a in records.accesses],
        "staff_accesses": [{"at": local(a.at), "who": a.staff, "role": a.role,
                            "what": a.action, "outcome": a.outcome}
                           for a in records.staff_accesses],
        "staff_refused_elsewhere": records.staff_refused_elsewhere,
        "fee_rounds": fee_rounds_shown(records.fee_rounds, names),
        "placed": _placed(records.placed, names),
        "sent": [{**s, "who": names.get(s["establishment"], s["establishment"] or s["to"]),
                  "queued": local(s["queued_at"]), "delivered": local(s["sent_at"]),
                  "sha256_first16": str(s.get("sha256") or "")[:16]}  # as its column says
                 for s in records.sent],
    }


def _wave(wave: Wave, records: Any) -> dict[str, Any]:
    return {"number": wave.number, "name": wave.name or "all eligible providers",
            "opened": local(wave.opened_at), "closes": local(wave.closes_at),
            "closed": local(wave.closed_at), "because": code_words(wave.opened_because),
            "outcome": code_words(wave.outcome) if wave.outcome else "open",
            "recipients": [{"name": m.establishment_name, "key": m.establishment,
                            "organisation": m.organisation,
                            "arrangement": m.arrangement, "tier": m.tier,
                            "contact": m.contact}
                           for m in records.recipients if m.wave == wave.number]}


def _responses(records: Any, directory: Any) -> list[dict[str, Any]]:
    rows = []
    for response in records.current_responses:
        fields, scored = response.fields or {}, records.score_of(response.establishment)
        home = directory.establishment(response.establishment)
        rating, _claimed = ofsted_ratings(fields, home)  # the comparison's rule
        rows.append({
            "who": records.names.get(response.establishment, response.establishment),
            "decision": code_words(response.decision), "label": scored.get("label", ""),
            "score": scored.get("score", ""), "fee": money(fields.get("weekly_fee")),
            "ofsted": ofsted_words(rating, ofsted_source(fields, home)),
            "available": _day(fields.get("available_from")),
            "decline_reason": code_words(fields.get("decline_reason"))
            if fields.get("decline_reason") else "",
            "late": response.late, "received": local(response.received_at),
            "missing": ", ".join(response.missing or [])})
    return sorted(rows, key=lambda r: (r["label"] == "", r["label"], r["who"]))


def fee_rounds_shown(rounds: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    """The fee rounds as the IPA counts them ("agreed after 2 rounds of negotiation"): the
    provider's request, then each fee either side proposed as round 1, 2…, then the
    agreement; the sign-off and reading markers by what they were, never a side called
    "Agreed". A new choice (its request) starts the count again."""
    shown, number = [], 0
    for f in rounds:
        side = f.by in ("authority", "provider")
        if f.by == "provider" and f.round == 1:
            number, what = 0, "Request"
        elif side:
            number += 1
            what = f"Round {number}"
        else:
            what = code_words(f.by)
        shown.append({"round": what, "by": code_words(f.by) if side else "",
                      "who": names.get(f.establishment, f.establishment),
                      "fee": money(f.weekly_fee) if f.weekly_fee else "",
                      "status": code_words(f.status), "at": local(f.at)})
    return shown


def _views_said(views: dict[str, Any]) -> dict[str, str]:
    """The parents' and the child's views as a sentence the page ends itself: without their
    own final full stop (`…weekly visits.` never shows as `…weekly visits..`)."""
    def said(key: str) -> str:
        return clause(views.get(key)) or f"not sought: {clause(views.get(key + '_reason'))}"
    return {"parents_said": said("parents"), "child_said": said("child")}


def _day(iso: Any) -> str:
    """A stored day as the emails write it (`Tuesday 1 December 2026`); else as stored."""
    try:
        return day(str(iso)) if iso else "not given"
    except ValueError:
        return str(iso)


def _placed(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    if not data:
        return {}
    return {"who": names.get(data.get("establishment", ""), data.get("establishment", "")),
            "agreed": money(data.get("agreed_fee")),
            "requested": money(data.get("requested_fee")),
            "avoided": money(data.get("cost_avoided_weekly")),
            "code": data.get("ipa_signature", "")}
