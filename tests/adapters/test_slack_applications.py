"""Approvers' buttons on an application, in-process: signed requests into `/slack/events`,
bolt dispatching them to the application handlers, the Web API calls on a fake Slack; and
the Block Kit message they act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from channels.slack.app import build_slack_app
from channels.slack.blocks import render
from channels.slack.http import add_slack_routes
from tests.adapters.test_slack_app import SPEC, RecordingPort
from tests.factories import make_settings
from tests.fake_slack import (
    TEAM,
    FakeSlack,
    block_action_body,
    signed_headers,
    view_submission_body,
)
from workflows.ports import Answer

SIGNING = "application-signing-secret"
APP = "APP-2027-000007"
HANNAH = ("UHANNAH", "hannah.lees@brackenridge.gov.example", "Hannah Lees")


class RecordingMarket:
    def __init__(self) -> None:
        self.decisions: list[dict[str, Any]] = []
        self.answer = Answer(True, "Approval recorded; 1 more needed.", reference=APP)

    async def application_decision(self, reference: str, decision: str, approver_email: str,
                                   approver_name: str, reason: str = "",
                                   channel: str = "slack", account: str = "") -> Answer:
        self.decisions.append(dict(reference=reference, decision=decision,
                                   email=approver_email, reason=reason, channel=channel,
                                   account=account))
        return self.answer


@pytest.fixture
async def slack(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with FakeSlack() as fake:
        fake.add_user(*HANNAH)
        market = RecordingMarket()
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING, slack_api_url=fake.url)
        bolt = build_slack_app(settings, RecordingPort(), SPEC, process_before_response=True,
                               market=market)
        app = web.Application()
        add_slack_routes(app, bolt)
        async with TestClient(TestServer(app)) as client:
            yield client, market, fake


async def post(client: TestClient, body: str, **signing: Any) -> Any:
    return await client.post("/slack/events", data=body,
                             headers=signed_headers(SIGNING, body, **signing))


async def test_approve_is_recorded_under_the_approvers_email_once_whatever_slack_retries(
        slack) -> None:  # type: ignore[no-untyped-def]
    client, market, fake = slack
    body = block_action_body("approve_application", APP, user_id="UHANNAH",
                             channel_id="CLISTS")
    assert (await post(client, body)).status == 200
    assert (await post(client, body, retry_num=1)).status == 200
    assert market.decisions == [dict(reference=APP, decision="approve", email=HANNAH[1],
                                     reason="", channel="slack",
                                     account=f"{TEAM}/UHANNAH")]  # for the record
    [told] = fake.called("chat.postEphemeral")
    assert told["user"] == "UHANNAH" and told["text"] == market.answer.message


async def test_a_request_with_a_bad_signature_is_refused_before_anything_runs(
        slack) -> None:  # type: ignore[no-untyped-def]
    client, market, _ = slack
    body = block_action_body("approve_application", APP, user_id="UHANNAH")
    headers = signed_headers("not-the-secret", body)
    assert (await client.post("/slack/events", data=body, headers=headers)).status == 401
    assert market.decisions == []


async def test_reject_asks_for_the_reason_and_refuses_an_empty_one(slack) -> None:  # type: ignore[no-untyped-def]
    client, market, fake = slack
    await post(client, block_action_body("reject_application", APP, user_id="UHANNAH",
                                         channel_id="CLISTS"))
    [opened] = fake.called("views.open")
    view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    assert view["callback_id"] == "application_reason" and market.decisions == []
    empty = await post(client, view_submission_body(
        "application_reason", {"reason": "  "}, action_id="reason", user_id="UHANNAH",
        private_metadata=view["private_metadata"]))
    assert (await empty.json())["errors"]["reason"].startswith("Please give a reason")
    given = await post(client, view_submission_body(
        "application_reason", {"reason": "No evidence of safer recruitment"},
        action_id="reason", user_id="UHANNAH", private_metadata=view["private_metadata"]))
    assert given.status == 200
    assert market.decisions == [dict(reference=APP, decision="reject", email=HANNAH[1],
                                     reason="No evidence of safer recruitment",
                                     channel="slack", account=f"{TEAM}/UHANNAH")]


def test_the_message_shows_the_home_the_decisions_and_buttons_only_while_pending() -> None:
    context = {"reference": APP, "list": "Northern Residential Approved List", "needed": 2,
               "home": {"name": "Newleaf House", "kind": "childrens-home", "urn": "SC712345",
                        "ofsted_rating": "good", "outward_code": "LS6", "ages": "12-17",
                        "capacity": 2, "lots": ["residential"], "needs": ["semh", "cse"],
                        "contacts": ["newleaf.house@newleafcare.example"]},
               "organisation": {"name": "Newleaf <Care>", "domains": ["newleafcare.example"]},
               "statement": "", "status": "pending",
               "verdicts": [{"name": "Hannah Lees", "email": HANNAH[1], "decision": "approve",
                             "reason": ""}]}
    pending = render("application_approval", context)
    text = json.dumps(pending["blocks"])
    assert "approve_application" in text and "1 of 2 approvals" in text
    assert "Newleaf &lt;Care&gt;" in text and "<Care>" not in text
    done = render("application_approval", {**context, "status": "approved"})
    assert "approve_application" not in json.dumps(done["blocks"])
