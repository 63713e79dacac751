"""The social worker's emails about a window someone else changed say who changed it, never
"As you asked"; the person who changed it gets a copy. Her own EXTEND keeps "As you asked"
and sends no copy."""

from __future__ import annotations

from tests.adapters.worker import Worker, text_of
from tests.factories import REFERRER, referral_email

MAYA = "maya.osei@northby.gov.example"


async def _instruct(worker: Worker, line: str, sender: str) -> str:
    [referral] = await worker.referrals()
    sent = referral_email(line, sender=sender, subject=f"Re: {referral.reference}",
                          date="Mon, 23 Nov 2026 09:40:00 +0000")
    return (await worker.receive(sent)).outcome


async def test_an_officers_extend_and_close_are_worded_by_who_acted_and_copied_to_her(
        worker: Worker) -> None:
    assert await _instruct(worker, "EXTEND 2d", MAYA) == "extended"
    [told] = await worker.outbox(kind="social_worker/window_changed", to=REFERRER)
    assert "Maya Osei of the placements team extended the response window" in text_of(told)
    assert "As you asked" not in text_of(told)
    [copy] = await worker.outbox(kind="social_worker/window_changed", to=MAYA)
    assert "A copy for you" in text_of(copy) and "Sam Taylor" in text_of(copy)

    assert await _instruct(worker, "CLOSE", MAYA) == "closed"
    told = (await worker.outbox(kind="social_worker/window_changed", to=REFERRER))[-1]
    assert "Maya Osei of the placements team closed the response window" in text_of(told)
    assert "As you asked" not in text_of(told)
    assert len(await worker.outbox(kind="social_worker/window_changed", to=MAYA)) == 2


async def test_the_social_workers_own_extend_is_as_she_asked_with_no_copy(
        worker: Worker) -> None:
    assert await _instruct(worker, "EXTEND 2d", REFERRER) == "extended"
    [told] = await worker.outbox(kind="social_worker/window_changed")  # hers alone
    assert told.to_addr == REFERRER and "As you asked" in text_of(told)
