"""The bolt app: commissioners' approval buttons, the reason modal, and `/referral`.

Thin, by design: each handler acknowledges at once, translates the click or the
form into one call on `PlacementPort`, and the `Answer` into a reply. The workflow behind the
port counts approvals, refuses self-approval and expiry, and updates the shortlist message.

Slack documentation relied on:
- Acknowledge every interaction within 3 seconds:
  https://docs.slack.dev/interactivity/handling-user-interaction
- Events API retries carry `X-Slack-Retry-Num`; a repeat must not repeat its effects:
  https://docs.slack.dev/apis/events-api/#retries
- `users.info` gives `profile.email` with the `users:read.email` scope:
  https://docs.slack.dev/reference/methods/users.info
- Ephemeral replies: https://docs.slack.dev/reference/methods/chat.postEphemeral
- Slash commands: https://docs.slack.dev/interactivity/implementing-slash-commands
- Socket Mode: https://docs.slack.dev/apis/events-api/using-socket-mode
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from broker.forms.spec import FormSpec
from broker.settings import Settings
from channels.seen import SeenInDatabase
from channels.slack import modals
from channels.slack.blocks import APPROVE, QUESTION, REJECT, clip, read_decision_value
from channels.slack.client import web_client
from channels.slack.retries import RecentRequests
from workflows.market.desk import MarketPort
from workflows.ports import Answer, PlacementPort

log = logging.getLogger("broker.slack")
Ack = Callable[..., Awaitable[None]]
NO_EMAIL = ("Slack did not give the broker your email address (the app needs the "
            "users:read.email scope), so nothing was recorded.")
NO_REASON = "Please give a reason: it goes to the social worker."
FAILED = "Something went wrong on our side, so nothing was recorded. Please try again shortly."


def build_slack_app(settings: Settings, port: PlacementPort, referral_spec: FormSpec, *,
                    process_before_response: bool = False,
                    market: MarketPort | None = None,
                    sessions: async_sessionmaker[AsyncSession] | None = None) -> AsyncApp:
    """The bolt app for the bot token; its Web API calls go to `BROKER_SLACK_API_URL`.
    With `sessions`, Slack's retries are recognised by every instance sharing the database
    (channels/slack/retries.py); without, by this process alone."""
    if not settings.slack_bot_token:
        raise ValueError("BROKER_SLACK_BOT_TOKEN is not set: Slack is off")
    app = AsyncApp(
        name="broker",
        # bolt's own logger, not "broker": bolt logs request bodies (broker/logs.py).
        logger=logging.getLogger("slack_bolt.broker"),
        client=web_client(settings.slack_bot_token, settings.slack_api_url),
        # Without a signing secret (Socket Mode only) no HTTP request can ever verify.
        signing_secret=settings.slack_signing_secret or secrets.token_hex(32),
        process_before_response=process_before_response,
    )
    recent = RecentRequests(SeenInDatabase(sessions) if sessions is not None else None)
    handlers = Handlers(port, referral_spec, recent)
    app.middleware(handlers.recent.middleware)
    app.action(APPROVE)(handlers.approve)
    app.action(REJECT)(handlers.ask_reason)
    app.action(QUESTION)(handlers.ask_reason)
    app.view(modals.REASON_CALLBACK)(handlers.reason_given)
    app.command("/referral")(handlers.open_referral)
    app.view(modals.REFERRAL_CALLBACK)(handlers.referral_given)
    if market is not None:  # providers' applications (it imports this module's helpers)
        from channels.slack.applications import register as register_applications

        register_applications(app, market, handlers)
    return app


def socket_mode_handler(bolt_app: AsyncApp, app_token: str) -> AsyncSocketModeHandler:
    """Socket Mode for the app token (create it on the running loop; `await
    handler.connect_async()` to start, `await handler.close_async()` to stop). Imported
    here: only a workspace using Socket Mode pays its start-up cost."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    return AsyncSocketModeHandler(bolt_app, app_token)


def team_channel(settings: Settings) -> str:
    """Where announcements go: the placements team's channel, else the approval channel."""
    return settings.slack_team_channel or settings.slack_channel


async def whois(client: AsyncWebClient, user_id: str) -> tuple[str, str] | None:
    """(email, display name) of a Slack user, or None when Slack will not say."""
    try:
        answer = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info failed: %s", error.response.get("error"))
        return None
    user = answer.get("user") or {}
    profile = user.get("profile") or {}
    email = str(profile.get("email") or "")
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or email)
    return (email, name) if email else None


async def tell(client: AsyncWebClient, channel: str, user_id: str, text: str) -> None:
    """Only this user sees it: ephemeral in the channel, else a direct message."""
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user_id, text=text)
        else:
            await client.chat_postMessage(channel=user_id, text=text)
    except SlackApiError as error:
        log.warning("could not tell a Slack user the outcome: %s", error.response.get("error"))


class Handlers:
    def __init__(self, port: PlacementPort, spec: FormSpec, recent: RecentRequests) -> None:
        self.port = port
        self.spec = spec
        self.recent = recent

    async def _ack(self, ack: Ack, context: dict[str, Any], **answer: Any) -> None:
        await self.recent.remember(context, answer)
        await ack(**answer)

    async def _decide(self, client: AsyncWebClient, user_id: str, value: str,
                      decision: str, reason: str = "") -> Answer:
        """A decision on the shortlist a button's `value` names (its referral and round)."""
        reference, round_ = read_decision_value(value)
        who = await whois(client, user_id)
        if who is None:
            return Answer(False, NO_EMAIL, reference=reference)
        try:
            answer = await self.port.approval(reference, decision, who[0], who[1],
                                              reason=reason, channel="slack", round_=round_)
        except Exception:
            log.exception("slack %s on %s failed", decision, reference)
            return Answer(False, FAILED, reference=reference)
        log.info("slack %s on %s: %s", decision, reference,
                 "accepted" if answer.accepted else "not accepted")
        return answer

    async def approve(self, ack: Ack, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user_id, channel = body["user"]["id"], _channel_of(body)
        answer = await self._decide(client, user_id, body["actions"][0]["value"], "approve")
        await tell(client, channel, user_id, answer.message)

    async def ask_reason(self, ack: Ack, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        action = body["actions"][0]
        decision = "reject" if action["action_id"] == REJECT else "question"
        view = modals.reason_modal(action["value"], decision, _channel_of(body))
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def reason_given(self, ack: Ack, body: dict[str, Any], view: dict[str, Any],
                           client: AsyncWebClient, context: dict[str, Any]) -> None:
        meta, reason = modals.metadata(view), modals.reason_from(view)
        if not reason:
            await self._ack(ack, context, response_action="errors", errors={"reason": NO_REASON})
            return
        user_id = body["user"]["id"]
        answer = await self._decide(client, user_id, meta.get("reference", ""),
                                    meta.get("decision", ""), reason)
        if not answer.accepted:
            await self._ack(ack, context, response_action="errors",
                            errors={"reason": clip(answer.message, modals.MAX_ERROR)})
            return
        await self._ack(ack, context)
        await tell(client, meta.get("channel", ""), user_id, answer.message)

    async def open_referral(self, ack: Ack, body: dict[str, Any],
                            client: AsyncWebClient) -> None:
        await ack()
        view = modals.referral_modal(self.spec, body.get("channel_id", ""))
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def referral_given(self, ack: Ack, body: dict[str, Any], view: dict[str, Any],
                             client: AsyncWebClient, context: dict[str, Any]) -> None:
        user_id = body["user"]["id"]
        answer = await self._referral(client, user_id, modals.referral_fields(view))
        if answer.accepted:
            await self._ack(ack, context)
            await tell(client, "", user_id, answer.message)  # a direct message
            return
        errors = modals.field_errors(answer.problems, self.spec.keys)
        if errors:
            await self._ack(ack, context, response_action="errors", errors=errors)
        else:
            await self._ack(ack, context, response_action="update",
                            view=modals.message_view("Referral not sent", answer.message))

    async def _referral(self, client: AsyncWebClient, user_id: str,
                        fields: dict[str, str]) -> Answer:
        who = await whois(client, user_id)
        if who is None:
            return Answer(False, NO_EMAIL)
        try:
            answer = await self.port.referral_from_slack(fields, who[0])
        except Exception:
            log.exception("slack referral failed")
            return Answer(False, FAILED)
        log.info("slack referral %s: %s", answer.reference or "-",
                 "accepted" if answer.accepted else f"{len(answer.problems)} problem(s)")
        return answer


def _channel_of(body: dict[str, Any]) -> str:
    return str((body.get("channel") or {}).get("id")
               or (body.get("container") or {}).get("channel_id") or "")
