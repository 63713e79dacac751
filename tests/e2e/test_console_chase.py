"""Chasing the homes that have not answered from a referral's console page, against the real
service on loopback, with mail relayed to an SMTP sink and a placements officer signed in by
her emailed link: it asks first, naming how many homes; once confirmed each silent home is
sent the schedule's reminder, saying the placements team asked; the timeline says who chased
and how many; the same form posted again sends nothing more, and a second chase within the
hour is refused saying when the last went."""

from __future__ import annotations

import asyncio
import re
from html import unescape
from typing import Any

from sqlalchemy import select

from broker.db.tables import ReferralEvent
from tests.conftest import wait_for
from tests.console_client import csrf_in, referral_page, signed_in

MAYA = "maya.osei@northby.gov.example"  # a Northby placements officer
ASKED = "| reminder from the placements team, please reply by "


def _chased(smtp_sink: Any) -> list[Any]:
    return [c for c in smtp_sink.caught if ASKED in (c.message["Subject"] or "")]


async def test_an_officer_chases_the_silent_homes_once(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = await referral_page(service, smtp_sink)
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = await response.text()
        assert "Chase the homes that have not answered" in page
        chase = {"csrf": csrf_in(page), "nonce": "chase-1", "wave": "1"}
        async with officer.post(f"{page_url}/actions/chase", data=chase) as response:
            asking = unescape(await response.text())
        assert "Chase 12 homes that have not answered?" in asking
        assert "They have had no reminder yet." in asking
        assert 'name="confirm" value="yes"' in asking and not _chased(smtp_sink)

        async with officer.post(f"{page_url}/actions/chase",
                                data={**chase, "confirm": "yes"}) as response:
            done = unescape(await response.text())
        assert "Done" in done and "Reminder sent to the 12 homes" in done
        sent = await wait_for(lambda: _chased(smtp_sink) if len(_chased(smtp_sink)) >= 12
                              else [])
        assert len({r for c in sent for r in c.rcpt_tos}) == 12
        assert "We have not yet had your response to referral" in sent[0].text()

        # a double-click: the same form again acts once
        async with officer.post(f"{page_url}/actions/chase",
                                data={**chase, "confirm": "yes"}) as response:
            assert "acts only once" in unescape(await response.text())

        # a fresh form within the hour: not asked, refused, saying when the last went
        async with officer.get(page_url) as response:
            again = {"csrf": csrf_in(await response.text()), "nonce": "chase-2", "wave": "1"}
        async with officer.post(f"{page_url}/actions/chase", data=again) as response:
            refused = unescape(await response.text())
        assert "Not done" in refused and "confirm" not in re.findall(r'name="(\w+)"', refused)
        assert re.search(r"The last reminder to these homes went at \d{1,2}:\d\d[ap]m", refused)
        assert "less than an hour ago" in refused
        timeline = refused
    await asyncio.sleep(0.5)  # anything more would have been sent by now
    assert len(_chased(smtp_sink)) == 12
    assert f"{MAYA} chased the 12 home(s) of wave 1 that had not answered" in timeline
    async with service.engine.parts.sessions() as session:
        entries = (await session.execute(select(ReferralEvent).where(
            ReferralEvent.kind == "chased"))).scalars().all()
    assert [(e.data["by"], e.data["homes"]) for e in entries] == [(MAYA, 12)]
