"""Replies as round 41's outside tester wrote them: a later correction in the same message (an
offer taken back with "actually … we can't", "hang on – RM says 21/12", "scrap the fee … It's
£4,900", a corrected or doubted date in the form's brackets) and an offer of something that
is no bed ("we can offer her therapy sessions")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


def test_an_offer_taken_back_with_actually_we_cant_is_a_decline() -> None:
    parsed = parsed_reply("We can offer a place from Monday 14th at £4,850 pw \u2013 actually, "
                          "having just checked with the RM, we can't until March as the bedroom "
                          "is being refitted. Sorry to mess you about.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == ("decline", None, None, "no-vacancy")


def test_actually_we_cant_about_one_part_leaves_the_decision_asked() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,800 pw. Actually we can't do weekends.",
                          on=_DEC2)
    assert parsed.decision is None


def test_an_offer_of_therapy_is_no_place() -> None:
    parsed = parsed_reply("We can offer her therapy sessions twice a week if she's placed "
                          "locally, but we don't have a bed.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_hang_on_corrects_the_start() -> None:
    parsed = parsed_reply("Can offer 14/12. Hang on \u2013 RM says 21/12 at the earliest (staff "
                          "training week). So 21/12, fee £4,800 pw.", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 21))


def test_a_fee_scrapped_is_replaced_by_the_next_sentences() -> None:
    parsed = parsed_reply("We'd love to have her \u2013 offer at £4,700 pw from the 14th. Oh, "
                          "scrap the fee, I've given you last year's rate. It's £4,900 pw.",
                          on=_DEC2)
    assert (parsed.weekly_fee, parsed.available_from) == (Decimal(4900), date(2026, 12, 14))


def test_a_date_corrected_in_the_forms_brackets_is_the_start() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026 "
                          "(sorry \u2013 14/01/2027, I misread the rota)", on=_DEC2)
    assert parsed.available_from == date(2027, 1, 14)


def test_another_day_in_the_forms_brackets_asks_the_start() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,900\nAvailable from: 01/04/2027 "
                          "(4 Jan \u2013 our system is set to US dates)", on=_DEC2)
    assert parsed.available_from is None
    assert "available_from" in parsed.missing


def test_the_same_day_in_the_forms_brackets_is_the_start() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026 "
                          "(Mon 14 Dec)", on=_DEC2)
    assert parsed.available_from == date(2026, 12, 14)


@pytest.mark.parametrize("unit", [
    "actually, ", "actually we ", "offer her therapy ", "hang on ", "scrap the fee. ",
    "sorry - ", "(1 ", "(a 1) ", "can't until ",
])
def test_text_made_to_slow_the_round_41_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["(1 ", "(a 1) ", "sorry - 1", "1 (1/1) "])
def test_a_form_date_made_to_slow_the_round_41_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(
        f"Decision: Offer\nAvailable from: {text}", on=_DEC2), 5_000, repeats=3) < LINEAR


_OUR_SUBJECT = "RE: Referral REF-2026-000123: residential, age 14, ZZ98 - reply by 4 Dec 2026"


def test_a_line_headed_re_ref_and_this_referrals_number_is_its_answer() -> None:
    parsed = parsed_reply("Hi,\n\nRe ref 119: yes from 14/12 at £4,800 pw\nRe ref 123: no, sorry "
                          "\u2013 no bed for a girl\nRe ref 131: interested\n\nHattie", on=_DEC2,
                          subject=_OUR_SUBJECT)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None,
                                                                           None)


def test_a_reply_that_takes_this_for_another_childs_referral_is_asked() -> None:
    parsed = parsed_reply("Hi \u2013 I think this is the referral for the 11-year-old boy we "
                          "spoke about on the phone? If so, we're interested.", on=_DEC2,
                          subject=_OUR_SUBJECT)
    assert parsed.decision is None
    assert "decision" in parsed.missing


def test_the_referral_for_a_child_of_her_age_is_read() -> None:
    parsed = parsed_reply("I think this is the referral for the 14-year-old girl. We're "
                          "interested.", on=_DEC2, subject=_OUR_SUBJECT)
    assert parsed.decision == "interested"


@pytest.mark.parametrize(("text", "day", "fee"), [
    ("No probs, can offer frm 2morrow, fee to follow", date(2026, 12, 3), None),
    ("we cn offer frm Monday at 4,900 pw", date(2026, 12, 7), Decimal(4900)),
])
def test_a_phones_shorthand_is_read(text: str, day: date, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from, parsed.weekly_fee) == ("offer", day, fee)


def test_cant_meat_her_needs_is_a_decline() -> None:
    parsed = parsed_reply("Sorry, we can't meat her needs.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


@pytest.mark.parametrize("unit", ["re ref 1", "re 123: ", "this is the referral for ",
                                  "frm ", "cn ", "meat ", "meat her "])
def test_text_made_to_slow_the_round_41_words_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(
        text, on=_DEC2, subject=_OUR_SUBJECT), 5_000, repeats=3) < LINEAR


def test_a_form_interested_made_a_firm_offer_in_an_update_is_an_offer() -> None:
    parsed = parsed_reply("Decision: Interested\n\nUpdate since I started typing this \u2013 our "
                          "manager's happy to make it a firm offer: £5,050 pw from 21/12.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(5050), date(2026, 12, 21))


def test_a_past_placements_fee_is_not_hers() -> None:
    parsed = parsed_reply("We were completely full in October and we couldn't offer anything "
                          "then. Our last young person from Northby was at £4,600 pw. For her, "
                          "our fee would be £4,980 pw, and we'd want to start with a visit on "
                          "the 9th and a move-in on Monday 14th. Please consider this an offer.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4980), date(2026, 12, 14))


def test_a_start_left_to_a_note_below_is_asked() -> None:
    parsed = parsed_reply("We can offer from the 14th at £4,900 pw \u2013 but see Jo's note "
                          "below re the start.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), None)
    assert "available_from" in parsed.missing


@pytest.mark.parametrize("unit", ["update since ", "update a b c d e ", "was at £1 ",
                                  "last young person £1 ", "see a note below re ",
                                  "see a b c d ", "make it a firm offer "])
def test_text_made_to_slow_the_round_41_terms_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_another_events_day_in_the_forms_brackets_leaves_the_start() -> None:
    parsed = parsed_reply("Available from: 14th December 2026 (current young person moves on "
                          "10/12)", on=_DEC2)
    assert parsed.available_from == date(2026, 12, 14)


@pytest.mark.parametrize(("text", "fee", "day"), [
    ("We have a carer: £165 a day, from Friday 11th.", Decimal(1155), date(2026, 12, 11)),
    ("Happy days \u2013 she can have the corner room from Saturday 12th. £4,850 a week.",
     Decimal(4850), date(2026, 12, 12)),
    ("Hi hun, carers said yes!! from 14th, £1,150pw. Will send profile x", Decimal(1150),
     date(2026, 12, 14)),
])
def test_a_yes_in_plain_words_with_a_fee_and_a_day_is_an_offer(text: str, fee: Decimal,
                                                               day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, day)


@pytest.mark.parametrize(("text", "reason"), [
    ("Not full, but not right for her either \u2013 the others are all lads of 16.", "matching"),
    ("Our only bed is reserved for a planned admission on 10/12. If that falls through I'll "
     "let you know straight away, but for now it's a no.", "no-vacancy"),
    ("It's a no for a December start \u2013 nothing free until Monday 4th January.",
     "no-vacancy"),
])
def test_a_decline_in_plain_words_gives_its_reason(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_the_bed_reserved_for_her_is_no_decline() -> None:
    assert parsed_reply("The bed is reserved for her until Friday.", on=_DEC2).decision != (
        "decline")
