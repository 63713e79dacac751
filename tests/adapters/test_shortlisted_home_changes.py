"""A shortlisted home changes its answer after the commissioners approved the shortlist:
a withdrawal reaches the social worker as one, in the home's own words, with what is left
to choose from (before: "changed answer … what is below is what would now be agreed" over
nothing); a start moved later shows both days and is flagged when after "Needed from"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from broker.db.tables import PaperGrant
from broker.tokens import SUBJECT_CODE
from channels.web.console.attention import load_attention
from tests.adapters.worker import (
    Worker,
    answer,
    header,
    text_of,
)
from tests.factories import REFERRER, referral_email


@pytest.fixture
def worker(two_homes_approved: Worker) -> Worker:
    """Two homes offered, both shortlisted and approved: each has its papers email."""
    return two_homes_approved


async def test_a_withdrawal_after_approval_says_so_and_what_is_left(worker: Worker) -> None:
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[0], "Sorry, we have to withdraw our offer, the bed has "
                                    "gone to an emergency.")
    [told] = await worker.outbox(kind="social_worker/late_response")
    text = text_of(told)
    subject = SUBJECT_CODE.sub("", header(told, "Subject")).rstrip()
    assert subject.endswith("has withdrawn its offer")
    assert "“Sorry, we have to withdraw our offer, the bed has gone to an emergency.”" in text
    assert "Still on the shortlist: B:" in text
    assert "what would now be agreed" not in text


async def test_a_later_start_shows_both_days_and_is_flagged_after_needed_from(
        worker: Worker) -> None:
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[1], "Having met the team we can still offer but the "
                                    "earliest start is now 14/12/2026.")
    [told] = await worker.outbox(kind="social_worker/late_response")
    assert "Available from: Tuesday 1 December 2026 → Monday 14 December 2026" in text_of(told)
    assert "after the day the place is needed from (Tuesday 1 December 2026)" in text_of(told)


async def test_a_home_that_no_longer_offers_loses_its_papers_link_at_once(
        worker: Worker) -> None:
    """The papers name the child: a home that has said no keeps no way to them (found by
    attacker's review 19: the link worked on for its 14 days)."""
    papers = await worker.outbox(kind="provider/papers")
    await answer(worker, papers[0], "Decision: decline\nReason: we no longer have the place.")
    async with worker.sessions() as session:
        grants = {g.establishment: g.revoked_at
                  for g in (await session.execute(select(PaperGrant))).scalars()}
    assert grants[papers[0].establishment] is not None
    assert grants[papers[1].establishment] is None  # the other home keeps its papers
    acks = await worker.outbox(kind="provider/response_ack")
    assert "its link to the full papers has stopped working" in text_of(acks[-1])
    assert acks[-1].to_addr == papers[0].to_addr


async def _choose(worker: Worker, label: str) -> None:
    [referral] = await worker.referrals()
    await worker.receive(referral_email(f"CHOOSE {label}", subject=f"Re: {referral.reference}"),
                         mail_from=REFERRER)


async def _grants(worker: Worker) -> dict[str, object]:
    async with worker.sessions() as session:
        return {g.establishment: g.revoked_at
                for g in (await session.execute(select(PaperGrant))).scalars()}


async def test_a_backup_home_that_declines_once_another_is_chosen_is_heard(
        worker: Worker) -> None:
    """Attacker's review 21: it was told "this referral is closed" (false), its answer was
    not recorded, and its papers link worked on."""
    papers = await worker.outbox(kind="provider/papers")
    await _choose(worker, "A")
    [referral] = await worker.referrals()
    backup = next(p for p in papers if p.establishment != referral.chosen)
    await answer(worker, backup, "Decision: decline\nReason: the bed has gone, sorry.")
    assert not await worker.outbox(kind="provider/referral_closed")
    assert (await _grants(worker))[backup.establishment] is not None
    assert [r.decision for r in await worker.responses()
            if r.establishment == backup.establishment][-1] == "decline"
    [told] = await worker.outbox(kind="social_worker/late_response")
    assert "the fee is still being agreed with it" in text_of(told)
    [still] = await worker.referrals()
    assert (still.state, still.chosen) == ("negotiating", referral.chosen)


async def test_the_chosen_home_that_declines_gets_no_agreement(worker: Worker) -> None:
    """Attacker's review 21: its decline was read as an unclear fee, and the social worker's
    AGREE then placed the child with it and sent it the placement agreement."""
    papers = await worker.outbox(kind="provider/papers")
    await _choose(worker, "A")
    [referral] = await worker.referrals()
    chosen = next(p for p in papers if p.establishment == referral.chosen)
    await answer(worker, chosen, "Decision: decline\nReason: we can no longer offer, sorry.")
    assert not await worker.outbox(kind="provider/fee_unclear")
    assert (await _grants(worker))[chosen.establishment] is not None
    told = await worker.outbox(kind="social_worker/chosen_withdrew")
    assert {t.to_addr for t in told} == {REFERRER, "placements@northby.gov.example"}
    assert SUBJECT_CODE.sub("", header(told[0], "Subject")).rstrip().endswith("has declined")
    [back] = await worker.referrals()
    assert (back.state, back.chosen) == ("approved", "")
    async with worker.sessions() as session:
        attention = await load_attention(session, ["northby"], worker.clock.now())
    assert [(a.reference, a.what.split(":")[0]) for a in attention] == [
        (referral.reference, "Chosen home withdrew")]
    await worker.receive(referral_email("AGREE", subject=f"Re: {referral.reference}"),
                         mail_from=REFERRER)
    assert not await worker.outbox(kind="provider/ipa")
    assert not await worker.outbox(kind="authority/ipa")
    [still] = await worker.referrals()
    assert still.state == "approved"
