"""A fake Slack for tests: a Web API server on loopback that records every call, and helpers
that build and sign requests exactly as Slack sends them to `/slack/events`.

The service's `BROKER_SLACK_API_URL` points at `FakeSlack.url`; slack-sdk POSTs (or GETs, for
`users.info`) `<url><method>`. Modelled on bolt-python's `tests/mock_web_api_server/`.

Slack documentation relied on:
- Request signing: https://docs.slack.dev/authentication/verifying-requests-from-slack/
- Interaction payloads arrive form-encoded as `payload=<json>`; slash commands as plain form
  fields: https://docs.slack.dev/interactivity/handling-user-interaction,
  https://docs.slack.dev/interactivity/implementing-slash-commands
- Method answers: https://docs.slack.dev/reference/methods/chat.postMessage (channel, ts),
  https://docs.slack.dev/reference/methods/users.info (user.profile.email, and the user
  object's team_id, is_stranger, is_restricted, is_email_confirmed, …:
  https://docs.slack.dev/reference/objects/user-object), auth.test (the bot's team_id)
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

BOT_USER = "UBROKERBOT"
TEAM = "T0PLACEMENTS"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str


class FakeSlack:
    """`async with FakeSlack() as slack:` … `slack.url`, `slack.calls`, `slack.called(m)`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self._failures: dict[str, list[tuple[int, str, int | None]]] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """The Web API base URL, with the trailing slash slack-sdk needs."""
        assert self._runner is not None, "the fake Slack is not running"
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}/api/"

    def add_user(self, user_id: str, email: str = "", name: str = "", *, team: str = TEAM,
                 **flags: bool) -> None:
        """A user as `users.info` gives them: by default a full member of the app's own
        workspace with a confirmed email; `flags` override Slack's booleans
        (`is_stranger=True`, `is_email_confirmed=False`, `is_restricted=True`, …)."""
        profile = {"real_name": name, **({"email": email} if email else {})}
        self.users[user_id] = {
            "id": user_id, "team_id": team, "name": name.split(" ")[0].lower(),
            "real_name": name, "deleted": False, "is_bot": False, "is_app_user": False,
            "is_restricted": False, "is_ultra_restricted": False,
            "is_email_confirmed": bool(email), "profile": profile, **flags}
        if team != TEAM:  # Slack Connect: a member of another organisation
            self.users[user_id].setdefault("is_stranger", True)

    def fail(self, method: str, *, status: int = 200, error: str = "internal_error",
             retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` fail (HTTP `status`, Slack `error`)."""
        self._failures.setdefault(method, []).extend([(status, error, retry_after)] * times)

    def called(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call of `method`, in order."""
        return [call.params for call in self.calls if call.method == method]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call(method, params, token))
        failures = self._failures.get(method)
        if failures:
            status, error, retry_after = failures.pop(0)
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return web.json_response({"ok": False, "error": error}, status=status,
                                     headers=headers)
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        if answer is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(answer(params))

    def _auth_test(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://placements.slack.example/", "team": "Placements",
                "user": "broker", "team_id": TEAM, "user_id": BOT_USER, "bot_id": "BBROKER"}

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = answer_channel(str(params.get("channel", "")))
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        self.messages[(channel, ts)] = params
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": params.get("text")}}

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        where = (str(params.get("channel")), str(params.get("ts")))
        if where not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        self.messages[where] = params
        return {"ok": True, "channel": where[0], "ts": where[1], "text": params.get("text")}

    def _chat_postEphemeral(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": f"{1_700_000_000 + next(self._ts)}.000200"}

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        view = params.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **(view or {})}}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}


def answer_channel(channel: str) -> str:
    """Slack answers with IDs: a name (`#approvals`) becomes a stable made-up ID; a user ID
    (a direct message) becomes a DM channel."""
    if channel[:1] in "CDG" and channel[1:].isalnum() and channel.isupper():
        return channel
    if channel.startswith("U"):
        return "D" + channel[1:]
    return "C" + hashlib.sha1(channel.encode()).hexdigest()[:8].upper()


# -- requests as Slack sends them -----------------------------------------------------------

def signed_headers(secret: str, body: str | bytes, timestamp: int | None = None, *,
                   content_type: str = "application/x-www-form-urlencoded",
                   retry_num: int | None = None) -> dict[str, str]:
    """Slack's signature: `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + raw,
                      hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
               "Content-Type": content_type}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


_ids = itertools.count(1)


def _user(user_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": TEAM}


def block_action_body(action_id: str, value: str, *, user_id: str = "UCOMMISSIONER",
                      channel_id: str = "CAPPROVALS", message_ts: str = "1700000001.000100"
                      ) -> str:
    """A `block_actions` payload for a button click, form-encoded as Slack sends it."""
    n = next(_ids)
    payload = {
        "type": "block_actions", "team": {"id": TEAM, "domain": "placements"},
        "user": _user(user_id), "api_app_id": "ABROKER", "token": "legacy-unused",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel_id,
                      "is_ephemeral": False},
        "trigger_id": f"{n}.1.trigger", "channel": {"id": channel_id, "name": "approvals"},
        "message": {"type": "message", "ts": message_ts, "user": BOT_USER},
        "response_url": "https://hooks.slack.example/actions/unused",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "shortlist_decision",
                     "value": value, "text": {"type": "plain_text", "text": action_id},
                     "action_ts": f"{1_700_000_000 + n}.{n:06d}"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def view_submission_body(callback_id: str, values: dict[str, str], *,
                         action_id: str = "value", private_metadata: str = "",
                         user_id: str = "UCOMMISSIONER") -> str:
    """A `view_submission` payload: `values` is {block_id: text typed}."""
    n = next(_ids)
    state = {block: {action_id: {"type": "plain_text_input", "value": text}}
             for block, text in values.items()}
    payload = {
        "type": "view_submission", "team": {"id": TEAM, "domain": "placements"},
        "user": _user(user_id), "api_app_id": "ABROKER", "token": "legacy-unused",
        "trigger_id": f"{n}.2.trigger",
        "view": {"id": f"VSUBMIT{n}", "team_id": TEAM, "type": "modal",
                 "callback_id": callback_id, "private_metadata": private_metadata,
                 "state": {"values": state}, "hash": f"{n}.hash", "app_id": "ABROKER",
                 "bot_id": "BBROKER", "blocks": []},
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)})


def slash_command_body(command: str = "/referral", text: str = "", *,
                       user_id: str = "USOCIALWORKER", channel_id: str = "CPLACEMENTS") -> str:
    """A slash command as Slack POSTs it: plain form fields."""
    n = next(_ids)
    return urlencode({
        "token": "legacy-unused", "team_id": TEAM, "team_domain": "placements",
        "channel_id": channel_id, "channel_name": "placements", "user_id": user_id,
        "user_name": user_id.lower(), "command": command, "text": text,
        "api_app_id": "ABROKER", "response_url": "https://hooks.slack.example/commands/unused",
        "trigger_id": f"{n}.3.trigger",
    })


def event_body(event: dict[str, Any] | None = None, *, challenge: str = "") -> str:
    """An Events API request (JSON): `url_verification` when `challenge` is given."""
    if challenge:
        return json.dumps({"type": "url_verification", "token": "legacy-unused",
                           "challenge": challenge})
    n = next(_ids)
    return json.dumps({"type": "event_callback", "team_id": TEAM, "api_app_id": "ABROKER",
                       "event": event or {}, "event_id": f"Ev{n:08d}",
                       "event_time": int(time.time())})
