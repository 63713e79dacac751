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
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=poll_seconds)
            wake.clear()
