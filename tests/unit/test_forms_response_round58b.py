"""Later replies as round 58's outside tester wrote them (class B, a field read wrongly): "now"
that is when the home wrote, a fee that changes from a later day, the fee named outright
beside the staffing it is for, a day offered after "no longer", and a counter in the fee
negotiation that changes the start too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.counter_fee import counter_fee
from broker.forms.prose import prose_start_date, prose_weekly_fee
from broker.forms.prose_extras import prose_extras
from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize("text", [
    "Sorry – didn't see this until now. Yes, we're interested in Maddie.",
    "Sorry I haven't replied before now, yes interested.",
    "Apologies, we couldn't respond till now - we're interested.",
    "Available from now that the panel has agreed, subject to matching.",
])
def test_now_as_when_the_home_wrote_is_no_start(text: str) -> None:
    assert prose_start_date(text, _DEC7) is None


@pytest.mark.parametrize("text", [
    "We can take her now.", "Available now.", "We can offer from now.", "Available right now",
])
def test_now_as_a_start_is_still_today(text: str) -> None:
    assert prose_start_date(text, _DEC7) == _DEC7


def test_a_later_reply_interested_after_until_now_names_no_start() -> None:
    read = reply_read_as_mail("Sorry – didn't see this until now. Yes, we're interested in "
                              "Maddie. Could we have a chat with her social worker?", on=_DEC7)
    assert read.decision == "interested"
    assert read.available_from is None


@pytest.mark.parametrize("text", [
    "Still offering – please note our fee has gone up to £5,000 from 1 January as per our "
    "letter to all councils.",
    "Our fee rises to £5,000 from 1 January.",
    "Please note fees increase from 1 January to £5,000 a week.",
])
def test_a_fee_changing_from_a_later_day_is_neither_the_start_nor_todays_fee(text: str) -> None:
    assert prose_start_date(text, _DEC7) is None
    assert prose_weekly_fee(text) is None
    read = reply_read_as_mail(text, on=_DEC7)
    assert read.available_from is None
    assert read.weekly_fee is None


def test_todays_fee_stays_beside_a_later_one() -> None:
    read = reply_read_as_mail("We can offer from 14/12 at £4,900 pw; our fee increases to "
                              "£5,000 pw from 1 January.", on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer", Decimal("4900"), date(2026, 12, 14))


def test_a_fee_gone_up_now_is_still_the_fee() -> None:
    read = reply_read_as_mail("Offer from 14/12. Our fee has gone up to £5,000 a week.", on=_DEC7)
    assert read.weekly_fee == Decimal("5000")


def test_the_fee_named_outright_beside_its_staffing_is_the_fee_not_an_extra() -> None:
    text = "We can confirm, however given the 2:1 at night the fee would be £5,150 a week."
    assert prose_extras(text).costs is None
    assert reply_read_as_mail(text, on=_DEC7).weekly_fee == Decimal("5150")


def test_an_additional_fee_is_still_an_extra() -> None:
    extras = prose_extras("Offer from 14/12 at £4,900 pw, plus an additional fee of £300 pw for "
                          "1:1 if needed.")
    assert extras.costs is not None and "£300" in extras.costs


def test_a_fee_stated_on_a_condition_is_not_taken_without_a_decision() -> None:
    read = reply_read_as_mail("We can confirm. The fee would be £5,150 a week if she needs 2:1 "
                              "at night.", on=_DEC7)
    assert read.weekly_fee is None


@pytest.mark.parametrize("text", [
    "Having spoken to our manager we can no longer offer – but we could from 11/01/2027 if "
    "that helps?",
    "We can no longer offer the 14th but can from the 21st.",
])
def test_no_longer_but_another_day_is_an_offer_from_that_day(text: str) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert read.decision == "offer"
    assert read.available_from in (date(2027, 1, 11), date(2026, 12, 21))


def test_a_no_then_a_call_on_another_day_is_no_offer() -> None:
    read = reply_read_as_mail("We can't meet her needs but could do Monday for a call.",
                              on=_DEC7)
    assert read.decision != "offer"


@pytest.mark.parametrize("text", [
    "We can do £4,500 but only from 04/01/2027 now.",
    "We can do £4,500. The start would need to be 4 January though.",
    "We could do £4,700 plus £300 a week for transport.",
    "We could do £4,700 if she attends our school.",
])
def test_a_counter_that_changes_another_term_is_no_fee_round(text: str) -> None:
    assert counter_fee(text) is None


@pytest.mark.parametrize(("text", "fee"), [
    ("We could come down to £4,750 pw if that helps", Decimal("4750")),
    ("We could do £4,700 a week.\n\nKind regards\nJo\nLarch House, available from 9am",
     Decimal("4700")),
])
def test_a_plain_counter_is_still_read(text: str, fee: Decimal) -> None:
    assert counter_fee(text) == fee
