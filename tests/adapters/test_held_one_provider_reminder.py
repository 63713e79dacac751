"""Through the real worker and database: a referral held because its email asks for one
provider only (rule `one-provider-asked`) is still held when its review time runs out, and
the placements team's reminder names the provider, read from what the hold recorded, since
the referral itself keeps no email text."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.adapters.worker import make_worker, text_of
from tests.factories import SAMPLE_REFERRAL, referral_email
from workflows.states import State

ASKS = "This is a move within the same provider. Please send to Larch Care only."


async def test_the_held_reminder_names_the_provider_asked_for(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(referral_email(body=f"{ASKS}\n\n{SAMPLE_REFERRAL}"))
        [referral] = await worker.referrals()
        assert referral.state == State.HELD and "one-provider-asked" in referral.held_for
        worker.clock.advance(timedelta(days=3))
        await worker.engine.fire_due()
        reminders = [
            row
            for row in await worker.outbox()
            if row.kind.startswith("placements_team/held")
            and "still held" in " ".join(text_of(row).split())
        ]
        assert len(reminders) == 1
        text = " ".join(text_of(reminders[0]).split())
        assert "the social worker's email asks for it to go to Larch Care only" in text
        assert "contact Larch Care directly" in text
        assert ASKS not in text  # the email's own words are not kept for it
    finally:
        await worker.db.dispose()
