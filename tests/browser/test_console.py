"""The placements console in a real browser: Playwright driving the distribution's Chromium
(never a downloaded browser) against the real service on loopback, with mail relayed to an
SMTP sink. Staff sign in by the link emailed to them, find a referral, open its audit pack,
act on it, and cannot see another authority's referral; the social worker's shortlist page
and a provider's papers page are shown on the same look. Each page is saved as a screenshot
under var/screenshots/ for review.

One service and one browser serve the whole module (each test has its own browser context,
so its own cookies). Skipped, with the reason, when Chromium is not installed.
"""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from broker.app import Service
from broker.clock import FrozenClock
from tests.conftest import wait_for
from tests.factories import ROOT, make_settings, referral_email, send_smtp
from tests.replies import outlook_top_posted
from tests.smtp_sink import SmtpSink

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "var" / "screenshots"
MAYA, OWEN = "maya.osei@northby.gov.example", "owen.pryce@kingsholt.gov.example"
OPERATOR = "hub.operations@consortium.example"
KINGSHOLT_SAMPLE = (ROOT / "config" / "samples" / "referral-kingsholt.txt").read_text()

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class World:
    service: Service
    sink: SmtpSink
    browser: Any
    northby: str  # references
    kingsholt: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.service.web_port}"


async def _referral(service: Service, sink: SmtpSink, message: Any, sender: str) -> str:
    before = len(sink.caught)
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender)
    ack = await wait_for(lambda: [c for c in sink.caught[before:] if sender in c.rcpt_tos])
    return re.search(r"REF-\d{4}-\d{6}", ack[0].message["Subject"]).group(0)


async def _reply(service: Service, original: Any, text: str) -> None:
    await asyncio.to_thread(send_smtp, service.smtp_port,
                            outlook_top_posted(original, original.rcpt_tos[0], text),
                            sender=original.rcpt_tos[0], to=original.message["Reply-To"])


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (`make test` installs "
                    "it from the distribution's packages when run as root)")
    from playwright.async_api import async_playwright

    tmp = tmp_path_factory.mktemp("console")
    sink = SmtpSink()
    await sink.start()
    service = Service(make_settings(tmp, f"sqlite+aiosqlite:///{tmp / 'broker.db'}",
                                    relay=sink.url), clock=FrozenClock(datetime.now(UTC)))
    playwright = browser = None
    try:
        await service.start()
        northby, kingsholt = await _seed(service, sink)
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"])
        SHOTS.mkdir(parents=True, exist_ok=True)
        yield World(service, sink, browser, northby, kingsholt)
    finally:
        if browser is not None:
            await browser.close()
        if playwright is not None:
            await playwright.stop()
        await service.stop()
        await sink.stop()


async def _seed(service: Service, sink: SmtpSink) -> tuple[str, str]:
    """A Northby referral with an offer and a decline, and a Kingsholt referral."""
    northby = await _referral(service, sink, referral_email(), "sam.taylor@northby.gov.example")
    kingsholt = await _referral(service, sink, referral_email(
        KINGSHOLT_SAMPLE, sender="jo.brennan@kingsholt.gov.example"),
        "jo.brennan@kingsholt.gov.example")
    sent = [c for c in sink.caught if c.message["Reply-To"] and northby in c.message["Subject"]]
    await _reply(service, sent[0], "Decision: Offer\nHome or carer: Our home\n"
                                   "Weekly fee: £4,900\nAvailable from: 01/12/2026\n"
                                   "Ofsted rating: Good")
    await _reply(service, sent[1], "Sorry, we have no vacancies at the moment.")
    await wait_for(lambda: len([c for c in sink.caught if northby in c.message["Subject"] and (
        "response received" in c.message["Subject"] or "we need" in c.message["Subject"])]) >= 2)
    return northby, kingsholt

async def shot(page: Any, name: str) -> None:
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def sign_in(world: World, address: str, name: str = "") -> Any:
    """A fresh browser context, signed in by the link emailed to `address`."""
    context = await world.browser.new_context(accept_downloads=True,
                                              viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(f"{world.base}/console/referrals")
    assert page.url.endswith("/console/sign-in")
    await page.get_by_label("Your work email address").fill(address)
    if name:
        await shot(page, f"{name}-sign-in")
    before = len(world.sink.to(address))
    await page.get_by_role("button", name="Email me a sign-in link").click()
    await page.get_by_role("heading", name="Check your email").wait_for()
    mail = await wait_for(lambda: world.sink.to(address)[before:])
    assert mail[-1].message["Subject"] == "Sign in to the placements console"
    link = re.search(r"http://\S+/console/sign-in/\S+", mail[-1].text()).group(0)
    await page.goto(link)
    await page.get_by_role("button", name="Continue").click()
    await page.get_by_text(f"Signed in as {address}").wait_for()
    assert page.url.endswith("/console/referrals")  # back where they were going
    return page


async def test_an_officer_signs_in_finds_a_referral_opens_its_audit_pack_and_acts(
        world: World) -> None:
    page = await sign_in(world, MAYA, "1")
    await shot(page, "2-referrals")
    assert world.kingsholt not in await page.content()  # another authority's: not listed
    await page.get_by_label("Reference").fill(world.northby[-6:])
    await page.get_by_role("button", name="Filter").click()
    await page.get_by_role("link", name=world.northby).click()
    await page.get_by_role("heading", name=world.northby).wait_for()
    text = await page.inner_text("main")
    assert "out with providers" in text and "Sent to 12 provider(s)." in text
    assert "Offer" in text and "No vacancy" in text  # responses side by side
    assert "Casey" not in text and "Hollin" not in text  # anonymised only
    await shot(page, "3-referral")
    await page.screenshot(path=str(SHOTS / "readme-referral.png"))  # the README's first view

    async with page.expect_download() as pdf:
        await page.get_by_role("link", name="PDF").click()
    body = Path(await (await pdf.value).path()).read_bytes()
    assert body.startswith(b"%PDF")
    async with page.expect_download() as pack:
        await page.get_by_role("link", name="zip of JSON and CSV").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(await (await pack.value).path()).read_bytes()))
    exclusions = archive.read("exclusions.csv").decode()
    assert "rule,reason" in exclusions and "membership" in exclusions

    await page.get_by_label("How much longer").fill("2h")
    await page.get_by_role("button", name="Extend the response window").click()
    banner = page.locator("#result-banner")
    await banner.wait_for()
    assert "Done" in await banner.inner_text()
    assert "The response window was extended: it now closes" in await page.inner_text("main")
    assert "Decision on EXTEND from maya.osei@northby.gov.example (web): accepted" in \
        await page.inner_text("main")
    await shot(page, "4-referral-after-extend")
    await page.context.close()


async def test_an_officer_cannot_see_another_authoritys_referral(world: World) -> None:
    page = await sign_in(world, MAYA)
    response = await page.goto(f"{world.base}/console/referrals/{world.kingsholt}")
    assert response.status == 404 and "Tiana" not in await page.content()
    response = await page.goto(f"{world.base}/console/referrals/{world.kingsholt}/audit-pack.zip")
    assert response.status == 404
    await page.context.close()
    page = await sign_in(world, OWEN)  # Kingsholt's own officer sees it
    response = await page.goto(f"{world.base}/console/referrals/{world.kingsholt}")
    assert response.status == 200 and world.kingsholt in await page.inner_text("h1")
    await page.context.close()


async def test_an_operator_sees_the_consortium_directory_and_figures(world: World) -> None:
    page = await sign_in(world, OPERATOR)
    listed = await page.inner_text("#referrals")
    assert world.northby in listed and world.kingsholt in listed
    for path, name, heading in (
            ("/console/directory", "5-directory", "Provider directory"),
            ("/console/directory/kestrel-house", "6-establishment", "Kestrel House"),
            ("/console/mi", "7-mi", "Management information"),
            ("/console/sufficiency", "8-sufficiency", "Sufficiency")):
        await page.goto(world.base + path)
        assert heading in await page.inner_text("h1")
        await shot(page, name)
    assert await page.locator("svg.console-chart").count() > 0
    await page.goto(f"{world.base}/console/mi")
    await page.locator("#provider-responses").scroll_into_view_if_needed()
    await page.screenshot(path=str(SHOTS / "readme-mi.png"))
    await page.context.close()


async def test_the_shortlist_and_papers_pages_have_the_same_look(world: World) -> None:
    page = await sign_in(world, MAYA)
    await page.goto(f"{world.base}/console/referrals/{world.northby}")
    await page.get_by_role("button", name="Close the response window now").click()
    await page.get_by_role("button", name="Yes, close the response window now").click()
    await page.locator("#result-banner").wait_for()
    await page.context.close()
    comparison = (await wait_for(lambda: [
        c for c in world.sink.to("sam.taylor@northby.gov.example")
        if "responses ready" in c.message["Subject"]]))[0]
    link = re.search(r"http://\S+/shortlist/\S+", comparison.text()).group(0)

    social_worker = await world.browser.new_context(viewport={"width": 1280, "height": 900})
    page = await social_worker.new_page()
    await page.goto(link)
    await page.get_by_label(re.compile("Option A")).check()
    await page.get_by_label("Parents' views (what the parents").fill("Mum likes option A.")
    await page.get_by_label("Not sought — reason").last.fill("she is in hospital this week")
    await shot(page, "9-shortlist")
    before = len(world.sink.caught)
    await page.get_by_role("button", name="Send the shortlist (to confirm by email)").click()
    await page.get_by_role("heading", name="Check your email").wait_for()
    confirm = (await wait_for(lambda: [c for c in world.sink.caught[before:]
                                       if "confirm the shortlist" in c.message["Subject"]]))[0]
    await page.goto(re.search(r"http://\S+/shortlist/confirm/\S+", confirm.text()).group(0))
    await page.get_by_role("button", name="Confirm this shortlist").click()
    await page.get_by_role("heading", name="Shortlist sent for approval").wait_for()
    await shot(page, "10-shortlist-sent")
    await social_worker.close()

    from workflows.events import Actor, ApprovalGiven

    for commissioner in ("alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"):
        await world.service.engine.handle_reference(world.northby, ApprovalGiven(
            actor=Actor(commissioner), key=f"browser:{commissioner}", decision="approve"))
    papers = (await wait_for(lambda: [c for c in world.sink.caught
                                      if "full papers" in c.message["Subject"]]))[0]
    provider = await world.browser.new_context(viewport={"width": 1280, "height": 900})
    page = await provider.new_page()
    await page.goto(re.search(r"http://\S+/papers/\S+", papers.text()).group(0))
    text = await page.inner_text("main")
    assert "Full referral papers" in text and "placements@northby.gov.example" in text
    assert "Casey Marie Hollin" in text  # the full papers, to the shortlisted provider only
    await shot(page, "11-papers")
    await provider.close()
