"""Retransmissions: a message is the same message only when the same envelope sender sends
the same Message-ID. A sender whose server sends a reply again (its 250 was lost, say) gets
it handled once; two senders whose messages happen to carry one Message-ID are both heard."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from sqlalchemy import select

from broker.db.tables import InboundMessage, Response
from tests.factories import REFERRER, referral_email

ACK = "provider/response_ack"
SHARED_ID = "<reply-1@mail.example>"  # the same Message-ID from two different providers


def _decline(row: Any, message_id: str) -> tuple[bytes, str]:
    sent = message_from_bytes(row.raw, policy=policy.default)
    reply = EmailMessage()
    reply["From"] = row.to_addr
    reply["To"] = str(sent["Reply-To"])
    reply["Subject"] = f"RE: {sent['Subject']}"
    reply["Date"] = formatdate(localtime=True)
    reply["Message-ID"] = message_id
    reply.set_content("Sorry, we have no vacancies at the moment.\n\nAnn\n")
    return bytes(reply), str(sent["Reply-To"])


async def _outcomes(worker: Any, ids: list[int]) -> list[str]:
    async with worker.sessions() as session:
        rows = {row.id: row for row in (await session.execute(
            select(InboundMessage).where(InboundMessage.id.in_(ids)))).scalars()}
    return [rows[i].outcome for i in ids]


async def _responses(worker: Any) -> list[tuple[str, str]]:
    async with worker.sessions() as session:
        rows = await session.execute(select(Response.establishment, Response.status))
        return sorted((establishment, status) for establishment, status in rows)


async def test_same_sender_same_message_id_is_handled_once(worker: Any) -> None:
    first, _ = (await worker.outbox(kind="provider/referral"))[:2]
    raw, to = _decline(first, "<retry@mail.example>")
    in_one_batch = [await worker.handler.store(raw, first.to_addr, [to]) for _ in range(2)]
    await worker.engine.process_pending()
    # …and again later, in a batch of its own (the sender's case differs: still the sender)
    later = await worker.handler.store(raw, first.to_addr.upper(), [to])
    await worker.engine.process_pending()

    assert await _outcomes(worker, [*in_one_batch, later]) == [
        "response", "duplicate", "duplicate"]
    assert [a.to_addr for a in await worker.outbox(kind=ACK)] == [first.to_addr]
    assert await _responses(worker) == [(first.establishment, "current")]


async def test_two_senders_sharing_a_message_id_are_both_handled(worker: Any) -> None:
    first, second = (await worker.outbox(kind="provider/referral"))[:2]
    stored = []
    for row in (first, second):
        raw, to = _decline(row, SHARED_ID)
        stored.append(await worker.handler.store(raw, row.to_addr, [to]))
    await worker.engine.process_pending()
    raw, to = _decline(second, SHARED_ID)  # the second sender's own retransmission, later
    again = await worker.handler.store(raw, second.to_addr, [to])
    await worker.engine.process_pending()

    assert await _outcomes(worker, [*stored, again]) == ["response", "response", "duplicate"]
    acks = sorted(a.to_addr for a in await worker.outbox(kind=ACK))
    assert acks == sorted([first.to_addr, second.to_addr])
    assert await _responses(worker) == sorted(
        [(first.establishment, "current"), (second.establishment, "current")])


async def test_a_referral_sent_again_by_its_referrer_is_not_answered_twice(
        worker: Any) -> None:
    message = referral_email(message_id="<referral-2@northby.gov.example>")
    ids = [await worker.handler.store(bytes(message), REFERRER, ["referrals@broker.localhost"])
           for _ in range(2)]
    await worker.engine.process_pending()
    # held: the same child as the fixture's referral; the copy is not a third referral
    assert await _outcomes(worker, ids) == ["held", "duplicate"]
    assert len(await worker.referrals()) == 2


async def test_a_malformed_message_id_identifies_nothing(worker: Any) -> None:
    first = (await worker.outbox(kind="provider/referral"))[0]
    raw, to = _decline(first, "<placeholder@mail.example>")
    raw = raw.replace(b"<placeholder@mail.example>", b"<<<>>>")  # not <left@right>
    ids = [await worker.handler.store(raw, first.to_addr, [to]) for _ in range(2)]
    await worker.engine.process_pending()
    # both read (neither taken for a retransmission); the second changes nothing, so it is
    # stored and not answered again
    assert await _outcomes(worker, ids) == ["response", "response-unchanged"]
    assert len(await worker.outbox(kind=ACK)) == 1
