"""Referrals as round R19's outside tester wrote them: printed choices left with the
template's bracketed instruction beside them ("Male / Female (please delete as
appropriate)"), ages in years and months beside the date of birth, needs written as a
sentence, Welsh-only labels, two children's details in one cell and a date of birth written
in words.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize(("label", "value"), [
    ("Gender", "Male / Female (please delete as appropriate)"),
    ("Gender", "Female / Male (delete as appropriate)"),
    ("Gender", "Male / Female (delete as applicable)"),
    ("Gender", "Male   Female   (circle)"),
    ("Gender", "Male or Female (tick one)"),
    ("Placement type", "Fostering / Residential (delete as appropriate)"),
    ("Urgency", "Emergency / Urgent / Planned (circle one)"),
])
def test_printed_choices_beside_their_instruction_are_asked_about(label: str, value: str) -> None:
    """'Gender: Male / Female (please delete as appropriate)' had been read as male: the
    instruction hid the second choice, so the undeleted choices read as their first."""
    _, problems = _checked(_form(**{label: value}))
    assert label.lower().replace(" ", "_") in problems
    assert "printed choices" in problems[label.lower().replace(" ", "_")]


def test_a_legal_status_left_as_printed_beside_its_instruction_is_asked_about() -> None:
    _, problems = _checked(_form(extra="Legal status: S20 / ICO (delete as appropriate)\n"))
    assert "printed choices" in problems["legal_status"]


@pytest.mark.parametrize(("value", "code"), [
    ("Female (please delete as appropriate)", "female"),
    ("Male (delete as applicable)", "male"),
])
def test_one_choice_left_beside_its_instruction_is_that_choice(value: str, code: str) -> None:
    form, problems = _checked(_form(Gender=value))
    assert problems == {} and form.gender == code  # type: ignore[attr-defined]
