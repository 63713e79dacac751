"""A list reopening, on loopback with an injected clock: the advert 30 days before the window
opens, an application too early (told when it opens), the window opening, the reminder a
week before it closes, an application by email with one problem, the correction on its
thread, approval by two approvers in Slack through signed requests (a third person refused,
a retry not counted twice), and the new home receiving the next eligible referral, as
`broker match` says it would."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiohttp
from sqlalchemy import select

from broker.db.tables import ApplicationApproval, ListWindow
from broker.directory import load_directory
from broker.market_views import live_or_config
from broker.offline import match_file
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.factories import (
    CONFIG,
    SAMPLE_REFERRAL,
    SECRET,
    make_settings,
    referral_email,
    send_smtp,
)
from tests.fake_slack import FakeSlack, block_action_body, signed_headers
from tests.replies import quoted_plain

SIGNING = "test-signing-secret"
PROVIDERS = "providers@broker.localhost"
MAILING = "northern-market@providersforum.example"
APPLICANT = "jo.kemp@newleafcare.example"
HANNAH, SALTMARSH = "hannah.lees@brackenridge.gov.example", "commissioning@saltmarsh.gov.example"
SOCIAL_WORKER = "ali.shah@brackenridge.gov.example"
OPENS = datetime(2027, 7, 1, 8, tzinfo=UTC)  # 09:00 in the UK, as the schedule says
APPLICATION = """Applying to: Northern Residential Approved List
Organisation: Newleaf Care Ltd
Home: Newleaf House
Type of service: Children's home
Ofsted URN: SC7123456
Ofsted rating: Good
Postcode: LS6 2AB
Placement types: Residential
Needs met: SEMH, CSE risk, missing episodes, self-harm
Ages: 12-17
Places free: 2
Referral email: newleaf.house@newleafcare.example
Contact name: Jo Kemp
About the home: A four-bed home near Hyde Park for girls who need a settled base.
"""


def _application(body: str, subject: str = "Application: Newleaf House") -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = APPLICANT, PROVIDERS, subject
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="newleafcare.example")
    message.set_content(body)
    return message


async def _email(service, message, sender: str, to: str) -> None:  # type: ignore[no-untyped-def]
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def _slack(http, service, body: str, retry: int | None = None) -> int:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{service.web_port}/slack/events"
    async with http.post(url, data=body.encode(),
                         headers=signed_headers(SIGNING, body, retry_num=retry)) as response:
        return response.status


def _subjects(sink, address: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.message["Subject"] for c in sink.to(address)]


async def _at(service, clock, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    clock.set(moment)
    await service.engine.fire_due()


async def test_a_list_reopens_and_an_approved_home_gets_the_next_referral(  # noqa: PLR0915
    database_url: str, smtp_sink, service_factory, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    from broker.clock import FrozenClock

    clock = FrozenClock(datetime(2027, 5, 20, 12, tzinfo=UTC))
    async with FakeSlack() as slack, aiohttp.ClientSession() as http:
        slack.add_user("UHANNAH", HANNAH, "Hannah Lees")
        slack.add_user("USALT", SALTMARSH, "Pat Moore")
        slack.add_user("USAM", "sam.taylor@northby.gov.example", "Sam Taylor")
        settings = dict(relay=smtp_sink.url, clock=clock, reopening=True,
                        provider_sender_auth="preferred",  # mail here is unsigned
                        slack_bot_token="xoxb-test", slack_signing_secret=SIGNING,
                        slack_api_url=slack.url, slack_channel="CAPPROVALS",
                        slack_applications_channel="CLISTS")
        service = await service_factory(database_url, **settings)

        # Planned from the schedule; nothing goes to the mailing list before its time.
        window = await _window(service)
        assert (window.opens_at, window.closes_at) == (OPENS, OPENS + timedelta(days=30))
        await _at(service, clock, OPENS - timedelta(days=30, seconds=1))
        assert not smtp_sink.to(MAILING)
        await _at(service, clock, OPENS - timedelta(days=30))  # the advert, 30 days ahead
        advert = (await wait_for(lambda: smtp_sink.to(MAILING)))[0]
        assert "open for applications from 9:00am on Thursday 1 July 2027" in advert.message[
            "Subject"]
        assert "Applying to: Northern Residential Approved List" in advert.text()
        assert PROVIDERS in advert.text() and advert.message["Reply-To"] == PROVIDERS

        # Too early: kept, and told when the list opens.
        clock.set(OPENS - timedelta(days=10))
        await _email(service, _application(APPLICATION), APPLICANT, PROVIDERS)
        early = (await wait_for(lambda: smtp_sink.to(APPLICANT)))[0]
        assert "not taking applications now" in early.message["Subject"]
        assert "It next opens at 9:00am on Thursday 1 July 2027" in early.text()

        # The window opens; a week before it closes, the reminder.
        await _at(service, clock, OPENS)
        assert (await _window(service)).state == "open"
        await _at(service, clock, OPENS + timedelta(days=23))
        reminder = await wait_for(lambda: [s for s in _subjects(smtp_sink, MAILING)
                                           if s.startswith("Reminder")])
        assert reminder == ["Reminder: Northern Residential Approved List closes for "
                            "applications in 7 days"]

        # The application with one problem: one reply naming it; the correction completes it.
        await _email(service, _application(APPLICATION), APPLICANT, PROVIDERS)
        problems = (await wait_for(lambda: [c for c in smtp_sink.to(APPLICANT)
                                            if "please correct 1 thing" in
                                            c.message["Subject"]]))[0]
        assert "Ofsted URN: 'SC7123456' is not an Ofsted URN" in problems.text()
        reference = problems.message["Subject"].split(":")[0]
        await _email(service, quoted_plain(problems, APPLICANT, "Ofsted URN: SC712345"),
                     APPLICANT, PROVIDERS)
        await wait_for(lambda: [s for s in _subjects(smtp_sink, APPLICANT)
                                if "application received" in s])
        posted = await wait_for(lambda: [p for p in slack.called("chat.postMessage")
                                         if p.get("channel") == "CLISTS"])
        assert "approve_application" in str(posted[0]["blocks"])
        assert "Newleaf House" in str(posted[0]["blocks"])

        # Approval in Slack: not by someone else; once each, whatever Slack retries.
        for user in ("USAM", "UHANNAH"):
            assert await _slack(http, service, block_action_body(
                "approve_application", reference, user_id=user, channel_id="CLISTS")) == 200
        hannah = block_action_body("approve_application", reference, user_id="UHANNAH",
                                   channel_id="CLISTS")
        assert await _slack(http, service, hannah) == 200
        assert await _slack(http, service, hannah, retry=1) == 200
        assert await _slack(http, service, block_action_body(
            "approve_application", reference, user_id="USALT", channel_id="CLISTS")) == 200
        approved = await wait_for(lambda: [c for c in smtp_sink.to(APPLICANT)
                                           if "approved" in c.message["Subject"]])
        assert "newleaf.house@newleafcare.example" in approved[0].text()
        verdicts = await _rows(service, ApplicationApproval)
        assert sorted(v.approver for v in verdicts) == [SALTMARSH, HANNAH]
        await wait_for(lambda: [u for u in slack.called("chat.update")
                                if "Approved" in str(u.get("blocks"))])

        # broker match and the service agree: the new home gets the next eligible referral.
        referral_file = tmp_path / "referral.txt"
        referral_file.write_text(_northern_referral())
        config = make_settings(tmp_path, database_url)
        live, source = await live_or_config(config, load_directory(CONFIG))
        dry_run = match_file(config, referral_file, live, "brackenridge")
        planned = {e["establishment_key"] for e in dry_run["eligible"]}
        assert source == "database" and "newleaf-house" in planned
        await _email(service, referral_email(_northern_referral(), sender=SOCIAL_WORKER),
                     SOCIAL_WORKER, "referrals@broker.localhost")
        sent = await wait_for(lambda: smtp_sink.to("newleaf.house@newleafcare.example"))
        token = read_token(SECRET.encode(), sent[0].message["Reply-To"].split("@")[0][2:])
        assert token is not None and token.establishment == "newleaf-house"
        await wait_for(lambda: len(_recipients(smtp_sink)) == len(planned))
        assert _recipients(smtp_sink) == planned


def _northern_referral() -> str:
    return (SAMPLE_REFERRAL.replace("SE15 4QX", "LS6 3HN").replace("Within an hour of SE15",
                                                                    "Within an hour of Leeds")
            .replace("01/12/2026", "01/09/2027"))


def _recipients(sink) -> set[str]:  # type: ignore[no-untyped-def]
    """The establishments sent a referral (named by their signed reply addresses)."""
    tokens = [read_token(SECRET.encode(), c.message["Reply-To"].split("@")[0][2:])
              for c in sink.caught if str(c.message["Reply-To"] or "").startswith("r+")]
    return {t.establishment for t in tokens if t is not None}


async def _window(service) -> ListWindow:  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return (await session.execute(select(ListWindow).where(
            ListWindow.arrangement == "northern-residential-list")
            .order_by(ListWindow.opens_at))).scalars().first()


async def _rows(service, table):  # type: ignore[no-untyped-def]
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(table).order_by(table.id))).scalars())

