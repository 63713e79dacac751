"""A home's ticketing system may answer every email it gets, ours included. A reply that
changes nothing of the home's answer is stored and not answered again, so no loop keeps
going; a reply that changes something is answered as ever. Mail marked as a program's (an
X-Loop header, a report such as a bounce) is never answered."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

ANSWERS = ("provider/response_ack", "provider/missing_fields")


async def _reply(worker: Any, row: Any, body: str, **headers: str) -> Any:
    sent = message_from_bytes(row.raw, policy=policy.default)
    reply = EmailMessage()
    reply["From"], reply["To"] = row.to_addr, str(sent["Reply-To"])
    reply["Subject"], reply["Date"] = f"RE: {sent['Subject']}", formatdate()
    reply["Message-ID"] = make_msgid(domain="mail.example")
    for name, value in headers.items():
        reply[name.replace("_", "-")] = value
    reply.set_content(body)
    return await worker.receive(bytes(reply), to=str(sent["Reply-To"]), mail_from=row.to_addr)


async def _answers(worker: Any, row: Any) -> list[str]:
    return [r.kind for r in await worker.outbox(to=row.to_addr) if r.kind in ANSWERS]


async def test_a_ticketing_systems_receipts_get_one_request_and_no_loop(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    for n in range(4):  # each "receipt" would answer our request for what is missing
        await _reply(worker, home, f"Thank you. Your request #{1000 + n} has been logged.")
    assert await _answers(worker, home) == ["provider/missing_fields"]
    assert len([r for r in await worker.responses() if r.establishment == home.establishment]) == 4


async def test_the_same_answer_twice_is_acknowledged_once_and_a_change_again(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    offer = "We can offer from 14/12/2026 at £4,850 a week."
    await _reply(worker, home, offer)
    row = await _reply(worker, home, offer)
    assert row.outcome == "response-unchanged"
    assert await _answers(worker, home) == ["provider/response_ack"]
    await _reply(worker, home, "We can offer from 14/12/2026 at £4,900 a week.")
    assert await _answers(worker, home) == ["provider/response_ack"] * 2


async def test_mail_a_ticketing_system_marks_with_x_loop_is_never_answered(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await _reply(worker, home, "Thank you, your request has been logged.",
                 X_Loop="helpdesk@kestrelhomes.example")
    assert await _answers(worker, home) == []


async def test_a_delivery_report_to_a_reply_address_is_never_answered(worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    sent = message_from_bytes(home.raw, policy=policy.default)
    report = EmailMessage()
    report["From"], report["To"] = home.to_addr, str(sent["Reply-To"])
    report["Subject"], report["Date"] = "Delivery Status Notification", formatdate()
    report.set_content("Your message could not be delivered to one or more recipients.")
    report.add_attachment("Reporting-MTA: dns; mx.kestrelhomes.example\n\n"
                          "Final-Recipient: rfc822; gone@kestrelhomes.example\n"
                          "Action: failed\nStatus: 5.1.1\n", subtype="plain")
    report.replace_header("Content-Type", report["Content-Type"].replace(
        "multipart/mixed", "multipart/report; report-type=delivery-status"))
    await worker.receive(bytes(report), to=str(sent["Reply-To"]), mail_from=home.to_addr)
    assert await _answers(worker, home) == []
