"""A provider's answer is its answer whichever of our addresses it also went to: sent To
referrals@ with its reply address in Cc (as one SMTP transaction to both), it is read as
the home's reply, not refused as a form with nothing in it."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any


async def test_a_reply_to_referrals_with_its_reply_address_in_cc_is_the_homes_answer(
        worker: Any) -> None:
    row = (await worker.outbox(kind="provider/referral"))[0]
    reply_to = str(message_from_bytes(row.raw, policy=policy.default)["Reply-To"])
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Cc"] = row.to_addr, "referrals@broker.localhost", reply_to
    reply["Subject"], reply["Date"] = "RE: Referral", formatdate()
    reply["Message-ID"] = make_msgid(domain="mail.example")
    reply.set_content("Sorry, we have no vacancies at the moment.\n\nAnn\n")
    inbound_id = await worker.handler.store(bytes(reply), row.to_addr,
                                            ["referrals@broker.localhost", reply_to])
    await worker.engine.process_pending()
    assert [(r.establishment, r.decision) for r in await worker.responses()] == [
        (row.establishment, "decline")]
    assert inbound_id and await worker.outbox(kind="sender/refused") == []
