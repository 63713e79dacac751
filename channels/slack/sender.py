"""The Slack outbox sender: claim due `slack_outbox` rows, call the Web API, record the answer.

The same approach as the email sender (channels/email/outbound.py): rows are taken one at a
time through channels/ledger.py, so two processes never post the same row, each answer is
recorded before the next row is taken, and after a crash only the row in flight is posted
again, at once rather than after a lease. Each row's `key` is its identity, so a replayed
decision never posts twice.

A row with `update_of` edits the message posted under that key (`chat.update` with the
original's channel and ts); it waits while the original is unsent, and an update overtaken by
a later update of the same message is skipped, so an old state never overwrites a newer one.
A `chat.postMessage` row with `update_of` is a reply in that message's thread (its
`thread_ts`, the original's ts): it waits for the original the same way, and is never
skipped.

Slack documentation relied on:
- chat.postMessage answers with the message's `channel` (an ID) and `ts`, which chat.update
  needs, and which a reply gives as `thread_ts` to post in that message's thread:
  https://docs.slack.dev/reference/methods/chat.postMessage,
  https://docs.slack.dev/reference/methods/chat.update
- Rate limits answer HTTP 429 with a `Retry-After` header in seconds:
  https://docs.slack.dev/apis/web-api/rate-limits
- Error codes (e.g. `channel_not_found`, `invalid_blocks`) are permanent; `internal_error`,
  `fatal_error`, `service_unavailable` and 5xx are worth retrying:
  https://docs.slack.dev/apis/web-api/#responses
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from broker.clock import Clock
from broker.db.tables import SlackOutbox
from channels.ledger import Failed, Ledger
from channels.pump import pump
from channels.slack.blocks import render
from workflows.commands import PostSlack

log = logging.getLogger("broker.slack")
BATCH = 50
WAIT_FOR_ORIGINAL = timedelta(seconds=2)
TEMPORARY = {"internal_error", "fatal_error", "service_unavailable", "request_timeout",
             "ratelimited", "team_added_to_org"}


def backoff(attempts: int) -> timedelta:
    """10s, 20s, 40s … capped at 15 minutes: an approval request is time-sensitive."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 900))


def apply_slack_row(command: PostSlack) -> dict[str, Any]:
    """A `slack_outbox` row's values for a `PostSlack` command (rendered once, here)."""
    return {
        "key": command.key,
        **command.outbox_row(),
        "payload": {"channel": command.channel, **render(command.template, command.context)},
    }


@dataclass
class Outcome:
    """What happened to one row: sent | deferred | limited | retry | failed."""

    kind: str
    detail: str = ""
    answer: dict[str, Any] = field(default_factory=dict)
    wait: timedelta = timedelta(0)


class SlackSender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        client: AsyncWebClient,
        clock: Clock,
        *,
        max_attempts: int = 8,
        on_failed: Callable[[int, str], Awaitable[None]] | None = None,
    ) -> None:
        self.sessions = sessions
        self.client = client
        self.clock = clock
        self.max_attempts = max_attempts
        self.on_failed = on_failed
        self.wake = asyncio.Event()
        self.ledger = Ledger(sessions, SlackOutbox, self._record)
        self._one_pass = asyncio.Lock()  # passes never overlap within a process

    async def run(self) -> None:
        """Send forever; woken when something is queued, else polling for retries."""
        await pump(self.send_due, self.wake, log)

    async def send_due(self) -> int:
        """One pass over the due rows, in order. Returns how many were attempted."""
        async with self._one_pass, self.ledger.turn() as mine:
            if not mine:
                return 0  # another process is sending for this database (SQLite)
            due = await self._due()
            attempted = 0
            for index, row_id in enumerate(due):
                outcome = await self._send(row_id)
                attempted += outcome is not None and outcome.kind != "deferred"
                if outcome is not None and outcome.kind == "limited":
                    for rest in due[index + 1:]:  # the rest would be refused too: wait as told
                        await self._send(rest, instead=outcome)
                    break
            return attempted

    async def _due(self) -> list[int]:
        async with self.sessions() as session:
            due = (select(col(SlackOutbox.id)).where(self.ledger.due(self.clock.now()))
                   .order_by(col(SlackOutbox.id)).limit(BATCH))
            return [row_id for row_id in (await session.execute(due)).scalars() if row_id]

    async def _send(self, row_id: int, instead: Outcome | None = None) -> Outcome | None:
        """Post one row (or record `instead` without posting); None if it is not ours now."""
        async with self.ledger.holding([row_id], self.clock.now()) as held:
            if row_id not in held.ids:
                return None
            outcome = instead or await self._deliver(row_id)
            failed = await held.record([(row_id, outcome)])
        for _, detail in failed:
            log.warning("slack outbox %s failed permanently: %s", row_id, detail[:200])
            if self.on_failed is not None:
                await self.on_failed(row_id, detail)
        return outcome

    async def _deliver(self, row_id: int) -> Outcome:
        async with self.sessions() as session:
            row = await session.get(SlackOutbox, row_id)
            if row is None:
                return Outcome("deferred")
            call = await _call_for(session, row, self.clock.now())
        if isinstance(call, Outcome):
            return call
        method, payload = call
        try:
            answer = await self.client.api_call(method, json=payload)
        except SlackApiError as error:
            return _api_error(error)
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            return Outcome("retry", f"{type(error).__name__}: {error}")
        return Outcome("sent", answer=dict(answer.data) if isinstance(answer.data, dict) else {})

    async def _record(self, session: AsyncSession, outcomes: list[tuple[int, Outcome]]) -> Failed:
        """Record outcomes on their rows (the ledger commits); returns those failed for good."""
        now, failed = self.clock.now(), []
        for row_id, outcome in outcomes:
            row = await session.get(SlackOutbox, row_id)
            if row is not None and _apply(row, outcome, now, self.max_attempts):
                failed.append((row_id, outcome.detail))
        return failed


async def _call_for(session: AsyncSession, row: SlackOutbox,
                    now: datetime) -> tuple[str, dict[str, Any]] | Outcome:
    """The Web API method and arguments for a row, or why it is not sent now."""
    if not row.update_of:
        return row.method, dict(row.payload)
    reply = row.method == "chat.postMessage"  # a reply in the original's thread
    later = None if reply else await session.execute(
        select(col(SlackOutbox.id)).where(col(SlackOutbox.update_of) == row.update_of,
                                          col(SlackOutbox.method) == "chat.update",
                                          col(SlackOutbox.id) > (row.id or 0)).limit(1))
    if later is not None and later.first() is not None:
        return Outcome("sent", "superseded by a later update")
    original = (await session.execute(
        select(SlackOutbox).where(col(SlackOutbox.key) == row.update_of))).scalar_one_or_none()
    if original is None or original.status == "failed":
        # Nothing to edit or answer: post it as a new message rather than lose it.
        return "chat.postMessage", dict(row.payload)
    if original.status != "sent" or not original.ts:
        wait_until = (original.next_attempt_at if original.status == "pending"
                      else now + WAIT_FOR_ORIGINAL)
        return Outcome("deferred", wait=max(wait_until - now, WAIT_FOR_ORIGINAL))
    if reply:
        return "chat.postMessage", {**row.payload, "channel": original.channel,
                                    "thread_ts": original.ts}
    return "chat.update", {**row.payload, "channel": original.channel, "ts": original.ts}


def _api_error(error: SlackApiError) -> Outcome:
    response = error.response
    code = str(response.get("error", "")) if isinstance(response.data, dict) else ""
    detail = f"HTTP {response.status_code} {code}".strip()
    if response.status_code == 429 or code == "ratelimited":
        retry_after = _retry_after(response.headers)
        return Outcome("limited", detail, wait=timedelta(seconds=retry_after))
    if response.status_code >= 500 or code in TEMPORARY:
        return Outcome("retry", detail)
    return Outcome("failed", detail)


def _retry_after(headers: Any) -> int:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            with contextlib.suppress(ValueError):
                return max(int(value), 1)
    return 30


def _apply(row: SlackOutbox, outcome: Outcome, now: datetime, max_attempts: int) -> bool:
    """Record an outcome on its row; True when the row has now failed for good."""
    if outcome.kind in ("deferred", "limited"):  # not the row's fault: no attempt counted
        row.status, row.next_attempt_at = "pending", now + outcome.wait
        row.last_error = outcome.detail[:1000] or row.last_error
        return False
    row.attempts += 1
    row.last_error = outcome.detail[:1000]
    if outcome.kind == "sent":
        row.status, row.sent_at = "sent", now
        row.channel = str(outcome.answer.get("channel") or row.channel)
        row.ts = str(outcome.answer.get("ts") or row.ts)
        return False
    if outcome.kind == "failed" or row.attempts >= max_attempts:
        row.status = "failed"
        return True
    row.status, row.next_attempt_at = "pending", now + backoff(row.attempts)
    return False
