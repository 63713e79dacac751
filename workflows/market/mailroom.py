"""From a stored message to providers@ to an event: look up the facts, read the body once,
and classify (workflows/classify.py, which hands the market's messages to
workflows/market/classify.py).

A message is on an application's thread when its `In-Reply-To`/`References` name one of our
emails about the application (its outbox key starts with the APP- reference) or its
subject carries the reference, and it comes from the applicant's own address (a public mail
service's other mailboxes are strangers; the reference alone proves nothing). A reply to
one of our emails about one home (the weekly vacancy return) names that home. `ENDED
REF-…` names its referral by reference; whether the sender may end it is the referral's
permissions table's question.

A signature proves who wrote a message, not to whom (workflows/senders.py): a proved
provider's instruction counts when its signed To names the service, when it answers one of
our emails (its thread, or the code in its signed Subject: `_proves` holds a code to what it
was given for, a referral's `ENDED`, an application's decision, the homes' notices), or when
its sender confirms it (workflows/confirm.py). Otherwise its proved sender is asked to
confirm it; a bare "Yes" to that request is read as the email it asked about. A notice
nothing proved is answered with its lines in our words, to be sent back as a reply: a bare
"Yes" to that answer, from the mailbox it went to, is read as those lines
(workflows/confirming.py `asked_to_record`).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Application, InboundMessage, ListWindow, Outbox, Referral
from broker.forms.extract import fields_from_text
from broker.forms.sandbox import read_message_safely
from broker.tokens import HOMES, SUBJECT_CODE, home_scope
from workflows.classify import Facts, Routed, classify
from workflows.confirm import confirmed
from workflows.confirming import asked_about, asked_to_confirm, asked_to_record
from workflows.instructions import read_instruction
from workflows.market.application_form import open_lists
from workflows.market.classify import ProviderFacts
from workflows.market.help import help_context
from workflows.market.instructions import find_reference, read_notices, read_verdict, which_home
from workflows.market.states import WindowState
from workflows.market.subjects import window_record
from workflows.permissions import speaks_for
from workflows.reading import read_message, remember
from workflows.senders import (
    PROVED,
    SENT_ELSEWHERE,
    UNCONFIRMED,
    Standing,
    is_a_providers,
    sender_of,
    standing,
    standing_under,
)


async def route_providers(session: AsyncSession, inbound: InboundMessage, head: Any,
                          parts: Any, key: str) -> Routed:
    market = parts.market
    sender = sender_of(head, inbound)
    await parts.refresh_directory(session)  # a home admitted by another process speaks too
    ids = [i for i in [head.in_reply_to, *head.references] if i]
    message = await read_message(inbound.raw, market.application_spec, new_text_only=bool(ids))
    answered_key, answering, answered_to = await _answered(session, ids)
    asked = await asked_to_confirm(session, head, sender)
    raw = await asked_about(session, asked, sender) if asked is not None else None
    if asked is not None and raw is not None and confirmed(message.body_text):
        original = raw  # a bare "Yes": what it asks for is the email it was asked about
        message = await remember(f"confirms:{asked[1]}", lambda: asyncio.to_thread(
            read_message_safely, original, market.application_spec, new_text_only=True))
    if asked is None and confirmed(message.body_text) and (
            lines := await asked_to_record(session, head, sender)):
        message = replace(message, body_text=lines)  # "Yes": the lines we asked it to send
    if asked is not None and not answered_to:  # a reply to our request proves the mailbox
        answered_to = sender  # it went to, as any reply to our email does (not a council's)
    reference = find_reference(answered_key) or find_reference(head.subject or "")
    application = await _application(session, reference, sender) if reference else None
    instruction = read_instruction(message.body_text)
    named = None
    if instruction is not None and instruction.verb == "ended" and instruction.reference:
        named = (await session.execute(select(Referral.id).where(
            Referral.reference == instruction.reference))).scalar()
    vacancy = fields_from_text(message.body_text, market.vacancy_spec).values
    homes = _homes(sender, parts.directory) if SUBJECT_CODE.search(head.subject or "") else {}
    found = await _standing(inbound, sender, answered_to, parts, homes)
    kind = found.kind
    if found.reference and not _proves(found.reference, message.body_text, vacancy, homes,
                                       answering, reference if application else ""):
        kind = UNCONFIRMED  # a code proves a message for what it was given for only
    facts = Facts(recipient="providers", sender=sender, named_referral=named,
                  authenticated=kind == PROVED,
                  sent_elsewhere=kind == SENT_ELSEWHERE or (
                      kind == UNCONFIRMED and asked is not None),
                  unconfirmed=kind == UNCONFIRMED and asked is None,
                  confirms_id=asked[1] if asked is not None and raw is not None else "",
                  provider=ProviderFacts(thread_application=application,
                                         answering=answering, vacancy_fields=vacancy,
                                         from_a_council=_a_councils(sender, parts)))
    routed = classify(message, facts, key, parts.today())
    if routed.unaddressed != "providers-help":
        return routed
    now = parts.clock.now()
    windows = (await session.execute(select(ListWindow).where(
        ListWindow.state.not_in([str(WindowState.CANCELLED), str(WindowState.CLOSED)]),
        ListWindow.closes_at > now))).scalars()
    return replace(routed, context=help_context(
        message.body_text, _homes(sender, parts.directory), open_lists(parts.directory),
        [window_record(w) for w in windows], now, market.application_spec, routed.proved))


def _homes(sender: str, directory: Any) -> dict[str, str]:
    """The homes (key → name) the sender speaks for."""
    return {key: establishment.name for key, establishment in directory.establishments.items()
            if speaks_for(directory, key, sender)}


def _proves(about: str, text: str, vacancy: Any, homes: dict[str, str], answering: str,
            application: str) -> bool:
    """Whether a code given for `about` (broker/tokens.py: a reference, a home's scope or
    `HOMES`) proves what this message asks: `ENDED` for that referral, a decision on or a
    correction to that application, notices about that home (or any of the sender's)."""
    instruction = read_instruction(text)
    if instruction is not None and instruction.verb == "ended":
        return instruction.reference.upper() == about
    verdict = read_verdict(text)
    if verdict is not None:
        return verdict[0] == about
    notices = read_notices(text)
    if notices or vacancy.get("vacancies"):
        if about == HOMES:
            return True
        named = [which_home(n.text, homes)[0] for n in notices] or [
            which_home(vacancy.get("establishment", ""), homes)[0]]
        only = next(iter(homes)) if len(homes) == 1 else ""
        return all(home_scope(key or answering or only) == about for key in named)
    return bool(application) and application == about


def _a_councils(sender: str, parts: Any) -> bool:
    """Whether the sender is a member council's, and no home's contact there (a council's own
    in-house homes may have their contacts at its domain, and send their vacancy forms)."""
    return parts.directory.authority_for_sender(sender) is not None \
        and not is_a_providers(sender, parts.directory)


async def _standing(inbound: InboundMessage, sender: str, answered_to: str, parts: Any,
                    homes: dict[str, str]) -> Standing:
    """Whether the From is proved, in a message sent to the service (workflows/senders.py):
    a council's address as its authority requires; anyone else's by replying to an email we
    sent them (its Message-ID is keyed with our secret: only whoever received it knows it),
    or else as `BROKER_PROVIDER_SENDER_AUTH` requires (DKIM, or the trusted MTA's verdict).
    The reply proves the address it was sent to, and a colleague's at the same domain only
    when the directory gives that domain to a provider organisation: at a public mail
    service, anyone can get an email of ours to their own mailbox (write to providers@ and
    we answer) and reply to it under another's From. A code in a signed Subject may be one
    given for the sender's homes (`homes`), which its Subject does not name."""
    scopes = (HOMES, *(home_scope(key) for key in homes))
    authority = parts.directory.authority_for_sender(sender)
    if authority is not None:
        return await standing(inbound, sender, authority, parts, scopes)
    if answered_to and _same_mailbox_or_own_domain(answered_to, sender, parts.directory):
        return Standing(PROVED)
    return await standing_under(parts.provider_sender_auth, inbound, sender, parts, scopes)


def _same_mailbox_or_own_domain(answered_to: str, sender: str, directory: Any) -> bool:
    if answered_to.lower() == sender.lower():
        return True
    domain = sender.lower().rpartition("@")[2]
    return (answered_to.lower().rpartition("@")[2] == domain
            and directory.organisation_for_domain(domain) is not None)


async def _answered(session: AsyncSession, ids: list[str]) -> tuple[str, str, str]:
    """The key, the home and the recipient of the email of ours these headers answer (""
    when none)."""
    if not ids:
        return "", "", ""
    row = (await session.execute(select(Outbox.key, Outbox.establishment, Outbox.to_addr)
                                 .where(Outbox.message_id.in_(ids), Outbox.referral_id.is_(None))
                                 .order_by(Outbox.id.desc()).limit(1))).first()
    return (row[0], row[1], row[2].lower()) if row else ("", "", "")


async def _application(session: AsyncSession, reference: str, sender: str) -> int | None:
    """The application a reference names, when the sender is its applicant."""
    row = (await session.execute(select(Application.id, Application.applicant).where(
        Application.reference == reference))).first()
    if row is None or row[1].lower() != sender.lower():
        return None
    return int(row[0])
