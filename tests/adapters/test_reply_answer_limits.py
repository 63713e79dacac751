"""Whoever holds a home's reply address (a forwarded email) can send replies without end.
Each is read and stored, and the home's answer follows the latest; but the answers they
cause (our acknowledgements to the sender, the social worker told of a changed answer) stop
at `REPLY_ANSWERS_PER_DAY` a day per referral, home and mailbox, and start again the next
day. Another home's replies to the same referral are answered as before."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from tests.factories import REFERRER
from workflows.answer_limits import REPLY_ANSWERS, REPLY_ANSWERS_PER_DAY


async def _reply(worker: Any, row: Any, fee: int, sender: str = "") -> None:
    sent = message_from_bytes(row.raw, policy=policy.default)
    reply = EmailMessage()
    reply["From"], reply["To"] = sender or row.to_addr, str(sent["Reply-To"])
    reply["Subject"] = f"RE: {sent['Subject']}"
    reply["Date"] = formatdate(worker.clock.now().timestamp())
    reply["Message-ID"] = make_msgid(domain="mail.example")
    reply.set_content(f"We can offer from 14/12/2026 at £{fee:,} a week.\n\nAnn\n")
    await worker.receive(bytes(reply), to=str(sent["Reply-To"]), mail_from=sender or row.to_addr)


async def _answers_to(worker: Any, address: str) -> int:
    return sum(row.kind in REPLY_ANSWERS for row in await worker.outbox(to=address))


async def _answers_at(worker: Any, domain: str) -> int:
    return sum(row.kind in REPLY_ANSWERS and row.to_addr.endswith(f"@{domain}")
               for row in await worker.outbox())


async def test_a_flood_of_replies_is_stored_but_answered_only_so_often_a_day(
        worker: Any) -> None:
    flooded, other = (await worker.outbox(kind="provider/referral"))[:2]
    for n in range(REPLY_ANSWERS_PER_DAY + 5):
        await _reply(worker, flooded, 4000 + n)
    assert await _answers_to(worker, flooded.to_addr) == REPLY_ANSWERS_PER_DAY
    # every reply stored, and the latest is the home's answer
    stored = [r for r in await worker.responses() if r.establishment == flooded.establishment]
    assert len(stored) == REPLY_ANSWERS_PER_DAY + 5
    assert [float(r.fields["weekly_fee"]) for r in stored if r.status == "current"] == [
        4000 + REPLY_ANSWERS_PER_DAY + 4]
    # another home on the same referral is answered as ever
    await _reply(worker, other, 4500)
    assert await _answers_to(worker, other.to_addr) == 1
    # the next day the flooded home is answered again
    worker.clock.advance(timedelta(days=1))
    await _reply(worker, flooded, 5000)
    assert await _answers_to(worker, flooded.to_addr) == REPLY_ANSWERS_PER_DAY + 1


async def test_late_replies_reach_the_social_worker_only_so_often_a_day(worker: Any) -> None:
    flooded = (await worker.outbox(kind="provider/referral"))[0]
    worker.clock.advance(timedelta(days=1, minutes=1))  # the window closes
    await worker.engine.fire_due()
    for n in range(REPLY_ANSWERS_PER_DAY + 3):
        await _reply(worker, flooded, 4000 + n)
    forwarded = await worker.outbox(kind="social_worker/late_response", to=REFERRER)
    assert len(forwarded) == REPLY_ANSWERS_PER_DAY
    assert await _answers_to(worker, flooded.to_addr) == REPLY_ANSWERS_PER_DAY


async def test_replies_from_many_mailboxes_at_the_homes_domain_share_its_answers(
        worker: Any) -> None:
    """Every mailbox at the home's domain speaks for it; one leaked reply address must not
    make us write to each of them, nor use up the answers to the home's own contact."""
    kestrel = next(row for row in await worker.outbox(kind="provider/referral")
                   if row.to_addr.endswith("@kestrelhomes.example"))
    for n in range(REPLY_ANSWERS_PER_DAY + 5):
        await _reply(worker, kestrel, 4000 + n, sender=f"ticket{n}@kestrelhomes.example")
    assert len([r for r in await worker.responses()
                if r.establishment == kestrel.establishment]) == REPLY_ANSWERS_PER_DAY + 5
    assert await _answers_at(worker, "kestrelhomes.example") == REPLY_ANSWERS_PER_DAY
    # the home's own contact, whom the directory names, still has its answers
    await _reply(worker, kestrel, 5000)
    assert await _answers_to(worker, kestrel.to_addr) == 1
