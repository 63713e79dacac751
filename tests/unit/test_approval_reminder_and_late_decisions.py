"""The approval's reminder says when the request expires and who is still to decide, in the
approval message's Slack thread (by email without Slack); and a decision on a shortlist that
no longer awaits approval is told what became of it, under a rule that names it (ux47: the
reminder read "expires soon", unthreaded, and a late Approve was told "an approval has no
effect now, because the referral is closed for responses, waiting for the shortlist.")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from broker.clock import uk_words
from tests.snapshots import ALEX, NOW, RUTH, actor, shortlist_round, snapshot, world
from workflows.commands import PostSlack, RecordApproval, SendEmail
from workflows.events import SERVICE, ApprovalGiven, DeadlineDue, DeadlineKind, Shortlisted
from workflows.lifecycle import decide
from workflows.snapshot import ApprovalRecord
from workflows.states import State

NADIA = "nadia.brennan@northby.gov.example"
EXPIRES = datetime(2026, 12, 10, 6, 52, tzinfo=UTC)  # 6:52am in the UK (GMT in December)
REJECTED_AT = datetime(2026, 12, 8, 15, 10, tzinfo=UTC)
IN_SLACK = world(slack_channel="C-APPROVALS")
REMINDER = DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.APPROVAL_REMINDER, seq=1)


def _awaiting(**changes):  # type: ignore[no-untyped-def]
    """Round 1 awaiting approval, approved by Alex, expiring at EXPIRES."""
    made = {"rounds": (replace(shortlist_round(), expires_at=EXPIRES),),
            "approvals": (ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "",
                                         NOW - timedelta(minutes=30)),)}
    return snapshot(State.AWAITING_APPROVAL, **{**made, **changes})


def _click(who: str = RUTH, decision: str = "approve", round_: int | None = 1,
           channel: str = "slack") -> ApprovalGiven:
    return ApprovalGiven(actor=actor(who, channel), key="k", decision=decision,
                         reason="" if decision == "approve" else "why", round=round_)


def test_uk_words_say_the_time_the_day_and_the_year_only_when_it_is_another() -> None:
    assert uk_words(EXPIRES, NOW) == "6:52am on Thursday 10 December"
    summer = datetime(2027, 6, 10, 5, 52, tzinfo=UTC)  # British Summer Time: an hour on
    assert uk_words(summer, NOW) == "6:52am on Thursday 10 June 2027"
    assert uk_words(datetime(2026, 12, 11, 0, 0, tzinfo=UTC), NOW) == \
        "midnight at the end of Thursday 10 December"


def test_the_slack_reminder_names_the_expiry_and_who_is_still_to_decide_in_its_thread() -> None:
    reminded = decide(_awaiting(world=IN_SLACK), REMINDER)
    [post] = [c for c in reminded.commands if isinstance(c, PostSlack)]
    assert post.context["text"].startswith(
        "Reminder: REF-2026-000001's shortlist has 1 of 2 approvals and expires at 6:52am on "
        "Thursday 10 December (UK time); still to decide: Ruth Adeyemi, Nadia Brennan.")
    # posted in the thread of the approval message itself (the message the shortlist posted)
    asked = decide(snapshot(State.CLOSED, world=IN_SLACK),
                   Shortlisted(actor=actor(), key="k", labels=("A", "B"), views={
                       "parents": "Mum wants somewhere close.", "child": "",
                       "child_reason": "too unwell"}))
    [request] = [c for c in asked.commands if isinstance(c, PostSlack)]
    assert post.thread_of == request.key and not post.update_of
    assert post.outbox_row() == {"method": "chat.postMessage", "update_of": request.key}
    assert not [c for c in reminded.commands if isinstance(c, SendEmail)]


def test_without_slack_those_still_to_decide_are_reminded_by_email_a_questioner_too() -> None:
    asked = _awaiting(approvals=(
        ApprovalRecord(1, ALEX, "Alex Morgan", "approve", ""),
        ApprovalRecord(1, RUTH, "Ruth Adeyemi", "question", "Why not C?")))
    reminded = decide(asked, REMINDER)
    emails = [c for c in reminded.commands if isinstance(c, SendEmail)]
    assert {e.to for e in emails} == {RUTH, NADIA}
    assert emails[0].context["still_to_decide"] == ["Ruth Adeyemi", "Nadia Brennan"]
    assert not [c for c in reminded.commands if isinstance(c, PostSlack)]


def _refusal(before, event):  # type: ignore[no-untyped-def]
    decision = decide(before, event)
    assert not decision.answer.accepted and decision.snapshot == before
    assert not any(isinstance(c, RecordApproval) for c in decision.commands)
    return decision


def test_approve_after_a_rejection_says_who_rejected_it_and_when() -> None:
    rejected = snapshot(State.CLOSED, rounds=(shortlist_round(outcome="rejected"),),
                        approvals=(ApprovalRecord(1, RUTH, "Ruth Adeyemi", "reject",
                                                  "Too far", REJECTED_AT),))
    refused = _refusal(rejected, _click(NADIA))
    assert refused.answer.message == (
        "This shortlist was rejected by Ruth Adeyemi at 3:10pm on Tuesday 8 December; "
        "nothing was approved. The social worker will put a new shortlist.")
    assert refused.rule == "round-rejected"


@pytest.mark.parametrize("state", [State.CLOSED, State.AWAITING_APPROVAL])
def test_approve_after_an_expiry_says_when_and_with_how_many_approvals(state: State) -> None:
    """Closed by the expiry's timer, or lapsed with the timer yet to fire."""
    outcome = "expired" if state == State.CLOSED else "pending"
    lapsed = _awaiting(world=world(now=EXPIRES + timedelta(minutes=5)),
                       rounds=(replace(shortlist_round(outcome=outcome), expires_at=EXPIRES),))
    lapsed = lapsed.with_referral(state=state)
    refused = _refusal(lapsed, _click())
    assert refused.answer.message.startswith(
        "This approval request expired at 6:52am on Thursday 10 December with 1 of 2 "
        "approvals; nothing was approved.")
    assert refused.rule == "round-expired"


def test_a_click_on_a_replaced_shortlist_points_to_the_newer_ones_message() -> None:
    replaced = decide(snapshot(State.AWAITING_APPROVAL), Shortlisted(
        actor=actor(), key="k", labels=("C",), views={
            "parents": "Mum wants somewhere close.", "child": "",
            "child_reason": "too unwell"})).snapshot
    refused = _refusal(replaced, _click(round_=1))
    assert refused.answer.message == (
        "A newer shortlist (round 2) has replaced this one: approve it from its own message.")
    assert refused.rule == "round-replaced"
    by_email = _refusal(replaced, _click(round_=1, channel="email"))
    assert "reply to its own approval request" in by_email.answer.message
    [told] = [c for c in by_email.commands if isinstance(c, SendEmail)]
    assert told.to == RUTH and told.context["why"] == by_email.answer.message
    # the newer one since rejected: both are said
    gone = replace(replaced, rounds=(replaced.rounds[0], replace(
        replaced.rounds[1], outcome="rejected")), approvals=(ApprovalRecord(
            2, ALEX, "Alex Morgan", "reject", "No", REJECTED_AT),)).with_referral(
        state=State.CLOSED)
    assert _refusal(gone, _click(round_=1)).answer.message == (
        "A newer shortlist (round 2) has replaced this one; round 2 was rejected by Alex "
        "Morgan at 3:10pm on Tuesday 8 December; nothing was approved. The social worker "
        "will put a new shortlist.")


def test_a_click_after_the_approval_or_a_withdrawal_says_so() -> None:
    approved = snapshot(State.APPROVED, approvals=(
        ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", REJECTED_AT - timedelta(hours=1)),
        ApprovalRecord(1, RUTH, "Ruth Adeyemi", "approve", "", REJECTED_AT)))
    refused = _refusal(approved, _click(NADIA, "reject"))
    assert refused.answer.message.startswith(
        "This shortlist was approved by Alex Morgan and Ruth Adeyemi at 3:10pm on Tuesday 8 "
        "December, and its papers went to the shortlisted providers")
    assert refused.rule == "round-approved"
    withdrawn = snapshot(State.WITHDRAWN, rounds=(shortlist_round(outcome="withdrawn"),))
    refused = _refusal(withdrawn, _click())
    assert "when the referral was withdrawn; nothing was approved" in refused.answer.message
    assert refused.rule == "round-withdrawn"


def test_a_late_emailed_approve_is_told_it_is_already_approved_not_that_it_failed() -> None:
    """ux49c: 'that instruction could not be carried out' read as an error to act on."""
    from tests.unit.test_one_off_costs import _text

    approved = snapshot(State.APPROVED, approvals=(
        ApprovalRecord(1, ALEX, "Alex Morgan", "approve", "", REJECTED_AT - timedelta(hours=1)),
        ApprovalRecord(1, RUTH, "Ruth Adeyemi", "approve", "", REJECTED_AT)))
    late = _refusal(approved, _click(NADIA, channel="email"))
    [reply] = [c for c in late.commands if isinstance(c, SendEmail)]
    subject, text = _text(reply)
    assert subject.startswith("REF-2026-000001: already approved – nothing more needed")
    assert "This shortlist was approved by Alex Morgan and Ruth Adeyemi" in text
    withdrawn = snapshot(State.WITHDRAWN, rounds=(shortlist_round(outcome="withdrawn"),))
    [other] = [c for c in _refusal(withdrawn, _click(channel="email")).commands
               if isinstance(c, SendEmail)]
    assert _text(other)[0].startswith("REF-2026-000001: that instruction could not be carried out")
