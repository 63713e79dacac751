"""Through the real worker and database: the sample child referred again by Northby, with a
later start and a higher budget, is held as a possible duplicate, and the placements team's
held email names the two fields that differ from the first referral (rule
`duplicate-differences`), read from the first referral's stored fields."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.worker import make_worker, text_of
from tests.factories import SAMPLE_REFERRAL, referral_email


async def test_the_teams_held_email_names_what_the_second_referral_changes(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email())
        first = (await worker.referrals())[0].reference
        again = SAMPLE_REFERRAL.replace(
            "Needed from: 01/12/2026", "Needed from: 08/12/2026"
        ).replace("Weekly budget: £5,200", "Weekly budget: £5,600")
        assert again.count("08/12/2026") == 1 and "£5,600" in again
        assert (await worker.receive(referral_email(body=again))).outcome == "held"
        held = [
            " ".join(text_of(row).split())
            for row in await worker.outbox()
            if row.kind.startswith("placements_team/held")
        ]
        assert len(held) == 1
        assert (
            f"Compared with {first}, this referral differs in: Needed from, Weekly budget."
            in held[0]
        )
    finally:
        await worker.db.dispose()
