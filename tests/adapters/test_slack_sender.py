"""The Slack outbox sender against a fake Slack Web API on loopback, on a migrated SQLite
database: posts, updates in place, waits for the original, rate limits, retries, failures."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import SlackOutbox
from channels.slack.client import web_client
from channels.slack.sender import SlackSender, apply_slack_row, backoff
from tests.conftest import wait_for
from tests.factories import migrated
from tests.fake_slack import Call, FakeSlack, answer_channel
from workflows.commands import PostSlack

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONTEXT = {"reference": "REF-2026-0001", "profile": {"age": 14}, "options": [],
           "budget_weekly": "5200.00", "views": {}, "approvals": [], "needed": 2,
           "status": "pending", "expires_at": "2026-11-25T09:00:00+00:00"}


@pytest.fixture
async def sending(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine, sessions = await migrated(f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}")
    clock = FrozenClock(NOW)
    failures: list[tuple[int, str]] = []

    async def on_failed(row_id: int, detail: str) -> None:
        failures.append((row_id, detail))

    async with FakeSlack() as fake:
        sender = SlackSender(sessions, web_client("xoxb-test", fake.url), clock,
                             max_attempts=3, on_failed=on_failed)
        yield sender, fake, sessions, clock, failures
    await engine.dispose()


async def queue(sessions: Any, command: PostSlack) -> None:
    async with sessions() as session:
        session.add(SlackOutbox(**apply_slack_row(command), next_attempt_at=NOW, created_at=NOW))
        await session.commit()


async def row(sessions: Any, key: str) -> SlackOutbox:
    async with sessions() as session:
        return (await session.execute(select(SlackOutbox).where(SlackOutbox.key == key))
                ).scalar_one()


POST = PostSlack("approval:REF-2026-0001:1", "shortlist_approval", "#approvals", CONTEXT)
UPDATE = PostSlack("approval:REF-2026-0001:1:decision:1", "shortlist_approval", "#approvals",
                   {**CONTEXT, "status": "approved"}, update_of=POST.key)


def test_apply_slack_row_renders_the_command_once() -> None:
    values = apply_slack_row(UPDATE)
    assert values["key"] == UPDATE.key and values["update_of"] == POST.key
    assert values["method"] == "chat.update"
    assert values["payload"]["channel"] == "#approvals"
    assert {"text", "blocks"} <= set(values["payload"])
    assert apply_slack_row(POST)["method"] == "chat.postMessage"


async def test_posts_then_updates_the_same_message_in_place(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, _clock, _failures = sending
    await queue(sessions, POST)
    await queue(sessions, UPDATE)
    assert await sender.send_due() == 2
    assert await sender.send_due() == 0  # nothing is sent twice
    [posted] = fake.called("chat.postMessage")
    assert posted["channel"] == "#approvals" and posted["blocks"]
    original = await row(sessions, POST.key)
    assert (original.status, original.channel) == ("sent", answer_channel("#approvals"))
    [updated] = fake.called("chat.update")
    assert (updated["channel"], updated["ts"]) == (original.channel, original.ts)
    assert not any(b["type"] == "actions" for b in updated["blocks"])  # approved: no buttons
    assert (await row(sessions, UPDATE.key)).status == "sent"
    assert {call.token for call in fake.calls} == {"xoxb-test"}


async def test_an_update_waits_while_its_original_is_unsent(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, clock, _failures = sending
    fake.fail("chat.postMessage", status=500, error="internal_error")
    await queue(sessions, POST)
    await queue(sessions, UPDATE)
    await sender.send_due()
    original, update = await row(sessions, POST.key), await row(sessions, UPDATE.key)
    assert (original.status, original.attempts) == ("pending", 1)
    assert original.next_attempt_at == NOW + backoff(1)
    assert (update.status, update.attempts) == ("pending", 0)
    assert fake.called("chat.update") == []

    clock.advance(backoff(1))
    assert await sender.send_due() == 2
    assert len(fake.called("chat.update")) == 1


async def test_an_overtaken_update_is_skipped(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, _clock, _failures = sending
    newest = PostSlack(UPDATE.key + ":2", "shortlist_approval", "#approvals",
                       {**CONTEXT, "status": "rejected"}, update_of=POST.key)
    for command in (POST, UPDATE, newest):
        await queue(sessions, command)
    await sender.send_due()
    [updated] = fake.called("chat.update")
    assert "rejected" in updated["text"]
    assert "superseded" in (await row(sessions, UPDATE.key)).last_error


REPLY = PostSlack("approval:REF-2026-0001:1:reminder", "announcement", "#approvals",
                  {"text": "Reminder: still to decide: Ruth Adeyemi"}, thread_of=POST.key)


async def test_a_reply_goes_in_the_originals_thread_once_it_is_sent(sending) -> None:  # type: ignore[no-untyped-def]
    """The approval's reminder is a reply under the approval message: it waits for the
    message's ts, and it never skips an update of that message nor is skipped by one."""
    sender, fake, sessions, clock, _failures = sending
    fake.fail("chat.postMessage", status=500, error="internal_error")
    for command in (POST, REPLY, UPDATE):
        await queue(sessions, command)
    await sender.send_due()
    assert (await row(sessions, REPLY.key)).attempts == 0  # waiting for the original
    clock.advance(backoff(1))
    assert await sender.send_due() == 3
    original = await row(sessions, POST.key)
    *_failed, posted, reply = fake.called("chat.postMessage")
    assert "thread_ts" not in posted
    assert (reply["channel"], reply["thread_ts"]) == (original.channel, original.ts)
    assert reply["text"] == "Reminder: still to decide: Ruth Adeyemi"
    [updated] = fake.called("chat.update")  # the update after the reply still went
    assert updated["ts"] == original.ts and "superseded" not in (
        await row(sessions, UPDATE.key)).last_error


async def test_a_rate_limit_is_honoured_without_counting_an_attempt(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, clock, _failures = sending
    fake.fail("chat.postMessage", status=429, error="ratelimited", retry_after=7)
    await queue(sessions, POST)
    await queue(sessions, PostSlack("announce:1", "announcement", "#team", {"text": "hi"}))
    await sender.send_due()
    assert len(fake.called("chat.postMessage")) == 1  # the second was not tried
    for key in (POST.key, "announce:1"):
        waiting = await row(sessions, key)
        assert (waiting.status, waiting.attempts) == ("pending", 0)
        assert waiting.next_attempt_at == NOW + timedelta(seconds=7)
    clock.advance(timedelta(seconds=7))
    assert await sender.send_due() == 2
    assert {(await row(sessions, key)).status for key in (POST.key, "announce:1")} == {"sent"}


async def test_a_permanent_error_fails_at_once_and_is_reported(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, _clock, failures = sending
    fake.fail("chat.postMessage", error="channel_not_found")
    await queue(sessions, POST)
    await sender.send_due()
    failed = await row(sessions, POST.key)
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failures == [(failed.id, "HTTP 200 channel_not_found")]


async def test_temporary_errors_fail_after_max_attempts(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, clock, failures = sending
    fake.fail("chat.postMessage", status=503, error="service_unavailable", times=3)
    await queue(sessions, POST)
    for _ in range(3):
        await sender.send_due()
        clock.advance(timedelta(hours=1))
    failed = await row(sessions, POST.key)
    assert (failed.status, failed.attempts) == ("failed", 3)
    assert len(failures) == 1 and len(fake.called("chat.postMessage")) == 3


async def test_an_update_of_a_failed_original_is_posted_as_a_new_message(sending) -> None:  # type: ignore[no-untyped-def]
    sender, fake, sessions, _clock, _failures = sending
    fake.fail("chat.postMessage", error="invalid_blocks")
    await queue(sessions, POST)
    await queue(sessions, UPDATE)
    await sender.send_due()
    assert (await row(sessions, POST.key)).status == "failed"
    assert (await row(sessions, UPDATE.key)).status == "sent"
    assert len(fake.called("chat.postMessage")) == 2 and fake.called("chat.update") == []


class HangingSlack(FakeSlack):
    """The fake Slack, not answering the second chat.postMessage until released."""

    def __init__(self) -> None:
        super().__init__()
        self.hang_on = 2
        self.release = asyncio.Event()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "chat.postMessage":
            self.hang_on -= 1
            if self.hang_on == 0:
                self.calls.append(Call("chat.postMessage", await request.json(), ""))
                await self.release.wait()  # the sender is stopped meanwhile
                return web.json_response({"ok": False, "error": "too_late"})
        return await super()._handle(request)


async def test_a_sender_stopped_mid_pass_leaves_the_rest_to_be_posted_at_once(
    tmp_path: Path
) -> None:
    engine, sessions = await migrated(f"sqlite+aiosqlite:///{tmp_path / 'broker.db'}")
    clock = FrozenClock(NOW)
    posts = [PostSlack(f"announce:{n}", "announcement", "#team", {"text": f"News {n}"})
             for n in range(3)]
    for post in posts:
        await queue(sessions, post)
    async with HangingSlack() as fake:
        first = SlackSender(sessions, web_client("xoxb-test", fake.url), clock)
        passing = asyncio.create_task(first.send_due())
        await wait_for(lambda: len(fake.called("chat.postMessage")) == 2)
        passing.cancel()  # stopped (or killed) with the second post in flight
        with contextlib.suppress(asyncio.CancelledError):
            await passing
        assert (await row(sessions, posts[0].key)).status == "sent"  # recorded at once

        second = SlackSender(sessions, web_client("xoxb-test", fake.url), clock)
        assert await second.send_due() == 2  # no lease to wait out: the clock never moved
        fake.release.set()
    texts = [call["text"] for call in fake.called("chat.postMessage")]
    assert texts == ["News 0", "News 1", "News 1", "News 2"]  # only the one in flight again
    assert {(await row(sessions, p.key)).status for p in posts} == {"sent"}
    await engine.dispose()
