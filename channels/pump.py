"""The loop every outbox sender runs: send what is due; when nothing was, wait to be woken
(something was queued) or poll again shortly (for retries whose time has come)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable


async def pump(send_due: Callable[[], Awaitable[int]], wake: asyncio.Event,
               log: logging.Logger, poll_seconds: float = 2.0) -> None:
    """Run forever; an unexpected error is logged and the next pass tries again."""
    while True:
        try:
            sent = await send_due()
        except Exception:
            log.exception("outbox pass failed; retrying shortly")
            sent = 0
        if sent == 0:
            await woken_or_after(wake, poll_seconds)
            wake.clear()


async def woken_or_after(wake: asyncio.Event, seconds: float) -> None:
    """Wait until `wake` is set or `seconds` have passed.

    With `asyncio.timeout`, not `asyncio.wait_for`: on Python 3.11, a task cancelled in the
    same turn of the loop as its `wait_for` finishes returns normally instead (CPython
    gh-86296), and such a task never ends. A sender cancelled at the moment it was woken
    went on polling, and `broker serve` did not stop on SIGTERM (about one stop in five
    under load)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await wake.wait()
