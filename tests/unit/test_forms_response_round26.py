"""Replies as round 26's outside tester wrote them: negotiation and shorthand, officers writing
in a second language, plain declines, a fee in parts, a date after a transition, old-fashioned
dates, and replies that only ask whether the placement is still needed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("We can't go down to £4,600 I'm afraid – our lowest would be £4,850. If that's agreeable "
     "we can still take her from 14/12.", Decimal(4850), _DEC14),
    ("Following our call – we've agreed £4,900 pw including education, start date Monday 21st. "
     "Can you confirm the LA is happy to proceed?", Decimal(4900), _DEC21),
    ("👍 from 14/12 @ 4900", Decimal(4900), _DEC14),
    ("Provisionally yes – pending RM sign-off tomorrow. £4,850, 14/12.", Decimal(4850), _DEC14),
    ("We are able to offer a placement commencing 14th inst. at a weekly fee of £4,900.",
     Decimal(4900), _DEC14),
    ("Offer confirmed for 11/12, fee as previously quoted.", None, date(2026, 12, 11)),
    ("Happy to offer – £4,850 pw – three-day transition starting Wed 9th, moving in Sat 12th.",
     Decimal(4850), date(2026, 12, 12)),
    ("Kindly note we are in a position to offer the placement w.e.f. 14/12/2026 at the rate of "
     "£4,900/- per week.", Decimal(4900), _DEC14),
    ("Hello, we can to offer from Monday 21/12 with cost 4950 £ per week.", Decimal(4950),
     _DEC21),
])
def test_offers_in_negotiation_shorthand_or_a_second_language_are_read(
    text: str, fee: Decimal | None, start: date,
) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize(("text", "reason"), [
    ("Manager says no, sorry.", None),
    ("She'd be much older than our current group (all under 11), so we don't think it would "
     "work.", "matching"),
    ("Sorry – all our beds are for boys at the moment.", "no-vacancy"),
    ("Too dear for you I'm afraid – we'd be £6k+ for this level of need.", "price"),
    ("Thank you, we'll pass.", None),
    ("Unfortunately we are not able to accept this referral because we not have free bed in "
     "this moment.", "no-vacancy"),
    ("Unfortunately we must to refuse, the distance is too big for the contact with mother.",
     "location"),
])
def test_plain_declines_are_read(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_note_that_the_fee_has_changed_is_not_a_price_decline() -> None:
    parsed = parsed_reply("Further to my email below, our fee is now £4,800 (everything else "
                          "unchanged).", on=_DEC2)
    assert parsed.decision != "decline"
    assert parsed.decline_reason is None


def test_a_pass_of_the_papers_is_no_decline() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,900 pw - we'll pass the papers to our "
                          "manager today.", on=_DEC2)
    assert parsed.decision == "offer"


def test_a_bed_offered_with_the_question_whether_she_is_still_needed_is_interest() -> None:
    parsed = parsed_reply("Is the placement still needed? We have a bed coming up from the "
                          "14th.", on=_DEC2)
    assert parsed.decision == "interested"


def test_a_possible_match_the_home_would_confirm_after_the_papers_is_interest() -> None:
    parsed = parsed_reply("We have a possible match with carers in ZZ97 – we'd like to see the "
                          "full papers before we confirm. Their fee would be £1,150 pw and they "
                          "could take her from 11/12.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "interested", Decimal(1150), date(2026, 12, 11))


@pytest.mark.parametrize(("written", "fee"), [
    ("£4,900 base + solo uplift £600 pw", None),
    ("£4,850 pw + £35 per hour for any 2:1 hours", Decimal(4850)),
    ("£4,850 + £1,200 pw education if she can't attend mainstream", Decimal(4850)),
    ("£4,200 pw care + £700 pw education = £4,900 pw", Decimal(4900)),
    ("£4,200 + £700 = £4,900", Decimal(4900)),
])
def test_a_form_fee_in_parts_is_its_total_or_asked(written: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(f"Decision: Offer\nWeekly fee: {written}\nAvailable from: 14/12/2026",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", fee)


def test_a_figure_after_a_spaced_digit_is_not_a_fee_of_its_own() -> None:
    parsed = parsed_reply("We are have place for this girl from 14 December, cost is 4 850 "
                          "pound for week.", on=_DEC2)
    assert parsed.weekly_fee != Decimal(850)


@pytest.mark.parametrize("unit", ["we'll pass ", "1 inst ", "£1 + a £1 ", "£1 base + £1 pw ",
                                  "w.e.f. ", "offer confirmed for ", "👍 1 ", "1 1 pound ",
                                  "like to see a before we confirm ", "is she still needed ",
                                  "fee is now £1 from ", "start has moved to "])
def test_text_made_to_slow_the_round_26_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_a_fee_for_later_on_does_not_amend_the_fee_now() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,950\nAvailable from: 14/12/2026\n\n"
                          "Our fee has gone up to £5,000 from April.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4950)


@pytest.mark.parametrize(("text", "fee"), [
    ("We are have place for this girl from 14 December, cost is 4 850 pound for week.",
     Decimal(4850)),
    ("Hello, we can to offer from Monday 21.12 with cost 4.950 £ per week. Regards",
     Decimal(4950)),
    ("We can offer from 21.12, 4.850 pounds a week.", Decimal(4850)),
])
def test_thousands_by_a_space_or_a_dot_before_the_pounds_are_one_fee(text: str,
                                                                    fee: Decimal) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", fee)


@pytest.mark.parametrize("unit", ["1.111 ", "1 111 ", "1.111.", "1.111 £ 1.111 "])
def test_thousands_by_dots_or_spaces_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
