"""A window closing with no offers does not end the search (rule `closed-is-not-ended`,
workflows/search_outcome.py), through the real worker and database: no home is told the
search closed and to delete the referral, and a late offer is still taken as option A, the
social worker told it is the only option (attacker review 30 F2: every home was told to
delete a live search, the late offer was used all the same, and her email read "added to
the comparison after , and …")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.adapters.worker import answer, text_of


async def test_a_close_with_no_offers_tells_no_home_to_delete_and_takes_a_late_offer(
        worker: Any) -> None:
    homes = await worker.outbox(kind="provider/referral")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    assert [r.state for r in await worker.referrals()] == ["closed"]
    assert await worker.outbox(kind="provider/recalled") == []
    await answer(worker, homes[0], "Decision: offer\nHome or carer: Home\nWeekly fee: £4,000\n"
                                   "Available from: 01/12/2026")
    [told] = await worker.outbox(kind="social_worker/late_response")
    text = " ".join(text_of(told).split())
    assert "after ," not in text
    assert ("It is now option A: the window closed with no offers, so it is the only option "
            "in the comparison") in text
    assert await worker.outbox(kind="provider/recalled") == []  # the search goes on
