"""A provider's reply read for what it means: offers in prose with their fee and start date,
a pasted form left unanswered, and the home its reply address already names.

Homes, people and amounts are fictional.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest

from broker.forms import (
    ParsedResponse,
    load_response_spec,
    read_message,
    read_response,
)
from broker.forms.dates import parse_uk_date
from tests.factories import parsed_reply

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)
ON = date(2026, 11, 23)  # a Monday; 7 December 2026 is a Monday too


def parsed_from(text: str, **known: str) -> ParsedResponse:
    return parsed_reply(text, on=ON, **known)


@pytest.mark.parametrize(
    ("text", "fee", "start"),
    [
        ("Brilliant news - we'd be thrilled to offer her a place, £5,150 per week from "
         "Monday 7th.", Decimal("5150.00"), date(2026, 12, 7)),
        ("Yes! Happy to offer a bed at £720 a day, available from 14/12/2026.",
         Decimal("5040.00"), date(2026, 12, 14)),
        ("Morning all,\n\nWe are pleased to offer Rowan Lodge. The weekly fee is £4,975 "
         "(plus 1:1 at £24 per hour if needed) and he could move in on the 9th.\n\nBest, Tami",
         Decimal("4975.00"), date(2026, 12, 9)),
        ("We'd love to offer a placement with our carers, Mr and Mrs Achebe, £1,180 per week, "
         "and they can start immediately.", Decimal("1180.00"), ON),
    ],
)
def test_an_offer_in_prose_carries_its_fee_and_start_date(
    text: str, fee: Decimal, start: date
) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize("text", [
    "We can offer a place for this young lady at Heronsgate.",
    "Hi, we could offer Birchfield Cottage for her - I'll send our fee shortly.",
    "After our matching meeting we are able to offer him a bed.",
])
def test_we_can_offer_is_an_offer_even_before_the_fee(text: str) -> None:
    parsed = parsed_from(text)
    assert parsed.decision == "offer"
    assert "weekly_fee" in parsed.missing and "available_from" in parsed.missing


@pytest.mark.parametrize(("text", "fee"), [
    ("We're not in a position to offer at £4,850 - our fee for her would need to be £5,400 pw. "
     "If that's acceptable we can offer from 14/12.", Decimal("5400.00")),
    ("We can't do £4,850 but can offer at £5,100 per week.", Decimal("5100.00")),
    ("We can offer. Standard rate for this level of need is £5,400 pw. For Northby under the "
     "framework we can do £4,950 pw.", Decimal("4950.00")),
    ("We can offer: our usual fee is £5,200 pw, £4,900 pw for you as a framework council.",
     Decimal("4900.00")),
])
def test_a_fee_denied_or_called_the_standard_rate_beside_another_is_not_the_fee(
        text: str, fee: Decimal) -> None:
    """The first amount is not the fee when its words deny it or call it the home's standard
    rate, and another is given (round 55's n13, f13)."""
    assert parsed_from(text).weekly_fee == fee


def test_an_offer_in_prose_does_not_take_an_extra_or_an_hourly_rate_as_the_fee() -> None:
    text = "We can offer a place. Transport would be an extra £90 a week; 1:1 is £23 an hour."
    assert parsed_from(text).weekly_fee is None


def test_a_decline_does_not_take_the_budget_it_mentions_as_a_fee() -> None:
    parsed = parsed_from("Sadly we can't work within the budget of £3,900 per week.")
    assert (parsed.decision, parsed.weekly_fee, parsed.decline_reason) == (
        "decline", None, "price")


@pytest.mark.parametrize(("text", "reason"), [
    ("Thanks for sending this over. Sadly the budget wouldn't cover our core fee for this "
     "level of need, so we will have to decline.", "price"),
    ("Sadly this isn't financially viable for us at the rate the framework sets.", "price"),
    ("The home is outside our catchment and the travel to his school would be too much.",
     "location"),
    ("Having thought about the young people already living with us, this would not be the "
     "right match for him at this time.", "matching"),
    ("We are fully booked until the new year, sorry.", "no-vacancy"),
    ("I'm afraid we would be unable to support the level of self-harm described.",
     "cannot-meet-needs"),
])
def test_a_decline_in_everyday_words_carries_its_reason(text: str, reason: str) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_an_offer_that_says_it_is_over_budget_is_still_an_offer() -> None:
    parsed = parsed_from("We'd love to offer Larch House - our fee is £4,900 a week, which I "
                         "know is a little over your budget, and he could come on the 9th.")
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("4900.00"))


def test_a_fee_in_passing_without_an_offer_is_not_an_offer() -> None:
    parsed = parsed_from("We placed a similar lad at £5,400 a week last spring.")
    assert parsed.decision is None


BLANK_FORM = """\
Hello, thanks for sending this through. The team will look at it in our Wednesday matching
panel and we'll let you know where we land.

RESPONSE FORM
Decision: (offer / interested / decline)
Home or carer: Thistledown House
Ofsted URN:
Ofsted rating:
Location:
Weekly fee:
Additional costs:
Available from:
How we would meet needs:
Decline reason: (if declining: no-vacancy / cannot-meet-needs / location / matching / price / other)
Contact:
"""


def test_a_pasted_blank_form_is_not_an_answer_and_the_decision_is_asked_for() -> None:
    parsed = parsed_from(BLANK_FORM)
    assert parsed.decision is None
    assert parsed.decline_reason is None
    assert parsed.blank_form is True
    assert parsed.missing == ["decision"]
    assert set(parsed.blank) == {"decision", "decline_reason"}


def test_a_pasted_blank_form_in_an_outlook_reply_is_not_an_answer() -> None:
    reply = EmailMessage()
    reply["From"] = "referrals@thistledown.example"
    reply["To"] = "r+abc@broker.localhost"
    reply["Subject"] = "RE: Referral REF-2026-000311"
    reply["Date"] = "Mon, 23 Nov 2026 11:15:00 +0000"
    reply.set_content(
        BLANK_FORM + "\nKind regards\nMo Adeyemi\n\n________________________________\n"
        "From: Placement referrals <referrals@broker.localhost>\nSent: 23 November 2026 09:02\n"
        "To: referrals@thistledown.example\nSubject: Referral REF-2026-000311\n\n"
        "RESPONSE FORM\nDecision: (offer / interested / decline)\nNeeded from: 1 December\n")
    read = read_message(bytes(reply), RESPONSE, new_text_only=True)
    parsed = read_response(read.fields, read.body_text, RESPONSE, message_date=ON)
    assert (parsed.decision, parsed.decline_reason, parsed.blank_form) == (None, None, True)


@pytest.mark.parametrize(("line", "decision"), [
    ("Decision: (offer / interested / DECLINE)", "decline"),
    ("Decision: (offer / [x] interested / decline)", "interested"),
    ("Decision: interested (offer / interested / decline)", "interested"),
    ("Decision: offer", "offer"),
])
def test_a_marked_choice_in_the_pasted_form_is_an_answer(line: str, decision: str) -> None:
    parsed = parsed_from(BLANK_FORM.replace("Decision: (offer / interested / decline)", line))
    assert parsed.decision == decision
    assert parsed.blank_form is False


def test_prose_under_a_pasted_form_still_answers() -> None:
    text = BLANK_FORM.replace(
        "we'll let you know where we land.", "we would like to offer from Monday 7th.")
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 7))


def test_the_home_named_by_the_reply_address_is_not_asked_for() -> None:
    text = "Decision: offer\nWeekly fee: £4,640\nAvailable from: 07/12/2026"
    assert parsed_from(text).missing == ["service_name"]
    parsed = parsed_from(text, known_service_name="Thistledown House")
    assert (parsed.service_name, parsed.missing) == ("Thistledown House", [])


def test_a_home_the_reply_names_itself_is_kept() -> None:
    text = "Decision: offer\nHome: Thistledown Annexe\nWeekly fee: £4,640\nAvailable from: today"
    parsed = parsed_from(text, known_service_name="Thistledown House")
    assert parsed.service_name == "Thistledown Annexe"


@pytest.mark.parametrize(("text", "expected"), [
    ("Monday 7th", date(2026, 12, 7)),
    ("the 9th", date(2026, 12, 9)),
    ("Friday 4th", date(2026, 12, 4)),
    # 4 December is a Friday and 4 January a Monday: a slip, and the next 4th counts (not
    # February's, ten weeks on, which no provider replying in November means).
    ("Thursday 4th", date(2026, 12, 4)),
    ("Monday 4th", date(2027, 1, 4)),  # the one after, when it falls on the weekday
])
def test_a_day_of_the_month_without_its_month(text: str, expected: date) -> None:
    assert parse_uk_date(text, ON) == expected


@pytest.mark.parametrize("written", [
    "Not offering", "Won't be offering on this occasion", "Not accepted", "Unable to accept",
    "Can't accept this referral", "We are not offering", "Would not consider",
    "Not considering", "Possibly not", "No offer made",
])
def test_a_decision_that_denies_an_offer_or_interest_is_a_decline(written: str) -> None:
    parsed = parsed_reply(f"Decision: {written}\nHome or carer: Willowbank House\n", on=ON)
    assert parsed.decision == "decline"


@pytest.mark.parametrize(("written", "decision"), [
    ("Having read the full papers we're no longer interested.", "decline"),
    ("We no longer need more information, we're declining as the bed has gone.", "decline"),
    ("Interested, but some questions:\nIf she is still going missing nightly we cannot meet "
     "her needs - how often is she missing now?", "interested"),
    ("Decision: Not offering at this stage but interested", "interested"),
    ("We won't be offering a place for her.", "decline"),
    ("Sorry, we're not taking admissions until January.", "decline"),
])
def test_what_a_reply_denies_or_only_supposes_does_not_decide(written: str,
                                                               decision: str) -> None:
    assert parsed_reply(written, on=ON).decision == decision


@pytest.mark.parametrize(("written", "fee"), [
    ("Weekly fee: £9,700 per fortnight", Decimal("4850.00")),
    ("We can offer. The annual fee is £252,200 (per annum).", Decimal("4850.00")),
    ("We can offer at £252,200 (per annum).", Decimal("4850.00")),
    ("We have a bed from Monday 7th at £4,700 a week if that helps?", Decimal("4700.00")),
    ("Weekly fee: £18,000 per term", None),  # a term is 12 to 14 weeks: asked for the week
    ("We can offer a day place at £9,000 per term from January.", None),
    # The period a label gives, in brackets or after the word for the fee.
    ("Outcome: Offer\nCost (per day): £695.00", Decimal("4865.00")),
    ("Outcome: Offer\nFee (daily): £695.00", Decimal("4865.00")),
    ("Outcome: Offer\nCost per day: £695.00", Decimal("4865.00")),
    ("We can offer. The fee (per month) is £21,000.", Decimal("4846.15")),
    # A total after its parts is the fee.
    ("We're pleased to offer a place.\n\nCare: £4,200/wk\nEducation: £750/wk\n"
     "Therapy: £250/wk\nTotal: £5,200 per week", Decimal("5200.00")),
    ("We can offer at £4,200 a week plus education at £750, a total of £4,950 per week.",
     Decimal("4950.00")),
    # An amount offered "at" is the fee, whatever the sentence says of the budget.
    ("We can offer at £5,900 which I appreciate exceeds your budget.", Decimal("5900.00")),
    ("We can offer her a place at £5,900, which is above the budget you gave.",
     Decimal("5900.00")),
    # A decision opening the reply before its fee.
    ("Offer at £4,800 per week.", Decimal("4800.00")),
    ("Offer @ £4,800pw from 7/12.", Decimal("4800.00")),
])
def test_a_fee_is_read_for_its_period_or_asked_for(written: str, fee: Decimal | None) -> None:
    assert parsed_reply(written, on=ON).weekly_fee == fee


@pytest.mark.parametrize(("written", "start"), [
    ("Available from: 14th December 2026 (current young person moves on 10/12)",
     date(2026, 12, 14)),
    ("We note she is needed from 1st December; we can offer at £4,850 from 14th December.",
     date(2026, 12, 14)),
    ("We don't have a vacancy right now but will from 14th Dec - we can offer then at £4,850.",
     date(2026, 12, 14)),
    ("Interested. Questions:\n1. Could she start on 14th December?", None),
    ("We can offer at £4,850. Can she start from Monday 7th?", None),
    ("@Sam – could she start on 14/12? We can offer at £4,900 pw.", None),
    ("Can offer 14/12. Solo 6500pw / shared 4900pw", date(2026, 12, 14)),
    ("Hi yes we can offer from the fourteenth of December at four thousand nine hundred pounds "
     "a week thanks", date(2026, 12, 14)),
    ("We can offer from the twenty-first of December at £4,900.", date(2026, 12, 21)),
    ("We can offer 24/7 staffing at £4,900 pw.", None),
    ("yes! Can do 14/12 at £4,900pw", date(2026, 12, 14)),
    ("Yes we can offer. We can do 2/3 visits a week before she moves in. £4,900 pw", None),
    # A date the reply denies is not the start; the one after "but" is.
    ("Can you meet needs: Yes\nVacancy: Not now but from 14/12/2026\nWeekly fee: £4,800",
     date(2026, 12, 14)),
    ("We can offer, not immediately but from 14/12/2026 at £4,800.", date(2026, 12, 14)),
    ("We can offer at £4,800. Available: not now, from 14 December.", date(2026, 12, 14)),
])
def test_the_start_date_is_what_the_provider_states(written: str, start: date | None) -> None:
    assert parsed_reply(written, on=ON).available_from == start


@pytest.mark.parametrize(("written", "decision", "fee"), [
    ("We could take her from Thursday, £4,950", "offer", Decimal("4950.00")),
    ("Place available for her at Willowbank, 4,850 per week, immediate start.", "offer",
     Decimal("4850.00")),
    ("Not a problem, we can offer at £4,850 from Monday.", "offer", Decimal("4850.00")),
    ("Sorry, we can't take her.", "decline", None),
])
def test_plain_words_offering_a_place_are_an_offer(written: str, decision: str,
                                                   fee: Decimal | None) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.weekly_fee) == (decision, fee)


@pytest.mark.parametrize(("written", "reason"), [
    ("No sorry, full.", "no-vacancy"),
    ("Both our beds are now taken.", "no-vacancy"),
    ("We're not able to manage the CSE risk.", "cannot-meet-needs"),
    ("The level of risk is too high for our home.", "cannot-meet-needs"),
    ("Our fees are £5,600, above your budget.", "price"),
    ("Declining - compatibility issues with our existing resident.", "matching"),
    ("The distance from her family makes us unsuitable.", "location"),
    ("I'm afraid the budget wouldn't stretch to our fee - our lowest rate is £6,200.", "price"),
    # The reason stated first: the rest of the sentence explains it.
    ("We are declining this referral due to distance - we are based in Cornwall and could not "
     "support family time in SE15.", "location"),
])
def test_declines_in_plain_words_are_read_with_their_reason(written: str, reason: str) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("written", "fee"), [
    ("Weekly fee: GBP4500", Decimal("4500.00")),
    ("We can offer at GBP 4,500 per week.", Decimal("4500.00")),
    ("Weekly fee: €4,850", None),  # not pounds: asked again, never taken for £4,850
    ("We can offer at $4,850 per week.", None),
])
def test_a_fee_is_in_pounds_or_not_read(written: str, fee: Decimal | None) -> None:
    assert parsed_reply(written, on=ON).weekly_fee == fee


@pytest.mark.parametrize(("written", "decision"), [
    # A decline in so many words decides, whatever bed or fee the reply also mentions...
    ("With regret we are declining. For info our fee for a solo placement is £7,500 per "
     "week and we have a bed from 14/12, but the matching assessment does not support it.",
     "decline"),
    ("We are declining this referral. We have a vacancy from Monday but it's for a boy.",
     "decline"),
    # ...but not over an offer made outright, nor when it is other referrals declined.
    ("We can offer at Willowbank from Monday, £4,850 per week. Our other home, Oak House, "
     "would have to decline as it's too far.", "offer"),
    ("We're declining other referrals to keep this bed for her - we can offer at £4,850 "
     "from the 7th.", "offer"),
    # A wish in so many words is no offer, even with its fee; a caveat is still interest.
    ("We would love to offer her a place, but our fee would be £6,200 per week, which is "
     "well above the budget.", "decline"),
    ("We're interested but can't meet the 1 December start - we could do from the 14th.",
     "interested"),
    ("Interested but our fee would be £6k pw", "interested"),
    # Interest in other children is not interest in this one.
    ("We're always interested in hearing about young people and would welcome future "
     "referrals, however for this young lady we have no vacancy.", "decline"),
    # A negative the reply has moved on from, or only supposes, does not decide.
    ("We initially felt we couldn't meet her needs, but having re-read the referral we'd "
     "like to discuss further - please send the full papers.", "interested"),
    ("We can't meet her needs unless additional 1:1 is funded.", None),
    # A bed from a date answers "no vacancy", never a no about the child.
    ("We will have a vacancy from 4 January but we can't meet her needs.", "decline"),
    ("We can't meet her needs. We do have a bed from 4 January.", "decline"),
    ("We have a vacancy from 4 January at £4,800 but it's too far for her family.", "decline"),
    ("We have a bed from 4 Jan but we are unable to offer.", "decline"),
    ("No vacancy until January; we have a bed from 4 January at £4,800.", "offer"),
    ("Decision: Offer\nVacancy: none at present, but we have one opening on 4 January\n"
     "Weekly fee: £4,800", "offer"),
    # An offer undone after it, a bed only guessed at, an answer only put off.
    ("Apologies for the delay. Our offer is withdrawn - our RI has paused admissions.",
     "withdrawn"),
    ("Unfortunately we're at full capacity. However, if her start date is flexible we may "
     "have a bed from 11th January.", "decline"),
    ("I am on annual leave until Tuesday 1st December and not able to offer a response until "
     "then.", None),
    # A decision opening the reply, before "at this time" or a comma.
    ("Declined at this time.", "decline"),
    ("Not at this time, sorry - we have a young person moving in next week.", "decline"),
    ("Not at this time, but please keep us in mind for future referrals.", "decline"),
    ("No, not yet - we need to see the full papers first.", None),
    # A "Vacancy:" line the form does not have is still read.
    ("Can meet needs: Yes\nVacancy: No", "decline"),
    ("Can you meet needs: Yes\nVacancy: No - full until March", "decline"),
])
def test_which_statement_decides(written: str, decision: str | None) -> None:
    assert parsed_reply(written, on=ON).decision == decision


@pytest.mark.parametrize(("written", "decision"), [
    # A refusal after the offer, of the placement itself: the reply says both, so asked.
    ("Yes to the 14th, but we can't offer a bed.", None),
    ("We can offer from the 14th. Sorry, we can't offer.", None),
    ("We can offer from 14/12 at £4,900. Sorry, we can't offer.", None),
    ("Happy to offer from the 14th but unfortunately we cannot offer a bed", None),
    ("We could offer from the 14th but we're unable to meet her needs", None),
    ("We can offer. Sorry, we can't offer.", None),  # no fee or start: the same
    ("We can offer her a place. We cannot meet her needs though.", None),
    ("We're interested. Sorry, we can't offer.", None),
    # A refusal of something narrower, or of another home's, leaves the offer standing.
    ("We can offer from the 14th, we are unable to offer the 7th", "offer"),
    ("We can offer from the 14th at £4,900. We cannot offer transport to school.", "offer"),
    ("We can offer from 14/12 at £4,900. We are unable to meet the 7th December start.",
     "offer"),
    ("Offer from 14/12 at £4,900. Not able to offer any earlier, sorry.", "offer"),
    ("Yes from the 14th. Our sister home Oak Lodge can't offer though.", "offer"),
    ("We can offer from 14/12, no vacancy before then I'm afraid.", "offer"),
    ("We can offer at £5,900 from 14/12, which I appreciate exceeds your budget.", "offer"),
    # A wish its sentence takes back, or a vacancy, before a refusal: a decline, as before.
    ("We'd be delighted to offer - however we're unable to proceed.", "decline"),
    ("We have a vacancy. Unfortunately we cannot meet her needs.", "decline"),
])
def test_a_refusal_after_an_offer_with_its_terms_is_asked(written: str,
                                                          decision: str | None) -> None:
    parsed = parsed_reply(written, on=ON)
    assert parsed.decision == decision
    assert ("decision" in parsed.missing) is (decision is None)


def test_a_bonus_in_a_footer_is_no_fee() -> None:
    parsed = parsed_reply("Sorry, we're full.\n\nInterested in fostering? Ask about our £500 "
                          "welcome bonus.", on=ON)
    assert (parsed.decision, parsed.weekly_fee) == ("decline", None)


@pytest.mark.parametrize(("written", "fee", "start"), [
    ("Weekly fee: £4.5-5k", None, None),  # a range is asked (rule fee-range-asked)
    ("Weekly fee: 4-5k per week", None, None),
    ("Weekly fee: £700pn", Decimal("4900.00"), None),
    ("Weekly fee: £700 per diem", Decimal("4900.00"), None),
    ("We can offer from Tuesday, £4,850 per week.", Decimal("4850.00"), date(2026, 11, 24)),
    # a weekday named on that weekday is the next week's: the same day would be "today"
    ("We can offer from Monday, £4,850 per week.", Decimal("4850.00"), date(2026, 11, 30)),
])
def test_ranges_in_thousands_nightly_rates_and_a_date_before_its_fee(
        written: str, fee: Decimal, start: date | None) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.weekly_fee, parsed.available_from) == (fee, start)


@pytest.mark.parametrize("pointer", ["see below", "As above.", "Please see notes", "see my email"])
def test_a_field_that_points_to_the_prose_is_read_from_the_prose(pointer: str) -> None:
    parsed = parsed_reply(f"Decision: Decline\nDecline reason: {pointer}\n\nSorry, we have no "
                          "vacancies at the moment.", on=ON)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("struck", [
    "<s>£5,200</s>", "<del>£5,200</del>", "<strike>£5,200</strike>",
    '<span style="text-decoration: line-through">£5,200</span>',
])
def test_a_fee_struck_through_in_html_gives_way_to_the_new_one(struck: str) -> None:
    reply = EmailMessage()
    reply["From"] = "referrals@thistledown.example"
    reply["Date"] = "Mon, 23 Nov 2026 11:15:00 +0000"
    reply.set_content(f"<p>Decision: Offer</p><p>Weekly fee: {struck} £4,900 per week</p>",
                      subtype="html")
    read = read_message(bytes(reply), RESPONSE, new_text_only=True)
    parsed = read_response(read.fields, read.body_text, RESPONSE, message_date=ON)
    assert parsed.weekly_fee == Decimal("4900.00")


def test_a_fee_revised_in_prose_is_the_new_one() -> None:
    parsed = parsed_from("We can offer a place. Our fee was £5,200 but we can do £4,900 per "
                         "week for Northby.")
    assert parsed.weekly_fee == Decimal("4900.00")


@pytest.mark.parametrize(("subject", "body", "decision", "fee"), [
    ("RE: Referral REF-2026-000412 – Offer £4,800 pw from 7/12", "Details as per subject line.",
     "offer", Decimal("4800.00")),
    ("RE: Referral REF-2026-000412: residential, age 14, SE15 - DECLINE", "", "decline", None),
    ("Re: Referral REF-2026-000412 - No vacancy", "Sent from my iPhone", "decline", None),
    # Our own subject's end is not the provider's answer, and the body still decides first.
    ("Re: Referral REF-2026-000412: residential - reply by 5:00pm on Thursday", "Thanks", None,
     None),
    ("RE: Referral REF-2026-000412 - Offer", "Sorry, we can't offer after all - the bed has gone.",
     "decline", None),
])
def test_an_answer_only_in_the_subject_is_read(subject, body, decision, fee) -> None:
    parsed = read_response({}, body, RESPONSE, message_date=ON, subject=subject)
    assert (parsed.decision, parsed.weekly_fee) == (decision, fee)


@pytest.mark.parametrize(("written", "decision", "fee"), [
    # A line opening with the decision word, which is also a label, then a remark: a sentence.
    ("Offer – please see attached impact risk assessment.\n\nDecision: Offer\nWeekly fee: £5,400",
     "offer", Decimal("5400.00")),
    ("Offer – £4,450pw – from 30/11 – Rosewood Lodge. Thx", "offer", Decimal("4450.00")),
    ("Offer: £4,450pw from 30/11", "offer", Decimal("4450.00")),
    ("Offer as per subject, from Monday.", "offer", None),
    # "Offer: Yes" is still the field.
    ("Offer: Yes\nWeekly fee: £4,450", "offer", Decimal("4450.00")),
])
def test_a_line_opening_with_the_decision_itself_is_read(written, decision, fee) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.weekly_fee) == (decision, fee)


@pytest.mark.parametrize(("written", "decision", "reason"), [
    # An update at the end states the answer.
    ("We can offer at £4,800 from Monday.\n\nUpdate 11:20: bed has now gone.", "decline",
     "no-vacancy"),
    ("Decision: Offer\nWeekly fee: £4,800\nUpdate: sorry, this bed has now been taken.",
     "decline", "no-vacancy"),
    ("Decision: Decline\nReason: no vacancy\nUpdate: a bed has come free - we can offer from "
     "Monday at £4,800.", "offer", None),
    ("We can offer at £4,800. PS she would share with one other girl.", "offer", None),
    # A bed only hoped for is no place.
    ("We're full, but could potentially have a bed from 11 January.", "decline", "no-vacancy"),
    ("We're full but hoping to have a bed from 11 January.", "decline", "no-vacancy"),
    # A vacancy asked and answered as a form's line.
    ("Can you meet needs: Yes\nCurrent vacancy? No", "decline", "no-vacancy"),
    ("Can you meet needs: Yes\nVacancy: Not at present", "decline", "no-vacancy"),
    ("Can you meet needs: Yes\nVacancy - No", "decline", "no-vacancy"),
    # Withdrawals in other words.
    ("Our offer for Rosewood is withdrawn as our RI has paused admissions.", "withdrawn", None),
    ("We need to retract our earlier offer, sorry.", "withdrawn", None),
    ("Please treat our offer as withdrawn.", "withdrawn", None),
    # A reason the reply denies is not its reason.
    ("Not because of the distance - we simply can't meet her needs.", "decline",
     "cannot-meet-needs"),
    ("We're not too far away, but we cannot meet her needs.", "decline", "cannot-meet-needs"),
    # A decision opening the reply before the home's name; a place offered now.
    ("Offer for Rosewood Lodge, £4,800 pw, available 7 December.", "offer", None),
    ("We have a place now - £4,800 pw.", "offer", None),
])
def test_round_ten_replies_are_read_as_meant(written: str, decision: str, reason) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize(("written", "fee", "start"), [
    ("Decision: Offer\nWeekly fee: £4,200 (care) plus £600 (education) - total weekly cost "
     "£4,800", Decimal("4800.00"), None),
    ("Decision: Offer\nWeekly fee: Total for 6 weeks: £29,400", Decimal("4900.00"), None),
    ("We can offer ASAP at £4,800 per week.", Decimal("4800.00"), ON),
    ("We could offer immediately at £4,800.", Decimal("4800.00"), ON),
])
def test_round_ten_fees_and_starts(written: str, fee: Decimal, start) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.weekly_fee, parsed.available_from) == (fee, start)


@pytest.mark.parametrize(("subject", "decision", "reason"), [
    ("RE: Referral REF-2026-000412 - Declined (distance)", "decline", "location"),
    ("DECLINE - RE: Referral REF-2026-000412: residential", "decline", None),
    ("Re: Referral REF-2026-000412 - not at this time", "decline", None),
    ("RE: RE: Referral REF-2026-000412: residential - reply by 5pm", None, None),
])
def test_round_ten_answers_in_the_subject(subject: str, decision, reason) -> None:
    parsed = read_response({}, "Sent from my iPhone", RESPONSE, message_date=ON, subject=subject)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize(("written", "decision", "reason"), [
    ("Decline – budget. Our fee would be £6,200 per week and we couldn't support 2:1 within "
     "your rate.", "decline", "price"),
    ("Declined (distance). Sorry.", "decline", "location"),
])
def test_a_decision_opening_the_reply_with_its_remark(written: str, decision, reason) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize(("written", "decision", "reason", "fee"), [
    # Another home's offer is not this home's: that home answers on its own thread.
    ("Elm Court is full I'm afraid, but Rosewood Lodge (our sister home) can offer from 14/12 "
     "at £4,900 - I've replied on their email too.", "decline", "no-vacancy", None),
    ("We're full, but our sister home Rosewood Lodge can offer from 14/12 at £4,900.",
     "decline", "no-vacancy", None),
    ("We can offer from 14/12 at £4,900. Our sister home is full.", "offer", None,
     Decimal("4900.00")),
    # An offer that is "off" is withdrawn; other wordings of a decline, a no and interest.
    ("Update - I'm afraid our offer is off: our RI has paused admissions.", "withdrawn", None,
     None),
    ("Sorry, please disregard my offer below - we have just filled the bed.", "withdrawn", None,
     None),
    ("Having looked again, the risks are outside our registration, so we'll decline.",
     "decline", "cannot-meet-needs", None),
    ("Sadly, no.", "decline", None, None),
    ("Please send full paperwork.", "interested", None, None),
    # A greeting above a short answer; initials marking an inline answer; four-weekly fees.
    ("Hello,\n\nOffer – fee £4,850 per week, from 14/12/2026.", "offer", None,
     Decimal("4850.00")),
    ("Hi,\n\nPass.", "decline", None, None),
    ("Decision: Offer\nWeekly fee: [PH] £4,850", "offer", None, Decimal("4850.00")),
    ("Decision: Offer\nFee: £19,800 per 4-weekly invoice period.", "offer", None,
     Decimal("4950.00")),
    ("Decision: Offer\nFee: £19,800 (4-weekly).", "offer", None, Decimal("4950.00")),
])
def test_round_eleven_replies_are_read_as_meant(written: str, decision: str, reason,
                                                fee) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == (decision, reason, fee)


@pytest.mark.parametrize(("written", "fee"), [
    ("We could offer from the 14th. Our fee would be four thousand eight hundred pounds a "
     "week, all inclusive.", Decimal("4800.00")),
    ("We could offer from Monday 14th. Cost would be five and a half thousand a week.",
     Decimal("5500.00")),
    ("We can offer from the 14th at six hundred and ninety-five pounds a night.",
     Decimal("4865.00")),
    ("We can offer from the 14th at five grand a week.", Decimal("5000.00")),
    # Words that are no sum of money stay words, and a sum only guessed at is no fee.
    ("We can offer from the 14th; we are two hundred miles away, a thousand thanks.", None),
    ("We could offer from the 14th at just under five thousand a week.", None),
])
def test_a_fee_written_in_words_is_read(written: str, fee) -> None:
    assert parsed_reply(written, on=ON).weekly_fee == fee


@pytest.mark.parametrize(("written", "decision", "reason"), [
    ("We'd need £6,400 a week, which we understand is well above your framework ceiling, so "
     "we'll decline.", "decline", "price"),
    # What round twelve found those phrases took too far.
    ("My inbox is full this week, but we're interested - please send the paperwork.",
     "interested", None),
    ("The diary is full of activities. We'd like to be considered.", "interested", None),
    ("Our fees sit within the framework ceiling; we can offer from 14/12 at £4,900.", "offer",
     None),
    ("Sadly, not an unusual story. We'd like to be considered.", "interested", None),
    ("Our offer is off-framework at £5,400 per week from 14/12.", "offer", None),
    ("Hi,\n\nYes – received, thanks. We'll come back to you by Friday.", None, None),
    ("Like our sister home, we can offer from 14/12 at £4,900 a week.", "offer", None),
    ("Having checked with our other homes, we can offer her a place here from 14/12 at £4,900.",
     "offer", None),
    ("Elm Court is full, but we could offer her a place at our sister home from 14/12.",
     "decline", "no-vacancy"),
    ("Elm Court is full - our colleagues at Rosewood Lodge can offer from 14/12 at £4,900.",
     "decline", "no-vacancy"),
    ("No vacancy at Elm Court; one of our other services can offer from 14/12 at £4,900.",
     "decline", "no-vacancy"),
    ("Our sister home is full, so please consider us - we'd like to be considered.",
     "interested", None),
    ("Sorry, our offer no longer applies as the bed has gone.", "withdrawn", "no-vacancy"),
    ("Please scrap my offer below.", "withdrawn", None),
])
def test_round_eleven_declines_and_their_reasons(written: str, decision, reason) -> None:
    parsed = parsed_reply(written, on=ON)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


def test_a_providers_system_labels_are_the_forms() -> None:
    parsed = parsed_reply("Service\tJuniper Lodge\nOutcome\tOffer made\nProposed weekly rate\t"
                          "£4,950.00\nProposed admission date\t14 Dec 2026", on=ON)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("4950.00"), date(2026, 12, 14))


@pytest.mark.parametrize("written", [
    "Decision: Offer\nAvailable from: 12/7/2026\nWeekly fee: £4,800",
    "We can offer at £4,800 from 14/09/2026.",
])
def test_a_start_months_before_the_reply_is_asked(written: str) -> None:
    parsed = parsed_reply(written, on=ON)
    assert parsed.decision == "offer" and parsed.available_from is None
    assert "available_from" in parsed.missing


def test_a_start_a_few_days_before_the_reply_stands() -> None:
    on = date(2026, 12, 2)
    assert parsed_reply("We can offer at £4,800 from 30/11/2026.", on=on).available_from == (
        date(2026, 11, 30))


def test_a_decision_row_with_a_column_per_home_is_not_mixed() -> None:
    parsed = parsed_reply("\tRosewood Lodge\tElm Court\nDecision\tOffer\tDecline\nWeekly fee\t"
                          "£4,900\t\nAvailable from\t14/12/2026\t\nDecline reason\t\tNo vacancy",
                          on=ON)
    assert parsed.decision is None and parsed.weekly_fee is None and parsed.missing == [
        "decision"]


_DEC14, _DEC21, _FEE = date(2026, 12, 14), date(2026, 12, 21), Decimal("4900")


@pytest.mark.parametrize(("text", "decision", "fee", "start"), [
    ("Offer.\nWeekly fee 4900, available from 14/12.\nWe were fully booked until the 11th.",
     "offer", _FEE, _DEC14),
    ("Offer. £4,900 a week from 14/12.\n(Please ignore my earlier email saying we're fully "
     "booked - that was meant for a different referral.)", "offer", _FEE, _DEC14),
    ("We can offer - sorry, ignore that, we're full.", "decline", None, None),
    ("Offer - bed just gone sorry", "decline", None, None),
    ("@Sam, @Jo - can she start 14/12? We can offer £4,900pw.", "offer", _FEE, None),
    ("We can offer from 14/12: £4,200 pw care + £700 pw education = £4,900 pw.", "offer", _FEE,
     _DEC14),
    ("We can offer from 14/12. Fee £6,500 pw on her own, or £4,900 pw with one other girl.",
     "offer", None, _DEC14),
    ("Hi,\nThis one: offer, £4,900 pw from 14/12.", "offer", _FEE, _DEC14),
    ("We're not withdrawing our offer - just confirming the start has moved to 21/12. £4,900 pw "
     "still.", "offer", _FEE, _DEC21),
    ("Can offer wc 14/12, 4900pw", "offer", _FEE, _DEC14),
    ("Can offer 14.12 at £4,900 pw", "offer", _FEE, _DEC14),
    ("We can offer 1.5 staff from 14/12 at £4,900", "offer", _FEE, _DEC14),
    # round 16's near variants
    ("Offer 14/12, £4900pw (no discount applies)", "offer", _FEE, _DEC14),
    ("This one: yes, 4900pw from 14/12", "offer", _FEE, _DEC14),
    ("@Sam @Jo can she start 14/12? Offer at £4,900pw.", "offer", _FEE, None),
    ("Can do 2/3 visits per week with mum. Offer at 4900pw", "offer", _FEE, None),
    ("Can do 14/12 at £4,900pw", "offer", _FEE, _DEC14),
    ("Yes, 14/12 works for the visit.", None, None, None),
    ("Ignore my email from this morning. We can offer from 14/12 at £4,900 pw.", "offer", _FEE,
     _DEC14),
    ("We'll need to see her EHCP and the latest risk assessment before we can confirm, but we'd "
     "like to offer at £4,900 pw from 14/12.", "interested", _FEE, _DEC14),
    ("We need to update our records before we can invoice, but we would love to offer her a "
     "place from 14/12 at £4,900.", "offer", _FEE, _DEC14),
])
def test_round_fifteen_replies_are_read_as_an_officer_would(text, decision, fee, start) -> None:
    parsed = parsed_reply(text, on=ON)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (decision, fee, start)


_DEC2 = date(2026, 12, 2)  # a Wednesday


_ROUND_SEVENTEEN = [
    ("We can offer from 14/12 at £5,000 pw. After discount, that's £4,750.", "offer",
     Decimal("4750"), _DEC14),
    ("We can offer from 14/12.\n\nWeekly fee (gross): £5,000\nLess framework discount (5%): "
     "-£250\nWeekly fee (net): £4,750", "offer", Decimal("4750"), _DEC14),
    ("Offer - update: bed just went, sorry", "decline", None, None),
    ("We're not withdrawing the offer, but the start is now 21/12 (fee unchanged at £4,900 pw).",
     "offer", _FEE, _DEC21),
    ("We can offer at £4,900 pw. The start has been moved to Monday 21st.", "offer", _FEE,
     _DEC21),
    ("We can offer at £4,900 pw, starting a week on Monday", "offer", _FEE, _DEC14),
    ("We can offer at £4,900 pw, available now.", "offer", _FEE, _DEC2),
    ("Before we can confirm, we need to see her latest risk assessment. We'd like to offer from "
     "14/12 at £4,900 pw though.", "interested", _FEE, _DEC14),
    ("We need sight of the EHCP and her care plan first, but we'd love to offer at £4,900 pw "
     "from 14/12.", "interested", _FEE, _DEC14),
    ("Before we can confirm, we need to see her EHCP. We can offer from 14/12 at £4,900 pw.",
     "offer", _FEE, _DEC14),
    # a hedge is no answer: the decision is asked; beside a no, the no stands
    ("We may be able to offer from 21/12 at £4,900 pw - I'll confirm on Friday once the manager "
     "is back.", None, None, None),
    ("We may be able to offer in the new year - we're full at the moment.", "decline", None,
     None),
    ("We won't be withdrawing our offer - £4,900 pw, start 14/12 as planned.", "offer", _FEE,
     _DEC14),
    ("Our offer was conditional on matching panel approval, which hasn't been given, so we're "
     "withdrawing it.", "withdrawn", None, None),
    ("Hi,\nYes, from 14/12 at £4,900 pw.", "offer", _FEE, _DEC14),
    ("Hi,\nYes, 14/12 works for the visit.", None, None, None),
    ("Offer 4900pw 14/12.", "offer", _FEE, _DEC14),
    ("Offer £4,900 pw, 14/12", "offer", _FEE, _DEC14),
    ("Offer 4900pw 24/7 staffing", "offer", _FEE, None),
    # notes that the reply was meant for another referral, after the answer
    ("We can offer from 7/12 at £5,100 pw.\n\nMeant for ref 412 - please ignore.", None, None,
     None),
    ("We can offer from 7/12 at £5,100 pw.\n\nPlease disregard - this should have gone on the "
     "412 thread.", None, None, None),
    ("Oops - meant to reply to 433. No vacancy sorry", None, None, None),
]


_ROUND_EIGHTEEN = [
    ("Can offer 14/12 £5000pw, after discount its £4750", "offer", Decimal("4750"), _DEC14),
    ("We can offer at £4,750 pw after the 5% discount, from 14/12", "offer", Decimal("4750"),
     _DEC14),
    ("We may be able to offer a place from 4/1, but we're full at the moment.", "decline", None,
     None),
    ("We can offer at £4,900 pw, she could move in a week on Monday", "offer", _FEE, _DEC14),
    ("We can offer at £4,900 pw, available in a week", "offer", _FEE, date(2026, 12, 9)),
    ("Can offer £4900pw from a week Monday", "offer", _FEE, _DEC14),
    ("We can offer at £4,900 pw from the 14th of next month", "offer", _FEE,
     date(2027, 1, 14)),
    ("We can still offer at £4,900 pw, but the start is now Monday 21st.", "offer", _FEE,
     _DEC21),
    ("Our offer stands at £4,900 pw – the start date is now 21/12/2026 because of a staff "
     "training week.", "offer", _FEE, _DEC21),
    ("We can offer at £4,900 pw. Our start date has been pushed back to Monday 21st.", "offer",
     _FEE, _DEC21),
    ("Offer confirmed at £4,900 pw. The start has now been moved to 21 December.", "offer", _FEE,
     _DEC21),
    ("We can offer at £4,900 pw. The start would now be the 21st.", "offer", _FEE, _DEC21),
    ("We're full right now, but a bed frees up on 21/12 and we can offer from then at £4,900 "
     "pw.", "offer", _FEE, _DEC21),
    ("Yes from 21/12 @ £4900pw", "offer", _FEE, _DEC21),
    ("Tentative yes – 14/12 at £4,900pw subject to a matching meeting", "offer", _FEE, _DEC14),
    ("Thanks - the offer stands.", "offer", None, None),
    ("We can offer at £4,900 pw from this coming Monday", "offer", _FEE, date(2026, 12, 7)),
    ("We can offer at £4,900 pw from the fourteenth", "offer", _FEE, _DEC14),
    ("We can offer at 4900/week", "offer", _FEE, None),
    # round 12's: an earlier email's offer taken back, or changed
    ("Please ignore my earlier email offering a place - our RI has paused admissions after "
     "Ofsted's visit.", "withdrawn", None, None),
    ("Please ignore my earlier email offering a place on the 7th - we can offer from 14/12 at "
     "£4,900 pw instead.", "offer", _FEE, _DEC14),
]


_ROUND_NINETEEN = [
    # an offer that "stands", or "offer" after a dash or before a spoken day
    ("Offer stands at £4,900pw; start has been pushed back to Monday 21st.", "offer", _FEE,
     _DEC21),
    ("The start would now be the 21st – our offer at £4,900 pw still stands.", "offer", _FEE,
     _DEC21),
    ("Our offer of £4,900 pw from 14/12 still stands.", "offer", _FEE, _DEC14),
    ("Our offer no longer stands, sorry - the bed has gone.", "withdrawn", None, None),
    ("She can move in this coming Monday – offer at £4,900 pw.", "offer", _FEE,
     date(2026, 12, 7)),
    ("Offer from the fourteenth at £4,900 a week", "offer", _FEE, _DEC14),
    ("We can offer from after the Christmas break - probably Monday 4th January - at £4,900 "
     "per week.", "offer", _FEE, date(2027, 1, 4)),
    ("We can offer at £4,900 pw, starting in the new year — 5 January 2027.", "offer", _FEE,
     date(2027, 1, 5)),
    ("Can offer a week on Monday at £4,900 pw", "offer", _FEE, _DEC14),
    ("Offer at £4900pw, she can move in the Monday after next", "offer", _FEE, _DEC14),
    # negotiation: new terms, and the authority's figure is not the home's fee
    ("Thanks for your counter-proposal of £4,600. We can't go that low, but we can offer at "
     "£4,750 pw from 14/12.", "offer", Decimal("4750"), _DEC14),
    ("We can't go as low as £4,600, but we can offer at £4,750 pw from 14/12.", "offer",
     Decimal("4750"), _DEC14),
    ("Following our call, we can come down to £4,750 pw (from £4,950). Start 14/12 as "
     "discussed.", "offer", Decimal("4750"), _DEC14),
    ("We can reduce our fee to £4,750 pw from 14/12.", "offer", Decimal("4750"), _DEC14),
    ("Our revised offer is £4,750 pw from 14/12.", "offer", Decimal("4750"), _DEC14),
    ("Our counter-offer of £4,750 pw from 14/12 stands.", "offer", Decimal("4750"), _DEC14),
    ("We can't go as low as £4,600, sorry.", None, None, None),
    ("We can do 2:1 staffing if needed.", None, None, None),
    ("We can't offer until we've met her, but could do £4,900 pw from 14/12 if that goes "
     "well.", None, None, None),  # as before: no answer yet, asked
    # a need said first, in a sentence of its own ending "first"
    ("We need sight of the EHCP first. We'd love to offer though – £4,900 pw from 14/12.",
     "interested", _FEE, _DEC14),
    # the wrong thread, "should've"
    ("We'd be interested – please send the full papers.\nThis should've gone on the 412 "
     "thread – apologies.", None, None, None),
    ("We can offer from 7/12.\nShould’ve replied on the 412 thread, sorry.", None, None, None),
]


_ROUND_TWENTY = [
    ("Offer stands (£4,900pw from the 14th).", "offer", _FEE, _DEC14),
    ("We've discussed it as a team—offer at £4,900 pw, from 14/12.", "offer", _FEE, _DEC14),
    ("We had to decline, offer at £4,900 pw was not possible.", "decline", None, None),
    ("£4,600 isn't workable for us. Best we can do is £4,750 pw, start 14/12.", "offer",
     Decimal("4750"), _DEC14),
    ("We're able to reduce our weekly fee to £4,750 from 14/12.", "offer", Decimal("4750"),
     _DEC14),
    ("Offer – 14/12, £4,900 pw", "offer", _FEE, _DEC14),
    ("We could take her this coming Monday – offer at £4,900 pw.", "offer", _FEE,
     date(2026, 12, 7)),
    ("We can offer at £4,900 pw. We can take her to school on 14/12.", "offer", _FEE, None),
    ("Can offer Monday week at £4,900pw.", "offer", _FEE, _DEC14),
    ("We can offer from 14/12 at £4,900 pw – please confirm by Friday 4/12 as we have another "
     "referral for the bed.", "offer", _FEE, _DEC14),
    ("We can offer both at £2,450 pw each (£4,900 pw in total) from 14/12.", "offer", _FEE,
     _DEC14),
    ("We can offer both from 14/12 at £2,450 pw each.", "offer", None, _DEC14),  # fee asked
    ("We can offer at £4,900 pw from 14/12, each week invoiced in arrears.", "offer", _FEE,
     _DEC14),
    # the decision's tick boxes with no label: only the ticked one answers
    ("Hi,\n\n☐ Offer  ☐ Interested  ☒ Decline\nReason: location - we're in north Cumbria",
     "decline", None, None),
    ("Hi,\n\n☒ Offer\n☐ Interested\n☐ Decline\nFee: £4,900 pw\nStart: 14/12", "offer", _FEE,
     _DEC14),
    ("[ ] Offer [ ] Interested [x] Decline", "decline", None, None),
    ("Outcome: Accepted for consideration – full referral requested", "interested", None,
     None),
]


# round 20's left-overs, read at stop 30
_ROUND_TWENTY_LEFT = [
    # a date before the word for the start
    ("We can come down to £4,750pw if that helps – 14/12 start still fine", "offer",
     Decimal("4750"), _DEC14),
    ("Offer at £4,900 pw, Monday 14th move-in works for us.", "offer", _FEE, _DEC14),
    ("We can offer at £4,900 pw – 14th December start.", "offer", _FEE, _DEC14),
    ("We can come down to £4,750pw. A 14/12 start isn't possible though.", "offer",
     Decimal("4750"), None),
    ("We can offer at £4,900 pw. 14/12 start is too soon.", "offer", _FEE, None),
    # the child's move offered, with no word of offering
    ("She can move in the Monday after next. Our fee is £4,900 pw.", "offer", _FEE, _DEC14),
    ("She can move in on 14/12. Our fee is £4,900 pw.", "offer", _FEE, _DEC14),
    ("Unfortunately she can't move in until the bed frees up in February, so we must decline.",
     "decline", None, None),
    ("Not sure she could move in before Christmas. Our fee is £4,900 pw.", None, None, None),
    ("Once the current young person leaves she can move in, probably January.", None, None,
     None),
    # one child of a sibling group, not the group
    ("For the older girl we could offer from 14/12, but we can't take her brother – our "
     "carers only have one bedroom free.", "decline", None, None),
    ("We can offer for the older girl from 14/12 at £1,050 pw.", None, None, None),
    ("We can offer for the older girl and her brother from 14/12.", "offer", None, _DEC14),
    ("We can offer both from 14/12; for the older girl we'd use the bigger room.", "offer",
     None, _DEC14),
    # a fee on each child's own line is that child's; a total is the group's
    ("Older sister: yes, we can offer from 14/12 at £1,050 pw.\nYounger brother: yes, same "
     "carers, £950 pw.", "offer", None, _DEC14),
    ("Older sister: yes, we can offer from 14/12 at £1,050 pw.\nYounger brother: yes, same "
     "carers, £950 pw.\nTotal: £2,000 pw.", "offer", Decimal("2000"), _DEC14),
    ("Child 1 - £1,050 pw\nChild 2 - £950 pw\nWe can offer both from 14/12.", "offer", None,
     _DEC14),
    ("Older sister: yes, she'd share with our current girl.\nWe can offer both from 14/12 at "
     "£2,000 pw.", "offer", Decimal("2000"), _DEC14),
]


_ROUND_TWENTY_ONE = [
    # tick boxes after their words, and a remark beside the ticked one
    ("Offer ☒   Interested ☐   Decline ☐\nFee: £4,900 pw\nStart: 14/12", "offer", _FEE, _DEC14),
    ("Offer [ ]  Interested [ ]  Decline [x]\nReason: matching", "decline", None, None),
    ("[ ] Offer [ ] Interested [x] Decline – too far", "decline", None, None),
    ("☐ Offer ☒ Interested ☐ Decline – please send the full papers", "interested", None, None),
    # the wrong thread, named by no number
    ("Sorry, should've replied on the other thread – we can offer from 7/12 at £5,100 pw.",
     None, None, None),
    ("should have replied on the other thread sorry - offer 7/12 £5,100pw", None, None, None),
    ("Sorry, wrong thread – we can offer from 7/12 at £5,100 pw.", None, None, None),
    ("this was meant for a different referral. We can offer from 7/12.", None, None, None),
    ("I replied on the wrong thread earlier, so here it is again: we can offer from 7/12 at "
     "£5,100 pw.", "offer", Decimal("5100"), date(2026, 12, 7)),
    ("We can offer from 14/12 at £4,900 pw. We should have replied sooner, sorry.", "offer",
     _FEE, _DEC14),
    ("Sorry, my last email went on the wrong thread. For this one: offer from 14/12 at £4,900 "
     "pw.", "offer", _FEE, _DEC14),
    # a fee "for each child"
    ("We can offer from 14/12 – £1,200 a week for each child.", "offer", None, _DEC14),
    ("We can offer from 14/12 at £2,400 a week, with a key worker for each child.", "offer",
     Decimal("2400"), _DEC14),
    # offers in other words
    ("Offer from the Monday after next.", "offer", None, _DEC14),
    ("Our offer (£4,900 pw, from 14/12) still stands.", "offer", _FEE, _DEC14),
    ("The offer we made stands – £4,900 pw from 14/12.", "offer", _FEE, _DEC14),
    ("The offer we made on Monday stands - £4,900 pw from 14/12.", "offer", _FEE, _DEC14),
    ("Offer for both, from 14/12.\nOlder girl: £1,050 pw\nYounger boy: £950 pw\nTotal: £2,000 "
     "pw", "offer", Decimal("2000"), _DEC14),
    ("Offer for her from 14/12 at £4,900 pw.", "offer", _FEE, _DEC14),
    ("👍 Offer from 14/12, £4,900pw", "offer", _FEE, _DEC14),
    ("Yes, go ahead and offer from 14/12 at £4,900 pw.", "offer", _FEE, _DEC14),
    ("Decision: Offer | Fee: £4,900 pw | From: 14/12/2026", "offer", _FEE, _DEC14),
    # the decision's words mistyped
    ("We can ofer from 14/12 at £4,900 pw", "offer", _FEE, _DEC14),
    ("We are intrested", "interested", None, None),
    ("Sorry we have to declne", "decline", None, None),
    ("We'll have to withdraw.", "withdrawn", None, None),
    ("We'd hate to have to withdraw, but the fee is tight.", None, None, None),
    # dates: "ready", and a date after the fee's column or dash
    ("Room ready 14/12 - offer at £4,900pw", "offer", _FEE, _DEC14),
    ("Offer – £5,050 – 21/12/2026", "offer", Decimal("5050"), _DEC21),
    ("We will be ready to discuss on 4/12, we can offer at £4,900 pw.", "offer", _FEE, None),
    ("Status: Accepted for consideration", "interested", None, None),
    ("We're registered for ages 8-18, so that's fine - we can offer from 14/12.", "offer", None,
     _DEC14),
]


_ROUND_TWENTY_TWO = [
    ("Offer [ ] Interested [ ] Decline [x] – too far from SE15", "decline", None, None),
    ("Offer [ ]\nInterested [ ]\nDecline [x] – too far from SE15", "decline", None, None),
    ("Offer ☒ Interested ☐ Decline ☐ – £4,900 pw, from 14/12", "offer", _FEE, _DEC14),
    ("Offer at £4,900 pw. A 14/12 move-in isn't possible.", "offer", _FEE, None),
    ("We can offer both from 14/12:\nGirl: £1,150 pw\nBoy: £1,050 pw", "offer", None, _DEC14),
    ("Our fees run £4,500–£5,200 pw depending on need; for her it would be £4,900 pw. Offer "
     "from 14/12.", "offer", _FEE, _DEC14),
    ("Offer both from 14/12 at £2,300 pw", "offer", Decimal("2300"), _DEC14),
    ("Our offer (from 14/12, £4,900 a week) still stands.", "offer", _FEE, _DEC14),
    ("Room ready 14/12, offer £4,900pw", "offer", _FEE, _DEC14),
    ("We had to decline, offer at £4,900 pw was not possible.", "decline", None, None),
    ("The bed's yours – £4,900 pw from 14/12", "offer", _FEE, _DEC14),
    ("Offer\nFee: £4,950 from 21/12", "offer", Decimal("4950"), _DEC21),
    ("Decision\tWeekly fee\tStart\nOffer\t£4,900\t14/12/2026", "offer", _FEE, _DEC14),
    ("We can offer at £4,900 pw, but a 14/12 start isn't possible – 21/12 at the earliest.",
     "offer", _FEE, _DEC21),
    # round 22's re-run
    ("Offer both 14/12 - £2,300 pw total for the two", "offer", Decimal("2300"), _DEC14),
    ("Bed's yours if you want it - £4,900 pw from 14/12", "offer", _FEE, _DEC14),
    ("We can offer both from 14/12:\nGirl (13) - £1,150 pw\nBoy (9) - £1,050 pw", "offer", None,
     _DEC14),
]


_ROUND_TWENTY_THREE = [
    ("Offer ☐ Interested ☐ Decline ☒ (no vacancy)", "decline", None, None),
    ("Offer (x) Interested ( ) Decline ( )", "offer", None, None),
    ("Start on 14/12 won't be possible - we could offer from 4/1 at £4,900pw", "offer", _FEE,
     date(2027, 1, 4)),
    ("Our fees are between £4,500 and £5,200 pw; for her £4,900 pw. Offer from 14/12.", "offer",
     _FEE, _DEC14),
    ("Offer from 14/12: set-up fee £500, then £4,900 pw.", "offer", _FEE, _DEC14),
    ("We can offer both 14/12", "offer", None, _DEC14),
    ("Offer both on 14/12 at £2,300pw", "offer", Decimal("2300"), _DEC14),
    ("We can offer at £4,900 pw, but a 14/12 start won't work – 21/12 would.", "offer", _FEE,
     _DEC21),
    ("We can offer at £4,900 pw from 21/12; 14/12 would be too soon.", "offer", _FEE, _DEC21),
    ("Bed's hers – £4,900 pw from 14/12.", "offer", _FEE, _DEC14),
    ("Sorry, the bed's gone.", "decline", None, None),
    ("We could take both children from 14/12 at £2,200 pw.", "offer", Decimal("2200"), _DEC14),
    ("We had to decline.", "decline", None, None),
    ("We'd like to put ourselves forward for her – £4,900 pw from 14/12.", "interested", _FEE,
     _DEC14),
    ("We're able to submit a profile for her.", "interested", None, None),
    ("Unable to progress this referral, sorry.", "decline", None, None),
    ("Head office have vetoed this one, sorry.", "decline", None, None),
    ("We're closing the home at the end of January, so we can't take new referrals.", "decline",
     None, None),
    ("Offer £4,900pw from 2026/12/14", "offer", _FEE, _DEC14),
    ("We could have her with us by 14/12 – £4,900 pw.", "offer", _FEE, None),
    ("Yes from us – 14/12, £4,900pw", "offer", _FEE, _DEC14),
    ("Offer (verbally confirmed with Sam): £4,900 pw from 14/12.", "offer", _FEE, _DEC14),
    # the regression run of rounds 9 to 23 on 80e4daf
    ("We can offer from 14/12: a one-off setting-up fee of £500, then £4,900 pw.", "offer",
     _FEE, _DEC14),
    ("@Sam Taylor, @Jo Lomax - would 14/12 work for her to move in? We can offer at £4,900 pw.",
     "offer", _FEE, None),
]

_ROUND_TWENTY_FOUR = [
    ("Count us in! £4,900pw, and she could come to us from Mon 14th.", "offer", _FEE, _DEC14),
    ("We'd be happy to have her with us – £4,900 per week, with her room ready for the 14th.",
     "offer", _FEE, _DEC14),
    ("We'd be able to start transitions w/c 7th with a view to her moving in on Mon 14th. "
     "£4,900 p.w.", "offer", _FEE, _DEC14),
    ("Update – a bed has come free today, so we can offer from Mon 14th at £4,900pw.", "offer",
     _FEE, _DEC14),
    ("We've no bed until 11 January – can offer from then at £4,900.", "offer", _FEE,
     date(2027, 1, 11)),
    ("Decision: Offer\nWeekly fee: £4,9500 per week\nAvailable from: 14/12/2026", "offer", None,
     _DEC14),
    ("Decision: Interested – but our fee would be £4,900, which I appreciate is over your "
     "budget", "interested", _FEE, None),
    ("Decision: Offer – £4,900 pw from 14/12", "offer", _FEE, _DEC14),
    ("We're going to give this one a miss, sorry – our current group is very settled.",
     "decline", None, None),
    ("We're not in a position to progress this one – the CSE risk is more than the home can "
     "manage safely.", "decline", None, None),
    ("decision offer\nfee 4900 pw\nstart 14/12", "offer", _FEE, _DEC14),  # a phone, no colons
    ("Decision pending\nWe can offer from 14/12.", "offer", None, _DEC14),  # a line alone
    # interest said, and the offer waits on the papers: interest
    ("We're interested, our fee would be £4,900 pw and she could move in from 21/12 if the "
     "papers are OK. Could you send the chronology?", "interested", _FEE, _DEC21),
    ("We can offer from 21/12 at £4,900 pw if the papers are OK.", "offer", _FEE, _DEC21),
]


@pytest.mark.parametrize("table", [
    "Decision | Weekly fee | Start date\nOffer | £4,900 | 14/12/26",
    "| Decision | Weekly fee | Start date |\n|---|---|---|\n| Offer | £4,900 | 14/12/26 |",
])
def test_a_table_typed_with_pipes_is_read_as_its_rows(table: str) -> None:
    """A header row of labels between pipes, over a row of values (round 24): read as the
    table it is, as when its cells are between tabs."""
    raw = ("From: Jo Fictional <placements@willowbank-care.example>\nSubject: RE: Referral\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{table}\n").encode()
    read = read_message(raw, RESPONSE, new_text_only=True)
    parsed = read_response(dict(read.fields), read.body_text, RESPONSE, message_date=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", _FEE, _DEC14)


def test_this_homes_decline_beside_another_homes_offer_keeps_its_reason() -> None:
    parsed = parsed_reply("Cedar House would have to decline (matching), but Elm Court could "
                          "offer from 14/12 at £4,900 pw.", on=_DEC2,
                          known_service_name="Cedar House")
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == (
        "decline", "matching", None)


@pytest.mark.parametrize(("text", "decision", "fee"), [
    ("We have to decline (matching), but Elm Court could offer from 14/12 at £4,900 pw.",
     "decline", None),
    ("We have to decline (matching). Elm Court could offer from 14/12 at £4,900 pw.",
     "decline", None),
    ("Sorry, Elm Court is full, but Cedar House could offer from 14/12 at £4,900 pw.", "offer",
     _FEE),
    ("Yes, The Cedar House team can offer from 14/12 at £4,900 pw.", "offer", _FEE),
])
def test_another_home_named_as_the_one_that_offers_is_not_this_one(
    text: str, decision: str, fee: Decimal | None,
) -> None:
    parsed = parsed_reply(text, on=_DEC2, known_service_name="Cedar House")
    assert (parsed.decision, parsed.weekly_fee) == (decision, fee)


@pytest.mark.parametrize("text", [
    "Our carers Mr and Mrs Dale could take him from the 4th as requested. Fee £1,050 per week.",
    "Our carers Jo and Sam Dale could take him from the 4th. Fee £1,050 per week.",
])
def test_foster_carers_named_as_the_ones_who_could_take_the_child_are_this_agencys(
    text: str,
) -> None:
    parsed = parsed_reply(text, on=_DEC2, known_service_name="Brightpath Fostering")
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("1050"))


@pytest.mark.parametrize(("text", "reason"), [
    ("Decision: Decline\nDecline reason: no-vacancy / location", "no-vacancy"),
    ("Decision: Decline\nDecline reason: location / matching", "location"),
])
def test_a_decline_reason_naming_two_records_the_first(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_the_reasons_pasted_back_unanswered_are_still_no_answer() -> None:
    parsed = parsed_reply("Decision: Decline\nDecline reason: no-vacancy / cannot-meet-needs / "
                          "location / matching / price / other", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", None)


@pytest.mark.parametrize(("text", "decision", "fee", "start"),
                         _ROUND_SEVENTEEN + _ROUND_EIGHTEEN + _ROUND_NINETEEN + _ROUND_TWENTY
                         + _ROUND_TWENTY_LEFT + _ROUND_TWENTY_ONE + _ROUND_TWENTY_TWO
                         + _ROUND_TWENTY_THREE + _ROUND_TWENTY_FOUR)
def test_rounds_seventeen_to_twenty_four_replies_are_read_as_an_officer_would(
    text: str, decision: str | None, fee: Decimal | None, start: date | None,
) -> None:
    parsed = parsed_reply(text, on=_DEC2, reference=_OURS)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (decision, fee, start)


@pytest.mark.parametrize(("text", "reason"), [
    # round 21
    ("[ ] Offer [ ] Interested [x] Decline – too far", "location"),
    ("☐ Offer\n☐ Interested\n☒ Decline (no vacancy)", "no-vacancy"),
    ("Our registration is for boys only, so we can't take her.", "cannot-meet-needs"),
    ("Sorry we have to declne, no vacncy", "no-vacancy"),
    ("We're registered for ages 8–13 only, sorry.", "cannot-meet-needs"),
    ("We're registered for children aged 8 to 12 only.", "cannot-meet-needs"),
    # round 22
    ("Offer [ ] Interested [ ] Decline [x] – too far from SE15", "location"),
    ("Not us I'm afraid (matching).", "matching"),
    # round 23
    ("Offer ☐ Interested ☐ Decline ☒ (no vacancy)", "no-vacancy"),
    ("Sorry, the bed's gone.", "no-vacancy"),
    ("we're registered for 8-13s only", "cannot-meet-needs"),
    ("We've been unable to identify a suitable match for her.", "matching"),
    ("Her level of need is beyond our registration category, so we must decline.",
     "cannot-meet-needs"),
    # round 24
    ("No can do I'm afraid – we're chocka until February.", "no-vacancy"),
    ("Decision: Decline\nDecline reason: see below\n\nWe have significant matching concerns "
     "with the two girls we have.", "matching"),
    # found after round 24: a fee beside a lower budget, and a bed there is none of
    ("Decision: Decline – budget is £5,000 but our fee would be £5,600", "price"),
    ("Sorry, we must decline: our fee is £5,600 a week and your budget is £5,000.", "price"),
    ("Sorry, we must decline: we have no bed.", "no-vacancy"),
    ("We have no bed for her, sorry.", "no-vacancy"),
])
def test_rounds_twenty_one_to_twenty_four_declines_give_their_reasons(
    text: str, reason: str,
) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_fee_within_the_budget_is_no_reason_to_decline() -> None:
    parsed = parsed_reply("Sorry, we must decline: our fee is £4,600 a week and your budget is "
                          "£5,000.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", None)
    assert "decline_reason" in parsed.missing


@pytest.mark.parametrize(("text", "reason"), [
    ("Unfortunately our home is in Cumbria, about five hours from SE15, so weekly family time "
     "wouldn't be possible. We'll have to decline.", "location"),
    ("We currently have two 16-year-old boys with CSE concerns of their own, and the matching "
     "wouldn't work for a 15-year-old girl, so we must decline.", "matching"),
    ("I'm sorry, we have to decline - her CSE risk and missing episodes are more than our staff "
     "team could safely hold at the moment.", "cannot-meet-needs"),
    ("Sorry we'll have to decline, matching - current group is very settled", "matching"),
    ("We must decline: distance.", "location"),
    ("We'll decline: price.", "price"),
    ("Full I'm afraid.", "no-vacancy"),
    ("Our registration only covers boys aged 8–13, so we'll have to decline.",
     "cannot-meet-needs"),
    ("We're only registered for boys, sorry.", "cannot-meet-needs"),
])
def test_round_seventeen_declines_give_their_reasons(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize("unit", ["four thousand and ", "five hundred, ", "nine-",
                                  "is off ", "sister home can offer ", "Hi,\n", "[PH] £1 ",
                                  "REF-2026-000412: a. ", "(REF-2026-000431) this one; ",
                                  "Offer – ", "we'd like to offer but we need to ",
                                  "£5,000 pw less 5% ", "£1 discounted to £2 ",
                                  "£1 minus our 1% a-b discount = £2. ", "Net fee\t£1 ",
                                  "Weekly fee: £1\nDiscount: 1\n", "431: a\n",
                                  "wrong thread, REF-2026-000412. ",
                                  "can offer from the twenty-first ",
                                  "REF-2026-000412.\nFor this one - ", "£1 (£1 less ",
                                  "Can do 1/1 ", "Less a (1%): -£1\n", "like to offer - 1 - ",
                                  "like to offer 1 1 1 1 ", "like to offer but before ",
                                  "this is for 412 ", "wrong thread. For this referral: ",
                                  "Offer. Weekly fee 1, ", "email saying we are full ",
                                  "@a, @b ", "£1 + £1 = ", "budget is £1 our fee is ",
                                  "our fee is £1,111 budget is ", "This one: a\n",
                                  "start has moved to ",
                                  "fee 1111 ", "Offer 1/1 ", ". Offer at £1 ", "meant for 412 ",
                                  "need a before we can confirm but like to offer ",
                                  "£1. After the a-b discount ", "Net fee: a\n",
                                  "£1. After discount, that's £1 ", "Weekly fee (net): a\n",
                                  "start has been moved to ", "start is now 1 ",
                                  "starting a week on a week on ", "meant to reply to 412 ",
                                  "this should have gone on the 412 ",
                                  "need a first but like to offer ",
                                  "before we can confirm we need a. like to offer ",
                                  "may be may be able to offer ", "Yes, from 1/1 ",
                                  "decline, a a a a ", "1pw 1/1 1pw ",
                                  "£1pw, after discount its ", "in a week in a week on ",
                                  "the 1st of next the 1st of ", "start is now start is now ",
                                  "start would now be ", "frees up frees up on ", "yes 1/1 yes ",
                                  "1/1/1/1/", "this coming this coming ", "the fourteenth the ",
                                  "offer at £1 offer at ", "our offer of £1 ", "- offer at £1 ",
                                  "Offer stands Offer stands ", "we can come down we can ",
                                  "your counter-proposal of ", "can't go as low as ",
                                  "revised offer is revised ", "need a first. ",
                                  "should've gone on the 412 ", "Monday, Monday - ",
                                  "the Monday after the Monday after next ",
                                  "Can offer a week on ", "a—offer at £1 ", "Offer stands (",
                                  "Best we can do is £1 ", "£1 isn't workable ",
                                  "Offer – 1/1, ", "take her take her 1/1 ", "Monday week ",
                                  "have another referral for the ", "£1 pw each (£1 in total) ",
                                  "☐ Offer ", "☐ a\n", "[x] a [ ] b\n",
                                  "We're able to reduce our fee to ", "£1 pw each ",
                                  "£1 per child per ", "1/1 start ", "Monday 1st move-in ",
                                  "she can move in ", "for the older girl we can offer ",
                                  "Older sister: £1 pw\n", "a / b / ", "Offer ☒ ",
                                  "[x] a – b ", "should've replied on the other ",
                                  "Sorry, wrong thread. ", "Elm Court could offer ",
                                  "£1 a week for each ", "Our offer (£1, ", "👍 ",
                                  "Offer for her from ", "Room ready 1/1 ", "£1 – 1/1 – ",
                                  "ofer intrested declne ", "Status: a\n",
                                  "The offer we made on a stands ", "Offer for both, ",
                                  "decline (a) ", "registered for ages 1 ", "a [ ] - ",
                                  "£1–£2 pw depending ", "1/1 at the earliest ", "Girl: £1\n",
                                  "1/1, offer £1 ", "Fee: £1 from 1/1\n", "(a) ",
                                  "Offer both 1/1 ", "Girl (1) - £1\n", "a ( ) ",
                                  "start on 1/1 won't ", "between £1 and ", "set-up fee £1 ",
                                  "1/1 would ", "Offer (a): ", "registered for 1 ",
                                  "Yes from us ", "a [ ] ", "Not interested (x)  ",
                                  "a | b\n", "|-|-\n", "------|", "no bed until no bed ",
                                  "ready for ready for ", "visits from visits ",
                                  "£4,9£4,9", "Decision: Offer £1 ", "decision offer\n",
                                  "a b c\n", "can offer if the if the ", "interested a "])
def test_text_made_to_slow_the_prose_readers_is_read_in_linear_time(unit: str) -> None:
    from tests.growth import LINEAR, growth

    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    # three pairs, not five: dozens of units, and the best of three is still robust
    assert growth(make, lambda text: parsed_reply(text, on=ON), 5_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("written", "fee"), [
    ("Decision: Offer\nFee: £19,800 per invoice period (4 weeks)", Decimal("4950.00")),
    ("Decision: Offer\nFee: £19,800 per 28-day period", Decimal("4950.00")),
    ("We can offer from 14/12. £19,800 per invoice period (4 weeks).", Decimal("4950.00")),
    ("Decision: Offer\nWeekly fee: (PH) £4,850", Decimal("4850.00")),
    ("Decision: Offer\nWeekly fee:\nPH: £4,850", Decimal("4850.00")),
])
def test_round_twelve_fee_shapes(written: str, fee: Decimal) -> None:
    assert parsed_reply(written, on=ON).weekly_fee == fee


def test_a_date_without_a_year_a_few_days_past_is_that_date() -> None:
    on = date(2026, 12, 2)
    assert parsed_reply("We can offer at £4,800 from 30/11.", on=on).available_from == date(
        2026, 11, 30)
    assert parsed_reply("We can offer at £4,800 from 30/12.", on=date(2027, 1, 4)
                        ).available_from == date(2026, 12, 30)


@pytest.mark.parametrize("table", [
    "| | Rosewood Lodge | Elm Court |\n| Decision | Offer | Decline |\n| Weekly fee | £4,900 | |",
])
def test_a_markdown_table_with_a_column_per_home_is_not_mixed(table: str) -> None:
    parsed = parsed_reply(table, on=ON)
    assert parsed.decision is None and parsed.weekly_fee is None


def test_a_decision_with_a_note_beside_it_is_still_read() -> None:
    parsed = parsed_reply("Decision\tOffer\tYes, subject to impact assessment\nWeekly fee\t"
                          "£4,900\nAvailable from\t14/12/2026", on=ON)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("4900.00"))


_OURS = "REF-2026-000431"


@pytest.mark.parametrize(("text", "decision", "fee", "start"), [
    ("Hi,\n\nREF-2026-000412: we can offer from 14/12 at £4,900 pw.\n"
     "REF-2026-000431: sorry, no vacancy for this one.\n\nAisha", "decline", None, None),
    ("For REF-2026-000412 we'd love to offer at £5,100 pw from 7/12. For this one "
     "(REF-2026-000431) we have to decline – we can't meet the CSE risk.", "decline", None, None),
    ("REF-2026-000412 – decline (no vacancy)\nREF-2026-000431 – offer, £4,900 pw from 14/12\n"
     "REF-2026-000433 – decline (matching)", "offer", Decimal("4900"), date(2026, 12, 14)),
    ("REF-2026-000412: offer, £5,100 pw from 7/12.\nREF-2026-000431: interested – please send "
     "the papers.", "interested", None, None),
    ("This one (REF-2026-000431): sorry, no vacancy. Your other one (REF-2026-000412): we can "
     "offer at £5,100 pw from 7/12.", "decline", None, None),
    ("Sorry, wrong thread – this is about REF-2026-000412: we can offer from 7/12 at £5,100 pw.",
     None, None, None),
    ("Sorry, wrong thread – this is about REF-2026-000412. We have to decline, no vacancy.",
     None, None, None),
    ("We can offer from 7/12 at £5,100 pw.\n\n(Sorry – this reply is for REF-2026-000412, I "
     "clicked on the wrong email.)", None, None, None),
    ("Offer £5,100 pw from 7/12\nOops wrong email, this was meant for 412", None, None, None),
    ("Wrong thread sorry - this is for ref 412. Yes we can offer from 7/12 £5100pw", None, None,
     None),
    ("Sorry, I replied on the wrong thread earlier today (that one was for REF-2026-000412). "
     "For this referral: we can offer from 14/12 at £4,900 pw.", "offer", Decimal("4900"),
     date(2026, 12, 14)),
    ("Yes we can offer from 14/12 at £4,900 pw. This is for 431.", "offer", Decimal("4900"),
     date(2026, 12, 14)),
    ("Apologies – meant for ref 412, not this one.\nWe can offer from 7/12 at £5,100 pw.", None,
     None, None),
    ("Wrong thread - meant for 433 sorry. No vacancy.", None, None, None),
    ("412: yes from 7/12, £5,100\n431: interested, need to see EHCP", "interested", None, None),
    ("Ref 431 – offer from 14/12 @ £4,850pw\nRef 412 – decline", "offer", Decimal("4850"),
     date(2026, 12, 14)),
    ("This one: offer, £4,900 pw from 14/12.\nREF-2026-000412: declined, no vacancy.", "offer",
     Decimal("4900"), date(2026, 12, 14)),
    ("For REF-2026-000412: no vacancy.\nFor this young lady: offer, £4,900 from 14/12.",
     "offer", Decimal("4900"), date(2026, 12, 14)),
    # another reference named as context, the answer this referral's (r59 a17)
    ("Further to our call about REF-2026-000412 last week – we can offer this young lady a "
     "place at £4,900 pw from 14/12/2026.", "offer", Decimal("4900"), date(2026, 12, 14)),
    ("As with REF-2026-000412, we can offer at £4,900 pw from 14/12.", "offer",
     Decimal("4900"), date(2026, 12, 14)),
    ("Like we did for REF-2026-000412 we can offer from 14/12 at £4,900 pw.", "offer",
     Decimal("4900"), date(2026, 12, 14)),
    ("Unlike REF-2026-000412, we can offer this one a place from 14/12 at £4,900 pw.", "offer",
     Decimal("4900"), date(2026, 12, 14)),
    # a contrast turning from the other child to an offer: this referral's (r61 a14)
    ("Further to our call about REF-2026-000412, we can't offer for that young man, but we "
     "can offer Maddie a place at £4,900 a week from 14/12/2026.", "offer", Decimal("4900"),
     date(2026, 12, 14)),
    ("Following our conversation about REF-2026-000412 we have no room for him; however, we "
     "can offer at £4,900 pw from 14/12.", "offer", Decimal("4900"), date(2026, 12, 14)),
    # the answer about the other reference stays the other's
    ("REF-2026-000412: we can offer this young lady a place at £5,100 pw from 7/12.", None,
     None, None),
    ("REF-2026-000412: no vacancy now, but we can offer from 4/01/2027 at £5,100 pw.", None,
     None, None),
    ("Further to our call, REF-2026-000412: we can offer at £5,100 pw from 7/12. For this one, "
     "no vacancy.", "decline", None, None),
    # one sentence answering both alike is this referral's too (round 62 t03, t05)
    ("We can offer for both young people (REF-2026-000431 and REF-2026-000412) from "
     "14/12/2026.", "offer", None, date(2026, 12, 14)),
    ("We can offer for both young people (REF-2026-000412 and REF-2026-000431): £4,800 pw "
     "each from 14/12/2026.", "offer", Decimal("4800"), date(2026, 12, 14)),
    ("Neither I'm afraid – we're full (REF-2026-000412, REF-2026-000431).", "decline", None,
     None),
    # (two named in one sentence answered differently stay no one's)
    ("REF-2026-000412 yes, REF-2026-000431 no.", None, None, None),
])
def test_a_reply_to_several_referrals_is_read_for_this_one(text, decision, fee, start) -> None:
    parsed = parsed_reply(text, on=ON, reference=_OURS)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (decision, fee, start)


def test_our_subject_says_which_referral_a_reply_is_on() -> None:
    text = "REF-2026-000412: we can offer from 14/12 at £4,900 pw.\nREF-2026-000431: no vacancy."
    parsed = parsed_reply(text, on=ON, subject=f"RE: Referral {_OURS}: residential, age 15")
    assert parsed.decision == "decline" and parsed.weekly_fee is None


def test_a_reply_naming_only_this_referral_is_read_whole() -> None:
    text = "Re REF-2026-000431 – we can offer at £4,900 pw from 14/12. Kind regards"
    parsed = parsed_reply(text, on=ON, reference=_OURS)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("4900"))


@pytest.mark.parametrize("text", [
    "Offer – £4,900 pw from 14/12.\n\n(Manager: can we take her? — Deputy: no, we're full — "
    "Manager: the bed on the top floor frees up on the 11th.)",
    "Offer – £4,900 pw from 14/12. We were full last week, but a bed has come free.",
    "Hi,\n\nOffer at £4,900 pw from 14/12. (We thought we were full, but a young person moved "
    "on.)",
    "Offer - 4900pw from 14/12\n\n(we were fully booked till Friday)",
    "Offer. £4,900 a week, from 14/12. We were full but have a move-on.",
])
def test_an_opening_offer_is_not_overturned_by_background_about_being_full(text: str) -> None:
    parsed = parsed_reply(text, on=ON)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("4900"), date(2026, 12, 14))


@pytest.mark.parametrize("text", ["Offer – sorry, scratch that, we're full.",
                                  "Offer at £4,900 pw. Actually no, we're full.",
                                  "Offer – sorry, scratch that, bed has just gone."])
def test_an_opening_offer_taken_back_is_still_a_decline(text: str) -> None:
    assert parsed_reply(text, on=ON).decision == "decline"


@pytest.mark.parametrize(("text", "decision"), [
    ("We'd like to offer, but we need to see her EHCP before we can confirm.", "interested"),
    ("We would like to offer at £4,900 pw from 14/12 but need the EHCP first.", "interested"),
    ("We'd love to offer her a place, but we're full.", "decline"),
    ("We'd like to offer a place from 14/12 at £4,900 pw.", "offer"),
    ("We'd like to offer at £4,900 per week from 14/12, however we need sight of her latest "
     "risk assessment before we can confirm.", "interested"),
    ("We'd like to offer at £4,900 per week from 14/12, however we need sight of her latest "
     "risk assessment and the most recent LAC review minutes, and our RI will need to sign "
     "off the impact assessment, before we can confirm.", "interested"),
    ("We would really like to offer her a place from 14/12 at £4,900 pw, but we need to see "
     "the updated EHCP before we can confirm anything.", "interested"),
    ("We'd like to offer, but before we can confirm we'll need to have read the full papers. "
     "If that all goes well, £4,900 pw from 14/12.", "interested"),
    ("We'd love to offer - £4,900 pw from 14/12 - however we'll need to see the full "
     "chronology before our manager can confirm.", "interested"),
    ("We can offer - £4,900 pw from 14/12 - but she would need her own bathroom.", "offer"),
    ("We can offer her a place from 14/12 at £4,900 pw, but we can't do weekend contact.",
     "offer"),
])
def test_a_wish_to_offer_with_a_condition_is_interest(text: str, decision: str) -> None:
    assert parsed_reply(text, on=ON).decision == decision


@pytest.mark.parametrize(("text", "decision"), [
    ("Offer at this stage isn't possible – we'd need to see the full papers first. Happy to "
     "discuss.", "interested"),
    ("We'd like to offer but can only start on 4th January 2027 when our current young person "
     "moves on. Fee £4,600.", "offer"),
])
def test_near_an_opening_offer_or_a_wish_these_keep_their_meaning(text, decision) -> None:
    assert parsed_reply(text, on=ON).decision == decision


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer. Our standard fee is £5,000 per week, with 5% off for the consortium.", None),
    ("We can offer at £5,100 pw less a £200 framework discount.", None),
    ("We can offer at £5,000 per week (£4,750 after the 5% consortium discount).",
     Decimal("4750")),
    ("We can offer at £5,000 pw, discounted to £4,750 for the consortium.", Decimal("4750")),
    ("We can offer with a 5% discount, so £4,750 pw.", Decimal("4750")),
    ("We can offer at £4,900 pw and would consider a discount if she stays a year.",
     Decimal("4900")),
    ("Offer: £5,000 pw, minus our 10% block-contract discount = £4,500 pw.", Decimal("4500")),
    ("We can offer at £5,000 a week. With your framework's 5% discount that's £4,750.",
     Decimal("4750")),
    ("We can offer at £5,000 a week. That's the framework rate.", Decimal("5000")),
    ("Decision: Offer\nWeekly fee: £5,100 less £200 framework discount", None),
    ("Decision\tOffer\nWeekly fee\t£5,000\nDiscount\t5% (consortium)\nNet weekly fee\t£4,750",
     Decimal("4750")),
    ("Decision: Offer\nWeekly fee: £5,000\nDiscount: 5% (consortium)", None),
    ("Decision: Offer\nWeekly fee: £5,000\nDiscount: None", Decimal("5000")),
    ("We can offer from 14/12 at £4,655 pw (£4,900 less our 5% block discount).",
     Decimal("4655")),
    ("Offer: £4,655 pw net (£4,900 gross, 5% discount), from 14/12", Decimal("4655")),
    ("Offer. £4,750 pw (our usual £5,000, less the 5% consortium discount) from 14/12",
     Decimal("4750")),
    ("Offer: £4,500 per week net (gross £5,000, minus 10% framework discount)", Decimal("4500")),
    ("We can offer from 14/12 at £4,900 pw (less our 5% block discount).", None),
    ("Offer from 14/12.\nGross weekly fee: £5,000\nLess consortium discount (5%): -£250\n"
     "Net weekly fee: £4,750", Decimal("4750")),
    ("Offer from 14/12.\nGross weekly fee: £5,000\nNet weekly fee: £4,750", Decimal("4750")),
    ("Offer from 14/12.\nWeekly fee: £5,000\nLess consortium discount (5%): -£250", None),
    ("We can offer from 14/12. Our fee is £5,000 pw. After the consortium-agreed discount "
     "(5%), that's £4,750 pw.", Decimal("4750")),
    ("We can offer from 14/12 at £5,000 pw - that's £4,750 after discount.", Decimal("4750")),
])
def test_a_discounted_fee_is_the_net_one_or_asked(text: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=ON)
    assert parsed.decision == "offer" and parsed.weekly_fee == fee
    assert (fee is None) == ("weekly_fee" in parsed.missing)


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer. Our rates:\nSolo placement | £6,500 per week\nShared (2-bed home) | "
     "£4,900 per week", None),
    ("We can offer: solo £6,500 pw or shared £4,900 pw.", None),
    ("We can offer a solo placement at £6,500 pw.", Decimal("6500")),
    ("We can offer at £4,900 pw in a shared home; 2:1 is extra at £800 pw.", Decimal("4900")),
    ("We can offer from 14/12: 1-bed (solo) £6,500 pw; 2-bed (with one other girl) £4,900 pw.",
     None),
])
def test_rates_for_a_solo_and_a_shared_place_are_asked(text: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=ON)
    assert parsed.weekly_fee == fee and (fee is None) == ("weekly_fee" in parsed.missing)
