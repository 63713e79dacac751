"""How often the service answers mail it cannot use, so nobody can aim it at a third party.

Anyone can write any From. Mail from a stranger, or mail with no form, gets a polite answer
(`workflows/intake.py: decide_unaddressed`); written in a victim's name, each such message
would make the service write to the victim. Two limits bound that, both counted from the
outbox itself, so every service process and every restart agree:

- an address gets at most `ANSWERS_PER_DAY` such answers a day (UTC), however many
  messages name it;
- the service sends at most `answers_per_hour` (`BROKER_ANSWERS_PER_HOUR`) in all in any
  hour, however many addresses a flood names.

The same holds for the other answers a stranger's mail can cause: a notice to providers@
from an address that speaks for no home, one nothing proves, a reply to a provider's reply
address from someone else. They are checked where every command is carried out
(`workflows/apply.py`), so no route escapes them. Past either limit the message is still
stored and marked, and the log says why it went unanswered. A refused instruction is always
answered: it goes to a council's or a provider's own address, and the people there need to
know why what they asked was not done; so are the placements team's alerts.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Outbox
from workflows.intake import UNADDRESSED_TEMPLATES

log = logging.getLogger("broker.answers")

ANSWERS_PER_DAY = 5  # answers to mail the service cannot use, per address per day
ANSWER_KINDS = tuple(sorted({*UNADDRESSED_TEMPLATES.values(), "provider/notice_refused",
                             "provider/notice_unproved", "provider/not_accepted"}))


async def answers_left(session: AsyncSession, address: str, now: datetime, per_hour: int,
                       pending: Counter[str] | None = None) -> str:
    """'' when `address` may have one more answer now; else which limit it has reached
    ("address" or "hour"). `pending`: answers about to be queued, by address ('' for all)."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    to_address = await session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.to_addr == address, Outbox.created_at >= day_start,
        Outbox.kind.in_(ANSWER_KINDS)))  # type: ignore[attr-defined]
    pending = pending or Counter()
    if (to_address or 0) + pending[address] >= ANSWERS_PER_DAY:
        return "address"
    in_the_hour = await session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.kind.in_(ANSWER_KINDS),  # type: ignore[attr-defined]
        Outbox.created_at >= now - timedelta(hours=1)))
    return "hour" if (in_the_hour or 0) + pending[""] >= per_hour else ""


async def within_limits(session: AsyncSession, emails: list[Any], now: datetime,
                        per_hour: int) -> list[Any]:
    """The emails to send: all but the answers (`ANSWER_KINDS`) past a limit, each counted
    as it is let through (the outbox rows of this transaction are not written yet)."""
    kept, added = [], Counter[str]()
    for email in emails:
        if email.template in ANSWER_KINDS:
            limit = await answers_left(session, email.to, now, per_hour, added)
            if limit:
                log.warning("%s not sent: %s", email.template, _WHY[limit].format(per_hour))
                continue
            added[email.to] += 1
            added[""] += 1
        kept.append(email)
    return kept


_WHY = {"address": f"its address has had {ANSWERS_PER_DAY} such answers today",
        "hour": "{} such answers this hour in all (BROKER_ANSWERS_PER_HOUR)"}
