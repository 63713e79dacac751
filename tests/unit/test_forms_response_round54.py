"""Replies as round 54's outside tester wrote them: declines said plainly (the children the
home does not take, a child it cannot keep safe, "not be in a position to offer", a fee
above what councils pay), and a guess that promises its answer later. (Its hard-wrapped
replies are in test_forms_hard_wraps.py.)"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize("text", [
    "Thanks for sending this through. Sadly we don\u2019t take young people who go missing "
    "regularly - our home is in a rural spot and we can\u2019t keep her safe.\n\nJo\n",
    "We don't accept referrals for young people with a history of going missing, so this one "
    "isn't for us.\n\nPriya\n",
    "We do not admit children who are at risk of CSE.\n",
    "Unfortunately we are unable to consider young people with a history of fire setting.\n",
    "We can't work with girls who self-harm at this level.\n",
    "Our home is right by the station and we can't keep him safe.\n",
    "We wouldn't be able to keep her safe.\n",
    "We can't manage her risks.\n",
    "We would not be in a position to meet her needs.\n",
])
def test_the_children_a_home_does_not_take_are_a_decline_on_needs(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


@pytest.mark.parametrize("text", [
    # the safety of the others is matching, as before
    "We don't feel we could keep her safe alongside the young people already living here.\n",
    "We can't keep her safe alongside the two girls we have now.\n",
])
def test_a_child_not_safe_beside_the_others_is_still_matching(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("text", [
    "We don't usually accept young people with a CSE history, but having read the referral we "
    "can offer from 14/12 at \u00a34,800 pw.\n",
    "We do take young people who go missing - we can offer from 14/12 at \u00a34,800 pw.\n",
    "We can't take young people until January but could offer from 4 January at \u00a34,800 "
    "pw.\n",
])
def test_an_offer_beside_the_children_a_home_takes_is_an_offer(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == "offer"


@pytest.mark.parametrize(("text", "decision"), [
    ("We don't take young people who are under 11, so she's fine on age. Interested - please "
     "send the full papers.\n", "interested"),
    ("We never take young people with a history of arson. Nothing in this referral suggests "
     "that, so we're interested.\n", "interested"),
    ("We don't take young people who are placed more than an hour from home, but SE15 is 40 "
     "minutes from us so that's fine. Interested - please send the papers.\n", "interested"),
    ("We can't take young people who are in the youth justice system, but as she isn't, we're "
     "interested.\n", "interested"),
    ("We don't accept girls who are pregnant; since she isn't, we'd be happy to look at the "
     "full papers and are interested.\n", "interested"),
    # a condition or a question: no answer yet
    ("We won't be able to work with girls who self-harm unless there is a CAMHS plan in place "
     "- is there one?\n", None),
    ("We do take young people who self-harm, but we don't take young people who are at risk of "
     "CSE. The referral mentions going missing overnight - could you tell us whether there are "
     "any CSE concerns before we decide?\n", None),
])
def test_a_policy_that_does_not_apply_to_this_child_is_no_decline(
        text: str, decision: str | None) -> None:
    """The children a home does not take decline this child only when said of her: not when
    what follows says she is not one of them, sets a condition, asks the council, or says
    interest (round 55's n03, n05, n06, n19, n20, n21 were read as declines on needs)."""
    assert reply_read_as_mail(text, on=_DEC7).decision == decision


@pytest.mark.parametrize("text", [
    "Hi Sam,\n\nHaving reviewed the referral with the team we would not be in a position to "
    "offer her a placement at this time.\n",
    "We're not currently in a position to take her.\n",
    "We won't be in a position to progress this one.\n",
    "We are not currently able to offer.\n",
])
def test_not_in_a_position_to_offer_is_a_decline(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", None)


@pytest.mark.parametrize("text", [
    "We would not be in a position to offer until the 21st - would that work? If so, offer at "
    "\u00a34,850 pw from 21/12.\n",
    "We're not in a position to take her until the 21st. If so, offer from 21/12 at \u00a34,850 "
    "pw - does that work?\n",
    "We can't offer until the 21st - would that work? If yes, offer at \u00a34,850 pw from "
    "21/12.\n",
])
def test_not_in_a_position_to_offer_until_a_day_is_a_later_start(text: str) -> None:
    """"Not … until <day>" is a later start, and the offer on the council's yes stands (round
    55's n22 was read as a decline)."""
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4850, date(2026, 12, 21))


def test_not_in_a_position_to_offer_until_a_day_alone_is_no_vacancy_until_then() -> None:
    parsed = reply_read_as_mail("We would not be in a position to offer until January.\n",
                                on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("text", [
    "Hello,\n\nOur fee for this level of need would be \u00a36,400 per week, which is well "
    "above what councils usually have for this, so we will have to decline.\n",
    "Sorry, we must decline - our fee would be more than most local authorities pay.\n",
    "We'll have to decline; at \u00a37,000 a week we are above the usual rate.\n",
])
def test_a_decline_beside_a_fee_above_what_councils_pay_is_on_price(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "price")


def test_a_fee_above_what_councils_pay_beside_an_offer_is_still_an_offer() -> None:
    parsed = reply_read_as_mail(
        "Our fee would be \u00a36,400 per week, which is above what councils usually pay, but "
        "we can offer from 14/12.\n", on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.decline_reason) == (
        "offer", 6400, None)


@pytest.mark.parametrize("text", [
    "Possibly \u2013 I need to check with our RM tomorrow and will come back to you.\n\nTom\n",
    "Maybe - it depends on the outcome of our matching meeting on Wednesday. I'll let you "
    "know straight after.\n\nTom\n",
    "Potentially, need to run it past the manager first.\n",
    "Perhaps. Waiting on our RM, will get back to you by Friday.\n",
    "Maybe.\n\nI'll confirm after our team meeting.\n",
    # the place itself a guess, its day with it (round 55's w16)
    "Possibly\nWe may have a bed from 21/12 but I need to check with our RM tomorrow and will "
    "come back to you\n\nJo\n",
    "Maybe - we might be able to offer from 4 January, I'll let you know on Friday.\n",
])
def test_a_guess_that_promises_its_answer_later_is_no_answer_yet(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert parsed.decision is None
    assert parsed.missing == ["decision"]


@pytest.mark.parametrize("text", [
    "Maybe.\n",
    "Possibly!\n\nTom\n",
    "Maybe, could you send the full papers?\n",
])
def test_a_guess_alone_or_asking_for_the_papers_is_still_interest(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == "interested"


def test_a_guess_with_its_terms_is_still_interest_with_them() -> None:
    parsed = reply_read_as_mail("Possibly - \u00a34,900 pw from 14/12, I'll confirm tomorrow.\n",
                                on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "interested", 4900, date(2026, 12, 14))


@pytest.mark.parametrize(("text", "reason"), [
    ("Not in a position to offer - she'd be the only girl with four boys.\n", "matching"),
    ("We'd have to decline - the fee isn't the issue (our \u00a34,850 pw is well within what "
     "councils usually pay), it's the matching with our current group.\n", "matching"),
    ("We would not be in a position to offer as the fee we'd need (\u00a36,800 pw) is well over "
     "your framework ceiling.\n", "price"),
])
def test_round_55s_plain_declines_carry_their_reason(text: str, reason: str) -> None:
    """Round 55's d02, d03, n24: each reason was asked for."""
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)
