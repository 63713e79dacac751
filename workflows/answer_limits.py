"""How often the service answers mail it cannot use, so nobody can aim it at a third party.

Anyone can write any From. Mail from a stranger, or mail with no form, gets a polite answer
(`workflows/intake.py: decide_unaddressed`); written in a victim's name, each such message
would make the service write to the victim. Two limits bound that, both counted from the
outbox itself, so every service process and every restart agree:

- an address gets at most `ANSWERS_PER_DAY` such answers a day (UTC), however many
  messages name it;
- the service sends at most `answers_per_hour` (`BROKER_ANSWERS_PER_HOUR`) in all in any
  hour, however many addresses a flood names.

Past either, the message is still stored and marked, and the log says why it went
unanswered. Nothing else is limited here: mail about a referral is answered by its own
workflow, to people the directory names.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Outbox
from workflows.intake import UNADDRESSED_TEMPLATES

ANSWERS_PER_DAY = 5  # answers to mail the service cannot use, per address per day
ANSWER_KINDS = tuple(sorted(set(UNADDRESSED_TEMPLATES.values())))


async def answers_left(session: AsyncSession, address: str, now: datetime,
                       per_hour: int) -> str:
    """'' when `address` may have one more answer now; else which limit it has reached
    ("address" or "hour")."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    to_address = await session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.to_addr == address, Outbox.created_at >= day_start,
        Outbox.kind.in_(ANSWER_KINDS)))  # type: ignore[attr-defined]
    if (to_address or 0) >= ANSWERS_PER_DAY:
        return "address"
    in_the_hour = await session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.kind.in_(ANSWER_KINDS),  # type: ignore[attr-defined]
        Outbox.created_at >= now - timedelta(hours=1)))
    return "hour" if (in_the_hour or 0) >= per_hour else ""
