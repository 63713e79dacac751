"""Replies as round 36's outside tester wrote them: answers typed under the council's quoted
questions, a yes to "Can you meet needs?" beside a no to "Do you have a vacancy?", and the
other house styles the round found."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)
_DEC21 = date(2026, 12, 21)


@pytest.mark.parametrize(("body", "answer"), [
    # our form's own question: its "No" is a decline, whose reason is asked
    ("Hi, answers below.\n\n> Can you meet the child's needs?\nNo\n> Do you have a vacancy?\n"
     "Yes\n> Weekly fee?\nn/a\n\nThanks\n", ("decline", None, None)),
    ("Hi, answers below.\n\n> Are you able to meet her needs?\nNo\n\nThanks\n",
     ("decline", "cannot-meet-needs", None)),
    ("Hi, answers below.\n\n> Can you meet her needs?\nYes\n> Do you have a vacancy?\n"
     "Yes from 14/12\n> Weekly fee?\n£4,800\n", ("offer", None, Decimal(4800))),
    ("Hi, answers below.\n\n> Do you have a vacancy?\nNo\n> Can you meet the child's needs?\n"
     "Yes\n\nThanks\n", ("decline", "no-vacancy", None)),
    # a "No" under a question about the child is not the home's answer
    # round 34's again: "Honestly no" under the needs question is a no to it, and a yes to
    # a vacancy beside it no offer
    ("Hi,\n\n> Can you meet the CSE risk?\nHonestly no, not with our current staffing.\n\n"
     "> Any vacancy?\nYes, one bed.\n\nRhys\n", ("decline", "cannot-meet-needs", None)),
    ("See answers in blue\n\n> Is she known to the youth offending service?\nNo\n"
     "> Do you have a vacancy?\nYes from 14/12\n> Weekly fee?\n£4,800\n",
     ("offer", None, Decimal(4800))),
])
def test_an_answer_under_a_quoted_question_is_read_with_it(body: str, answer: tuple) -> None:
    parsed = reply_read_as_mail(body, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == answer


@pytest.mark.parametrize(("text", "reason"), [
    ("Do you have a vacancy? No\nCan you meet needs? Yes", "no-vacancy"),
    ("Can you meet needs? Yes\nVacancy: none at present", "no-vacancy"),
    ("Are you able to meet her needs? No", "cannot-meet-needs"),
    ("Any vacancies? None at present", "no-vacancy"),
])
def test_needs_met_without_a_bed_is_a_decline(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_needs_met_with_a_bed_is_still_an_offer() -> None:
    parsed = parsed_reply("Can you meet needs? Yes\nWe have a vacancy from 14/12", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", _DEC14)


@pytest.mark.parametrize("unit", ["> Do you have a vacancy?\nNo\n", "Do you have a vacancy? "])
def test_text_made_to_slow_the_round_36_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "answer"), [
    ("Our offer: £5,300 pw from 21/12", ("offer", Decimal(5300), date(2026, 12, 21))),
    ("Hi Sam,\nOur offer: £5,300 per week, available from 21/12/2026.\nThanks, Jo",
     ("offer", Decimal(5300), date(2026, 12, 21))),
    ("Our offer - 4950 pw, from Monday 14th", ("offer", Decimal(4950), _DEC14)),
    # a proposal in words is still the proposal, not a decision
    ("Our offer: a warm, nurturing home with a carer who has experience of CSE.",
     (None, None, None)),
])
def test_our_offer_opening_on_its_terms_is_the_offer(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


_OUR_QUESTIONS = ("Dear Kestrel House placements team,\n\nThank you for looking at "
                  "REF-2026-000123. Could you answer the questions below?\n\n{answered}\n\n"
                  "Many thanks,\nSam Reid\nNorthby Council Placements\n")
_OUTLOOK_HEADER = ("From: Northby Council Placements <r+ab12cd@broker.example>\nSent: 02 December "
                   "2026 09:30\nTo: Kestrel House Referrals <referrals@kestrelhouse.example>\n"
                   "Subject: Referral REF-2026-000123: residential, age 14, ZZ98\n\n")


@pytest.mark.parametrize(("text", "answer"), [
    ("1. Do you currently have a carer with a vacancy for her? Yes\n2. Can your carer manage "
     "her self-harm and the CSE risk? Yes - both carers are trained\n3. What would the weekly "
     "fee be? £1,185\n4. When could she move in? Fri 11th\n5. Could the carer support family "
     "time twice a week? Yes", ("offer", Decimal(1185), date(2026, 12, 11), None)),
    ("1. Do you currently have a vacancy for her?  YES\n2. Can you meet her needs around "
     "self-harm and CSE?  NO - not the CSE risk with our current group",
     ("decline", None, None, "cannot-meet-needs")),
    ("1. Do you currently have a vacancy for her?  NOT AT PRESENT\n2. Can you meet her needs?"
     "  YES", ("decline", None, None, "no-vacancy")),
    # needs met are no bed: "Can we meet her needs? Yes" beside "Current vacancy? No" declines
    ("Can we meet her needs?\tYes\nCurrent vacancy?\tNo - next bed expected late January\n"
     "Weekly cost\t£4,900", ("decline", Decimal(4900), None, "no-vacancy")),
    # but a day she could move in answers the no, as "a bed from the 11th" would
    ("1. Do you currently have a vacancy for her?  NOT AT PRESENT\n2. Can you meet her needs?"
     "  YES\n3. What is your weekly fee?  £4,950\n4. When could she move in?  FROM 11 JANUARY "
     "WHEN A YOUNG PERSON MOVES ON", ("offer", Decimal(4950), date(2027, 1, 11), None)),
    # a "No" to a question that is not about the home's place or the child's needs says nothing
    ("Do you have a vacancy? Yes\nWhat would the weekly fee be? £4,900\nCould you support "
     "family time twice a week? No", ("offer", Decimal(4900), None, None)),
])
def test_numbered_questions_answered_are_read_with_their_answers(text: str,
                                                                 answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


@pytest.mark.parametrize("text", ["When could she move in? We're not sure yet, maybe January.",
                                  "What would the weekly fee be? It depends on the assessment."])
def test_a_sentence_after_a_question_about_a_term_is_no_term(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)


def test_answers_typed_after_our_questions_in_outlooks_history_are_read() -> None:
    answered = ("1. Do you currently have a vacancy for her?  YES\n2. Can you meet her needs "
                "around self-harm and CSE?  YES\n3. What is your weekly fee, including "
                "education?  £5,150 inc. education\n4. When could she move in?  14/12")
    parsed = reply_read_as_mail("Hi Sam,\n\nSee my answers below in blue.\n\nJoel\n\n"
                           + _OUTLOOK_HEADER + _OUR_QUESTIONS.format(answered=answered), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(5150), _DEC14)


def test_answers_typed_under_our_quoted_questions_are_read() -> None:
    quoted = ("On Wed, 2 Dec 2026 at 09:30, Northby Council Placements <r+ab12cd@broker.example> "
              "wrote:\n> 1. Do you currently have a carer with a vacancy for her?\n\nYes\n\n"
              "> 2. What would the weekly fee be?\n\n£1,185\n\n> 3. When could she move in?\n\n"
              "Fri 11th\n\n> Many thanks,\n> Sam Reid\n")
    parsed = reply_read_as_mail("Hi Sam, answers below.\n\nRuth\n\n" + quoted, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(1185), date(2026, 12, 11))


def test_comments_marked_with_the_writers_initials_are_read() -> None:
    history = ("RESPONSE FORM\nDecision: (offer / interested / decline)  [FG] Offer\n"
               "Weekly fee:\nAvailable from:  [FG] Monday 14th\n\n" + "-" * 70 + "\n"
               "REFERRAL REF-2026-000123\nNeeds: semh, self-harm, cse  [FG] all fine here\n")
    parsed = reply_read_as_mail("Hi Sam,\n\nAnswers marked [FG].\n\nFiona\n\n" + _OUTLOOK_HEADER
                           + history, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", _DEC14)


def test_a_comment_marked_below_our_referral_gives_the_decline() -> None:
    history = ("REFERRAL REF-2026-000123\nNeeds: semh, self-harm, cse  [FG] we can't do CSE at "
               "the moment - two girls already at risk\n")
    parsed = reply_read_as_mail("Hi Sam,\n\nComments marked [FG] below, sorry.\n\nFiona\n\n"
                           + _OUTLOOK_HEADER + history, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


def test_a_pointer_that_gives_the_answer_is_read_over_the_forwarded_message() -> None:
    parsed = reply_read_as_mail(
        "Hi Sam,\n\nForwarding Jo's reply - it's a no I'm afraid.\n\nLiam\n\n"
        "From: Jo Pritchett <jo.pritchett@harbourview-homes.example>\nSent: 02 December 2026 "
        "11:20\nTo: Liam Osei <liam.osei@harbourview-homes.example>\nSubject: RE: FW: Referral "
        "REF-2026-000123\n\nNot with our current group, sorry.\n\nJo\n", on=_DEC2)
    assert parsed.decision == "decline"


@pytest.mark.parametrize(("text", "answer"), [
    ("Hi, as discussed with my RM on Teams:\n\n[10:42] Carla Dunmore: can we take the ZZ98 "
     "girl?\n[10:43] Jo Benham (RM): yes from Monday at 5k\n[10:43] Carla Dunmore: 👍",
     ("offer", date(2026, 12, 7), None)),
    ("Hi Sam, RM's answer from WhatsApp below:\n\n02/12/2026, 09:14 - Carla: RM what do you "
     "think to the ZZ98 girl?\n02/12/2026, 09:20 - Jo Benham: no, full til Feb, tell them sorry",
     ("decline", None, "no-vacancy")),
    ("Hi Sam, sorry - see below:\n\n[14:10] Jo Benham (RM): yes offer 4900 from 14th\n[14:32] "
     "Jo Benham (RM): scrap that - Ofsted have just told us no new admissions till the "
     "monitoring visit", ("decline", None, "no-vacancy")),
    ("Offer - details from my RM below:\n\n[09:02] Carla Dunmore: 4850 or 4950 for her?\n"
     "[09:05] Jo Benham (RM): 4950 - she'll need the extra staffing. from the 14th",
     ("offer", _DEC14, None)),
])
def test_a_pasted_chat_is_read_as_its_last_answer(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from, parsed.decline_reason) == answer


@pytest.mark.parametrize(("text", "answer"), [
    ("Liam - yes, offer her. £5,150 a week, from Monday week.", ("offer", Decimal(5150), _DEC14)),
    ("Yes but not before the 21st, and it'll be £4,950 with education.",
     ("offer", Decimal(4950), _DEC21)),
    ("Happy to look at the full papers - not committing yet.", ("interested", None, None)),
    # a fee that changes over the placement is asked, as the negotiation asks one (round 51)
    ("Offer from Mon 14th. Fee £4,850 pw for the first 12 weeks (assessment), reducing to "
     "£4,500 pw thereafter.", ("offer", None, _DEC14)),
    ("Hi Sam!\n\nOffer from the new term - £4,900 pw.\n\nTess x", ("offer", Decimal(4900), None)),
    ("Hi Sam,\n\nRevised offer following our call: £4,750 pw from 21/12 (this replaces our "
     "offer of £4,950 from 14/12 below).", ("offer", Decimal(4750), _DEC21)),
    ("offer 4900 from Monday weak", ("offer", None, _DEC14)),
    ("offer full stop four eight five oh a week from the twenty first full stop",
     ("offer", None, _DEC21)),
    ("👍👍 go ahead, offer from the 21st @ 4.9k", ("offer", Decimal(4900), _DEC21)),
    ("Offer summary - £5,300 pw | start 21/12 | solo", ("offer", Decimal(5300), _DEC21)),
    ("Outcome = OFFER, £5,250pw, DOA 21.12", ("offer", Decimal(5250), _DEC21)),
    ("In short: yes, £4,950, Mon 21st.", ("offer", Decimal(4950), _DEC21)),
    ("✅ 14/12 £4,850", ("offer", Decimal(4850), _DEC14)),
    ("can offer from the 21st fee is 4 950 a wk", ("offer", Decimal(4950), _DEC21)),
    # a hedge after a yes and a day is no offer
    ("Yes, from next week we might have something, I'll let you know.", (None, None, None)),
    # parts of a fee named after each, with no total, are asked
    ("Offer from 14/12. Fees: £4,200 pw care, £650 pw education, 1:1 at £22 ph as needed.",
     ("offer", None, _DEC14)),
])
def test_round_36_short_answers_are_read(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


@pytest.mark.parametrize(("text", "reason"), [
    ("Hi Sam,\n\nNeither of our carers can take her, sorry - one household is on a break.", None),
    ("Both referrals (000123 and 000131): full, sorry.", "no-vacancy"),
    ("Deb (covering): declining for us I'm afraid.", None),
    ("Full until February.", "no-vacancy"),
    ("Liam - not with our current group, sorry. Decline.", None),
    ("No - we're nearly 3 hours away", "location"),
])
def test_round_36_declines_are_read(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize("unit", ["[10:42] A B: yes\n", "1. Do you have a vacancy? Yes\n",
                                  "£4,200 pw care, ", "Monday weak full stop new line ",
                                  "Answers marked [FG] below [FG] ", "offer 1 ", "@ 4.9k "])
def test_text_made_to_slow_the_round_36_reading_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
