"""From a stored inbound message to an event: find out who and what it is about, read it
once, and classify it (workflows/classify.py). What proves who sent it is
workflows/senders.py's question.

The envelope recipient decides first: `r+<token>@` is a provider's reply (the signed token
names the referral and the establishment); `referrals@` carries forms, corrections and
instructions; `providers@` carries providers' applications, vacancies, pauses and endings
(workflows/market/mailroom.py); `postmaster@` is only kept; `bounces+<token>@` is
workflows/bounces.py's, taken before routing (workflows/inbound.py). A reply that a provider sent
to `referrals@` instead is recognised by its `In-Reply-To`/`References` naming an email we
sent that establishment; for a reply whose new text names our references, the subject of
our referral email about each to that establishment is looked up (one query), so a reply on
the wrong referral's email can be told where to answer (workflows/wrong_thread.py). A
correction is found by its thread (`In-Reply-To`/`References` against the
referral's thread) or the reference in its subject, from the same authority only; an
instruction may name its referral's reference instead. The subject alone never routes a
provider's reply. A council's message counts as its sender's only when it was sent to the
service (workflows/senders.py `standing`): one shown so only by the code in its Subject
counts for that code's referral alone; an instruction in one nothing shows was sent to the
service is asked about (workflows/confirm.py), and a new referral form in one goes ahead,
since sending someone's own referral on re-aims nothing. Under a DKIM signature its thread
is found only through the headers the signature covers.

The headers are read first (cheap); the body is then read once, with the form and in the
way the message calls for: a reply with the response form, a correction for its new text
only (never the quoted history), a new referral whole.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.fixed_in import fixed_in
from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import InboundMessage, Outbox, Referral, ThreadLink
from broker.forms.other_referrals import references_named
from broker.forms.sandbox import read_message_safely
from broker.tokens import SUBJECT_CODE, our_recipient, read_token
from workflows.classify import Facts, Routed, classify
from workflows.confirming import asked_about, asked_to_confirm
from workflows.instructions import read_instruction
from workflows.market.mailroom import route_providers
from workflows.permissions import speaks_for
from workflows.reading import headers, read_message, remember
from workflows.senders import (
    PROVED,
    SENT_ELSEWHERE,
    UNCONFIRMED,
    UNPROVED,
    covered,
    is_a_providers,
    sender_of,
    standing,
    through_a_way_in,
)
from workflows.unfinished import incomplete_of_the_same_child

REFERENCE = re.compile(r"\bREF-(\d{4})-(\d{6})\b", re.IGNORECASE)


def key_of(inbound: InboundMessage) -> str:
    """The event key of an inbound message: its row, unique and stable across replays."""
    return f"in:{inbound.id}"


async def route(session: AsyncSession, inbound: InboundMessage, parts: Any) -> Routed:
    head = await headers(inbound.raw)
    local = our_recipient(inbound.rcpt_to, parts.mail_domain).split("@")[0]
    sender = sender_of(head, inbound)
    facts = Facts(recipient=_kind(local), sender=sender)
    if local.startswith("r+"):
        token = read_token(parts.secret, local[2:])
        reply_to = (token.referral_id, token.establishment) if token else None
        kind = UNPROVED
        if reply_to is not None:
            found = await through_a_way_in(inbound, sender, parts)
            kind = found.kind
            if found.reference and found.reference != await _reference_of(session, reply_to[0]):
                kind = UNCONFIRMED  # a code proves a message for its own referral only
        facts = replace(facts, authenticated=kind == PROVED, sent_elsewhere=kind == SENT_ELSEWHERE,
                        unconfirmed=kind == UNCONFIRMED, proposal_answered=await _answered_proposal(
                            session, head, reply_to))
        return await _classified(inbound, parts, facts, reply_to=reply_to, session=session)
    if local == "providers" and parts.market is not None:
        return await route_providers(session, inbound, head, parts, key_of(inbound))
    if local != "referrals":
        return await _classified(inbound, parts, facts)
    authority = parts.directory.authority_for_sender(sender)
    if authority is None:  # perhaps a provider answering one of our emails from its inbox
        # (the thread of an email we sent to it: its Message-ID, keyed with our secret, is
        # known only to whoever received that email)
        answered = await _answered(session, head, parts.directory)
        facts = replace(facts, authenticated=answered is not None,
                        a_provider=is_a_providers(sender, parts.directory),
                        proposal_answered=await _answered_proposal(session, head, answered))
        return await _classified(inbound, parts, facts, reply_to=answered, session=session)
    found = await standing(inbound, sender, authority, parts)
    thread = await _thread(session, head, authority.key,
                           await covered(inbound, sender, authority, parts))
    facts = replace(facts, recipient="referrals", member=True,
                    thread_referral=thread.id if thread else None,
                    thread_state=thread.state if thread else "",
                    approval_round=await _answered_round(
                        session, head, "commissioner/approval_request"),
                    sign_off_round=await _answered_round(
                        session, head, "budget_holder/sign_off_request"),
                    wave_shown=await _answered_wave(session, head),
                    question_asked=await _answered_question(session, head))
    message = await read_message(inbound.raw, parts.referral_spec,
                                 new_text_only=thread is not None)
    instruction = read_instruction(message.body_text)
    named = None
    if instruction is not None and instruction.reference:
        named = await by_reference(session, instruction.reference, authority.key)
        facts = replace(facts, named_referral=named.id if named else None)
    kind, target = found.kind, named or thread
    if found.reference and (target is None or target.reference != found.reference):
        kind = UNCONFIRMED  # a code proves a message for its own referral, for no other
    asked = await asked_to_confirm(session, head, sender)
    if asked is not None and (target is None or target.id != asked[0]):
        asked = None
    new_form = thread is None and instruction is None
    facts = replace(
        facts, authenticated=kind == PROVED or (kind == UNCONFIRMED and new_form),
        sent_elsewhere=kind == SENT_ELSEWHERE or (kind == UNCONFIRMED and asked is not None),
        unconfirmed=kind == UNCONFIRMED and asked is None,
        confirms=await _asked_about(session, asked, sender, parts)
        if asked is not None and instruction is None else "",
        confirms_id=asked[1] if asked is not None else "")
    if new_form and message.fields:  # a corrected form sent as a new email, not a reply:
        earlier = await incomplete_of_the_same_child(  # the sender's incomplete referral
            session, sender, authority.key, message.fields, parts.today())  # of the child
        if earlier is not None:  # is completed by it (workflows/unfinished.py)
            facts = replace(facts, thread_referral=earlier.id, thread_state=earlier.state)
    return classify(message, facts, key_of(inbound), parts.today())


def planned_read(inbound: InboundMessage, parts: Any) -> tuple[Any, bool] | None:
    """How `route` will read this message's body when that needs no database: a provider's
    reply to its `r+` address (the hot path). None: it depends on what is stored."""
    local = our_recipient(inbound.rcpt_to, parts.mail_domain).split("@")[0]
    if local.startswith("r+") and read_token(parts.secret, local[2:]) is not None:
        return parts.response_spec, True
    return None


async def read_reply_ahead(inbound: InboundMessage, parts: Any) -> None:
    """What `route` reads of a provider's reply (one `planned_read` answers) besides its
    headers and body, which `read_many` has read already: its sender's proof. Read ahead
    of the write lock in the message's `ahead` block; the facts `route` looks up in the
    database are looked up under the lock, so ahead of it they are not looked up at all."""
    head = await headers(inbound.raw)
    await through_a_way_in(inbound, sender_of(head, inbound), parts)


def expected(mail_from: str, rcpt_to: str, parts: Any) -> bool:
    """Whether a message comes from someone the service deals with, judged from its
    envelope alone: it is to a reply address the service signed (only someone it wrote to
    knows one), or its sender is an address or domain the directory registers (a member
    authority's, an establishment's contact, a provider organisation's). The costly lane
    serves these before strangers' mail."""
    local = our_recipient(rcpt_to, parts.mail_domain).split("@")[0]
    if local.startswith("r+") and read_token(parts.secret, local[2:]) is not None:
        return True
    directory = parts.directory
    return bool(directory.authority_for_sender(mail_from)
                or directory.establishments_for_contact(mail_from)
                or directory.organisation_for_domain(mail_from.rpartition("@")[2]))


async def _classified(inbound: InboundMessage, parts: Any, facts: Facts,
                      reply_to: tuple[int, str] | None = None,
                      session: AsyncSession | None = None) -> Routed:
    spec = parts.response_spec if reply_to else parts.referral_spec
    message = await read_message(inbound.raw, spec, new_text_only=reply_to is not None)
    facts = replace(facts, reply_to=reply_to)
    if reply_to is not None and session is not None:
        facts = replace(facts, named_emails=await _referral_emails(
            session, references_named(message.body_text), reply_to[1]))
    return classify(message, facts, key_of(inbound), parts.today())


async def _referral_emails(session: AsyncSession, references: tuple[str, ...],
                           establishment: str) -> dict[str, str]:
    """Each reference a reply names → the subject of our referral email about it to the
    replying establishment, less its code (that proves mail to one address), or "" when we
    sent it none. One query by the emails' keys, and none for a reply naming no reference
    (most do not)."""
    if not references:
        return {}
    keys = {f"{reference}:referral:{establishment}": reference for reference in references[:5]}
    rows = (await session.execute(select(Outbox.key, Outbox.subject).where(
        Outbox.key.in_(keys)))).all()  # type: ignore[attr-defined]
    subjects = {keys[key]: SUBJECT_CODE.sub("", subject).strip() for key, subject in rows}
    return {reference: subjects.get(reference, "") for reference in keys.values()}


def _kind(local: str) -> str:
    if local.startswith("r+"):
        return "reply"
    return local if local in ("referrals", "providers", "postmaster") else ""


async def _answered(session: AsyncSession, head: Any,
                    directory: Any) -> tuple[int, str] | None:
    """The (referral, establishment) of an email we sent to an establishment that these
    headers answer (not one about it to anyone else, a council's team say)."""
    ids = [i for i in [head.in_reply_to, *head.references] if i]
    if not ids:
        return None
    rows = (await session.execute(
        select(Outbox.referral_id, Outbox.establishment, Outbox.to_addr)
        .where(Outbox.message_id.in_(ids), Outbox.establishment != "").limit(20))).all()
    for referral_id, establishment, to_addr in rows:
        if referral_id and speaks_for(directory, establishment, to_addr.lower()):
            return referral_id, establishment
    return None


async def _asked_about(session: AsyncSession, asked: tuple[int | None, str], sender: str,
                       parts: Any) -> str:
    """The new text of the email a request to confirm asked about: from the same sender,
    about the same referral ('' when there is none). Once one reply has carried it out,
    workflows/inbound.py marks it so and carries out no other."""
    raw = await asked_about(session, asked, sender)
    if raw is None:
        return ""
    read = await remember(f"confirms:{asked[1]}", lambda: asyncio.to_thread(
        read_message_safely, raw, parts.referral_spec, new_text_only=True))
    return str(read.body_text)


async def _reference_of(session: AsyncSession, referral_id: int) -> str:
    """The reference of a referral by its id ('' when there is none)."""
    found = (await session.execute(select(Referral.reference).where(
        Referral.id == referral_id))).scalar()
    return str(found or "")


async def _answered_round(session: AsyncSession, head: Any,
                          kind: str) -> tuple[int, int] | None:
    """(referral id, round) of the request of `kind` this message replies to (by
    In-Reply-To, else the latest its References name), if any: a commissioner's APPROVE
    counts for the shortlist that approval request showed, a budget holder's SIGN OFF for
    the fee that sign-off request named, never for a newer one (workflows/placement.py,
    workflows/signoff.py)."""
    ids = [i for i in [head.in_reply_to, *head.references] if i]
    if not ids:
        return None
    rows = (await session.execute(select(Outbox.message_id, Outbox.referral_id, Outbox.key)
                                  .where(Outbox.message_id.in_(ids),  # type: ignore[attr-defined]
                                         Outbox.kind == kind).limit(20))).all()
    asked = {message_id: (referral_id, int(found[1])) for message_id, referral_id, key in rows
             if referral_id and (found := _ROUND_IN_KEY.search(key))}
    if head.in_reply_to in asked:
        return asked[head.in_reply_to]
    return max(asked.values(), key=lambda pair: pair[1], default=None)


async def _answered_proposal(session: AsyncSession, head: Any,
                             reply_to: tuple[int, str] | None) -> str:
    """The outbox key of our fee proposal to this establishment (about this referral) that
    the message replies to, by In-Reply-To only, else "": a home's "Agreed" counts for the
    proposal it answers, never for a later one it may not have read (workflows/agreement.py).
    The email telling a home it was chosen, at its own requested fee, is a proposal too."""
    if reply_to is None or not head.in_reply_to:
        return ""
    row = (await session.execute(_ANSWERED_PROPOSAL, {
        "in_reply_to": head.in_reply_to, "referral_id": reply_to[0],
        "establishment": reply_to[1]})).first()
    return str(row[0]) if row is not None else ""


# The emails putting a fee to the chosen home: "chosen" (its requested fee, keyed
# "REF-…:chosen:<home>", "REF-…:chosen-n2:<home>") and each proposal ("REF-…:fee-2:<home>").
_PROPOSALS = ("provider/chosen", "provider/fee_proposal")
# Built once, of Core columns: every provider's reply runs it, and building it cost more
# than running it on SQLite.
_O = Outbox.__table__.c  # type: ignore[attr-defined]
_ANSWERED_PROPOSAL = select(_O.key).where(
    _O.message_id == bindparam("in_reply_to"), fixed_in(_O.kind, _PROPOSALS),
    _O.referral_id == bindparam("referral_id"),
    _O.establishment == bindparam("establishment")).limit(1)

# The round in a request's outbox key: "REF-…:approval:2:<to>", "REF-…:sign-off:5:<to>".
_ROUND_IN_KEY = re.compile(r":(?:approval|sign-off):(\d+):")

# The social worker's emails about a wave, and the wave each was about: the acknowledgement
# ("REF-…:acknowledgement") told of the first, "REF-…:wave-2" of the second.
_WAVE_EMAILS = ("social_worker/acknowledgement", "social_worker/wave_opened")
_WAVE_IN_KEY = re.compile(r":wave-(\d+)$")


async def _answered_wave(session: AsyncSession, head: Any) -> tuple[int, int] | None:
    """(referral id, wave) of the email about a wave this message replies to (by
    In-Reply-To only: a reply to the acknowledgement quotes nothing about later waves), if
    any. An emailed CLOSE or EXTEND acts on that wave and no other (workflows/window.py)."""
    if not head.in_reply_to:
        return None
    row = (await session.execute(select(Outbox.referral_id, Outbox.key).where(
        Outbox.message_id == head.in_reply_to,
        Outbox.kind.in_(_WAVE_EMAILS)).limit(1))).first()  # type: ignore[attr-defined]
    if row is None or not row[0]:
        return None
    found = _WAVE_IN_KEY.search(row[1])
    return int(row[0]), int(found[1]) if found else 1


# The email putting a commissioner's QUESTION to the social worker, keyed
# "REF-…:shortlist_question:<commissioner>:question:<round>" (workflows/placement.py).
_QUESTION_IN_KEY = re.compile(r":shortlist_question:(?P<asker>[^:]+):question:\d+$")


async def _answered_question(session: AsyncSession, head: Any) -> tuple[int, str] | None:
    """(referral id, commissioner) of the email of a commissioner's question this message
    replies to (by In-Reply-To only), if any: the social worker's answer goes to them."""
    if not head.in_reply_to:
        return None
    row = (await session.execute(select(Outbox.referral_id, Outbox.key).where(
        Outbox.message_id == head.in_reply_to,
        Outbox.kind == "social_worker/shortlist_question").limit(1))).first()
    found = _QUESTION_IN_KEY.search(row[1]) if row is not None and row[0] else None
    return (int(row[0]), found["asker"]) if row is not None and found else None


async def _thread(session: AsyncSession, head: Any, authority: str,
                  vouched: Callable[[str], bool]) -> Referral | None:
    """The referral this message continues, if any (same authority only), found only
    through headers its proof vouches for (under a DKIM signature, those it signs:
    workflows/senders.py `covered`)."""
    ids = [i for i in [head.in_reply_to if vouched("in-reply-to") else "",
                       *(head.references if vouched("references") else [])] if i]
    if ids:
        link = (await session.execute(
            select(ThreadLink.referral_id).where(ThreadLink.message_id.in_(ids)))).first()
        if link is not None:
            return await _of_authority(session, link[0], authority)
    match = REFERENCE.search(head.subject or "") if vouched("subject") else None
    if match:
        return await by_reference(session, f"REF-{match.group(1)}-{match.group(2)}", authority)
    return None


async def by_reference(session: AsyncSession, reference: str,
                       authority: str) -> Referral | None:
    found = (await session.execute(
        select(Referral.id).where(Referral.reference == reference.upper()))).first()
    return await _of_authority(session, found[0], authority) if found is not None else None


async def _of_authority(session: AsyncSession, referral_id: int,
                        authority: str) -> Referral | None:
    referral = await session.get(Referral, referral_id)
    return referral if referral is not None and referral.authority == authority else None


async def link_thread(session: AsyncSession, message_id: str, referral_id: int | None) -> None:
    """Remember a message as part of a referral's thread, for corrections that follow."""
    if message_id and referral_id is not None:
        await insert_ignoring_duplicates(session, ThreadLink, [
            {"message_id": message_id[:400], "referral_id": referral_id}])
