"""Referrals as round R19's outside tester wrote them: printed choices left with the
template's bracketed instruction beside them ("Male / Female (please delete as
appropriate)"), ages in years and months beside the date of birth, needs written as a
sentence, Welsh-only labels, two children's details in one cell and a date of birth written
in words.

The people and places are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms import referral
from broker.forms.age_remarks import another_birth_date
from broker.forms.spoken_years import with_year_digits
from tests.growth import LINEAR, growth, repeated
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


@pytest.mark.parametrize(("label", "key", "first", "second", "said"), [
    ("NHS number", "nhs_number", "999 000 3432", "999 000 3440", "gives two NHS numbers"),
    ("Child's name", "child_name", "Ella Example", "Mason Example", "gives two children's names"),
    ("Date of birth", "date_of_birth", "02/09/2012", "03/03/2018",
     "gives more than one date of birth"),
])
def test_two_childrens_details_in_one_cell_are_said_to_be_two_childrens(
        label: str, key: str, first: str, second: str, said: str) -> None:
    """'999 000 3432 999 000 3440' had been refused as 'not a valid NHS number', and two names
    or two dates of birth in one cell read as one child's (round R19's 037)."""
    body = _form(extra=f"NHS number: {first}\t{second}\n" if key == "nhs_number" else "")
    if key != "nhs_number":
        body = _form(**{label: f"{first}\t{second}"})
    _, problems = _checked(body)
    assert said in problems[key] and "brothers and sisters" in problems[key]


@pytest.mark.parametrize("name", ["Ella Example", "Example, Ella", "Ella-Mae O'Example"])
def test_one_childs_name_is_still_read(name: str) -> None:
    form, problems = _checked(_form(**{"Child's name": name}))
    assert problems == {} and form.child_name == name  # type: ignore[attr-defined]


@pytest.mark.parametrize("born", ["the fourteenth of March two thousand and twelve",
                                  "14 March twenty twelve", "14th March two thousand twelve"])
def test_a_date_of_birth_with_its_year_in_words_is_read(born: str) -> None:
    """'the fifth of January two thousand and twelve' had been refused as having no year."""
    form, problems = _checked(_form(**{"Date of birth": born}))
    assert problems == {} and str(form.date_of_birth) == "2012-03-14"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["two thousand and ", "twenty ", "two-thousand  -", "\t"])
def test_text_made_to_slow_the_spoken_year_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), with_year_digits, 20_000) < LINEAR


_BORN = date(2012, 9, 2)


@pytest.mark.parametrize("unit", ["Ella \t", "Ella and ", "9 / ", "02/09/2012 ", "assessed 2008 "])
def test_text_made_to_slow_the_two_children_rules_is_read_in_linear_time(unit: str) -> None:
    def both(text: str) -> object:
        return (referral._NAMES_APART.split(text), another_birth_date(text, _BORN),
                [referral._A_WHOLE_NAME.fullmatch(part) for part in text.split("\t")])
    assert growth(repeated(unit), both, 20_000) < LINEAR


@pytest.mark.parametrize("age", ["Age: 12 yrs 3 mths", "Age: 12 years and 3 months",
                                 "Age: 12yrs, 3m."])
def test_an_age_line_in_years_and_months_the_birth_date_disagrees_with_is_asked(age: str) -> None:
    """'Age: 12 yrs 3 mths' beside a date of birth making the child 14 had been sent as 14
    with no question: the months after the years hid the line from the check."""
    _, problems = _checked(_form(extra=f"{age}\n"))  # born 14/03/2012: 14 on 3 December
    assert age in problems["date_of_birth"]


def test_an_age_line_in_years_and_months_that_agrees_is_no_question() -> None:
    _, problems = _checked(_form(extra="Age: 14 yrs 8 mths\n"))
    assert problems == {}
