"""Replies as round 50's outside tester wrote them: offers taken back in plain words ("we can
no longer offer", "we need to pull out"), offers that stand after a worry or a new fee, and
withdrawals and declines whose reason is said in other words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC8 = date(2026, 12, 8)  # a Tuesday


@pytest.mark.parametrize("text", [
    "We can no longer offer.",
    "I'm really sorry but we can no longer offer for this young person.",
    "Unfortunately our situation has changed since we responded and we are no longer in a "
    "position to offer a placement. Apologies for any inconvenience.",
    "Bad news I'm afraid - we've had to withdraw. Our placing authority has asked us to extend "
    "a current placement.",
    "Hi, sorry, the carers have talked it over this weekend and decided they don't feel ready "
    "for a teenager after all, so we need to pull out. Jan",
    "Further to our offer of 2 December, please note that Meadowbank is withdrawing its offer "
    "with immediate effect.",
])
def test_an_offer_taken_back_in_plain_words_is_a_withdrawal(text: str) -> None:
    assert parsed_reply(text, on=_DEC8).decision == "withdrawn"


@pytest.mark.parametrize(("text", "reason"), [
    ("After reading the full papers we'd like to withdraw. Our carers have a 6-year-old and "
     "given the aggression towards younger children it wouldn't be fair on either child.",
     "matching"),
    ("Having read the papers, sorry, we can no longer offer - the risks around exploitation "
     "are too high for our current group.", "matching"),
    ("I'm afraid we have to withdraw our interest. Having spoken to her current carers, we "
     "don't think we're the right match for her.", "matching"),
    ("Unfortunately we're going to have to pull our offer - the young person we were expecting "
     "to move on is now staying with us until March.", "no-vacancy"),
    ("Decision: Withdrawn\nDecline reason: no-vacancy\n", "no-vacancy"),
])
def test_a_withdrawal_keeps_the_reason_the_home_gives(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC8)
    assert (parsed.decision, parsed.decline_reason) == ("withdrawn", reason)
    assert parsed.missing == []


def test_a_withdrawal_without_a_reason_asks_for_none() -> None:
    parsed = parsed_reply("We've had to withdraw, sorry.", on=_DEC8)
    assert (parsed.decision, parsed.decline_reason, parsed.missing) == ("withdrawn", None, [])


@pytest.mark.parametrize(("text", "reason"), [
    ("We had an emergency admission overnight from another authority, so the vacancy we "
     "offered has gone. I'm sorry.", "no-vacancy"),
    ("I'm sorry - we can't offer after all. The bed's been filled by an internal transfer.",
     "no-vacancy"),
    ("No longer able to offer sorry - bed gone", "no-vacancy"),
    ("Our carers have considered this referral but feel her needs are beyond their "
     "experience, so we must decline.", "cannot-meet-needs"),
    ("We can't take a 14-year-old girl at the moment - the group is all boys aged 15-17 - so "
     "please treat this as a decline.", "matching"),
])
def test_a_decline_with_its_reason_in_other_words(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC8)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize("text", [
    "Having read the papers we're worried about the smoking and the missing at weekends but "
    "we'll still offer.",
    "Still offering.",
    "Just to correct Sam's reply - our fee for this placement is £5,250 per week, not £5,000. "
    "The offer otherwise stands.",
])
def test_an_offer_that_still_stands_is_an_offer(text: str) -> None:
    assert parsed_reply(text, on=_DEC8).decision == "offer"


@pytest.mark.parametrize(("text", "decision"), [
    ("We're not still offering, sorry.", None),
    ("We are not withdrawing its offer.", None),
    ("We think we're the right match for her and can offer from 14/12 at £4,900 pw.", "offer"),
])
def test_these_words_denied_or_turned_round_mean_no_such_thing(text: str,
                                                               decision: str | None) -> None:
    assert parsed_reply(text, on=_DEC8).decision == decision


@pytest.mark.parametrize("text", [
    "Please ignore the decline from my deputy this morning - I've reviewed it and we can offer. "
    "£5,050 per week, from 16/12/2026.",
    "Following an email from our manager today, we can offer at £5,050 per week from 16/12/2026.",
])
def test_a_time_said_of_whom_a_message_came_from_is_not_the_start(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC8)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 5050, date(2026, 12, 16))


def test_a_start_from_today_is_still_read() -> None:
    parsed = parsed_reply("We can offer at £5,050 per week from today.", on=_DEC8)
    assert parsed.available_from == _DEC8


@pytest.mark.parametrize(("text", "fee"), [
    ("Sorry been on leave. We're interested, fee would be 4950. Can u send the care plan", 4950),
    ("Still offering. Fee now 5150 pw though as she'd need 2:1 in community", 5150),
    ("Having read the papers we're worried about the smoking but we'll still offer. 4900pw "
     "from 14th", 4900),
])
def test_a_fee_without_a_pound_sign_beside_a_word_for_it(text: str, fee: int) -> None:
    assert parsed_reply(text, on=_DEC8).weekly_fee == fee


@pytest.mark.parametrize("text", [
    "We're interested, fee would be 2026.",  # a year, not a fee
    "We're interested - call 01632 960123 to discuss the fee.",
    "We're interested; the home is at LS6 4950.",
])
def test_a_bare_number_that_is_no_fee_is_not_read_as_one(text: str) -> None:
    assert parsed_reply(text, on=_DEC8).weekly_fee is None


@pytest.mark.parametrize(("text", "decision"), [
    ("Eastvale referral EV-2026-0456: we can offer from 07/12 at £4,600 per week.\n"
     "Your referral REF-2026-000123: sorry, we have to decline - we can't meet the CSE needs.\n"
     "\nOwen", "decline"),
    ("Our ref: PRV-2026-0012. We can offer from 14/12 at £4,600 per week.", "offer"),
])
def test_another_councils_referral_named_by_its_own_reference_is_left_out(
        text: str, decision: str) -> None:
    parsed = parsed_reply(text, on=_DEC8, reference="REF-2026-000123")
    assert parsed.decision == decision
    if decision == "decline":
        assert (parsed.decline_reason, parsed.weekly_fee) == ("cannot-meet-needs", None)


@pytest.mark.parametrize("text", [
    "Conditional offer - subject to the RM meeting her first. £4,850 pw from the 14th.",
    "We can offer once our manager has met her, £4,850 pw from 14/12.",
])
def test_an_offer_made_only_once_someone_has_met_her_is_interest(text: str) -> None:
    """Round 47: an offer held until the home's manager has met her had been read as an offer."""
    parsed = parsed_reply(text, on=_DEC8)
    assert (parsed.decision, parsed.weekly_fee) == ("interested", 4850)


def test_an_offer_subject_to_something_else_is_still_an_offer() -> None:
    parsed = parsed_reply("We can offer at £4,850 pw from 14/12, subject to the usual matching.",
                          on=_DEC8)
    assert parsed.decision == "offer"


@pytest.mark.parametrize("unit", ["conditional offer - subject to ", "the rm meeting x "])
def test_reading_an_offer_held_for_a_meeting_grows_linearly(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC8), 3_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("text", [
    "We can no longer offer the 14th but can from the 21st. Fee £4,900 pw.",
    "we could no longer offer from Monday, but from 21/12/2026 is fine at £4,900 per week",
])
def test_another_day_after_but_is_no_withdrawal(text: str) -> None:
    """Review 18: moving the start read as withdrawing the offer, taking the home off."""
    assert parsed_reply(text, on=_DEC8).decision not in ("withdrawn", "decline")


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer. The education rate is 650 and our fee of £4,900 pw.", "4900.00"),
    ("We can offer. Our occupancy rate is 100% at present. Fee £4,900 pw.", "4900.00"),
    ("We can offer at £4,900 pw, transport rate of 450 a month on top.", "4900.00"),
    ("We can offer. Our day rate is 750.", None),
])
def test_a_rate_that_is_not_the_fee_is_not_read_as_it(text: str, fee: str | None) -> None:
    got = parsed_reply(text, on=_DEC8).weekly_fee
    assert (str(got) if got is not None else None) == fee
