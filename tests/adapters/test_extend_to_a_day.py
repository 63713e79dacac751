"""`EXTEND to Friday`: the window closes on that day, at the time of day it closed at before,
and a day that is not later than the window's close is refused in words."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from broker.db.tables import Wave
from tests.adapters.worker import Worker, text_of
from tests.factories import referral_email


async def _closes_at(worker: Worker) -> datetime:
    async with worker.sessions() as session:
        [wave] = (await session.execute(select(Wave))).scalars()
    assert wave.closes_at is not None
    return wave.closes_at.replace(tzinfo=wave.closes_at.tzinfo or UTC)


async def _extend(worker: Worker, line: str) -> str:
    [referral] = await worker.referrals()
    sent = referral_email(line, subject=f"Re: {referral.reference}",
                          date="Mon, 23 Nov 2026 09:40:00 +0000")
    return (await worker.receive(sent)).outcome


async def test_extend_to_friday_closes_the_window_on_friday_at_its_time_of_day(
        worker: Worker) -> None:
    before = await _closes_at(worker)
    assert await _extend(worker, "EXTEND to Friday please") == "extended"
    after = await _closes_at(worker)
    assert after.date().isoformat() == "2026-11-27"
    assert (after.hour, after.minute) == (before.hour, before.minute)
    [changed] = await worker.outbox(kind="social_worker/window_changed")
    assert "27 November" in text_of(changed)


async def test_extend_to_a_date_written_as_numbers(worker: Worker) -> None:
    assert await _extend(worker, "EXTEND until 02/12/2026") == "extended"
    assert (await _closes_at(worker)).date().isoformat() == "2026-12-02"
    [changed] = await worker.outbox(kind="social_worker/window_changed")
    assert "window now closes after that day" in text_of(changed)  # needed from 1 December


async def test_a_window_still_closing_before_the_place_is_needed_gets_no_warning(
        worker: Worker) -> None:
    assert await _extend(worker, "EXTEND to Friday") == "extended"
    [changed] = await worker.outbox(kind="social_worker/window_changed")
    assert "closes after that day" not in text_of(changed)


async def test_extend_to_a_day_before_the_window_closes_is_refused_in_words(
        worker: Worker) -> None:
    before = await _closes_at(worker)
    assert await _extend(worker, "EXTEND to 20/11/2026") == "refused"
    assert await _closes_at(worker) == before
    [refused] = await worker.outbox(kind="social_worker/instruction_refused")
    assert "already closes" in text_of(refused) and "CLOSE" in text_of(refused)
