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
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Application, InboundMessage, Outbox, Referral
from broker.forms.extract import fields_from_text
from workflows.classify import Facts, Routed, classify
from workflows.instructions import read_instruction
from workflows.market.classify import ProviderFacts
from workflows.market.instructions import find_reference
from workflows.reading import read_message
from workflows.senders import is_a_providers, proved, proved_under, sender_of


async def route_providers(session: AsyncSession, inbound: InboundMessage, head: Any,
                          parts: Any, key: str) -> Routed:
    market = parts.market
    sender = sender_of(head, inbound)
    await parts.refresh_directory(session)  # a home admitted by another process speaks too
    ids = [i for i in [head.in_reply_to, *head.references] if i]
    message = await read_message(inbound.raw, market.application_spec, new_text_only=bool(ids))
    answered_key, answering, answered_to = await _answered(session, ids)
    reference = find_reference(answered_key) or find_reference(head.subject or "")
    application = await _application(session, reference, sender) if reference else None
    instruction = read_instruction(message.body_text)
    named = None
    if instruction is not None and instruction.verb == "ended" and instruction.reference:
        named = (await session.execute(select(Referral.id).where(
            Referral.reference == instruction.reference))).scalar()
    vacancy = fields_from_text(message.body_text, market.vacancy_spec).values
    facts = Facts(recipient="providers", sender=sender, named_referral=named,
                  authenticated=await _proved(inbound, sender, answered_to, parts),
                  provider=ProviderFacts(thread_application=application,
                                         answering=answering, vacancy_fields=vacancy,
                                         from_a_council=_a_councils(sender, parts)))
    return classify(message, facts, key, parts.today())


def _a_councils(sender: str, parts: Any) -> bool:
    """Whether the sender is a member council's, and no home's contact there (a council's own
    in-house homes may have their contacts at its domain, and send their vacancy forms)."""
    return parts.directory.authority_for_sender(sender) is not None \
        and not is_a_providers(sender, parts.directory)


async def _proved(inbound: InboundMessage, sender: str, answered_to: str, parts: Any) -> bool:
    """Whether the From is proved: a council's address as its authority requires; anyone
    else's by replying to an email we sent them (its Message-ID is keyed with our secret:
    only whoever received it knows it), or else as `BROKER_PROVIDER_SENDER_AUTH` requires
    (DKIM, or the trusted MTA's verdict). The reply proves the address it was sent to, and
    a colleague's at the same domain only when the directory gives that domain to a
    provider organisation: at a public mail service, anyone can get an email of ours to
    their own mailbox (write to providers@ and we answer) and reply to it under another's
    From."""
    authority = parts.directory.authority_for_sender(sender)
    if authority is not None:
        return await proved(inbound, sender, authority, parts)
    if answered_to and _same_mailbox_or_own_domain(answered_to, sender, parts.directory):
        return True
    return await proved_under(parts.provider_sender_auth, inbound, sender, parts)


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
