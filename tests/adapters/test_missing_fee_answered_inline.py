"""A home that offered without its fee is asked for it; it types the fee under "> Weekly fee:"
in the quoted request, as Gmail and Outlook users do. The fee completes the earlier offer: its
decision and start date stand (the quoted "We have your offer" is ours, not a fresh offer),
whether the request quoted is worded as now or as before."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest

from tests.adapters.worker import answer, header, text_of

# The request as it was worded before its subject and summary changed.
_OLD_WORDING = ("Thank you for your reply. We have your offer: {home}, from Monday 21 December "
                "2026.\n\nTo complete your response, please reply to this email with these "
                "lines filled in:\n\nWeekly fee: \n\nWhat we need:\n- Weekly fee: the weekly fee "
                "in pounds, for example £4,850\n")


def _inline(request: str, typed: str) -> str:
    """The provider's reply: a line on top, the request quoted, `typed` under its fee line."""
    quoted = []
    for line in request.splitlines():
        quoted.append(f"> {line}".rstrip())
        if line.strip() == "Weekly fee:":
            quoted.append(f"\n{typed}\n")
    return ("Hi, sorry about that, see below\n\nOn Tue, 1 Dec 2026 at 09:40, Northby Placements "
            "wrote:\n\n" + "\n".join(quoted) + "\n")


@pytest.mark.parametrize("wording", ["now", "before"])
@pytest.mark.parametrize("typed", ["£4,900", "4900 pw", "£4,900 a week all in"])
async def test_a_fee_typed_under_the_quoted_request_completes_the_earlier_offer(
        worker: Any, wording: str, typed: str) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, "We can offer a place from Monday 21 December 2026.")
    [ask] = await worker.outbox(kind="provider/missing_fields", to=home.to_addr)
    [first] = await worker.responses()
    request = text_of(ask) if wording == "now" else _OLD_WORDING.format(
        home=first.fields["service_name"])
    reply = EmailMessage()
    reply["From"], reply["To"] = home.to_addr, header(ask, "Reply-To")
    reply["Subject"] = f"Re: {header(ask, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain=home.to_addr.split("@")[1])
    reply["In-Reply-To"] = header(ask, "Message-ID")
    reply.set_content(_inline(request, typed))
    await worker.receive(reply, to=header(ask, "Reply-To"), mail_from=home.to_addr)

    current = [r for r in await worker.responses() if r.status == "current"]
    assert [(r.decision, r.fields["weekly_fee"], r.fields["available_from"], r.missing)
            for r in current] == [("offer", 4900.0, date(2026, 12, 21).isoformat(), [])]
    assert len(await worker.outbox(kind="provider/missing_fields", to=home.to_addr)) == 1


@pytest.mark.parametrize(("fee", "extra"), [
    ("£4,900", "£350 pw education (on-site school)"),  # one part: the other is an extra
    ("£5,250", None),  # the sum of the parts: nothing on top
])
async def test_a_fee_asked_after_one_in_parts_keeps_the_other_part_as_its_extra(
        worker: Any, fee: str, extra: str | None) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, "Offer. Fee £4900pw + £350 pw education (on-site school). "
                               "From 14/12/2026.")
    [ask] = await worker.outbox(kind="provider/missing_fields", to=home.to_addr)
    assert "Weekly fee:" in text_of(ask)
    await answer(worker, ask, f"Weekly fee: {fee}")

    [current] = [r for r in await worker.responses() if r.status == "current"]
    assert (current.decision, current.fields["weekly_fee"], current.fields["available_from"],
            current.fields["additional_costs"], current.missing) == (
        "offer", float(fee[1:].replace(",", "")), "2026-12-14", extra, [])
    [ack] = await worker.outbox(kind="provider/response_ack", to=home.to_addr)
    assert ("£350 pw education" in text_of(ack)) == (extra is not None)
