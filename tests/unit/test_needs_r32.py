"""Needs round R32's tester wrote in other words than the form's list, each with a clear home
in it: an eating disorder is a mental health need, hoisting a physical disability, and
catheterisation a complex health need. They had been held as "not one of the needs we know".

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize(("needs", "codes"), [
    ("Eating disorder, self-harm", ["mental-health", "self-harm"]),  # R32 E02
    ("Anorexia nervosa (restrictive), self-harm (cutting)", ["mental-health", "self-harm"]),
    ("Bulimia nervosa", ["mental-health"]),
    ("PMLD, tube fed, needs hoisting", ["pmld", "medical", "pd"]),  # R32 D05
    ("Hoisting for all transfers", ["pd"]),
    ("Spina bifida \u2013 wheelchair user; intermittent catheterisation 4x daily",
     ["pd", "medical"]),  # R32 D04
    ("Clean intermittent catheterisation", ["medical"]),
])
def test_a_need_in_other_words_is_read_as_its_need(needs: str, codes: list[str]) -> None:
    form, problems = _checked(_form(**{"Needs": needs}))
    assert problems == {} and sorted(form.needs) == sorted(codes)  # type: ignore[attr-defined]


def test_how_often_a_need_shows_is_no_unknown_need() -> None:
    """'4x daily' after a need says how often, as 'daily' does."""
    form, problems = _checked(_form(**{"Needs": "Self-harm x3 a week, epilepsy 2x daily"}))
    assert problems == {} and sorted(form.needs) == ["medical", "self-harm"]  # type: ignore[attr-defined]


def test_a_need_still_unknown_is_still_asked_about() -> None:
    _, problems = _checked(_form(**{"Needs": "Eating disorder, dyspraxia"}))
    assert "dyspraxia" in problems["needs"] and "Eating disorder" not in problems["needs"]
