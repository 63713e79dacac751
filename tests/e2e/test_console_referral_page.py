"""A referral's console page as the placements team lead and a consortium operator read it,
against a search made the way real ones are: the referral and the homes' replies over SMTP,
the team's and the commissioners' decisions through the engine.

An operator (the consortium's staff, not the council's) reads the words staff wrote about
the child anonymised, as the audit pack gives them; the council's own officer reads them as
written. The page says how each home it went to stands and who must act next."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

from broker.clock import FrozenClock
from tests.conftest import wait_for
from tests.console_client import signed_in
from tests.console_search import act, home_replies, send
from tests.factories import SAMPLE_REFERRAL, referral_email
from workflows.events import Actor, ApprovalGiven, Shortlisted, WindowClosed

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SAM, MAYA = "sam.taylor@northby.gov.example", "maya.osei@northby.gov.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
OPERATOR = "hub.operations@consortium.example"
CHILD = ("Casey", "Hollin", "14/03/2012", "999 000 0115")
VIEWS = {"parents": "Casey's mum wants her close to Lee and her nan",
         "child": "Casey Hollin wants to keep playing football"}
QUESTION = "Has Casey been asked about moving schools?"


def _by(address: str) -> Actor:
    return Actor(address=address, channel="web")


async def _page(http: Any, url: str) -> str:
    async with http.get(url) as response:
        assert response.status == 200, url
        return unescape(await response.text())


async def _shortlisted(service: Any, sink: Any) -> dict[str, Any]:
    """A referral sent out, two homes offering and one declining, the window closed and the
    shortlist (its views naming the child) with the commissioners: one has approved."""
    await send(service, referral_email(SAMPLE_REFERRAL, sender=SAM), SAM,
                "referrals@broker.localhost")
    ack = (await wait_for(lambda: [c for c in sink.caught if SAM in c.rcpt_tos
                                   and "REF-" in c.message["Subject"]]))[0]
    reference = re.search(r"REF-\d{4}-\d{6}", ack.message["Subject"]).group(0)
    sent = await wait_for(lambda: [c for c in sink.caught if c.message["Reply-To"]
                                   and reference in c.message["Subject"]])
    offer = "Decision: Offer\nWeekly fee: £{}\nAvailable from: 01/12/2026\nOfsted rating: Good"
    homes = [await home_replies(service, sent[0], offer.format("4,900")),
             await home_replies(service, sent[1], offer.format("5,100")),
             await home_replies(service, sent[2], "Decision: Decline\nDecline reason: Too far")]
    await wait_for(lambda: len([c for c in sink.caught if "response received" in
                                c.message["Subject"]]) >= 3)
    await act(service, reference, WindowClosed(actor=_by(MAYA), key="t:close"))
    await act(service, reference, Shortlisted(actor=_by(SAM), key="t:shortlist",
                                               labels=("A", "B"), views=VIEWS))
    await act(service, reference, ApprovalGiven(actor=_by(ALEX), key="t:alex",
                                                 decision="question", reason=QUESTION))
    await act(service, reference, ApprovalGiven(actor=_by(ALEX), key="t:alex2",
                                                 decision="approve"))
    names = service.engine.parts.directory
    return {"reference": reference, "homes": [names.establishment(h).name for h in homes],
            "sent": sent}


async def test_an_operator_reads_the_childs_details_nowhere_on_a_referrals_page(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    service = await service_factory(sqlite_url, relay=smtp_sink.url,
                                    clock=FrozenClock(START), approvals_needed=2)
    known = await _shortlisted(service, smtp_sink)
    url = f"http://127.0.0.1:{service.web_port}/console/referrals/{known['reference']}"
    async with await signed_in(service, smtp_sink, OPERATOR) as operator:
        page = await _page(operator, url)
    assert "Parents' views:" in page and "Round 1: options A, B" in page
    assert [value for value in CHILD if value.lower() in page.lower()] == []
    async with await signed_in(service, smtp_sink, MAYA) as officer:  # the council's own
        page = await _page(officer, url)
    assert VIEWS["child"] in page and VIEWS["parents"] in page and QUESTION in page


def _recipients(page: str) -> dict[str, str]:
    """Wave 1's recipients table: each home's name → its answer."""
    table = page.split('id="recipients-1"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows[1:]]
    return {c[0].strip(): c[1].strip() for c in cells if len(c) > 1}


def _waiting(page: str) -> str:
    line = re.sub(r"<[^>]+>", " ", page.split('id="waiting-for">')[1].split("</p>")[0])
    return " ".join(line.split())


async def test_the_page_says_how_each_home_answered_and_who_acts_next_and_late_is_shown(
        sqlite_url: str, smtp_sink: Any, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(sqlite_url, relay=smtp_sink.url, clock=clock,
                                    approvals_needed=2)
    known = await _shortlisted(service, smtp_sink)
    reference, (first, second, declined) = known["reference"], known["homes"]
    base = f"http://127.0.0.1:{service.web_port}/console"
    async with await signed_in(service, smtp_sink, MAYA) as officer:
        page = await _page(officer, f"{base}/referrals/{reference}")
        assert _waiting(page) == (  # the round's approval expires two days after it went
            "Waiting for: 1 more commissioner's approval (not yet: Ruth Adeyemi and Nadia "
            "Brennan; approved: Alex Morgan), by 4 Nov 2026, 09:00.")
        answers = _recipients(page)
        assert answers[first] == answers[second] == "answered: offer"
        assert answers[declined] == "answered: decline (location)"  # "Too far", as coded
        silent = [home for home, answer in answers.items() if answer.startswith("not answered")]
        assert len(silent) == len(answers) - 3 and silent  # every other home, said so
        await act(service, reference, ApprovalGiven(actor=_by(RUTH), key="t:ruth",
                                                     decision="approve"))
        page = await _page(officer, f"{base}/referrals/{reference}")
        due = "3 Nov 2026, 09:00"  # released at 09:00 GMT; an urgent referral's day to confirm
        homes = {f"{first} and {second}", f"{second} and {first}"}
        assert _waiting(page) in {f"Waiting for: {h} to confirm by {due}; then Sam Taylor to "
                                  "CHOOSE." for h in homes}
        home = await _page(officer, base)
        assert reference not in home.split('id="needs-attention"')[1]  # not yet due
    clock.advance(timedelta(days=1, minutes=1))
    async with await signed_in(service, smtp_sink, MAYA) as officer:  # a new day's session
        page = await _page(officer, f"{base}/referrals/{reference}")
        assert "Overdue" in page.split('id="waiting-for"')[1].split("</p>")[0]
        panel = (await _page(officer, base)).split('id="needs-attention"')[1]
        entry = panel.split(f">{reference}</a>")[1].split("</tr>")[0]
        assert f"Overdue: {first} and {second}" in entry or f"Overdue: {second} and {first}" \
            in entry
        assert f"to confirm by {due}; then Sam Taylor to CHOOSE" in entry
        papers = [c for c in smtp_sink.caught if "full papers" in c.message["Subject"].lower()
                  and reference in c.message["Subject"]]
        before = len(smtp_sink.caught)  # the emails before hers: some say "confirm" too
        confirmed = await home_replies(service, next(c for c in papers if first in c.text()),
                                 "Having read the papers we confirm our offer.")
        await wait_for(lambda: [c for c in smtp_sink.caught[before:] if confirmed and
                                "confirm" in c.text() and SAM in c.rcpt_tos])
        page = await _page(officer, f"{base}/referrals/{reference}")
        assert _waiting(page).startswith(f"Overdue Waiting for: {second} to confirm by {due}")
