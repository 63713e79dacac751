"""Driving a search from a console test the way real ones run: mail over SMTP to the running
service, a home's reply top-posted on the email it was sent, and the team's or
commissioners' decisions through the engine (each must be accepted)."""

from __future__ import annotations

import asyncio
from typing import Any

from broker.tokens import read_token
from tests.factories import SECRET, send_smtp
from tests.replies import outlook_top_posted


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
