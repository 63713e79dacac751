"""The social worker's shortlist page on a real aiohttp server: the options with a checkbox
each, the views, one call to the port, problems beside the form, and the plain summary.

Rows are inserted directly on a migrated SQLite database; the port is a recording stub.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from broker.clock import FrozenClock
from broker.db.tables import Referral, Response, ShortlistRound
from broker.directory import load_directory
from broker.links import make_link_token
from broker.tokens import base36, mask_id
from channels.web.app import build_web_app
from channels.web.guard import form_key
from channels.web.plain import summarise
from tests.factories import CONFIG, REFERRER, ROOT, migrated
from workflows.ports import Answer

SECRET = b"shortlist-test-secret"
DIRECTORY = load_directory(CONFIG)
TEAM = "placements@northby.gov.example"  # Northby's placements team
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
OPTIONS = [
    {"label": "A", "establishment": "larch-house", "home": "Larch House", "decision": "offer",
     "ofsted_rating": "good", "location": "SE22", "distance_band": "10-25 km",
     "weekly_fee": "5450.00", "available_from": "2026-12-01", "late": False,
     "proposal": "A calm home with two other girls. Ring 020 7946 0321 or "
                 "email placements@larchcare.example to visit."},
    {"label": "B", "establishment": "oak-lodge", "home": "Oak Lodge", "decision": "interested",
     "ofsted_rating": "outstanding", "location": "BR1", "distance_band": "under 10 km",
     "weekly_fee": 6100, "available_from": None, "late": True,
     "proposal": "Solo placement with education on site; see www.oaklodge.example."},
]


@dataclass
class RecordingPort:
    answer: Answer = field(default_factory=lambda: Answer(
        True, "Nothing is recorded yet. We have emailed a link to confirm this shortlist."))
    calls: list[dict[str, Any]] = field(default_factory=list)
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)  # by confirm token
    confirmed: list[str] = field(default_factory=list)

    async def submit_shortlist(self, *_args: Any, **_kwargs: Any) -> Answer:
        raise AssertionError("a page opened by a link alone never records a shortlist")

    async def propose_shortlist(self, referral_id: int, actor: str, labels: list[str],
                                parents_views: str, child_views: str,
                                parents_reason: str = "", child_reason: str = "") -> Answer:
        self.calls.append(dict(referral_id=referral_id, actor=actor, labels=labels,
                               parents_views=parents_views, child_views=child_views,
                               parents_reason=parents_reason, child_reason=child_reason))
        return self.answer

    async def pending_shortlist(self, token: str) -> dict[str, Any] | None:
        return self.pending.get(token)

    async def confirm_shortlist(self, token: str) -> Answer:
        if self.pending.pop(token, None) is None:
            return Answer(False, "This confirm link has expired or has been used already.")
        self.confirmed.append(token)
        return Answer(True, "Shortlist A recorded for REF-2026-000007.",
                      reference="REF-2026-000007")


@dataclass
class Site:
    client: TestClient[Any, Any]
    port: RecordingPort
    referral_id: int

    def url(self, subject: str = REFERRER, ttl: timedelta = timedelta(days=3)) -> str:
        return "/shortlist/" + make_link_token(SECRET, "shortlist", self.referral_id, subject,
                                               NOW + ttl)

    async def form_key(self, url: str) -> str:
        page = await (await self.client.get(url)).text()
        found = re.search(r'name="form_key" value="([0-9a-f]+)"', page)
        assert found, page
        return found.group(1)


async def _referral(sessions: Any, state: str, shortlist: dict[str, Any],
                    options: list[dict[str, Any]] | None = None,
                    answers: dict[str, str] | None = None) -> int:
    async with sessions() as session:
        referral = Referral(
            reference="REF-2026-000007", state=state, authority="northby",
            referrer="Sam.Taylor@northby.gov.example", created_at=NOW - timedelta(days=3),
            raw_fields={"child_name": "Casey Marie Hollin"}, comparison=options or OPTIONS,
            anonymised={"profile": {"placement_type": "residential", "age": 14}})
        session.add(referral)
        await session.flush()
        if shortlist:
            views = {k: v for k, v in shortlist.items()
                     if k in ("parents", "child", "parents_reason", "child_reason")}
            session.add(ShortlistRound(
                referral_id=referral.id, round=1, labels=shortlist["labels"],
                establishments=shortlist["establishments"], views=views,
                by=shortlist["by"], at=NOW - timedelta(days=1)))
        for key, decision in (answers or {}).items():  # each home's current answer
            session.add(Response(referral_id=referral.id, establishment=key,
                                 decision=decision, received_at=NOW - timedelta(hours=2)))
        await session.commit()
        assert referral.id is not None
        return referral.id


async def _site(sqlite_url: str, state: str = "closed",
                shortlist: dict[str, Any] | None = None,
                options: list[dict[str, Any]] | None = None,
                mailbox: bool = False,
                answers: dict[str, str] | None = None) -> AsyncIterator[Site]:
    engine, sessions = await migrated(sqlite_url)
    port = RecordingPort()
    app = build_web_app(sessions, ROOT / "templates", secret=SECRET, clock=FrozenClock(NOW),
                        port=port, directory=DIRECTORY, mailbox=mailbox)
    referral_id = await _referral(sessions, state, shortlist or {}, options, answers)
    async with TestClient(TestServer(app)) as client:
        yield Site(client, port, referral_id)
    await engine.dispose()


@pytest.fixture
async def site(sqlite_url: str) -> AsyncIterator[Site]:
    async for made in _site(sqlite_url):
        yield made


@pytest.fixture
async def recorded_site(sqlite_url: str) -> AsyncIterator[Site]:
    shortlist = {"labels": ["B"], "establishments": ["oak-lodge"], "parents": "Mum likes B",
                 "child_reason": "too distressed to be asked today", "by": REFERRER}
    async for made in _site(sqlite_url, "approved", shortlist):
        yield made


@pytest.fixture
async def pending_site(sqlite_url: str) -> AsyncIterator[Site]:
    shortlist = {"labels": ["B"], "establishments": ["oak-lodge"], "parents": "Mum likes B",
                 "child_reason": "too distressed to be asked today", "by": REFERRER}
    async for made in _site(sqlite_url, "awaiting-approval", shortlist):
        yield made


async def test_the_page_lists_every_option_with_a_checkbox(site: Site) -> None:
    response = await site.client.get(site.url())
    page = await response.text()
    assert response.status == 200
    assert "REF-2026-000007" in page
    for label, home in (("A", "Larch House"), ("B", "Oak Lodge")):
        assert f'name="option" value="{label}"' in page and home in page
    assert "£5,450 a week" in page and ".00" not in page
    assert "(late)" in page and "1 December 2026" in page
    assert '<dd class="govuk-summary-list__value">Interested (late)</dd>' in page
    assert '<dd class="govuk-summary-list__value">Outstanding</dd>' in page
    for name in ("parents_views", "child_views", "parents_reason", "child_reason"):
        assert f'<label class="govuk-label" for="{name}"' in page and f'name="{name}"' in page
    assert ">Parents&#39; views</legend>" in page
    assert '<link rel="stylesheet" href="/govuk/govuk-frontend.min.css">' in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


async def test_a_post_calls_the_port_and_shows_its_answer(site: Site) -> None:
    url = site.url()
    form = {"form_key": await site.form_key(url), "option": ["a", "B"],
            "parents_views": "  Mum prefers A, near her work. ", "child_views": "",
            "parents_reason": "", "child_reason": "Casey was in hospital"}
    response = await site.client.post(url, data=[(k, v) for k, values in form.items()
                                                 for v in ([values] if isinstance(values, str)
                                                           else values)])
    page = await response.text()
    assert response.status == 200
    assert "Check your email" in page and "Nothing is recorded yet." in page
    assert site.port.calls == [dict(
        referral_id=site.referral_id, actor="Sam.Taylor@northby.gov.example",
        labels=["A", "B"], parents_views="Mum prefers A, near her work.", child_views="",
        parents_reason="", child_reason="Casey was in hospital")]


async def test_problems_are_shown_beside_the_form_with_what_was_typed(site: Site) -> None:
    site.port.answer = Answer(False, "The shortlist could not be recorded.", problems=[
        {"field": "child_views", "label": "Child's views",
         "problem": "give them, or say why they were not sought", "example": "not sought - ill"},
        {"field": "labels", "label": "Options", "problem": "there is no option Q", "example": ""},
    ])
    url = site.url()
    response = await site.client.post(url, data={
        "form_key": await site.form_key(url), "option": "Q", "parents_views": "Dad: <b>A</b>"})
    page = await response.text()
    assert "There is a problem" in page and "The shortlist could not be recorded." in page
    assert ('<p class="govuk-error-message error" id="child-error"><span '
            'class="govuk-visually-hidden">Error:</span> give them, or say why they were not '
            'sought</p>') in page
    assert ('<p class="govuk-error-message error"><span class="govuk-visually-hidden">Error:'
            '</span> there is no option Q</p>') in page
    assert ">Dad: &lt;b&gt;A&lt;/b&gt;</textarea>" in page  # kept, and escaped
    assert '<form method="post" novalidate>' in page


async def test_a_post_without_the_form_key_is_refused(site: Site) -> None:
    for data in ({"option": "A"}, {"option": "A", "form_key": "0" * 32}):
        response = await site.client.post(site.url(), data=data)
        assert response.status == 403
    assert site.port.calls == []


async def test_a_link_for_another_social_worker_or_expired_is_refused(site: Site) -> None:
    other = site.url("alex.morgan@northby.gov.example")
    expired = site.url(ttl=timedelta(seconds=0))
    for url in (other, expired, other + "/summary", site.url()[:-2] + "00"):
        response = await site.client.get(url)
        page = await response.text()
        assert response.status == 403, url
        # her own link that ran out says so; one not hers says what any unknown link says
        assert ("This link has expired. Ask the placements team for a new one." if url ==
                expired else "expired or is no longer valid") in page
        assert "Larch" not in page and "REF-2026" not in page
    response = await site.client.post(other, data={"option": "A", "form_key": "x"})
    assert response.status == 403 and site.port.calls == []


async def test_a_recorded_shortlist_is_shown_read_only(recorded_site: Site) -> None:
    url = recorded_site.url()
    page = await (await recorded_site.client.get(url)).text()
    assert "The shortlist recorded" in page and "<form" not in page
    # The views recorded are never shown to whoever holds the link: they are in her email.
    assert "Mum likes B" not in page and "too distressed" not in page
    assert "in the email that confirmed it" in page
    key = form_key(SECRET, url.rsplit("/", 1)[1])  # a form kept open from before
    response = await recorded_site.client.post(url, data={"option": "A", "form_key": key})
    assert response.status == 200 and "The shortlist recorded" in await response.text()
    assert recorded_site.port.calls == []


async def test_a_shortlist_awaiting_approval_can_be_replaced_as_by_email(
        pending_site: Site) -> None:
    """The page and an emailed SHORTLIST follow one lifecycle table: while the commissioners
    have it, a new shortlist replaces it (a new approval round)."""
    url = pending_site.url()
    page = await (await pending_site.client.get(url)).text()
    assert "The shortlist recorded" in page and "Mum likes B" not in page
    assert "<form" in page and "replaces this one" in page
    assert "Nothing is recorded, and nothing reaches the commissioners, until it is " \
           "confirmed" in page
    key = form_key(SECRET, url.rsplit("/", 1)[1])
    await pending_site.client.post(url, data={
        "option": "A", "form_key": key, "parents_views": "Mum now prefers A",
        "child_reason": "still too distressed"})
    assert [call["labels"] for call in pending_site.port.calls] == [["A"]]


async def test_the_parents_summary_has_a_link_of_its_own_that_opens_nothing_else(
        site: Site) -> None:
    """A parent sent the summary must not be able to cut its address back to the page that
    records a shortlist in the social worker's name."""
    page = await (await site.client.get(site.url())).text()
    found = re.search(r'href="(/summary/[^"]+)"', page)
    assert found, page
    summary = found.group(1)
    response = await site.client.get(summary)
    assert response.status == 200 and "Option A" in await response.text()
    token = summary.rsplit("/", 1)[1]
    assert (await site.client.get(f"/shortlist/{token}")).status == 403
    key = form_key(SECRET, token)
    posted = await site.client.post(f"/shortlist/{token}", data={"option": "B",
                                                                 "form_key": key})
    assert posted.status == 403 and site.port.calls == []
    assert token != site.url().rsplit("/", 1)[1]  # not the page's own link


async def test_the_summary_is_plain_and_has_no_fees_or_contacts(site: Site) -> None:
    """Facts only, the home's area from the directory (SE22 and BR1 are in London), never
    its own words: the social worker talks those through."""
    response = await site.client.get(site.url() + "/summary")
    page = await response.text()
    assert response.status == 200
    assert ('<h2 class="govuk-heading-m">Option A</h2>\n<p class="govuk-body">A children&#39;s '
            "home in London, about 6 to 15 miles away, rated Good by Ofsted, could start on "
            "1 December 2026.</p>") in page
    assert ('<h2 class="govuk-heading-m">Option B</h2>\n<p class="govuk-body">A children&#39;s '
            "home in London, less than 6 miles away, rated Outstanding by Ofsted (the best "
            "rating), has not said when they could start.</p>") in page
    assert "They have offered a place." in page
    assert "What the home wrote about itself: your social worker will tell you about it." in page
    for secret in ("£", "5450", "5,450", "6100", "6,100", "020 7946", "@larchcare",
                   "placements@", "www.oaklodge", "Larch House", "Oak Lodge", "Casey",
                   "(late)", "A calm home", "Solo placement", "SE22", "BR1"):
        assert secret not in page, secret


async def test_the_family_never_sees_a_homes_own_words(sqlite_url: str) -> None:
    """A home's proposal can describe the other children living there: the family (and
    whoever they forward the page to) must not read it."""
    told = {**OPTIONS[0], "proposal": "We currently have two boys, Jayden (15, CSE history, "
                                      "recently arrested) and Tom (16, ASD)."}
    async for site in _site(sqlite_url, options=[told]):
        page = await (await site.client.get(site.url() + "/summary")).text()
        assert "Option A" in page
        for leak in ("Jayden", "Tom", "CSE", "arrested", "two boys"):
            assert leak not in page, leak
        # The social worker still has them on her page.
        assert "Jayden" in await (await site.client.get(site.url())).text()


def test_each_option_reads_as_one_plain_sentence() -> None:
    [a, b] = summarise(OPTIONS, "fostering")
    assert a.headline == ("Option A: a foster family in SE22, about 6 to 15 miles away, rated "
                          "Good by Ofsted, could start on 1 December 2026.")
    assert not hasattr(b, "they_say")  # a provider's own words are not the family's to read
    [unknown] = summarise([{"label": "C", "location": "not given", "ofsted_rating": "",
                            "distance_band": "distance unknown"}], None)
    assert unknown.headline == ("Option C: a place to live, we don't know yet how far this is "
                                "from home, has not said when they could start.")


def test_a_start_already_past_is_straight_away() -> None:
    """A home that wrote "ASAP" has the day of its reply as its start: a week later the
    family reads that it could start straight away, not a date gone by."""
    options = [{"label": "A", "available_from": "2026-11-23"},
               {"label": "B", "available_from": "2026-11-25"},
               {"label": "C", "available_from": "2026-11-26"},
               {"label": "D", "available_from": "ASAP"}]
    a, b, c, d = summarise(options, "residential", today=date(2026, 11, 25))
    assert d.description.endswith("could start straight away.")
    assert a.description.endswith("could start straight away.")
    assert b.description.endswith("could start straight away.")
    assert c.description.endswith("could start on 26 November 2026.")


def test_the_family_summary_gives_a_town_or_area_never_a_street_address() -> None:
    """A reply's "Location: 14 Mill Lane, Hartfield" puts only Hartfield before the family;
    the directory's area for the home, or for an outward code, comes first."""
    def where(location: str, **option: str) -> str:
        [one] = summarise([{"label": "A", "location": location, **option}], "residential",
                          areas={"larch-house": "London", "TN7": "the South East"})
        return one.description.split(", ")[0] if "," in one.description else one.description

    assert where("14 Mill Lane, Hartfield") == "a children's home in Hartfield"
    assert where("Flat 2, Rose Cottage, Hartfield, East Sussex") == (
        "a children's home in East Sussex")
    assert where("14 Mill Lane") == "a children's home"
    assert where("TN7") == "a children's home in the South East"
    assert where("14 Mill Lane, Hartfield", establishment="larch-house") == (
        "a children's home in London")
    assert where("Oak Lodge, 3 High Street") == "a children's home"


async def test_the_summary_says_whom_it_is_for_and_until_when(site: Site) -> None:
    """The summary's link is the one for the family; the social worker's page says so, and
    that its own link is hers alone."""
    page = await (await site.client.get(site.url())).text()
    assert "The summary&#39;s link is the one to send the family" in page.replace("'", "&#39;")
    assert "This page&#39;s own link is yours alone" in page.replace("'", "&#39;")
    summary = re.search(r'href="(/summary/[^"]+)"', page)
    assert summary
    page = await (await site.client.get(summary.group(1))).text()
    assert "This page is for the young person and their family only" in page
    assert "REF-2026-000007" in page and "Casey" not in page
    assert "Please don't send it on or share screenshots of it." in page
    assert "This link stops working on 28 November 2026." in page  # the link's 3 days


async def test_an_expired_summary_link_points_the_family_to_their_social_worker(
        site: Site) -> None:
    page = await (await site.client.get(site.url(ttl=timedelta(seconds=0)))).text()
    found = re.search(r'href="(/summary/[^"]+)"', page)
    assert found is None  # the page itself is refused
    token = make_link_token(SECRET, "summary", site.referral_id, REFERRER, NOW)
    response = await site.client.get(f"/summary/{token}")
    page = await response.text()
    assert response.status == 403
    assert "Please ask your social worker for a new one." in page
    assert "placements team" not in page


async def test_the_summary_says_what_happens_next_and_speaks_to_the_young_person(
        site: Site) -> None:
    page = await (await site.client.get(site.url() + "/summary")).text()
    assert ">What happens next</h2>" in page and "with your views" in page
    assert ">For you, the young person</h2>" in page and "What you think matters." in page
    assert "Still being considered" not in page  # nothing approved yet


async def test_after_approval_the_summary_marks_the_options_still_considered(
        recorded_site: Site) -> None:
    page = await (await recorded_site.client.get(recorded_site.url() + "/summary")).text()
    a = page.index("Option A</h2>")
    b = page.index("Option B</h2>")
    assert "Not chosen. This home has been told." in page[a:b]
    assert "Still being considered." in page[b:]


async def test_the_summary_says_a_home_has_since_withdrawn_not_that_it_still_offers(
        sqlite_url: str) -> None:
    """Attacker's review 21: built from the comparison alone, it told the family a home
    that had withdrawn had "offered a place" and was "still being considered"."""
    shortlist = {"labels": ["A", "B"], "establishments": ["larch-house", "oak-lodge"],
                 "parents": "Mum likes B", "child_reason": "too distressed", "by": REFERRER}
    async for site in _site(sqlite_url, "negotiating", shortlist,
                            answers={"larch-house": "withdrawn", "oak-lodge": "offer"}):
        page = await (await site.client.get(site.url() + "/summary")).text()
        a, b = page.index("Option A</h2>"), page.index("Option B</h2>")
        assert "No longer being considered." in page[a:b]
        assert "They have since withdrawn, so this place is no longer on offer." in page[a:b]
        assert "Still being considered." not in page[a:b]
        assert "They have offered a place." not in page[a:b]
        # B was interested at the comparison, and has offered since
        assert "Still being considered." in page[b:]
        assert "They have offered a place." in page[b:]


def test_a_homes_current_answer_is_what_the_family_reads() -> None:
    a, b = summarise(OPTIONS, "residential", answers={"larch-house": "decline"})
    assert (a.decision, a.withdrawn) == ("They have since withdrawn, so this place is no "
                                         "longer on offer.", True)
    assert b.decision.startswith("They are interested") and not b.withdrawn


async def test_only_a_demonstration_says_its_people_are_fictional(sqlite_url: str) -> None:
    """A real council's page must not say its children are made up; the demonstration's
    (the dev mailbox's mode) does."""
    async for site in _site(sqlite_url):
        page = await (await site.client.get(site.url())).text()
        assert "Placement referral broker." in page and "fictional" not in page
    async for demo in _site(sqlite_url.replace(".db", "-demo.db"), mailbox=True):
        page = await (await demo.client.get(demo.url())).text()
        assert "in this demonstration is fictional" in page


async def test_the_teams_own_link_submits_as_the_team(site: Site) -> None:
    """The team's copy of the comparison carries a link naming the team: what it submits
    is recorded as the team's, not as the social worker's."""
    url = site.url(TEAM)
    response = await site.client.post(url, data={
        "form_key": await site.form_key(url), "option": "A", "parents_views": "Agreed",
        "child_views": "not sought - unwell"})
    assert response.status == 200
    assert [call["actor"] for call in site.port.calls] == [TEAM]


@pytest.mark.parametrize("state", ["placed", "ended", "unmet", "withdrawn"])
async def test_once_the_search_is_over_the_link_shows_nothing(sqlite_url: str,
                                                              state: str) -> None:
    async for site in _site(sqlite_url, state=state, shortlist={
            "labels": ["A"], "establishments": ["larch-house"], "by": REFERRER,
            "parents": "Mum would like A"}):
        for url in (site.url(), site.url() + "/summary"):
            response = await site.client.get(url)
            page = await response.text()
            assert response.status == 403, url
            assert "Mum would like" not in page and "Larch" not in page
            assert "its shortlist page is closed" in page and "new one" not in page
        # The family's summary says the search has finished: there is no new link to ask
        # for, whether its own link is live or has run out since.
        for ttl in (timedelta(days=3), timedelta(seconds=0)):
            token = make_link_token(SECRET, "summary", site.referral_id, REFERRER, NOW + ttl)
            page = await (await site.client.get(f"/summary/{token}")).text()
            assert ("The search for a home has finished. Your social worker will tell you "
                    "what happens next.") in page
            assert "new one" not in page and "Mum would like" not in page


async def test_a_summary_link_not_ours_says_nothing_of_a_search_that_has_ended(
        sqlite_url: str) -> None:
    """A stranger's altered link, or one for someone else, reads as it always did."""
    async for site in _site(sqlite_url, state="placed"):
        token = make_link_token(SECRET, "summary", site.referral_id, REFERRER, NOW)
        other = make_link_token(SECRET, "summary", site.referral_id,
                                "alex.morgan@northby.gov.example", NOW + timedelta(days=3))
        for link in (token[:-1] + ("0" if token[-1] != "0" else "1"), other):
            page = await (await site.client.get(f"/summary/{link}")).text()
            assert ("This link has expired or is no longer valid. Please ask your social "
                    "worker for a new one.") in page
            assert "finished" not in page


async def test_a_body_that_is_no_readable_form_is_a_400_with_the_private_headers(
        site: Site) -> None:
    """A multipart body without its boundary is the sender's mistake, not a server error."""
    response = await site.client.post(site.url(), data=b"garbage", headers={
        "Content-Type": "multipart/form-data; boundary=x"})
    assert response.status == 400
    assert response.headers["Cache-Control"] == "no-store"
    assert site.port.calls == []


async def test_only_the_govuk_stylesheet_is_served_never_the_packages_examples(
        site: Site) -> None:
    """govuk-frontend ships example pages with forms; on our origin they could be framed
    and dressed up as ours, so only the stylesheet the pages link is served."""
    sheet = await site.client.get("/govuk/govuk-frontend.min.css")
    assert sheet.status == 200 and sheet.headers["X-Content-Type-Options"] == "nosniff"
    assert ".govuk-" in await sheet.text()
    for path in ("/govuk/components/button/template-default.html",
                 "/govuk/components/button/fixtures.json", "/govuk/govuk-frontend.min.js",
                 "/govuk/"):
        assert (await site.client.get(path)).status == 404, path


def test_the_family_summary_shows_a_providers_location_as_a_place_only() -> None:
    """A provider's Location carrying its manager's phone and web address puts neither
    before the family, nor any sentence of its own in the service's words."""
    [option] = summarise([{
        "label": "A", "decision": "offer", "ofsted_rating": "good", "available_from": "",
        "location": "Croydon. Parents: call our manager directly on 07700 900123 or email "
                    "mum.help@larchcare-direct.example, www.larchcare-direct.example"}],
        "residential")
    assert option.description.startswith("a children's home in Croydon,")
    for leak in ("07700", "mum.help", "www.", "Parents: call"):
        assert leak not in option.description, leak
    [silent] = summarise([{"label": "B", "location": "Call 07700 900123", "decision": "offer"}],
                         "residential")
    assert "07700" not in silent.description and " in " not in silent.description


async def test_no_address_in_the_pages_links_and_the_page_still_knows_who_acts(
        site: Site) -> None:
    """The page's own link and the summary's carry the social worker's address as a keyed
    digest only: they are kept in logs and histories, and the summary's goes to a family."""
    url = site.url("Sam.Taylor@northby.gov.example")
    assert "@" not in url and "sam" not in url.lower()
    page = await (await site.client.get(url)).text()
    found = re.search(r'href="(/summary/[^"]+)"', page)
    assert found and "@" not in found.group(1) and "sam" not in found.group(1)
    assert (await site.client.get(found.group(1))).status == 200
    await site.client.post(url, data={"form_key": await site.form_key(url), "option": "A",
                                      "parents_views": "Agreed", "child_views": "not sought"})
    assert [call["actor"] for call in site.port.calls] == ["Sam.Taylor@northby.gov.example"]


async def test_a_link_sent_before_with_the_address_in_it_still_opens_its_page(
        site: Site) -> None:
    body = (f"shortlist.{base36(mask_id(SECRET, site.referral_id))}.{REFERRER.lower()}."
            f"{base36(int((NOW + timedelta(days=3)).timestamp()))}")
    old = "/shortlist/" + body + "." + hmac.new(SECRET, b"link2:" + body.encode(),
                                                hashlib.sha256).hexdigest()[:24]
    assert "@" in old  # the shape links had before
    page = await (await site.client.get(old)).text()
    assert "Option A" in page
    summary = re.search(r'href="(/summary/[^"]+)"', page)
    assert summary and "@" not in summary.group(1)  # a new link made from it has none
    assert (await site.client.get(summary.group(1))).status == 200
    await site.client.post(old, data={"form_key": await site.form_key(old), "option": "B",
                                      "parents_views": "Agreed", "child_views": "not sought"})
    assert [call["actor"] for call in site.port.calls] == ["Sam.Taylor@northby.gov.example"]


async def test_a_digest_for_someone_else_opens_nothing(site: Site) -> None:
    assert (await site.client.get(site.url("alex.morgan@northby.gov.example"))).status == 403


PENDING = {"reference": "REF-2026-000007", "options": [{"label": "A", "home": "Larch House"}],
           "views": {"parents": "Mum prefers A", "child": "", "child_reason": "in hospital"},
           "replaces": {"round": 1, "labels": ["B"], "at": NOW - timedelta(days=1),
                        "by": REFERRER},
           "expires_at": NOW + timedelta(hours=24)}


async def test_the_emailed_confirm_link_shows_what_it_records_and_acts_only_by_its_button(
        site: Site) -> None:
    """Opening the link (as a mail scanner does) records nothing; the page says the
    shortlist came from the web page and what it replaces; its button records it once."""
    site.port.pending["tok-1"] = dict(PENDING)
    response = await site.client.get("/shortlist/confirm/tok-1")
    page = await response.text()
    assert response.status == 200 and site.port.confirmed == []
    assert "given on the shortlist web page" in page and "A. Larch House" in page
    assert "Mum prefers A" in page and "Not sought: in hospital" in page
    assert "replaces the shortlist given on 24 November 2026 (B)" in page
    assert '<form method="post">' in page and "Confirm this shortlist" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    response = await site.client.post("/shortlist/confirm/tok-1")
    assert response.status == 200 and "Shortlist sent for approval" in await response.text()
    assert site.port.confirmed == ["tok-1"]
    for method in ("GET", "POST"):  # used: the same refusal as every other link
        response = await site.client.request(method, "/shortlist/confirm/tok-1")
        page = await response.text()
        assert response.status == 403 and "has been used already" in page
        assert "Larch" not in page and "Mum" not in page
    assert site.port.confirmed == ["tok-1"]
