"""The social worker's emails from the approved shortlist to the placement agreement, as Sam
Taylor read them on her phone (round ux49s): the approval with what was approved and an
example of a letter her shortlist has, the choice with the offer's start, cost and
condition, and the agreement with the condition and the first year's cost."""

from __future__ import annotations

from dataclasses import replace

from tests.provider_mail import emails_of, rendered
from tests.snapshots import ALEX, OPTIONS, RUTH, SW, actor, shortlist_round, snapshot
from workflows.events import ApprovalGiven
from workflows.lifecycle import decide
from workflows.snapshot import ApprovalRecord
from workflows.states import State

CONDITION = ("We can offer at £4,900 a week; subject to a matching meeting with our "
             "registered manager and the current young people")


def _text(decision, template: str, to: str = SW) -> str:  # type: ignore[no-untyped-def]
    [mail] = [m for m in emails_of(decision, template) if m.to == to]
    message = rendered(mail)
    return f"{message['Subject']}\n{message.get_content()}"


def _approved(labels: tuple[str, ...] = ("A", "B"), comparison=OPTIONS):  # type: ignore[no-untyped-def]
    before = snapshot(State.AWAITING_APPROVAL, rounds=(shortlist_round(labels=labels),),
                      approvals=(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", ""),))
    before = replace(before, referral=replace(before.referral, comparison=comparison))
    return decide(before, ApprovalGiven(actor=actor(RUTH, "slack"), key="k",
                                        decision="approve", reason=""))


def test_the_choose_example_names_a_letter_the_shortlist_has_with_its_home() -> None:
    """ux49s W4: a shortlist of A alone was told "(for example CHOOSE B)"."""
    said = _text(_approved(("A",)), "social_worker/approved")
    assert "CHOOSE A (Kestrel House)" in said
    assert "CHOOSE B" not in said and "Larch House" not in said
    only_b = _text(_approved(("B",)), "social_worker/approved")
    assert "CHOOSE B (Larch House)" in only_b and "CHOOSE A" not in only_b


def test_the_approval_says_who_approved_what_and_how_she_hears_of_confirmations() -> None:
    """ux49s U10: who approved, what each option's approval covers, its condition and its
    additional costs on a line each, and that she is emailed as each home confirms."""
    comparison = (OPTIONS[0] | {"proposal": CONDITION,
                                "additional_costs": "£300 per week for 1:1 education"},
                  OPTIONS[1] | {"additional_costs": ""}, OPTIONS[2])
    said = " ".join(_text(_approved(comparison=comparison), "social_worker/approved").split())
    assert "has been approved by Alex Morgan and Ruth Adeyemi (commissioners)." in said
    assert "asked to confirm its offer by " in said
    assert ("A. Kestrel House: £4,900 a week; approved up to £5,200 a week with the "
            "additional costs") in said
    assert ("Its offer comes with a condition: “subject to a matching meeting with our "
            "registered manager and the current young people”. Additional costs: “£300 per "
            "week for 1:1 education”") in said
    assert "B. Larch House: £4,250 a week; approved up to £4,250 a week" in said
    assert "Additional costs: none given" in said
    assert "You will get an email as each home confirms its offer, or changes or " \
           "withdraws it." in said
