"""Replies as round 48's outside tester wrote them: a vacancy that does not fit the group, a
full home's expected bed, fees that change over the placement, an earlier reply set aside,
a meeting wanted first, a summary set under the signature mark, and declines in few words."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.quotes import cut_signature
from broker.forms.values import parse_money_weekly
from tests.factories import RESPONSE_SPEC, parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


def test_a_vacancy_that_does_not_fit_the_current_group_is_a_matching_decline() -> None:
    parsed = reply_read_as_mail(
        "Hi,\n\nWe have a vacancy but her profile doesn't fit our current group, so no on this "
        "occasion.\n\nOwen\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("text", [
    "we're full at the minute but should have a bed from 11/01 if that's any good?",
    "We're full at present but should have a bed from 11/01.",
])
def test_a_full_homes_expected_bed_is_no_offer(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert parsed.decision is None
    assert parsed.available_from is None


def test_a_bed_expected_with_no_home_full_is_still_the_offer() -> None:
    parsed = parsed_reply("We should have a bed from 14/12 at £4,900 pw.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", 4900)


@pytest.mark.parametrize("text", [
    "We can offer. £6,000 pw for the 12-week assessment, then £4,800 pw ongoing. "
    "Start 14/12/2026.",
    "Offer below.\n\nWeekly fee: £5,500 weeks 1-8, stepping down to £5,000 for weeks 9-16 and "
    "£4,600 thereafter\nAvailable from: 14/12/2026",
    "Decision: Offer\nWeekly fee: £4,900 (first 4 weeks at £5,400 while 2:1 settling-in "
    "staffing is in place)\nAvailable from: 14/12/2026",
])
def test_a_fee_that_changes_over_the_placement_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", None, date(2026, 12, 14))


def test_a_fee_then_reviewed_after_some_weeks_is_still_the_fee() -> None:
    assert parse_money_weekly("£4,900 pw for the first 12 weeks, then reviewed") == 4900


def test_an_earlier_reply_of_interest_set_aside_leaves_the_decline() -> None:
    parsed = reply_read_as_mail(
        "Please disregard my earlier reply saying we were interested - having read the papers "
        "we're declining, we can't meet her needs.\n\nPriya\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


@pytest.mark.parametrize("text", [
    "We'd love to meet her before confirming - could we arrange a visit next week?",
    "We'd need to meet her and her social worker first, but we're keen.",
])
def test_a_meeting_wanted_before_confirming_is_interest(text: str) -> None:
    assert parsed_reply(text, on=_DEC2).decision == "interested"


def test_cant_do_this_one_is_a_decline() -> None:
    assert parsed_reply("Can't do this one sorry x", on=_DEC2).decision == "decline"


def test_we_can_do_her_with_a_day_and_a_fee_is_the_offer() -> None:
    parsed = parsed_reply("hi yes we can do her from monday coming 4900 a week cheers", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4900, date(2026, 12, 7))


def test_a_summary_pointed_to_under_the_signature_mark_is_read() -> None:
    parsed = reply_read_as_mail(
        "Happy to offer - summary below.\n\n--\nOffer summary: Elm Court · £4,850/wk · from Mon "
        "14 Dec\nOwen Pryce | Referrals Coordinator\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4850, date(2026, 12, 14))


def test_a_signature_under_its_mark_with_no_summary_pointed_to_is_cut() -> None:
    items = ["Happy to offer.", "", "--", "Offer summary: Elm Court £4,850/wk", "Owen Pryce"]
    assert cut_signature(list(items), RESPONSE_SPEC) == ["Happy to offer.", ""]


def test_over_budget_after_a_decline_is_the_price_reason() -> None:
    parsed = parsed_reply("Decline - over budget I'm afraid, our rate for this level of need is "
                          "£6,200.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "price")


@pytest.mark.parametrize("unit", [
    "£4,900 for the weeks for the weeks ", "£1 (first ", "£1 weeks then ",
    "summary below summary: ", "should should have a bed ",
    "disregard my earlier reply saying ",
])
def test_text_made_to_slow_the_round_48_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
