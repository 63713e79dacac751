"""The chosen home's counter with a new start, over SMTP on loopback (rule
`counter-start-agreed`): "We can do £4,500 from 21/12" while its offer said 14/12 is held and
the social worker warned with the exact line to send; her PROPOSE at that fee tells the home
it is from the 21st, its "Agreed" places the child, and her confirmation and the Individual
Placement Agreement carry the 21st, not the start on record."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from broker.clock import FrozenClock
from broker.db.tables import ReferralEvent
from tests.conftest import wait_for
from tests.console_search import act, caught, send, shortlist_approved
from tests.factories import REFERRER
from tests.replies import quoted_plain
from workflows.events import (
    Actor,
    Chosen,
    FeeProposed,
)

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _words(email: Any) -> str:
    return " ".join(email.text().split())


async def _chosen(database_url: str, smtp_sink: Any, service_factory: Any
                  ) -> tuple[Any, str, str, Any]:
    """A referral whose home (its offer from 14/12 at £4,800) is chosen: the service, the
    reference, the home's address and the email telling it it was chosen."""
    clock = FrozenClock(START)
    service = await service_factory(database_url, relay=smtp_sink.url, clock=clock,
                                    approvals_needed=2)
    reference, home = await shortlist_approved(
        service, smtp_sink, "Decision: Offer\nHome or carer: Our home\nWeekly fee: £4,800\n"
        "Available from: 14/12/2026")
    await act(service, reference, Chosen(actor=Actor(address=REFERRER, channel="web"),
                                         key="t:choose", label="A"))
    chosen = (await wait_for(lambda: caught(smtp_sink, home, "chosen")))[0]
    return service, reference, home, chosen


@pytest.mark.parametrize("counter", [
    "We can do £4,500 from 21/12.",
    "£4,500 is our floor, from 21/12.",  # round 61 k02: the figure put forward by words after it
])
async def test_the_counters_start_is_the_agreed_start_on_the_ipa(
        database_url: str, smtp_sink: Any, service_factory: Any, counter: str) -> None:
    service, _, home, chosen = await _chosen(database_url, smtp_sink, service_factory)

    # The home's counter with a new start: held, and she is told the exact line to send.
    await send(service, quoted_plain(chosen, home, counter), home,
               chosen.message["Reply-To"])
    asks = "asks £4,500 a week from Monday 21 December 2026"
    warned = _words((await wait_for(lambda: caught(smtp_sink, REFERRER, asks)))[0])
    assert "from Monday 21 December 2026, not Monday 14 December 2026 as its offer said" \
        in warned
    line = re.search(r"reply with just this line: (PROPOSE £4,500 per week)", warned)
    assert line is not None
    told_home = _words((await wait_for(lambda: caught(smtp_sink, home, "other terms")))[0])
    assert "propose £4,500 to you from Monday 21 December 2026" in told_home

    # Her line, sent as she would: the home is told the proposal is from the 21st.
    await send(service, quoted_plain((await wait_for(lambda: caught(
        smtp_sink, REFERRER, asks)))[0], REFERRER, line.group(1)), REFERRER,
        "referrals@broker.localhost")
    proposal = (await wait_for(lambda: caught(smtp_sink, home, "proposes £4,500")))[0]
    assert "from Monday 21 December 2026, the start you put forward" in _words(proposal)
    await send(service, quoted_plain(proposal, home, "Agreed, thank you."), home,
               proposal.message["Reply-To"])

    ipa = _words((await wait_for(lambda: caught(smtp_sink, home,
                                                 "Individual Placement Agreement")))[0])
    assert "Start date: Monday 21 December 2026" in ipa
    assert "for one child from Monday 21 December 2026" in ipa
    placed = _words((await wait_for(lambda: caught(smtp_sink, REFERRER,
                                                    "placement agreed")))[0])
    assert re.search(r"Start date: Monday 21 December 2026 \(the start [^()]+ put forward with "
                     r"this fee; its offer said Monday 14 December 2026\)", placed)
    async with service.engine.parts.sessions() as session:
        events = {e.kind: e.data for e in (await session.execute(
            select(ReferralEvent))).scalars()}
    assert events["placed"]["start_date"] == "2026-12-21"
    assert events["placed"]["start_agreed"] == "counter"
    assert events["counter-start-held"]["fee"] == f"{Decimal('4500'):.2f}"


async def test_the_home_cannot_agree_to_a_start_it_put_forward_after_her_proposal(
        database_url: str, smtp_sink: Any, service_factory: Any) -> None:
    """She proposes £4,500, saying nothing of the start; the home answers "We can do £4,500
    but only from 04/01/2027 now", then "Agreed, thank you." to her proposal: no placement
    agreement, and she is told. Only her own PROPOSE after the counter, whose email tells the
    home it is from the 4th, agreed, puts the 4th on the agreement."""
    service, reference, home, _ = await _chosen(database_url, smtp_sink, service_factory)
    await act(service, reference, FeeProposed(actor=Actor(address=REFERRER, channel="web"),
                                              key="t:propose", fee=Decimal("4500")))
    proposal = (await wait_for(lambda: caught(smtp_sink, home, "proposes £4,500")))[0]
    assert "the start you put forward" not in _words(proposal)
    await send(service, quoted_plain(proposal, home, "We can do £4,500 but only from "
                                                     "04/01/2027 now."),
               home, proposal.message["Reply-To"])
    asks = "asks £4,500 a week from Monday 4 January 2027"
    await wait_for(lambda: caught(smtp_sink, REFERRER, asks))
    await send(service, quoted_plain(proposal, home, "Agreed, thank you."), home,
               proposal.message["Reply-To"])
    held = (await wait_for(lambda: caught(smtp_sink, REFERRER, asks)[1:]))[0]
    assert 'replied "Agreed", but after your latest proposal it asked for £4,500 a week from ' \
           "Monday 4 January 2027, not Monday 14 December 2026 as its offer said" in _words(held)
    line = re.search(r"reply with just this line: (PROPOSE £4,500 per week)", _words(held))
    assert line is not None
    assert not caught(smtp_sink, home, "Individual Placement Agreement")
    async with service.engine.parts.sessions() as session:
        kinds = [e.kind for e in (await session.execute(select(ReferralEvent))).scalars()]
    assert "placed" not in kinds

    await send(service, quoted_plain(held, REFERRER, line.group(1)), REFERRER,
               "referrals@broker.localhost")
    again = (await wait_for(lambda: caught(smtp_sink, home, "proposes £4,500")[1:]))[0]
    assert "from Monday 4 January 2027, the start you put forward" in _words(again)
    await send(service, quoted_plain(again, home, "Agreed, thank you."), home,
               again.message["Reply-To"])
    ipa = _words((await wait_for(lambda: caught(smtp_sink, home,
                                                 "Individual Placement Agreement")))[0])
    assert "Start date: Monday 4 January 2027" in ipa
