"""Homes' questions about the child on a referral's page, and answering them from it.

The page lists each email of a home's questions passed to the placements team: the home,
when it asked, its questions in its own words as the team's email quotes them (read from
that stored email: the timeline keeps only their fingerprints), and whether and by whom
they were answered. Beside each unanswered one, an "Answer" form: a placements officer of
the child's own council (rule `answers-are-the-councils`) posts it with the session's CSRF
token and a one-off nonce (channels/seen.py: a double-click acts once), and it becomes a
`QuestionAnswered` event for the engine's one entry, `Engine.handle`, which locks the
referral and has workflows/question_answer.py decide it off the event loop (rule
`question-answered`, refusing with `answer-names-the-child` an answer that would identify the
child to a home that does not hold its papers). The same pure rule is asked first on the
page's unlocked snapshot, in a worker thread, so an answer it refuses never takes the lock.
Each question shows where its answer will go and why (rule `answer-to-a-proved-contact`).
Other staff who may see the referral read the questions anonymised (an operator), or see
them without an answer form (a commissioner).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
from dataclasses import replace
from email import message_from_bytes, policy
from typing import Any

from aiohttp import web
from aiohttp_session import get_session
from sqlalchemy import select
from sqlmodel import col

from broker.anonymise import anonymise_texts
from broker.db.tables import MatchRecord, Outbox, ReferralEvent
from broker.forms import check_referral
from channels.seen import SeenInDatabase
from channels.web.console.actions import RESULT, actor_of
from channels.web.console.context import STAFF, csrf_ok, parts, record_access, staff_only
from channels.web.console.words import local
from channels.web.guard import posted_form
from workflows.events import QuestionAnswered
from workflows.question_answer import (
    ANSWER_MAX,
    ANSWERED,
    PASSED_ON,
    Asked,
    asked_on_the_timeline,
    may_answer,
    on_answer,
    questions_quoted,
    where_answered,
)


async def _asked(session: Any, referral: Any, names: dict[str, str]) -> list[Asked]:
    """The referral's questions passed on, with the words of the team's emails."""
    entries = list((await session.execute(
        select(ReferralEvent).where(col(ReferralEvent.referral_id) == referral.id,
                                    col(ReferralEvent.kind).in_((PASSED_ON, ANSWERED)))
        .order_by(col(ReferralEvent.at), col(ReferralEvent.id)))).scalars())
    keys = [str((e.data or {}).get("email") or "") for e in entries if e.kind == PASSED_ON]
    rows = (await session.execute(select(col(Outbox.key), col(Outbox.raw)).where(
        col(Outbox.referral_id) == referral.id, col(Outbox.key).in_([k for k in keys if k]))))
    words = {row.key: questions_quoted(_plain(row.raw)) for row in rows}
    return asked_on_the_timeline(((e.id or 0, e.at, e.kind, e.data or {}) for e in entries),
                                 names, words)


def _plain(raw: bytes) -> str:
    """An email's plain-text body; '' once its retention emptied it."""
    if not raw:
        return ""
    body = message_from_bytes(raw, policy=policy.default).get_body(preferencelist=("plain",))
    return str(body.get_content()) if body is not None else ""  # type: ignore[attr-defined]


async def questions_shown(request: web.Request, referral: Any, names: dict[str, str],
                          spec: Any) -> dict[str, Any]:
    """The page's questions section: each email of questions, and whether this person may
    answer them here."""
    staff, console = request[STAFF], parts(request)
    async with console.sessions() as session:
        asked = await _asked(session, referral, names)
    answering = may_answer(staff.role, staff.authority, referral.authority)
    where: dict[int, tuple[str, str]] = {}
    if answering and any(not a.answered for a in asked):  # where each answer would go
        snapshot = await console.engine.snapshot(referral.reference or "")
        where = {a.entry: where_answered(snapshot, a) for a in asked
                 if snapshot is not None and not a.answered}
    if not staff.reads_as_written(referral.authority):  # an operator: anonymised
        asked = _anonymised(asked, referral, spec, console.now().date())
    return {"questions": [{
        "entry": a.entry, "home": a.home, "at": local(a.at), "questions": list(a.questions),
        "answer_to": a.answer_to, "answered": a.answered, "answered_by": a.answered_by,
        "answered_at": local(a.answered_at),
        "goes_to": where.get(a.entry, ("", ""))[0], "goes_why": where.get(a.entry, ("", ""))[1],
        "nonce": secrets.token_urlsafe(12) if answering and not a.answered else ""}
        for a in asked], "may_answer": answering, "answer_max": ANSWER_MAX}


def _anonymised(asked: list[Asked], referral: Any, spec: Any, today: Any) -> list[Asked]:
    written = [q for a in asked for q in a.questions]
    if not written:
        return asked
    form, _ = check_referral(dict(referral.raw_fields or {}), spec, message_date=today)
    said = dict(zip(written, anonymise_texts(form, written), strict=True))
    return [replace(a, questions=tuple(said.get(q, q) for q in a.questions)) for a in asked]


@staff_only
async def answer_questions(request: web.Request) -> web.StreamResponse:
    """POST /console/referrals/{reference}/questions/{entry}/answer."""
    from channels.web.console.referrals import visible_referral  # (imports each other)

    referral, staff, console = await visible_referral(request), request[STAFF], parts(request)
    posted = await posted_form(request)
    entry = request.match_info["entry"]
    if not entry.isdigit() or len(entry) > 12 or not await csrf_ok(request, posted):
        await record_access(request, "action:answer-question", referral_id=referral.id,
                            outcome="refused:form")
        raise web.HTTPBadRequest(text="The form had expired or was not ours; go back and "
                                      "try again.")
    answer = str(posted.get("answer", ""))[:ANSWER_MAX + 1]
    nonce = str(posted.get("nonce", ""))[:40] or secrets.token_urlsafe(12)
    seen = SeenInDatabase(console.sessions, console.now)
    form = hashlib.sha256(f"console|{referral.id}|{staff.address}|answer|{entry}|{nonce}"
                          .encode()).hexdigest()
    if not may_answer(staff.role, staff.authority, referral.authority):
        accepted, message, outcome = False, (
            "Only a placements officer of the child's council answers a home's questions."
        ), "refused:not-permitted"
    elif (first := await seen.first(form)) is not None:
        accepted, outcome = False, "refused:repeated"
        said = json.loads(first).get("message", "") if first else ""
        message = "This form was sent already, and acts only once; nothing more was done." \
            + (f" The first time: {said}" if said else "")
    else:
        try:
            accepted, message = await _answer(request, referral, int(entry), answer, form)
        except BaseException:
            await seen.forget(form)
            raise
        outcome = "ok" if accepted else "refused:not-accepted"
        if accepted:  # a refused answer may be corrected and sent again from the same form
            await seen.answered(form, json.dumps({"message": message[:300]}))
        else:
            await seen.forget(form)
    await record_access(request, "action:answer-question", referral_id=referral.id,
                        outcome=outcome)
    (await get_session(request))[RESULT] = {"reference": referral.reference,
                                            "message": message[:600], "accepted": accepted}
    raise web.HTTPSeeOther(f"/console/referrals/{referral.reference}#result")


async def _answer(request: web.Request, referral: Any, entry: int, answer: str,
                  form: str) -> tuple[bool, str]:
    """The answer as a `QuestionAnswered` event: the home's words read from the team's
    email, the rule asked first on the unlocked snapshot (in a thread: an answer it refuses
    never takes the referral's lock), then the engine's one entry decides and carries it out."""
    console = parts(request)
    async with console.sessions() as session:
        names = {m.establishment: m.establishment_name or m.establishment
                 for m in await _recipients(session, referral.id)}
        asked = {a.entry: a for a in await _asked(session, referral, names)}.get(entry)
    if asked is None:
        return False, "That question is not one of this referral's."
    event = QuestionAnswered(actor=actor_of(request), key=f"web:{form[:16]}", asked=entry,
                             answer=answer, questions=asked.questions)
    snapshot = await console.engine.snapshot(referral.reference or "")
    if snapshot is None:
        return False, "There is no such referral."
    first = await asyncio.to_thread(on_answer, snapshot, event)
    if not first.answer.accepted:
        return False, first.answer.message
    handled = await console.engine.handle(referral.id, event)
    return handled.answer.accepted, handled.answer.message or (
        "Done." if handled.answer.accepted else "Not done.")


async def _recipients(session: Any, referral_id: int) -> list[Any]:
    return list((await session.execute(select(MatchRecord).where(
        col(MatchRecord.referral_id) == referral_id))).scalars())
