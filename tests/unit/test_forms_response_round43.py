"""Replies as round 43's outside tester wrote them: an answer about another child on this
thread, a fee given in parts or by a school day, a case system's rate basis in its own field,
lines that list every choice, a "Yes" under the one question a reply quotes, and a phone's
"Yes can do 14th 4.8k"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_SUBJECT = "RE: Referral REF-2026-000123: residential, age 14, ZZ98 - reply by 4 Dec 2026 12:00"


def test_a_reply_about_a_child_of_another_age_is_not_this_ones() -> None:
    parsed = parsed_reply("Hi, replying to your email about the 15-year-old lad from last week "
                          "\u2013 we'd now be able to offer from 14/12 at £4,750 pw.",
                          on=_DEC2, subject=_SUBJECT)
    assert (parsed.decision, parsed.weekly_fee) == (None, None)
    assert "decision" in parsed.missing


@pytest.mark.parametrize("text", [
    "We can offer from 14/12 \u2013 £4,500 pw plus £260 a day education.",
    "Offer \u2013 £4,600 pw, solo premium applies. From Mon 21st.",
    "Our carers could take her from 14/12. Carer fee would be £650 pw, with our agency fee on "
    "top (£480 pw).",
    "We can offer a Year 9 place from Tuesday 5 January. Our day rate is £285 per school day.",
])
def test_a_part_of_the_fee_is_not_the_weekly_fee(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


def test_a_rate_basis_in_its_own_field_gives_the_rates_period() -> None:
    parsed = reply_read_as_mail("Outcome: Offer\nRate basis: Daily\nRate: 695.00 GBP\n"
                                "Proposed start: 14/12/2026\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4865))


def test_a_portals_rejection_for_bed_availability_is_no_vacancy() -> None:
    parsed = reply_read_as_mail("Outcome: Rejected\nReason: Bed availability\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("text", [
    "Hi,\n\nDo you have a vacancy? YES / NO\nCan you meet her needs? YES / NO\n\nNell",
    "Hi Northby,\n\nDecision: Offer: Interested: Decline\n\nHana",
])
def test_a_line_listing_every_choice_answers_nothing(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert parsed.decision is None
    assert "decision" in parsed.missing


def test_two_values_side_by_side_in_a_field_are_asked() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,500 £4,750\nAvailable from: "
                          "07/12/2026 14/12/2026\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, None)
    assert {"weekly_fee", "available_from"} <= set(parsed.missing)


def test_a_highlighted_rate_among_several_is_asked() -> None:
    parsed = parsed_reply("Our fees: Standard £4,600 pw | Enhanced (waking nights) £5,450 pw | "
                          "Solo £6,200 pw\n\nFor her we'd propose the highlighted rate. Offer "
                          "from 21/12.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)


def test_a_yes_under_the_one_question_quoted_answers_that_question() -> None:
    parsed = reply_read_as_mail("Hi,\n\nOn Tue, 1 Dec 2026 at 10:02, Northby Council Placements "
                                "<r+ab12cd@broker.example> wrote:\n> The social worker asks: can "
                                "she share a bathroom?\n\nYes\n\nCarys\n", on=_DEC2)
    assert parsed.decision is None


def test_a_phones_yes_with_a_day_and_a_fee_is_an_offer() -> None:
    parsed = parsed_reply("Yes can do 14th 4.8k", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4800), date(2026, 12, 14))


@pytest.mark.parametrize("unit", [
    "£1 pw plus ", "£1 pw, with a fee ", "£1 pw + £1 a day ", "1k ", "1k, ", "YES / ",
    "a / b | ", ": : ", "£1 £1 ", "1/1/11 ", "highlighted rate £1 pw ", "can do 1st ",
    "premium applies £1 ", "replying to your email ",
])
def test_text_made_to_slow_the_round_43_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["Decision: YES / NO / ", "Weekly fee: £1 £1 ", "> a?\n\nYes\n"])
def test_mail_made_to_slow_the_round_43_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: reply_read_as_mail(text, on=_DEC2), 2_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "reason"), [
    ("We cant offr her a place \u2013 our beds are ful.", "no-vacancy"),
    ("We'd be 75 minutes from her school each way and she'd have to move schools, so we'll "
     "decline.", "location"),
    ("Her self-harm is beyond what our staff are trained to manage safely \u2013 we have to say "
     "no.", "cannot-meet-needs"),
    ("We'd have to decline on cost \u2013 our rate for her level of need would be £6,200 pw, "
     "well above your £5,000.", "price"),
    ("No \u2013 our only bed is in a shared flat with a 17-year-old boy; it wouldn't be "
     "appropriate.", "matching"),
    ("We are unable to offer a Year 9 place \u2013 the year group is full.", "no-vacancy"),
    ("Not this one, sorry. We've two girls here with similar CSE histories and bringing her in "
     "would put them (and her) at risk.", "matching"),
    ("Sadly Mr & Mrs Tarrant have decided not to go ahead \u2013 their own daughter is the same "
     "age and they don't feel it would work.", "matching"),
    ("Response Type: Decline\nDecline Category: Registration (category of need not covered)\n",
     "cannot-meet-needs"),
])
def test_a_decline_in_a_careful_readers_words_gives_its_reason(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "decision"), [
    ("Happy to consider \u2013 please send her EHCP and latest annual review.", "interested"),
    ("Jo and Sam would love to meet her \u2013 they're approved for ages 10-16. Can we arrange "
     "an intro?", "interested"),
    ("Nope sorry", "decline"),
])
def test_a_decision_in_other_words_is_read(text: str, decision: str) -> None:
    assert parsed_reply(text, on=_DEC2).decision == decision


@pytest.mark.parametrize(("text", "fee", "day"), [
    ("Our carers can tkae her from 11/12, fee £1,150pw", Decimal(1150), date(2026, 12, 11)),
    ("Mr & Mrs Tarrant have said yes! £1,095 pw, from Fri 11th.", Decimal(1095),
     date(2026, 12, 11)),
    ("Happy to offer at £4,900 pw; she could move in any time in the window 14th\u201318th Dec, "
     "to suit her SW.", Decimal(4900), date(2026, 12, 14)),
    ("Offer at £5,000 pw. Earliest 11/12, latest 18/12 (we'd lose the bed after that).",
     Decimal(5000), date(2026, 12, 11)),
    ("This response was submitted via CarePortal. Outcome: Accepted. Weekly rate: 4650.00 GBP. "
     "Start: 2026-12-14", Decimal(4650), date(2026, 12, 14)),
])
def test_an_offer_in_other_words_is_read_with_its_terms(text: str, fee: Decimal,
                                                         day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, day)


@pytest.mark.parametrize("unit", ["Earliest ", "earliest 1", "A: b. ", "A: b. C: ", ". A: "])
def test_windows_and_one_line_records_made_to_slow_the_round_43_rules_are_read_in_linear_time(
        unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_a_later_uplift_leaves_the_fee_as_written() -> None:
    parsed = parsed_reply("Yes from Mon 14th. Fee: £4,850 pw (our 2026/27 rate \u2013 3.5% uplift "
                          "applies from 1 April). A premium applies from April too.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4850))


def test_a_visit_declined_beside_a_place_still_offered_is_an_offer() -> None:
    parsed = parsed_reply("Can't do Tuesday's visit, sorry \u2013 but to be clear we still want "
                          "to offer: £4,900 pw from Mon 14th. Could we do Thursday instead?",
                          on=_DEC2, subject="Declined: Pre-placement visit \u2013 REF-2026-000123")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 14))
