"""DROP after the approval, through the real worker: the dropped home is told and loses the
papers, and the social worker gets a confirmation naming who dropped it and what is left;
the timeline's event records who dropped it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from broker.db.tables import ReferralEvent
from tests.adapters.worker import approved_with_offers, make_worker, text_of
from tests.factories import REFERRER, referral_email

TEAM = "placements@northby.gov.example"


async def test_a_drop_is_confirmed_to_the_social_worker(tmp_path: Path,
                                                       database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await approved_with_offers(worker, homes=2)
        await worker.receive(referral_email("DROP A", subject=f"Re: {referral.reference}"))
        [dropped] = await worker.outbox(kind="provider/not_selected")
        [confirmed] = await worker.outbox(kind="social_worker/dropped")
        assert confirmed.to_addr == REFERRER
        body = text_of(confirmed)
        # she did it herself: "by you", not her own address read back to her
        assert "(by you)" in body and "Still on the shortlist: B:" in body
        async with worker.sessions() as session:
            [event] = (await session.execute(select(ReferralEvent).where(
                ReferralEvent.kind == "dropped"))).scalars()
        assert event.data["by"] == REFERRER
        assert dropped.to_addr != REFERRER
    finally:
        await worker.db.dispose()


async def test_a_drop_by_the_placements_team_names_them_to_her(tmp_path: Path,
                                                             database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await approved_with_offers(worker, homes=2)
        await worker.receive(referral_email("DROP B", sender=TEAM,
                                            subject=f"Re: {referral.reference}"),
                             mail_from=TEAM)
        [confirmed] = await worker.outbox(kind="social_worker/dropped")
        assert confirmed.to_addr == REFERRER and f"(by {TEAM})" in text_of(confirmed)
    finally:
        await worker.db.dispose()
