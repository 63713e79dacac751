"""The reply readers of offers' conditions, extras and some children's places read a reply
made to slow them in linear time (attacker review 40: a reply of 16 KB cost two seconds under
the write lock, each condition splitting everything before it, each amount summed against
every later one, each amount's sentence searched again, a long line without a stop tried
from each of its characters). Growth as a ratio of the time at 2n to the time at n: about 2
for linear work, 4 for quadratic."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from broker.forms.offer_conditions import offer_condition, own_text
from broker.forms.prose_extras import prose_extras
from broker.forms.some_children import for_some_children_only
from tests.growth import LINEAR, growth, repeated

_SIZE = 8_000


def _falling_amounts(size: int) -> str:
    return "We can offer a place. Fee " + ", ".join(f"£{90000 - at}" for at in range(size // 8))


@pytest.mark.parametrize(("read", "make"), [
    (offer_condition, lambda size: "We can offer a place at £4,900 per week from 14/12/2026. "
     + repeated("place if abc. ")(size)),
    (offer_condition, lambda size: "We can offer a place. " + repeated("if abc. ")(size)),
    (offer_condition, repeated("subject to the panel. place if abc. ")),
    (offer_condition, lambda size: " ".join(f"Subject to panel {at}." for at in range(size // 20))),
    (offer_condition, repeated("This is subject to:\n")),
    (own_text, repeated("Thank you.\n")),
    (prose_extras, _falling_amounts),
    (prose_extras, lambda size: "Fee £90000" + " £1" * (size // 3)),
    (prose_extras, repeated("no additional cost for 1:1 £5, ")),
    (lambda text: for_some_children_only(text, 2),
     lambda size: repeated("we can take ")(size) + "\nThanks"),
], ids=["conditions", "conditions-after-an-offer", "conditions-inside-others", "many-conditions",
        "list-openers", "thanks", "falling-amounts", "small-parts", "denied-extras",
        "a-line-without-a-stop"])
def test_a_reply_made_to_slow_the_readers_is_read_in_linear_time(
        read: Callable[[str], object], make: Callable[[int], str]) -> None:
    assert growth(make, read, _SIZE, repeats=3) < LINEAR


def test_a_run_of_amounts_is_still_no_total_in_parts_nor_an_extra() -> None:
    assert prose_extras(_falling_amounts(400)).costs is None


@pytest.mark.parametrize("text", [
    "Our fee is £5,400 per week (£4,900 care + £500 education).",
    "Fee £5,400 pw: care £4,900, education £500.",
    "Fee £5,400 pw: care £3,000, education £800, therapy £500, transport £400, activities "
    "£300, clothing £200, pocket money £100, savings £100.",
])
def test_a_total_in_its_parts_is_still_no_extra(text: str) -> None:
    assert prose_extras(text).costs is None


def test_every_condition_is_still_kept_up_to_the_quoted_length() -> None:
    said = offer_condition(" ".join(f"Subject to panel {at}." for at in range(400)))
    assert said is not None and said.startswith("Subject to panel 0; Subject to panel 1; ")
    assert said.endswith(" …") and len(said) <= 810
