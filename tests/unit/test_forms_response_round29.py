"""Replies as round 29's outside tester wrote them: a P.S. that takes the answer back or moves
the start, the council's own figures restated beside the home's, fees by the day or in parts,
"a week today", a central team answering for one of its homes, and short numbered answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC4 = date(2026, 12, 4)  # a Friday
_DEC7, _DEC9, _DEC14, _DEC21 = (date(2026, 12, day) for day in (7, 9, 14, 21))


@pytest.mark.parametrize(("text", "reason"), [
    ("We can offer from Monday 14th at £4,850 pw.\n\nMegan\n\nP.S. Actually, on reflection, no "
     "- I've just heard the bed has gone to an internal move. Sorry!", "no-vacancy"),
    ("We'd love to have her - £4,900 pw from 14/12.\n\nKieran\n\nPPS Manager has just said no "
     "on reflection - the match with our current lad isn't right. Sorry.", None),
])
def test_a_postscript_that_takes_the_offer_back_is_a_decline(text: str,
                                                            reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None, None)
    assert parsed.decline_reason == reason


@pytest.mark.parametrize("text", [
    "We can offer from 14/12 at £4,800. Actually no problem if she needs to come sooner.",
    "Our manager said no to the 7th but we can offer from 14/12 at £4,800 pw.",
])
def test_a_no_that_takes_nothing_back_leaves_the_offer(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4800), _DEC14)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Offer - £4,800 pw from 14/12.\n\nTom\n\nPS - manager says the 21st rather than the 14th, "
     "sorry.", Decimal(4800), _DEC21),
    ("We can offer from 14/12 rather than the 7th, at £4,800 pw.", Decimal(4800), _DEC14),
    ("Offer from 14/12. Weekly fee: £4,900 → £4,750 (revised after our call)", Decimal(4750),
     _DEC14),
    ("Offer from 14/12. Weekly fee: £4,900 -> £4,750", Decimal(4750), _DEC14),
])
def test_a_value_set_against_the_one_it_replaces_is_the_new_one(text: str, fee: Decimal,
                                                                start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("You've asked for a start on 7 December. We can't manage the 7th but can offer from Monday "
     "14th at £4,900 pw.", Decimal(4900), _DEC14),
    ("The £5,000 you've quoted is fine for us - we're at £4,650 pw for this level of need. Happy "
     "to offer from 14/12.", Decimal(4650), _DEC14),
    ("Against your weekly budget of £5,000 we'd be at £5,450 pw, so over. If the authority can "
     "find the difference we could offer from 21/12.", Decimal(5450), _DEC21),
])
def test_the_councils_own_figures_restated_are_not_the_homes(text: str, fee: Decimal,
                                                             start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.weekly_fee, parsed.available_from) == (fee, start)


@pytest.mark.parametrize(("text", "fee"), [
    ("Our daily rate for her would be £710, and we can offer from Monday 21st.", Decimal(4970)),
    ("We can offer from Monday 21st at £4,300 a week, plus education at £650 a week.", None),
    ("We can offer from Monday 21st at £4,300 a week, plus education at £650 a week, so £4,950 "
     "a week in total.", Decimal(4950)),
    ("We can offer from Monday 21st at £4,800 pw plus £650 pw education = £5,450 pw.",
     Decimal(5450)),
    ("We can offer from Monday 21st at £4,800 pw, plus 1:1 at £26 an hour.", Decimal(4800)),
])
def test_a_fee_by_the_day_or_in_weekly_parts(text: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, _DEC21)


@pytest.mark.parametrize(("text", "on", "start"), [
    ("We can offer from a week today at £4,900 pw.", _DEC2, _DEC9),
    ("Offer - £4,800 pw - she could move in Monday coming.", _DEC4, _DEC7),
])
def test_days_said_from_the_day_of_the_reply(text: str, on: date, start: date) -> None:
    assert parsed_reply(text, on=on).available_from == start


def test_a_disclaimers_price_list_gives_no_start() -> None:
    parsed = parsed_reply("We can offer.\n\nSian\n\nIMPORTANT: Any offer of a placement made by "
                          "email is subject to contract. Our standard weekly fee from 1 January "
                          "2027 is £4,600 for a shared placement and £6,200 for a solo "
                          "placement.", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", None)


@pytest.mark.parametrize(("text", "home"), [
    ("Of our three homes only Larch Hall has a bed at the moment - it could offer from 14/12 at "
     "£4,900 pw. Birchwood and Alder View are both full.", "Birchwood House"),
    ("Sorry - none of our homes can take her. Larch Hall and Alder View are full and Birchwood "
     "House can't meet the CSE risk.", "Larch Hall"),
])
def test_a_central_team_answering_for_its_homes_gives_this_home_its_own_answer(
    text: str, home: str,
) -> None:
    parsed = parsed_reply(text, on=_DEC2, known_service_name=home)
    assert (parsed.decision, parsed.weekly_fee, parsed.decline_reason) == (
        "decline", None, "no-vacancy")


@pytest.mark.parametrize(("text", "reason"), [
    ("Thanks. She needs a place by 07/12/2026 and we don't have one until 04/01/2027, so we'll "
     "have to decline.", "no-vacancy"),
    ("We'll have to decline - matching: our current young people are all much older (16 and "
     "17).", "matching"),
    ("Thank you, but she'd be the youngest in the house by four years, so we don't think we're "
     "the right home for her.", "matching"),
])
def test_declines_in_the_officers_own_words(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("1) Yes 2) £4,800 3) 14 Dec", Decimal(4800), None),
    ("Yes / £4,800 / 14.12", Decimal(4800), _DEC14),
    ("Offer for both siblings from 21/12. Weekly fee: £9,100 pw for both (£4,550 each).",
     Decimal(9100), _DEC21),
])
def test_short_answers_numbered_or_for_both_siblings_are_offers(text: str, fee: Decimal,
                                                                start: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize("unit", ["on reflection, no ", "manager has just said no ",
                                  "£4,900 → ", "the 21st rather than ", "you've quoted ",
                                  "asked for a ", "daily rate for her would be ",
                                  "£4,300 a week, plus education at ", "a week today ",
                                  "fee from ", "Ab Cd has a bed ", "none of our ",
                                  "dont have one until ", "1) Yes 2) ", "we'd be at "])
def test_text_made_to_slow_the_round_29_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer from 14/12. Our fee is £4,150 pw plus VAT, so £4,980 pw in total.",
     Decimal(4980)),
    # a second figure smaller than the first is no sum of them: asked
    ("We can offer from 14/12 at £4,150 pw + £400 pw in total.", None),
])
def test_a_weekly_part_whose_own_figure_is_the_total_gives_the_total(
        text: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, _DEC14)
