"""Replies as round 25's outside tester wrote them: slips put right in the same email, sibling
groups answered a child at a time, offers of a visit, a banner under the signature, a range of
fees by need, bilingual labels, declines that give their reason in passing, and a place that
exists only from a later day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms import read_message, read_response
from tests.factories import RESPONSE_SPEC, parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21, _JAN4 = date(2026, 12, 14), date(2026, 12, 21), date(2027, 1, 4)


def _read_email(body: str) -> tuple[str | None, Decimal | None, date | None, str | None]:
    raw = ("From: Kit Fictional <placements@hollybrook-care.example>\nSubject: RE: Referral\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    parsed = read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=_DEC2)
    return parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.decline_reason


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Can offer from the 14th - sorry, the 21st. £4,900pw", Decimal(4900), _DEC21),
    ("We can offer from Monday 14th at £4,850 a week. Correction – I've just checked with the "
     "manager and it would be Monday 21st, not the 14th.", Decimal(4850), _DEC21),
    ("Decision: Offer\nWeekly fee: £4,950\nAvailable from: 14/12/2026\n\nApologies, typo above "
     "– the fee is £4,590, not £4,950.", Decimal(4590), _DEC14),
    ("Offer £5,100pw from 14/12. Sorry - meant £5,010.", Decimal(5010), _DEC14),
    ("Offer from 14/12 at £4,900 pw. Make that the 21st.", Decimal(4900), _DEC21),
])
def test_a_slip_put_right_in_the_same_email_gives_the_corrected_value(
    text: str, fee: Decimal, start: date,
) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize("text", [
    "Sorry for the delay – we can offer from 14/12 at £4,900 pw.",
    "We can offer from 14/12 at £4,900 pw. Sorry, the 21st doesn't work for us.",
    "We can offer from 14/12 at £4,900 pw. Sorry, the 7th is too soon.",
    "Offer from 14/12 at £4,900 pw (sorry, this was meant for REF-2026-000123).",
    "Offer from 14/12 at £4,900 pw. Could we make that the 21st if she needs longer?",
])
def test_a_sorry_that_corrects_nothing_leaves_the_values_as_given(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), _DEC14)


def test_a_correction_naming_two_values_corrects_nothing() -> None:
    parsed = parsed_reply("Offer from 14/12 at £4,900 pw. Correction: £4,800 or £4,850 "
                          "depending on transport.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4900)


def test_a_form_sent_by_mistake_gives_way_to_what_the_reply_says_after_it() -> None:
    parsed = parsed_reply("Decision: Decline\nDecline reason: no-vacancy\n\nSorry – I sent the "
                          "wrong template by mistake. We CAN offer: £4,800 pw from 14/12/2026.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == ("offer", Decimal(4800), _DEC14, None)


def test_the_right_form_pasted_after_owning_up_to_the_wrong_one_is_read() -> None:
    parsed = parsed_reply("Sorry, I sent the wrong template earlier. Here it is:\n\n"
                          "Decision: Decline\nDecline reason: location", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "location")


def test_an_offer_scrapped_in_the_next_sentence_is_a_decline() -> None:
    parsed = parsed_reply("We're able to offer from 14/12 at £4,850. Scrap that – our RM has "
                          "just told me the bed went to an emergency admission this afternoon, "
                          "so it's a no I'm afraid.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.decline_reason) == (
        "decline", None, "no-vacancy")


def test_an_offer_for_one_child_of_the_group_named_after_it_is_no_offer() -> None:
    parsed = parsed_reply("We can offer the older girl a place from 14/12 at £4,900 pw, but we "
                          "can't take her younger brother as we're registered for girls only.",
                          on=_DEC2)
    assert parsed.decision == "decline"
    assert parsed.weekly_fee is None


def test_each_child_answered_differently_on_a_line_of_their_own_is_asked() -> None:
    parsed = parsed_reply("Girl (14): Offer – £4,850 pw from 14/12\n"
                          "Boy (11): Decline – outside our age range (12-17)", on=_DEC2)
    assert parsed.decision is None
    assert "decision" in parsed.missing


def test_both_children_offered_with_a_fee_for_each_is_an_offer_with_the_fee_asked() -> None:
    parsed = parsed_reply("We can offer both from 14/12: £4,900 pw for the older girl and "
                          "£4,600 pw for her brother.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, _DEC14)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize("text", [
    "We'd like to offer a visit to the home for her and her social worker next week before we "
    "make a decision.",
    "Happy to offer an initial meeting with the SW on Thursday 10th to discuss further.",
])
def test_an_offer_of_a_visit_or_a_meeting_is_no_offer_of_a_place(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert parsed.decision != "offer"
    assert parsed.available_from is None


def test_a_banner_under_the_signature_gives_no_fee_or_date() -> None:
    body = ("Interested – please send the full papers.\n\nKit Fictional\nDeputy Manager, "
            "Hollybrook Cottage\n01632 960476\n\n*** We currently have vacancies! Placements "
            "available from 14/12/2026, fees from £4,500 per week. Rated Outstanding. ***")
    assert _read_email(body) == ("interested", None, None, None)


def test_a_form_fee_given_as_a_range_by_need_is_asked() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,600 - £4,900 depending on assessed "
                          "need\nAvailable from: 14/12/2026", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, _DEC14)
    assert "weekly_fee" in parsed.missing


def test_bilingual_labels_are_read_by_their_english_side() -> None:
    parsed = parsed_reply("Penderfyniad / Decision: Cynnig / Offer\nFfi wythnosol / Weekly fee: "
                          "£4,900\nAr gael o / Available from: 14/12/2026", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), _DEC14)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Decision: Offer\nWeekly fee: £4,850\nAvailable from: w/c 14th", Decimal(4850), _DEC14),
    ("Yes can ofer 21/12 fee 4850 p/w", Decimal(4850), _DEC21),
    ("We'd like to offer. Not the 7th I'm afraid, but we could do Monday 14th at £5,150 pw.",
     Decimal(5150), _DEC14),
    ("We can't offer until 4 January, but from then we could take her at £4,850 pw.",
     Decimal(4850), _JAN4),
    ("Nothing free before Monday 11th January – if she can wait, the bed is hers from then at "
     "£4,900 pw.", Decimal(4900), date(2027, 1, 11)),
])
def test_offers_whose_start_is_said_in_passing_give_it(
    text: str, fee: Decimal, start: date,
) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize(("text", "reason"), [
    ("Thanks for this. We're short-staffed at the moment after two resignations, so we won't be "
     "able to take anyone new before the new year.", "no-vacancy"),
    ("Unfortunately we have to decline – she's outside our age range (we take 8-12).",
     "cannot-meet-needs"),
    ("Sorry, we'll pass on this one. Given her CSE risk, the risk to the two younger girls "
     "already living here would be too great.", "matching"),
    ("Sadly we're over two hours from ZZ98, so family time would be very difficult. We'll "
     "decline.", "location"),
    ("Unfortunately we don't have any carers approved for teenagers with this level of need in "
     "your area at present.", "no-vacancy"),
    ("Reasons we're declining:\n* no female beds at present\n* distance from ZZ98 (approx 90 "
     "miles)", "no-vacancy"),
    ("We can't offer until 4 January.", "no-vacancy"),
])
def test_declines_that_give_their_reason_in_passing(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_risk_the_home_can_manage_is_no_reason_to_decline() -> None:
    parsed = parsed_reply("We have considered the risk to the other young people here and can "
                          "offer from 14/12 at £4,900 pw.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4900))


@pytest.mark.parametrize("unit", ["sorry, 1 ", "correction £1 ", "meant £1 not £1 ",
                                  "risk to the a a a ", "budget is £1 our fee is ",
                                  "can't a until ", "cannot offer until 1 ", "could do the 1st ",
                                  "wrong template ",
                                  "Girl (1): Offer\n", "a / b / c: "])
def test_text_made_to_slow_the_round_25_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
