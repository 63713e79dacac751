"""Who an inbound message is from, and whether its From is proved.

A From header is free text anyone can write, so on every route the service asks what
proves it. A council's address is proved as its authority's `sender_auth` requires (DKIM
aligned with the From domain, or the trusted MTA's verdict). A provider is proved by the
way its mail came in: its signed reply address, or the thread of one of our emails to it,
both known only to whoever received our email. Both mailrooms (workflows/mailroom.py for
`referrals@` and reply addresses, workflows/market/mailroom.py for `providers@`) ask here.

A proof says who wrote a message, not to whom: a council's signed "Agreed, thanks." to a
home, re-sent by the home to `referrals@`, still verifies. So a council's message counts as
its sender's only when it was sent to the service (`placed`), which it shows one of three
ways:

- its To or Cc names one of the service's addresses in a header the proof vouches for
  (`sent_to_us`): one a DKIM signature covers, or, under the trusted relay's verdict, when
  the relay saw the sender's own servers hand it over (spf=pass aligned with the From), so
  nobody else had it to rewrite;
- its signed Subject carries the code the service gave that address for a referral, an
  application or a home (broker/tokens.py `subject_code`): it answers one of our emails to
  that person, and is proved for that only (`Standing.reference`), unless a To or Cc the
  proof vouches for names others (`sent_to_others`: the code shows whose thread it is, not
  that it was sent to us). Microsoft 365, which most councils and many providers use, signs
  the Subject but not the To, Cc, In-Reply-To or References;
- its sender confirms it, replying to the service's request to (workflows/confirm.py).

Otherwise it is `SENT_ELSEWHERE` (a signed To names someone else: a copy sent on, or a
blind copy) or `UNCONFIRMED` (nothing shows to whom it was sent): unproved as an
instruction. A DKIM signature must cover the Message-ID too, which tells every copy of a
message for the same one (workflows/inbound.py). A message with two Subjects, Tos, … proves
nothing at all, nor one whose headers read two ways (a lone CR: broker/mailauth.py). Under
`preferred`, a message nothing proves either way is taken on its From alone, as before:
anyone could have written it to any address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from broker.db.tables import InboundMessage
from broker.mailauth import SenderCheck, Verdict
from broker.tokens import coded_reference, is_service_address
from workflows.reading import headers, remember

DEFAULT_CHECK = SenderCheck()
# What `proof` finds: the From proved; not proved; proved, but sent to someone else;
# proved, but nothing shows it was sent to the service.
PROVED, UNPROVED, SENT_ELSEWHERE = "proved", "unproved", "sent-elsewhere"
UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Standing:
    """What `standing` finds, and, when only a subject code shows the message answers the
    service, what it was proved for (a reference, or a home's scope: broker/tokens.py
    `home_scope`, `HOMES`): for nothing else."""

    kind: str
    reference: str = ""


def is_a_providers(address: str, directory: Any) -> bool:
    """Whether the directory gives the address, or its domain, to a provider."""
    return bool(address) and bool(directory.establishments_for_contact(address)
                                  or directory.organisation_for_domain(
                                      address.rpartition("@")[2]))


def sender_of(head: Any, inbound: InboundMessage) -> str:
    """Who the message is from: its From's address. The envelope sender stands in only when
    there is no From header at all; a From that names nobody clearly (two addresses, a
    display name dressed as an address) names nobody, lest the envelope, which no mail
    server's DMARC check reads, pass for it."""
    if head.from_given:
        return head.sender
    return (inbound.mail_from or "").lower()


async def through_a_way_in(inbound: InboundMessage, sender: str, parts: Any) -> Standing:
    """Whether a message that came through a provider's private way in (its reply address,
    or the thread of one of our emails to it) is proved: the way vouches for whoever holds
    it, as that establishment only (`Actor.vouched_for`); a council's address (a council's
    own home writes from one) holds no such way, so its From must still prove itself as its
    authority requires, and a code in its Subject proves it for that code's referral only."""
    authority = parts.directory.authority_for_sender(sender)
    if authority is None:
        return Standing(PROVED)
    return await standing(inbound, sender, authority, parts)


async def proved(inbound: InboundMessage, sender: str, authority: Any, parts: Any) -> bool:
    """Whether the From is proved enough for the authority's `sender_auth` (required: a
    pass; preferred: anything but a failure; off: always), in a message sent to the
    service. Slack's own referrals come from a signed request and the address Slack gives
    for the user."""
    return await proof(inbound, sender, authority, parts) == PROVED


async def proof(inbound: InboundMessage, sender: str, authority: Any, parts: Any) -> str:
    """`proved` with the reason when it is not: PROVED, UNPROVED or SENT_ELSEWHERE."""
    return await proof_under(getattr(authority, "sender_auth", "required"), inbound, sender,
                             parts)


async def proved_under(mode: str, inbound: InboundMessage, sender: str, parts: Any) -> bool:
    """Whether the From is proved enough under `mode` (required | preferred | off), in a
    message sent to the service."""
    return await proof_under(mode, inbound, sender, parts) == PROVED


async def proof_under(mode: str, inbound: InboundMessage, sender: str, parts: Any) -> str:
    """PROVED, UNPROVED, SENT_ELSEWHERE or UNCONFIRMED under `mode` (off: PROVED on the
    From alone)."""
    return (await standing_under(mode, inbound, sender, parts)).kind


async def standing(inbound: InboundMessage, sender: str, authority: Any,
                   parts: Any, scopes: tuple[str, ...] = ()) -> Standing:
    """`proof`, with what a subject code proved it for (a reference its Subject names, or
    one of `scopes`)."""
    return await standing_under(getattr(authority, "sender_auth", "required"), inbound,
                                sender, parts, scopes)


async def standing_under(mode: str, inbound: InboundMessage, sender: str,
                         parts: Any, scopes: tuple[str, ...] = ()) -> Standing:
    """`proof_under`, with what a subject code proved it for."""
    if inbound.channel != "email" or mode == "off":
        return Standing(PROVED)
    verdict = await verdict_of(inbound, sender, parts)
    if not (verdict.passed or (mode == "preferred" and verdict.result == "none")):
        return Standing(UNPROVED)
    if not verdict.passed:  # `preferred`, and nothing says either way: the From alone
        return Standing(PROVED)
    if not covers(verdict, "message-id"):  # a copy could be given a new one, and be
        return Standing(UNPROVED)  # obeyed again (workflows/inbound.py knows copies by it)
    head = await headers(inbound.raw)
    return placed(head, verdict, sender, parts.mail_domain, parts.secret, scopes)


def placed(head: Any, verdict: Verdict, sender: str, domain: str, secret: bytes,
           scopes: tuple[str, ...] = ()) -> Standing:
    """Whether a message whose From is proved was sent to the service: addressed to it in
    a header the proof vouches for (PROVED), or answering its email to the sender about a
    referral, an application or a home, by the code in a Subject the proof vouches for
    (PROVED for that only: a reference the Subject names, or one of `scopes`); else
    addressed to someone else (SENT_ELSEWHERE) or nobody knows (UNCONFIRMED)."""
    if sent_to_us(head, verdict, domain):
        return Standing(PROVED)
    if sent_to_others(head, verdict):  # whatever code its Subject carries: the code shows
        return Standing(SENT_ELSEWHERE)  # whose thread it is, not that it came to us
    reference = coded_reference(secret, head.subject, sender, scopes) if covers(
        verdict, "subject") else ""
    if reference:
        return Standing(PROVED, reference)
    return Standing(SENT_ELSEWHERE if covers(verdict, "to") else UNCONFIRMED)


async def verdict_of(inbound: InboundMessage, sender: str, parts: Any) -> Verdict:
    """broker/mailauth.py's verdict on the From's domain: off the loop (DNS waits,
    signatures cost CPU), and once per message (read ahead)."""
    check = parts.sender_auth or DEFAULT_CHECK
    domain = sender.rpartition("@")[2]
    return await remember(f"proved:{domain}",
                          lambda: asyncio.to_thread(check.check, inbound.raw, domain))


async def covered(inbound: InboundMessage, sender: str, authority: Any,
                  parts: Any) -> Callable[[str], bool]:
    """Which headers the message's proof vouches for (`covers`): every one when the
    authority asks for no proof or the message came another way than email."""
    if inbound.channel != "email" or getattr(authority, "sender_auth", "required") == "off":
        return lambda name: True
    verdict = await verdict_of(inbound, sender, parts)
    return lambda name: covers(verdict, name)


def proved_before(remembered: dict[str, Any], sender: str) -> bool:
    """Whether the From's proof, already read for this message (in its `ahead` block),
    passed and covers its Message-ID: nothing is looked up here. Such a message is one
    message whatever envelope it comes in (workflows/inbound.py)."""
    verdict = remembered.get(f"proved:{sender.rpartition('@')[2]}") if sender else None
    return isinstance(verdict, Verdict) and verdict.passed and covers(verdict, "message-id")


def sent_to_us(head: Any, verdict: Verdict, domain: str) -> bool:
    """Whether the message was addressed to the service: its To or Cc names one of the
    service's own addresses (broker/tokens.py `is_service_address`: `referrals@`, a reply
    address, …; not any address at its `domain`, which may be a council's own), and, when
    a DKIM signature is the proof, the signature covers that header (one it leaves out,
    whoever held the message could have rewritten)."""
    return any(any(is_service_address(address, domain) for address in addresses)
               and covers(verdict, name)
               for name, addresses in (("to", head.to), ("cc", head.cc)))


def sent_to_others(head: Any, verdict: Verdict) -> bool:
    """Whether, not addressed to the service (`sent_to_us`), the message names someone in a
    To or Cc the proof vouches for: its sender sent it to them (a note to a colleague,
    "FW: <our email's subject>"), and whoever holds it has sent it on. Its Subject's code
    then proves nothing: it tells whose thread the message is on, not that it came to us.
    Microsoft 365 signs neither header, so its replies still count by their code."""
    return any(addresses and covers(verdict, name)
               for name, addresses in (("to", head.to), ("cc", head.cc)))


def covers(verdict: Verdict, name: str) -> bool:
    """Whether what the service reads from header `name` is what the proof vouches for:
    under a DKIM signature, only a header it signs. Your MTA's verdict cannot say which
    headers were signed: its To and Cc count only when the sender's own servers handed the
    message over (spf=pass aligned with the From), since Microsoft 365, which most councils
    use, leaves them unsigned. Any other header under it, and every header under no proof,
    is taken as it is."""
    if not verdict.passed:
        return True
    if verdict.method == "dkim":
        return name in verdict.signed
    return name not in ("to", "cc") or verdict.delivered_by_sender
