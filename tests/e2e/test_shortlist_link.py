"""The social worker's shortlist link in a stranger's hands, against the real service on
loopback with mail relayed to an SMTP sink: the link opens the page, but a shortlist given
there is recorded only once it is confirmed by the link emailed to her own address, and the
page never shows the views she recorded. The comparison email gives the family's summary a
link of its own, and marks the page's as hers alone."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import ShortlistConfirmation, ShortlistRound
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.factories import REFERRER, SECRET, referral_email, send_smtp
from tests.replies import outlook_top_posted, quoted_plain
from workflows import retention

START = datetime.now(UTC).replace(microsecond=0)
INTAKE = "referrals@broker.localhost"


def _mail_to(sink: Any, address: str, part: str) -> list[Any]:
    return [c for c in sink.to(address) if part in c.message["Subject"]]


def _local(url: str, service: Any) -> str:
    return re.sub(r"https?://[^/]+", f"http://127.0.0.1:{service.web_port}", url)


async def _email(service: Any, message: Any, sender: str, to: str) -> None:
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def _rounds(service: Any) -> list[ShortlistRound]:
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(select(ShortlistRound).order_by(
            ShortlistRound.round))).scalars())


async def _compared(service: Any, sink: Any, clock: FrozenClock) -> Any:
    """The sample referral answered by two homes and closed: the comparison email."""
    await _email(service, referral_email(), REFERRER, INTAKE)
    await wait_for(lambda: len(sink.caught) >= 13)
    sent = {read_token(SECRET.encode(), c.message["Reply-To"].split("@")[0][2:])
            .establishment: c for c in sink.caught if c.message["Reply-To"]}
    for key, answer in (
            ("kestrel-house", "Decision: Offer\nHome or carer: Kestrel House\nWeekly fee: "
                              "£4,900\nAvailable from: 01/12/2026\nOfsted rating: Outstanding"),
            ("larch-house", "Decision: Offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
                            "Available from: 01/12/2026")):
        original = sent[key]
        await _email(service, outlook_top_posted(original, original.rcpt_tos[0], answer),
                     original.rcpt_tos[0], original.message["Reply-To"])
        await wait_for(lambda o=original: _mail_to(sink, o.rcpt_tos[0], "response received"))
    clock.advance(timedelta(hours=24, minutes=1))
    await service.engine.fire_due()
    return (await wait_for(lambda: _mail_to(sink, REFERRER, "responses ready")))[0]


async def test_a_shortlist_given_on_the_page_waits_for_her_confirmation_from_her_inbox(
        database_url: str, smtp_sink: Any, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock)
    comparison = await _compared(service, smtp_sink, clock)
    text = comparison.text()
    page_link = _local(re.search(r"https?://\S+/shortlist/\S+", text).group(0), service)
    summary_link = _local(re.search(r"https?://\S+/summary/\S+", text).group(0), service)
    assert "Its link is for you alone: please don't forward it." in text
    assert "To share with the young person and their family, send this link instead" in text

    # She shortlists A and B by email, with the views.
    reply = quoted_plain(comparison, REFERRER, "SHORTLIST A, B\nParents' views: Mum would "
                         "like to visit weekly.\nChild's views: she wants to stay near school")
    reply.replace_header("To", INTAKE)
    await _email(service, reply, REFERRER, INTAKE)
    await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "shortlist recorded"))

    async with aiohttp.ClientSession() as stranger:
        async with stranger.get(summary_link) as response:  # the family's: the summary only
            family = await response.text()
            assert response.status == 200 and "Option A" in family
            assert "4,250" not in family and "Larch House" not in family
        async with stranger.get(page_link) as response:
            page = await response.text()
        assert response.status == 200 and "Larch House" in page
        assert "visit weekly" not in page and "near school" not in page  # her views: not shown
        form_key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
        async with stranger.post(page_link, data={
                "form_key": form_key, "option": "A", "parents_views": "Mum is happy with A.",
                "child_views": "She only wants A."}) as response:
            done = await response.text()
        assert response.status == 200 and "Check your email" in done
        assert "Nothing is recorded yet" in done and REFERRER not in done
        # Nothing recorded: her shortlist is still the one with the commissioners.
        assert [(r.round, r.labels) for r in await _rounds(service)] == [(1, ["A", "B"])]

        confirm = (await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "confirm the shortlist "
                                                   "given on the web page")))[0]
        words = re.sub(r"\s+", " ", confirm.text())
        # what to do first; the warning for whoever did not give it, last
        assert words.lstrip().startswith("Confirm the shortlist you just gave on the web page")
        assert words.index("If this wasn't you") > words.index("/shortlist/confirm/")
        # what was typed on the page is shown behind the link, never in the service's email
        assert "She only wants A." not in words and "Mum is happy" not in words
        assert "Parents' views: given" in words and "Child's views: given" in words
        assert "replaces the shortlist given on" in words and "(A, B)" in words
        confirm_link = _local(re.search(r"https?://\S+/shortlist/confirm/\S+",
                                        confirm.text()).group(0), service)
        # The stranger cannot make one up; nor can she reach it from the page's link.
        async with stranger.post(page_link.replace("/shortlist/", "/shortlist/confirm/")) as r:
            assert r.status == 403
        # Opening the link (a mail scanner does) records nothing.
        async with stranger.get(confirm_link) as response:
            shown = await response.text()
        assert response.status == 200 and "Confirm this shortlist" in shown
        assert "She only wants A." in shown and "(A, B)" in shown
        assert [r.round for r in await _rounds(service)] == [1]

        async with stranger.post(confirm_link) as response:  # her button
            assert response.status == 200
            assert "Shortlist sent for approval" in await response.text()
        async with stranger.post(confirm_link) as response:  # works once
            assert response.status == 403
    rounds = await _rounds(service)
    assert [(r.round, r.labels, r.by) for r in rounds] == [
        (1, ["A", "B"], REFERRER), (2, ["A"], REFERRER)]
    recorded = (await wait_for(lambda: _mail_to(smtp_sink, REFERRER, "shortlist recorded")[1:]))
    said = re.sub(r"\s+", " ", recorded[0].text())
    assert "given on the shortlist web page and confirmed by the link we emailed to " \
           f"{REFERRER}" in said
    assert "It replaces the shortlist given on" in said and "(A, B)" in said


async def test_a_stranger_cannot_fill_her_inbox_from_the_page(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Past five shortlists given through one link in an hour, the page says so and
    nothing more is emailed; her SHORTLIST by email still works, and so does the placements
    team's own link."""
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    comparison = await _compared(service, smtp_sink, clock)
    page_link = _local(re.search(r"https?://\S+/shortlist/\S+", comparison.text()).group(0),
                       service)
    async with aiohttp.ClientSession() as stranger:
        async with stranger.get(page_link) as response:
            form_key = re.search(r'name="form_key" value="([^"]+)"',
                                 await response.text()).group(1)
        answers = []
        for n in range(7):
            async with stranger.post(page_link, data={
                    "form_key": form_key, "option": "A", "parents_views": f"try {n}",
                    "child_views": "x"}) as response:
                answers.append("Check your email" in await response.text())
    assert answers == [True] * 5 + [False] * 2
    await asyncio.sleep(0.5)
    assert len(_mail_to(smtp_sink, REFERRER, "confirm the shortlist")) == 5
    # The limit is the link's (review 27): the placements team's copy has its own link,
    # which the stranger's use of hers has not used up.
    [team_copy] = [c for c in smtp_sink.caught if REFERRER not in c.rcpt_tos
                   and "/shortlist/" in c.text() and "responses ready" in c.message["Subject"]]
    team_link = _local(re.search(r"https?://\S+/shortlist/\S+", team_copy.text()).group(0),
                       service)
    assert team_link != page_link
    async with aiohttp.ClientSession() as team:
        async with team.get(team_link) as response:
            team_key = re.search(r'name="form_key" value="([^"]+)"',
                                 await response.text()).group(1)
        async with team.post(team_link, data={
                "form_key": team_key, "option": "A", "parents_views": "from the team",
                "child_views": "x"}) as response:
            assert "Check your email" in await response.text()
    await wait_for(lambda: _mail_to(smtp_sink, team_copy.rcpt_tos[0], "confirm the shortlist"))
    assert await _rounds(service) == []
    # At retention the views typed there and never confirmed go with the rest.
    parts = service.engine.parts
    async with parts.sessions() as session:
        [pending] = {row.referral_id for row in (await session.execute(
            select(ShortlistConfirmation))).scalars()}
        await retention.purge(session, pending, clock.now(), parts.referral_spec)
        await session.commit()
        assert (await session.execute(select(ShortlistConfirmation))).first() is None


PHISH = ("Mum is happy with A.\n\nIMPORTANT - Northby Council placements service\n"
         "Your shortlist link has been suspended. Verify your council account here: "
         "https://northby-gov.example.net/verify or call 0113 496 0000.")


async def test_the_page_link_holder_cannot_write_the_services_emails(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """Whoever holds the page's link types what they like as views: the confirm email from the
    service never carries it (the confirm page shows it), and the page takes at most ten
    shortlists in 24 hours, however the hours are spread."""
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock)
    comparison = await _compared(service, smtp_sink, clock)
    page_link = _local(re.search(r"https?://\S+/shortlist/\S+", comparison.text()).group(0),
                       service)
    answers = []
    async with aiohttp.ClientSession() as stranger:
        for hour in range(3):
            async with stranger.get(page_link) as response:
                form_key = re.search(r'name="form_key" value="([^"]+)"',
                                     await response.text()).group(1)
            for n in range(5):
                async with stranger.post(page_link, data={
                        "form_key": form_key, "option": "A", "parents_views": PHISH,
                        "child_views": f"ok {hour}.{n}"}) as response:
                    said = await response.text()
                    answers.append("Check your email" in said)
            clock.advance(timedelta(hours=1, minutes=1))
        assert answers == [True] * 10 + [False] * 5
        assert "last 24 hours" in said
        confirms = await wait_for(lambda: len(_mail_to(smtp_sink, REFERRER,
                                                       "confirm the shortlist")) >= 10
                                  and _mail_to(smtp_sink, REFERRER, "confirm the shortlist"))
        await asyncio.sleep(0.5)
        assert len(_mail_to(smtp_sink, REFERRER, "confirm the shortlist")) == 10
        for confirm in confirms:
            text = confirm.text()
            assert "northby-gov.example.net" not in text and "0113 496" not in text
            assert "Verify your council account" not in text and "ok 0." not in text
            assert len(re.findall(r"https?://", text)) == 1  # the service's own link only
        confirm_link = _local(re.search(r"https?://\S+/shortlist/confirm/\S+",
                                        confirms[0].text()).group(0), service)
        async with stranger.get(confirm_link) as response:  # the views: behind the link
            shown = await response.text()
        assert "Mum is happy with A." in shown and re.search(r"ok \d\.\d", shown)
