"""A referral's console page as the placements team lead and a consortium operator read it,
against a search made the way real ones are: the referral and the homes' replies over SMTP,
the team's and the commissioners' decisions through the engine.

An operator (the consortium's staff, not the council's) reads the words staff wrote about
the child anonymised, as the audit pack gives them; the council's own officer reads them as
written. The page says how each home it went to stands and who must act next."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from html import unescape
from typing import Any

from broker.clock import FrozenClock
from broker.tokens import read_token
from tests.conftest import wait_for
from tests.console_client import signed_in
from tests.factories import SAMPLE_REFERRAL, SECRET, referral_email, send_smtp
from tests.replies import outlook_top_posted
from workflows.events import Actor, ApprovalGiven, Shortlisted, WindowClosed

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SAM, MAYA = "sam.taylor@northby.gov.example", "maya.osei@northby.gov.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
OPERATOR = "hub.operations@consortium.example"
CHILD = ("Casey", "Hollin", "14/03/2012", "999 000 0115")
VIEWS = {"parents": "Casey's mum wants her close to Lee and her nan",
         "child": "Casey Hollin wants to keep playing football"}
QUESTION = "Has Casey been asked about moving schools?"


async def _send(service: Any, message: Any, sender: str, to: str) -> None:
    await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender, to=to)


async def _reply(service: Any, original: Any, text: str) -> str:
    establishment = read_token(SECRET.encode(),
                               original.message["Reply-To"].split("@")[0][2:]).establishment
    await _send(service, outlook_top_posted(original, original.rcpt_tos[0], text),
                original.rcpt_tos[0], original.message["Reply-To"])
    return establishment


async def _act(service: Any, reference: str, event: Any) -> None:
    handled = await service.engine.handle_reference(reference, event)
    assert handled.answer.accepted, handled.answer.message


def _by(address: str) -> Actor:
    return Actor(address=address, channel="web")


async def _page(http: Any, url: str) -> str:
    async with http.get(url) as response:
        assert response.status == 200, url
        return unescape(await response.text())


async def _shortlisted(service: Any, sink: Any) -> dict[str, Any]:
    """A referral sent out, two homes offering and one declining, the window closed and the
    shortlist (its views naming the child) with the commissioners: one has approved."""
    await _send(service, referral_email(SAMPLE_REFERRAL, sender=SAM), SAM,
                "referrals@broker.localhost")
    ack = (await wait_for(lambda: [c for c in sink.caught if SAM in c.rcpt_tos
                                   and "REF-" in c.message["Subject"]]))[0]
    reference = re.search(r"REF-\d{4}-\d{6}", ack.message["Subject"]).group(0)
    sent = await wait_for(lambda: [c for c in sink.caught if c.message["Reply-To"]
                                   and reference in c.message["Subject"]])
    offer = "Decision: Offer\nWeekly fee: £{}\nAvailable from: 01/12/2026\nOfsted rating: Good"
    homes = [await _reply(service, sent[0], offer.format("4,900")),
             await _reply(service, sent[1], offer.format("5,100")),
             await _reply(service, sent[2], "Decision: Decline\nDecline reason: Too far")]
    await wait_for(lambda: len([c for c in sink.caught if "response received" in
                                c.message["Subject"]]) >= 3)
    await _act(service, reference, WindowClosed(actor=_by(MAYA), key="t:close"))
    await _act(service, reference, Shortlisted(actor=_by(SAM), key="t:shortlist",
                                               labels=("A", "B"), views=VIEWS))
    await _act(service, reference, ApprovalGiven(actor=_by(ALEX), key="t:alex",
                                                 decision="question", reason=QUESTION))
    await _act(service, reference, ApprovalGiven(actor=_by(ALEX), key="t:alex2",
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
