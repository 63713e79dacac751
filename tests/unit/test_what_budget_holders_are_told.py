"""Every number a budget holder and a commissioner is told, and the audit trail of the
spend (ux47 C and B): a £40,000 set-up fee added after the approval is named in the
sign-off request's subject and figures, in the placed emails and in the agreement, beside the
budget holder's name; the first year counts a time-limited extra for its weeks ("2:1 staffing
£900 per week for the first 8 weeks" on £5,800 is £308,800, not £348,400); the sign-off
request sets what the commissioners approved, who and when, against what is asked, and says
the request does not lapse; the timeline names the sums, the reasons and the people; the
fees report totals the one-off sums (workflows/year_cost.py, workflows/signoff.py
`figures_asked`, workflows/placed_notice.py, channels/web/console/words.py and figures.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from channels.web.console.figures import fees
from channels.web.console.words import describe_event
from tests.snapshots import ALEX, BUDGET, NOW, RUTH, actor
from tests.unit.test_fees_report import _case
from tests.unit.test_one_off_costs import SET_UP, _emails, _text
from tests.unit.test_review_signoff import _approved_then
from workflows.commands import RecordEvent
from workflows.events import FeeAgreed, FeeSignedOff
from workflows.lifecycle import decide
from workflows.signoff import approval_covers
from workflows.snapshot import ApprovalRecord
from workflows.year_cost import weeks_limited, year_of, yearly_note

STAFFING = "2:1 staffing £900 per week for the first 8 weeks"


def _approved_by_two(costs: str, approved: str = "none"):  # type: ignore[no-untyped-def]
    """Kestrel House approved at £4,900 by Alex Morgan and Ruth Adeyemi on 24 November,
    then agreed at £4,900 with `costs`, from 14 December."""
    base = _approved_then("4900.00", costs, approved)
    offer = base.responses["kestrel-house"]
    day = NOW - timedelta(days=1)
    approvals = tuple(ApprovalRecord(1, who, name, "approve", "", day)
                      for who, name in ((ALEX, "Alex Morgan"), (RUTH, "Ruth Adeyemi")))
    return replace(base, approvals=approvals, responses={"kestrel-house": replace(
        offer, fields={**offer.fields, "available_from": "2026-12-14"})})


def _asked(costs: str, approved: str = "none"):  # type: ignore[no-untyped-def]
    return decide(_approved_by_two(costs, approved), FeeAgreed(actor=actor(), key="a"))


def _events(decision, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [c.data for c in decision.commands if isinstance(c, RecordEvent) and c.kind == kind]


def test_the_sign_off_request_names_the_one_off_sum_in_its_subject_and_figures() -> None:
    [request] = _emails(_asked(SET_UP), "budget_holder/sign_off_request")
    subject, text = _text(request)
    assert subject.startswith("REF-2026-000001: a one-off £40,000 (set-up fee) with £4,900 a "
                              "week needs your sign-off")
    assert "One-off: £40,000 set-up fee (not approved by the commissioners)" in text
    assert "First year: £294,800 (with the £40,000 one-off)" in text  # 52 × £4,900 + £40,000


def test_the_sign_off_request_sets_the_approval_against_what_is_asked() -> None:
    [request] = _emails(_asked(SET_UP), "budget_holder/sign_off_request")
    _, text = _text(request)
    assert ("Commissioners approved this option at up to £4,900 a week (Alex Morgan and "
            "Ruth Adeyemi, Tuesday 24 November 2026), with no one-off sum.") in text
    assert "The provider can start: Monday 14 December 2026" in text
    # what the code does: no expiry, no reminder; a changed fee makes a new request
    assert ("This request does not lapse and no reminder is sent: it stays open until a "
            "budget holder signs it off or refuses it; if the agreed fee changes first, a new "
            "request takes its place.") in text


def test_a_weekly_cost_alone_keeps_its_subject() -> None:
    """No one-off sum: the subject is the weekly cost, with no One-off line."""
    decision = decide(_approved_then("5950.00"), FeeAgreed(actor=actor(), key="a"))
    [request] = _emails(decision, "budget_holder/sign_off_request")
    subject, text = _text(request)
    assert "a weekly cost of £5,950 needs your sign-off" in subject
    assert "One-off:" not in text and "First year: £309,400 (52 weeks)" in text


def test_the_placed_emails_and_the_agreement_carry_the_one_off_sum_signed_off() -> None:
    signed = decide(_asked(SET_UP).snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    notices = {e.to: e for e in _emails(signed, "commissioner/placed")}
    subject, text = _text(notices[BUDGET])
    assert "and a one-off £40,000" in subject
    assert ("Your sign-off of a one-off £40,000 (set-up fee) with £4,900 a week for Kestrel "
            "House") in text
    assert "One-off: £40,000 set-up fee (not in the approval; signed off by Olivia Price)" \
        in text
    assert "First year: £294,800 (with the £40,000 one-off)" in text
    assert "A year at that rate" not in text
    _, text = _text(notices[ALEX])
    assert "One-off: £40,000 set-up fee (not in the approval; signed off by Olivia Price)" \
        in text
    [ipa] = _emails(signed, "authority/ipa")
    _, text = _text(ipa)
    assert ("signed off by Olivia Price (olivia.price@northby.gov.example) at £4,900 a week "
            "and a one-off £40,000, ") in text


def test_the_first_year_counts_a_time_limited_extra_for_its_weeks() -> None:
    year = year_of(Decimal(5800), STAFFING)
    assert year.weekly == Decimal(6700)
    assert year.first_year == Decimal(5800 * 52 + 900 * 8)  # £308,800, not £348,400
    assert yearly_note(year) == "the £900 a week for 8 weeks only"
    assert approval_covers(Decimal(5800), Decimal(900), STAFFING) == (
        "Approval covers: up to £6,700 a week with the additional costs (£308,800 in the "
        "first year: the £900 a week for 8 weeks only)")


def test_weeks_that_cannot_be_counted_are_said_to_be_assumed_all_year() -> None:
    """A rate for 4 weeks then a lower one: the weekly cost is the higher (what approval
    covers), and the year is not counted short; the reader is told."""
    year = year_of(Decimal(4000), "£1,200 pw for 4 weeks, then £600 pw")
    assert year.first_year == Decimal(5200 * 52)
    assert "applies for 4 weeks only; this figure assumes it all year" in yearly_note(year)


@pytest.mark.parametrize(("clause", "weeks"), [
    ("£900 per week for the first 8 weeks", 8),
    ("£900 pw for eight weeks", 8),
    ("£900 pw (first 6 weeks)", 6),
    ("£900 pw weeks 1-12", 12),
    ("£900 pw until week 10", 10),
    ("£900 per week", None),
    ("£900 pw, 52 weeks a year", None),
])
def test_how_long_a_weekly_extra_runs(clause: str, weeks: int | None) -> None:
    assert weeks_limited(clause) == weeks


@pytest.mark.parametrize("extra", [
    "2:1 staffing £900 per week, to be reviewed in 8 weeks",
    "2:1 staffing £900 per week; we will give notice in 2 weeks if it is no longer needed",
    "2:1 staffing £900 per week, reviewed with you over 6 weeks",
    "1:1 education support £900 per week from when school starts in 4 weeks",
    "£900 per week 2:1 (first 8 weeks), continuing after that if needed",
    "£900 per week 2:1, payable until week 8 review and then ongoing",
    "£900 per week for the first 8 weeks and thereafter as needed",
    "Waking night £900 per week for 2 weeks' notice after she settles",
])
def test_weeks_that_are_not_the_extras_duration_count_it_all_year(extra: str) -> None:
    """A review's, a notice's or a school start's weeks, or weeks the extra goes on after,
    do not end it: the first year counts it all 52 weeks, and the reader is told so."""
    assert weeks_limited(extra) is None
    year = year_of(Decimal(5800), extra)
    assert year.first_year == Decimal(6700 * 52)
    assert yearly_note(year) == ("the £900 a week counted all year (the weeks named are not "
                                 "when it ends)")


@pytest.mark.parametrize(("clause", "weeks"), [
    ("£900 pw for 8 weeks", 8),
    ("£900 pw for the first 8 weeks, then it stops", 8),
    ("£900 pw in the first 6 weeks", 6),
    ("£900 pw until week 8", 8),
])
def test_an_extras_own_duration_still_limits_it(clause: str, weeks: int) -> None:
    assert weeks_limited(clause) == weeks


def test_the_placed_notice_gives_the_first_year_with_a_time_limited_extra() -> None:
    asked = _asked(STAFFING)  # £900 a week nobody approved: signed off
    signed = decide(asked.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    _, text = _text(_emails(signed, "commissioner/placed")[0])
    assert "First year: £262,000 (the £900 a week for 8 weeks only)" in text  # 4,900×52+7,200
    assert "£301,600" not in text  # £5,800 × 52, all year


def test_the_timeline_names_the_sums_the_reasons_and_the_people() -> None:
    asked = _asked(SET_UP)
    [requested] = _events(asked, "sign-off-requested")
    assert describe_event("sign-off-requested", requested, {}) == (
        "Sign-off asked of olivia.price@northby.gov.example: a one-off £40,000 (set-up fee) "
        "with £4,900 a week, asked with a one-off sum in its additional costs that nobody "
        "approved.")
    signed = decide(asked.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    [done] = _events(signed, "signed-off")
    assert describe_event("signed-off", done, {"kestrel-house": "Kestrel House"}) == (
        "Olivia Price (olivia.price@northby.gov.example) signed off a one-off £40,000 with "
        "£4,900 a week for Kestrel House.")


def test_old_sign_off_events_stay_readable() -> None:
    assert describe_event("sign-off-requested", {"weekly_fee": "6700.00", "reasons": [
        "limit"]}, {}) == "Sign-off asked: £6,700 a week (limit)."
    assert describe_event("signed-off", {"by": BUDGET, "weekly_fee": "6700.00"}, {}) == (
        f"{BUDGET} signed off £6,700 a week.")


def test_a_fee_unchanged_with_costs_added_says_the_costs_changed() -> None:
    names = {"larch-house": "Larch House"}
    new = {"establishment": "larch-house", "approved_fee": "4250.00", "weekly_fee": "4250.00",
           "costs_only": True, "one_off": SET_UP, "approved_costs": "",
           "additional_costs": SET_UP, "needs_sign_off": True}
    assert describe_event("fee-changed-after-approval", new, names) == (
        "Larch House's additional costs changed after approval: “none” → “£40,000 set-up "
        "fee, invoiced on the first day” (fee unchanged at £4,250 a week).")
    old = {k: v for k, v in new.items() if k not in ("approved_costs", "additional_costs")}
    assert describe_event("fee-changed-after-approval", old, names) == (
        "Larch House's additional costs changed after approval: now “£40,000 set-up fee, "
        "invoiced on the first day” (fee unchanged at £4,250 a week).")
    risen = {**new, "weekly_fee": "5100.00", "costs_only": False, "one_off": "",
             "additional_costs": ""}
    assert describe_event("fee-changed-after-approval", risen, names) == (
        "Larch House's fee changed after approval: £4,250 a week → £5,100 a week.")


def test_an_approval_line_carries_each_options_cost_and_a_rejection_its_reason() -> None:
    options = [{"label": "A", "weekly_fee": 5800.0, "total": "6700.00",
                "costs_unpriced": False, "one_off": ""},
               {"label": "B", "weekly_fee": 4250.0, "total": "4250.00",
                "costs_unpriced": False, "one_off": "500.00"},
               {"label": "C", "weekly_fee": 4000.0, "total": "", "costs_unpriced": True,
                "one_off": ""}]
    assert describe_event("approval-approve", {"name": "Alex Morgan", "round": 1,
                                               "options": options}, {}) == (
        "Alex Morgan approved round 1 (A £6,700 a week with its additional costs, B £4,250 "
        "and a one-off £500, C £4,000 + costs not priced).")
    assert describe_event("approval-reject", {"name": "Ruth Adeyemi", "round": 1,
                                              "options": options[:1],
                                              "reason": "Too far from Option B's school"},
                          {}) == ("Ruth Adeyemi rejected round 1 (A £6,700 a week with its "
                                  "additional costs): “Too far from Option B's school”.")
    old = {"name": "Alex Morgan", "round": 1, "options": [{"label": "A", "weekly_fee": 4900}]}
    assert describe_event("approval-approve", old, {}) == "Alex Morgan approved round 1 (A £4,900)."


def test_the_fees_report_totals_the_one_off_sums() -> None:
    table = fees([_case("REF-1", "4250.00", "4250.00", SET_UP, "5200"),
                  _case("REF-2", "4800.00", "4800.00", "£500 deposit, £300 pw transport",
                        "5000"),
                  _case("REF-3", "4000.00", "4000.00", "40000 set-up fee", None)],
                 {"larch-view": "Larch View"})
    at = table.columns.index("One-off")
    assert [row[at] for row in table.rows] == ["40000.00", "500.00", "not known"]
    assert "One-off sums: £40,500 in all (1 more whose amount is not known)." in table.note



def test_a_rejection_records_its_reason_as_the_slack_message_gives_it() -> None:
    """The reason on the timeline is anonymised as the approval message's is: a
    commissioner's "Casey" is no name on the audit trail."""
    from tests.snapshots import snapshot
    from workflows.events import ApprovalGiven
    from workflows.states import State

    decision = decide(snapshot(State.AWAITING_APPROVAL), ApprovalGiven(
        actor=actor(RUTH, "slack"), key="r", decision="reject",
        reason="Casey Hollin needs to stay near her school"))
    [rejected] = _events(decision, "approval-reject")
    assert "Casey" not in rejected["reason"] and "school" in rejected["reason"]
    assert [o["label"] for o in rejected["options"]] and "total" in rejected["options"][0]


def test_the_sign_off_request_gives_the_overrun_and_the_weeks_each_cost_holds() -> None:
    """ux49c: '£6,250 a week' read as every week's cost, and the budget holder had to work
    out the overrun. Approved at £4,900 with 2:1 at £1,400 a week for 8 weeks, agreed at
    £5,150 (Sam's budget £5,000, the limit £6,000): weeks 1–8 cost £5,150 + £1,400 = £6,550
    (£1,550 over the budget), then £5,150 (£150 over); £250 a week more than the approved
    £6,300; first year 52 × £5,150 + 8 × £1,400 = £279,000 against 52 × £4,900 + £11,200 =
    £266,000, +£13,000."""
    staffing = "2:1 staffing £1,400 per week for the first 8 weeks"
    asked = decide(_approved_then("5150.00", staffing), FeeAgreed(actor=actor(), key="a"))
    [request] = _emails(asked, "budget_holder/sign_off_request")
    _, text = _text(request)
    assert text.startswith("Sam Taylor has agreed a fee of £5,150 a week for Kestrel House")
    assert ("That is £250 a week more than approved, +£13,000 in the first year: £279,000 vs "
            "the approved £266,000.") in text
    assert "Total: £6,550 a week for weeks 1–8, then £5,150 " in text
    assert "Budget: £5,000 a week; £1,550 over the budget for weeks 1–8, then £150 over " in text
    assert ("- the total for weeks 1–8 is above your authority's sign-off limit of £6,000 a "
            "week") in text


def test_a_cost_that_stays_above_the_limit_is_not_said_to_for_its_first_weeks() -> None:
    """£1,400 a week all year on £5,150: one figure, no weeks."""
    asked = decide(_approved_then("5150.00", "2:1 staffing £1,400 per week"),
                   FeeAgreed(actor=actor(), key="a"))
    _, text = _text(_emails(asked, "budget_holder/sign_off_request")[0])
    assert "Total: £6,550 a week " in text and "weeks 1–8" not in text
    assert "- the total is above your authority's sign-off limit" in text
    assert "Budget: £5,000 a week, £1,550 over it " in text
