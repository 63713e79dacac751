"""A provider's prose that says more than one thing, or says it with a negative: what it
decides, and the values a form's field gives only when they are what the field asks for.

Homes, people and amounts are fictional.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from broker.forms import (
    ParsedResponse,
    load_response_spec,
    read_message,
    read_response,
)
from broker.forms.values import parse_money_weekly
from tests.factories import parsed_reply

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)
ON = date(2026, 11, 23)


def parsed_from(text: str, **known: str) -> ParsedResponse:
    return parsed_reply(text, on=ON, **known)


@pytest.mark.parametrize(("text", "reason"), [  # None: no reason given, so it is asked for
    ("Unfortunately we don't currently have a vacancy.", "no-vacancy"),
    ("I'm afraid we haven't got any vacancies.", "no-vacancy"),
    ("Our vacancy has just been filled, sorry.", "no-vacancy"),
    ("We are at capacity.", "no-vacancy"),
    ("Having read the referral we don't feel we can meet her needs.", "cannot-meet-needs"),
    ("We are not confident we can meet her needs given the risks.", "cannot-meet-needs"),
    ("Sadly we wouldn't be able to offer her a place.", None),
    ("We aren't able to offer on this occasion.", None),
    ("We're not really interested in this one.", None),
    ("Sorry, we can't take her.", None),
    ("Sorry, no.", None),
])
def test_a_decline_written_with_a_negative_is_a_decline(text: str, reason: str | None) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)
    assert parsed.missing == ([] if reason else ["decline_reason"])


@pytest.mark.parametrize("apostrophe", ["\u00b4", "\u2032", "\uff07", "\u02b9", "\u201b"])
def test_a_negative_written_with_a_look_alike_apostrophe_is_still_a_negative(
        apostrophe: str) -> None:
    """"wouldn´t" (the acute accent of European keyboards), "don′t" (a prime): the same words."""
    offer = parsed_from(f"Sadly we wouldn{apostrophe}t be able to offer her a place.")
    vacancy = parsed_from(f"We don{apostrophe}t have a vacancy.")
    assert (offer.decision, vacancy.decision) == ("decline", "decline")
    assert vacancy.decline_reason == "no-vacancy"


@pytest.mark.parametrize(("text", "decision"), [
    ("Yes, we have a vacancy and can meet her needs. We'd offer Heronsgate at £4,400 per "
     "week from 14 December. We cannot support family time at weekends without notice.",
     "offer"),
    ("Happy to offer a place at £4,400 per week from 14 December. Our other home is full "
     "but Heronsgate has a bed.", "offer"),
    ("We're interested but can't meet the 1 December start date - we could do from the "
     "14th. Please send the full papers.", "interested"),
    ("We can see no reason we couldn't meet her needs - please send the full papers.",
     "interested"),
    ("Interested - please send the full papers.\n\nThis mailbox is watched 9 to 5; we are "
     "unable to support urgent requests by email.", "interested"),
    ("Offer conditional on matching panel approval. £4,900 pw from 14/12.", "offer"),
    ("Our offer is conditional on a successful introduction. £4,900 pw from 14/12.", "offer"),
])
def test_a_caveat_does_not_turn_a_yes_into_a_decline(text: str, decision: str) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize("text", [
    "Although we'd like to offer her a place, we have no vacancies.",
    "We would love to offer, but unfortunately we are full.",
    "Sorry, we can't take her. (Our homes have vacancies most months - ask us!)",
])
def test_a_wish_or_a_later_boast_does_not_turn_a_decline_into_a_yes(text: str) -> None:
    assert parsed_from(text).decision == "decline"


def test_a_caveat_inside_the_forms_own_fields_is_not_a_decline() -> None:
    parsed = parsed_from("Home or carer: Heronsgate\nWeekly fee: £4,400 per week\n"
                         "Available from: 14/12/2026\nHow we would meet needs: A stable team. "
                         "We cannot support unsupervised contact with her brother.")
    assert (parsed.decision, parsed.missing) == ("offer", [])


@pytest.mark.parametrize(("text", "decision"), [
    ("Decision: Offer\nWe look forward to hearing from you.\nHome or carer: Heronsgate",
     "offer"),
    ("Can you meet needs? Yes\nWe have a lovely team.", "interested"),
    ("Decision: Sorry - decline\nDecline reason: No beds", "decline"),
    ("Decision: Declining\nDecline reason: Needs too complex", "decline"),
    ("Decision: [x] offer [ ] interested [ ] decline\nWeekly fee: £4,400\n"
     "Available from: 14/12/2026", "offer"),
    ("Decision: ☐ offer ☐ interested ☒ decline\nDecline reason: No vacancy", "decline"),
])
def test_the_decision_field_is_read_however_it_is_answered(text: str, decision: str) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize("value", ["TBC - 52 week placement", "see attached page 2",
                                   "depends on 2:1 staffing", "call 0113 496 0999"])
def test_a_number_that_is_not_an_amount_is_not_the_fee(value: str) -> None:
    parsed = parsed_from(f"Decision: offer\nWeekly fee: {value}\nAvailable from: 14/12/2026")
    assert parsed.weekly_fee is None and "weekly_fee" in parsed.missing


@pytest.mark.parametrize(("text", "weekly"), [
    ("£18,416.67 per calendar month", Decimal("4250.00")),
    ("4250", Decimal("4250.00")),
    ("£75 per day", Decimal("525.00")),
])
def test_amounts_still_read(text: str, weekly: Decimal) -> None:
    assert parse_money_weekly(text) == weekly


def test_the_fee_named_after_an_extra_is_still_the_fee() -> None:
    parsed = parsed_from("We can offer her a place from 14/12/2026: 1:1 at £25 per hour on "
                         "top of our core fee of £4,400 per week.")
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("4400.00"))


def test_a_denied_vacancy_gives_no_start_date() -> None:
    parsed = parsed_from("We have no vacancy now but expect one from 4 January 2027, happy "
                         "to discuss.")
    assert parsed.available_from == date(2027, 1, 4)


@pytest.mark.parametrize("value", ["Available now", "Right now", "available immediately"])
def test_available_now_is_the_day_it_was_written(value: str) -> None:
    assert parsed_from(f"Decision: offer\nAvailable from: {value}").available_from == ON


@pytest.mark.parametrize(("value", "rating"), [
    ("Rated Good", "good"), ("Good in all areas", "good"),
    ("Overall Outstanding", "outstanding"), ("Rated requires improvement",
                                             "requires-improvement"),
])
def test_an_ofsted_rating_is_read_as_inspectors_word_it(value: str, rating: str) -> None:
    assert parsed_from(f"Decision: interested\nOfsted rating: {value}").ofsted_rating == rating


def test_today_is_the_day_in_england_whatever_the_senders_time_zone() -> None:
    raw = (b"From: Jo <jo@heronsgate.example>\r\nTo: r@broker.example\r\n"
           b"Date: Tue, 01 Dec 2026 23:30:00 -0800\r\nSubject: Re: REF-2026-000123\r\n\r\n"
           b"Decision: Offer\r\nAvailable from: today\r\n")
    message = read_message(raw, RESPONSE)
    assert message.sent_on == date(2026, 12, 2)  # 07:30 on the 2nd in England


@pytest.mark.parametrize(("text", "reason"), [
    ("Decision: Decline (price)", "price"),
    ("Decision: Declined - too far", "location"),
    ("Decision: Decline\nReason: Over budget", "price"),
    ("Decision: Decline\nReason: Impact on current residents", "matching"),
])
def test_a_decline_reason_is_read_where_providers_write_it(text: str, reason: str) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason, parsed.missing) == ("decline", reason, [])


@pytest.mark.parametrize("value", ["£600-£650 a day", "£600 to £650 per day"])
def test_a_fee_range_with_its_period_after_it_is_asked(value: str) -> None:
    """Read at its bottom (£4,200) until round 65 e07: a fee range is asked (rule
    fee-range-asked); a budget's range is its top, with the period after it."""
    with pytest.raises(ValueError, match="range of fees"):
        parse_money_weekly(value)


@pytest.mark.parametrize(("text", "decision"), [
    ("We're not withdrawing our offer; our offer still stands at £4,850 per week.", "offer"),
    ("We're not withdrawing our offer – the fee is still £4,900 pw from 14/12.", "offer"),
    ("We are not withdrawing our interest - still waiting for the full papers.", None),
    ("There is no need for us to withdraw our interest at this stage.", None),
    ("We'd hate to have to withdraw our offer, so please let us know soon.", None),
    ("Sadly we have to withdraw our offer as the bed has been filled.", "withdrawn"),
    ("Please disregard our offer of yesterday.", "withdrawn"),
    ("We must retract our offer.", "withdrawn"),
])
def test_a_withdrawal_denied_or_only_feared_is_no_withdrawal(
        text: str, decision: str | None) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize("text", [
    "Is Leeds too far for her family to visit?",
    "Are there really no vacancies closer to home?",
    "Is it right that the last home could not meet her needs?",
    "Are you able to offer any 1:1 funding?",
    "Would she be able to meet her family weekly?",
    "What happens if we're full by the time the papers come?",
    "If we decline because of staffing, which reason should we give - cannot meet needs?",
])
def test_what_a_reply_only_asks_decides_nothing(text: str) -> None:
    assert parsed_from(text).decision is None


def test_a_question_after_a_comma_leaves_what_comes_before_it() -> None:
    parsed = parsed_from("We can offer a place from Monday, would that suit the family?")
    assert parsed.decision == "offer"


@pytest.mark.parametrize("reason", ["N/A", "\n\nSam", "\n\nLooking forward to hearing from you."])
def test_an_offer_has_no_decline_reason_whatever_is_under_its_label(reason: str) -> None:
    parsed = parsed_from(f"Decision: Offer\nWeekly fee: £4,850\nDecline reason:{reason}\n")
    assert (parsed.decision, parsed.decline_reason) == ("offer", None)


@pytest.mark.parametrize(("text", "decision"), [
    ("No.", "decline"), ("Full.", "decline"), ("Pass.", "decline"), ("Yes please!", "interested"),
    ("Provisional offer for her at Willowbank - £4,850 per week from 14th December.", "offer"),
    ("We can accommodate her from Monday 7th December at £4,850 per week.", "offer"),
    ("In principle yes - subject to matching. Fee £4,850pw.", "offer"),
    ("Bed available. £4,850. Monday.", "offer"),
    ("Willowbank would like to be considered for this young person.", "interested"),
    ("We've had a look and it's going to be a no, unfortunately.", "decline"),
    ("We are unable to proceed with this referral.", "decline"),
    ("Decision: Can accommodate\nWeekly fee: £4,850", "offer"),
    ("Decision: No bed", "decline"),
])
def test_short_and_plain_answers_are_read(text: str, decision: str) -> None:
    assert parsed_from(text).decision == decision


def test_a_short_reply_that_is_no_answer_decides_nothing() -> None:
    assert parsed_from("Thanks, will check.").decision is None


def test_a_reason_given_in_the_next_sentence_is_read() -> None:
    parsed = parsed_from("Unfortunately it's a no from us this time. Our registration doesn't "
                         "cover young people at risk of CSE.")
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


@pytest.mark.parametrize("text", ["Full.", "Decision: No bed", "No vacancies!"])
def test_a_decline_in_a_few_words_that_are_a_reason_has_that_reason(text: str) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize(("text", "start"), [
    ("We can offer a place at £4,850 per week, but not until the 14th.", date(2026, 12, 14)),
    ("We can offer at £4,850 per week from 2026-12-14.", date(2026, 12, 14)),
    ("We can offer at £4,850 per week, no earlier than 14 December.", date(2026, 12, 14)),
])
def test_a_start_date_written_as_a_limit_or_in_iso_form_is_read(text: str, start: date) -> None:
    assert parsed_from(text).available_from == start


@pytest.mark.parametrize(("text", "decision"), [
    ("No.\n\nWe have had a look and the group is not right for her at the moment.", "decline"),
    ("Offer £4,850pw, she could move in a fortnight.", "offer"),
    ("Hi Sam,\n\nThanks for this, we will look at it tomorrow.", None),
])
def test_a_first_line_of_a_few_words_is_read_as_a_decision(text: str,
                                                           decision: str | None) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    ("No, not yet - our manager is back on Thursday.", None),
    ("Yes, received. Will reply by Thursday.", None),
    ("Declined, sorry - we are full.", "decline"),
    ("We have no plans to withdraw our offer - still £4,850 pw from 14/12.", None),
    ("We may need to withdraw our offer if the papers show more risk.", None),
    ("Would you be able to offer a matching meeting next week", None),
    ("Could you confirm whether we are able to offer a trial visit first", None),
])
def test_what_only_looks_like_a_decision_is_none(text: str, decision: str | None) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    ("No, sorry, we can't help this time.", "decline"),
    ("No, not at the moment.", "decline"),
    ("Full, sorry.\n\nMarcus", "decline"),
    ("No, not yet - still waiting for our manager.", None),
])
def test_no_with_regret_is_an_answer_and_no_with_not_yet_is_not(text: str,
                                                                decision: str | None) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    # an offer taken back in the same breath, or only wished across a dash
    ("We can offer - sorry, scratch that, the bed has just been filled.", "decline"),
    ("We'd be delighted to offer - however our registration doesn't cover under-15s, so "
     "realistically we're unable to proceed.", "decline"),
    # an offer for another child, on this referral's thread
    ("Yes we can offer for the 15-year-old boy (your other referral) - but for this young "
     "lady I'm afraid we are full.", "decline"),
    ("Re the young man referred last week, we can offer at £4,900 from 7/12.", None),
    # an offer only once something has happened is none yet
    ("We'd need to see the EHCP and the latest CAMHS report before we could offer.", None),
    ("Once we've seen the EHCP we could offer.", None),
])
def test_an_offer_taken_back_for_another_child_or_only_once_is_no_offer(
    text: str, decision: str | None
) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    # a no to one part, then "but" and a yes to the placement: the yes is the answer
    ("We're declining the 2:1 element but can offer the placement on 1:1 at £4,900.", "offer"),
    ("It's a no to the 1st, but yes to the 7th - £4,850 per week.", "offer"),
    ("We don't have a vacancy for a long-term placement, but could offer short-term/respite "
     "from the 7th.", "offer"),
    ("Not interested in a long-term placement, but we would be interested in a 12-week "
     "assessment placement.", "interested"),
    # a bare yes (a vacancy, needs that can be met) is no answer against a no
    ("Yes we have a vacancy, no we can't meet the CSE risk.", "decline"),
    ("We can meet her needs. Vacancies: none.", "decline"),
    # and the other way round still holds
    ("We'd love to offer, but we're full.", "decline"),
    ("We are full at the moment but we would love to offer her a place in the new year.",
     "decline"),
    ("No vacancy now, but we would be interested in future referrals.", "decline"),
    ("We cannot meet her needs but we would like to offer support to the team.", "decline"),
    ("We can meet her needs but we have no vacancy.", "decline"),
])
def test_what_follows_but_is_the_answer(text: str, decision: str) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "weekly"), [
    # a fee for many weeks, written as such, is made weekly
    ("We can offer. Our 52-week fee is £260,000.", Decimal("5000.00")),
    ("We can offer. Our 38-week fee is £152,000.", Decimal("4000.00")),
    ("We can offer at £260k for the year.", Decimal("5000.00")),
    ("We can offer. Total cost for 12 weeks: £58,200.", Decimal("4850.00")),
    ("Decision: Offer\nWeekly fee: £260,000 (52 weeks)", Decimal("5000.00")),
    # a weekly fee for a stretch of weeks stays weekly
    ("Decision: Offer\nWeekly fee: £4,900 pw for the first 12 weeks, then reviewed",
     Decimal("4900.00")),
])
def test_a_fee_for_many_weeks_is_made_weekly(text: str, weekly: Decimal) -> None:
    assert parsed_from(text).weekly_fee == weekly


@pytest.mark.parametrize("text", [
    "We can offer. Our fee is £260,000.",
    "Decision: Offer\nWeekly fee: £260,000",
])
def test_a_weekly_fee_no_placement_could_cost_is_asked_for(text: str) -> None:
    parsed = parsed_from(text)
    assert parsed.weekly_fee is None and "weekly_fee" in parsed.missing


@pytest.mark.parametrize(("text", "start"), [
    ("Can offer from 7th. £4,850 pw.\n\nMegan\nHolly Tree Care\n"
     "Available from 9am tomorrow on 07700 900417", date(2026, 12, 7)),
    ("We can offer at £4,850 pw.\n\nMegan Harlow\nNote: I am on leave from 30th November", None),
    ("We can offer from 14th, call me on 07700 900417 to arrange.", date(2026, 12, 14)),
])
def test_the_writers_own_availability_is_not_the_start_date(text: str, start: date | None) -> None:
    assert parsed_from(text).available_from == start


def test_a_tables_header_row_is_not_a_second_homes_decision() -> None:
    """An HTML table headed "Field | Response | Notes" gives "Response: Notes" before the
    real "Decision: Offer": that is one home's form, and its fee is read (the decision
    under a header's label is asked about)."""
    html = ("<table><tr><td>Field</td><td>Response</td><td>Notes</td></tr>"
            "<tr><td>Decision</td><td>Offer</td><td>Subject to impact assessment</td></tr>"
            "<tr><td>Weekly fee</td><td>£4,850</td><td>Excludes 1:1 at £26/hr</td></tr></table>")
    raw = ("From: a@provider.example\nSubject: Re: referral\nDate: Mon, 23 Nov 2026 09:00 +0000\n"
           f"Content-Type: text/html; charset=utf-8\n\n{html}").encode()
    message = read_message(raw, RESPONSE, new_text_only=True)
    assert "decision" in message.conflicts
    parsed = read_response(dict(message.fields), message.body_text, RESPONSE, message_date=ON,
                           conflicts=message.conflicts)
    assert parsed.weekly_fee == Decimal("4850.00")


@pytest.mark.parametrize(("text", "reason"), [
    ("Correction to our reply: Decline reason should be matching, not no vacancy.", "matching"),
    ("We must decline. The reason is price rather than the distance.", "price"),
])
def test_the_reason_a_reply_says_it_is_wins_over_one_it_denies(text: str, reason: str) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_visit_before_the_move_in_does_not_set_the_start_date() -> None:
    parsed = parsed_from("Decision: Offer\nWeekly fee: £4,850 per week\n"
                         "Available from: pre-admission visit Thu 3rd, move-in Mon 7th")
    assert parsed.available_from == date(2026, 12, 7)


@pytest.mark.parametrize(("text", "decision"), [
    # (no decline; the keenness said is interest, as an offer held until she is met is)
    ("We will not be able to offer until we've met her, but we're very keen.", "interested"),
    ("We can't offer until you've sent the EHCP.", None),
    ("We cannot offer until January.", "decline"),  # a time: no for now
    ("We have no vacancy until March.", "decline"),  # full now: still a no
])
def test_a_plain_cannot_offer_until_something_happens_decides_nothing(
    text: str, decision: str | None
) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    # round 8: "nothing we can offer" is no offer
    ("There's nothing we can offer at the moment, sorry.", "decline"),
    ("We'd love to help, but there's nothing we can offer her right now.", "decline"),
    # an offer taken back in the next sentence or by other words
    ("We can offer from the 7th at £4,800 per week. Scratch that, the bed has been filled.",
     "decline"),
    ("We can offer from the 7th at £4,800 per week.\n\nUPDATE: apologies, please ignore the "
     "above - the bed was filled this morning.", "decline"),
    ("We can offer -- sorry, I mean we CAN'T offer, autocorrect strikes again!", "decline"),
    ("We'd be delighted to offer - unfortunately though the bed has since been filled.",
     "decline"),
    # an offer for another child, whatever stands between
    ("Re the young man referred last week - we can offer from Monday at £4,700.", None),
    ("Re your referral for the 12-year-old boy: we can offer from the 7th at £4,500 pw.", None),
    ("We have no vacancy for her, but we could offer for her younger brother if he is "
     "referred to us.", "decline"),
    # what follows "but" concedes only when it is meant now
    ("No vacancy right now, but we could offer once the current young person moves on.",
     "decline"),
    ("Sadly we can't offer on this occasion, but we hope to have a vacancy soon.", "decline"),
    # declines beside a bare yes
    ("We have a vacancy but are declining on matching grounds.", "decline"),
    ("Yes - there is a vacancy. No - we don't think she'd be a good match with the two boys "
     "currently living here.", "decline"),
    # can't offer until something happens (any subject) is no decision; until a time is a no
    ("We can't offer until the manager has met her.", None),
    ("We can't offer until the LA confirms funding for 2:1.", None),
    ("We can't offer until January.", "decline"),
])
def test_round_eight_decisions(text: str, decision: str | None) -> None:
    assert parsed_from(text).decision == decision


@pytest.mark.parametrize(("text", "weekly"), [
    ("Decision: Offer\nWeekly fee: £29,400 (6-week total)", Decimal("4900.00")),
    ("Decision: Offer\nWeekly fee: £19,400 for the 4-week assessment", Decimal("4850.00")),
    ("Decision: Offer\nWeekly fee: Total for 6 weeks: £29,400", Decimal("4900.00")),
    ("We can offer at £14,550 for a 3-week respite.", Decimal("4850.00")),
    ("We can offer from the 7th, £14,550 (3 weeks).", Decimal("4850.00")),
    ("We can offer at £9,700 for two weeks.", Decimal("4850.00")),
    ("We can offer at £5,200 for the 52-week placement.", Decimal("5200.00")),
])
def test_round_eight_fees_for_a_few_weeks(text: str, weekly: Decimal) -> None:
    assert parsed_from(text).weekly_fee == weekly


@pytest.mark.parametrize(("text", "reason"), [
    ("We must decline. It's not about no vacancy, it's matching with the current group.",
     "matching"),
    ("We must decline: location rather than no vacancy - we're 70 miles away.", "location"),
])
def test_round_eight_a_reason_denied_in_favour_of_another(text: str, reason: str) -> None:
    assert parsed_from(text).decline_reason == reason


@pytest.mark.parametrize(("value", "start"), [
    ("Thu 3rd (visit) / Mon 7th (move)", date(2026, 12, 7)),
    ("meet and greet 26/11, start 01/12", date(2026, 12, 1)),
])
def test_round_eight_the_move_in_not_the_visit(value: str, start: date) -> None:
    parsed = parsed_from(f"Decision: Offer\nWeekly fee: £4,850 per week\nAvailable from: {value}")
    assert parsed.available_from == start


@pytest.mark.parametrize("text", [
    "We can offer - actually no, sorry, the manager has just vetoed it given the CSE risk.",
    "Decision: Offer - sorry, scratch that, bed filled\nWeekly fee: £4,850",
])
def test_a_first_line_or_a_decision_taken_back_is_no_offer(text: str) -> None:
    assert parsed_from(text).decision != "offer"


def test_a_reason_field_naming_one_rather_than_another_is_the_first() -> None:
    parsed = parsed_from("Decision: Decline\nDecline reason: location rather than no vacancy - "
                         "we're 70 miles from LS6")
    assert parsed.decline_reason == "location"


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Decision: Decline\nDecline reason: No vacancy - sorry, should be matching",
     "decline", "matching"),
    ("We do have a vacancy, but not for a young person with this level of CSE risk.",
     "decline", "cannot-meet-needs"),
])
def test_round_eight_a_reason_corrected_in_its_field_and_a_vacancy_but_not_for_her(
    text: str, decision: str, reason: str
) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


def test_a_text_read_twice_with_one_form_is_read_once_and_another_forms_rules_read_afresh(
) -> None:
    """A decline's decision and its reason ask for the same text's statements: the second
    asking is answered from the first, but never for a form with other phrases."""
    import dataclasses

    from broker.forms.spec import ProseRule
    from broker.forms.statements import statements

    text = "Sorry, we have no vacancies and it is too far."
    first = statements(RESPONSE, text)
    assert statements(RESPONSE, text) is first
    assert {s.rule.decline_reason for s in first} == {"no-vacancy", "location"}
    other = dataclasses.replace(RESPONSE, prose_rules=(
        ProseRule(means="decline", phrases=("too far",), decline_reason="location"),))
    assert [s.rule.decline_reason for s in statements(other, text)] == ["location"]


@pytest.mark.parametrize("written", [
    # round 62 x07: the school, not the home, is full: no decline (it had withdrawn the offer)
    "Confirmed – but only if education is funded separately, as our school is full until "
    "Easter.",
    "Still interested. Our minibus is full on Tuesdays so she'd need a taxi to contact.",
    "Happy to proceed; the on-site classroom is fully booked until January.",
    "Noted - our panel diary is full until 5 January.",
])
def test_something_else_of_the_homes_being_full_is_no_decline(written: str) -> None:
    parsed = parsed_from(written)
    assert parsed.decision != "decline" and parsed.decline_reason is None


@pytest.mark.parametrize("written", [
    "Sorry, we're full until Easter.",
    "Sorry, the home is full until Easter.",
    "Sorry, year group is full for September.",  # a school place's own words
])
def test_the_home_being_full_is_still_a_decline(written: str) -> None:
    parsed = parsed_from(written)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")
