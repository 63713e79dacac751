"""Round R15's right refusals in clearer words: a need whose remark says it is not current
("self-harm - none since 2024") is named as such, not called unknown, and an unborn baby's
expected date of delivery is not "a date of birth in the future".

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize("needs", [
    "SEMH; no current CSE concerns; self-harm - none since 2024",
    "SEMH, CCE (historic - 2023, no current concerns)",
    "SEMH, previously missing, not in last 6 months",
])
def test_a_need_said_not_to_be_current_is_named_as_one(needs: str) -> None:
    """These had been called 'not among the needs we know', though each names one."""
    _, problems = _checked(_form(Needs=needs))
    assert "not current or not certain" in problems["needs"]
    assert "we know" not in problems["needs"]


def test_an_unknown_need_beside_a_remarked_one_is_still_called_unknown() -> None:
    _, problems = _checked(_form(Needs="SEMH; self-harm - none since 2024; hoarding"))
    assert "'self-harm - none since 2024' says the need is not current" in problems["needs"]
    assert "'hoarding' is not one of the needs we know" in problems["needs"]


def test_an_unborn_babys_expected_date_is_asked_for_once_the_baby_is_born() -> None:
    _, problems = _checked(_form(**{"Date of birth": "Unborn - EDD 14/01/2027"}))
    assert "not yet born" in problems["date_of_birth"]
    _, problems = _checked(_form(**{"Date of birth": "14/01/2027"}))
    assert problems["date_of_birth"].endswith("is in the future")


@pytest.mark.parametrize("unit", ["unborn edd ", "due date ", "previously since, ",
                                  "no cse, "])
def test_text_made_to_slow_these_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(Needs=text)), 3_000,
                  repeats=3) < LINEAR
