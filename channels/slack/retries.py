"""Slack's retries, recognised by every instance: a request seen before is answered with the
first answer and runs no handler (no second ephemeral, DM, modal or decision).

Slack retries a request it got no timely answer to, with `X-Slack-Retry-Num`, and the retry
may reach another instance of the service. A retry is the same body again (signature and
timestamp are headers), so requests are known by the SHA-256 of their body, remembered by
every instance (channels/seen.py): the first to note the key acts; any other (or the same,
later) answers with what was answered, or with a plain acknowledgement while the first is
still at work. Every interaction carries its own `action_ts` or `trigger_id`, so two clicks
never share a body.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from channels.seen import Seen, SeenInMemory

log = logging.getLogger("broker.slack")
REQUEST_KEY = "broker_request_key"


class RecentRequests:
    """Bolt middleware answering a repeated request without acting again (see the module)."""

    def __init__(self, seen: Seen | None = None) -> None:
        self.seen: Seen = seen or SeenInMemory()

    async def middleware(self, request: AsyncBoltRequest, context: dict[str, Any],
                         response: BoltResponse, next: Callable[[], Awaitable[None]]) -> Any:
        key = hashlib.sha256(request.raw_body.encode()).hexdigest()
        answer = await self.seen.first(key)
        if answer is not None:
            retry = (request.headers.get("x-slack-retry-num") or ["?"])[0]
            log.info("slack request repeated (retry %s): answered without acting again", retry)
            return BoltResponse(status=200, body=answer)  # JSON typed by bolt
        context[REQUEST_KEY] = key
        await next()
        return response

    async def remember(self, context: dict[str, Any], answer: dict[str, Any]) -> None:
        key = str(context.get(REQUEST_KEY, ""))
        if key and answer:
            await self.seen.answered(key, json.dumps(answer))
