"""The papers email tells a shortlisted home by when to confirm its assessed offer (within
the referral's response window for its urgency, never after the link's expiry,
BROKER_PAPERS_LINK_EXPIRES after approval, which it states apart) and that it may decline;
its form's decision is a blank to fill, so an answer quoting it unedited decides nothing."""

from __future__ import annotations

import pytest

from channels.email.render import when
from tests.adapters.worker import (
    Worker,
    answer,
    header,
    text_of,
)


@pytest.fixture
def worker(two_homes_approved: Worker) -> Worker:
    """Two homes offered, both shortlisted and approved: each has its papers email."""
    return two_homes_approved


async def test_the_papers_say_by_when_to_confirm_and_that_declining_is_allowed(
        worker: Worker) -> None:
    papers = (await worker.outbox(kind="provider/papers"))[0]
    text = text_of(papers)
    parts = worker.engine.parts
    [referral] = await worker.referrals()
    assert parts.window_for(referral.urgency) < parts.papers_ttl  # the sample is urgent
    expiry = when(worker.clock.now() + parts.papers_ttl)
    confirm_by = when(worker.clock.now() + parts.window_for(referral.urgency))
    assert f"Please confirm your offer by {confirm_by}: reply" in text
    assert f"Your link to the papers, which works until {expiry}:" in text
    assert f"Please confirm your offer by {expiry}" not in text
    assert '"Decision: decline"' in text and "Decision: (offer / decline)" in text


async def test_a_decline_after_reading_the_papers_is_recorded(worker: Worker) -> None:
    papers = (await worker.outbox(kind="provider/papers"))[0]
    await answer(worker, papers, "Decision: decline\nReason: the risks are too high for our "
                                 "current group.\n")
    current = [r for r in await worker.responses()
               if r.establishment == papers.establishment and r.status == "current"]
    assert [r.decision for r in current] == ["decline"]


async def test_the_papers_continue_the_conversation_of_the_home_s_referral_email(
        worker: Worker) -> None:
    """Outlook files the papers with the referral the home answered, not as a new thread."""
    for papers in await worker.outbox(kind="provider/papers"):
        [referral] = await worker.outbox(kind="provider/referral", to=papers.to_addr)
        assert header(papers, "In-Reply-To") == header(referral, "Message-ID")
        assert header(papers, "References") == header(referral, "Message-ID")


async def test_the_papers_say_where_to_read_why_the_young_person_was_not_asked(
        worker: Worker) -> None:
    """Her views were not sought (she was in hospital): the email sends the home to the
    papers page for why, and never says it (an email is never recalled)."""
    for papers in await worker.outbox(kind="provider/papers"):
        text = text_of(papers)
        assert ("The papers page behind your link says why the social worker did not ask the "
                "young person for their views this time.") in text
        assert "hospital" not in text
