"""Replies as round 42's outside tester wrote them: an offer of terms in other words ("Could
do Mon 4th Jan at £4,700 pw"), a weekday counted from a feast ("the first Monday after
Christmas") and a signature's banner under the writer's name ("Next vacancy: 21/12/2026")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(("text", "fee", "day"), [
    ("Yes please \u2013 though not until the new year, we're full till then. Could do Mon 4th "
     "Jan at £4,700 pw.", Decimal(4700), date(2027, 1, 4)),
    ("We could do the 14th at £4,850 pw.", Decimal(4850), date(2026, 12, 14)),
    ("We'd do 14/12 at £4,800 pw.", Decimal(4800), date(2026, 12, 14)),
])
def test_could_do_a_day_at_a_fee_is_an_offer(text: str, fee: Decimal, day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, day)


@pytest.mark.parametrize(("text", "decision"), [
    ("We can do weekends.", None),
    ("We can't offer until we've met her, but could do £4,900 pw from 14/12 if that goes "
     "well.", None),
    ("We're interested but can't meet the 1 December start - we could do from the 14th.",
     "interested"),
])
def test_can_do_without_a_fee_or_on_a_condition_is_no_offer(text: str,
                                                             decision: str | None) -> None:
    assert parsed_reply(text, on=_DEC2).decision == decision


@pytest.mark.parametrize("text", [
    "Offer from the first Monday after Christmas, £4,875pw.",
    "Offer from the 1st Monday after Christmas, £4,875pw.",
    "Offer from the first Monday, £4,875pw.",
])
def test_a_weekday_counted_is_no_day_of_the_month(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", None)
    assert "available_from" in parsed.missing


def test_the_second_monday_of_january_is_read() -> None:
    parsed = parsed_reply("Offer from the second Monday of January, £4,875pw.", on=_DEC2)
    assert parsed.available_from == date(2027, 1, 11)


def test_a_signatures_banner_gives_no_terms() -> None:
    parsed = parsed_reply("Interested \u2013 please send the papers.\n\nRachel Amadi\nDeputy "
                          "Manager, Osier Cottage\nNext vacancy: 21/12/2026 | Fees from "
                          "£4,600pw", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "interested", None, None)


@pytest.mark.parametrize("unit", [
    "could do ", "can do the 1", "we'd do mon ", "can do 1/1 ", "can do 1st 1k ",
    "could do mon. 1", "the 1st mon ",
    "Rachel Amadi\n", "Next vacancy: ",
])
def test_text_made_to_slow_the_round_42_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["Rachel Amadi\n", "Tel: 1\n", "a b c:\n"])
def test_a_signature_made_to_slow_the_round_42_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(
        f"Interested.\n\nRachel Amadi\n{text}", on=_DEC2), 5_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "reason"), [
    ("Thanks \u2013 yes we've read it, no bed I'm afraid", "no-vacancy"),
    ("Happy to help where we can \u2013 but honestly, not this one. Our two current girls have "
     "very similar CSE histories and it wouldn't be a safe mix.", "matching"),
    ("Please take us off this one.", None),
    ("We're 2.5 hrs away, so no unfortunately.", "location"),
    ("Nope, sorry \u2013 matching issues with our lads.", "matching"),
])
def test_a_decline_in_other_words_gives_its_reason(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "fee"), [
    ("Can offer, p/w 4,990, available 10/12", Decimal(4990)),
    ("Offer from the 14th at 4.9K weekly.", Decimal(4900)),
    ("- Offer\n- £4,720/wk\n- from Mon 14th", Decimal(4720)),
])
def test_a_fee_written_in_other_ways_is_read(text: str, fee: Decimal) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", fee)


@pytest.mark.parametrize("text", [
    "We can offer her a place from Monday 14 December 2026, weekly fee £4,850.",
    "We can offer her a place from Monday 14 December 2026 weekly fee £4,850.",
])
def test_a_year_before_weekly_is_no_fee(text: str) -> None:
    assert parsed_reply(text, on=_DEC2).weekly_fee == Decimal(4850)


def test_a_minus_after_a_label_is_still_a_discount() -> None:
    parsed = parsed_reply("Offer from 14/12.\nWeekly fee: £5,100\nDiscount: - £250", on=_DEC2)
    assert parsed.weekly_fee != Decimal(250)


@pytest.mark.parametrize("unit", ["p/w 1,", "1.1k weekly ", "2026, weekly ", "1,1,1 weekly ",
                                  "- - - £1 ", "-\n- £1/wk "])
def test_a_fee_made_to_slow_the_round_42_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


_TWO_HOMES = ("Hi Northby,\n\nGorse Lodge \u2013 yes, from Mon 21st, £4,980 pw.\nTamarisk House "
              "\u2013 no (matching, two older boys there now).\n\nLydia\nHeathland Care\n")


def test_each_home_on_its_own_line_answers_its_own_thread() -> None:
    gorse = parsed_reply(_TWO_HOMES, on=_DEC2, known_service_name="Gorse Lodge")
    tamarisk = parsed_reply(_TWO_HOMES, on=_DEC2, known_service_name="Tamarisk House")
    assert (gorse.decision, gorse.weekly_fee, gorse.available_from) == (
        "offer", Decimal(4980), date(2026, 12, 21))
    assert (tamarisk.decision, tamarisk.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("unit", ["yes, from mon 1", "no (a) ", "yes from mon. the 1st "])
def test_a_short_answer_made_to_slow_the_round_42_rules_is_read_in_linear_time(
        unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "day"), [
    ("We're holding a bed for her \u2013 from 10/12 if you want it. Fee as per the framework "
     "rate card.", date(2026, 12, 10)),
    ("Hi,\n\nNo change from our last reply \u2013 still an offer on the same terms.\n\nHarriet",
     None),
])
def test_a_bed_held_or_an_offer_still_made_is_an_offer_with_its_terms_asked(
        text: str, day: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, day)
    assert "weekly_fee" in parsed.missing
