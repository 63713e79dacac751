"""The budget holder's sign-off request and the social worker's notice of it
(templates/email/budget_holder, workflows/signoff.py), rendered from real decisions: the
sum a budget holder is asked to sign, in pounds as people write them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import BUDGET, SW, actor, snapshot
from workflows.events import FeeAgreed
from workflows.lifecycle import decide
from workflows.states import State


def _rendered(fee: str, costs: str) -> dict[str, str]:
    """Kestrel House approved at £4,900 (budget £5,000), agreed at `fee` with `costs`."""
    negotiating = snapshot(State.NEGOTIATING)
    offer = negotiating.responses["kestrel-house"]
    before = replace(negotiating, fee_rounds=((1, "provider", fee),), responses={
        "kestrel-house": replace(offer, fields={**offer.fields, "additional_costs": costs})})
    decision = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    bodies = {}
    for command in decision.commands:
        if getattr(command, "template", "") in ("budget_holder/sign_off_request",
                                                "social_worker/sign_off_requested"):
            raw = renderer.render(command, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
            message = message_from_bytes(raw, policy=policy.default)
            bodies[command.template] = (str(message["Subject"]) + "\n"
                                        + message.get_body(("plain",)).get_content())
    return bodies


def test_the_budget_holder_sees_fee_extras_total_limit_budget_and_when() -> None:
    """£4,800 is over the £6,000 limit only with the £1,500 a week of 2:1 staffing: the
    request says so in a sum, against the budget, with the day the place is needed."""
    body = _rendered("4800.00", "£1,500 a week for 2:1 staffing")["budget_holder/sign_off_request"]
    assert "a weekly cost of £6,300 needs your sign-off" in body
    for line in ("Fee: £4,800 a week", "Additional costs: £1,500 a week",
                 "Total: £6,300 a week", "Budget: £5,000 a week, £1,300 over it",
                 "the total is above your authority's sign-off limit of £6,000 a week",
                 "Needed from: Tuesday 1 December 2026"):
        assert line in body
    assert ".00" not in body


def test_a_fee_risen_since_approval_is_explained_to_both() -> None:
    sent = _rendered("5950.00", "none")
    request, notice = sent["budget_holder/sign_off_request"], sent[
        "social_worker/sign_off_requested"]
    assert "risen since the commissioners approved the shortlist (£4,900 → £5,950 a week)" \
        in request
    assert "sign-off limit" not in request  # £5,950 is under it: not the reason
    assert "more than the commissioners approved for this home (£4,900 → £5,950 a week)" \
        in notice
    assert BUDGET in notice


def _ipa(decision) -> dict:  # type: ignore[no-untyped-def]
    from workflows.commands import IssueDocument

    [document] = [c for c in decision.commands if isinstance(c, IssueDocument)]
    return document.context


def test_the_ipa_counts_only_the_rounds_of_negotiation_and_names_the_sign_off() -> None:
    """£6,500 agreed at once and signed off: no rounds of negotiation (asking for the sign-off
    and giving it are none), and the budget holder who signed it, with the day."""
    from broker.ipa_pdf import ipa_pdf
    from workflows.events import FeeSignedOff

    asked = decide(replace(snapshot(State.NEGOTIATING), fee_rounds=((1, "provider", "6500.00"),)),
                   FeeAgreed(actor=actor(SW), key="a")).snapshot
    terms = _ipa(decide(asked, FeeSignedOff(actor=actor(BUDGET), key="b")))
    assert (terms["rounds"], terms["how_agreed"]) == (0, "agreed as requested")
    assert BUDGET in terms["signed_off_by"] and terms["signed_off_on"] == "2026-11-25"
    pdf = ipa_pdf(terms).decode("latin-1")
    assert "agreed as requested; signed off by" in pdf and "25 November 2026" in pdf


def test_the_ipa_counts_a_proposal_and_a_counter_as_two_rounds() -> None:
    from workflows.events import FeeProposed

    before = snapshot(State.NEGOTIATING)  # Kestrel House asked £4,800
    proposed = decide(before, FeeProposed(actor=actor(SW), key="p", fee=Decimal("4500")))
    countered = replace(proposed.snapshot, fee_rounds=(*proposed.snapshot.fee_rounds,
                                                      (3, "provider", "4600.00")))
    terms = _ipa(decide(countered, FeeAgreed(actor=actor(SW), key="a")))
    assert terms["how_agreed"] == "agreed after 2 rounds of negotiation"
    assert "signed_off_by" not in terms
