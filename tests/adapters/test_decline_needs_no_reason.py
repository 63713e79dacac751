"""A decline without a reason, through the real worker (rule `decline-needs-no-reason`): it
is recorded whole and acknowledged ("We have your decline.", no reason made up for it), never
chased for a reason, as the referral email says a sentence is fine if the home declines; a
reason the home gives later, on top of its reply to the acknowledgement or under the quoted
lines, is added to the decline."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest

from tests.adapters.worker import answer, header, text_of


async def _declined(worker: Any, said: str = "Decision: decline") -> tuple[Any, Any]:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, said)
    assert await worker.outbox(kind="provider/missing_fields", to=home.to_addr) == []
    [ack] = await worker.outbox(kind="provider/response_ack", to=home.to_addr)
    return home, ack


async def _answer(worker: Any, home: Any, ours: Any, body: str) -> None:
    reply = EmailMessage()
    reply["From"], reply["To"] = home.to_addr, header(ours, "Reply-To")
    reply["Subject"] = f"Re: {header(ours, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=home.to_addr.split("@")[1])
    reply["In-Reply-To"] = header(ours, "Message-ID")
    reply.set_content(body)
    await worker.receive(reply, to=header(ours, "Reply-To"), mail_from=home.to_addr)


def _quoted(ours: str) -> str:
    return "On Tue, 24 Nov 2026 at 09:40, Northby Placements wrote:\n\n" + "\n".join(
        f"> {line}".rstrip() for line in ours.splitlines())


@pytest.mark.parametrize("said", ["Decision: decline", "Not this one, thanks"])
async def test_a_decline_without_a_reason_is_recorded_whole_and_not_chased(
        worker: Any, said: str) -> None:
    _, ack = await _declined(worker, said)
    text = text_of(ack)
    assert "We have your decline." in text and "reason: other" not in text
    assert "Decline reason:" not in text and "needed" not in header(ack, "Subject")
    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.fields["decline_reason"], current.missing) == (
        "decline", None, [])


async def test_a_reason_given_later_is_added_to_the_decline(worker: Any) -> None:
    home, ack = await _declined(worker)
    await _answer(worker, home, ack, "Decline reason: price\n\nJo\n\n" + _quoted(text_of(ack)))
    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.fields["decline_reason"], current.missing) == (
        "decline", "price", [])
