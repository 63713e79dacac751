"""A shortlisted home changes its answer after the commissioners approved the shortlist:
a withdrawal reaches the social worker as one, in the home's own words, with what is left
to choose from (before: "changed answer … what is below is what would now be agreed" over
nothing); a start moved later shows both days and is flagged when after "Needed from"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.worker import (
    Worker,
    answer,
    approved_with_offers,
    header,
    make_worker,
    text_of,
)


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    """Two homes offered, both shortlisted and approved: each has its papers email."""
    made = await make_worker(tmp_path, database_url)
    await approved_with_offers(made, homes=2)
    yield made
    await made.db.dispose()


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
