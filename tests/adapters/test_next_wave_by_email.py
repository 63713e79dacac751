"""An emailed NEXT WAVE acts on the wave of the email it replies to, as CLOSE and EXTEND do:
the placements officer and the team's mailbox both answering the wave-1 acknowledgement with
NEXT WAVE move the referral on once, never on to a further tier of providers nobody chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Wave
from tests.adapters.test_market_instructions import JO, KINGSHOLT, TEAM
from tests.adapters.worker import Worker, header, make_worker
from tests.factories import referral_email

OWEN = "owen.pryce@kingsholt.gov.example"  # a placements officer


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


async def test_two_next_waves_answering_one_wave_email_move_the_referral_on_once(
        worker: Worker) -> None:
    await worker.receive(referral_email(KINGSHOLT, sender=JO), mail_from=JO)
    [referral] = await worker.referrals()
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    outcomes = []
    for sender in (OWEN, TEAM):
        message = referral_email("NEXT WAVE", sender=sender, subject=f"Re: {referral.reference}",
                                 In_Reply_To=header(ack, "Message-ID"))
        message.replace_header("From", sender)
        outcomes.append((await worker.receive(message, mail_from=sender)).outcome)
    assert outcomes[0] == "next-wave" and outcomes[1] != "next-wave"
    async with worker.sessions() as session:
        waves = list((await session.execute(select(Wave.number).where(
            Wave.referral_id == referral.id).order_by(Wave.number))).scalars())
    assert waves == [1, 2]
