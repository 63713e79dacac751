"""What a commissioner's approval covers, and what those who approved are told afterwards
(workflows/signoff.py, workflows/placed_notice.py), through the decision core: the request
says approving lets the social worker place at up to each option's weekly cost (and the same
for a year); any fee above that, or one first named after the approval, waits for a budget
holder; the approvers (and the budget holder who signed off) hear the outcome, and the Slack
message says the child was placed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from channels.slack.blocks import render
from tests.provider_mail import text_of
from tests.snapshots import BUDGET, SW, actor, snapshot, world
from workflows.commands import IssueDocument, PostSlack, SendEmail
from workflows.events import FeeAgreed, FeeSignedOff, Shortlisted
from workflows.lifecycle import decide
from workflows.signoff import extra_weekly
from workflows.snapshot import ApprovalRecord
from workflows.states import State

ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
NADIA = "nadia.brennan@northby.gov.example"  # a commissioner asked who did not answer
APPROVED = (ApprovalRecord(1, ALEX, "Alex Morgan", "approve", ""),
            ApprovalRecord(1, RUTH, "Ruth Adeyemi", "approve", ""))


def _emails(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands
            if isinstance(c, SendEmail) and c.template == template]


def _negotiating(fee: str, costs: str = "none", approved_fee: str | None = "4900.00",
                 approved_costs: str = "none", approvals=APPROVED,  # type: ignore[no-untyped-def]
                 **changes):
    """Kestrel House approved (by Alex and Ruth) at `approved_fee` with `approved_costs`,
    chosen, and asking `fee` with `costs`; budget £5,000, sign-off limit £6,000."""
    negotiating = snapshot(State.NEGOTIATING, approvals=approvals, **changes)
    offer = negotiating.responses["kestrel-house"]
    rows = tuple({**row, "weekly_fee": approved_fee, "additional_costs": approved_costs}
                 if row["establishment"] == "kestrel-house" else row
                 for row in negotiating.referral.comparison)
    return replace(negotiating, fee_rounds=((1, "provider", fee),), responses={
        "kestrel-house": replace(offer, fields={**offer.fields, "weekly_fee": fee,
                                                "additional_costs": costs,
                                                "available_from": "2026-12-01"})},
        referral=replace(negotiating.referral, comparison=rows))


def test_the_approval_request_says_what_approving_covers_weekly_and_yearly() -> None:
    decision = decide(snapshot(State.CLOSED), Shortlisted(
        actor=actor(SW), key="s", labels=("A", "C"),
        views=(("parents", "Mum agrees."), ("child", "She agrees."))))
    [request, *_] = _emails(decision, "commissioner/approval_request")
    text = text_of(request)
    assert "needs 2 approvals before the full papers" not in text
    assert "Approving this shortlist is the council's commissioning approval for the " \
        "placement" in text
    assert "may then place the child with any approved option at up to the weekly cost " \
        "shown for it" in text
    assert "Approval covers: up to £4,900 a week (£254,800 a year at that rate)" in text
    assert "Approval covers: no fee, as none was given; a fee named later needs a budget " \
        "holder's sign-off" in text  # C is only interested
    slack = decide(replace(snapshot(State.CLOSED), world=world(slack_channel="C-APPROVALS")),
                   Shortlisted(actor=actor(SW), key="s", labels=("A",),
                               views=(("parents", "ok"), ("child", "ok"))))
    [post] = [c for c in slack.commands if isinstance(c, PostSlack)]
    blocks = str(render(post.template, post.context)["blocks"])
    assert "commissioning approval for the placement" in blocks
    assert "Approval covers: up to £4,900 a week" in blocks


def test_any_rise_above_the_approved_fee_waits_for_a_budget_holder_within_the_budget() -> None:
    """Scenario B: approved at £4,900, now £4,950 (1% more, under the £5,000 budget and the
    £6,000 limit): AGREE asks the budget holder, it issues no agreement."""
    agreed = decide(_negotiating("4950.00"), FeeAgreed(actor=actor(SW), key="a"))
    assert agreed.snapshot.state == State.NEGOTIATING
    [request] = _emails(agreed, "budget_holder/sign_off_request")
    assert request.to == BUDGET
    assert "(£4,900 → £4,950 a week): their approval covers the fee they were shown" \
        in text_of(request)
    assert not [c for c in agreed.commands if isinstance(c, IssueDocument)]
    same = decide(_negotiating("4900.00"), FeeAgreed(actor=actor(SW), key="a"))
    assert same.snapshot.state == State.PLACED  # what was approved needs nobody more


def test_a_fee_first_named_after_the_approval_waits_for_a_budget_holder() -> None:
    """An option approved while only "interested" (no fee) is placed at no fee anyone saw."""
    agreed = decide(_negotiating("4200.00", approved_fee=None),
                    FeeAgreed(actor=actor(SW), key="a"))
    assert agreed.snapshot.state == State.NEGOTIATING
    [request] = _emails(agreed, "budget_holder/sign_off_request")
    assert "the commissioners approved the shortlist before the home named a fee (£4,200 a " \
        "week now)" in text_of(request)
    [told] = _emails(agreed, "social_worker/sign_off_requested")
    assert "before the home named a fee" in text_of(told)


def test_those_who_approved_are_told_the_placement_against_the_fee_they_approved() -> None:
    placed = decide(_negotiating("4850.00"), FeeAgreed(actor=actor(SW), key="a"))
    assert placed.snapshot.state == State.PLACED
    notices = _emails(placed, "commissioner/placed")
    assert [n.to for n in notices] == [ALEX, RUTH, NADIA]  # those who approved first
    text = text_of(notices[0])
    assert "placed with Option A, Kestrel House, from the shortlist you approved" in text
    assert "Agreed weekly fee: £4,850 a week (approved £4,900)" in text
    assert "Start date: Tuesday 1 December 2026" in text
    assert "Agreement: IPA-REF-2026-000001 (integrity code sig" in text
    assert "Casey" not in text and "2012" not in text  # never the child's details


def test_every_commissioner_asked_is_told_of_the_placement_not_only_those_who_approved() -> None:
    """The approval request promises "You will be told when the child is placed" to every
    commissioner it asks to commit the council's money: one who rejected (or never
    answered) is told too, without being said to have approved."""
    changed = (*APPROVED, ApprovalRecord(1, RUTH, "Ruth Adeyemi", "reject", "too far"))
    placed = decide(_negotiating("4900.00", approvals=changed),
                    FeeAgreed(actor=actor(SW), key="a"))
    notices = {n.to: text_of(n) for n in _emails(placed, "commissioner/placed")}
    assert list(notices)[0] == ALEX and set(notices) == {ALEX, RUTH, NADIA}
    assert "from the shortlist you approved" in notices[ALEX]
    assert "from the shortlist you were asked to approve" in notices[RUTH]
    assert "you approved" not in notices[RUTH] and "you approved" not in notices[NADIA]


def test_the_budget_holders_sign_off_is_acknowledged_with_the_sum_and_the_outcome() -> None:
    """M6: £6,300 with £1,750 a week of education on top, signed off: the budget holder's
    own notice says what was signed and when, and the agreement records the total."""
    asked = decide(_negotiating("6300.00", "education £1,750 per week", approved_fee="6300.00",
                                approved_costs="education £1,750 per week"),
                   FeeAgreed(actor=actor(SW), key="a")).snapshot
    signed = decide(asked, FeeSignedOff(actor=actor(BUDGET), key="b"))
    assert signed.snapshot.state == State.PLACED
    notices = {n.to: n for n in _emails(signed, "commissioner/placed")}
    assert set(notices) == {ALEX, RUTH, NADIA, BUDGET}
    mine = text_of(notices[BUDGET])
    assert "your sign-off is recorded" in mine
    assert "Your sign-off of £8,050 a week (fee £6,300 + £1,750) for Kestrel House on " \
        "REF-2026-000001 was recorded at 10:00am on Wednesday 25 November 2026" in mine
    assert "Signed off by: Olivia Price, budget holder" in text_of(notices[ALEX])
    [document] = [c for c in signed.commands if isinstance(c, IssueDocument)]
    assert document.context["signed_off_total"] == "8050.00"


def test_with_slack_the_approval_message_says_the_child_was_placed() -> None:
    before = _negotiating("5000.00", approved_fee="5000.00",
                          world=world(slack_channel="C-APPROVALS"))
    placed = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    [update] = [c for c in placed.commands if isinstance(c, PostSlack)
                and c.update_of == "REF-2026-000001:approval:1"]
    payload = render(update.template, update.context)
    text = str(payload["blocks"])
    assert "*Placed* with Option A · Kestrel House, from Tuesday 1 December 2026" in text
    assert "Agreed weekly fee: £5,000 a week (approved £5,000)" in text
    assert "Agreement: IPA-REF-2026-000001" in text
    assert not any(b["type"] == "actions" for b in payload["blocks"])  # nothing to click


def test_the_placed_email_and_slack_give_the_weeks_each_cost_holds_and_the_approved_year(
        ) -> None:
    """ux49c: approved at £4,600 with 2:1 at £1,400 a week for the first 8 weeks, agreed at
    £4,850 and signed off by Olivia Price. '£6,250 a week' alone read as every week's cost:
    weeks 1–8 are £4,850 + £1,400 = £6,250, then £4,850 (approved £6,000, then £4,600); the
    first year 52 × £4,850 + 8 × £1,400 = £263,400 against 52 × £4,600 + £11,200 =
    £250,400. Slack carries the same figures, and names the budget holder, not her address."""
    staffing = "2:1 staffing for the first 8 weeks at £1,400 per week"
    asked = decide(_negotiating("4850.00", staffing, approved_fee="4600.00",
                                approved_costs=staffing,
                                world=world(slack_channel="C-APPROVALS")),
                   FeeAgreed(actor=actor(SW), key="a")).snapshot
    signed = decide(asked, FeeSignedOff(actor=actor(BUDGET), key="b"))
    [notice] = [n for n in _emails(signed, "commissioner/placed") if n.to == ALEX]
    assert text_of(notice).startswith(
        "REF-2026-000001: placed with Kestrel House at £6,250 a week for 8 weeks, then £4,850")
    lines = [
        "Agreed weekly fee: £4,850 a week (approved £4,600; £250 more than approved)",
        "Additional costs: £1,400 a week; total £6,250 a week for weeks 1–8, then £4,850 "
        "(approved £6,000 a week for weeks 1–8, then £4,600)",
        "First year: £263,400 (the £1,400 a week for 8 weeks only); approved £250,400",
        "Signed off by: Olivia Price, budget holder"]
    text = text_of(notice)
    for line in lines:
        assert line in text
    [update] = [c for c in signed.commands if isinstance(c, PostSlack)
                and c.update_of == "REF-2026-000001:approval:1"]
    slack = render(update.template, update.context)["blocks"]
    [placed] = [b["elements"][0]["text"] for b in slack if b["type"] == "context"
                and "*Placed*" in b["elements"][0]["text"]]
    assert placed.split("\n")[1:5] == lines
    assert BUDGET not in placed


def test_a_day_rate_in_term_time_is_not_priced_as_seven_days() -> None:
    """M1: "education £250 per day term time" is not £1,750 a week; nor is a school-day
    rate; an ordinary day rate still is seven days."""
    for written in ("education £250 per day term time", "£180 a day, school days only",
                    "education £250 a day during term"):
        assert extra_weekly(written) is None, written
    assert extra_weekly("1:1 support £250 per day") == Decimal("1750")


def test_the_approval_request_lists_the_options_not_shortlisted_by_email_and_in_slack() -> None:
    """A shortlisted alone: B's offer and C's interest are named in one line, so the
    approvers can ask why not."""
    views = (("parents", "ok"), ("child", "ok"))
    decision = decide(snapshot(State.CLOSED), Shortlisted(actor=actor(SW), key="s",
                                                          labels=("A",), views=views))
    [request, *_] = _emails(decision, "commissioner/approval_request")
    line = "Not shortlisted: B. Larch House £4,250, C. Harbour House (interested, no fee yet)"
    text = text_of(request)
    assert line in text and text.index(line) < text.index("Parents' views")
    slack = decide(replace(snapshot(State.CLOSED), world=world(slack_channel="C-APPROVALS")),
                   Shortlisted(actor=actor(SW), key="s", labels=("A",), views=views))
    [post] = [c for c in slack.commands if isinstance(c, PostSlack)]
    assert line in str(render(post.template, post.context)["blocks"])
