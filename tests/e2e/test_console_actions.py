"""The console's actions that cannot be taken back ask once more, in numbers, before they act;
a page of a wave that has ended changes nothing. Against the real service on loopback, with
mail relayed to an SMTP sink and staff signed in by their emailed links."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from sqlalchemy import select

from broker.db.tables import Referral, ReferralEvent, Wave
from tests.conftest import wait_for
from tests.console_client import csrf_in, referral_page, signed_in
from tests.factories import CONFIG, referral_email, send_smtp

MAYA, ALEX = "maya.osei@northby.gov.example", "alex.morgan@northby.gov.example"
JO, OWEN = "jo.brennan@kingsholt.gov.example", "owen.pryce@kingsholt.gov.example"


async def _state(service: Any) -> str:
    async with service.engine.parts.sessions() as session:
        return str((await session.execute(select(Referral))).scalars().one().state)


async def test_close_asks_first_saying_how_many_have_answered(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = await referral_page(service, smtp_sink)
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            csrf = csrf_in(await response.text())
        close = {"csrf": csrf, "nonce": "c1", "wave": "1"}
        async with officer.post(f"{page_url}/actions/close", data=close) as response:
            asking = await response.text()
        assert "Close the response window now?" in asking
        assert "0 of 12 providers have answered" in asking and "left." in asking
        assert "nothing to compare" in asking and 'name="confirm" value="yes"' in asking
        assert await _state(service) == "open"  # asking changed nothing
        async with officer.post(f"{page_url}/actions/close",
                                data={**close, "confirm": "yes"}) as response:
            assert "Done" in await response.text()
    assert await _state(service) == "closed"


async def test_withdraw_asks_first_and_a_bad_form_is_answered_before_asking(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = await referral_page(service, smtp_sink)
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            csrf = csrf_in(await response.text())
        async with officer.post(f"{page_url}/actions/unmet", data={  # no reason given
                "csrf": csrf, "nonce": "u1", "reason": ""}) as response:
            assert "Say why no placement could be found" in await response.text()
        async with officer.post(f"{page_url}/actions/withdraw", data={
                "csrf": csrf, "nonce": "w1", "reason": "a kinship carer came forward"}) as r:
            asking = await r.text()
        assert "Withdraw the referral?" in asking and "The 12 homes it went to are told" in asking
        assert 'name="reason" value="a kinship carer came forward"' in asking
    assert await _state(service) == "open"


async def test_next_wave_names_the_wave_and_a_stale_confirmation_changes_nothing(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    cascade = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()
    page_url = await referral_page(service, smtp_sink, JO, cascade)
    async with await signed_in(service, smtp_sink, OWEN) as officer:
        async with officer.get(page_url) as response:
            page = await response.text()
        button = re.search(r"Send to wave 2 now \((\d+) homes?\)", page)
        assert button, "the button names the next wave and its homes"
        onward = {"csrf": csrf_in(page), "nonce": "n1", "reason": "urgent", "wave": "1"}
        async with officer.post(f"{page_url}/actions/next-wave", data=onward) as response:
            asking = await response.text()
        assert "Send to wave 2" in asking and f"goes to {button.group(1)} home" in asking
        async with officer.post(f"{page_url}/actions/next-wave",
                                data={**onward, "confirm": "yes"}) as response:
            done = await response.text()
        assert f"Wave 2 sent to {button.group(1)} home" in done and "it closes at" in done
        # Back to the confirmation, then Yes again with a fresh form: wave 1 has ended.
        async with officer.post(f"{page_url}/actions/next-wave", data={
                **onward, "nonce": "n2", "confirm": "yes"}) as response:
            again = await response.text()
        assert "Nothing was changed" in again and "wave 1, which has ended" in again
    async with service.engine.parts.sessions() as session:
        waves = (await session.execute(select(Wave))).scalars().all()
        kinds = [e.kind for e in (await session.execute(select(ReferralEvent))).scalars()]
    assert [w.number for w in waves if w.opened_at] == [1, 2]
    assert kinds.count("wave-opened") == 2


async def test_after_a_close_with_no_offers_the_page_says_there_is_nothing_to_shortlist(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    page_url = await referral_page(service, smtp_sink)
    async with await signed_in(service, smtp_sink, ALEX) as commissioner:
        async with commissioner.get(page_url) as response:
            page = await response.text()
        assert "You can see this referral but not act on it" in page  # and who can, and where
        assert "in Slack or by answering the approval email" in page
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            csrf = csrf_in(await response.text())
        await officer.post(f"{page_url}/actions/close", data={
            "csrf": csrf, "nonce": "c1", "wave": "1", "confirm": "yes"})
        async with officer.get(page_url) as response:
            page = await response.text()
        reference = page_url.rsplit("/", 1)[1]
        async with officer.get(page_url.rsplit("/", 1)[0] + f"?q={reference}") as response:
            listed = await response.text()
        async with officer.get(page_url.split("/referrals")[0]) as response:
            home = await response.text()
    # one source of words: the page, the referrals list and Needs attention say the same
    assert "closed with no offers: nothing to shortlist</strong>" in page  # the state's tag
    assert "closed with no offers: nothing to shortlist</strong>" in listed
    assert "Closed with no offers: nothing to shortlist" in home.split("needs-attention")[1]
    assert "waiting for the shortlist</strong>" not in page + listed  # no tag says it
    assert "nothing to shortlist; widen the search or end it as unmet need" in page


async def test_a_held_possible_duplicate_says_why_links_the_other_and_the_team_sends_it(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    first_url = await referral_page(service, smtp_sink)
    first = first_url.rsplit("/", 1)[1]
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())  # the same child
    told = await wait_for(lambda: [c for c in smtp_sink.to("sam.taylor@northby.gov.example")
                                   if "is held before" in c.message["Subject"]])
    held = told[0].message["Subject"].split(":")[0]
    page_url = first_url.replace(first, held)
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = await response.text()
        assert "the same child may have another open or recent referral" in page
        assert f'href="/console/referrals/{first}"' in page
        assert "The referral, as providers will see it" in page
        assert "Send it to providers now" in page  # the team may SEND (README: SEND)
        send = {"csrf": csrf_in(page), "nonce": "s1"}
        async with officer.post(f"{page_url}/actions/send", data=send) as response:
            asking = await response.text()
        assert "Send the referral to providers now?" in asking and "12 homes" in asking
        async with officer.post(f"{page_url}/actions/send",
                                data={**send, "confirm": "yes"}) as response:
            done = await response.text()
        assert "Done" in done and f"Released by {MAYA}" in done
        assert "The referral, as providers saw it" in done
    async with service.engine.parts.sessions() as session:
        referral = (await session.execute(select(Referral).where(
            Referral.reference == held))).scalars().one()
    assert referral.state == "open"
