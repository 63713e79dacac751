"""The console's question answer and manual chase, posted by someone they are not for, against
the real service on loopback (att44): an officer of another council, signed in, can neither
answer a home's questions about another council's child nor chase that referral's homes (the
referral is not found for her and nothing is sent); a form without the session's CSRF token is
refused whoever posts it; and the same chase form posted twice at once sends each silent home
one reminder, not two."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from broker.db.tables import Outbox, ReferralEvent
from tests.conftest import wait_for
from tests.console_client import csrf_in, referral_page, signed_in
from tests.e2e.test_console_questions import ASKING, MAYA, _larch
from tests.factories import referral_email, send_smtp
from tests.replies import quoted_plain

OWEN = "owen.pryce@kingsholt.gov.example"  # a Kingsholt placements officer
CHASER = "provider/chaser"
ANSWERED = "provider/question_answered"


async def _sent(service: Any, kind: str) -> int:
    async with service.engine.parts.sessions() as session:
        return (
            await session.execute(
                select(func.count()).select_from(Outbox).where(Outbox.kind == kind)
            )
        ).scalar_one()


async def _asked(service: Any, smtp_sink: Any) -> tuple[str, int]:
    """A Northby referral out to its homes, Larch House's questions about the child passed
    on: the referral's page address and the questions' timeline entry."""
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    larch = await wait_for(lambda: _larch(smtp_sink))
    home = larch.rcpt_tos[0]
    reference = larch.message["Subject"].split("|")[-1].split()[0]
    await asyncio.to_thread(
        send_smtp,
        service.smtp_port,
        quoted_plain(larch, home, ASKING),
        sender=home,
        to=larch.message["Reply-To"],
    )

    async def passed_on() -> list[ReferralEvent]:
        async with service.engine.parts.sessions() as session:
            return list(
                (
                    await session.execute(
                        select(ReferralEvent).where(ReferralEvent.kind == "questions-passed-on")
                    )
                ).scalars()
            )

    [asked] = await wait_for(passed_on)
    return f"http://127.0.0.1:{service.web_port}/console/referrals/{reference}", asked.id


async def test_an_officer_of_another_council_answers_and_chases_nothing(
    sqlite_url: str, smtp_sink: Any, service_factory: Any
) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url, entry = await _asked(service, smtp_sink)
    async with await signed_in(service, smtp_sink, OWEN) as owen:
        async with owen.get(f"http://127.0.0.1:{service.web_port}/console") as response:
            csrf = csrf_in(await response.text())  # her own session's token: a valid form
        async with owen.get(page_url) as response:
            assert response.status == 404
        async with owen.post(
            f"{page_url}/questions/{entry}/answer",
            data={"csrf": csrf, "nonce": "o1", "answer": "She is open to CAMHS."},
        ) as response:
            assert response.status == 404
        async with owen.post(
            f"{page_url}/actions/chase",
            data={"csrf": csrf, "nonce": "o2", "wave": "1", "confirm": "yes"},
        ) as response:
            assert response.status == 404
    assert await _sent(service, ANSWERED) == 0 and await _sent(service, CHASER) == 0
    # the same posts by Northby's own officer act: the refusals above were Owen's, not the forms'
    async with await signed_in(service, smtp_sink, MAYA) as maya:
        async with maya.get(page_url) as response:
            csrf = csrf_in(await response.text())
        async with maya.post(
            f"{page_url}/questions/{entry}/answer",
            data={"csrf": csrf, "nonce": "m1", "answer": "She is open to CAMHS."},
        ) as response:
            assert response.status == 200
    assert await _sent(service, ANSWERED) == 1


async def test_a_form_without_the_sessions_token_is_refused_and_sends_nothing(
    sqlite_url: str, smtp_sink: Any, service_factory: Any
) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url, entry = await _asked(service, smtp_sink)
    async with await signed_in(service, smtp_sink, MAYA) as maya:
        for csrf in ({}, {"csrf": "forged-token"}):
            async with maya.post(
                f"{page_url}/questions/{entry}/answer",
                data={**csrf, "nonce": "m1", "answer": "She is open to CAMHS."},
            ) as response:
                assert response.status == 400
            async with maya.post(
                f"{page_url}/actions/chase",
                data={**csrf, "nonce": "m2", "wave": "1", "confirm": "yes"},
            ) as response:
                assert response.status == 400
    assert await _sent(service, ANSWERED) == 0 and await _sent(service, CHASER) == 0


async def test_the_same_chase_posted_twice_at_once_sends_one_reminder_to_each_home(
    sqlite_url: str, smtp_sink: Any, service_factory: Any
) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = await referral_page(service, smtp_sink)
    async with await signed_in(service, smtp_sink, MAYA) as maya:
        async with maya.get(page_url) as response:
            chase = {
                "csrf": csrf_in(await response.text()),
                "nonce": "c1",
                "wave": "1",
                "confirm": "yes",
            }

        async def post() -> None:
            async with maya.post(f"{page_url}/actions/chase", data=chase) as response:
                assert response.status == 200

        await asyncio.gather(post(), post())
    assert await _sent(service, CHASER) == 12
    async with service.engine.parts.sessions() as session:
        chased = (
            await session.execute(
                select(func.count())
                .select_from(ReferralEvent)
                .where(ReferralEvent.kind == "chased")
            )
        ).scalar_one()
    assert chased == 1
