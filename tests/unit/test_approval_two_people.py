"""Two approvals are two people, and each commissioner is told what they decided on.

The commissioner review found Alex approving from his own address and again from a shared
mailbox counted "2 of 2", private replies that did not name the referral, and decisions in
the Slack message with no time and no sign that an approval had been taken back.
"""

from __future__ import annotations

from datetime import timedelta

from tests.snapshots import ALEX, NOW, RUTH, snapshot, world
from workflows.commands import PostSlack, RecordApproval
from workflows.events import Actor, ApprovalGiven
from workflows.lifecycle import decide
from workflows.snapshot import ApprovalRecord
from workflows.states import State

NADIA = "nadia.brennan@northby.gov.example"


def _click(address: str, name: str, decision: str = "approve",
           reason: str = "") -> ApprovalGiven:
    return ApprovalGiven(actor=Actor(address, name, "slack"), key="k", decision=decision,
                         reason=reason)


def _waiting(*approvals: ApprovalRecord):  # type: ignore[no-untyped-def]
    return snapshot(State.AWAITING_APPROVAL, approvals=approvals,
                    world=world(slack_channel="C-APPROVALS"))


def test_a_name_the_address_does_not_bear_out_is_neither_compared_nor_recorded() -> None:
    """Review 23 F2: a Slack profile or From name is a claim, not an identity. Nadia's
    click under the name "alex MORGAN" is hers: counted, and recorded as Nadia Brennan."""
    alex = ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", NOW)
    result = decide(_waiting(alex), _click(NADIA, "  alex  MORGAN "))
    assert result.answer.accepted and result.snapshot.state == State.APPROVED
    [record] = [c for c in result.commands if isinstance(c, RecordApproval)]
    assert record.approver_name == "Nadia Brennan"
    # another person's approval completes it too
    approved = decide(_waiting(alex), _click(RUTH, "Ruth Adeyemi"))
    assert approved.snapshot.state == State.APPROVED


def test_the_same_person_may_still_reject_from_another_address() -> None:
    alex = ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", NOW)
    result = decide(_waiting(alex), _click(NADIA, "Alex Morgan", "reject", "wrong child"))
    assert result.answer.accepted and result.snapshot.state == State.CLOSED


def test_every_reply_names_the_referral_and_the_options() -> None:
    first = decide(_waiting(), _click(ALEX, "Alex Morgan"))
    reference = first.snapshot.reference
    assert f"shortlist A, B for {reference}" in first.answer.message
    assert "1 of 2" in first.answer.message
    last = decide(_waiting(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", NOW)),
                  _click(RUTH, "Ruth Adeyemi"))
    assert f"Approved: shortlist A, B for {reference}" in last.answer.message
    again = decide(_waiting(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", NOW)),
                   _click(ALEX, "Alex Morgan"))
    assert reference in again.answer.message
    rejected = decide(_waiting(), _click(ALEX, "Alex Morgan", "reject", "too far"))
    assert f"You rejected shortlist A, B for {reference}" in rejected.answer.message


def test_the_slack_message_gives_each_decision_its_time_and_marks_one_taken_back() -> None:
    earlier = NOW - timedelta(hours=2)
    result = decide(_waiting(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", earlier)),
                    _click(ALEX, "Alex Morgan", "reject", "changed my mind"))
    [post] = [c for c in result.commands if isinstance(c, PostSlack)]
    approve, reject = post.context["approvals"]
    assert approve["at"] == earlier.isoformat() and reject["at"] == NOW.isoformat()
    assert approve["replaced"] and not reject["replaced"]


def test_the_request_says_the_highest_weekly_cost_and_how_many_homes_get_papers() -> None:
    result = decide(_waiting(), _click(ALEX, "Alex Morgan"))
    [post] = [c for c in result.commands if isinstance(c, PostSlack)]
    fees = [o["weekly_fee"] for o in post.context["options"]]
    assert post.context["highest_weekly"] == "£4,900" and "4900.00" in fees
    assert post.context["papers_to"] == len(fees)
