"""The loop the outbox senders run (channels/pump.py), and how it stops.

A service stopping cancels its sender's loop. When the cancellation came in the same turn of
the event loop as the wake-up the sender was waiting for, `asyncio.wait_for` (Python 3.11)
returned normally instead, and the loop went on polling: `broker serve` never stopped on
SIGTERM, about one time in five under load.
"""

from __future__ import annotations

import asyncio
import logging

from channels.pump import pump, woken_or_after


async def test_a_sender_cancelled_as_it_is_woken_stops() -> None:
    passes = 0

    async def send_due() -> int:
        nonlocal passes
        passes += 1
        return 0  # nothing was due: the loop waits to be woken

    wake = asyncio.Event()
    sender = asyncio.create_task(pump(send_due, wake, logging.getLogger("test"), 60))
    while passes == 0:
        await asyncio.sleep(0)
    await asyncio.sleep(0)  # it now waits on `wake`
    wake.set()  # something is queued ...
    sender.cancel()  # ... in the same turn as the service stops
    done, _ = await asyncio.wait([sender], timeout=5)  # a bound on a hang, not a timing
    assert sender in done and sender.cancelled()


async def test_woken_or_after_returns_when_woken_and_when_the_time_has_passed() -> None:
    wake = asyncio.Event()
    waiting = asyncio.create_task(woken_or_after(wake, 60))
    await asyncio.sleep(0)
    assert not waiting.done()
    wake.set()
    await asyncio.wait_for(waiting, 5)  # woken: returns, with nothing raised

    wake.clear()
    await woken_or_after(wake, 0.01)  # not woken: returns once the time has passed
    assert not wake.is_set()
