"""Simulated providers that reply like real ones.

Each provider reads its anonymised referral from its inbox: with relay `mailbox`, mail the
service sends stays in the outbox table, so a provider's inbox is the outbox rows delivered to
its address. After a seeded, so repeatable, delay inside the window it replies over real SMTP
to the referral's `Reply-To`: an Outlook offer, a Gmail offer in HTML, a one-line decline, an
offer that forgets its fee (and answers the service's request for it), an expression of
interest, and one offer that arrives only after the comparison has gone. The rest stay silent,
so the service chases them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from sqlalchemy import select

from broker.db.tables import Outbox, ReferralEvent
from broker.demo import replies
from broker.demo.replies import Home, Letter

POLL_SECONDS = 0.2
STAFF = ("Priya Raman", "Tom Okafor", "Jordan Ellis", "Gemma Price", "Ade Bello",
         "Hannah Walsh", "Mo Rahman", "Sian Hughes", "Kwame Asante", "Beth Morgan",
         "Imran Qureshi", "Fiona Grant")


@dataclass(frozen=True)
class Role:
    """How one provider answers, and how the timeline tells it."""

    name: str
    build: Callable[[Letter, Home, date], EmailMessage]
    telling: str


ROLES = (
    Role("outlook-offer", replies.outlook_offer,
         "replies from Outlook: an offer, top-posted over the quoted referral"),
    Role("gmail-offer", replies.gmail_offer,
         "replies from Gmail (HTML): an offer above the quoted referral"),
    Role("decline", replies.prose_decline,
         'replies from a phone: "Sorry, we have no vacancies at the moment."'),
    Role("offer-missing-fee", replies.offer_without_fee,
         "replies from Thunderbird: an offer, but forgets the weekly fee"),
    Role("interest", replies.prose_interest,
         "replies in prose: interested, would like the full papers"),
    Role("late", replies.late_offer,
         "replies late, after the close: an offer with an apology"),
)
IN_WINDOW = ("outlook-offer", "gmail-offer", "decline", "offer-missing-fee", "interest")


@dataclass(frozen=True)
class Stage:
    """What the simulated providers need from the demo around them."""

    sessions: Any
    directory: Any
    smtp_port: int
    window_seconds: float
    say: Callable[[str], None]
    seed: int = 2026


@dataclass(frozen=True)
class Provider:
    letter: Letter
    home: Home
    role: Role
    delay: float


class Mailroom:
    """The providers' inboxes: outbox rows the dev mailbox has delivered."""

    def __init__(self, sessions: Any) -> None:
        self.sessions = sessions

    async def delivered(self, kind: str, to_addr: str | None = None) -> list[Letter]:
        query = select(Outbox).where(Outbox.kind == kind, Outbox.status == "sent")
        if to_addr:
            query = query.where(Outbox.to_addr == to_addr)
        async with self.sessions() as session:
            rows = list((await session.execute(query.order_by(Outbox.id))).scalars())
        return [letter_from(row) for row in rows]

    async def wait_for(self, kind: str, to_addr: str | None = None,
                       count: int = 1) -> list[Letter]:
        while len(found := await self.delivered(kind, to_addr)) < count:
            await asyncio.sleep(POLL_SECONDS)
        return found

    async def broadcast_size(self) -> int:
        """How many providers the referral went to, once the service has broadcast it."""
        while True:
            async with self.sessions() as session:
                event = (await session.execute(select(ReferralEvent).where(
                    ReferralEvent.kind == "broadcast"))).scalars().first()
            if event is not None:
                return int(event.data.get("providers", 0))
            await asyncio.sleep(POLL_SECONDS)


def letter_from(row: Outbox) -> Letter:
    message: Any = message_from_bytes(row.raw, policy=policy.default)
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    references = tuple(str(message["References"] or "").split())
    return Letter(
        to_addr=row.to_addr, establishment=row.establishment, kind=row.kind,
        sender=str(message["From"]), reply_to=str(message["Reply-To"] or ""),
        subject=str(message["Subject"]), message_id=str(message["Message-ID"]),
        references=references, sent_at=row.sent_at or row.created_at,
        text=plain.get_content() if plain else "", html=rich.get_content() if rich else None)


async def play_providers(stage: Stage) -> None:
    """Wait for the broadcast, then let every provider answer (or not) as its role says."""
    mailroom = Mailroom(stage.sessions)
    size = await mailroom.broadcast_size()
    letters = await mailroom.wait_for("provider/referral", count=size)
    cast = cast_roles(letters, stage)
    await asyncio.gather(*(_play(provider, stage, mailroom) for provider in cast))


def cast_roles(letters: list[Letter], stage: Stage) -> list[Provider]:
    """Give the first providers (in a seeded shuffle) a role each; the rest stay silent."""
    rng = random.Random(stage.seed)
    shuffled = sorted(letters, key=lambda letter: letter.establishment)
    rng.shuffle(shuffled)
    cast = []
    for index, (letter, role) in enumerate(zip(shuffled, ROLES, strict=False)):
        share = rng.uniform(0.06, 0.18) if role.name == "offer-missing-fee" else (
            rng.uniform(0.08, 0.4))
        cast.append(Provider(letter, home_for(letter, stage.directory, index), role,
                             delay=share * stage.window_seconds))
    return cast


def home_for(letter: Letter, directory: Any, index: int) -> Home:
    """The home a referral letter went to, as its placements officer would sign for it."""
    establishment = directory.establishment(letter.establishment)
    organisation = directory.organisation(establishment.organisation)
    return Home(name=establishment.name, organisation=organisation.name,
                urn=establishment.urn or "", ofsted_rating=establishment.ofsted_rating,
                location=establishment.outward_code, staff=STAFF[index % len(STAFF)],
                phone=f"020 7946 0{100 + index:03d}")


async def _play(provider: Provider, stage: Stage, mailroom: Mailroom) -> None:
    if provider.role.name == "late":
        await mailroom.wait_for("social_worker/comparison")
        await asyncio.sleep(1.0)
    else:
        await asyncio.sleep(provider.delay)
    stage.say(f"{provider.home.name} {provider.role.telling}")
    await _send(provider.role.build(provider.letter, provider.home, date.today()),
                provider.letter, stage)
    if provider.role.name == "offer-missing-fee":
        await _complete_the_fee(provider, stage, mailroom)


async def _complete_the_fee(provider: Provider, stage: Stage, mailroom: Mailroom) -> None:
    """Answer the service's "we need 1 more detail" email on its own thread."""
    asked = (await mailroom.wait_for("provider/missing_fields", provider.letter.to_addr))[0]
    await asyncio.sleep(0.05 * stage.window_seconds)
    stage.say(f'{provider.home.name} answers on the same thread: "Weekly fee: £4,350 per week"')
    await _send(replies.fee_completion(asked, provider.home, date.today()), asked, stage)


async def _send(message: EmailMessage, letter: Letter, stage: Stage) -> None:
    """Over real SMTP to the service, from the address the referral was sent to."""
    await aiosmtplib.send(message, sender=letter.to_addr, recipients=[letter.reply_to],
                          hostname="127.0.0.1", port=stage.smtp_port, start_tls=False,
                          timeout=30)
