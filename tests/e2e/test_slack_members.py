"""Slack, on the real service: only the app's own workspace's full members with a confirmed
email act as that email, and a `/referral` submission is answered within Slack's 3 seconds
however long the referral takes (review 25: a member of another organisation whose profile
gave a social worker's address had her referral taken as that social worker's, proved, and
sent to 12 providers; and Slack was answered 404 "unhandled request" for a referral that
went out)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
from sqlalchemy import func, select

from broker.db.tables import InboundMessage
from broker.forms import load_referral_spec
from tests.conftest import wait_for
from tests.factories import CONFIG, REFERRER, SAMPLE_REFERRAL
from tests.fake_slack import FakeSlack, signed_headers, view_submission_body

SIGNING = "test-signing-secret"


def referral_values() -> dict[str, str]:
    spec = load_referral_spec(CONFIG)
    by_label = {f.label.lower(): f.key for f in spec.fields}
    values = {}
    for line in SAMPLE_REFERRAL.splitlines():
        label, _, value = line.partition(":")
        if label.strip().lower() in by_label and value.strip():
            values[by_label[label.strip().lower()]] = value.strip()
    return values


async def submit(http: aiohttp.ClientSession, service: Any, user_id: str
                 ) -> tuple[int, str, float]:
    body = view_submission_body("referral_form", referral_values(), user_id=user_id,
                                private_metadata=json.dumps({"channel": ""}))
    started = time.monotonic()
    async with http.post(f"http://127.0.0.1:{service.web_port}/slack/events",
                         data=body.encode(), headers=signed_headers(SIGNING, body)) as response:
        return response.status, await response.text(), time.monotonic() - started


async def test_slack_referrals_from_strangers_and_members(sqlite_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                          service_factory) -> None:
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        slack.add_user("UOUTSIDER", REFERRER, "Sam Taylor", team="TOTHERORG",
                       is_stranger=True, is_email_confirmed=False)
        slack.add_user("USAM", REFERRER, "Sam Taylor")
        service = await service_factory(sqlite_url, relay=smtp_sink.url,
                                        slack_bot_token="xoxb-test",
                                        slack_signing_secret=SIGNING, slack_api_url=slack.url,
                                        slack_channel="CAPPROVALS")

        status, text, _took = await submit(http, service, "UOUTSIDER")
        assert status == 200, text
        answer = json.loads(text)
        assert answer["response_action"] == "update"
        assert "another organisation" in json.dumps(answer["view"])
        await asyncio.sleep(1)
        async with service.engine.parts.sessions() as session:
            stored = (await session.execute(
                select(func.count()).select_from(InboundMessage))).scalar_one()
        assert stored == 0 and smtp_sink.caught == []

        status, text, took = await submit(http, service, "USAM")
        assert status == 200, text  # not bolt's 404 "unhandled request" after 3 seconds
        assert took < 3
        await wait_for(lambda: len(smtp_sink.caught) >= 5, timeout=30)
        dms = await wait_for(lambda: [p["text"] for p in slack.called("chat.postMessage")
                                      if p.get("channel") == "USAM"], timeout=30)
        assert any("REF-" in dm for dm in dms)
