"""Replies that must be refused without revealing anything: a forged or altered token, a
reply from someone other than the provider the token names, and a reply that names its
referral only in the subject. And the second key: a reply routed by its headers alone."""

from __future__ import annotations

import asyncio
import re
import smtplib

import pytest
from sqlalchemy import select

from broker.db.tables import InboundMessage, Response
from broker.tokens import make_token, read_token
from tests.conftest import wait_for
from tests.factories import SECRET, referral_email, send_smtp
from tests.replies import outlook_top_posted

OFFER = ("Decision: Offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
         "Available from: 01/12/2026")


@pytest.fixture
async def broadcast(sqlite_url: str, smtp_sink, service_factory):  # type: ignore[no-untyped-def]
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    larch = next(c for c in smtp_sink.caught
                 if c.rcpt_tos == ["larch.house@larchcare.example"])
    return service, smtp_sink, larch


def _revealing(text: str, reference: str) -> list[str]:
    """Anything in a note that would tell its reader about a referral or a child."""
    clues = [reference, "Larch", "SE15", "residential", "Northby", "semh", "14"]
    return [clue for clue in clues if re.search(rf"\b{re.escape(clue)}\b", text, re.I)]


async def _responses(service) -> list[Response]:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(Response))).scalars())


async def _outcomes(service) -> list[str]:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return [r.outcome for r in (await session.execute(
            select(InboundMessage).order_by(InboundMessage.id))).scalars()]


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),  # altered signature
    lambda token: token.replace("larch-house", "kestrel-house"),    # another establishment
    lambda token: make_token(b"guessed-key", 1, "larch-house"),      # forged
])
async def test_a_forged_or_altered_token_is_refused_at_rcpt(broadcast, tamper) -> None:  # type: ignore[no-untyped-def]
    service, sink, larch = broadcast
    token = larch.message["Reply-To"].split("@")[0].removeprefix("r+")
    address = f"r+{tamper(token)}@broker.localhost"
    message = outlook_top_posted(larch, larch.rcpt_tos[0], OFFER)
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await asyncio.to_thread(send_smtp, service.smtp_port, message,
                                sender=larch.rcpt_tos[0], to=address)
    code, text = refused.value.recipients[address]
    assert code == 550 and b"REF-" not in text
    assert await _responses(service) == []


async def test_a_reply_from_the_wrong_provider_is_quarantined_and_told_nothing(broadcast) -> None:  # type: ignore[no-untyped-def]
    service, sink, larch = broadcast
    intruder = "someone@kestrelhomes.example"  # another provider, with Larch's token
    message = outlook_top_posted(larch, intruder, OFFER)
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=intruder,
                            to=larch.message["Reply-To"])
    note = (await wait_for(lambda: sink.to(intruder)))[0]
    reference = larch.message["Subject"].split()[1].rstrip(":")
    assert _revealing(note.message["Subject"] + note.text(), reference) == []
    team = await wait_for(lambda: [c for c in sink.to("placements@northby.gov.example")
                                   if "unregistered" in c.message["Subject"]])
    assert intruder in team[0].text()
    assert await _responses(service) == []
    assert (await _outcomes(service))[-1] == "quarantined"


async def test_a_subject_only_reply_is_refused_without_revealing_anything(broadcast) -> None:  # type: ignore[no-untyped-def]
    service, sink, larch = broadcast
    message = outlook_top_posted(larch, larch.rcpt_tos[0], OFFER)
    for header in ("In-Reply-To", "References"):
        del message[header]
    message.replace_header("To", "referrals@broker.localhost")  # subject names the referral
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=larch.rcpt_tos[0])
    note = (await wait_for(lambda: [c for c in sink.to(larch.rcpt_tos[0])
                                    if c.message["In-Reply-To"] == message["Message-ID"]]))[0]
    reference = larch.message["Subject"].split()[1].rstrip(":")
    assert _revealing(note.message["Subject"] + note.text(), reference) == []
    assert await _responses(service) == []
    # not read as an answer, and the home is told how to answer (reply to the referral)
    assert (await _outcomes(service))[-1] == "provider-at-referrals"
    assert "reply to the email the referral came in" in note.text()


async def test_a_reply_with_only_its_thread_headers_is_routed_by_them(broadcast) -> None:  # type: ignore[no-untyped-def]
    service, sink, larch = broadcast
    message = outlook_top_posted(larch, larch.rcpt_tos[0], OFFER)
    message.replace_header("To", "referrals@broker.localhost")  # Reply-To ignored, headers kept
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=larch.rcpt_tos[0])
    responses = await wait_for(lambda: _responses(service))
    assert [(r.establishment, r.decision) for r in responses] == [("larch-house", "offer")]


async def test_a_valid_token_for_an_unknown_referral_gets_a_polite_answer(broadcast) -> None:  # type: ignore[no-untyped-def]
    service, sink, larch = broadcast
    token = make_token(SECRET.encode(), 999, "larch-house")
    assert read_token(SECRET.encode(), token) is not None
    message = outlook_top_posted(larch, larch.rcpt_tos[0], OFFER)
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=larch.rcpt_tos[0],
                            to=f"r+{token}@broker.localhost")
    note = (await wait_for(lambda: [c for c in sink.to(larch.rcpt_tos[0])
                                    if "could not match" in c.message["Subject"]]))[0]
    assert "REF-" not in note.text()
    assert await _responses(service) == []
