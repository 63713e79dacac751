"""A decline without a reason, through the real worker: the request says "We have your
decline." (no reason made up for it) and lists the reasons to choose from; the home's answer
to it, typed on top or under the quoted "Decline reason:" line, completes the decline, and a
reply that only quotes the request back never takes a reason from our list of choices."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest

from tests.adapters.worker import answer, header, text_of

CHOICES = "one of no-vacancy / cannot-meet-needs / location / matching / price / other"


async def _asked(worker: Any) -> tuple[Any, Any]:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, "Decision: decline")
    [ask] = await worker.outbox(kind="provider/missing_fields", to=home.to_addr)
    return home, ask


async def _answer_the_request(worker: Any, home: Any, ask: Any, body: str) -> None:
    reply = EmailMessage()
    reply["From"], reply["To"] = home.to_addr, header(ask, "Reply-To")
    reply["Subject"] = f"Re: {header(ask, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=home.to_addr.split("@")[1])
    reply["In-Reply-To"] = header(ask, "Message-ID")
    reply.set_content(body)
    await worker.receive(reply, to=header(ask, "Reply-To"), mail_from=home.to_addr)


def _quoted(request: str, typed: str = "") -> str:
    lines = []
    for line in request.splitlines():
        lines.append(f"> {line}".rstrip())
        if typed and line.strip() == "Decline reason:":
            lines.append(f"\n{typed}\n")
    return "On Tue, 24 Nov 2026 at 09:40, Northby Placements wrote:\n\n" + "\n".join(lines)


async def test_a_decline_without_a_reason_is_asked_for_one_from_the_choices(
        worker: Any) -> None:
    _, ask = await _asked(worker)
    text = text_of(ask)
    assert "We have your decline." in text and "reason: other" not in text
    assert f"- Decline reason: {CHOICES}" in text
    assert "decline reason needed" in header(ask, "Subject")


@pytest.mark.parametrize("typed, where", [("Decline reason: price", "top"),
                                          ("price", "under"), ("Location", "under")])
async def test_the_reason_typed_in_answer_completes_the_decline(
        worker: Any, typed: str, where: str) -> None:
    home, ask = await _asked(worker)
    request = text_of(ask)
    body = (f"{typed}\n\nJo\n\n" + _quoted(request) if where == "top"
            else "Hi, see below\n\n" + _quoted(request, typed))
    await _answer_the_request(worker, home, ask, body)
    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.fields["decline_reason"], current.missing) == (
        "decline", typed.rsplit(" ", 1)[-1].lower(), [])


async def test_a_reply_quoting_the_request_back_takes_no_reason_from_our_choices(
        worker: Any) -> None:
    home, ask = await _asked(worker)
    await _answer_the_request(worker, home, ask, "Thanks, will come back to you.\n\nJo\n\n"
                              + _quoted(text_of(ask)))
    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.fields["decline_reason"], current.missing) == (
        "decline", None, ["decline_reason"])
