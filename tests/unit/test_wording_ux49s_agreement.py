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


def _approved(labels: tuple[str, ...] = ("A", "B"), comparison=OPTIONS, **referral):  # type: ignore[no-untyped-def]
    before = snapshot(State.AWAITING_APPROVAL, rounds=(shortlist_round(labels=labels),),
                      approvals=(ApprovalRecord(1, ALEX, "Alex Morgan", "approve", ""),))
    before = replace(before, referral=replace(before.referral, comparison=comparison,
                                              **referral))
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
                  OPTIONS[1] | {"additional_costs": "None."}, OPTIONS[2])
    lines = [line.strip() for line in
             _text(_approved(comparison=comparison), "social_worker/approved").splitlines()]
    said = " ".join(" ".join(lines).split())
    assert "has been approved by Alex Morgan and Ruth Adeyemi (commissioners)." in said
    assert "asked to confirm its offer by " in said
    assert ("A. Kestrel House: £4,900 a week; approved up to £5,200 a week with the "
            "additional costs") in said
    # reader ux51s: the condition and the costs each on a line of its own, not run together
    assert ("Its offer comes with a condition: “subject to a matching meeting with our "
            "registered manager and the current young people”.") in lines
    assert "Additional costs: “£300 per week for 1:1 education”" in lines
    assert "B. Larch House: £4,250 a week; approved up to £4,250 a week" in said
    assert "Additional costs: none You will" in said and "“None.”" not in said  # hers
    alone = " ".join(_text(_approved(("A",)), "social_worker/approved").split())
    assert "Additional costs: none given" in alone  # nothing said of them
    assert "You will get an email as each home confirms its offer, or changes or " \
           "withdraws it." in said


def test_the_approval_says_a_start_later_than_needed_or_waiting_on_its_condition() -> None:
    """Reader ux51s: a bed free "once our current young person moves on, likely mid-January"
    has no start date, and a start after the day the place is needed from was not said: she
    could choose a home that cannot take the child when she needs it."""
    before = snapshot(State.AWAITING_APPROVAL)
    profile = dict(before.referral.anonymised["profile"]) | {"needed_from": "2026-12-14"}
    comparison = (OPTIONS[0] | {"proposal": "once our current young person moves on, likely "
                                            "mid-January"},
                  OPTIONS[1] | {"available_from": "2026-12-21"}, OPTIONS[2])
    approved = _approved(comparison=comparison, anonymised={"profile": profile, "text": {}})
    lines = [line.strip() for line in _text(approved, "social_worker/approved").splitlines()]
    assert "Its offer comes with a condition: “once our current young person moves on, " \
           "likely mid-January”." in lines
    assert "Start: no date given; it waits on the condition, so it may be later than the " \
           "place is needed (from Monday 14 December 2026)" in lines
    assert "Start: Monday 21 December 2026, later than the place is needed (from Monday 14 " \
           "December 2026)" in lines
    on_time = _approved(comparison=(OPTIONS[0], OPTIONS[1] | {"available_from": "2026-12-14"},
                                    OPTIONS[2]), anonymised={"profile": profile, "text": {}})
    said = _text(on_time, "social_worker/approved")
    assert "Start: Monday 14 December 2026\n" in said and "later than" not in said


def _chose(fields: dict[str, object], **referral: object):  # type: ignore[no-untyped-def]
    from workflows.events import Chosen
    from workflows.snapshot import ResponseRecord

    before = snapshot(State.APPROVED)
    offer = ResponseRecord("larch-house", "offer", {}, {
        "weekly_fee": 4250, "service_name": "Larch House", **fields})  # as approved
    before = replace(before, responses={**before.responses, "larch-house": offer},
                     referral=replace(before.referral, **referral))
    return decide(before, Chosen(actor=actor(SW), key="c", label="B"))


def test_the_choice_says_the_start_the_budget_the_year_and_the_offers_condition() -> None:
    """ux49s U7: the chosen email gave the fee alone; AGREE issues the agreement at once,
    so the offer's condition (a matching meeting) must be read before it."""
    before = snapshot(State.APPROVED)
    profile = dict(before.referral.anonymised["profile"]) | {"needed_from": "2026-12-14"}
    said = " ".join(_text(_chose({"available_from": "2026-12-21", "proposal": CONDITION},
                                 anonymised={"profile": profile, "text": {}}),
                          "social_worker/chosen").split())
    assert "Its requested weekly fee is £4,250." in said
    assert "Start: Monday 21 December 2026, later than the place is needed (from Monday 14 " \
           "December 2026)" in said
    assert "Budget: £5,000 a week; £750 under budget" in said
    assert "A year at that rate: £221,000" in said
    assert ("Its offer comes with a condition: “subject to a matching meeting with our "
            "registered manager and the current young people”. Make sure it is met before "
            "you AGREE: AGREE issues the Individual Placement Agreement at once.") in said


def test_the_choice_counts_the_additional_costs_in_the_week_the_budget_and_the_year() -> None:
    said = " ".join(_text(_chose({"available_from": "2026-12-01", "additional_costs":
                                  "2:1 staffing £900 per week for the first 8 weeks"}),
                          "social_worker/chosen").split())
    assert "Its requested weekly fee is £4,250, £5,150 a week with its additional costs." \
        in said
    assert "Budget: £5,000 a week; £150 over budget" in said
    assert "First year: £228,200 (the £900 a week for 8 weeks only)" in said
    assert "Start: Tuesday 1 December 2026 Budget" in said  # the day needed: not later
    assert "later than the place is needed" not in said and "condition" not in said
    late = " ".join(_text(_chose({"available_from": "2026-12-14"}), "social_worker/chosen"
                          ).split())
    assert "Start: Monday 14 December 2026, later than the place is needed (from Tuesday 1 " \
           "December 2026)" in late


def _agreed(confirmed: bool, fields: dict[str, object]):  # type: ignore[no-untyped-def]
    from workflows.events import FeeAgreed
    from workflows.snapshot import ResponseRecord

    before = snapshot(State.NEGOTIATING, chosen_confirmed=confirmed)
    offer = ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": 4800, "service_name": "Kestrel House", "available_from": "2026-12-14",
        **fields})
    before = replace(before, responses={"kestrel-house": offer}, approvals=tuple(
        ApprovalRecord(1, who, "", "approve", "") for who in (ALEX, RUTH)))
    return decide(before, FeeAgreed(actor=actor(SW), key="a"))


def test_the_agreement_says_the_offer_was_confirmed_only_when_the_home_confirmed_it() -> None:
    """ux49s U8: the IPA said "the home's confirmed offer" of a home that never confirmed its
    offer on the papers."""
    never = " ".join(_text(_agreed(False, {}), "provider/ipa", "referrals@kestrelhomes.example"
                           ).split())
    assert "confirmed" not in never.split("The fee covers:")[1].split("Additional")[0]
    assert "with the care and support the home's offer set out (in its own words" in never
    said = " ".join(_text(_agreed(True, {}), "provider/ipa", "referrals@kestrelhomes.example"
                          ).split())
    assert ("with the care and support the home's offer set out, which the home confirmed "
            "having read the full papers (in its own words") in said


def test_the_placement_email_says_the_offers_condition_and_the_first_year() -> None:
    """ux49s U8: the placed email said neither the matching meeting the offer was subject to
    nor what the year costs."""
    said = " ".join(_text(_agreed(False, {"proposal": CONDITION}), "social_worker/placed"
                          ).split())
    assert "A year at that rate: £249,600" in said
    assert ("Kestrel House's offer came with a condition: “subject to a matching meeting with "
            "our registered manager and the current young people”. Make sure it has been "
            "met.") in said
    plain = " ".join(_text(_agreed(False, {}), "social_worker/placed").split())
    assert "A year at that rate: £249,600" in plain and "condition" not in plain


def test_the_homes_counter_is_put_beside_her_proposal_and_its_offer() -> None:
    """ux49s U9, the plain counter too: "Kestrel House has proposed a weekly fee of £4,600"
    said neither what she had proposed nor what the home first asked."""
    from decimal import Decimal

    from workflows.events import FeeProposed, Reply, ReplyReceived

    proposed = decide(snapshot(State.NEGOTIATING), FeeProposed(actor=actor(SW),
                                                                fee=Decimal("4400")))
    reply = Reply("referrals@kestrelhomes.example", "RE: Kestrel House | REF-2026-000001",
                  "<k1@kestrel.example>", {"weekly_fee": "£4,600"}, "Weekly fee: £4,600",
                  proposed.snapshot.world.today)
    counter = decide(proposed.snapshot, ReplyReceived(
        actor=actor("referrals@kestrelhomes.example"), key="k1",
        establishment="kestrel-house", reply=reply))
    said = " ".join(_text(counter, "social_worker/fee_counter").split())
    assert "Kestrel House has proposed a weekly fee of £4,600. You proposed £4,400 a week; " \
           "its offer was £4,800. Reply AGREE" in said
