"""What the placement agreement says of the home's offer, over SMTP on loopback (round ux49s
U8): "the home's confirmed offer" only of a home that confirmed its offer having read the
full papers (its "offer-confirmed" event, loaded with the negotiation), and the placed email
to the social worker with the condition the offer rests on and the year's cost."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from broker.clock import FrozenClock
from tests.conftest import wait_for
from tests.console_search import act, caught, send, shortlist_approved
from tests.factories import REFERRER
from tests.replies import quoted_plain
from workflows.events import Actor, Chosen, FeeAgreed

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
OFFER = ("Decision: Offer\nHome or carer: Our home\nWeekly fee: £4,800\n"
         "Available from: 14/12/2026\n\nWe can offer, subject to a matching meeting with our "
         "registered manager.")


def _words(email: Any) -> str:
    return " ".join(email.text().split())


@pytest.mark.parametrize("confirms", [True, False])
async def test_the_agreement_says_confirmed_only_of_an_offer_confirmed_on_the_papers(
        database_url: str, smtp_sink: Any, service_factory: Any, confirms: bool) -> None:
    service = await service_factory(database_url, relay=smtp_sink.url,
                                    clock=FrozenClock(START), approvals_needed=2)
    reference, home = await shortlist_approved(service, smtp_sink, OFFER)
    papers = (await wait_for(lambda: caught(smtp_sink, home, "full papers")))[0]
    if confirms:
        await send(service, quoted_plain(papers, home, "Confirmed, thank you."), home,
                   papers.message["Reply-To"])
        await wait_for(lambda: caught(smtp_sink, REFERRER, "confirmed its offer"))
    await act(service, reference, Chosen(actor=Actor(address=REFERRER, channel="web"),
                                         key="t:choose", label="A"))
    chosen = _words((await wait_for(lambda: caught(smtp_sink, REFERRER, " chosen - ")))[0])
    assert "Its offer comes with a condition: “subject to a matching meeting with our " \
           "registered manager”. Make sure it is met before you AGREE" in chosen
    await act(service, reference, FeeAgreed(actor=Actor(address=REFERRER, channel="web"),
                                            key="t:agree"))

    ipa = _words((await wait_for(lambda: caught(smtp_sink, home,
                                                 "Individual Placement Agreement")))[0])
    covers = ipa.split("The fee covers:")[1].split("Additional costs")[0]
    assert ("which the home confirmed having read the full papers" in covers) is confirms
    assert "the home's confirmed offer" not in covers
    placed = _words((await wait_for(lambda: caught(smtp_sink, REFERRER,
                                                    "placement agreed")))[0])
    assert "A year at that rate: £249,600" in placed
    assert "offer came with a condition: “subject to a matching meeting with our registered " \
           "manager”. Make sure it has been met." in placed
