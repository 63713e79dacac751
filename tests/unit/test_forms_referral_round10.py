"""Referrals as round R10's outside tester wrote them: a row of options one to a cell
("Placement type | ☐ Foster care | ☒ Residential | ☐ 16+", left by round R8), corrections
above a forwarded or quoted form, a gender with another in its remark, case systems'
printouts, a need with its count, and two children in one email; and round R9's web form
whose labels are questions ("What is their gender?"), each over its answer.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import check_referral, read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_docx import as_bytes, word_document
from tests.unit.test_forms_referral_round8 import (
    _FORM,
    ON,
    REFERRAL,
    _checked,
    _form,
    social_workers_message,
)


def _html_table(rows: list[tuple[str, ...]]) -> bytes:
    message = social_workers_message()
    cells = "".join("<tr>" + "".join(f"<td><p>{cell}</p></td>" for cell in row) + "</tr>"
                    for row in rows)
    message.set_content(f"<html><body><p>Referral below.</p><table>{cells}</table></body></html>",
                        subtype="html")
    return bytes(message)


def _profile(raw: bytes) -> tuple[object, list[object]]:
    read = read_message(raw, REFERRAL)
    return check_referral(read.fields, REFERRAL, message_date=ON)


_OPTIONS = ("Placement type", "☐ Foster care", "☒ Residential", "☐ 16+ supported")


@pytest.mark.parametrize("options", [
    _OPTIONS,
    ("Placement type", "[ ] Foster care", "[x] Residential", "[ ] 16+ supported"),
])
def test_a_row_of_options_one_to_a_cell_is_read_whole(options: tuple[str, ...]) -> None:
    rows = [(label, value) for label, value in _FORM if label != "Placement type"]
    form, problems = _profile(_html_table([*rows[:4], options, *rows[4:]]))
    assert problems == []
    assert form.placement_type == "residential"  # type: ignore[attr-defined]


def test_a_word_forms_row_of_options_one_to_a_cell_is_read_whole() -> None:
    rows = [(label, value) for label, value in _FORM if label != "Placement type"]
    form, problems = _checked("Referral attached.\n", as_bytes(word_document(
        [*rows[:4], _OPTIONS, *rows[4:]])))
    assert problems == {}
    assert form.placement_type == "residential"  # type: ignore[attr-defined]


def test_cells_after_a_value_that_are_no_options_are_not_joined_to_it() -> None:
    """A box opening the value cell joins only further boxed cells: the label cell after it
    is still a field of its own."""
    rows = [(label, value) for label, value in _FORM if label not in ("Placement type", "Gender")]
    form, problems = _profile(_html_table(
        [*rows[:4], ("Placement type", "☒ Residential", "Gender", "Male"), *rows[4:]]))
    assert problems == []
    assert (form.placement_type, form.gender) == ("residential", "male")  # type: ignore[attr-defined]


def test_a_long_row_of_option_cells_is_read_in_linear_time() -> None:
    def read(text: str) -> object:
        cells = tuple(part for part in text.split("|") if part)
        return _profile(_html_table([("Placement type", *cells)]))
    assert growth(repeated("☐ Foster care|"), read, 200, repeats=3) < LINEAR


def test_two_options_ticked_across_a_row_are_asked_about() -> None:
    """Round R10's a7: both ticks had gone out as the first, fostering."""
    rows = [(label, value) for label, value in _FORM if label != "Placement type"]
    _, problems = _profile(_html_table(
        [*rows[:4], ("Placement type", "☒ Foster care", "☒ Residential", "☐ 16+"), *rows[4:]]))
    assert [problem.field for problem in problems] == ["placement_type"]  # type: ignore[attr-defined]
    assert "all ticked" in problems[0].problem  # type: ignore[attr-defined]


@pytest.mark.parametrize(("note", "field"), [
    ("Please send out. NB she is 12 not 14 - the DOB on the form is wrong, it should be "
     "14/03/2014.", "date_of_birth"),
    ("Maya - please prioritise, this is now an emergency: she was arrested last night.",
     "urgency"),
    ("Sorry all - the needed from date is 21/12/2026, not the 14th.", "needed_from"),
    ("Correction: she needs a solo placement, not shared residential.", "placement_type"),
])
def test_a_correction_above_the_form_is_asked_about(note: str, field: str) -> None:
    _, problems = _checked(f"{note}\n\n{_form()}")
    assert list(problems) == [field]
    assert "was given twice, differently" in problems[field]


_FORWARDED = ("\n\nHelen Ward\nTeam Manager\n\n________________________________\n"
              "From: Sam Taylor <sam.taylor@northby.gov.example>\nSent: 07 December 2026 08:41\n"
              "To: Helen Ward <helen.ward@northby.gov.example>\nSubject: Referral - AB\n\n"
              "Hi Helen,\n\nReferral below for sign-off.\n\n")


@pytest.mark.parametrize("between", ["\n\n", _FORWARDED])
def test_a_managers_note_to_treat_it_as_an_emergency_is_asked_about(between: str) -> None:
    """Round R29's F02: a manager's "FW:" note saying the form below is out of date (treat as
    an emergency, she needs a bed tonight) had gone out as the form's urgent from the 14th."""
    _, problems = _checked("Please treat as an emergency now - police protection was used last "
                           "night and she needs a bed tonight. Form below not updated."
                           f"{between}{_form()}")
    assert set(problems) == {"urgency", "needed_from"}
    assert "'emergency'" in problems["urgency"] and "'tonight'" in problems["needed_from"]


@pytest.mark.parametrize("note", ["Please now treat it as an emergency.",
                                  "Treat as an emergency now please.",
                                  "Treat as an emergency - the form is out of date."])
def test_treat_as_an_emergency_now_or_with_the_form_out_of_date_is_asked_about(
        note: str) -> None:
    _, problems = _checked(f"{note}\n\n{_form()}")
    assert list(problems) == ["urgency"] and "'emergency'" in problems["urgency"]


def test_a_bed_tonight_in_a_note_not_saying_the_form_is_out_of_date_leaves_its_date() -> None:
    """Round R26's F02: "This is an emergency - she needs a bed tonight" above a form
    needed from the 14th is the urgency's story (it went out as an emergency)."""
    form, problems = _checked(f"This is an emergency - she needs a bed tonight.\n\n{_form()}")
    assert "needed_from" not in problems
    assert form.needed_from.day == 14  # type: ignore[attr-defined]


def test_a_note_agreeing_with_the_form_changes_nothing() -> None:
    form, problems = _checked("Please treat as an emergency - she needs a bed tonight.\n\n"
                              + _form(**{"Needed from": "Today", "Urgency": "Emergency"}))
    assert problems == {} and form.urgency == "emergency"  # type: ignore[attr-defined]


@pytest.mark.parametrize("note", ["We will treat her as a young adult in the plan.",
                                  "She needs a bed with a lock on the door.",
                                  "Oak House said it would treat it as an emergency if we "
                                  "wanted."])
def test_treat_as_or_needs_a_bed_with_no_urgency_or_day_changes_nothing(note: str) -> None:
    form, problems = _checked(f"{note}\n\n{_form()}")
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


def test_a_note_opening_with_a_fields_name_gives_the_field_the_form_leaves_out() -> None:
    form = "".join(line for line in _form().splitlines(keepends=True)
                   if not line.startswith("Urgency"))
    read, problems = _checked(f"Please send straight away. Urgency is emergency - police want "
                              f"her moved tonight.\n\n{form}")
    assert problems == {} and read.urgency == "emergency"  # type: ignore[attr-defined]


def test_a_fields_name_inside_a_sentence_changes_nothing() -> None:
    form, problems = _checked("We discussed whether urgency is emergency or not and agreed "
                              f"it is not.\n\n{_form()}")
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


def test_a_gender_with_another_in_its_remark_is_asked_about() -> None:
    _, problems = _checked(_form(Gender="M (identifies as F)"))
    assert "two genders" in problems["gender"]


def test_a_remark_about_the_sex_assigned_at_birth_leaves_the_gender_as_written() -> None:
    form, problems = _checked(_form(Gender="Female (assigned male at birth)"))
    assert problems == {} and form.gender == "female"  # type: ignore[attr-defined]


def test_a_case_systems_field_codes_after_its_labels_are_read_past() -> None:
    form, problems = _checked("".join(
        f"{label} [PER_{number}]: {value}\n" for number, (label, value) in enumerate(_FORM)))
    assert problems == {} and form.gender == "female"  # type: ignore[attr-defined]


def test_a_printouts_question_answer_and_last_updated_columns_give_the_answer_alone() -> None:
    rows = "".join(f"{label}\t{value}\t02/12/2026 14:03 by J Example\n" for label, value in _FORM)
    form, problems = _checked(f"Printout below.\n\nQuestion\tAnswer\tLast updated\n{rows}")
    assert problems == {}
    assert (form.gender, form.needed_from.day) == ("female", 14)  # type: ignore[attr-defined]


@pytest.mark.parametrize("needs", ["SEMH, missing episodes x4", "SEMH, Missing episodes ×2"])
def test_a_need_with_how_often_it_happened_is_the_need(needs: str) -> None:
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_two_case_systems_numbers_for_the_child_are_both_kept() -> None:
    read = read_message(bytes(_email_of(_form(extra="Person ID: 1045521\nCase reference: "
                                                    "NB-000123\n"))), REFERRAL)
    assert read.conflicts == []
    assert "1045521" in read.fields["case_reference"]
    assert "NB-000123" in read.fields["case_reference"]


def test_two_childrens_forms_say_how_to_send_them_and_nothing_of_a_disputed_age() -> None:
    second = _form(**{"Child's name": "Tom Threlfall", "Date of birth": "01/02/2018",
                      "Gender": "Male"})
    _, problems = _checked(f"CHILD 1\n{_form()}\nCHILD 2\n{second}")
    assert "send one email for each child" in problems["child_name"]
    assert "disputed" not in problems["date_of_birth"]


def _email_of(body: str) -> object:
    message = social_workers_message()
    message.set_content(body)
    return message


_QUESTIONS = [
    ("What is the child's full name?", "Maisie Threlfall"),
    ("What is their date of birth?", "14/03/2012"), ("What is their gender?", "Female"),
    ("What is their home postcode?", "ZZ99 4QT"),
    ("What type of placement do you need?", "Residential"),
    ("How urgent is the placement?", "Urgent"),
    ("When is the placement needed from?", "14/12/2026"),
    ("Which needs apply? (choose as many as you like)", "SEMH, missing episodes"),
    ("Tell us about the background and any risks", "Maisie has lived with her grandmother."),
    ("What is your name?", "Pat Dorrington"),
]


def test_a_web_forms_questions_each_over_its_answer_are_its_labels() -> None:
    body = "You have a new response!\n\n" + "".join(
        f"{question}\n{answer}\n\n" for question, answer in _QUESTIONS)
    form, problems = _checked(body)
    assert problems == {}
    assert (form.child_name, form.gender, form.needs) == (  # type: ignore[attr-defined]
        "Maisie Threlfall", "female", ["semh", "missing"])


def test_a_question_inside_the_narrative_is_no_label() -> None:
    form, problems = _checked(_form(extra="", Background="Maisie has lived with her "
                                    "grandmother.\nIs she safe at school?\nShe says she is."))
    assert problems == {}
    assert "safe at school" in form.background  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Urgency is ", "this is now ", "needs a ", "M (F) ",
                                  "Missing episodes  ", "Gender [A] ",
                                  "What is their (", "Tell us about the "])
def test_text_made_to_slow_the_round_r10_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(
        f"Correction: {text}\n\n{_form(Needs=text, Gender=text)}"), 2_000, repeats=3) < LINEAR
