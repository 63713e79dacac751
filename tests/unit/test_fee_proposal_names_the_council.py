"""The authority's fee proposal to the chosen home (provider/fee_proposal) names the council,
the start it runs from (the home's offered start, as a proposal at a counter's fee names the
counter's) and asks for a reply, without a date the service does not hold it to (ux49 U7)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.provider_mail import rendered
from tests.snapshots import SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FeeProposed
from workflows.lifecycle import decide
from workflows.states import State


def _proposal_text(start: str | None) -> str:
    negotiating = snapshot(State.NEGOTIATING)
    offer = negotiating.responses["kestrel-house"]
    fields = {**offer.fields, **({"available_from": start} if start else {})}
    negotiating = replace(negotiating, responses={"kestrel-house": replace(offer,
                                                                           fields=fields)})
    decision = decide(negotiating, FeeProposed(actor=actor(SW), key="p", fee=Decimal("4500")))
    [proposal] = [c for c in decision.commands if isinstance(c, SendEmail)
                  and c.template == "provider/fee_proposal"]
    message = rendered(proposal)
    assert "the authority proposes £4,500 a week" in str(message["Subject"])  # as answered
    return " ".join(message.get_body(("plain",)).get_content().split())


def test_the_proposal_names_the_council_and_the_offered_start() -> None:
    text = _proposal_text("2026-12-14")
    assert text.startswith("Northby Council proposes a weekly fee of £4,500 for Kestrel House, "
                           "from Monday 14 December 2026, the start you offered")
    assert "The authority proposes" not in text
    assert "Please reply as soon as you can, for referral REF-2026-000001" in text


def test_a_proposal_without_a_start_on_record_names_none() -> None:
    text = _proposal_text(None)
    assert text.startswith("Northby Council proposes a weekly fee of £4,500 for Kestrel "
                           "House. Reply \"Agreed\"")
