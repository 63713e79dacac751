"""The console's sign-in, sessions, CSRF, scope and actions, against the real service on
loopback with mail relayed to an SMTP sink: links are read from the email as staff would.
OpenID Connect is tested against a small provider on loopback (tests/fake_oidc.py)."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import Referral, ReferralEvent, StaffAccess, StaffSignIn
from channels.web.console import signin
from channels.web.console.context import CONSOLE
from tests.conftest import wait_for
from tests.console_client import ask_for_link, client, csrf_in, emailed_link, signed_in, use_link
from tests.factories import CONFIG, referral_email, send_smtp
from tests.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeOidc

MAYA, ALEX = "maya.osei@northby.gov.example", "alex.morgan@northby.gov.example"
OPERATOR, EASTMERE_OFFICER = "hub.operations@consortium.example", "placements@eastmere.gov.example"
START = datetime.now(UTC).replace(microsecond=0)


async def access_log(service: Any) -> list[tuple[str, str, str]]:
    async with service.engine.parts.sessions() as session:
        rows = (await session.execute(select(StaffAccess).order_by(StaffAccess.id))).scalars()
        return [(r.staff, r.action, r.outcome) for r in rows]


async def test_staff_sign_in_by_an_emailed_link_that_works_once_and_briefly(
        database_url: str, smtp_sink: Any, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    base = f"http://127.0.0.1:{service.web_port}"
    async with client() as http:
        async with http.get(f"{base}/console/referrals") as response:
            assert str(response.url).endswith("/console/sign-in")  # sent to sign in first
        status, page = await ask_for_link(http, base, "Maya.Osei@Northby.gov.example ")
        assert status == 200 and "Check your email" in page
        link = await emailed_link(smtp_sink, MAYA, 1)
        status, page = await ask_for_link(http, base, "stranger@northby.gov.example")
        assert status == 200 and "Check your email" in page  # the same answer: no hint
        await asyncio.sleep(0.5)
        assert smtp_sink.to("stranger@northby.gov.example") == []  # and no email

        status, url, page = await use_link(http, link)
        assert status == 200 and url.endswith("/console/referrals")  # where she was going
        assert f"Signed in as <strong>{MAYA}</strong>" in page
        async with http.get(f"{base}/console/referrals") as response:
            assert response.status == 200 and "Referrals" in await response.text()
            assert "HttpOnly" in response.headers.get("Set-Cookie", "HttpOnly")
        copied = {cookie.key: cookie.value for cookie in http.cookie_jar}  # a copy, kept
        clock.advance(timedelta(minutes=5))
        async with http.post(f"{base}/console/sign-out", data={"csrf": csrf_in(page)}):
            pass
        async with http.get(f"{base}/console/referrals") as response:
            assert str(response.url).endswith("/console/sign-in")
    async with client() as thief, thief.get(f"{base}/console/referrals",
                                            cookies=copied) as response:
        assert str(response.url).endswith("/console/sign-in")  # a copy ends with it too

    async with client() as other:  # the same link a second time, from elsewhere
        status, _, page = await use_link(other, link)
        assert status == 403 and "expired or has already been used" in page
        await ask_for_link(other, base, MAYA)
        late = await emailed_link(smtp_sink, MAYA, 2)
        clock.advance(timedelta(minutes=16))  # links last 15 minutes
        status, _, _ = await use_link(other, late)
        assert status == 403

    async with service.engine.parts.sessions() as session:
        stored = (await session.execute(select(StaffSignIn))).scalars().all()
    assert all(late.rsplit("/", 1)[1] not in row.token_hash for row in stored)  # hashes only
    assert await access_log(service) == [
        (MAYA, "sign-in-link", "ok"), ("stranger@northby.gov.example", "sign-in-link",
                                       "refused:not-registered"),
        (MAYA, "signed-in", "ok"), (MAYA, "signed-out", "ok"),
        ("", "signed-in", "refused:link-expired-or-used"), (MAYA, "sign-in-link", "ok"),
        ("", "signed-in", "refused:link-expired-or-used")]


async def test_forms_without_the_sessions_csrf_token_are_refused(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}"
    async with client() as http:
        async with http.post(f"{base}/console/sign-in", data={"address": MAYA}) as response:
            assert response.status == 400 and "expired" in await response.text()
        async with http.get(f"{base}/console/sign-in") as response:
            csrf = csrf_in(await response.text())
        async with http.post(f"{base}/console/sign-in", data={"csrf": csrf, "address": MAYA},
                             headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 400
        async with http.post(f"{base}/console/sign-in",  # not ASCII: refused, not a 500
                             data={"csrf": "é" + csrf[1:], "address": MAYA}) as response:
            assert response.status == 400
    await asyncio.sleep(0.3)
    assert smtp_sink.to(MAYA) == []


async def _sample_referral_page(database_url: str, smtp_sink: Any,
                                service_factory: Any) -> tuple[Any, str]:
    """A service that has sent the sample referral to its 12 providers, and the address of
    that referral's console page."""
    service = await service_factory(database_url, relay=smtp_sink.url)
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    [ack] = [c for c in smtp_sink.caught if "has gone to" in c.message["Subject"]]
    reference = ack.message["Subject"].split(":")[0]
    return service, f"http://127.0.0.1:{service.web_port}/console/referrals/{reference}"


async def test_actions_go_through_the_engine_with_the_same_permissions(
        sqlite_url: str, smtp_sink: Any, service_factory: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="broker.web.console")
    service, page_url = await _sample_referral_page(sqlite_url, smtp_sink, service_factory)

    async with await signed_in(service, smtp_sink, ALEX) as commissioner:
        async with commissioner.get(page_url) as response:
            page = await response.text()
        assert response.status == 200 and "Actions" not in page  # nothing a commissioner may
        async with commissioner.post(f"{page_url}/actions/close", data={
                "csrf": csrf_in(page), "nonce": "n1"}) as response:
            answer = await response.text()
        assert "Only the referring social worker (sam.taylor@northby.gov.example) or " \
            "the placements team" in answer
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        async with officer.get(page_url) as response:
            page = await response.text()
        assert 'action="/console/referrals/REF-' in page and "Close the response window" in page
        assert 'name="wave" value="1"' in page  # the wave the page shows
        async with officer.post(f"{page_url}/actions/close", data={  # as if from a page
                "csrf": csrf_in(page), "nonce": "n0", "wave": "2"}) as response:  # of wave 2
            assert "Nothing was changed" in await response.text()
        async with officer.post(f"{page_url}/actions/close", data={
                "csrf": csrf_in(page), "nonce": "n2", "wave": "1", "confirm": "yes"}) as response:
            answer = await response.text()
        assert "Done" in answer and "closed for responses" in answer
        async with officer.get(page_url) as response:  # the result is shown once
            assert "result-banner" not in await response.text()
        bait = "Your session has expired. Call 0800 000 000"  # words a link would bring
        async with officer.get(page_url, params={"message": bait, "accepted": "1"}) as response:
            page = await response.text()
        assert response.status == 200 and bait not in page and "result-banner" not in page
        assert f"from {MAYA} (web): accepted by rule" in answer
    await wait_for(lambda: [c for c in smtp_sink.to("sam.taylor@northby.gov.example")
                            if "responses ready" in c.message["Subject"]])
    async with service.engine.parts.sessions() as session:
        referral = (await session.execute(select(Referral))).scalars().one()
    assert referral.state == "closed"
    log = await access_log(service)
    assert (ALEX, "action:close", "refused:not-accepted") in log
    assert (MAYA, "action:close", "ok") in log and (MAYA, "viewed-referral", "ok") in log
    console_lines = [r.getMessage() for r in caplog.records if r.name.startswith(
        "broker.web.console")]
    assert console_lines and not any("Casey" in line or "Hollin" in line
                                     for line in console_lines)


async def test_a_long_timeline_leaves_out_replies_but_never_a_withdrawal(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Two thousand replies' entries around a withdrawal: the page shows the withdrawal and
    says how many replies' entries it left out."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}"
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email())
    await wait_for(lambda: len(smtp_sink.caught) >= 13)
    async with service.engine.parts.sessions() as session:
        referral = (await session.execute(select(Referral))).scalars().one()
        at = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
        entries = [ReferralEvent(referral_id=referral.id, at=at, kind="response",
                                 data={"establishment": "larch-house", "decision": "offer"})
                   for _ in range(2_000)]
        entries.insert(1_000, ReferralEvent(referral_id=referral.id, at=at, kind="withdrawn",
                                            data={"reason": "found a kinship carer"}))
        session.add_all(entries)
        await session.commit()
    officer = await signed_in(service, smtp_sink, MAYA)
    async with officer, officer.get(f"{base}/console/referrals/{referral.reference}") as response:
        page = await response.text()
    assert response.status == 200
    assert "Withdrawn: found a kinship carer." in page
    assert "more replies&#39; entries left out of this page" in page
    assert page.count("replied: Offer") < 400


async def test_a_form_posted_twice_acts_once(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """A double-click on "Send to the next wave now" must not send the referral on to a
    further wave of providers nobody chose; an Extend posted twice extends once."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}"
    jo, owen = "jo.brennan@kingsholt.gov.example", "owen.pryce@kingsholt.gov.example"
    cascade = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()
    await asyncio.to_thread(send_smtp, service.smtp_port, referral_email(cascade, sender=jo),
                            sender=jo)
    ack = (await wait_for(lambda: [c for c in smtp_sink.to(jo)
                                   if "has gone to" in c.message["Subject"]]))[0]
    page_url = f"{base}/console/referrals/{ack.message['Subject'].split(':')[0]}"
    officer = await signed_in(service, smtp_sink, owen)
    async with officer:
        async with officer.get(page_url) as response:
            csrf = csrf_in(await response.text())
        extend = {"csrf": csrf, "nonce": "form-1", "duration": "24h", "wave": "1"}
        answers = [await (await officer.post(f"{page_url}/actions/extend", data=extend)).text()
                   for _ in range(2)]
        assert "sent already" in answers[1]
        onward = {"csrf": csrf, "nonce": "form-2", "reason": "urgent", "wave": "1",
                  "confirm": "yes"}
        await asyncio.gather(*[officer.post(f"{page_url}/actions/next-wave", data=onward)
                               for _ in range(2)])
    async with service.engine.parts.sessions() as session:
        kinds = [e.kind for e in (await session.execute(select(ReferralEvent))).scalars()]
    assert kinds.count("extended") == 1 and kinds.count("wave-opened") == 2  # waves 1 and 2
    log = await access_log(service)
    assert (owen, "action:extend", "refused:repeated") in log


async def test_a_form_whose_first_post_failed_acts_when_posted_again(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Only a post that acted makes the form spent: after a failure (a database reset, a
    deadlock), the officer's resend must act, not be told it was sent already."""
    service, page_url = await _sample_referral_page(sqlite_url, smtp_sink, service_factory)
    engine, real_handle, calls = service.engine, service.engine.handle, []

    async def fails_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database connection was reset")
        return await real_handle(*args, **kwargs)

    engine.handle = fails_once
    officer = await signed_in(service, smtp_sink, MAYA)
    async with officer:
        async with officer.get(page_url) as response:
            csrf = csrf_in(await response.text())
        extend = {"csrf": csrf, "nonce": "form-1", "duration": "24h", "wave": "1"}
        async with officer.post(f"{page_url}/actions/extend", data=extend) as first:
            assert first.status == 500
        async with officer.post(f"{page_url}/actions/extend", data=extend) as again:
            assert "sent already" not in await again.text()
    async with service.engine.parts.sessions() as session:
        kinds = [e.kind for e in (await session.execute(select(ReferralEvent))).scalars()]
    assert len(calls) == 2 and kinds.count("extended") == 1


@pytest.fixture
async def oidc() -> Any:
    provider = FakeOidc()
    await provider.start()
    yield provider
    await provider.stop()


async def test_sign_in_with_the_councils_identity_provider(
        sqlite_url: str, service_factory: Any, oidc: FakeOidc) -> None:
    service = await service_factory(sqlite_url, oidc_issuer=oidc.url, oidc_client_id=CLIENT_ID,
                                    oidc_client_secret=CLIENT_SECRET,
                                    oidc_label="Northby Council account",
                                    oidc_domains="northby.gov.example")
    base = f"http://127.0.0.1:{service.web_port}"
    for email, verified, wrong_nonce, expected in (
            ("stranger@northby.gov.example", True, False, "is not registered"),
            (MAYA, False, False, "email did not check out"),
            (MAYA, None, False, "email did not check out"),  # not said to be verified
            (OPERATOR, True, False, "does not speak for hub.operations@consortium.example"),
            (EASTMERE_OFFICER, True, False, "does not speak for"),  # another council's staff
            (MAYA, True, True, "nonce did not check out"),
            (MAYA, True, False, f"Signed in as <strong>{MAYA}</strong>")):
        oidc.email, oidc.email_verified, oidc.wrong_nonce = email, verified, wrong_nonce
        async with client() as http:
            async with http.get(f"{base}/console/sign-in") as response:
                assert "sign in with Northby Council account" in await response.text()
            async with http.get(f"{base}/console/sign-in/oidc") as response:
                page = await response.text()
        assert expected in page, expected
    assert oidc.token_requests[-1]["grant_type"] == "authorization_code"
    log = await access_log(service)
    # five refusals by the provider from this client within the minute: recorded once
    assert [entry[2] for entry in log] == ["refused:not-registered", "refused:provider", "ok"]


async def test_an_address_gets_at_most_five_links_an_hour(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    base = f"http://127.0.0.1:{service.web_port}"
    async with client() as http:
        for _ in range(6):
            status, page = await ask_for_link(http, base, MAYA)
            assert status == 200 and "Check your email" in page  # the same answer each time
        await wait_for(lambda: len(smtp_sink.to(MAYA)) >= 5)
        await wait_for(lambda: not service._web.app[CONSOLE].pending)
        assert len(smtp_sink.to(MAYA)) == 5
        clock.advance(timedelta(minutes=61))
        await ask_for_link(http, base, MAYA)
        await wait_for(lambda: len(smtp_sink.to(MAYA)) == 6)
    outcomes = [entry[2] for entry in await access_log(service)]
    assert outcomes == ["ok"] * 5 + ["renewed:too-many", "ok"]


async def test_a_stranger_asking_for_her_links_first_does_not_lock_her_out(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """A stranger uses up Maya's five links of the hour; they expire unread. Her own
    request then sends nothing new, but renews the newest of them, which works for her:
    the limit keeps her inbox from filling without keeping her out."""
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    base = f"http://127.0.0.1:{service.web_port}"
    async with client() as stranger:
        for _ in range(5):
            await ask_for_link(stranger, base, MAYA)
        await wait_for(lambda: len(smtp_sink.to(MAYA)) == 5)
    links = [await emailed_link(smtp_sink, MAYA, n) for n in range(1, 6)]
    clock.advance(timedelta(minutes=20))  # links last 15 minutes
    async with client() as http:
        status, page = await ask_for_link(http, base, MAYA)
        assert status == 200 and "use the newest" in page
        await wait_for(lambda: not service._web.app[CONSOLE].pending)
        assert len(smtp_sink.to(MAYA)) == 5  # no sixth email
        status, _, _ = await use_link(http, links[0])  # an older one stays expired
        assert status == 403
        clock.advance(timedelta(minutes=14))
        status, _, page = await use_link(http, links[-1])
        assert status == 200 and f"Signed in as <strong>{MAYA}</strong>" in page
    assert [entry[2] for entry in await access_log(service)][5:] == [
        "renewed:too-many", "refused:link-expired-or-used", "ok"]


async def test_the_answer_does_not_wait_for_the_lookup_or_the_email(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Its time must not tell who is staff, so the page is answered before the address is
    looked up: here the lookup is held back, and the answer still comes, the same for
    staff and stranger; the link follows once it is let go."""
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}"
    console = service._web.app[CONSOLE]
    async with client() as http:
        async with console.link_requests:  # nothing is looked up or sent meanwhile
            answers = [await ask_for_link(http, base, address)
                       for address in (MAYA, "stranger@northby.gov.example")]
            assert [status for status, _ in answers] == [200, 200]
            assert all("Check your email" in page for _, page in answers)
            assert await access_log(service) == []
        await emailed_link(smtp_sink, MAYA, 1)
        await wait_for(lambda: not console.pending)  # the stranger's, behind hers, recorded
    assert [entry[2] for entry in await access_log(service)] == ["ok", "refused:not-registered"]


async def test_past_the_hours_limit_for_everyone_only_first_links_are_sent(
        sqlite_url: str, smtp_sink: Any, service_factory: Any, monkeypatch: Any) -> None:
    """A stranger asking for every staff address in turn is stopped by a limit over all of
    them, as one address is by its own; but an address's first link of the hour is always
    sent, so the stranger cannot keep everyone out by using the limit up."""
    monkeypatch.setattr(signin, "LINKS_PER_HOUR_IN_ALL", 2)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=FrozenClock(START))
    base = f"http://127.0.0.1:{service.web_port}"
    async with client() as http:
        for address in (MAYA, MAYA, ALEX, ALEX, EASTMERE_OFFICER):
            await ask_for_link(http, base, address)
        await emailed_link(smtp_sink, EASTMERE_OFFICER, 1)
        await wait_for(lambda: not service._web.app[CONSOLE].pending)
    assert (len(smtp_sink.to(MAYA)), len(smtp_sink.to(ALEX))) == (2, 1)
    assert [entry[2] for entry in await access_log(service)] == [
        "ok", "ok", "ok", "renewed:too-many-in-all", "ok"]


async def test_a_flood_of_made_up_addresses_never_holds_up_staffs_own_links(
        sqlite_url: str, smtp_sink: Any, service_factory: Any, monkeypatch: Any) -> None:
    """Requests for addresses that are not staff wait to be recorded only up to a bound;
    past it they are dropped. Staff's own requests are always queued, so a flood of junk
    cannot keep a link from them, nor grow the queue (and its memory) without end."""
    monkeypatch.setattr(signin, "STRANGERS_WAITING", 3)
    service = await service_factory(sqlite_url, relay=smtp_sink.url)
    base = f"http://127.0.0.1:{service.web_port}"
    console = service._web.app[CONSOLE]
    async with client() as http:
        async with console.link_requests:  # the flood arrives faster than it is handled
            for n in range(10):
                status, _ = await ask_for_link(http, base, f"nobody{n}@example.org")
                assert status == 200  # the same answer, dropped or not
            await ask_for_link(http, base, MAYA)
            assert len(console.pending) == 4 and console.dropped == 7
        await emailed_link(smtp_sink, MAYA, 1)
        await wait_for(lambda: not console.pending)
    assert sorted(entry[2] for entry in await access_log(service)) == [
        "ok", "refused:not-registered"]  # three handled, recorded once for the minute


async def test_strangers_refusals_are_recorded_once_a_minute_per_client(
        sqlite_url: str, smtp_sink: Any, service_factory: Any, oidc: FakeOidc) -> None:
    """Anyone may call the OIDC callback with a made-up state, ask for links for made-up
    addresses or post a made-up link, as often as they like: each kind is recorded for the
    first of the minute from a client (review 25: 1,000 callbacks wrote 1,000 rows), and
    again once the minute is up; a member of staff's own refusals are all recorded."""
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock,
                                    oidc_issuer=oidc.url, oidc_client_id=CLIENT_ID,
                                    oidc_client_secret=CLIENT_SECRET,
                                    oidc_domains="northby.gov.example")
    base = f"http://127.0.0.1:{service.web_port}"
    console = service._web.app[CONSOLE]

    async def flood() -> None:
        async with client() as http:
            async def callback(n: int) -> int:
                async with http.get(f"{base}/console/sign-in/oidc/callback?state=x{n}&code=y"
                                    ) as response:
                    await response.read()
                    return response.status
            assert set(await asyncio.gather(*(callback(n) for n in range(40)))) == {403}
            for n in range(30):
                await ask_for_link(http, base, f"made.up{n}@example.org")
            await wait_for(lambda: not console.pending)
            for n in range(5):
                status, _, _ = await use_link(http, f"{base}/console/sign-in/madeup{n}")
                assert status == 403

    await flood()
    assert sorted(entry[2] for entry in await access_log(service)) == [
        "refused:link-expired-or-used", "refused:not-registered", "refused:provider"]
    clock.advance(timedelta(seconds=61))
    await flood()
    assert len(await access_log(service)) == 6
    async with client() as http:
        for _ in range(6):
            await ask_for_link(http, base, MAYA)
        await wait_for(lambda: not console.pending)
    assert [entry[2] for entry in await access_log(service)][6:] == ["ok"] * 5 + [
        "renewed:too-many"]
