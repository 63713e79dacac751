"""Replies as round 51's outside tester wrote them: a vacancy with a condition still to be
met, the officer's own fee below a pasted internal email, fees only guessed at or stepped,
second-language English, the home's own template labels, answers typed into the quoted
referral, and decline reasons said in other words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import reply_read_as_mail

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Hi,\n\nWe do have a vacancy, but we'd need to complete an impact risk assessment with the "
     "current group before we could confirm. Fee would be £4,800pw.\n", 4800, None),
    ("We have a vacancy, however we'd need to see the full risk assessment regarding the CSE "
     "concerns before we could offer. Our fee is £5,000 per week.\n\nGwen\n", 5000, None),
    ("Our referral response:\n\nCan we meet need? Partially - would need further info re CSE\n"
     "Cost per week: £5,300\nStart: TBC following matching meeting\n\nOwen\n", 5300, None),
    ("Referral Response Form (Cedar Group v3)\n\nBed available Y/N: Y\nMatched Y/N: TBC - "
     "awaiting impact risk assessment\nWeekly rate: 4900.00\nCommence: 14/12/2026\n\nGwen\n",
     4900, date(2026, 12, 14)),
    ("We have a vacancy but not until 18 January, so if you're still looking then please let "
     "us know.\n\nOwen\n", None, date(2027, 1, 18)),
])
def test_a_vacancy_with_a_condition_still_to_be_met_is_interest(
        text: str, fee: int | None, start: date | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "interested", fee, start)


@pytest.mark.parametrize("text", [
    "We have a vacancy. Fee would be £4,800pw from 14/12.\n",
    "Bed available Y/N: Y\nMatched Y/N: Y\nWeekly rate: 4900.00\nCommence: 14/12/2026\n",
])
def test_a_vacancy_with_nothing_still_to_come_is_still_an_offer(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC2).decision == "offer"


def test_the_officers_own_words_below_a_forwarded_internal_email_are_the_answer() -> None:
    parsed = reply_read_as_mail(
        "FYI below from finance:\n\n-----Original Message-----\nFrom: Finance Team\n"
        "Sent: 01 December 2026 17:02\nTo: Placements\nSubject: RE: pricing\n\n"
        "Standard rate for SEMH/CSE would be £5,400 pw.\n\n-----\n"
        "Having discussed with our director, we'll go at £5,100 per week for Northby, and can "
        "offer from 14/12.\n\nKind regards\n\nDana Whitfield\n\n"
        "________________________________\nFrom: Northby Placements <r+ab12cd@broker.example>\n"
        "Sent: 02 December 2026 09:14\nTo: Dana Whitfield <placements@rosewood.example>\n"
        "Subject: Referral REF-2026-000123\n\nReferral: REF-2026-000123\nAge: 14\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 5100, date(2026, 12, 14))


@pytest.mark.parametrize(("text", "decision"), [
    ("Interested. Fee would be around 4.5-4.8k pw tbc. Can u send more info\n\nKev\n",
     "interested"),
    ("We can offer from 14/12/2026. Fee £5,200 pw for the first 12 weeks (2:1 staffing), "
     "reducing to £4,600 pw once settled.\n", "offer"),
])
def test_a_fee_only_guessed_at_or_stepped_is_asked(text: str, decision: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == (decision, None)
    assert "weekly_fee" in parsed.missing or decision == "interested"


def test_a_range_in_thousands_is_asked() -> None:
    """Read at its lower figure until round 65 (e07): a range is asked (fee-range-asked)."""
    parsed = reply_read_as_mail("We can offer from 14/12, fee £4.5-5k pw.\n", on=_DEC2)
    assert (parsed.weekly_fee, "weekly_fee" in parsed.missing) == (None, True)


@pytest.mark.parametrize(("text", "decision", "fee", "start"), [
    ("Good morning,\n\nWe are pleased to inform that we have possibility to offer placement for "
     "the young person from 14.12.2026. The cost is 4.850 pounds per week.\n",
     "offer", 4850, date(2026, 12, 14)),
    ("Dear Colleague,\n\nKindly be informed that our home can accommodate the child with effect "
     "from 9th December at the rate of £4,800 per week. Kindly revert.\n",
     "offer", 4800, date(2026, 12, 9)),
    ("Hello,\n\nWe are interesting for this young lady, please can you send to us more "
     "informations. Our price will be £4,750 weekly.\n", "interested", 4750, None),
])
def test_second_language_english_is_read(text: str, decision: str, fee: int,
                                          start: date | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (decision, fee, start)


@pytest.mark.parametrize(("text", "reason"), [
    ("Hello,\n\nWe can not to offer because the matching with other childrens is not possible, "
     "they are more younger.\n\nGwen\n", "matching"),
    ("Manager said: \"No - she'd unsettle Jay and we're at 3 of 4 with a complex group.\"\n\n"
     "So unfortunately it's a decline from us on matching.\n\nOwen\n", "matching"),
    ("Dear Northby,\n\nThank you for the referral. Unfortunately we have to decline: we "
     "currently have two younger boys placed and, having looked at the impact, the mix would "
     "not be right for her.\n", "matching"),
    ("Having completed our impact risk assessment, we are declining: the risks to the current "
     "group are too high.\n", "matching"),
    ("sorry no room at the inn atm \U0001f614\n", "no-vacancy"),
])
def test_a_decline_with_its_reason_in_other_words(text: str, reason: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "decision", "start", "reason"), [
    ("PLACEMENT RESPONSE - BRIGHTPATH CARE GROUP\nPlacement available: N\nWeekly cost: N/A\n"
     "Earliest start: N/A\nMatching considerations: Home full until Feb 2027\n",
     "decline", None, "no-vacancy"),
    ("Placement available: Yes - from 21/12\nWeekly cost: £4,600 pw\n"
     "Matching considerations: would share with one 15yo girl, good match\n",
     "offer", date(2026, 12, 21), None),
])
def test_the_homes_own_template_says_whether_a_place_is_available(
        text: str, decision: str, start: date | None, reason: str | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from, parsed.decline_reason) == (
        decision, start, reason)


_FROM_OUR_RM = ("See below from our RM:\n\n-----Original Message-----\nFrom: Registered Manager\n"
                "Sent: 01 December 2026 17:02\nTo: Placements\nSubject: RE: Northby girl\n\n"
                "No, we cannot offer - the matching with the current group is not right.\n\n"
                "-----\n")
_OUR_REFERRAL = ("\n________________________________\nFrom: Northby Placements "
                 "<r+ab12cd@broker.example>\nSent: 02 December 2026 09:14\n"
                 "To: Dana Whitfield <placements@rosewood.example>\n"
                 "Subject: Referral REF-2026-000123\n\nReferral: REF-2026-000123\nAge: 14\n")


@pytest.mark.parametrize("below", [
    "Dana wrote: we could offer at £5,100 per week from 14/12 if you agree?\n",  # her question
    "We can offer a place at £5,100 per week from 14/12.\n",  # a text pasted under the decline
])
def test_a_forwarded_decline_stands_over_what_sits_below_its_rule(below: str) -> None:
    """Attacker's review 20: the RM's decline was lost, and an offer at £5,100 from 14/12 that
    nobody made was recorded from the words under the RM's own rule."""
    parsed = reply_read_as_mail(_FROM_OUR_RM + below + _OUR_REFERRAL, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee, parsed.available_from) == (
        "decline", "matching", None, None)


def test_an_extra_named_in_the_fee_field_is_an_additional_cost() -> None:
    """Round 51's 027: the fee was asked, as if "£4,600 + £350 pw" were a fee in parts."""
    parsed = reply_read_as_mail(
        "Placement available: Yes - from 21/12\nWeekly cost: £4,600 + £350 pw additional 1:1 for "
        "the first 4 weeks\nMatching considerations: would share with one 15yo girl\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.additional_costs) == (
        "offer", 4600, date(2026, 12, 21), "£350 pw additional 1:1 for the first 4 weeks")


def test_a_part_added_without_naming_itself_an_extra_is_still_asked() -> None:
    parsed = reply_read_as_mail("Decision: Offer\nWeekly fee: £4,900 base + solo uplift £600 pw\n"
                                "Available from: 14/12/2026\n", on=_DEC2)
    assert parsed.weekly_fee is None and "weekly_fee" in parsed.missing


@pytest.mark.parametrize("text", [
    "Hi,\n\nCedar House isn't suitable (all-boys home) but I've passed this on to the manager at "
    "Maple Lodge who will reply to you separately.\n\nGwen\n",  # round 51's 046
    "Sorry, we're a boys-only home.\n",
])
def test_a_single_sex_home_is_a_decline_on_matching(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("fee", ["£4,900 for 12 weeks, then £4,600"])
def test_a_stepped_fee_in_the_forms_field_is_asked_as_in_prose(fee: str) -> None:
    # "£4,900 first 12 weeks, then reduced to £4,600" is read as its steps now (rule
    # later-fee-named, tests/unit/test_fee_field_steps.py); "for 12 weeks" alone is asked
    parsed = reply_read_as_mail(f"Decision: Offer\nWeekly fee: {fee}\nAvailable from: 14/12/2026\n",
                                on=_DEC2)
    assert parsed.weekly_fee is None and "weekly_fee" in parsed.missing


def test_a_registration_for_other_ages_typed_into_the_quoted_referral_is_a_decline() -> None:
    """Round 51's 032: the home's "[OP: our registration is 8-13, so no sorry]", typed under
    the quoted "Age: 14", was read as nothing and the decision asked."""
    parsed = reply_read_as_mail(
        "See below.\n\nOn Wed, 2 Dec 2026 at 09:14, Northby Placements <r+ab12cd@broker.example> "
        "wrote:\n\n> Dear Elm Court placements team,\n>\n> Referral: REF-2026-000123\n> Age: 14\n\n"
        "[OP: our registration is 8-13, so no sorry]\n\n> Gender: Female\n"
        "> Needed from: 07/12/2026\n> Budget: up to £5,200 per week\n\nOwen\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


def test_a_registration_for_these_ages_with_no_problem_is_no_decline() -> None:
    parsed = reply_read_as_mail("Our registration is 8-13 so no problem there, we can offer from "
                                "14/12 at £4,900 pw.\n", on=_DEC2)
    assert parsed.decision == "offer"


_OUR_REFERRAL_IN_OUTLOOK = (
    "________________________________\nFrom: Northby Placements <r+ab12cd@broker.example>\n"
    "Sent: 02 December 2026 09:14\nTo: Dana Whitfield <placements@rosewood.example>\n"
    "Subject: Referral REF-2026-000123\n\nDear Rosewood Lodge placements team,\n\n"
    "Referral: REF-2026-000123\nAge: 14\nNeeded from: 07/12/2026{start}\n"
    "Budget: up to £5,200 per week{fee}\n\nResponse form\n"
    "Decision: (offer / interested / decline){decision}\nWeekly fee:\nAvailable from:\n")


def test_answers_typed_after_the_quoted_referrals_lines_are_the_homes() -> None:
    """Round 51's 029: the offer was read from ">> Offer" but its start and fee, typed after
    the referral's own lines, were lost and asked."""
    parsed = reply_read_as_mail("Hi, answers inline below in red.\n\nKind regards\n\nDana\n\n"
                                + _OUR_REFERRAL_IN_OUTLOOK.format(
                                    start="  >> we could do 14th", fee="  >> our fee £4,900 pw",
                                    decision="  >> Offer"), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4900, date(2026, 12, 14))


def test_the_quoted_referrals_own_lines_are_never_the_homes_answer() -> None:
    parsed = reply_read_as_mail("Hi, answers inline below in red.\n\nDana\n\n"
                                + _OUR_REFERRAL_IN_OUTLOOK.format(
                                    start="", fee="", decision="  >> Offer"), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, None)


def test_can_do_with_a_smiley_and_shorthand_before_its_terms_is_an_offer() -> None:
    """Round 51's 062: the smiley between "can do" and its terms left the reply asked."""
    parsed = reply_read_as_mail("can do 🙂 frm mon 7th, 5k pw\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 5000, date(2026, 12, 7))
    assert reply_read_as_mail("can do weekends 🙂\n", on=_DEC2).decision is None
