"""The Slack adapter in-process: signed requests into `/slack/events` on a real aiohttp server,
bolt dispatching them, and every Web API call landing on a fake Slack on loopback."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from broker.forms.spec import load_referral_spec
from channels.slack.app import (
    NO_EMAIL,
    build_slack_app,
    slack_app_and_handlers,
    socket_mode_handler,
    team_channel,
)
from channels.slack.http import add_slack_routes
from tests.conftest import wait_for
from tests.factories import CONFIG, make_settings
from tests.fake_slack import (
    TEAM,
    FakeSlack,
    block_action_body,
    event_body,
    signed_headers,
    slash_command_body,
    view_submission_body,
)
from workflows.ports import Answer

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
REF = "REF-2026-0001"
COMMISSIONER = ("UCOMMISSIONER", "chris.cole@northby.gov.example", "Chris Cole")
SOCIAL_WORKER = ("USOCIALWORKER", "sam.taylor@northby.gov.example", "Sam Taylor")
SPEC = load_referral_spec(CONFIG)


class RecordingPort:
    """A PlacementPort that records each call and answers as told; a referral missing a
    required field gets one problem per field, as the real validation reports them."""

    def __init__(self) -> None:
        self.approvals: list[dict[str, Any]] = []
        self.referrals: list[tuple[dict[str, str], str]] = []
        self.approval_answer = Answer(True, f"Approved: 1 of 2 approvals for {REF}.",
                                      reference=REF)

    async def approval(self, reference: str, decision: str, approver_email: str,
                       approver_name: str, reason: str = "", channel: str = "slack",
                       round_: int | None = None, account: str = "") -> Answer:
        self.approvals.append(dict(reference=reference, decision=decision,
                                   email=approver_email, name=approver_name, reason=reason,
                                   channel=channel, round=round_, account=account))
        return self.approval_answer

    async def referral_from_slack(self, fields: dict[str, str], sender_email: str) -> Answer:
        self.referrals.append((fields, sender_email))
        problems = [{"field": f.key, "label": f.label, "problem": f"{f.label} is missing",
                     "example": f.example or f.describe()}
                    for f in SPEC.fields if f.required and f.key not in fields]
        if problems:
            return Answer(False, "The referral has problems.", problems=problems)
        return Answer(True, f"Referral {REF} has gone to 7 providers; responses close at 17:00.",
                      reference=REF)

    async def submit_shortlist(self, *_args: Any, **_kwargs: Any) -> Answer:
        raise AssertionError("not a Slack action")


@pytest.fixture
async def slack(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with FakeSlack() as fake:
        for user_id, email, name in (COMMISSIONER, SOCIAL_WORKER):
            fake.add_user(user_id, email, name)
        port = RecordingPort()
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        bolt = build_slack_app(settings, port, SPEC, process_before_response=True)
        app = web.Application()
        add_slack_routes(app, bolt)
        async with TestClient(TestServer(app)) as client:
            yield client, port, fake


def pick(params: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: params.get(key) for key in keys}


async def post(client: TestClient, body: str, **signing: Any) -> Any:
    content_type = "application/json" if body.startswith("{") else (
        "application/x-www-form-urlencoded")
    headers = signed_headers(SIGNING_SECRET, body, content_type=content_type, **signing)
    return await client.post("/slack/events", data=body, headers=headers)


async def test_approve_records_the_decision_under_the_clickers_email(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    response = await post(client, block_action_body("approve_shortlist", f"{REF}#2"))
    assert response.status == 200
    assert port.approvals == [dict(reference=REF, decision="approve", email=COMMISSIONER[1],
                                   name="Chris Cole", reason="", channel="slack", round=2,
                                   account=f"{TEAM}/UCOMMISSIONER")]  # ids outlive the email
    assert [call["user"] for call in fake.called("users.info")] == ["UCOMMISSIONER"]
    [ephemeral] = fake.called("chat.postEphemeral")
    assert pick(ephemeral, "channel", "user", "text") == {
        "channel": "CAPPROVALS", "user": "UCOMMISSIONER", "text": port.approval_answer.message}
    assert {call.token for call in fake.calls} == {"xoxb-test"}


async def test_a_retried_request_acts_once(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    body = block_action_body("approve_shortlist", REF)
    assert (await post(client, body)).status == 200
    again = await post(client, body, retry_num=1)
    assert again.status == 200
    assert len(port.approvals) == 1
    assert len(fake.called("chat.postEphemeral")) == 1


async def test_a_second_click_is_a_new_request_and_the_port_decides(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    await post(client, block_action_body("approve_shortlist", REF))
    port.approval_answer = Answer(False, "You have already approved this shortlist.")
    await post(client, block_action_body("approve_shortlist", REF))
    assert len(port.approvals) == 2  # the port is idempotent; the adapter does not guess
    assert fake.called("chat.postEphemeral")[-1]["text"] == (
        "You have already approved this shortlist.")


async def test_reject_asks_for_a_reason_in_a_modal_then_records_it(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    assert (await post(client, block_action_body("reject_shortlist", f"{REF}#3"))).status == 200
    assert port.approvals == []
    [opened] = fake.called("views.open")
    view = opened["view"]
    assert opened["trigger_id"].endswith(".trigger")
    assert view["callback_id"] == "shortlist_reason"
    [reason_input] = [b for b in view["blocks"] if b["type"] == "input"]
    assert reason_input["block_id"] == "reason" and reason_input["optional"] is False
    assert reason_input["element"]["multiline"] is True

    body = view_submission_body("shortlist_reason", {"reason": "Fee is over budget <!here>"},
                                action_id="reason", private_metadata=view["private_metadata"])
    response = await post(client, body)
    assert response.status == 200 and await response.text() == ""
    assert port.approvals == [dict(reference=REF, decision="reject", email=COMMISSIONER[1],
                                   name="Chris Cole", reason="Fee is over budget <!here>",
                                   channel="slack", round=3,  # the round the button showed
                                   account=f"{TEAM}/UCOMMISSIONER")]
    assert fake.called("chat.postEphemeral")[0]["channel"] == "CAPPROVALS"


async def test_a_question_goes_to_the_port_as_a_question(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    await post(client, block_action_body("question_shortlist", REF))
    view = fake.called("views.open")[0]["view"]
    assert view["title"]["text"] == "Ask a question"
    body = view_submission_body("shortlist_reason", {"reason": "Has B met the child?"},
                                action_id="reason", private_metadata=view["private_metadata"])
    await post(client, body)
    assert [(a["decision"], a["reason"]) for a in port.approvals] == [
        ("question", "Has B met the child?")]


async def test_a_blank_reason_or_a_refusal_keeps_the_modal_open_with_the_error(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, _fake = slack
    meta = json.dumps({"reference": REF, "decision": "reject", "channel": "CAPPROVALS"})
    blank = view_submission_body("shortlist_reason", {"reason": "   "}, action_id="reason",
                                 private_metadata=meta)
    answer = await (await post(client, blank)).json()
    assert answer["response_action"] == "errors" and "reason" in answer["errors"]
    assert port.approvals == []

    port.approval_answer = Answer(False, "You referred this child, so you cannot decide.")
    body = view_submission_body("shortlist_reason", {"reason": "No"}, action_id="reason",
                                private_metadata=meta)
    answer = await (await post(client, body)).json()
    assert answer == {"response_action": "errors",
                      "errors": {"reason": "You referred this child, so you cannot decide."}}


async def test_without_an_email_address_nothing_is_recorded(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    fake.add_user("UGUEST", "", "Guest User")
    await post(client, block_action_body("approve_shortlist", REF, user_id="UGUEST"))
    assert port.approvals == []
    assert fake.called("chat.postEphemeral")[0]["text"] == NO_EMAIL


async def test_an_account_slack_cannot_find_is_told_so_not_a_missing_scope(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack  # UNOBODY is not a user: users.info answers user_not_found
    await post(client, block_action_body("approve_shortlist", REF, user_id="UNOBODY"))
    assert port.approvals == []
    assert fake.called("chat.postEphemeral")[0]["text"] == (
        "Your Slack account could not be looked up, so nothing was recorded. Ask the "
        "placements team.")


async def test_a_bad_signature_is_refused(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    body = block_action_body("approve_shortlist", REF)
    headers = signed_headers("not-the-secret", body)
    response = await client.post("/slack/events", data=body, headers=headers)
    assert response.status == 401
    tampered = signed_headers(SIGNING_SECRET, body)
    response = await client.post("/slack/events", data=body.replace("approve", "reject"),
                                 headers=tampered)
    assert response.status == 401
    assert port.approvals == [] and fake.calls == []


async def test_a_stale_timestamp_is_refused(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    body = block_action_body("approve_shortlist", REF)
    response = await post(client, body, timestamp=int(time.time()) - 5 * 60 - 30)
    assert response.status == 401
    assert port.approvals == [] and fake.calls == []


async def test_url_verification_is_answered(slack) -> None:  # type: ignore[no-untyped-def]
    client, _port, _fake = slack
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    response = await post(client, event_body(challenge=challenge))
    assert response.status == 200
    assert (await response.json())["challenge"] == challenge


async def test_slash_referral_opens_the_referral_form(slack) -> None:  # type: ignore[no-untyped-def]
    client, _port, fake = slack
    response = await post(client, slash_command_body("/referral"))
    assert response.status == 200
    [opened] = fake.called("views.open")
    view = opened["view"]
    assert view["callback_id"] == "referral_form" and view["type"] == "modal"
    inputs = [block for block in view["blocks"] if block["type"] == "input"]
    assert [block["block_id"] for block in inputs] == list(SPEC.keys)
    by_key = {block["block_id"]: block for block in inputs}
    assert by_key["child_name"]["optional"] is False and by_key["known_as"]["optional"] is True
    assert by_key["background"]["element"]["multiline"] is True
    assert by_key["gender"]["element"]["multiline"] is False
    assert "male, female, non-binary, unknown" in by_key["gender"]["hint"]["text"]
    assert "never sent to providers" in by_key["date_of_birth"]["hint"]["text"]
    assert len(view["blocks"]) <= 100 and len(view["title"]["text"]) <= 24


async def test_a_referral_with_a_missing_required_field_shows_the_errors(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    values = {"child_name": "Ada Example", "gender": "girl"}
    body = view_submission_body("referral_form", values, user_id="USOCIALWORKER")
    answer = await (await post(client, body)).json()
    assert answer["response_action"] == "errors"
    assert answer["errors"]["date_of_birth"] == (
        "Date of birth is missing — a date written day/month/year (dd/mm/yyyy)")
    assert "child_name" not in answer["errors"]
    assert port.referrals[0][1] == SOCIAL_WORKER[1]
    replayed = await post(client, body, retry_num=1)  # a retry gets the same answer
    assert await replayed.json() == answer and len(port.referrals) == 1
    assert fake.called("chat.postMessage") == []


async def test_a_valid_referral_goes_to_the_port_and_the_sender_gets_a_message(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    values = {key: "x" for key in SPEC.keys if SPEC.field(key).required}
    values["known_as"] = "   "  # blank optional answers are left out
    body = view_submission_body("referral_form", values, user_id="USOCIALWORKER")
    response = await post(client, body)
    assert response.status == 200 and await response.text() == ""
    [(fields, email)] = port.referrals
    assert email == SOCIAL_WORKER[1] and "known_as" not in fields
    assert fields["child_name"] == "x"
    [dm] = fake.called("chat.postMessage")
    assert pick(dm, "channel", "text") == {
        "channel": "USOCIALWORKER",
        "text": f"Referral {REF} has gone to 7 providers; responses close at 17:00."}
    again = await post(client, body, retry_num=1)  # a retry repeats the answer, not the effect
    assert again.status == 200 and len(port.referrals) == 1
    assert len(fake.called("chat.postMessage")) == 1


async def test_socket_mode_handler_and_team_channel(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                             slack_app_token="xapp-test", slack_channel="#approvals")
    bolt = build_slack_app(settings, RecordingPort(), SPEC)
    handler = socket_mode_handler(bolt, settings.slack_app_token)
    try:
        assert handler.app is bolt and handler.client.app_token == "xapp-test"
    finally:
        await handler.close_async()
    assert team_channel(settings) == "#approvals"
    assert team_channel(settings.model_copy(update={"slack_team_channel": "#team"})) == "#team"
    with pytest.raises(ValueError, match="BOT_TOKEN"):
        build_slack_app(settings.model_copy(update={"slack_bot_token": ""}), RecordingPort(),
                        SPEC)


async def test_in_production_mode_the_ack_comes_first_and_the_work_follows(tmp_path: Path) -> None:
    async with FakeSlack() as fake:
        fake.add_user(*COMMISSIONER)
        port = RecordingPort()
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        app = web.Application()
        add_slack_routes(app, build_slack_app(settings, port, SPEC))
        async with TestClient(TestServer(app)) as client:
            assert (await post(client, block_action_body("approve_shortlist", REF))).status == 200
            await wait_for(lambda: fake.called("chat.postEphemeral"), timeout=5)
    assert [a["email"] for a in port.approvals] == [COMMISSIONER[1]]


async def test_a_confirmed_approve_needs_no_step_of_ours_after_slacks_dialog(slack) -> None:  # type: ignore[no-untyped-def]
    """The confirmation is Slack's own, in the client: the message's Approve button carries
    it, and the click Slack sends once it is confirmed is the ordinary block action, which
    is decided at once (no extra modal or request the service would have to answer)."""
    from channels.slack.blocks import render

    client, port, fake = slack
    message = render("shortlist_approval", {
        "reference": REF, "round": 2, "needed": 2, "status": "pending", "approvals": [],
        "profile": {"age": 14, "gender": "female", "placement_type": "residential"},
        "options": [{"label": "A", "home": "Larch House", "weekly_fee": "4950.00"}],
        "highest_weekly": "£4,950", "papers_to": 1, "expires_at": ""})
    [approve] = [e for b in message["blocks"] if b["type"] == "actions"
                 for e in b["elements"] if e["action_id"] == "approve_shortlist"]
    assert "REF-2026-0001 (14, female, residential)" in approve["confirm"]["text"]["text"]
    response = await post(client, block_action_body(approve["action_id"], approve["value"]))
    assert response.status == 200
    assert [(a["reference"], a["decision"], a["round"]) for a in port.approvals] == [
        (REF, "approve", 2)]
    assert fake.called("views.open") == []  # nothing more is asked of the commissioner
    [ephemeral] = fake.called("chat.postEphemeral")
    assert REF in ephemeral["text"]


# -- who may act: the app's own workspace's full members with a confirmed email --------------

STRANGERS = {
    # Slack Connect: another organisation's member, whose admins let her set any address
    "another organisation": dict(team="TOTHERORG", is_email_confirmed=False),
    "another organisation, confirmed there": dict(team="TOTHERORG"),
    "a stranger in our team's id": dict(is_stranger=True),
    "an unconfirmed email": dict(is_email_confirmed=False),
    "no word on confirmation": dict(is_email_confirmed=None),
    "a multi-channel guest": dict(is_restricted=True),
    "a single-channel guest": dict(is_ultra_restricted=True),
    "a bot": dict(is_bot=True),
    "an app user": dict(is_app_user=True),
    "a deactivated account": dict(deleted=True),
}


@pytest.mark.parametrize("kind", sorted(STRANGERS))
async def test_only_our_own_confirmed_members_approve(slack, kind: str) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    fake.add_user("UOUTSIDER", COMMISSIONER[1], "Chris Cole", **STRANGERS[kind])  # type: ignore[arg-type]
    response = await post(client, block_action_body("approve_shortlist", f"{REF}#1",
                                                    user_id="UOUTSIDER"))
    assert response.status == 200
    assert port.approvals == []
    [ephemeral] = fake.called("chat.postEphemeral")
    assert ephemeral["user"] == "UOUTSIDER" and "nothing was recorded" in ephemeral["text"]


@pytest.mark.parametrize("kind", ["another organisation", "an unconfirmed email",
                                  "a single-channel guest"])
async def test_only_our_own_confirmed_members_refer(slack, kind: str) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    fake.add_user("UOUTSIDER", SOCIAL_WORKER[1], "Sam Taylor", **STRANGERS[kind])  # type: ignore[arg-type]
    values = {key: "x" for key in SPEC.keys if SPEC.field(key).required}
    body = view_submission_body("referral_form", values, user_id="UOUTSIDER")
    answer = await (await post(client, body)).json()
    assert port.referrals == []
    assert answer["response_action"] == "update"
    assert "nothing was recorded" in json.dumps(answer["view"]["blocks"])
    reason = view_submission_body("shortlist_reason", {"reason": "No"}, action_id="reason",
                                  user_id="UOUTSIDER", private_metadata=json.dumps(
                                      {"reference": REF, "decision": "reject"}))
    refused = await (await post(client, reason)).json()
    assert refused["response_action"] == "errors" and port.approvals == []
    assert "nothing was recorded" in refused["errors"]["reason"]


async def test_the_apps_own_team_is_asked_of_slack_once(slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slack
    for _ in range(3):
        await post(client, block_action_body("approve_shortlist", REF))
    assert len(port.approvals) == 3
    assert len(fake.called("auth.test")) == 2  # once by bolt's own check, once by ours


# -- a submission whose outcome takes longer than Slack waits --------------------------------

class SlowPort(RecordingPort):
    """A port that takes its time, as a referral checked, anonymised and sent does."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    async def referral_from_slack(self, fields: dict[str, str], sender_email: str) -> Answer:
        await asyncio.sleep(self.seconds)
        return await super().referral_from_slack(fields, sender_email)

    async def approval(self, *args: Any, **kwargs: Any) -> Answer:
        await asyncio.sleep(self.seconds)
        return await super().approval(*args, **kwargs)


@pytest.fixture
async def slow_slack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Production mode (the ack first, the work after), with Slack's 3 seconds scaled down."""
    import channels.slack.app as slack_app

    monkeypatch.setattr(slack_app, "ACK_WITHIN", 0.2)
    async with FakeSlack() as fake:
        for user_id, email, name in (COMMISSIONER, SOCIAL_WORKER):
            fake.add_user(user_id, email, name)
        port = SlowPort(1.0)
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        app = web.Application()
        add_slack_routes(app, build_slack_app(settings, port, SPEC))
        async with TestClient(TestServer(app)) as client:
            yield client, port, fake


async def test_a_slow_referral_is_acknowledged_in_time_and_its_outcome_follows(slow_slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slow_slack
    values = {key: "x" for key in SPEC.keys if SPEC.field(key).required}
    response = await post(client, view_submission_body("referral_form", values,
                                                       user_id="USOCIALWORKER"))
    assert response.status == 200, await response.text()  # not bolt's 404 "unhandled request"
    assert port.referrals == []  # answered before the slow work was done
    answer = await response.json()
    assert answer["response_action"] == "update"
    assert answer["view"]["title"]["text"] == "Referral received"
    [dm] = await wait_for(lambda: fake.called("chat.postMessage"), timeout=5)
    assert pick(dm, "channel", "text") == {
        "channel": "USOCIALWORKER",
        "text": f"Referral {REF} has gone to 7 providers; responses close at 17:00."}
    assert len(port.referrals) == 1


async def test_a_slow_referrals_problems_follow_as_a_message(slow_slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slow_slack
    body = view_submission_body("referral_form", {"child_name": "Ada Example"},
                                user_id="USOCIALWORKER")
    assert (await post(client, body)).status == 200
    [dm] = await wait_for(lambda: fake.called("chat.postMessage"), timeout=5)
    assert dm["text"].startswith("The referral has problems.")
    assert ("• Date of birth: Date of birth is missing — a date written "
            "day/month/year (dd/mm/yyyy)") in (
        dm["text"].splitlines())


async def test_a_slow_decision_closes_the_modal_and_its_outcome_follows(slow_slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake = slow_slack
    meta = json.dumps({"reference": REF, "decision": "reject", "channel": "CAPPROVALS"})
    body = view_submission_body("shortlist_reason", {"reason": "Over budget"},
                                action_id="reason", private_metadata=meta)
    response = await post(client, body)
    assert response.status == 200 and await response.text() == ""
    [told] = await wait_for(lambda: fake.called("chat.postEphemeral"), timeout=5)
    assert told["text"] == port.approval_answer.message
    assert [a["reason"] for a in port.approvals] == ["Over budget"]


@pytest.fixture
async def slow_production_slack(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Production mode (bolt runs each listener in a task of its own after the ack), with a
    port that takes half a second, and the handlers that know those tasks."""
    async with FakeSlack() as fake:
        fake.add_user(*COMMISSIONER)
        port = SlowPort(0.5)
        settings = make_settings(tmp_path, "sqlite+aiosqlite://", slack_bot_token="xoxb-test",
                                 slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url)
        bolt, handlers = slack_app_and_handlers(settings, port, SPEC)
        app = web.Application()
        add_slack_routes(app, bolt)
        async with TestClient(TestServer(app)) as client:
            yield client, port, fake, handlers


async def test_a_click_acknowledged_is_recorded_and_answered_before_shutdown_ends(
        slow_production_slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake, handlers = slow_production_slack
    assert (await post(client, block_action_body("approve_shortlist", REF))).status == 200
    assert port.approvals == []  # acknowledged; the decision is still being made
    await handlers.finish()
    assert [a["email"] for a in port.approvals] == [COMMISSIONER[1]]
    assert [told["text"] for told in fake.called("chat.postEphemeral")] == [
        port.approval_answer.message]


async def test_work_still_running_when_shutdown_waits_no_longer_is_cancelled(
        slow_production_slack) -> None:  # type: ignore[no-untyped-def]
    client, port, fake, handlers = slow_production_slack
    port.seconds = 60
    assert (await post(client, block_action_body("approve_shortlist", REF))).status == 200
    await wait_for(lambda: handlers._late, timeout=5)
    [task] = list(handlers._late)
    await handlers.finish(within=0.1)
    await asyncio.wait({task}, timeout=5)
    assert task.cancelled()
    assert port.approvals == [] and not fake.called("chat.postEphemeral")
