"""Approvers' buttons on a provider's application: Approve, and Reject with a reason asked in
a modal (thin, as channels/slack/app.py is for shortlists: acknowledge at once, one call on
`MarketPort`, the answer shown only to the approver). Retries are answered without acting
again, by whichever instance they reach (channels/slack/retries.py); the workflow is
idempotent too.

Slack documentation relied on: https://docs.slack.dev/interactivity/handling-user-interaction
(acknowledge within 3 seconds), https://docs.slack.dev/surfaces/modals (views.open with the
trigger_id; `response_action: errors` on a submission).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from channels.slack.app import FAILED, Handlers, _channel_of, tell
from channels.slack.application_blocks import APPROVE_APPLICATION, REJECT_APPLICATION
from channels.slack.blocks import clip, escape, mrkdwn
from channels.slack.modals import metadata, reason_from
from workflows.market.desk import MarketPort
from workflows.ports import Answer

log = logging.getLogger("broker.slack")
REASON_CALLBACK = "application_reason"
NO_REASON = "Please give a reason: it goes to the applicant."


def reason_modal(reference: str, channel: str) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": REASON_CALLBACK,
        "private_metadata": json.dumps({"reference": reference, "channel": channel}),
        "title": {"type": "plain_text", "text": "Reject application"},
        "submit": {"type": "plain_text", "text": "Reject"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [mrkdwn(f"*Application {escape(reference)}*\nYour reason goes to the "
                          "applicant by email."),
                   {"type": "input", "block_id": "reason", "optional": False,
                    "label": {"type": "plain_text", "text": "Why are you rejecting it?"},
                    "element": {"type": "plain_text_input", "action_id": "reason",
                                "multiline": True, "max_length": 3000}}]}


class ApplicationHandlers:
    def __init__(self, port: MarketPort, handlers: Handlers) -> None:
        self.port = port
        self.shared = handlers  # the shortlist's handlers: they remember answers for retries

    async def _decide(self, client: AsyncWebClient, user_id: str, reference: str,
                      decision: str, reason: str = "") -> Answer:
        who = await self.shared.members.whois(client, user_id)
        if who.refused:
            return Answer(False, who.refused, reference=reference)
        try:
            return await self.port.application_decision(reference, decision, who.email, who.name,
                                                        reason=reason, channel="slack",
                                                        account=who.account)
        except Exception:
            log.exception("slack %s on %s failed", decision, reference)
            return Answer(False, FAILED, reference=reference)

    async def approve(self, ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user_id, channel = body["user"]["id"], _channel_of(body)
        answer = await self._decide(client, user_id, body["actions"][0]["value"], "approve")
        await tell(client, channel, user_id, answer.message)

    async def ask_reason(self, ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        view = reason_modal(body["actions"][0]["value"], _channel_of(body))
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def reason_given(self, ack: Any, body: dict[str, Any], view: dict[str, Any],
                           client: AsyncWebClient, context: dict[str, Any]) -> None:
        meta, reason = metadata(view), reason_from(view)
        if not reason:
            await self.shared._ack(ack, context, response_action="errors",
                                   errors={"reason": NO_REASON})
            return
        user_id, channel = body["user"]["id"], meta.get("channel", "")
        answer = await self.shared.in_time(
            self._decide(client, user_id, meta.get("reference", ""), "reject", reason),
            lambda late: tell(client, channel, user_id, late.message))
        if answer is None:  # still deciding: the modal closes, the outcome follows
            await self.shared._ack(ack, context)
            return
        if not answer.accepted:
            await self.shared._ack(ack, context, response_action="errors",
                                   errors={"reason": clip(answer.message, 1000)})
            return
        await self.shared._ack(ack, context)
        await tell(client, channel, user_id, answer.message)


def register(app: AsyncApp, port: MarketPort, handlers: Handlers) -> None:
    """The application buttons and the reason modal on the bolt app."""
    market = ApplicationHandlers(port, handlers)
    app.action(APPROVE_APPLICATION)(handlers.tracked(market.approve))
    app.action(REJECT_APPLICATION)(handlers.tracked(market.ask_reason))
    app.view(REASON_CALLBACK)(handlers.tracked(market.reason_given))
