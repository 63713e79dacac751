"""The morning handover end to end (rule `morning-handover`): a referral sent at 2am on a
Saturday goes out to homes while the placements team is away; when the service's clock
reaches 9:00am on Monday the team gets one email naming it, with its console page, and
firing again, or a second look by the scheduler, sends nothing more; the next working
day's handover is planned."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from email.utils import format_datetime

from sqlalchemy import select

from broker.clock import UK_TIME, FrozenClock
from broker.db.tables import Deadline
from tests.conftest import wait_for
from tests.factories import referral_email, send_smtp

TEAM = "placements@northby.gov.example"
SATURDAY_NIGHT = datetime(2026, 12, 5, 2, 0, tzinfo=UK_TIME)
MONDAY_OPENING = datetime(2026, 12, 7, 9, 0, tzinfo=UK_TIME)


def _handovers(sink) -> list:  # type: ignore[no-untyped-def]
    return [c for c in sink.to(TEAM) if c.message["Subject"].startswith("While you were out")]


async def test_the_team_is_told_at_monday_opening_what_happened_at_the_weekend(
    database_url: str, smtp_sink, service_factory  # type: ignore[no-untyped-def]
) -> None:
    clock = FrozenClock(SATURDAY_NIGHT)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock,
                                    morning_handover="on")
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email(
        date=format_datetime(SATURDAY_NIGHT)))
    await wait_for(lambda: len(smtp_sink.caught) >= 13)  # twelve homes and the referrer
    assert _handovers(smtp_sink) == []  # nothing before the team is in

    clock.advance(MONDAY_OPENING - SATURDAY_NIGHT + timedelta(seconds=1))
    await wait_for(lambda: _handovers(smtp_sink), timeout=30)
    await service.engine.fire_due()  # a second look finds it fired
    await asyncio.sleep(0.5)
    [mail] = _handovers(smtp_sink)
    body = mail.message.get_body(("plain",)).get_content()
    async with service.engine.parts.sessions() as session:
        reference = (await session.execute(select(Deadline.subject_id).where(
            Deadline.subject == "handover", Deadline.status == "pending"))).scalars().all()
    assert reference == [20261208]  # Tuesday's planned, once
    assert "sent to 12 homes" in body and "received" in body
    assert f"{service.engine.parts.web_url}/console/referrals/REF-" in body
    assert "from 5:00pm on Friday 4 December until 9:00am on Monday 7 December" in body
