"""`POST /slack/events` on the service's aiohttp web server, through bolt's aiohttp adapter.

One endpoint takes every Slack request: Events API, interactivity (`block_actions`,
`view_submission`) and slash commands. Bolt checks the signature and refuses a request older
than five minutes (a replay) with 401 before any handler runs. A timestamp that is not a whole
number of seconds is refused here the same way (bolt's verifier would raise on it: a 500).

Slack documentation relied on:
- Verifying requests: `v0=` HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{body}` with the
  signing secret, sent as `X-Slack-Signature`:
  https://docs.slack.dev/authentication/verifying-requests-from-slack/
- bolt-python's aiohttp adapter (`slack_bolt.adapter.aiohttp`):
  https://docs.slack.dev/tools/bolt-python/concepts/adapters
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp

EVENTS_PATH = "/slack/events"
TIMESTAMP = "X-Slack-Request-Timestamp"
REFUSED = '{"error": "invalid request"}'  # what bolt answers to a request it cannot verify


def add_slack_routes(app: web.Application, bolt_app: AsyncApp) -> None:
    """Mount `POST /slack/events` on `app`, dispatching to `bolt_app`."""

    async def slack_events(request: web.Request) -> web.Response:
        if not _is_seconds(request.headers.get(TIMESTAMP, "")):
            return web.Response(status=401, text=REFUSED, content_type="application/json")
        bolt_response = await bolt_app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    app.router.add_post(EVENTS_PATH, slack_events)


def _is_seconds(stamp: str) -> bool:
    """Unix time as Slack sends it: ASCII digits only (int() would also take ' 1', '١')."""
    return 0 < len(stamp) <= 12 and stamp.isascii() and stamp.isdigit()
