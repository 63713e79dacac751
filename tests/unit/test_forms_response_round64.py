"""Replies as round 64's outside tester wrote them: conditions put politely or indirectly
("pending a visit", "if CAMHS input continues", "assuming the matching meeting goes well",
"our only ask is that …", "once our RM has signed it off", "we'd just want to meet her
first"), an offer that stands "as long as you need us", a total with its breakdown in
brackets, and costs "charged separately" with no figure of their own.

Homes, people and amounts are fictional.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.offer_conditions import condition_of, offer_condition
from broker.forms.prose_extras import prose_extras
from tests.factories import reply_read_as_mail
from workflows.signoff import extra_weekly

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize(("text", "condition"), [
    ("We'd be happy to offer, pending a visit. \u00a34,900 pw from 14/12/2026.",
     "pending a visit"),
    ("We can offer if CAMHS input continues \u2013 \u00a34,850 per week, from 14/12/2026.",
     "if CAMHS input continues"),
    ("We'd love to offer Sam a place at \u00a34,900 a week from 14/12/2026, assuming the "
     "matching meeting goes well.", "assuming the matching meeting goes well"),
    ("Happy to offer at \u00a34,900 from 14/12/2026 \u2013 our only ask is that education is "
     "funded separately.", "our only ask is that education is funded separately"),
    ("We should be able to offer at \u00a34,900 from 14/12/2026 once our RM has signed it "
     "off.", "once our RM has signed it off"),
    ("Offer at \u00a34,900 pw from 14/12/2026 \u2013 we'd just want to meet Sam first if at "
     "all possible.", "we'd just want to meet Sam first if at all possible"),
])
def test_a_condition_put_politely_or_indirectly_is_kept(text: str, condition: str) -> None:
    assert offer_condition(text) == condition
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.proposal) == ("offer", condition)


def test_the_home_hears_its_indirect_condition_back() -> None:
    assert condition_of("once our RM has signed it off") == "once your RM has signed it off"


@pytest.mark.parametrize("text", [
    "Offer stands as long as you need us \u2013 \u00a34,900 pw from 14/12/2026.",
    "We can offer \u00a34,900 pw from 14/12/2026, provided that's OK.",
    "We can offer a place from 14/12/2026 \u2013 call me if you have any questions.",
    "We have two pending referrals but can offer \u00a34,900 pw from 14/12/2026.",
    "We can offer \u00a34,900 pw from 14/12/2026. Once she arrives we'll send her timetable.",
    "We can offer \u00a34,900 pw from 14/12/2026 and will visit her if needed.",
])
def test_words_that_limit_nothing_are_no_condition(text: str) -> None:
    assert offer_condition(text) is None


def test_an_offer_that_stands_as_long_as_needed_is_an_offer() -> None:
    parsed = reply_read_as_mail("Offer stands as long as you need us \u2013 \u00a34,900 pw from "
                                "14/12/2026.", on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.proposal) == (
        "offer", Decimal("4900.00"), date(2026, 12, 14), None)


@pytest.mark.parametrize("text", [
    "We can offer at \u00a35,400 per week (\u00a34,900 care + \u00a3500 education) from "
    "14/12/2026.",
    "Offer from 14/12/2026: fee \u00a35,400 pw \u2013 care \u00a34,900, education \u00a3500.",
])
def test_a_totals_breakdown_is_never_an_extra_on_top(text: str) -> None:
    assert prose_extras(text).costs is None
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.weekly_fee, parsed.additional_costs) == (Decimal("5400.00"), None)


def test_an_extra_beside_a_breakdown_is_still_one() -> None:
    text = "Offer: \u00a34,900 pw (\u00a34,400 care, \u00a3500 education), plus 1:1 at \u00a322/hr."
    assert prose_extras(text).costs == "plus 1:1 at \u00a322/hr"


@pytest.mark.parametrize(("text", "words"), [
    ("Weekly fee \u00a34,800 \u2013 transport to school charged separately at cost. We can take "
     "her from 14/12/2026.", "transport to school charged separately at cost"),
    ("We can offer Sam a place at \u00a34,800 pw from 14/12/2026; education charged "
     "separately.", "education charged separately"),
    ("Offer \u2013 \u00a34,800 pw excl. education, which is charged separately by our school. "
     "Available 14/12/2026.", "education, which is charged separately by our school"),
    ("We can offer at \u00a34,800 per week from 14/12/2026 (1:1 charged on top).",
     "1:1 charged on top"),
])
def test_an_extra_named_without_its_own_figure_is_kept_not_priced_and_asked(
        text: str, words: str) -> None:
    extras = prose_extras(text)
    assert (extras.costs, extras.unpriced) == (words, True)
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.additional_costs) == (
        "offer", Decimal("4800.00"), words)
    assert "additional_costs" in parsed.missing
    assert extra_weekly(words) is None  # not priced: the total is not known


def test_a_priced_extra_beside_an_unpriced_one_keeps_both() -> None:
    extras = prose_extras("Fee \u00a34,900 pw, plus 1:1 at \u00a322/hr. Transport is "
                          "charged separately.")
    assert extras == type(extras)("plus 1:1 at \u00a322/hr; Transport is charged separately",
                                  True)


@pytest.mark.parametrize("text", [
    "Offer \u00a34,800 pw from 14/12/2026. Education is charged separately (\u00a3650 pw).",
    "We can offer at \u00a34,800 per week, therapy charged separately at \u00a395 per session.",
])
def test_an_extra_charged_separately_with_its_figure_is_priced(text: str) -> None:
    assert prose_extras(text).unpriced is False


def test_an_extra_said_not_to_be_charged_is_none() -> None:
    assert prose_extras("Fee \u00a34,900 pw. Transport is not charged separately.") == \
        type(prose_extras(""))(None, False)
