"""Management information and the sufficiency report against a history made the way real
ones are: referrals and provider replies sent over SMTP, the team's and the commissioners'
decisions through the engine, a placement agreed by the provider's email. The test knows
every answer from what it sent; the page and the CSV must show the same figures, for one
authority and for the consortium."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html import escape
from typing import Any

from broker.clock import FrozenClock
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.console_client import signed_in
from tests.console_search import act, home_replies, send
from tests.factories import CONFIG, SAMPLE_REFERRAL, SECRET, referral_email
from tests.replies import quoted_plain
from workflows.events import (
    Actor,
    ApprovalGiven,
    Chosen,
    FeeProposed,
    Shortlisted,
    UnmetDeclared,
    WindowClosed,
)

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SAM, MAYA = "sam.taylor@northby.gov.example", "maya.osei@northby.gov.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
OPERATOR = "hub.operations@consortium.example"
FOSTERING = (SAMPLE_REFERRAL.replace("Placement type: Residential", "Placement type: Fostering")
             .replace("Urgency: Urgent", "Urgency: Emergency")
             .replace("Needs: SEMH, CSE risk, missing episodes", "Needs: SEMH")
             .replace("Date of birth: 14/03/2012", "Date of birth: 02/05/2016")
             .replace("NHS number: 999 000 0115", "NHS number: 999 000 0301"))  # another child
KINGSHOLT = (CONFIG / "samples" / "referral-kingsholt.txt").read_text()


async def _referral(service: Any, sink: Any, body: str, sender: str) -> tuple[str, list[Any]]:
    """Sent over SMTP; its reference and the emails to its providers, in the order sent."""
    before = len(sink.caught)
    await send(service, referral_email(body, sender=sender), sender,
                "referrals@broker.localhost")
    ack = (await wait_for(lambda: [c for c in sink.caught[before:] if sender in c.rcpt_tos
                                   and "REF-" in c.message["Subject"]]))[0]
    reference = re.search(r"REF-\d{4}-\d{6}", ack.message["Subject"]).group(0)
    await asyncio.sleep(0.3)
    return reference, [c for c in sink.caught if c.message["Reply-To"]
                       and reference in c.message["Subject"]]


def _actor(address: str) -> Actor:
    return Actor(address=address, channel="web")


async def seed(service: Any, sink: Any, clock: FrozenClock) -> dict[str, Any]:
    placed, to_placed = await _referral(service, sink, SAMPLE_REFERRAL, SAM)
    unmet, to_unmet = await _referral(service, sink, FOSTERING, SAM)
    kingsholt, _ = await _referral(service, sink, KINGSHOLT, "jo.brennan@kingsholt.gov.example")
    clock.advance(timedelta(hours=3))  # every reply comes three hours after the broadcast
    offer = await home_replies(service, to_placed[0], (
        "Decision: Offer\nHome or carer: Our home\nWeekly fee: £4,900\n"
        "Available from: 01/12/2026\nOfsted rating: Good"))
    replied = [offer, await home_replies(service, to_placed[1], "Sorry, we have no vacancies "
                                                                "at the moment."),
               await home_replies(service, to_placed[2], "Decision: Decline\nDecline reason: "
                                                         "Needs too complex"),
               await home_replies(service, to_unmet[0], "Sorry, we have no vacancies at the "
                                                        "moment."),
               await home_replies(service, to_unmet[1], "Decision: Decline\nDecline reason: "
                                                        "Too far")]
    sent = [read_token(SECRET.encode(), c.message["Reply-To"].split("@")[0][2:]).establishment
            for c in (*to_placed, *to_unmet)]
    await wait_for(lambda: len([c for c in sink.caught if "response received" in
                                c.message["Subject"]]) >= 5)
    await act(service, unmet, UnmetDeclared(actor=_actor(MAYA), key="t:unmet",
                                             reason="no foster carers near school"))
    await act(service, placed, WindowClosed(actor=_actor(MAYA), key="t:close"))
    await act(service, placed, Shortlisted(actor=_actor(SAM), key="t:shortlist",
                                            labels=("A",), views={"parents": "Mum likes A",
                                                                  "child": "Yes"}))
    for commissioner in (ALEX, RUTH):
        await act(service, placed, ApprovalGiven(actor=_actor(commissioner),
                                                  key=f"t:{commissioner}", decision="approve"))
    clock.advance(timedelta(days=2) - timedelta(hours=3))  # placed two days after referral
    await act(service, placed, Chosen(actor=_actor(SAM), key="t:choose", label="A"))
    await act(service, placed, FeeProposed(actor=_actor(SAM), key="t:fee",
                                            fee=Decimal("4500")))
    proposal = (await wait_for(lambda: [c for c in sink.caught if "proposes £4,500" in
                                        c.message["Subject"]]))[0]
    await send(service, quoted_plain(proposal, proposal.rcpt_tos[0], "Agreed, thank you."),
                proposal.rcpt_tos[0], proposal.message["Reply-To"])
    await wait_for(lambda: [c for c in sink.caught if "Individual Placement Agreement" in
                            c.message["Subject"]])
    return {"placed": placed, "unmet": unmet, "kingsholt": kingsholt, "offer": offer,
            "replied": replied, "sent": sent,
            "home": service.engine.parts.directory.establishment(offer)}


def row_html(*cells: Any) -> str:
    return "".join(f'<td class="govuk-table__cell">{escape(str(c))}</td>' for c in cells)


async def _get(http: Any, url: str) -> str:
    async with http.get(url) as response:
        assert response.status == 200, url
        return await response.text()


async def table_csv(http: Any, base: str, kind: str, name: str, query: str = "") -> list[list[str]]:
    text = await _get(http, f"{base}/console/{kind}/{name}.csv?{query}")
    return list(csv.reader(io.StringIO(text)))


async def test_the_figures_are_those_of_the_history_made_through_the_service(
        database_url: str, smtp_sink: Any, service_factory: Any) -> None:
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock,
                                    approvals_needed=2)
    known = await seed(service, smtp_sink, clock)
    base = f"http://127.0.0.1:{service.web_port}"
    directory = service.engine.parts.directory
    home = known["home"]
    organisation = directory.organisation(home.organisation).name
    kind = next(a.kind for a in directory.arrangements_of(home)
                if a.key in {x.key for x in directory.arrangements.values() if "northby" in
                             x.members})
    month = "2026-11"
    expected_mi = {
        "referrals-by-type": [["Fostering", "1", "0", "0", "1"],
                              ["Residential", "0", "1", "0", "1"]],
        "time-to-placement": [[known["placed"], "Residential", "Urgent", "2.0"]],
        "fees": [[known["placed"], home.name, "4900.00", "4500.00", "400.00", "0.00",
                  "4500.00", "5200.00", "-700.00", "0.00", "not needed"]],
        "framework-share": [[kind.replace("-", " ").capitalize() if len(kind) > 4
                             else kind.upper(), "1", "100%"]],
        "fairness": [["1 need or none", "1", "18", "2", "11%", "0", "0%", "0%"],
                     ["2 or 3 needs", "1", "12", "3", "25%", "1", "8%", "100%"],
                     ["4 or more needs", "0", "0", "0", "-", "0", "-", "-"]],
    }
    expected_sufficiency = {
        "unmet-by-month": [[month, "1", "1"]],
        "unmet-by-need": [["SEMH", "1", "1"]],
        "unmet-by-age": [["5 to 10", "1", "1"]],
        "unmet-by-area": [["SE15", "1", "1"]],
        "declines-by-type": [["Fostering", "0", "1", "1", "2"],
                             ["Residential", "1", "0", "1", "2"]],
        "declines-by-month": [[month, "1", "1", "2", "4"]],
    }
    async with await signed_in(service, smtp_sink, MAYA) as http:
        for kind_, expected in (("mi", expected_mi), ("sufficiency", expected_sufficiency)):
            page = await _get(http, f"{base}/console/{kind_}?authority=kingsholt")  # ignored
            assert "For Northby Council: 2 referral(s)" in page
            for name, rows in expected.items():
                got = await table_csv(http, base, kind_, name)
                assert got[1:] == rows, (name, got)
                for row in rows:
                    assert row_html(*row) in page, (name, row)
        page = await _get(http, f"{base}/console/mi")
        assert "£400 a week avoided (8%)" in page and "Median 2.0 days" in page
        assert 'role="img"' in page and "<svg" in page and "<script" not in page
        responses = await table_csv(http, base, "mi", "provider-responses")
        org_of = {k: directory.establishment(k).organisation for k in known["sent"]}
        asked = sum(1 for k in known["sent"] if org_of[k] == home.organisation)
        answered = sum(1 for k in known["replied"] if org_of[k] == home.organisation)
        assert [organisation, str(asked), str(answered), f"{100 * answered / asked:.0f}%", "1",
                "3.0"] in responses  # one offer; every reply three hours after the broadcast
        columns = (await table_csv(http, base, "sufficiency", "declines-by-type"))[0]
        assert columns == ["Placement type", "Cannot meet needs", "Location", "No vacancy",
                           "Total"]
        empty = await table_csv(http, base, "mi", "referrals-by-type",
                                "from=2025-01-01&to=2025-12-31")
        assert empty == [["Placement type", "Emergency", "Urgent", "Planned", "Total"]]
        far = await _get(http, f"{base}/console/mi?from=0001-01-01&to=9999-12-31")
        assert "shortened to fit" in far  # not a count over millennia, nor a 500
    # The commissioner's spend against the agreed rate: config/arrangements.yaml gives the
    # South London framework's residential band £4,200-£4,400 and Kestrel Homes its own
    # tendered £4,350; the placement was agreed at £4,500 (52 weeks: £234,000).
    arrangement = directory.arrangement(
        next(m for m in directory.arrangements_of(home) if "northby" in m.members).key)
    assert arrangement is not None and arrangement.key == "south-london-residential"
    rate, above = (("£4,350", "£150") if home.organisation == "kestrel-homes"
                   else ("£4,200 to £4,400", "£100"))
    spend_row = [known["placed"], "Residential", home.name, organisation,
                 "South London Residential Framework", "4500.00", rate, f"above by {above}",
                 "234000.00"]
    async with await signed_in(service, smtp_sink, ALEX) as http:
        page = await _get(http, f"{base}/console/mi")
        assert (await table_csv(http, base, "mi", "spend"))[1:] == [spend_row]
        assert row_html(*spend_row) in page
        assert f"1 above it by {above} a week in all" in page
        by_arrangement = await table_csv(http, base, "mi", "spend-by-arrangement")
        assert by_arrangement[1:] == [["South London Residential Framework", "1", "4500.00",
                                       "234000.00", "0", "1", above[1:] + ".00", "0", "0"]]
        assert "Spot placements against the framework rate" in page
        assert "No spot placements in this period." in page
    async with await signed_in(service, smtp_sink, OPERATOR) as http:
        page = await _get(http, f"{base}/console/mi")
        assert "For the consortium: 3 referral(s)" in page
        assert (await table_csv(http, base, "mi", "referrals-by-type",
                                "authority=consortium"))[1:] == [
            ["Fostering", "1", "0", "0", "1"], ["Residential", "0", "2", "0", "2"]]
        kingsholt = await table_csv(http, base, "mi", "referrals-by-type", "authority=kingsholt")
        assert kingsholt[1:] == [["Residential", "0", "1", "0", "1"]]
