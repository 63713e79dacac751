"""Full-papers links on a real aiohttp server: served only to a provider with a live grant,
refused plainly otherwise, and every attempt recorded in `papers_access`.

Rows are inserted directly on a migrated SQLite database; the clock is frozen.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import (
    Document,
    DocumentGrant,
    InboundMessage,
    PaperGrant,
    PapersAccess,
    Referral,
    ShortlistRound,
)
from broker.directory import load_directory
from broker.forms import load_referral_spec
from broker.links import make_link_token
from broker.tokens import base36, mask_id
from channels.web.app import build_web_app
from tests.factories import CONFIG, REFERRER, ROOT, migrated

SECRET = b"papers-test-secret"
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
CHILD = "Casey Marie Hollin"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Site:
    client: TestClient[Any, Any]
    sessions: Any
    clock: FrozenClock
    referral_id: int

    def token(self, establishment: str = "larch-house", *, ttl: timedelta = timedelta(days=7),
              purpose: str = "papers", subject: str | None = None) -> str:
        return make_link_token(SECRET, purpose, self.referral_id, subject or establishment,
                               NOW + ttl)

    async def accesses(self) -> list[PapersAccess]:
        async with self.sessions() as session:
            query = select(PapersAccess).order_by(PapersAccess.id)
            return list((await session.execute(query)).scalars())

    async def change_grant(self, **values: Any) -> None:
        async with self.sessions() as session:
            grant = (await session.execute(select(PaperGrant))).scalars().one()
            for name, value in values.items():
                setattr(grant, name, value)
            await session.commit()


def _message(sender: str, attachments: list[tuple[str, str, bytes]]) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "referrals@x.example", "Ref"
    message.set_content(f"Child's name: {CHILD}\n")
    for filename, content_type, data in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


async def _rows(sessions: Any) -> int:
    async with sessions() as session:
        referral = Referral(
            reference="REF-2026-000001", state="approved", authority="northby",
            referrer=REFERRER, created_at=NOW - timedelta(days=9),
            raw_fields={"child_name": CHILD, "placement_type": "Residential",
                        "background": "First line.\nSecond line.", "budget_weekly": "£5,200",
                        "extra_note": "Kept"})
        session.add(referral)
        await session.flush()
        assert referral.id is not None
        social_worker = _message(REFERRER, [("referral form.docx", DOCX, b"PK\x03\x04 form"),
                                            ("Plan été.txt", "text/plain", b"care plan")])
        provider = _message("larch.house@larchcare.example",
                            [("our-fees.pdf", "application/pdf", b"%PDF fees")])
        session.add_all([
            InboundMessage(received_at=NOW, raw=social_worker, outcome="open",
                           referral_id=referral.id),
            InboundMessage(received_at=NOW, raw=provider, outcome="response",
                           referral_id=referral.id),
            PaperGrant(referral_id=referral.id, establishment="larch-house",
                       granted_at=NOW, expires_at=NOW + timedelta(days=14)),
        ])
        await session.commit()
        return referral.id


@pytest.fixture
async def site(sqlite_url: str) -> AsyncIterator[Site]:
    engine, sessions = await migrated(sqlite_url)
    clock = FrozenClock(NOW)
    app = build_web_app(sessions, ROOT / "templates", secret=SECRET, clock=clock,
                        referral_spec=load_referral_spec(CONFIG),
                        directory=load_directory(CONFIG))
    referral_id = await _rows(sessions)
    async with TestClient(TestServer(app)) as client:
        yield Site(client, sessions, clock, referral_id)
    await engine.dispose()


async def test_a_valid_link_shows_the_full_form_and_the_attachments(site: Site) -> None:
    response = await site.client.get(f"/papers/{site.token()}",
                                     headers={"User-Agent": "Mozilla/5.0 " + "x" * 500})
    page = await response.text()
    assert response.status == 200
    assert CHILD in page and "REF-2026-000001" in page
    assert "personal to <strong>Larch House</strong>" in page  # the home, by name
    # until when, in UK time as the emails say it (it said "07 December 2026, 10:00 UTC")
    assert "works until\n10:00am on Monday 7 December 2026 (UK time)." in page
    assert "UTC" not in page
    assert 'href="mailto:placements@northby.gov.example"' in page  # whom to ask
    assert "Child&#39;s name" in page and "Background and risks" in page
    assert page.index("Child&#39;s name") < page.index("Background and risks")
    assert "First line.\nSecond line." in page and "Extra note" in page
    assert "5,200" not in page  # the budget is never shown to providers
    assert "referral form.docx" in page and "Plan été.txt" in page
    assert "our-fees.pdf" not in page  # another provider's reply is not part of the papers
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"].startswith("noindex")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    [access] = await site.accesses()
    assert (access.referral_id, access.establishment, access.what, access.outcome) == (
        site.referral_id, "larch-house", "referral", "served")
    assert access.at == NOW and access.remote == "127.0.0.1"
    assert access.user_agent.startswith("Mozilla/5.0") and len(access.user_agent) == 200


async def test_the_attachments_are_read_off_the_event_loop(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decoding a referral's attachments (10 MB of them take half a second) happens in a
    worker thread, so the loop keeps serving, and once: the page and each download after it
    (a provider reloading its papers) use what was decoded."""
    import threading

    from channels.web import papers

    threads: list[threading.Thread] = []

    def watched(raws: Any) -> Any:
        threads.append(threading.current_thread())
        return attachments(raws)

    attachments = papers.attachments
    monkeypatch.setattr(papers, "attachments", watched)
    token = site.token()
    assert (await site.client.get(f"/papers/{token}")).status == 200
    assert (await site.client.get(f"/papers/{token}/attachments/1")).status == 200
    assert (await site.client.get(f"/papers/{token}")).status == 200
    assert len(threads) == 1 and threading.main_thread() not in threads


async def test_an_attachment_downloads_with_its_type_and_name(site: Site) -> None:
    token = site.token()
    response = await site.client.get(f"/papers/{token}/attachments/1")
    assert response.status == 200
    assert await response.read() == b"PK\x03\x04 form"
    assert response.headers["Content-Type"] == DOCX
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="referral form.docx"')
    assert "sandbox" in response.headers["Content-Security-Policy"]
    second = await site.client.get(f"/papers/{token}/attachments/2")
    assert await second.read() == b"care plan"
    assert "filename*=UTF-8''Plan%20%C3%A9t%C3%A9.txt" in second.headers["Content-Disposition"]
    for number in ("3", "x"):  # 3 would be the other provider's file
        missing = await site.client.get(f"/papers/{token}/attachments/{number}")
        assert missing.status == 404 and missing.headers["Cache-Control"] == "no-store"
    # recorded by number and content, never by the file's name (often the child's); a
    # refusal, as any, once a minute per client and link (#x is the same link's, in it)
    form, plan = (hashlib.sha256(data).hexdigest()[:16] for data in (b"PK\x03\x04 form",
                                                                    b"care plan"))
    assert [(a.what, a.outcome) for a in await site.accesses()] == [
        (f"attachment:#1 sha256:{form}", "served"), (f"attachment:#2 sha256:{plan}", "served"),
        ("attachment:#3", "refused:not-found")]


UNKNOWN_LINK = "This link has expired or is no longer valid. Ask the placements team for a new one."
EXPIRED_LINK = "This link has expired. Ask the placements team for a new one."
SEARCH_CLOSED = "This search has closed and the papers are no longer available."
WITHDRAWN_LINK = "Access through this link has been withdrawn."


async def _says(site: Site, path: str, says: str) -> None:
    """The refusal page, saying `says` and none of the other refusals' words."""
    response = await site.client.get(path)
    page = await response.text()
    assert response.status == 403
    assert says in page
    for other in {UNKNOWN_LINK, EXPIRED_LINK, SEARCH_CLOSED, WITHDRAWN_LINK} - {says}:
        assert other not in page
    assert CHILD not in page and "REF-2026" not in page and "Casey" not in page
    assert response.headers["Cache-Control"] == "no-store"


async def _refused(site: Site, path: str, says: str = UNKNOWN_LINK) -> PapersAccess:
    await _says(site, path, says)
    [access] = await site.accesses()
    return access


async def test_an_expired_link_is_refused_and_logged(site: Site) -> None:
    token = site.token(ttl=timedelta(days=1))
    site.clock.advance(timedelta(days=1))
    access = await _refused(site, f"/papers/{token}", EXPIRED_LINK)
    assert (access.referral_id, access.establishment, access.outcome) == (
        site.referral_id, "larch-house", "refused:expired")


async def test_an_expired_grant_is_refused_whatever_the_link_says(site: Site) -> None:
    await site.change_grant(expires_at=NOW - timedelta(minutes=1))
    access = await _refused(site, f"/papers/{site.token()}", EXPIRED_LINK)
    assert access.outcome == "refused:expired"


async def test_a_revoked_grant_is_refused_and_logged(site: Site) -> None:
    await site.change_grant(revoked_at=NOW - timedelta(hours=1))
    access = await _refused(site, f"/papers/{site.token()}/attachments/1", WITHDRAWN_LINK)
    assert (access.what, access.outcome) == ("attachment:#1", "refused:revoked")


async def _search_ends(site: Site, state: str, chosen: str = "") -> None:
    async with site.sessions() as session:
        referral = await session.get(Referral, site.referral_id)
        referral.state, referral.chosen = state, chosen
        await session.commit()


@pytest.mark.parametrize("state", ["placed", "unmet", "withdrawn", "ended"])
async def test_a_home_not_chosen_is_told_the_search_has_closed_not_to_ask_again(
        site: Site, state: str) -> None:
    """Its closing email told it to delete the papers: the link must not send it back to
    the placements team for a new one, whether its grant was revoked or its link ran out."""
    await _search_ends(site, state, chosen="oak-lodge")
    await site.change_grant(revoked_at=NOW - timedelta(hours=1))
    access = await _refused(site, f"/papers/{site.token()}", SEARCH_CLOSED)
    assert access.outcome == "refused:revoked"
    token = site.token(ttl=timedelta(days=1))
    site.clock.advance(timedelta(days=2))
    await _says(site, f"/papers/{token}/attachments/1", SEARCH_CLOSED)


async def test_the_chosen_homes_expired_link_is_only_expired_while_it_cares_for_her(
        site: Site) -> None:
    """Placed with Larch House, its grant live: the papers are still its to have, so an
    expired link is one the placements team can replace."""
    await _search_ends(site, "placed", chosen="larch-house")
    assert (await site.client.get(f"/papers/{site.token()}")).status == 200
    token = site.token(ttl=timedelta(days=1))
    site.clock.advance(timedelta(days=2))
    await _says(site, f"/papers/{token}", EXPIRED_LINK)


async def test_links_not_ours_say_nothing_of_a_search_that_has_ended(site: Site) -> None:
    """A stranger learns nothing from the answer: a forged or altered link, or one naming a
    home never given the papers, reads as it always did, whatever became of the referral."""
    await _search_ends(site, "placed", chosen="oak-lodge")
    await site.change_grant(revoked_at=NOW - timedelta(hours=1))
    token = site.token()
    for path in (f"/papers/{token[:-1]}{'0' if token[-1] != '0' else '1'}",
                 f"/papers/{site.token('oak-lodge')}", "/papers/not-a-token"):
        await _says(site, path, UNKNOWN_LINK)


async def test_a_provider_without_a_grant_is_refused_and_logged(site: Site) -> None:
    access = await _refused(site, f"/papers/{site.token('oak-lodge')}")
    assert (access.referral_id, access.establishment, access.outcome) == (
        site.referral_id, "oak-lodge", "refused:not-granted")


@pytest.mark.parametrize("alter", [
    lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),  # signature changed
    lambda token: token.replace(".larch-house.", ".oak-lodge."),  # subject changed
    lambda token: "papers.1.larch-house.zzzz.abcdefabcdefabcdefabcdef",  # forged
    lambda token: "not-a-token",
])
async def test_an_altered_link_is_refused_and_logged(site: Site, alter: Any) -> None:
    access = await _refused(site, f"/papers/{alter(site.token())}")
    assert (access.referral_id, access.establishment, access.outcome) == (
        0, "", "refused:invalid")


async def test_a_shortlist_link_does_not_open_papers(site: Site) -> None:
    token = site.token(purpose="shortlist", subject=REFERRER)
    access = await _refused(site, f"/papers/{token}")
    assert access.outcome == "refused:invalid"


async def test_without_a_secret_there_are_no_link_pages(sqlite_url: str) -> None:
    engine, sessions = await migrated(sqlite_url)
    async with TestClient(TestServer(build_web_app(sessions, ROOT / "templates"))) as client:
        response = await client.get("/papers/anything")
        assert response.status == 404
        assert (await client.get("/healthz")).status == 200
    await engine.dispose()


async def test_links_that_are_none_of_ours_are_recorded_once_a_minute(site: Site) -> None:
    """Anyone can ask for any URL: a row for each would let them fill the table and queue
    for the write lock at will. Every made-up link of a client's is one refusal."""
    for n in range(30):
        for path in (f"/papers/not-a-token-{n}", f"/ipa/not-a-token-{n}"):
            assert (await site.client.get(path)).status == 403
    assert [a.outcome for a in await site.accesses()] == ["refused:invalid"]
    site.clock.advance(timedelta(minutes=1, seconds=1))
    assert (await site.client.get("/ipa/not-a-token")).status == 403
    assert [a.outcome for a in await site.accesses()] == ["refused:invalid"] * 2


async def test_a_link_of_ours_refused_is_recorded_once_a_minute_and_served_ones_always(
        site: Site) -> None:
    """Review 36: a dropped home's revoked link, asked for 759 times in 5 seconds, wrote 759
    rows. Each refused link of ours (papers and their attachments, or the IPA; one holder's)
    is now recorded once a minute per client; what is served is recorded every time."""
    await _ipa(site)
    for _ in range(3):
        assert (await site.client.get(f"/papers/{site.token()}")).status == 200
    await site.change_grant(revoked_at=NOW)
    async with site.sessions() as session:
        ipa = (await session.execute(select(DocumentGrant))).scalars().one()
        ipa.revoked_at = NOW
        await session.commit()
    ipa_link = site.token(purpose="ipa", subject=TEAM)
    for n in range(20):
        for path in (f"/papers/{site.token()}", f"/papers/{site.token()}/attachments/{n}",
                     f"/ipa/{ipa_link}", f"/papers/{site.token('oak-lodge')}"):
            assert (await site.client.get(path)).status == 403
    expected = [("referral", "served")] * 3 + [
        ("referral", "refused:revoked"), ("ipa", "refused:revoked"),
        ("referral", "refused:not-granted")]
    assert [(a.what, a.outcome) for a in await site.accesses()] == expected
    site.clock.advance(timedelta(seconds=59))
    assert (await site.client.get(f"/ipa/{ipa_link}")).status == 403
    site.clock.advance(timedelta(seconds=2))
    assert (await site.client.get(f"/ipa/{ipa_link}")).status == 403
    assert (await site.client.get(f"/papers/{site.token()}")).status == 403
    assert [(a.what, a.outcome) for a in await site.accesses()] == expected + [
        ("ipa", "refused:revoked"), ("referral", "refused:revoked")]


async def test_concurrent_refusals_of_one_link_write_one_row(site: Site) -> None:
    """Review 36: eight requests at once, each checking the table before any had committed,
    wrote five rows; the process remembers what it records before it asks the database."""
    await site.change_grant(revoked_at=NOW)
    expired = site.token(ttl=timedelta(days=1))
    site.clock.advance(timedelta(days=2))
    paths = [f"/papers/{site.token(ttl=timedelta(days=7))}"] * 8 + ["/papers/made-up"] * 8
    responses = await asyncio.gather(*(site.client.get(path) for path in paths))
    assert [r.status for r in responses] == [403] * 16
    responses = await asyncio.gather(*(site.client.get(f"/papers/{expired}")
                                       for _ in range(8)))
    assert sorted(a.outcome for a in await site.accesses()) == [
        "refused:invalid", "refused:revoked"]


async def test_a_refusal_another_instance_recorded_is_not_recorded_again(site: Site) -> None:
    """Another instance of the service, sharing the database, recorded this client's
    refusal of this link 30 seconds ago: this one records nothing more in the minute."""
    await site.change_grant(revoked_at=NOW)
    async with site.sessions() as session:
        session.add(PapersAccess(referral_id=site.referral_id, establishment="larch-house",
                                 at=NOW - timedelta(seconds=30), what="attachment:#1",
                                 outcome="refused:revoked", remote="127.0.0.1"))
        await session.commit()
    assert (await site.client.get(f"/papers/{site.token()}")).status == 403
    assert (await site.client.get(f"/papers/{site.token('oak-lodge')}")).status == 403
    assert [(a.what, a.establishment) for a in await site.accesses()] == [
        ("attachment:#1", "larch-house"), ("referral", "oak-lodge")]


async def test_the_papers_carry_the_young_persons_own_views(site: Site) -> None:
    """The chosen home hears the child in her own words, as the social worker recorded them
    with the shortlist (the papers are for approved homes, who may see identifying details)."""
    page = await (await site.client.get(f"/papers/{site.token()}")).text()
    assert "The social worker has not recorded the young person's views." in page
    async with site.sessions() as session:
        session.add(ShortlistRound(
            referral_id=site.referral_id, round=1, labels=["A"], establishments=["larch-house"],
            views={"child": "Casey: I want to keep my phone and see my nan on Sundays.",
                   "parents": "Mum likes A"}, by=REFERRER, at=NOW))
        await session.commit()
    page = await (await site.client.get(f"/papers/{site.token()}")).text()
    assert ">The young person's views</h2>" in page
    assert "In the young person's own words, as their social worker recorded them" in page
    assert "Casey: I want to keep my phone and see my nan on Sundays." in page
    assert "Mum likes A" not in page


async def test_the_young_persons_views_name_no_other_home(site: Site) -> None:
    """Her views weigh the shortlisted homes by name; Larch House (option A) reads them with
    every other home as its letter, however the name was typed, and its own name kept."""
    async with site.sessions() as session:
        referral = await session.get(Referral, site.referral_id)
        assert referral is not None
        referral.comparison = [
            {"label": "A", "establishment": "larch-house", "home": "Larch House"},
            {"label": "B", "establishment": "kestrel-house", "home": "Kestrel House"},
            {"label": "C", "establishment": "larch-house-annexe", "home": "Larch House Annexe"}]
        session.add(ShortlistRound(
            referral_id=site.referral_id, round=1, labels=["A", "B", "C"],
            establishments=["larch-house", "kestrel-house", "larch-house-annexe"],
            views={"child": "kestrel house is too far, Kestrel-House's staff shout. "
                            "larch house is ok but not Larch House Annexe.",
                   "child_reason": ""}, by=REFERRER, at=NOW))
        await session.commit()
    page = await (await site.client.get(f"/papers/{site.token()}")).text()
    assert ("Option B is too far, Option B&#39;s staff shout. larch house is ok but not "
            "Option C.") in page
    assert "kestrel" not in page.lower() and "annexe" not in page.lower()


TEAM = "Placements@northby.gov.example"  # the grant's subject, as the directory writes it


async def _ipa(site: Site) -> None:
    async with site.sessions() as session:
        session.add_all([
            Document(referral_id=site.referral_id, kind="ipa", created_at=NOW,
                     context={"reference": "REF-2026-000001", "issued_on": "2026-11-30"}),
            DocumentGrant(referral_id=site.referral_id, kind="ipa", subject=TEAM,
                          granted_at=NOW, expires_at=NOW + timedelta(days=14))])
        await session.commit()


async def test_the_teams_ipa_link_carries_no_address_and_the_access_names_the_team(
        site: Site) -> None:
    await _ipa(site)
    token = site.token(purpose="ipa", subject=TEAM)
    assert "@" not in token and "placements" not in token
    response = await site.client.get(f"/ipa/{token}")
    assert response.status == 200 and (await response.read()).startswith(b"%PDF")
    assert [(a.outcome, a.establishment) for a in await site.accesses()] == [("served", TEAM)]
    other = site.token(purpose="ipa", subject="alex.morgan@northby.gov.example")
    assert (await site.client.get(f"/ipa/{other}")).status == 403


async def test_an_ipa_link_sent_before_with_the_address_in_it_still_opens(site: Site) -> None:
    await _ipa(site)
    body = (f"ipa.{base36(mask_id(SECRET, site.referral_id))}.{TEAM.lower()}."
            f"{base36(int((NOW + timedelta(days=7)).timestamp()))}")
    old = body + "." + hmac.new(SECRET, b"link2:" + body.encode(),
                                hashlib.sha256).hexdigest()[:24]
    response = await site.client.get(f"/ipa/{old}")
    assert response.status == 200
    assert [(a.outcome, a.establishment) for a in await site.accesses()] == [("served", TEAM)]


# -- a HEAD is no opening; the method and the client behind a trusted proxy are recorded -----

async def test_a_head_is_answered_with_headers_only_and_recorded_as_such(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mail scanner HEADs every link in an email before anyone clicks: that is not the
    provider opening its papers, nor the IPA; nothing is decoded or built for it."""
    from channels.web import ipa, papers

    def not_for_a_head(*_args: Any) -> Any:
        raise AssertionError("built for a HEAD")

    await _ipa(site)
    monkeypatch.setattr(papers, "_attachments", not_for_a_head)
    monkeypatch.setattr(ipa, "ipa_pdf", not_for_a_head)
    page = await site.client.head(f"/papers/{site.token()}")
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Type"].startswith("text/html")
    document = await site.client.head(f"/ipa/{site.token(purpose='ipa', subject=TEAM)}")
    assert document.status == 200 and document.headers["Content-Type"] == "application/pdf"
    refused = await site.client.head(f"/papers/{site.token('kestrel-house')}")
    assert refused.status == 403
    assert [(a.what, a.method, a.outcome) for a in await site.accesses()] == [
        ("referral", "HEAD", "headers-only"), ("ipa", "HEAD", "headers-only"),
        ("referral", "HEAD", "refused:not-granted")]


async def test_a_head_of_an_attachment_is_not_a_download(site: Site) -> None:
    page = await (await site.client.get(f"/papers/{site.token()}")).text()
    assert "Plan été.txt" in page
    head = await site.client.head(f"/papers/{site.token()}/attachments/2")
    assert head.status == 200
    got = await site.client.get(f"/papers/{site.token()}/attachments/2")
    assert await got.read() == b"care plan"
    assert [(a.method, a.outcome) for a in await site.accesses()] == [
        ("GET", "served"), ("HEAD", "headers-only"), ("GET", "served")]


@pytest.fixture
async def proxied(sqlite_url: str) -> AsyncIterator[Site]:
    """The site behind a reverse proxy on this machine that the operator trusts."""
    from channels.web.clients import networks

    engine, sessions = await migrated(sqlite_url)
    clock = FrozenClock(NOW)
    app = build_web_app(sessions, ROOT / "templates", secret=SECRET, clock=clock,
                        referral_spec=load_referral_spec(CONFIG),
                        directory=load_directory(CONFIG),
                        trusted_proxies=networks("127.0.0.1, 10.0.0.0/8"))
    referral_id = await _rows(sessions)
    async with TestClient(TestServer(app)) as client:
        yield Site(client, sessions, clock, referral_id)
    await engine.dispose()


async def test_behind_a_trusted_proxy_the_client_is_the_one_it_names(proxied: Site) -> None:
    """Every access recorded the proxy's address, and the once-a-minute limit on made-up
    links was one minute for everyone behind it."""
    for client in ("203.0.113.7", "198.51.100.2"):
        for n in range(3):
            response = await proxied.client.get(f"/papers/made-up-{n}", headers={
                "X-Forwarded-For": f"{client}, 10.1.2.3"})  # through two proxies of ours
            assert response.status == 403
    # what the client wrote itself, left of the hop our proxy added, is not believed
    await proxied.client.get(f"/papers/{proxied.token()}",
                             headers={"X-Forwarded-For": "127.0.0.9, 192.0.2.44:51234"})
    assert [(a.remote, a.outcome) for a in await proxied.accesses()] == [
        ("203.0.113.7", "refused:invalid"), ("198.51.100.2", "refused:invalid"),
        ("192.0.2.44", "served")]


async def test_without_trusted_proxies_a_forwarded_for_header_is_ignored(site: Site) -> None:
    await site.client.get(f"/papers/{site.token()}", headers={"X-Forwarded-For": "192.0.2.1"})
    assert [a.remote for a in await site.accesses()] == ["127.0.0.1"]
