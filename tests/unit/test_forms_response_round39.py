"""Replies as round 39's outside tester wrote them: a footer or legal notice below the
writer's name, a fee in parts, an autocorrected manager, a tick after a word, a place of
another kind, a case system's confirmation forwarded as the answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.records import is_a_record
from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(("text", "answer"), [
    ("Hi,\n\nNot for us on this occasion I'm afraid (matching).\n\nMegan Fairclough\n"
     "Placement Officer, Rosewood Lodge\n\nCURRENT VACANCY: YES - 1 bed available from "
     "07/12/2026. Offers considered within 24 hours.",
     ("decline", None, None, "matching")),
    ("Interested - could you send the chronology?\n\nMegan\n\nDISCLAIMER: Nothing in this "
     "email constitutes an offer. No contract is formed by email and any offer is subject to "
     "contract. If you have received this email in error, please decline any attachment, "
     "notify the sender and delete it.",
     ("interested", None, None, None)),
])
def test_a_footer_or_legal_notice_below_the_name_is_not_the_answer(text: str,
                                                                   answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


def test_the_writers_own_words_after_the_name_are_read() -> None:
    parsed = parsed_reply("Hi,\n\nWe are interested.\n\nMegan\n\nPS: we could offer from "
                          "14/12 at £4,900 pw.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4900))


def test_an_offer_subject_to_contract_in_the_writers_words_stands() -> None:
    parsed = parsed_reply("Hi,\n\nWe can offer at £4,900 pw from 14/12, subject to contract.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4900))


@pytest.mark.parametrize("text", [
    "Hi,\n\nWe could offer if Northby can fund 2:1 during the day: core fee £4,900 pw plus a "
    "2:1 supplement of £1,650 pw. She could start on 21/12.",
    "Hi,\n\nWe can offer from Monday 21st. Core fee £4,600 pw, plus a 2:1 staffing supplement "
    "of £1,400 pw for the first six weeks.",
])
def test_a_fee_in_parts_with_a_ratio_between_them_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize("text", [
    "Hi,\n\nWe can offer from the 14th at £4,250 pw + VAT.",
    "Decision: Offer\nWeekly fee: £4,200 plus VAT\nAvailable from: 14/12/2026",
    "Hi,\n\nHappy to offer from the 14th - £4,750 pw ex VAT.",
])
def test_a_fee_before_vat_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)


def test_a_fee_before_vat_with_its_total_is_the_total() -> None:
    parsed = parsed_reply("We can offer from 14/12. Our fee is £4,150 pw plus VAT, so £4,980 pw "
                          "in total.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4980)


def test_a_manager_autocorrected_to_manger_still_says_no() -> None:
    parsed = parsed_reply("We'd love to have her but the Manger says no \U0001F614", on=_DEC2)
    assert parsed.decision == "decline"


@pytest.mark.parametrize(("text", "decision"), [
    ("Offer \u2714\ufe0f   Interested   Decline\nFee £4,900\nFrom Mon 14th", "offer"),
    ("Offer   Interested \u2714   Decline", "interested"),
])
def test_a_tick_after_one_of_the_decisions_words_marks_it(text: str, decision: str) -> None:
    assert parsed_reply(text, on=_DEC2).decision == decision


def test_a_day_place_at_the_providers_school_is_no_offer_of_a_home() -> None:
    parsed = parsed_reply("Hi,\n\nWe don't have a residential bed, but our school could offer "
                          "her a day place (39 weeks) from January.", on=_DEC2)
    assert parsed.decision in (None, "decline")


@pytest.mark.parametrize(("text", "answer"), [
    ("Hi,\n\nUpdate to our offer: same fee, but the start is now Monday 4 January - our "
     "current young person's move-on has slipped.", (None, date(2027, 1, 4))),
    ("Hi,\n\nRevised: fee now £4,750 following your call with our RI; start date unchanged.",
     (Decimal(4750), None)),
    ("Hi,\n\nJust to flag - the offer below still stands, but our fee goes up to £5,050 from "
     "1 January 2027 with our annual uplift.", (None, None)),
    ("Hi,\n\nCorrection to the offer below - she'd be in our annexe (same home, own flat), so "
     "the fee is £5,600 pw. Start as before.", (Decimal(5600), None)),
])
def test_an_update_to_the_homes_own_offer_is_the_offer_with_what_it_changes(
        text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", *answer)


def test_an_update_to_the_offer_that_takes_it_back_is_no_offer() -> None:
    parsed = parsed_reply("Update to our offer: sorry, the bed has now been filled.", on=_DEC2)
    assert parsed.decision == "decline"


@pytest.mark.parametrize(("text", "answer"), [
    ("Vacancy \u2714\ufe0f\nMeet needs \u2714\ufe0f\nFee £4,850 pw\nStart 14/12",
     ("offer", Decimal(4850), date(2026, 12, 14), None)),
    ("Vacancy \u274c\nMeet needs \u2714\ufe0f", ("decline", None, None, "no-vacancy")),
])
def test_a_checklist_with_each_mark_after_its_phrase_is_its_answers(text: str,
                                                                    answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


def test_our_forms_hints_answered_in_square_brackets_are_its_answers() -> None:
    parsed = parsed_reply("Decision: (offer / interested / decline) [DECLINE]\nDecline reason: "
                          "(if declining: no-vacancy / cannot-meet-needs / location / matching / "
                          "price / other) [location]", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "location")


@pytest.mark.parametrize(("text", "reason"), [
    ("We have to decline, I'm afraid - our home is over three hours from ZZ98.", "location"),
    ("SORRY - WE ARE DECLINING THIS ONE, OUR YOUNG PEOPLE ARE ALL BOYS AT PRESENT.",
     "matching"),
])
def test_a_decline_for_distance_or_the_group_gives_its_reason(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_start_after_a_bare_fee_between_dashes_is_read() -> None:
    parsed = parsed_reply("Offer - 4,950 - 21/12\n\nTom", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 21))


def test_dictation_misheard_is_read_as_meant() -> None:
    parsed = parsed_reply("Hi Sam we can off her a place from Monday the fourteenth at for "
                          "thousand nine hundred pound a week the carers are Mr and Mrs Ellery "
                          "thanks Lorna", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 14))


def test_thousands_for_a_number_are_not_misheard() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,900 pw - thanks for thousands of "
                          "hours of work on this.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4900)


_FORWARDED = ("---------- Forwarded message ---------\n"
              "From: CarePath Referrals <no-reply@larchhall-care.example>\n"
              "Date: Wed, 2 Dec 2026 at 11:04\n"
              "Subject: [CarePath] Response logged for REF-2026-000123\n"
              "To: Jo Marsh <jo.marsh@larchhall-care.example>\n\n"
              "Referral: REF-2026-000123 (Northby Council)\n{record}\nLogged by: J Marsh\n\n"
              "This is an automated message from CarePath. Please do not reply to this address.\n")


@pytest.mark.parametrize(("record", "answer"), [
    ("Status = Offer made | Weekly rate = £4,900 | Start = 14/12/2026",
     ("offer", Decimal(4900), date(2026, 12, 14), None)),
    ("Status = Declined | Reason code = BU (bed unavailable) | Start = n/a",
     ("decline", None, None, "no-vacancy")),
    ("Response type: Expression of Interest | Proposed fee: 4900.00 | Proposed start: "
     "14-Dec-2026", ("interested", Decimal(4900), date(2026, 12, 14), None)),
])
def test_a_case_systems_record_forwarded_alone_is_the_answer(record: str, answer: tuple) -> None:
    parsed = reply_read_as_mail(_FORWARDED.format(record=record), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


@pytest.mark.parametrize(("typed", "answer"), [
    ("Jo here - please ignore the weekly rate on the system email below, it pulled last "
     "year's tariff. Our fee is £5,050 pw. Everything else on it is right.",
     ("offer", Decimal(5050), date(2026, 12, 14))),
    ("Hi - our system has logged this as an offer but it should be interest only at this "
     "stage; we need to see her EHCP before we can commit.",
     ("interested", Decimal(4900), date(2026, 12, 14))),
    ("Jo here - please ignore the weekly rate on the system email below, it is last year's.",
     ("offer", None, date(2026, 12, 14))),
])
def test_the_writers_words_over_a_forwarded_record_decide_what_they_say(typed: str,
                                                                        answer: tuple) -> None:
    record = "Status = Offer made | Weekly rate = £4,900 | Start = 14/12/2026"
    parsed = reply_read_as_mail(f"{typed}\n\n{_FORWARDED.format(record=record)}", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


def test_a_forwarded_message_that_is_no_record_is_not_read_alone() -> None:
    parsed = reply_read_as_mail(_FORWARDED.format(record="Status = Response pending")
                                .replace("Logged by: J Marsh\n", ""), on=_DEC2)
    assert parsed.decision is None


@pytest.mark.parametrize("unit", [
    "Megan\n\n", "CURRENT VACANCY: YES\n\n", "DISCLAIMER \n\n",
    "£4,900 pw plus a 2:1 ", "£4,250 pw + ", "Offer \u2714 ", "offer her a day ",
    "Status = a | ", "Fee: 1\n", "ignore the weekly ", "-----", "--- forwarded message ",
    "update to our ", "start is now Monday 4 ", "fee now £1 ", "Vacancy \u2714\n",
    "a" * 50 + " \u2714\n", "Decision: (a) [ " + " " * 50, "offer - 4,950 - ",
    "can off her for thousand ",
])
def test_text_made_to_slow_the_round_39_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["Status = a | ", "Fee: 1\nRate: 2\n", "a" * 30 + " = "])
def test_a_long_record_is_told_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: is_a_record(text.split("\n"), ["no-reply"]),
                  20_000, repeats=3) < LINEAR
