"""Through the real worker and database: a fostering offer on the sample residential search is
held out of the comparison (rule `offer-of-another-kind`), and the Slack note queued for the
team when the window closes counts it, with why, as the comparison email does."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from broker.db.tables import SlackOutbox
from channels.slack.blocks import render as render_slack
from tests.adapters.worker import answer, make_worker, text_of
from tests.factories import referral_email

FOSTERING = (
    "We can't offer residential, but our foster carers could take her – £1,100 pw from 14/12/2026."
)


async def test_the_slack_close_note_counts_a_held_out_offer_with_why(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    # Slack on, wired as the composition root wires it (broker/app.py `_slack_parts`)
    worker.engine.parts.render_slack = render_slack
    worker.engine.parts.team_channel = "#placements"
    try:
        await worker.receive(referral_email())
        homes = await worker.outbox(kind="provider/referral")
        await answer(worker, homes[0], FOSTERING)
        worker.clock.advance(timedelta(days=1, minutes=1))
        await worker.engine.fire_due()
        async with worker.sessions() as session:
            rows = list((await session.execute(select(SlackOutbox))).scalars())
        [note] = [r.payload["text"] for r in rows if ":announce:closed" in r.key]
        email = (await worker.outbox(kind="social_worker/comparison"))[0]
        held = " ".join(text_of(email).split()).split("Left out of the options: ")[1]
        why = held.split(".")[0]
        assert "fostering, not residential" in why
        assert note.endswith(f", 1 left out of the options: {why}.")
        assert f"{len(homes) - 1} no reply" in note
    finally:
        await worker.db.dispose()
