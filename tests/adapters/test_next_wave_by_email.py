"""An emailed NEXT WAVE acts on the wave of the email it replies to, as CLOSE and EXTEND do:
the placements officer and the team's mailbox both answering the wave-1 acknowledgement with
NEXT WAVE move the referral on once, never on to a further tier of providers nobody chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Wave
from tests.adapters.test_market_instructions import JO, KINGSHOLT, TEAM
from tests.adapters.worker import Worker, header, make_worker, text_of
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


async def test_an_officers_next_wave_is_copied_to_her(worker: Worker) -> None:
    await worker.receive(referral_email(KINGSHOLT, sender=JO), mail_from=JO)
    [referral] = await worker.referrals()
    message = referral_email("NEXT WAVE", sender=OWEN, subject=f"Re: {referral.reference}")
    message.replace_header("From", OWEN)
    assert (await worker.receive(message, mail_from=OWEN)).outcome == "next-wave"
    [told] = await worker.outbox(kind="social_worker/wave_opened", to=JO)
    assert OWEN in text_of(told)  # the email names who moved the search on
    [copy] = await worker.outbox(kind="social_worker/wave_opened", to=OWEN)
    assert "A copy for you" in text_of(copy) and "Jo Brennan" in text_of(copy)
