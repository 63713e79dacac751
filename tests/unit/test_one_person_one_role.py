"""One person never both makes and checks a decision (workflows/permissions.py's `never`
rules), and two approvals are two people however the approver's name is written
(workflows/placement.py's `same_name`, an email approval named by its From)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from broker.forms.message import read_headers
from tests.snapshots import ALEX, RUTH, actor, snapshot, world
from tests.unit.test_approval_covers import _negotiating
from workflows.events import Actor, ApprovalGiven, FeeAgreed, FeeSignedOff
from workflows.lifecycle import decide
from workflows.people import vouched_name
from workflows.placement import same_name
from workflows.snapshot import ApprovalRecord
from workflows.states import State

MAYA = "maya.osei@northby.gov.example"  # a placements officer
A_MORGAN = "a.morgan@northby.gov.example"


class _Directory:
    """The sample directory with Northby's deciders widened, as a careless config would."""

    def __init__(self, base: Any, *more: str) -> None:
        self._base, self._more = base, more

    def authority(self, key: str) -> Any:
        found = self._base.authority(key)
        if found is None or key != "northby":
            return found
        return replace(found, commissioners=[*found.commissioners, *self._more],
                       budget_holders=[*found.budget_holders, *self._more])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


def _with(before: Any, *more: str) -> Any:
    return replace(before, world=replace(before.world,
                                         directory=_Directory(before.world.directory, *more)))


def test_an_officer_who_is_also_a_commissioner_cannot_approve_a_shortlist() -> None:
    waiting = _with(snapshot(State.AWAITING_APPROVAL), MAYA)
    decision = decide(waiting, ApprovalGiven(actor=actor(MAYA), key="k", decision="approve"))
    assert decision.snapshot.state == State.AWAITING_APPROVAL
    assert decision.rule == "permission:approve-the-shortlist"
    assert "never those who made it" in decision.answer.message
    other = decide(waiting, ApprovalGiven(actor=actor(ALEX), key="k", decision="approve"))
    assert other.rule != "permission:approve-the-shortlist"  # a commissioner still may


def test_whoever_can_agree_a_fee_cannot_sign_it_off() -> None:
    before = _with(_negotiating("6500.00", approved_fee="6500.00"), MAYA)
    asked = decide(before, FeeAgreed(actor=actor(MAYA), key="a"))
    assert asked.snapshot.state == State.NEGOTIATING  # above the £6,000 limit: waits
    signed = decide(asked.snapshot, FeeSignedOff(actor=actor(MAYA), key="s",
                                                 decision="sign-off"))
    assert signed.snapshot.state == State.NEGOTIATING
    assert signed.rule == "permission:sign-off-the-fee"
    assert "a budget holder who did not agree it" in signed.answer.message


@pytest.mark.parametrize(("one", "other", "same"), [
    ("Alex Morgan", "alex  morgan", True), ("Alex Morgan", "Morgan, Alex", True),
    ("Alex Morgan", "A. Morgan", True), ("A Morgan", "Alex Morgan", True),
    ("Alex Morgan", "Amy Morgan", False), ("Alex Morgan", "Alex Morley", False),
    ("Alex Morgan", "", False),
])
def test_names_are_compared_as_one_persons(one: str, other: str, same: bool) -> None:
    assert same_name(one, other) is same


@pytest.mark.parametrize(("name", "address"), [
    ("Morgan, Alex", A_MORGAN),  # an email From name
    ("", A_MORGAN),  # no From name: the address's
    ("A. Morgan", A_MORGAN),
])
def test_a_second_approval_by_the_same_person_under_another_address_is_not_counted(
        name: str, address: str) -> None:
    """F7: Alex approved in Slack (or by email as Alex Morgan); the same person's second
    address approves by email: refused, and the papers wait."""
    waiting = _with(snapshot(State.AWAITING_APPROVAL, world=world(approvals_needed=2),
                             approvals=(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", ""),)),
                    address)
    decision = decide(waiting, ApprovalGiven(actor=Actor(address, name), key="k",
                                             decision="approve"))
    assert decision.rule == "approval-by-the-same-person"
    assert decision.snapshot.state == State.AWAITING_APPROVAL


def test_an_email_carries_its_from_name() -> None:
    raw = (b'From: "Morgan, Alex" <a.morgan@northby.gov.example>\r\n'
           b"Subject: Re: REF-2026-000001\r\n\r\nAPPROVE REF-2026-000001\r\n")
    read = read_headers(raw)
    assert (read.sender, read.sender_name) == (A_MORGAN, "Morgan, Alex")


AMY = "amy.morgan@northby.gov.example"


@pytest.mark.parametrize(("address", "given", "recorded"), [
    (ALEX, "Ruth Adeyemi", "Alex Morgan"),  # another person's name: ignored
    (ALEX, "A. Morgan", "Alex Morgan"),  # vaguer than the address: ignored
    (ALEX, "Amy Morgan", "Alex Morgan"),
    (ALEX, "", "Alex Morgan"),
    (ALEX, "Morgan, Alex", "Morgan, Alex"),  # the same name written out
    ("morgan.alex@northby.gov.example", "Alex  Morgan", "Alex Morgan"),
    (A_MORGAN, "Alex Morgan", "Alex Morgan"),  # the initial's full name
    (A_MORGAN, "Ruth Adeyemi", "A Morgan"),
    ("commissioner1@northby.gov.example", "Ruth Adeyemi", "Commissioner1"),
])
def test_a_decider_is_named_by_their_address_never_by_a_name_they_give(
        address: str, given: str, recorded: str) -> None:
    assert vouched_name(address, given) == recorded


def _three(*more: str) -> Any:
    return _with(snapshot(State.AWAITING_APPROVAL, world=world(approvals_needed=2)), *more)


@pytest.mark.parametrize(("given", "channel"), [
    ("", "email"), ("Ruth Adeyemi", "email"), ("Adeyemi, Ruth", "email"),
    ("Ruth Adeyemi", "slack"),
])
def test_a_forged_from_name_never_blocks_the_person_it_names(given: str,
                                                              channel: str) -> None:
    """Review 23 F2: Alex approves by email as `"Ruth Adeyemi" <alex.morgan@…>`. It is
    recorded as Alex's; Ruth's own approval, however she sends it, is the second."""
    forged = decide(_three(), ApprovalGiven(actor=Actor(ALEX, "Ruth Adeyemi"), key="k1",
                                            decision="approve"))
    assert [(a.approver, a.approver_name) for a in forged.snapshot.approvals] == \
        [(ALEX, "Alex Morgan")]
    ruth = decide(forged.snapshot, ApprovalGiven(actor=Actor(RUTH, given, channel),
                                                 key="k2", decision="approve"))
    assert ruth.rule != "approval-by-the-same-person"
    assert ruth.snapshot.state == State.APPROVED
    assert [a.approver_name for a in ruth.snapshot.approvals] == \
        ["Alex Morgan", "Ruth Adeyemi" if given != "Adeyemi, Ruth" else given]


def test_a_forged_name_already_on_record_is_read_by_its_address() -> None:
    """An approval recorded before this rule under a name its address denies blocks nobody,
    and the notices name the address's person."""
    forged = ApprovalRecord(1, ALEX, "Ruth Adeyemi", "approve", "")
    waiting = snapshot(State.AWAITING_APPROVAL, world=world(approvals_needed=2),
                       approvals=(forged,))
    ruth = decide(waiting, ApprovalGiven(actor=Actor(RUTH, ""), key="k", decision="approve"))
    assert ruth.snapshot.state == State.APPROVED
    told = [c.context["approved_by"] for c in ruth.commands
            if getattr(c, "template", "") == "commissioner/approval_outcome"]
    assert told and all(names == ["Alex Morgan", "Ruth Adeyemi"] for names in told)


def test_a_forged_name_on_a_question_tells_the_social_worker_who_asked() -> None:
    asked = decide(_three(), ApprovalGiven(actor=Actor(ALEX, "Ruth Adeyemi"), key="k",
                                           decision="question", reason="Which school?"))
    assert asked.answer.accepted
    said = " ".join(str(c) for c in asked.commands)
    assert "Alex Morgan" in said and "Ruth Adeyemi" not in said


def test_two_people_who_share_a_surname_and_an_initial_each_approve() -> None:
    """Alex Morgan and Amy Morgan are two commissioners: both approvals count."""
    waiting = _three(AMY)
    alex = decide(waiting, ApprovalGiven(actor=Actor(ALEX, "Alex Morgan"), key="k1",
                                         decision="approve"))
    amy = decide(alex.snapshot, ApprovalGiven(actor=Actor(AMY, "Amy Morgan"), key="k2",
                                              decision="approve"))
    assert amy.snapshot.state == State.APPROVED
    # Amy's "A. Morgan" From name is vaguer than her address: still Amy, still counted
    vague = decide(alex.snapshot, ApprovalGiven(actor=Actor(AMY, "A. Morgan"), key="k3",
                                                decision="approve"))
    assert vague.snapshot.state == State.APPROVED
