"""The Slack Web API client the service uses, pointed at `BROKER_SLACK_API_URL` when set.

slack-sdk joins the base URL and the method name (`<base>chat.postMessage`), so the base URL
must end in a slash (or the method name is glued onto its last part); tests point it at a
fake Slack on loopback.
Each call opens and closes its own aiohttp session (no `session=` given), so nothing leaks.

Slack documentation: https://docs.slack.dev/apis/web-api/ (methods are POSTed to
`https://slack.com/api/<method>` with a bearer token).
"""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

SLACK_API = "https://slack.com/api/"


def api_base_url(url: str = "") -> str:
    """The Web API base URL, always with its trailing slash; Slack's own when unset."""
    return (url or SLACK_API).rstrip("/") + "/"


def web_client(token: str, api_url: str = "", *, timeout: int = 10) -> AsyncWebClient:
    """A client for the bot token. A short timeout: handlers must answer within Slack's 3 s,
    and the outbox sender retries anything that timed out."""
    return AsyncWebClient(token=token, base_url=api_base_url(api_url), timeout=timeout)
