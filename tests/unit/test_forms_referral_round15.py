"""Referrals as round R15's outside tester wrote them: a template's printed choices left
undeleted, a new referral above a different child's quoted one, an age in months, square
bracketed instructions in labels, a UTF-16 text attachment and a Teams table without outer
pipes.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import check_referral, read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import (
    ON,
    REFERRAL,
    _checked,
    _form,
    social_workers_message,
)


@pytest.mark.parametrize(("label", "choices", "key"), [
    ("Gender", "Male / Female", "gender"),
    ("Placement type", "Foster care / Residential / 16+", "placement_type"),
    ("Urgency", "Emergency / Urgent / Planned", "urgency"),
    ("Legal status", "S20 / ICO / Full care order", "legal_status"),
    ("Legal status", "S20 or ICO", "legal_status"),
])
def test_printed_choices_left_undeleted_are_asked_about(label: str, choices: str, key: str) -> None:
    """'Male / Female' had been read as male, the first of the printed choices."""
    _, problems = _checked(_form(**{label: choices}) if label in dict(_FORM_LABELS)
                           else _form(extra=f"{label}: {choices}\n"))
    assert key in problems and "more than one" in problems[key]


_NAME = "Child's name"
_FORM_LABELS = [("Gender", 1), ("Placement type", 1), ("Urgency", 1)]


@pytest.mark.parametrize(("label", "value", "attribute", "code"), [
    ("Legal status", "S20 / Section 20", "legal_status", "s20"),
    ("Placement type", "Residential / solo", "placement_type", "residential-solo"),
    ("Gender", "Female / she/her", "gender", "female"),
    ("Gender", "\u2612 Male \u2610 Female", "gender", "male"),
    ("Urgency", "Emergency     Urgent  X     Planned", "urgency", "urgent"),
])
def test_one_value_said_twice_or_with_a_remark_is_still_read(
        label: str, value: str, attribute: str, code: str) -> None:
    form, problems = _checked(_form(**{label: value}) if label in dict(_FORM_LABELS)
                              else _form(extra=f"{label}: {value}\n"))
    assert problems == {} and getattr(form, attribute) == code


def _quoted(body: str) -> str:
    return "".join(f"> {line}\n" if line else ">\n" for line in body.splitlines())


def test_another_childs_quoted_referral_is_not_read() -> None:
    """A new referral lacking Needs above another child's quoted one had taken that child's
    values as conflicts and never said Needs was missing."""
    new = _form(Needs="").replace("Needs: \n", "")
    old = _form(**{"Child's name": "Tyler Goodwin", "Gender": "Male", "Urgency": "Planned",
                   "Needs": "ADHD, trauma", "Date of birth": "02/02/2017"})
    body = (f"Hi,\n\nNew referral below.\n\n{new}\nKind regards,\nJo Fictional\n\n"
            f"On Tue, 10 Nov 2026 at 14:02, Pat Dorrington <pat.dorrington@northby.gov.example> "
            f"wrote:\n{_quoted(old)}>\n> Thanks\n> Pat\n")
    form, problems = _checked(body)
    assert set(problems) == {"needs"} and "no value" in problems["needs"]


def test_the_same_childs_quoted_referral_still_gives_what_the_new_text_leaves_out() -> None:
    new = "Child's name: M. Threlfall\nUrgency: Emergency\n"
    body = (f"Hi,\n\nResending with the urgency changed.\n\n{new}\nKind regards,\nJo\n\n"
            f"On Tue, 10 Nov 2026 at 14:02, Pat Dorrington <pat.dorrington@northby.gov.example> "
            f"wrote:\n{_quoted(_form())}")
    _, problems = _checked(body)
    assert "needs" not in problems


@pytest.mark.parametrize("unit", [" ", "a", "Ab1 "])
def test_a_name_made_to_slow_the_other_child_rule_is_read_in_linear_time(unit: str) -> None:
    def read(text: str) -> object:
        return _checked(_form(**{_NAME: text}) + "\nKind regards,\nJo\n\nOn Tue, 10 Nov 2026 at "
                        "14:02, Pat <pat@northby.gov.example> wrote:\n" + _quoted(_form()))
    assert growth(repeated(unit), read, 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("born", "age"), [("03/06/2025", "7 months"), ("03/06/2025", "5 mths"),
                                           ("12/11/2026", "9 weeks old")])
def test_an_age_in_months_or_weeks_the_birth_date_does_not_give_is_asked_about(
        born: str, age: str) -> None:
    """'Age: 7 months' beside a birth date 18 months before had been accepted as age 1."""
    _, problems = _checked(_form(**{"Date of birth": born}, extra=f"Age: {age}\n"))
    assert "date_of_birth" in problems and age in problems["date_of_birth"]


@pytest.mark.parametrize(("born", "age"), [("03/06/2025", "18 months"), ("12/11/2026", "3 weeks"),
                                           ("03/06/2025", "1 year")])
def test_an_age_in_months_or_weeks_the_birth_date_gives_is_read(born: str, age: str) -> None:
    _, problems = _checked(_form(**{"Date of birth": born}, extra=f"Age: {age}\n"))
    assert problems == {}


@pytest.mark.parametrize("unit", [" ", "7 months ", "1"])
def test_an_age_line_made_to_slow_the_months_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        extra=f"Age: 7 {text} months\n")), 2_000, repeats=3) < LINEAR


def test_a_label_with_an_instruction_in_square_brackets_is_read() -> None:
    """'Placement type [delete as appropriate]: Residential' had been no label: the field
    was reported missing, and a line after Needs had run on into its value."""
    form, problems = _checked(_form().replace("Placement type:", "Placement type [delete as "
                                              "appropriate]:").replace(
        "Needs:", "Needs [please list all that apply]:"))
    assert problems == {}
    assert (form.placement_type, form.needs) == (  # type: ignore[attr-defined]
        "residential", ["semh", "missing"])


def test_undeleted_choices_under_a_square_bracketed_label_are_asked_about() -> None:
    _, problems = _checked(_form(extra="Legal status [delete as appropriate]: S20 / ICO / Full "
                                       "care order\n"))
    assert set(problems) == {"legal_status"}


@pytest.mark.parametrize("unit", ["[", "[a", "Needs [", "[]"])
def test_a_label_made_to_slow_the_square_bracket_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        extra=f"Legal status {text[:150]}: S20\n{text}: x\n")), 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_a_text_file_with_a_byte_order_mark_and_no_charset_is_read(encoding: str) -> None:
    """Notepad's 'Unicode' (UTF-16 with its mark): the mark had stuck to the first label and
    the child's name was reported missing."""
    message = social_workers_message()
    message.set_content("Please see attached.\n\nKind regards,\nJo\n")
    message.add_attachment(_form().encode(encoding), maintype="text", subtype="plain",
                           filename="referral.txt")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    assert problems == [] and form.child_name == "Maisie Threlfall"  # type: ignore[union-attr]


def _a_table(outer: str) -> str:
    rows = [line.split(": ", 1) for line in _form().splitlines()]
    return (f"Copied from Teams:\n\n{outer}Field | Details{outer}\n{outer}--- | ---{outer}\n"
            + "".join(f"{outer}{label} | {value}{outer}\n" for label, value in rows))


@pytest.mark.parametrize("outer", ["", "|"])
def test_a_markdown_table_without_its_outer_pipes_is_read(outer: str) -> None:
    """A table pasted from Teams as 'Field | Details', '--- | ---', "Child's name | Poppy"
    had held no form (with the outer pipes it was read)."""
    form, problems = _checked(_a_table(outer))
    assert problems == {} and form.placement_type == "residential"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["--- | ", "a | ", "|-"])
def test_a_table_made_to_slow_the_rule_row_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_a_table("") + f"--- | ---\n{text}\n"),
                  2_000, repeats=3) < LINEAR


@pytest.mark.parametrize("value", ["Foster or supported lodgings",
                                   "Either fostering or residential"])
def test_two_placement_types_as_alternatives_are_said_to_be_more_than_one(value: str) -> None:
    """These had been refused as 'not a placement type we know'."""
    _, problems = _checked(_form(**{"Placement type": value}))
    assert "names more than one" in problems["placement_type"]


@pytest.mark.parametrize("unit", ["either ", " ", "either"])
def test_a_value_made_to_slow_the_either_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        **{"Placement type": f"{text} fostering or residential"})), 2_000, repeats=3) < LINEAR
