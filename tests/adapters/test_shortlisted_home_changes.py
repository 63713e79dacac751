"""A shortlisted home changes its answer after the commissioners approved the shortlist:
a withdrawal reaches the social worker as one, in the home's own words, with what is left
to choose from (before: "changed answer … what is below is what would now be agreed" over
nothing); a start moved later shows both days and is flagged when after "Needed from"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from broker.db.tables import PaperGrant
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


async def test_a_withdrawal_after_approval_says_so_and_what_is_left(worker: Worker) -> None:
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[0], "Sorry, we have to withdraw our offer, the bed has "
                                    "gone to an emergency.")
    [told] = await worker.outbox(kind="social_worker/late_response")
    text = text_of(told)
    assert header(told, "Subject").endswith("has withdrawn its offer")
    assert "“Sorry, we have to withdraw our offer, the bed has gone to an emergency.”" in text
    assert "Still on the shortlist: B:" in text
    assert "what would now be agreed" not in text


async def test_a_later_start_shows_both_days_and_is_flagged_after_needed_from(
        worker: Worker) -> None:
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[1], "Having met the team we can still offer but the "
                                    "earliest start is now 14/12/2026.")
    [told] = await worker.outbox(kind="social_worker/late_response")
    assert "Available from: 1 December → 14 December" in text_of(told)
    assert "after the day the place is needed from (1 December)" in text_of(told)


async def test_a_home_that_no_longer_offers_loses_its_papers_link_at_once(
        worker: Worker) -> None:
    """The papers name the child: a home that has said no keeps no way to them (found by
    attacker's review 19: the link worked on for its 14 days)."""
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[0], "Decision: decline\nReason: we no longer have the place.")
    async with worker.sessions() as session:
        grants = {g.establishment: g.revoked_at
                  for g in (await session.execute(select(PaperGrant))).scalars()}
    assert grants[papers[0].establishment] is not None
    assert grants[papers[1].establishment] is None  # the other home keeps its papers
    acks = await worker.outbox(kind="provider/response_ack")
    assert "its link to the full papers has stopped working" in text_of(acks[-1])
    assert acks[-1].to_addr == papers[0].to_addr
