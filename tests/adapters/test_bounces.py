"""A provider's address that bounces, through the real intake worker: each email goes out
with its own bounce address; the delivery report that comes back to it marks that email
bounced, puts it on the referral's timeline and tells the placements team, once. A delay,
or a report to an address we never made, changes nothing; none is ever answered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from broker.db.tables import ReferralEvent
from broker.tokens import bounce_address
from tests.adapters.worker import text_of
from tests.factories import SECRET
from tests.unit.test_bounces import DELAYED, PHISHING, POSTFIX, report

TEAM = "placements@northby.gov.example"


async def _bounce(worker: Any, outbox_id: int, block: str, to_addr: str) -> Any:
    address = bounce_address(SECRET.encode(), outbox_id, "broker.localhost")
    raw = report(block.replace("old.referrals@kestrelhomes.example", to_addr))
    assert worker.handler.is_ours(address)
    return await worker.receive(raw, to=address, mail_from="")


async def test_a_bounced_referral_is_marked_and_the_team_told_once(worker: Any) -> None:
    row = (await worker.outbox(kind="provider/referral"))[0]
    for _ in range(2):  # the same report twice: told once
        inbound = await _bounce(worker, row.id, POSTFIX, row.to_addr)
    [bounced] = [r for r in await worker.outbox() if r.id == row.id]
    assert bounced.status == "bounced" and "User unknown" in bounced.last_error
    [told] = await worker.outbox(kind="placements_team/delivery_failed")
    assert told.to_addr == TEAM and row.to_addr in told.subject
    assert "a delivery report came back" in text_of(told)  # the home's own side said so
    async with worker.sessions() as session:
        events = (await session.execute(select(ReferralEvent.data).where(
            ReferralEvent.kind == "delivery-failed"))).scalars().all()
    assert [e["to"] for e in events] == [row.to_addr]
    assert inbound.referral_id == row.referral_id
    assert all(r.to_addr != "MAILER-DAEMON@mx.kestrelhomes.example".lower()
               for r in await worker.outbox())  # never answered


async def test_the_team_reads_a_reports_words_quoted_as_the_receiving_sides_without_links(
        worker: Any) -> None:
    row = (await worker.outbox(kind="provider/referral"))[0]
    await _bounce(worker, row.id, PHISHING, row.to_addr)
    [told] = await worker.outbox(kind="placements_team/delivery_failed")
    text = text_of(told)
    assert "in the receiving server's own words (not ours" in text
    assert '"550 5.1.1' in text and "papers-upload" not in text and "\x1b" not in text
    async with worker.sessions() as session:
        [event] = (await session.execute(select(ReferralEvent.data).where(
            ReferralEvent.kind == "delivery-failed"))).scalars().all()
    assert "papers-upload" not in event["error"] and len(event["error"]) < 200


async def test_the_team_is_told_once_for_an_address_however_many_emails_bounce(
        worker: Any) -> None:
    row = (await worker.outbox(kind="provider/referral"))[0]
    await _bounce(worker, row.id, POSTFIX, row.to_addr)
    worker.clock.advance(timedelta(hours=12))
    await worker.engine.fire_due()  # a chaser goes to the same dead address, and bounces
    chasers = [r for r in await worker.outbox(kind="provider/chaser")
               if r.to_addr == row.to_addr]
    assert chasers
    await _bounce(worker, chasers[0].id, POSTFIX, row.to_addr)
    assert [r.status for r in await worker.outbox() if r.id == chasers[0].id] == ["bounced"]
    assert len(await worker.outbox(kind="placements_team/delivery_failed")) == 1


async def test_a_delay_changes_nothing(worker: Any) -> None:
    row = (await worker.outbox(kind="provider/referral"))[0]
    inbound = await _bounce(worker, row.id, DELAYED, row.to_addr)
    assert inbound.outcome == "bounce-ignored"
    assert [r.status for r in await worker.outbox() if r.id == row.id] != ["bounced"]
    assert await worker.outbox(kind="placements_team/delivery_failed") == []


def test_a_bounce_address_we_never_made_is_refused_at_rcpt(worker: Any) -> None:
    made = bounce_address(b"not-our-secret", 1, "broker.localhost")
    assert not worker.handler.is_ours(made)
    assert worker.handler.is_ours("bounces@broker.localhost")  # what older versions sent
