"""The cascade and the endings by email, through the real intake worker: LEVEL sends to
every remaining tier with its reason recorded, an emergency runs a mini-competition, a
referral is withdrawn and recalled, a placement's end frees its place, and a sentence that
merely starts with an instruction's word changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import CapacityChange, Referral, Wave
from tests.adapters.worker import Worker, make_worker, text_of
from tests.factories import CONFIG, REFERRER, referral_email

JO = "jo.brennan@kingsholt.gov.example"
TEAM = "placements.team@kingsholt.gov.example"
KINGSHOLT = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


async def _kingsholt(worker: Worker, body: str = KINGSHOLT) -> Referral:
    await worker.receive(referral_email(body, sender=JO), mail_from=JO)
    return (await worker.referrals())[-1]


async def _instruct(worker: Worker, sender: str, line: str, reference: str) -> None:
    message = referral_email(line, sender=sender, subject=f"Re: {reference}")
    message.replace_header("From", sender)
    await worker.receive(message, mail_from=sender)


async def _waves(worker: Worker, referral_id: int) -> list[Wave]:
    async with worker.sessions() as session:
        return list((await session.execute(select(Wave).where(
            Wave.referral_id == referral_id).order_by(Wave.number))).scalars())


async def test_level_sends_to_every_remaining_tier_with_its_reason(worker: Worker) -> None:
    referral = await _kingsholt(worker)
    assert len(await worker.outbox(kind="provider/referral")) == 1  # in-house only
    await _instruct(worker, TEAM, "LEVEL no in-house bed until January", referral.reference)
    sent = {row.to_addr for row in await worker.outbox(kind="provider/referral")}
    assert sent == {"placements.homes@homes.kingsholt.gov.example",
                    "referrals@hawthorncare.example", "referrals@greenacre.example",
                    "referrals@sandpipercare.example", "referrals@elmsteadhomes.example"}
    waves = await _waves(worker, referral.id or 0)
    assert [(w.number, w.outcome) for w in waves] == [(1, "levelled"), (2, "")]
    assert "no in-house bed until January" in waves[0].outcome_reason
    assert waves[1].opened_because == "level"


async def test_an_emergency_runs_a_mini_competition_to_every_tier(worker: Worker) -> None:
    emergency = KINGSHOLT.replace("Urgency: Urgent", "Urgency: Emergency")
    referral = await _kingsholt(worker, emergency)
    [wave] = await _waves(worker, referral.id or 0)
    assert wave.name == "Mini-competition" and wave.window_seconds == 24 * 3600
    assert len(await worker.outbox(kind="provider/referral")) == 5


async def test_a_withdrawn_referral_is_recalled_from_every_provider(worker: Worker) -> None:
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    await _instruct(worker, REFERRER, "WITHDRAW the family have found a kinship placement",
                    referral.reference or "")
    [withdrawn] = await worker.referrals()
    assert withdrawn.state == "withdrawn"
    recalls = await worker.outbox(kind="provider/recalled")
    assert len(recalls) == 12 and "please delete it" in recalls[0].subject
    told = await worker.outbox(kind="social_worker/withdrawn")
    assert {row.to_addr for row in told} == {REFERRER, "placements@northby.gov.example"}


async def test_a_sentence_that_starts_like_an_instruction_is_not_one(worker: Worker) -> None:
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    await _instruct(worker, REFERRER, "Close to her school would be best, if possible.",
                    referral.reference or "")
    [still] = await worker.referrals()
    assert still.state == "open"
    assert await worker.outbox(kind="social_worker/already_sent")


@pytest.mark.parametrize(("line", "how"), [
    # her own reason, as she wrote it (never another family's example)
    ("Withdraw - family found kinship carer", "WITHDRAW family found kinship carer"),
    ("close pls", "CLOSE"),
    ("next wave please", "NEXT WAVE"),
    ("EXTNED 2d", "EXTEND 2d"),
])
async def test_an_instruction_not_written_as_one_is_answered_with_how_to_write_it(
        worker: Worker, line: str, how: str) -> None:
    """Nobody should believe a referral withdrawn, closed or moved on when it was not."""
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    await _instruct(worker, REFERRER, line, referral.reference or "")
    [still] = await worker.referrals()
    assert still.state == "open"
    [answer] = await worker.outbox(kind="social_worker/already_sent")
    assert "nothing was done" in text_of(answer) and f"    {how}\n" in text_of(answer)


async def test_a_message_meant_as_no_instruction_is_not_told_how_to_write_one(
        worker: Worker) -> None:
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    await _instruct(worker, REFERRER, "Thanks - her DOB is 14/03/2012, sorry!",
                    referral.reference or "")
    [answer] = await worker.outbox(kind="social_worker/already_sent")
    assert "instruction" not in text_of(answer)


async def test_the_end_of_a_placement_frees_its_place(worker: Worker) -> None:
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    async with worker.sessions() as session:  # the placement, as the lifecycle leaves it
        row = await session.get(Referral, referral.id)
        assert row is not None
        row.state, row.chosen = "placed", "larch-house"
        session.add(CapacityChange(establishment="larch-house", delta=-1,
                                   referral_id=referral.id, at=worker.clock.now()))
        await session.commit()
    worker.clock.advance(timedelta(days=90))
    await _instruct(worker, REFERRER, f"ENDED {referral.reference} 20/02/2027 returned home",
                    referral.reference or "")
    [ended] = await worker.referrals()
    assert ended.state == "ended" and ended.outcome_reason == "returned home"
    async with worker.sessions() as session:
        deltas = [c.delta for c in (await session.execute(select(CapacityChange).where(
            CapacityChange.establishment == "larch-house"))).scalars()]
    assert sum(deltas) == 0
    [told] = await worker.outbox(kind="social_worker/placement_ended")
    assert "Saturday 20 February 2027" in text_of(told)
