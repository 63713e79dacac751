"""Who an inbound message is from, and whether its From is proved.

A From header is free text anyone can write, so on every route the service asks what
proves it. A council's address is proved as its authority's `sender_auth` requires (DKIM
aligned with the From domain, or the trusted MTA's verdict). A provider is proved by the
way its mail came in: its signed reply address, or the thread of one of our emails to it,
both known only to whoever received our email. Both mailrooms (workflows/mailroom.py for
`referrals@` and reply addresses, workflows/market/mailroom.py for `providers@`) ask here.

A proof says who wrote a message, not to whom: a council's signed "Agreed, thanks." to a
home, re-sent by the home to `referrals@`, still verifies. So a council's message proves
its From only when it was sent to the service (`sent_to_us`): its To or Cc names one of
the service's addresses and, where a DKIM signature is the proof, that header is one the
signature covers. A copy sent to someone else and forwarded on, or a blind copy, is
`SENT_ELSEWHERE`: unproved, and its sender told to write to the service itself. A DKIM
signature must cover the Message-ID too, which tells every copy of a message for the same
one (workflows/inbound.py). A message with two Subjects, Tos, … proves nothing at all
(broker/mailauth.py). Under `preferred`, a message nothing proves either way is taken on its
From alone, as before: anyone could have written it to any address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from broker.db.tables import InboundMessage
from broker.mailauth import SenderCheck, Verdict
from workflows.reading import headers, remember

DEFAULT_CHECK = SenderCheck()
# What `proof` finds: the From proved; not proved; proved, but sent to someone else.
PROVED, UNPROVED, SENT_ELSEWHERE = "proved", "unproved", "sent-elsewhere"


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


async def through_a_way_in(inbound: InboundMessage, sender: str, parts: Any) -> bool:
    """Whether a message that came through a provider's private way in (its reply address,
    or the thread of one of our emails to it) is proved: the way vouches for whoever holds
    it, as that establishment only (`Actor.vouched_for`); a council's address holds no such
    way, so its From must still prove itself as its authority requires."""
    authority = parts.directory.authority_for_sender(sender)
    return authority is None or await proved(inbound, sender, authority, parts)


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
    """PROVED, UNPROVED or SENT_ELSEWHERE under `mode` (off: PROVED on the From alone)."""
    if inbound.channel != "email" or mode == "off":
        return PROVED
    verdict = await verdict_of(inbound, sender, parts)
    if not (verdict.passed or (mode == "preferred" and verdict.result == "none")):
        return UNPROVED
    if not verdict.passed:  # `preferred`, and nothing says either way: the From alone
        return PROVED
    if not covers(verdict, "message-id"):  # a copy could be given a new one, and be
        return UNPROVED  # obeyed again (workflows/inbound.py knows copies by it)
    head = await headers(inbound.raw)
    return PROVED if sent_to_us(head, verdict, parts.mail_domain) else SENT_ELSEWHERE


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
    """Whether the message was addressed to the service: its To or Cc names an address at
    the service's `domain`, and, when a DKIM signature is the proof, the signature covers
    that header (one it leaves out, whoever held the message could have rewritten)."""
    ours = "@" + domain.lower()
    return any(any(address.endswith(ours) for address in addresses) and covers(verdict, name)
               for name, addresses in (("to", head.to), ("cc", head.cc)))


def covers(verdict: Verdict, name: str) -> bool:
    """Whether what the service reads from header `name` is what the proof vouches for:
    under a DKIM signature, only a header it signs; any other proof (your MTA's verdict, or
    none) says nothing about single headers."""
    return not (verdict.passed and verdict.method == "dkim") or name in verdict.signed
