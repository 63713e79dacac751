"""Driving a search from a console test the way real ones run: mail over SMTP to the running
service, a home's reply top-posted on the email it was sent, and the team's or
commissioners' decisions through the engine (each must be accepted)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from broker.tokens import read_token
from tests.conftest import wait_for
from tests.factories import REFERRER, SECRET, referral_email, send_smtp
from tests.replies import outlook_top_posted
from workflows.events import Actor, ApprovalGiven, Shortlisted, WindowClosed

COMMISSIONERS = ("alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example")


async def send(service: Any, message: Any, sender: str, to: str) -> None:
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def home_replies(service: Any, original: Any, text: str) -> str:
    """The home `original` (a caught email) went to replies with `text`; its establishment."""
    establishment = read_token(SECRET.encode(),
                               original.message["Reply-To"].split("@")[0][2:]).establishment
    await send(service, outlook_top_posted(original, original.rcpt_tos[0], text),
               original.rcpt_tos[0], original.message["Reply-To"])
    return establishment


async def act(service: Any, reference: str, event: Any) -> None:
    handled = await service.engine.handle_reference(reference, event)
    assert handled.answer.accepted, handled.answer.message


def caught(sink: Any, to: str, subject_part: str) -> list[Any]:
    """The emails the SMTP sink caught to `to` whose subject holds `subject_part`."""
    return [c for c in sink.caught if to in c.rcpt_tos and subject_part in c.message["Subject"]]


async def shortlist_approved(service: Any, sink: Any, offer: str) -> tuple[str, str]:
    """Her referral sent, the first home sent it answering `offer`, the window closed by the
    team, that home shortlisted as A by her and approved by both commissioners: the
    referral's reference and the home's address (the service needs `approvals_needed=2`)."""
    await send(service, referral_email(sender=REFERRER), REFERRER, "referrals@broker.localhost")
    ack = (await wait_for(lambda: [c for c in sink.caught if REFERRER in c.rcpt_tos
                                   and "REF-" in c.message["Subject"]]))[0]
    reference = re.search(r"REF-\d{4}-\d{6}", ack.message["Subject"]).group(0)
    first = (await wait_for(lambda: [c for c in sink.caught if c.message["Reply-To"]
                                     and reference in c.message["Subject"]]))[0]
    home = first.rcpt_tos[0]
    await home_replies(service, first, offer)
    await wait_for(lambda: caught(sink, home, "response received"))
    team = Actor(address="maya.osei@northby.gov.example", channel="web")
    await act(service, reference, WindowClosed(actor=team, key="t:close"))
    await act(service, reference, Shortlisted(actor=Actor(address=REFERRER, channel="web"),
                                              key="t:shortlist", labels=("A",),
                                              views={"parents": "Mum likes A", "child": "Yes"}))
    for commissioner in COMMISSIONERS:
        await act(service, reference, ApprovalGiven(
            actor=Actor(address=commissioner, channel="web"), key=f"t:{commissioner}",
            decision="approve"))
    return reference, home
