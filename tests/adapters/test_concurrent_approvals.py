"""Two commissioners approving at the same moment (Slack runs handlers concurrently) must
both count: the second decision waits for the first and sees it, so the papers go out."""

from __future__ import annotations

import asyncio
from pathlib import Path

from broker.db.tables import Referral
from tests.adapters.worker import closed_with_offers, make_worker
from tests.factories import REFERRER
from workflows.desk import PlacementDesk

ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


async def test_simultaneous_approvals_both_count(tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    referral = await closed_with_offers(worker, homes=2)
    desk = PlacementDesk(worker.engine)
    shortlisted = await desk.submit_shortlist(referral.id or 0, REFERRER, ["A", "B"],
                                              "Mum agrees.", "", "", "in hospital")
    assert shortlisted.accepted, shortlisted.message

    answers = await asyncio.gather(desk.approval(referral.reference or "", "approve", ALEX, "A"),
                                   desk.approval(referral.reference or "", "approve", RUTH, "R"))
    assert all(answer.accepted for answer in answers)
    async with worker.sessions() as session:
        assert (await session.get(Referral, referral.id)).state == "approved"  # type: ignore[union-attr]
    assert len(await worker.outbox(kind="provider/papers")) == 2
    await worker.db.dispose()
