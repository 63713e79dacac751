"""An in-process intake worker for adapter tests: store raw bytes as the SMTP adapter does,
run the engine, and look at what it decided (inbound outcome, outbox rows, referrals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from broker.app import build_engine
from broker.clock import FrozenClock
from broker.db.tables import DeadLetter, InboundMessage, Outbox, Referral, Response
from channels.email.intake import IntakeHandler
from tests.factories import REFERRER, make_settings, migrated, referral_email
from workflows.desk import PlacementDesk
from workflows.mailroom import expected

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# the sample authority's two commissioners (config/authorities)
COMMISSIONERS = ("alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example")
# every commissioner of Northby: all are asked to approve, all told when the child is placed
NORTHBY_COMMISSIONERS = (*COMMISSIONERS, "nadia.brennan@northby.gov.example")


@dataclass
class Worker:
    engine: Any
    db: Any
    sessions: Any
    clock: FrozenClock
    handler: IntakeHandler

    async def receive(self, message: Any, *, to: str = "referrals@broker.localhost",
                      mail_from: str = REFERRER) -> InboundMessage:
        raw = message if isinstance(message, bytes) else bytes(message)
        inbound_id = await self.handler.store(raw, mail_from, [to])
        await self.engine.process_pending()
        async with self.sessions() as session:
            row = await session.get(InboundMessage, inbound_id)
        assert row is not None
        return row

    async def outbox(self, kind: str | None = None, to: str | None = None) -> list[Outbox]:
        async with self.sessions() as session:
            query = select(Outbox).order_by(Outbox.id)
            if kind:
                query = query.where(Outbox.kind == kind)
            if to:
                query = query.where(Outbox.to_addr == to)
            return list((await session.execute(query)).scalars())

    async def referrals(self) -> list[Referral]:
        async with self.sessions() as session:
            return list((await session.execute(select(Referral).order_by(Referral.id))).scalars())

    async def responses(self) -> list[Response]:
        async with self.sessions() as session:
            return list((await session.execute(select(Response).order_by(Response.id))).scalars())

    async def dead_letters(self) -> list[DeadLetter]:
        async with self.sessions() as session:
            return list((await session.execute(select(DeadLetter))).scalars())


def text_of(row: Outbox) -> str:
    message = message_from_bytes(row.raw, policy=policy.default)
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def header(row: Outbox, name: str) -> str:
    return str(message_from_bytes(row.raw, policy=policy.default)[name] or "")


async def answer(worker: Worker, row: Outbox, body: str) -> None:
    """The provider `row` went to replies to it from its inbox, on its thread, with `body`."""
    reply = EmailMessage()
    reply["From"], reply["To"] = row.to_addr, header(row, "Reply-To")
    reply["Subject"] = f"RE: {header(row, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=row.to_addr.split("@")[1])
    reply["In-Reply-To"] = header(row, "Message-ID")
    reply.set_content(body)
    await worker.receive(reply, to=header(row, "Reply-To"), mail_from=row.to_addr)


async def closed_with_offers(worker: Worker, homes: int) -> Referral:
    """The sample referral sent, offered for by its first `homes` providers (A, B, …), and
    its window closed: the comparison is out and a shortlist may be given."""
    await worker.receive(referral_email())
    for provider in (await worker.outbox(kind="provider/referral"))[:homes]:
        reply = EmailMessage()
        reply["From"], reply["Subject"] = provider.to_addr, "Re"
        reply.set_content("Decision: offer\nHome or carer: Home\nWeekly fee: £4,000\n"
                          "Available from: 01/12/2026")
        await worker.receive(reply, to=header(provider, "Reply-To"), mail_from=provider.to_addr)
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    [referral] = await worker.referrals()
    return referral


async def approved_with_offers(worker: Worker, homes: int) -> Referral:
    """`closed_with_offers`, then every offer shortlisted by the social worker (console) and
    approved by both commissioners by email: the shortlisted homes have their papers."""
    referral = await closed_with_offers(worker, homes)
    labels = [chr(ord("A") + n) for n in range(homes)]
    shortlisted = await PlacementDesk(worker.engine).submit_shortlist(
        referral.id or 0, REFERRER, labels, "Mum agrees.", "", "", "in hospital")
    assert shortlisted.accepted, shortlisted.message
    for commissioner in COMMISSIONERS:
        await worker.receive(referral_email(f"APPROVE {referral.reference}", sender=commissioner,
                                            subject=f"Re: {referral.reference}"),
                             mail_from=commissioner)
    assert len(await worker.outbox(kind="provider/papers")) == homes
    [referral] = await worker.referrals()
    return referral


async def make_worker(tmp_path: Path, database_url: str, **settings: Any) -> Worker:
    db, sessions = await migrated(database_url)
    clock = FrozenClock(NOW)
    config = make_settings(tmp_path, database_url, **settings)
    engine = build_engine(config, db, clock)
    handler = IntakeHandler(sessions, clock, "broker.localhost", config.secret(),
                            expected=lambda sender, to: expected(sender, to, engine.parts))
    return Worker(engine, db, sessions, clock, handler)
