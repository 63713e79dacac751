"""Slack's retry of a request reaching ANOTHER instance of the service (both on one database,
SQLite and PostgreSQL) is acknowledged and not acted on twice; a new click still is.

Two bolt apps, each on its own real aiohttp server, share the database as two `broker serve`
processes would; signed requests go in, and the fake Slack Web API records what each says.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from broker.db.engine import make_engine, migrate, session_factory
from channels.slack.app import build_slack_app
from channels.slack.http import add_slack_routes
from tests.adapters.test_slack_app import (
    COMMISSIONER,
    REF,
    SIGNING_SECRET,
    SPEC,
    RecordingPort,
    post,
)
from tests.factories import make_settings
from tests.fake_slack import FakeSlack, block_action_body, view_submission_body


@pytest.fixture
async def two_instances(database_url: str, tmp_path: Path) -> AsyncIterator[Any]:
    engine = make_engine(database_url)
    await migrate(engine)
    async with FakeSlack() as fake:
        fake.add_user(*COMMISSIONER)
        settings = make_settings(tmp_path, database_url, slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        instances = []
        for _ in range(2):
            port = RecordingPort()
            app = web.Application()
            add_slack_routes(app, build_slack_app(settings, port, SPEC,
                                                  process_before_response=True,
                                                  sessions=session_factory(engine)))
            client = TestClient(TestServer(app))
            await client.start_server()
            instances.append((client, port))
        try:
            yield instances, fake
        finally:
            for client, _ in instances:
                await client.close()
            await engine.dispose()


async def test_a_retry_reaching_the_other_instance_is_acknowledged_not_acted_on(
        two_instances) -> None:  # type: ignore[no-untyped-def]
    [(first, first_port), (second, second_port)], fake = two_instances
    body = block_action_body("approve_shortlist", REF)
    assert (await post(first, body)).status == 200
    assert (await post(second, body, retry_num=1)).status == 200
    assert (await post(second, body, retry_num=2)).status == 200
    assert len(first_port.approvals) == 1 and second_port.approvals == []
    assert len(fake.called("chat.postEphemeral")) == 1

    await post(second, block_action_body("approve_shortlist", REF))  # a new click
    assert len(second_port.approvals) == 1


async def test_a_retry_on_the_other_instance_gets_the_first_answer(two_instances) -> None:  # type: ignore[no-untyped-def]
    [(first, _), (second, second_port)], _fake = two_instances
    body = view_submission_body("shortlist_reason", {"reason": ""}, action_id="reason",
                                private_metadata=json.dumps({"reference": REF,
                                                             "decision": "reject"}))
    answered = await (await post(first, body)).json()
    assert answered["response_action"] == "errors"  # a reason is needed
    again = await post(second, body, retry_num=1)
    assert again.status == 200
    assert await again.json() == answered
    assert second_port.approvals == []
