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


@pytest.mark.parametrize("age", ["14 yrs 3 mths", "14y 3m", "14 years and 3 months", "14yrs",
                                 "age 14 yrs, 3 mths"])
def test_an_age_in_years_and_months_the_birth_date_does_not_give_is_asked_about(
        age: str) -> None:
    """'Date of birth: 14/03/2013 (14 yrs 3 mths)' (a child of 13) had been sent as 13 with
    no question: only a bare '(age 11)' or '(12 years old)' was checked."""
    _, problems = _checked(_form(**{"Date of birth": f"14/03/2013 ({age})"}))
    assert "makes the child 13, not 14" in problems["date_of_birth"]


@pytest.mark.parametrize("age", ["14 yrs 8 mths", "14y 8m", "14 years and 8 months"])
def test_an_age_in_years_and_months_the_birth_date_gives_is_read(age: str) -> None:
    form, problems = _checked(_form(**{"Date of birth": f"14/03/2012 ({age})"}))
    assert problems == {} and form.date_of_birth.year == 2012  # type: ignore[attr-defined]


@pytest.mark.parametrize(("needs", "codes"), [
    ("She has ADHD, self-harms when distressed and has had missing episodes most weekends",
     ["adhd", "self-harm", "missing"]),
    ("She has ADHD and self-harms when distressed", ["adhd", "self-harm"]),
    ("SEMH, goes missing at weekends", ["semh", "missing"]),
])
def test_needs_written_as_a_sentence_with_when_they_show_are_read(
        needs: str, codes: list[str]) -> None:
    """'Needs: She has ADHD and self-harms when distressed' had been asked about as a need we
    do not know: 'when distressed' and 'most weekends' say when a need shows, not which."""
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and form.needs == codes  # type: ignore[attr-defined]


@pytest.mark.parametrize("needs", ["ADHD, self-harmed when she was younger",
                                   "ADHD, missing episodes most weekends until 2024"])
def test_a_need_said_to_show_only_in_the_past_is_still_asked_about(needs: str) -> None:
    _, problems = _checked(_form(Needs=needs))
    assert "needs" in problems


@pytest.mark.parametrize(("line", "code"), [
    ("Rhyw: Benyw (Female)", "female"), ("Rhyw: Gwryw", "male"), ("Rhyw: Merch", "female"),
    ("Rhyw: Bachgen", "male"), ("Rhywedd: Benyw", "female")])
def test_a_gender_under_its_welsh_label_is_read(line: str, code: str) -> None:
    """'Rhyw: Benyw (Female)' on a Welsh-only form had been passed over, and the gender
    asked for as missing."""
    body = _form().replace("Gender: Female\n", f"{line}\n")
    form, problems = _checked(body)
    assert problems == {} and form.gender == code  # type: ignore[attr-defined]
