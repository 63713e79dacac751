"""A one-off sum added to a home's additional costs after the approval is money nobody
approved (attacker review 28, F2): a home approved at its weekly fee with no additional costs
that answers again at the same fee and start with "£40,000 set-up fee, invoiced on the first
day" has not confirmed its offer, and agreeing to it waits for a budget holder's sign-off, as
a weekly rise does (workflows/signoff.py `one_off_added`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from email import message_from_bytes, policy

import pytest

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import BUDGET, NOW, SW, actor, snapshot
from tests.unit.test_responses import _reply
from tests.unit.test_review_signoff import _approved_then
from workflows.commands import SendEmail
from workflows.events import FeeAgreed, FeeSignedOff
from workflows.lifecycle import decide
from workflows.signoff import one_off_total
from workflows.snapshot import ResponseRecord
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
SET_UP = "£40,000 set-up fee, invoiced on the first day"


def _text(email: SendEmail) -> tuple[str, str]:
    message = message_from_bytes(RENDERER.render(email, NOW).raw, policy=policy.default)
    return str(message["Subject"]), " ".join(
        str(message.get_body(("plain",)).get_content()).split())


def _emails(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands
            if isinstance(c, SendEmail) and c.template == template]


@pytest.mark.parametrize(("costs", "once"), [
    ("None", Decimal(0)),
    ("£300 a week for transport", Decimal(0)),
    (SET_UP, Decimal(40000)),
    ("£250 one-off for furniture, £500 deposit", Decimal(750)),
    ("£1,500 per week and a one-off £250 deposit", Decimal(250)),
    ("£1.5k deposit", Decimal(1500)),
    ("£1,500 weekly, one-off", None),  # which is it?
    ("40000 set-up fee", None),  # no £: not told
])
def test_the_one_off_sums_in_additional_costs(costs: str, once: Decimal | None) -> None:
    assert one_off_total(costs) == once


def test_a_set_up_fee_added_after_approval_is_no_confirmation() -> None:
    """Larch House, approved at £4,250 a week with no additional costs, answers again with
    the same fee and start and a £40,000 set-up fee."""
    base = snapshot(State.APPROVED)
    earlier = ResponseRecord("larch-house", "offer", {}, {
        "decision": "offer", "weekly_fee": 4250.0, "available_from": "2026-12-01",
        "additional_costs": "None"})
    decision = decide(replace(base, responses={**base.responses, "larch-house": earlier}),
                      _reply("Decision: offer\nWeekly fee: £4,250\nAvailable from: 01/12/2026\n"
                             f"Additional costs: {SET_UP}"))
    [told] = _emails(decision, "social_worker/late_response")
    assert told.context["confirmed"] is False
    assert told.context["fee_changed"]["needs_sign_off"] is True
    assert told.context["fee_changed"]["one_off"] == SET_UP
    subject, text = _text(told)
    assert "confirmed its offer" not in subject and "changed answer from Larch House" in subject
    assert ("its additional costs now ask a one-off sum the commissioners did not approve: "
            f"“{SET_UP}”") in text
    assert "a budget holder must sign the new cost off first" in text


@pytest.mark.parametrize(("approved", "costs", "asked"), [
    ("none", SET_UP, True),  # £40,000 nobody saw
    ("none", "£250 deposit", True),  # no tolerance
    ("£500 deposit", "£500 deposit", False),  # what the commissioners saw
    ("£500 deposit", "Deposit £500 (refundable)", False),  # the same sum in other words
    ("£500 deposit", "£500 deposit and £400 set-up fee", True),  # £900 against £500
    ("£500 deposit", "£300 deposit", False),  # less than they saw
])
def test_agreeing_with_a_one_off_sum_nobody_approved_waits_for_a_budget_holder(
        approved: str, costs: str, asked: bool) -> None:
    """Kestrel House approved at £4,900 a week with `approved`, agreed at £4,900 with
    `costs`: under the £6,000 limit and at the approved weekly cost."""
    agreed = decide(_approved_then("4900.00", costs, approved),
                    FeeAgreed(actor=actor(SW), key="a"))
    requests = _emails(agreed, "budget_holder/sign_off_request")
    assert bool(requests) == asked
    assert (agreed.snapshot.state == State.NEGOTIATING) == asked
    if asked:
        assert requests[0].context["reasons"] == ["one-off"]
        assert "one-off sum in its additional costs that nobody approved" in (
            agreed.answer.message)
        signed = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
        assert signed.snapshot.state == State.PLACED


def test_the_budget_holder_and_the_social_worker_are_told_of_the_one_off_sum() -> None:
    agreed = decide(_approved_then("4900.00", SET_UP, "none"), FeeAgreed(actor=actor(SW),
                                                                         key="a"))
    [request] = _emails(agreed, "budget_holder/sign_off_request")
    _, text = _text(request)
    assert ("the provider's additional costs now ask a one-off sum (£40,000) that the "
            f"commissioners did not approve; it wrote: “{SET_UP}”") in text
    [notice] = _emails(agreed, "social_worker/sign_off_requested")
    _, text = _text(notice)
    assert ("the home's additional costs now ask a one-off sum the commissioners did not "
            f"approve (“{SET_UP}”)") in text
