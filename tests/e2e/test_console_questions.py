"""A home's questions about the child, read and answered from the referral's console page:
against the real service on loopback, mail relayed to an SMTP sink, the home replying by SMTP
and the officer signed in by her emailed link. The page quotes the home's words from the
team's email; an answer naming the child to a home not yet approved is refused, naming the
words, and nothing is sent; a clean answer (which may name the social worker) reaches the
home at its address, the team has a copy, the timeline records who answered, and the
question no longer offers an answer."""

from __future__ import annotations

import asyncio
import html
from typing import Any

from sqlalchemy import select

from broker.db.tables import Outbox, ReferralEvent
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.console_client import csrf_in, signed_in
from tests.factories import SECRET, referral_email, send_smtp
from tests.replies import quoted_plain

MAYA, ALEX = "maya.osei@northby.gov.example", "alex.morgan@northby.gov.example"
TEAM = "placements@northby.gov.example"
ASKING = ("Decision: interested\n\nTwo questions:\n1. Is she open to CAMHS at the moment?\n"
          "2. Would her mum be having unsupervised contact?\n\nJo\n")


def _larch(sink: Any) -> Any:
    for caught in sink.caught:
        token = read_token(SECRET.encode(),
                           (caught.message["Reply-To"] or "").split("@")[0].removeprefix("r+"))
        if token and token.establishment == "larch-house" and not caught.is_a_chaser():
            return caught
    return None


async def _sent_to(service: Any, address: str, kind: str) -> list[Outbox]:
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(Outbox).where(
            Outbox.to_addr == address, Outbox.kind == kind))).scalars())


async def test_a_homes_question_is_read_and_answered_from_the_console(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    larch = await wait_for(lambda: _larch(smtp_sink))
    home = larch.rcpt_tos[0]
    reference = larch.message["Subject"].split("|")[-1].split()[0]
    await asyncio.to_thread(send_smtp, service.smtp_port, quoted_plain(larch, home, ASKING),
                            sender=home, to=larch.message["Reply-To"])
    await wait_for(lambda: [c for c in smtp_sink.to(TEAM) if "questions from" in
                            c.message["Subject"]])
    page_url = f"http://127.0.0.1:{service.web_port}/console/referrals/{reference}"

    async with await signed_in(service, smtp_sink, ALEX) as commissioner:
        async with commissioner.get(page_url) as response:
            seen = html.unescape(await response.text())
        assert "Is she open to CAMHS at the moment?" in seen  # the home's words, read
        assert "/questions/" not in seen  # a commissioner does not answer them

    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = html.unescape(await response.text())
        assert "Larch House asked" in page and "Not answered" in page
        assert "Would her mum be having unsupervised contact?" in page
        # where the answer goes, and why: its sender was proved (the home's reply address)
        assert f"Answer to: {home} (the address the home asked from" in page
        async with service.engine.parts.sessions() as session:
            [asked] = (await session.execute(select(ReferralEvent).where(
                ReferralEvent.kind == "questions-passed-on"))).scalars().all()
        answer_url = f"{page_url}/questions/{asked.id}/answer"
        csrf = csrf_in(page)

        async with officer.post(answer_url, data={
                "csrf": csrf, "nonce": "a1",
                "answer": "Casey is open to CAMHS; contact with Dawn Hollin is supervised."
                }) as response:
            refused = html.unescape(await response.text())
        assert "Not done" in refused and "“Casey”" in refused and "“Dawn Hollin”" in refused
        assert await _sent_to(service, home, "provider/question_answered") == []

        async with officer.post(answer_url, data={
                "csrf": csrf, "nonce": "a1",  # a link, and her name spaced out
                "answer": "See https://docs.northby.gov.example/c/9f3a.pdf, C a s e y's plan."
                }) as response:
            refused = html.unescape(await response.text())
        assert "Not done" in refused and "web link" in refused and "“C a s e y" in refused
        assert await _sent_to(service, home, "provider/question_answered") == []

        async with officer.post(answer_url, data={
                "csrf": csrf, "nonce": "a1",  # the same form, corrected; the social
                # worker named, whom the home deals with anyway (answer-names-a-professional)
                "answer": "She is open to CAMHS; contact with her mum is supervised. Sam "
                          "Taylor will call you this afternoon."
                }) as response:
            done = html.unescape(await response.text())
        assert "Done" in done and f"sent to Larch House at {home}" in done
        assert "Answered" in done and f"by {MAYA}" in done
        assert f"{MAYA} answered Larch House's 2 questions from the console" in done
        assert f'/questions/{asked.id}/answer"' not in done  # answered: no second form

        async with officer.post(answer_url, data={"csrf": csrf, "nonce": "a2",
                                                  "answer": "Also: yes."}) as response:
            assert "answered already" in html.unescape(await response.text())

    answer = (await wait_for(lambda: [c for c in smtp_sink.to(home)
                                      if "answered" in c.message["Subject"]]))[0]
    assert "contact with her mum is supervised" in answer.text()
    assert "Sam Taylor will call you" in " ".join(answer.text().split())
    assert "Is she open to CAMHS at the moment?" in answer.text()
    team = await wait_for(lambda: [c for c in smtp_sink.to(TEAM)
                                   if "answered by" in c.message["Subject"]])
    assert "contact with her mum is supervised" in team[0].text()
    assert len(await _sent_to(service, home, "provider/question_answered")) == 1
