"""Who an inbound message is from, and whether its From is proved.

A From header is free text anyone can write, so on every route the service asks what
proves it. A council's address is proved as its authority's `sender_auth` requires (DKIM
aligned with the From domain, or the trusted MTA's verdict). A provider is proved by the
way its mail came in: its signed reply address, or the thread of one of our emails to it,
both known only to whoever received our email. Both mailrooms (workflows/mailroom.py for
`referrals@` and reply addresses, workflows/market/mailroom.py for `providers@`) ask here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from broker.db.tables import InboundMessage
from broker.mailauth import SenderCheck
from workflows.reading import remember

DEFAULT_CHECK = SenderCheck()


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
    pass; preferred: anything but a failure; off: always). Slack's own referrals come from
    a signed request and the address Slack gives for the user."""
    return await proved_under(getattr(authority, "sender_auth", "required"), inbound, sender,
                              parts)


async def proved_under(mode: str, inbound: InboundMessage, sender: str, parts: Any) -> bool:
    """Whether the From is proved enough under `mode` (required | preferred | off)."""
    if inbound.channel != "email" or mode == "off":
        return True
    check = parts.sender_auth or DEFAULT_CHECK
    domain = sender.rpartition("@")[2]
    # Off the loop (DNS waits, signatures cost CPU), and once per message (read ahead).
    verdict = await remember(f"proved:{domain}",
                             lambda: asyncio.to_thread(check.check, inbound.raw, domain))
    return verdict.passed or (mode == "preferred" and verdict.result == "none")
