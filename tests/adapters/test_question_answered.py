"""A commissioner's QUESTION is answered: the social worker replies to the email that put it
to her, and the answer goes on to the commissioner who asked (Reply-To the social worker),
is recorded on the timeline, and she is told it went. Before, her natural reply came back
as "this referral has already been sent", and the commissioner never heard."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from broker.db.tables import ReferralEvent
from tests.adapters.worker import closed_with_offers, header, make_worker, text_of
from tests.factories import REFERRER
from workflows.desk import PlacementDesk

RUTH = "ruth.adeyemi@northby.gov.example"


def _reply(sender: str, to_email: Any, body: str) -> EmailMessage:
    reply = EmailMessage()
    reply["From"], reply["To"] = sender, "referrals@broker.localhost"
    reply["Subject"] = f"RE: {header(to_email, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain="northby.gov.example")
    reply["In-Reply-To"] = reply["References"] = header(to_email, "Message-ID")
    reply.set_content(body)
    return reply


async def test_the_social_workers_answer_reaches_the_commissioner_who_asked(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await closed_with_offers(worker, homes=3)
        reference, desk = referral.reference or "", PlacementDesk(worker.engine)
        assert (await desk.submit_shortlist(referral.id or 0, REFERRER, ["A", "B"],
                                            "Mum agrees.", "", "", "in hospital")).accepted
        asked = await desk.approval(reference, "question", RUTH, "Ruth Adeyemi",
                                    reason="Has the family been asked about B's distance?",
                                    round_=1)
        assert asked.accepted, asked.message
        [question] = await worker.outbox(kind="social_worker/shortlist_question")
        assert "if it is not approved by" in " ".join(text_of(question).split())  # by when
        await worker.receive(_reply(REFERRER, question, "Yes: mum is fine with B's distance."),
                             mail_from=REFERRER)

        [answer] = await worker.outbox(kind="commissioner/question_answered")
        assert answer.to_addr == RUTH and header(answer, "Reply-To") == REFERRER
        assert "mum is fine with B's distance" in text_of(answer)
        assert "Has the family been asked" in text_of(answer)
        [told] = await worker.outbox(kind="social_worker/shortlist_answer_passed_on")
        assert told.to_addr == REFERRER and "Ruth Adeyemi" in text_of(told)
        assert await worker.outbox(kind="social_worker/already_sent") == []
        async with worker.sessions() as session:
            [event] = (await session.execute(select(ReferralEvent.data).where(
                ReferralEvent.kind == "question-answered"))).scalars().all()
        assert event["to"] == RUTH and event["round"] == 1
    finally:
        await worker.db.dispose()


async def test_an_answer_on_the_referrals_own_thread_reaches_the_commissioner_too(
        tmp_path: Path, database_url: str) -> None:
    """She replies to the acknowledgement, not the question's email: while the question is
    open, that is its answer (before, "already been sent", and the approval lapsed)."""
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await closed_with_offers(worker, homes=3)
        reference, desk = referral.reference or "", PlacementDesk(worker.engine)
        assert (await desk.submit_shortlist(referral.id or 0, REFERRER, ["A", "B"],
                                            "Mum agrees.", "", "", "in hospital")).accepted
        assert (await desk.approval(reference, "question", RUTH, "Ruth Adeyemi",
                                    reason="Has Casey been told B is 50 miles away?",
                                    round_=1)).accepted
        [acknowledgement] = await worker.outbox(kind="social_worker/acknowledgement")
        await worker.receive(_reply(REFERRER, acknowledgement,
                                    "Yes she knows and is OK with the distance"),
                             mail_from=REFERRER)

        [answer] = await worker.outbox(kind="commissioner/question_answered")
        assert answer.to_addr == RUTH and "OK with the distance" in text_of(answer)
        assert await worker.outbox(kind="social_worker/already_sent") == []

        # once she has decided, the question is no longer open: nothing more goes to her
        assert (await desk.approval(reference, "approve", RUTH, "Ruth Adeyemi",
                                    round_=1)).accepted
        await worker.receive(_reply(REFERRER, acknowledgement, "Mum rang again, all fine."),
                             mail_from=REFERRER)
        assert len(await worker.outbox(kind="commissioner/question_answered")) == 1
        assert len(await worker.outbox(kind="social_worker/already_sent")) == 1
    finally:
        await worker.db.dispose()
