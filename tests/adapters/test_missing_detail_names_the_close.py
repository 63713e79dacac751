"""A home asked for a detail its reply lacks is told by when, through the real worker: the
request names the window's close ("… needed by 9:30am Tue 24 Nov") and says a later answer
is still passed on; a late reply's request names when the window closed. The reply path
loads only its own establishment's records, so the wave it needs must come with them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.adapters.worker import answer, header, text_of


async def test_an_offer_without_its_fee_is_asked_for_it_by_the_windows_close(
        worker: Any) -> None:
    home = (await worker.outbox(kind="provider/referral"))[0]
    await answer(worker, home, "We can offer a place from Monday 21 December 2026.")
    [ask] = await worker.outbox(kind="provider/missing_fields", to=home.to_addr)
    text = text_of(ask)
    assert "weekly fee needed by 9:30am Tue 24 Nov" in header(ask, "Subject")
    assert "lines filled in by " in text and "when the response window closes" in text
    assert "still passed on to the social worker" in text


async def test_a_late_offer_without_its_fee_is_told_when_the_window_closed(
        worker: Any) -> None:
    first, late = (await worker.outbox(kind="provider/referral"))[:2]
    await answer(worker, first, "Decision: offer\nHome or carer: Home\nWeekly fee: £4,000\n"
                                "Available from: 01/12/2026")
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()  # the window closes with an offer in
    await answer(worker, late, "We can offer a place from Monday 21 December 2026.")
    [ask] = await worker.outbox(kind="provider/missing_fields", to=late.to_addr)
    text = text_of(ask)
    assert "The response window closed at " in text and "your answer is late" in text
    assert " by " not in header(ask, "Subject")
