"""Changing `BROKER_SECRET_KEY` on a live database, over real SMTP: a referral goes out under
key A; the service is stopped and started again with key B. With A listed in
`BROKER_PREVIOUS_SECRET_KEYS`, the provider's reply to its `r+…@` address (signed under A) is
accepted at RCPT and recorded, and the same child sent again is held as a duplicate (its
digests were recorded under A). With no previous key, the reply is refused at RCPT."""

from __future__ import annotations

import asyncio
import smtplib

import pytest
from sqlalchemy import select

from broker.db.tables import Referral, Response
from tests.conftest import wait_for
from tests.factories import REFERRER, referral_email, send_smtp
from tests.replies import outlook_top_posted

TEAM = "placements@northby.gov.example"
LARCH = "larch.house@larchcare.example"
OFFER = ("Decision: Offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
         "Available from: 01/12/2026")
KEY_A, KEY_B = "fictional-key-a-0001-of-32-characters", "fictional-key-b-0002-of-32-characters"


async def _sent_under_key_a(sqlite_url, smtp_sink, service_factory):  # type: ignore[no-untyped-def]
    """The referral out to every eligible provider under key A; that service stopped."""
    first = await service_factory(sqlite_url, relay=smtp_sink.url, secret_key=KEY_A)
    await asyncio.to_thread(send_smtp, first.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    larch = next(c for c in smtp_sink.caught if c.rcpt_tos == [LARCH])
    await first.stop()
    return larch


async def _responses(service) -> list[Response]:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(Response))).scalars())


def _held(sink) -> list:  # type: ignore[no-untyped-def,type-arg]
    return [c for c in sink.to(TEAM) if "held before" in c.message["Subject"]]


async def test_after_a_change_of_key_with_the_old_one_listed_live_searches_go_on(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory) -> None:
    larch = await _sent_under_key_a(sqlite_url, smtp_sink, service_factory)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, secret_key=KEY_B,
                                    previous_secret_keys=f" {KEY_A} ,")
    await asyncio.to_thread(send_smtp, service.smtp_port,
                            outlook_top_posted(larch, LARCH, OFFER), sender=LARCH,
                            to=larch.message["Reply-To"])
    responses = await wait_for(lambda: _responses(service))
    assert [(r.establishment, r.decision) for r in responses] == [("larch-house", "offer")]

    assert _held(smtp_sink) == []
    again = referral_email().get_content().replace("Casey Marie Hollin", "Casey M Hollin")
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email(body=again))
    flagged = await wait_for(lambda: _held(smtp_sink))
    async with service.engine.parts.sessions() as session:
        first = (await session.execute(select(Referral.reference).order_by(Referral.id))
                 ).scalars().first()
    assert first and first in flagged[0].text()
    assert [c for c in smtp_sink.to(REFERRER) if "held before" in c.message["Subject"]]


async def test_after_a_change_of_key_with_no_old_one_the_reply_is_refused(  # type: ignore[no-untyped-def]
        sqlite_url, smtp_sink, service_factory) -> None:
    larch = await _sent_under_key_a(sqlite_url, smtp_sink, service_factory)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, secret_key=KEY_B)
    address = larch.message["Reply-To"]
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await asyncio.to_thread(send_smtp, service.smtp_port,
                                outlook_top_posted(larch, LARCH, OFFER), sender=LARCH,
                                to=address)
    assert refused.value.recipients[address][0] == 550
    assert await _responses(service) == []
