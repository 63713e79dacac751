"""The bolt app: commissioners' approval buttons, the reason modal, and `/referral`.

Thin, by design: each handler acknowledges at once, translates the click or the
form into one call on `PlacementPort`, and the `Answer` into a reply. The workflow behind the
port counts approvals, refuses self-approval and expiry, and updates the shortlist message.
Only a full member of the app's own workspace with a confirmed email acts as that email
(channels/slack/members.py); anyone else is told why, and nothing is recorded.

Slack shows an error for a submission not answered within 3 seconds, and the person would
submit again. So a `/referral` submission is answered at once with a view saying it is being
checked and sent, and the work begins once that answer has gone (`after_ack`: a referral's
checks and anonymisation hold the event loop for seconds); its outcome, with any problems,
follows as a direct message. A reason modal is answered with its decision when that comes
within `ACK_WITHIN` seconds, else closed and the decision told when it comes. Under bolt's
`process_before_response` (nothing may run after the answer) the work comes first.

Bolt runs each listener as a task of its own once the acknowledgement is sent, and tells
nobody: every listener is `tracked`, so that `Handlers.finish` lets a click already
acknowledged be recorded and answered before the service closes its database (else the
decision rolled back and the commissioner, told nothing, thought it recorded).

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

import asyncio
import functools
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
from channels.slack.members import NO_EMAIL as NO_EMAIL  # re-exported for the tests
from channels.slack.members import Members, Who
from channels.slack.retries import RecentRequests
from workflows.market.desk import MarketPort
from workflows.ports import Answer, PlacementPort

log = logging.getLogger("broker.slack")
Ack = Callable[..., Awaitable[None]]
ACK_WITHIN = 2.0  # seconds a submission's outcome is waited for; Slack's limit is 3
AFTER_ACK = 0.3  # seconds for an acknowledgement to leave before work that holds the loop
UNDER_WAY = ("Thank you: the referral is being checked and sent now. You will get a "
             "message here in Slack with its reference, or with what needs correcting.")
NO_REASON = "Please give a reason: it goes to the social worker."
FAILED = "Something went wrong on our side, so nothing was recorded. Please try again shortly."
FINISH_WITHIN = 10.0  # seconds the work already acknowledged may take to finish at shutdown


def build_slack_app(settings: Settings, port: PlacementPort, referral_spec: FormSpec, *,
                    process_before_response: bool = False,
                    market: MarketPort | None = None,
                    sessions: async_sessionmaker[AsyncSession] | None = None) -> AsyncApp:
    """The bolt app for the bot token (`slack_app_and_handlers` without its handlers)."""
    return slack_app_and_handlers(settings, port, referral_spec,
                                  process_before_response=process_before_response,
                                  market=market, sessions=sessions)[0]


def slack_app_and_handlers(settings: Settings, port: PlacementPort, referral_spec: FormSpec, *,
                           process_before_response: bool = False,
                           market: MarketPort | None = None,
                           sessions: async_sessionmaker[AsyncSession] | None = None,
                           ) -> tuple[AsyncApp, Handlers]:
    """The bolt app for the bot token; its Web API calls go to `BROKER_SLACK_API_URL`.
    With `sessions`, Slack's retries are recognised by every instance sharing the database
    (channels/slack/retries.py); without, by this process alone. The handlers' `finish`
    waits for the work already acknowledged."""
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
    handlers = Handlers(port, referral_spec, recent,
                        answer_after_work=process_before_response)
    tracked = handlers.tracked
    app.middleware(handlers.recent.middleware)
    app.action(APPROVE)(tracked(handlers.approve))
    app.action(REJECT)(tracked(handlers.ask_reason))
    app.action(QUESTION)(tracked(handlers.ask_reason))
    app.view(modals.REASON_CALLBACK)(tracked(handlers.reason_given))
    app.command("/referral")(tracked(handlers.open_referral))
    app.view(modals.REFERRAL_CALLBACK)(tracked(handlers.referral_given))
    if market is not None:  # providers' applications (it imports this module's helpers)
        from channels.slack.applications import register as register_applications

        register_applications(app, market, handlers)
    return app, handlers


def socket_mode_handler(bolt_app: AsyncApp, app_token: str) -> AsyncSocketModeHandler:
    """Socket Mode for the app token (create it on the running loop; `await
    handler.connect_async()` to start, `await handler.close_async()` to stop). Imported
    here: only a workspace using Socket Mode pays its start-up cost."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    return AsyncSocketModeHandler(bolt_app, app_token)


def team_channel(settings: Settings) -> str:
    """Where announcements go: the placements team's channel, else the approval channel."""
    return settings.slack_team_channel or settings.slack_channel


async def whois(client: AsyncWebClient, user_id: str,
                members: Members | None = None) -> Who:
    """Who a Slack user is as far as the broker may act on it (channels/slack/members.py):
    their email and name, or why they may not act."""
    return await (members or Members()).whois(client, user_id)


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
    def __init__(self, port: PlacementPort, spec: FormSpec, recent: RecentRequests, *,
                 answer_after_work: bool = False) -> None:
        self.port = port
        # bolt's process_before_response: nothing runs after the answer, so work comes first
        self.answer_after_work = answer_after_work
        self.spec = spec
        self.recent = recent
        self.members = Members()
        self._late: set[asyncio.Task[Any]] = set()  # listeners and work after the ack

    def tracked(self, listener: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        """`listener` as bolt should call it: the task bolt runs it in is known to `finish`.
        (`functools.wraps` keeps its parameter names, by which bolt chooses its arguments.)"""

        @functools.wraps(listener)
        async def run(**kwargs: Any) -> None:
            task = asyncio.current_task()
            if task is not None:
                self._late.add(task)
            try:
                await listener(**kwargs)
            finally:
                if task is not None:
                    self._late.discard(task)

        return run

    async def finish(self, within: float = FINISH_WITHIN) -> None:
        """Wait for the listeners and the work after acknowledgements still running, and
        for what they start meanwhile; cancel what is left after `within` seconds."""
        loop = asyncio.get_running_loop()
        end = loop.time() + within
        while self._late and (left := end - loop.time()) > 0:
            await asyncio.wait(set(self._late), timeout=left)
        for task in list(self._late):
            log.warning("slack: work acknowledged but unfinished at shutdown was cancelled")
            task.cancel()

    async def _ack(self, ack: Ack, context: dict[str, Any], **answer: Any) -> None:
        await self.recent.remember(context, answer)
        await ack(**answer)

    async def _decide(self, client: AsyncWebClient, user_id: str, value: str,
                      decision: str, reason: str = "") -> Answer:
        """A decision on the shortlist a button's `value` names (its referral and round)."""
        reference, round_ = read_decision_value(value)
        who = await self.members.whois(client, user_id)
        if who.refused:
            return Answer(False, who.refused, reference=reference)
        try:
            answer = await self.port.approval(reference, decision, who.email, who.name,
                                              reason=reason, channel="slack", round_=round_,
                                              account=who.account)
        except Exception:
            log.exception("slack %s on %s failed", decision, reference)
            return Answer(False, FAILED, reference=reference)
        log.info("slack %s on %s: %s", decision, reference,
                 "accepted" if answer.accepted else "not accepted")
        return answer

    async def in_time(self, work: Awaitable[Answer],
                      later: Callable[[Answer], Awaitable[None]]) -> Answer | None:
        """`work`'s answer if it comes within `ACK_WITHIN` seconds; else None, and `later`
        is given the answer when it comes (the work is never cancelled: it may have begun
        to send)."""
        task = asyncio.ensure_future(work)
        done, _pending = await asyncio.wait({task}, timeout=ACK_WITHIN)
        if done:
            return task.result()

        async def follow() -> None:
            await later(await task)

        self.after_ack(follow())
        return None

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
        channel = meta.get("channel", "")
        answer = await self.in_time(self._decide(client, user_id, meta.get("reference", ""),
                                                 meta.get("decision", ""), reason),
                                    lambda late: tell(client, channel, user_id, late.message))
        if answer is None:  # still deciding: the modal closes, the outcome follows
            await self._ack(ack, context)
            return
        if not answer.accepted:
            await self._ack(ack, context, response_action="errors",
                            errors={"reason": clip(answer.message, modals.MAX_ERROR)})
            return
        await self._ack(ack, context)
        await tell(client, channel, user_id, answer.message)

    async def open_referral(self, ack: Ack, body: dict[str, Any],
                            client: AsyncWebClient) -> None:
        await ack()
        view = modals.referral_modal(self.spec, body.get("channel_id", ""))
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def referral_given(self, ack: Ack, body: dict[str, Any], view: dict[str, Any],
                             client: AsyncWebClient, context: dict[str, Any]) -> None:
        user_id, fields = body["user"]["id"], modals.referral_fields(view)
        who = await self.members.whois(client, user_id)
        if who.refused:
            await self._ack(ack, context, response_action="update",
                            view=modals.message_view("Referral not sent", who.refused))
            return
        if not self.answer_after_work:  # acknowledged now; checked and sent once that has gone
            await self._ack(ack, context, response_action="update",
                            view=modals.message_view("Referral received", UNDER_WAY))
            self.after_ack(self._referral_told(client, user_id, who, fields))
            return
        answer = await self._referral(who, fields)
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

    async def _referral_told(self, client: AsyncWebClient, user_id: str, who: Who,
                             fields: dict[str, str]) -> None:
        answer = await self._referral(who, fields)
        await tell(client, "", user_id, outcome_text(answer))  # a direct message

    def after_ack(self, work: Awaitable[None]) -> None:
        """Run `work` once the acknowledgement has gone back to Slack (`AFTER_ACK`): a
        referral's checks and anonymisation hold the event loop, and would hold the answer
        past Slack's 3 seconds."""

        async def later() -> None:
            await asyncio.sleep(AFTER_ACK)
            try:
                await work
            except Exception:
                log.exception("slack: work after the acknowledgement failed")

        task = asyncio.ensure_future(later())
        self._late.add(task)
        task.add_done_callback(self._late.discard)

    async def _referral(self, who: Who, fields: dict[str, str]) -> Answer:
        try:
            answer = await self.port.referral_from_slack(fields, who.email)
        except Exception:
            log.exception("slack referral failed")
            return Answer(False, FAILED)
        log.info("slack referral %s: %s", answer.reference or "-",
                 "accepted" if answer.accepted else f"{len(answer.problems)} problem(s)")
        return answer


def outcome_text(answer: Answer) -> str:
    """A submission's outcome as a message: its sentence, and each problem on its line."""
    lines = [answer.message]
    for problem in answer.problems:
        text = problem.get("problem", "") or "This value could not be read"
        label = problem.get("label", "")
        lines.append(f"• {label + ': ' if label else ''}{text}"
                     + (f" — {problem['example']}" if problem.get("example") else ""))
    return "\n".join(lines)


def _channel_of(body: dict[str, Any]) -> str:
    return str((body.get("channel") or {}).get("id")
               or (body.get("container") or {}).get("channel_id") or "")
