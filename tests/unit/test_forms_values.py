"""Typed values: UK dates, weekly money, NHS numbers and UK postcodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms import (
    is_valid_nhs_number,
    normalise_postcode,
    outward_code,
    parse_money_weekly,
    parse_uk_date,
)
from broker.forms.values import is_possible_postcode

FRIDAY_20_NOV_2026 = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/12/2026", date(2026, 12, 1)),
        ("1/12/26", date(2026, 12, 1)),
        ("1 Dec 2026", date(2026, 12, 1)),
        ("1st December 2026", date(2026, 12, 1)),
        ("December 1st 2026", date(2026, 12, 1)),
        ("December 1st, 2026", date(2026, 12, 1)),
        ("2026-12-01", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        ("01-12-2026", date(2026, 12, 1)),
        ("01 / 12 / 2026", date(2026, 12, 1)),
        ("Tuesday 1 December 2026", date(2026, 12, 1)),
        ("14th of March 2012", date(2012, 3, 14)),
        ("14/03/99", date(1999, 3, 14)),
        ("from 7th Dec 2026 (Monday)", date(2026, 12, 7)),
        ("09-May-2011", date(2011, 5, 9)),  # as case-management systems export them
        ("9-May-11", date(2011, 5, 9)),
        ("09/May/2011", date(2011, 5, 9)),
        ("14th December 2026 (the young person there moves on 10/12)", date(2026, 12, 14)),
        # No year: the next such date on or after the message's date.
        ("01/12", date(2026, 12, 1)),
        ("1 December", date(2026, 12, 1)),
        ("20 November", date(2026, 11, 20)),
        # 60 days back at most is just past ("from 19/11" on the 20th, "22 Oct" in
        # November: never the same day eleven months on); further, next year.
        ("19 November", date(2026, 11, 19)),
        ("13 November", date(2026, 11, 13)),
        ("12 November", date(2026, 11, 12)),
        ("22 Oct", date(2026, 10, 22)),
        ("21/09", date(2026, 9, 21)),
        ("20/09", date(2027, 9, 20)),
        ("29/02", date(2028, 2, 29)),
        # Words resolve against the message's date.
        ("today", FRIDAY_20_NOV_2026),
        ("Tomorrow", date(2026, 11, 21)),
        ("ASAP", FRIDAY_20_NOV_2026),
        ("a.s.a.p.", FRIDAY_20_NOV_2026),
        ("Immediately", FRIDAY_20_NOV_2026),
        ("now", FRIDAY_20_NOV_2026),
        ("As soon as possible please", FRIDAY_20_NOV_2026),
        ("Monday", date(2026, 11, 23)),
        ("Friday", date(2026, 11, 27)),  # named on that day: next week's, not "today"
        ("on Saturday", date(2026, 11, 21)),
        ("ASAP, no later than 30/11", FRIDAY_20_NOV_2026),  # needed now, the rest a limit
        ("Tomorrow (Sat 21/11)", date(2026, 11, 21)),
    ],
)
def test_uk_dates(text, expected) -> None:
    assert parse_uk_date(text, FRIDAY_20_NOV_2026) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2012", "'31/02/2012' is not a real date"),
        ("12/31/2026", "UK dates put the day first"),
        ("30 February", "not a real date"),
        ("soon", "'soon' is not a date we can read"),
        ("3-4 weeks", "not a date we can read"),
        ("", "not a date we can read"),
        ("Dec 2026", "not a date we can read"),
    ],
)
def test_unreadable_dates_say_why(text, says) -> None:
    with pytest.raises(ValueError, match=says) as raised:
        parse_uk_date(text, FRIDAY_20_NOV_2026)
    assert "e.g. 01/12/2026" in str(raised.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("7th-14th Dec", date(2026, 12, 7)),  # a range of days starts on its first
    ("7 to 14 December", date(2026, 12, 7)),
    ("Monday 23rd", date(2026, 11, 23)),  # the weekday falls on the day this month
    ("Monday 4th", date(2027, 1, 4)),  # … or next month
    ("Tuesday 24th", date(2026, 11, 24)),
    ("Monday 24th", date(2026, 11, 24)),  # a slip: no Monday the 24th this month or next
])
def test_days_of_the_month_as_providers_write_them(text: str, expected: date) -> None:
    assert parse_uk_date(text, FRIDAY_20_NOV_2026) == expected


@pytest.mark.parametrize(("text", "expected"), [  # from Friday 20 November 2026
    ("Monday week", date(2026, 11, 30)),  # a week on from the coming Monday
    ("Wednesday next week", date(2026, 11, 25)),
    ("next week", date(2026, 11, 23)),
    ("in a fortnight", date(2026, 12, 4)),
    ("in 10 days", date(2026, 11, 30)),
    ("Christmas Eve", date(2026, 12, 24)),
    ("Boxing Day", date(2026, 12, 26)),
    ("New Year's Day", date(2027, 1, 1)),
    ("the fourteenth of December", date(2026, 12, 14)),
    ("the twenty-first of December", date(2026, 12, 21)),
    ("this afternoon", date(2026, 11, 20)),
    ("this Friday (27th)", date(2026, 11, 27)),
    ("28.12", date(2026, 12, 28)),
    ("Monday week commencing 14/12/2026", date(2026, 12, 14)),  # w/c: the date decides
])
def test_dates_as_people_say_them(text: str, expected: date) -> None:
    assert parse_uk_date(text, FRIDAY_20_NOV_2026) == expected


MONDAY_7_DEC_2026 = date(2026, 12, 7)


@pytest.mark.parametrize(("text", "expected"), [  # from Monday 7 December 2026
    ("next Wednesday", date(2026, 12, 16)),  # the Wednesday of next week, not the 9th
    ("from next Monday", date(2026, 12, 14)),
    ("next Friday 11th", date(2026, 12, 11)),  # the day of the month given decides
    ("Wednesday", date(2026, 12, 9)),
    ("this coming Wednesday", date(2026, 12, 9)),
    ("the Monday after next", date(2026, 12, 21)),
    ("next Monday week", date(2026, 12, 21)),
])
def test_next_and_a_weekday_is_that_day_of_next_week(text: str, expected: date) -> None:
    assert parse_uk_date(text, MONDAY_7_DEC_2026) == expected


def test_next_and_a_weekday_said_at_the_weekend_is_the_coming_one() -> None:
    assert parse_uk_date("next Wednesday", date(2026, 12, 13)) == date(2026, 12, 16)


@pytest.mark.parametrize("text", ["after Christmas", "after Boxing Day", "from the new year"])
def test_a_time_that_names_no_day_is_asked_for(text: str) -> None:
    with pytest.raises(ValueError, match="not a date we can read"):
        parse_uk_date(text, FRIDAY_20_NOV_2026)


def test_a_date_of_birth_needs_its_year() -> None:
    with pytest.raises(ValueError, match="has no year"):
        parse_uk_date("14/03", FRIDAY_20_NOV_2026, year_required=True)
    assert parse_uk_date("14/03/2012", FRIDAY_20_NOV_2026, year_required=True) == date(2012, 3, 14)


@pytest.mark.parametrize(
    ("text", "weekly"),
    [
        ("£4,250", "4250.00"),
        ("4250.00", "4250.00"),
        ("£4.25k", "4250.00"),
        ("£4.25K per week", "4250.00"),
        ("4,250 per week", "4250.00"),
        ("£4,250 pw", "4250.00"),
        ("£4,250 p/w", "4250.00"),
        ("£4,250 weekly", "4250.00"),
        ("£650 per day", "4550.00"),
        ("£650 a night", "4550.00"),
        ("£221,000 per annum", "4250.00"),
        ("£221,000 per year", "4250.00"),
        ("£221,000 pa", "4250.00"),
        ("£221,000 p.a.", "4250.00"),
        ("£100,000 per annum", "1923.08"),
        ("£18,000 per month", "4153.85"),
        ("£4,250 per week (£607.14 per day)", "4250.00"),
        ("per week: £3,900", "3900.00"),
        ("1:1 staffing included, £4,250", "4250.00"),
        ("£ 5,000.50", "5000.50"),
        ("£ 4 950", "4950.00"),  # thousands grouped by a space, after a £
        ("£4 950 per week", "4950.00"),
        ("£4.850", "4850.00"),  # thousands by a dot, as European keyboards write them
        ("£20,000 per 4 weeks", "5000.00"),  # as many providers invoice
        ("£20,000 every four weeks", "5000.00"),
        ("£20,000 4-weekly", "5000.00"),
        ("£20,000 per 28 days", "5000.00"),
        ("£4,850 per week, invoiced every 4 weeks", "4850.00"),
        ("£21,000 p/m", "4846.15"),
        ("£21,000 pm", "4846.15"),
        ("£21,000 per mth", "4846.15"),
        ("was £5,200 now £4,900", "4900.00"),  # a figure revised gives way to the new one
        ("£5,200 reduced to £4,900 per week", "4900.00"),
        ("£5,200 - sorry, £4,900", "4900.00"),
        ("~~£5,200~~ £4,900", "4900.00"),  # struck through
        ("£4,900 now, rising to £5,100 in April", "4900.00"),
        ("Our fee was £5,200 but we can do £4,900 per week", "4900.00"),
        ("£2,450 pw each (£4,900 pw in total)", "4900.00"),  # a sibling group's total
        ("£4,900 pw, each week invoiced in arrears", "4900.00"),
    ],
)
def test_money_is_weekly_pounds_to_the_penny(text, weekly) -> None:
    assert parse_money_weekly(text) == Decimal(weekly)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("TBC", "not an amount of money"),
        ("to be agreed", "not an amount of money"),
        ("£0", "above £0"),
        ("£25 per hour", "hourly rate"),
        ("£2,450 pw each", "for each child"),
        ("£2,450 per child", "for each child"),
    ],
)
def test_unreadable_money_says_why(text, says) -> None:
    with pytest.raises(ValueError, match=says):
        parse_money_weekly(text)


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("9990000018", True),
        ("999 000 0018", True),
        ("999-000-0026", True),
        ("9990000034", True),
        ("9990000019", False),  # wrong check digit
        ("999000001", False),  # nine digits
        ("99900000180", False),  # eleven digits
        ("999000001X", False),
        ("", False),
        ("99900000１８", False),  # full-width digits are not an NHS number
    ],
)
def test_nhs_numbers_pass_the_modulus_11_check(digits, valid) -> None:
    assert is_valid_nhs_number(digits) is valid


def test_a_check_digit_of_ten_is_never_valid() -> None:
    # For these nine-digit prefixes the modulus-11 check digit would be 10: no number is valid.
    prefixes_with_check_ten = [
        p for p in (f"999{n:06d}" for n in range(200))
        if (11 - sum(int(d) * (10 - i) for i, d in enumerate(p)) % 11) == 10
    ]
    assert prefixes_with_check_ten
    candidates = [p + str(d) for p in prefixes_with_check_ten for d in range(10)]
    assert not any(is_valid_nhs_number(number) for number in candidates)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("SE15 4AB", "SE15 4AB"),
        ("se154ab", "SE15 4AB"),
        ("  se15   4ab ", "SE15 4AB"),
        ("W1A 1AA", "W1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("ZZ99 3CD", "ZZ99 3CD"),
        ("12 Sample Street, Exampleton ZZ99 3CD", "ZZ99 3CD"),
        ("GIR 0AA", "GIR 0AA"),
        ("SE15", None),
        ("not known", None),
        ("12345", None),
    ],
)
def test_postcodes_are_normalised(text, postcode) -> None:
    assert normalise_postcode(text) == postcode


@pytest.mark.parametrize(("postcode", "possible"), [
    ("SE15 4AB", True), ("GIR 0AA", True), ("ZZ99 3AB", True),
    ("BR3 4KK", False), ("ZZ99 3CD", False), ("NB5 3VO", False), ("M1 1IA", False),
])
def test_a_postcode_whose_inward_letters_royal_mail_never_uses_cannot_exist(
        postcode: str, possible: bool) -> None:
    assert is_possible_postcode(postcode) is possible


@pytest.mark.parametrize(
    ("text", "outward"),
    [("SE15 4AB", "SE15"), ("se154ab", "SE15"), ("LS6", "LS6"), ("ls6", "LS6"), ("W1A 1AA", "W1A")],
)
def test_outward_codes(text, outward) -> None:
    assert outward_code(text) == outward


def test_outward_code_of_something_else_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a UK postcode"):
        outward_code("Exampleton")


@pytest.mark.parametrize(("text", "weekly"), [
    ("£5,200, sorry, I meant £4,900", "4900.00"),
    ("£5,200 (revised: £4,900)", "4900.00"),
    ("was £5,200 but we have reduced it to £4,900", "4900.00"),
    ("£19,400 / 28 days", "4850.00"),
    ("£19,400 per four-week period", "4850.00"),
    ("£4.850,00", "4850.00"),
])
def test_fees_revised_or_written_the_european_way(text: str, weekly: str) -> None:
    assert parse_money_weekly(text) == Decimal(weekly)


@pytest.mark.parametrize(("text", "expected"), [
    ("between 7 and 14 December", date(2026, 12, 7)),
    ("7th/8th December", date(2026, 12, 7)),
    ("14/12 onwards", date(2026, 12, 14)),
])
def test_more_ranges_of_days_start_on_their_first(text: str, expected: date) -> None:
    assert parse_uk_date(text, FRIDAY_20_NOV_2026) == expected


@pytest.mark.parametrize("text", ["from 10.10", "from 11.12am"])
def test_a_time_of_day_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_uk_date(text, FRIDAY_20_NOV_2026)


@pytest.mark.parametrize("written", ["£4.85", "£4.9", "£99 per week"])
def test_less_than_any_placement_costs_a_week_is_no_fee(written: str) -> None:
    """"£4.85" is never thousands by a dot (two decimals), and no week's fee either: "£4.9"
    is a fee with its k left off, so it is asked."""
    with pytest.raises(ValueError, match="less than any placement costs a week"):
        parse_money_weekly(written)


@pytest.mark.parametrize("text", [
    "£4,850 per week, reduced to £4,600 after 12 weeks",  # a step down, later
    "£4,850 for the first 12 weeks, then reduced to £4,600",
    "£4,900 for 12 weeks, then £4,600",
])
def test_a_stepped_fee_is_asked_as_in_prose(text: str) -> None:
    with pytest.raises(ValueError, match="changes over the placement"):
        parse_money_weekly(text)


@pytest.mark.parametrize(("text", "weekly"), [
    ("£4,900 pw for the first 12 weeks, then reviewed", "4900.00"),  # no later figure
    ("£5,200 reduced to £4,900", "4900.00"),  # a revision, not a step
    ("£4,600 pw, 52 weeks a year; then £40 mileage", "4600.00"),
])
def test_a_fee_for_a_stretch_without_another_after_it_is_read(text: str, weekly: str) -> None:
    assert parse_money_weekly(text) == Decimal(weekly)
