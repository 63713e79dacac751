"""One way to find and read a £ figure (broker/forms/money.py), and the rules that now use it:
a fee written "£4.9k", "£4 900" or "£4,900.50" is read the same by each of them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.fee_clauses import left_out, other_fees
from broker.forms.fee_steps import fee_steps
from broker.forms.money import POUNDS_FOUND, pounds_of
from broker.forms.prose import prose_weekly_fee
from broker.forms.response import read_response
from broker.forms.signed_below import says_fee_terms
from broker.forms.spoken_amounts import amounts_in_figures
from tests.snapshots import RESPONSE_SPEC
from workflows.her_words import _propose


@pytest.mark.parametrize(("written", "figure", "pounds"), [
    ("Our fee is £4,900 a week", "£4,900", "4900"),
    ("£4 900 pw", "£4 900", "4900"),
    ("£ 4 950 per week", "£ 4 950", "4950"),
    ("£4.900 per week", "£4.900", "4900"),
    ("£4.900,00 per week", "£4.900,00", "4900.00"),
    ("£4,900.00 per week", "£4,900.00", "4900.00"),
    ("£4,900.50 a week", "£4,900.50", "4900.50"),
    ("GBP 4900 weekly", "GBP 4900", "4900"),
    ("gbp4,900", "gbp4,900", "4900"),
    ("£4.9k a week", "£4.9k", "4900"),
    ("£4.9 K pw", "£4.9 K", "4900"),
    ("£5k", "£5k", "5000"),
    ("£4.90 for the bus", "£4.90", "4.90"),
    ("£4,900pw", "£4,900", "4900"),
    ("at £4,900.", "£4,900", "4900"),
    ("£4.900, then", "£4.900", "4900"),
    ("£1,000,000", "£1,000,000", "1000000"),
])
def test_each_shape_of_a_pound_figure_is_found_whole_and_read(written: str, figure: str,
                                                               pounds: str) -> None:
    found = POUNDS_FOUND.search(written)
    assert found is not None and found.group() == figure
    assert pounds_of(found.group()) == Decimal(pounds)


@pytest.mark.parametrize("written", ["£4,9500 a week", "4.9k a week", "4900 pw", "€4,900",
                                     "four thousand pounds", "USD 4900"])
def test_what_is_no_pound_figure_is_not_found(written: str) -> None:
    assert POUNDS_FOUND.search(written) is None


def test_a_sum_in_words_is_found_once_made_figures() -> None:
    found = POUNDS_FOUND.search(amounts_in_figures("four thousand nine hundred pounds a week"))
    assert found is not None and pounds_of(found.group()) == Decimal(4900)


def test_pounds_of_reads_only_a_whole_figure() -> None:
    with pytest.raises(ValueError):
        pounds_of("£4,900 pw")
    with pytest.raises(ValueError):
        pounds_of("4900")


def test_a_later_fee_in_thousands_is_its_thousands_not_four_pounds() -> None:
    # it read "£6.9k" as £6, and "£6 900" as £6: a step down nobody wrote
    assert fee_steps(Decimal(4300), "From week 9 our fee rises to £6.9k a week.").steps == (
        (9, Decimal(6900)),)
    assert fee_steps(Decimal(4300), "£6 900 a week from week 9.").steps == ((9, Decimal(6900)),)


def test_a_later_fee_keeps_its_pence() -> None:
    assert fee_steps(Decimal(4300), "£4,950.50 per week after the first 12 weeks.").steps == (
        (13, Decimal("4950.50")),)


def test_a_fee_in_thousands_is_a_weekly_fee_to_what_it_leaves_out() -> None:
    # "£4.9k pw" was no weekly fee to fee_clauses, so what it leaves out was not read
    assert left_out("£4.9k pw excluding transport to school") == ("transport to school",)
    assert left_out("GBP 4900 per week excluding transport to school") == (
        "transport to school",)
    assert other_fees("£4 900 a week but £4,600 if she can share a bathroom") == (
        "£4 900 a week but £4,600 if she can share a bathroom",)


def test_her_words_propose_a_fee_in_thousands() -> None:
    # "£4.4k" was found as "£4", less than any week's fee: no PROPOSE was offered
    meant = _propose("Can you offer them £4.4k?", asked=None)
    assert meant is not None and meant.lines == ("PROPOSE £4,400",)


def test_a_price_advertised_from_in_thousands_is_no_term() -> None:
    # "from £4.6k" left ".6k pw" behind, read as money under the sign-off
    assert not says_fee_terms("Fees from £4.6k pw")
    assert says_fee_terms("Please note our fee from 14/12 will be £5,100 pw")


@pytest.mark.parametrize(("home", "fee"), [("Larch House", 5100), ("Larch View", 5400)])
def test_each_homes_fee_given_respectively_with_spaces_for_thousands(home: str, fee: int) -> None:
    # "£5 100 and £5 400 … respectively" was no pair of fees: which was this home's was asked
    read = read_response({}, "Both Larch House and Larch View can offer – £5 100 and £5 400 "
                         "per week respectively, both from 14/12/2026.", RESPONSE_SPEC,
                         message_date=date(2026, 12, 7), known_service_name=home)
    assert (read.decision, read.weekly_fee) == ("offer", Decimal(fee))


@pytest.mark.parametrize("said", [
    "We can offer at £4.3k a week, plus education at £650 a week.",
    "We can offer at £4 300 a week, plus education at £650 a week.",
])
def test_a_fee_in_parts_in_thousands_is_asked_not_its_first_part(said: str) -> None:
    # its first part was recorded as the fee (£4,300), the education left out of the price
    assert prose_weekly_fee(said) is None


def test_a_fee_in_parts_with_spaces_for_thousands_is_its_total() -> None:
    assert prose_weekly_fee("We can offer at £4 300 a week, plus education at £650 a week, so "
                            "£4 950 a week in total.") == Decimal(4950)
