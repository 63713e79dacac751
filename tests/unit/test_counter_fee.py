"""The chosen home's counter-proposal in its own words (broker/forms/counter_fee.py): the
figure it puts forward is read, the figure it refuses and a question are not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from broker.forms.counter_fee import counter_fee


@pytest.mark.parametrize(("text", "fee"), [
    ("We can't do £4,600 but could meet you at £4,725 including the 1:1 support.", "4725"),
    ("We could do £4,700.", "4700"),
    ("Sorry, the best we can do is £4,800 pw.", "4800"),
    ("Best we can do would be £4,650 a week", "4650"),
    ("We could come down to £4,750 pw if that helps", "4750"),
    ("We can do £650 a day.", "4550"),
    # a fee stated plainly in answer to our proposal
    ("Our fee is £4,800.", "4800"),
    ("I've spoken to the owner and their fee is £4,800 pw.", "4800"),
    ("Thanks – the fee is £4,700 a week.", "4700"),
    ("The weekly fee would be £4,750.", "4750"),
    ("Our fee for her remains £4,900 and is not negotiable.", "4900"),
    # words after the figure put it forward (round 60 n03, n08)
    ("£4,700 is our floor.", "4700"),
    ("4.6k and we have a deal.", "4600"),
    ("£4,650 pw is the lowest we can go, I'm afraid.", "4650"),
    ("Sorry, 4,650 and we'll sign today.", "4650"),
])
def test_a_figure_put_forward_is_the_counter(text: str, fee: str) -> None:
    assert counter_fee(text) == Decimal(fee)


@pytest.mark.parametrize("text", [
    "We can't do £4,600.",
    "We cannot do £4,600, sorry.",
    "We could not do £4,600 for this placement.",
    "Could you do £4,800?",
    "We can do £4,600 + VAT.",
    "Agreed, thanks",
    "If the fee is £4,500 we can't do it.",  # supposed
    "So the fee is £4,500?",  # asked
    "The fee is £4,500, which we can't do.",  # refused
    "4.6k and we have a deal?",  # asked
    "If £4,700 is our floor we would lose money.",  # supposed
    "We're open to 10 and we have a deal on transport.",  # no fee
    "Your fee is £4,500.",  # ours, not the home's
])
def test_a_refused_figure_a_question_or_a_part_is_no_counter(text: str) -> None:
    assert counter_fee(text) is None


def test_a_figure_wished_for_is_not_the_one_put_forward_after_it() -> None:
    # the £3,800 is taken back; "£4,000 is our lowest" puts £4,000 forward (round 60 n03)
    assert counter_fee("We wish we could do £3,800, but £4,000 is our lowest.") == Decimal(4000)


@pytest.mark.parametrize("text", [
    "There is no way we could do £3,800 for this level of need.",
    "We could do £3,800 for 4 weeks, then £4,200.",
])
def test_a_figure_taken_back_or_for_a_while_is_no_counter(text: str) -> None:
    assert counter_fee(text) is None


def test_a_counter_with_another_term_restated_as_before_is_read():
    # ux49c 3: the 2:1's weeks are that term's, restated; the fee is £4,850
    from decimal import Decimal

    from broker.forms.counter_fee import another_term, counter_fee

    text = "Our best is £4,850 per week, with the 2:1 for the first 8 weeks as before."
    assert counter_fee(text) == Decimal("4850")
    assert another_term(text) is None
    assert counter_fee("We could do £3,800 for 4 weeks, then £4,200") is None
