"""The market's desk: what the Slack adapter may ask about applications, each turned into
one event for `Engine.handle`, so a button and an emailed `APPROVE APP-…` go through the
same table, permissions and decisions (as workflows/desk.py is for referrals)."""

from __future__ import annotations

from typing import Any, Protocol

from workflows.events import Actor
from workflows.market.events import ApplicationDecided
from workflows.ports import Answer


class MarketPort(Protocol):
    async def application_decision(self, reference: str, decision: str, approver_email: str,
                                   approver_name: str, reason: str = "",
                                   channel: str = "slack", account: str = "") -> Answer:
        """An approver's decision on an application: approve | reject (reject needs a
        reason). Idempotent: the same person deciding the same twice (Slack retrying)
        changes nothing the second time. `account`: Slack's `T…/U…` ids for the person,
        kept on the application's record."""
        ...


class MarketDesk:
    def __init__(self, engine: Any) -> None:
        self.engine = engine

    async def application_decision(self, reference: str, decision: str, approver_email: str,
                                   approver_name: str, reason: str = "",
                                   channel: str = "slack", account: str = "") -> Answer:
        address = approver_email.lower()
        event = ApplicationDecided(actor=Actor(address, approver_name, channel, account=account),
                                   key=f"{channel}:{address}:{decision}",
                                   reference=reference.upper(), decision=decision,
                                   reason=reason)
        handled = await self.engine.handle(None, event)
        answer = handled.answer
        return Answer(answer.accepted, answer.message, reference=reference)
