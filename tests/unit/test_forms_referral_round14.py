"""Referrals as round R14's outside tester wrote them: a correction below the signature, a
denied health need, a date beside "immediately", a stated age the date of birth disagrees
with.

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

_SIGNED = "\nKind regards,\nJo Fictional\nSocial Worker\nTel: 01632 960118\n\n"


@pytest.mark.parametrize(("note", "field"), [
    ("Sorry – DOB should read 03/04/2012", "date_of_birth"),
    ("PS the needed from date should be 07/12/2026 not the 14th – apologies", "needed_from"),
    ("PS – sorry, typo above: her DOB is 03/04/2013, not 2012", "date_of_birth"),
    ("Sorry, forgot to add – she also has an ASD diagnosis.", "needs"),
])
def test_a_correction_below_the_signature_is_asked_about(note: str, field: str) -> None:
    """A note after 'Kind regards' had been cut with the signature: the form's value was sent."""
    _, problems = _checked(_form() + _SIGNED + note + "\n")
    assert field in problems


@pytest.mark.parametrize("line", ["Date: 04/12/2026", "Urgency: 01632 960118 (out of hours)",
                                  "Needed from: the duty team"])
def test_a_signature_line_naming_a_field_is_no_correction(line: str) -> None:
    _, problems = _checked(_form() + _SIGNED + line + "\n")
    assert problems == {}


@pytest.mark.parametrize("unit", ["also has ", "also has an a ", "sorry DOB should read "])
def test_notes_made_to_slow_the_round_r14_rules_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(
        _form() + _SIGNED + f"Sorry {text} diagnosis\n"), 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize("answer", ["None known", "No", "N/A", "None identified"])
def test_a_health_needs_line_answered_no_adds_no_need(answer: str) -> None:
    """'Health needs: None known' under the needs had added medical."""
    form, problems = _checked(_form(Needs=f"SEMH\nHealth needs: {answer}"))
    assert problems == {} and form.needs == ["semh"]  # type: ignore[attr-defined]


def test_questions_answered_no_under_the_needs_add_no_need() -> None:
    form, problems = _checked(_form(Needs="SEMH, trauma\nDoes the child have a disability?\tNo\n"
                                          "Does the child have any health needs? No"))
    assert problems == {} and form.needs == ["semh", "trauma"]  # type: ignore[attr-defined]


def test_a_health_needs_line_answered_yes_is_still_a_need() -> None:
    form, problems = _checked(_form(Needs="SEMH\nHealth needs: epilepsy"))
    assert problems == {} and form.needs == ["semh", "medical"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("needed", ["Immediately following court on 08/12/2026",
                                    "Immediately after court - 08/12/2026"])
def test_a_written_day_beside_immediately_is_that_day(needed: str) -> None:
    """'Immediately following court on 08/12/2026' had been read as the email's day."""
    form, problems = _checked(_form(**{"Needed from": needed}))
    assert problems == {} and str(form.needed_from) == "2026-12-08"  # type: ignore[attr-defined]


def test_immediately_alone_is_still_today() -> None:
    form, problems = _checked(_form(**{"Needed from": "Immediately"}))
    assert problems == {} and str(form.needed_from) == "2026-12-03"  # type: ignore[attr-defined]


@pytest.mark.parametrize("born", ["14/03/2012 (age 11)", "14/03/2012 (12 years old)"])
def test_an_age_beside_the_date_of_birth_that_disagrees_is_asked(born: str) -> None:
    """'14/03/2012 (age 11)' had been sent as 14 with no question."""
    _, problems = _checked(_form(**{"Date of birth": born}))
    assert "date_of_birth" in problems and "not 1" in problems["date_of_birth"]


def test_an_age_beside_the_date_of_birth_that_agrees_is_read() -> None:
    form, problems = _checked(_form(**{"Date of birth": "14/03/2012 (age 14)"}))
    assert problems == {} and str(form.date_of_birth) == "2012-03-14"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("answer", "count"), [
    ("Yes – with Kai, 8", 2), ("Yes - with Kai (8) and Mia (5)", 3),
    ("No – brothers Leon (9) and Jack (6) stay with dad", 1)])
def test_siblings_asked_as_a_question_are_counted(answer: str, count: int) -> None:
    """'Are siblings to be placed together? | Yes – with Kai, 8' had been sent as one child."""
    form, problems = _checked(_form(extra=f"Are siblings to be placed together?  {answer}\n"))
    assert problems == {} and form.siblings == count  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Health needs ", "a?:", "Immediately after ", "(age 1",
                                  "Yes with Kai ", "no "])
def test_values_made_to_slow_the_round_r14_rules_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        Needs=f"SEMH\n{text}: none", **{"Needed from": f"Immediately after {text} 08/12/2026",
                                        "Date of birth": f"14/03/2012 ({text})"},
        extra=f"Siblings to place together: Yes with {text}\n")), 2_000, repeats=3) < LINEAR


def test_an_age_line_the_date_of_birth_disagrees_with_is_asked() -> None:
    """'Date of birth: 14/03/2012' with 'Age: 12' had been sent as 14 with no question."""
    _, problems = _checked(_form(extra="Age: 12\n"))
    assert "Age: 12" in problems["date_of_birth"]


@pytest.mark.parametrize("extra", ["Age: 14\n", "Age: 14 years\n", "Age: 9\nAge: 6\n"])
def test_an_age_line_that_agrees_or_two_ages_are_no_question(extra: str) -> None:
    _, problems = _checked(_form(extra=extra))
    assert problems == {}


@pytest.mark.parametrize("unit", ["1 ", "age ", "\t"])
def test_an_age_line_made_to_slow_its_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(extra=f"Age: {text}\n")),
                  2_000, repeats=3) < LINEAR


def _with_a_text_file(text: str,
                      charset: str = "utf-8") -> tuple[object, list[str], dict[str, str]]:
    message = social_workers_message()
    message.set_content("Please see attached.\n\nJo Fictional, Social Worker\n")
    message.add_attachment(text.encode(charset), maintype="text", subtype="plain",
                           filename="referral.txt", params={"charset": charset})
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, read.problems, {str(problem.field): problem.problem for problem in problems}


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_a_form_in_a_text_attachment_is_read(charset: str) -> None:
    """'Please see attached' with the form in a .txt file had been refused as holding no form."""
    form, _, problems = _with_a_text_file(_form(Background="Maisie\u2019s nan is nearby."),
                                          charset)
    assert problems == {} and form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_text_attachment_with_no_form_is_named() -> None:
    _, read_problems, _ = _with_a_text_file("Chronology\n\n01/11/2026 police called.\n")
    assert any("'referral.txt'" in problem for problem in read_problems)


@pytest.mark.parametrize(("label", "value", "code"), [
    ("Placement type", "A small residential home (2–3 beds), not a large unit", "residential"),
    ("Placement type", "Small residential home", "residential"),
    ("Placement type", "She needs a family setting – foster carers who can manage her anxiety",
     "fostering"),
    ("Legal status", "Interim care order under s.38 made 01/12/2026", "interim-care-order"),
    ("Legal status", "Looked after – voluntary (s20), father has PR and agrees", "s20"),
    ("Legal status", "Voluntary (s20)", "s20"),
])
def test_values_in_words_of_round_r14(label: str, value: str, code: str) -> None:
    """Each had been refused as a value the form does not know."""
    placement = label == "Placement type"
    form, problems = _checked(_form(**{label: value}) if placement else _form(
        extra=f"{label}: {value}\n"))
    key = "placement_type" if placement else "legal_status"
    assert problems == {} and getattr(form, key) == code


def test_a_care_order_with_a_placement_order_pending_is_still_not_a_placement_order() -> None:
    form, _ = _checked(_form(extra="Legal status: Care order (s31) granted 12/10/2025; "
                                   "placement order application pending\n"))
    assert getattr(form, "legal_status", None) != "placement-order"


@pytest.mark.parametrize("unit", ["a ", "voluntary - ", "s.38 made 1/", "(s20), "])
def test_words_made_to_slow_the_value_rules_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        **{"Placement type": f"A {text} home"}, extra=f"Legal status: Looked after – {text}\n")),
        2_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("value", "code"), [
    ("Male  X     Female", "male"), ("Male     X  Female", "female"), ("Male X     Female", "male"),
    ("Male     X Female", "female"), ("Male     Female  X", "female"),
])
def test_an_x_typed_beside_a_printed_choice_chooses_it(value: str, code: str) -> None:
    """'Gender:  Male  X     Female' had been refused as no gender we know."""
    form, problems = _checked(_form(Gender=value))
    assert problems == {} and form.gender == code  # type: ignore[attr-defined]


def test_an_x_as_far_from_both_choices_is_asked() -> None:
    _, problems = _checked(_form(Gender="Male   X   Female"))
    assert "as far from" in problems["gender"]


def test_an_x_in_a_row_of_urgencies_is_read() -> None:
    form, problems = _checked(_form(Urgency="Emergency     Urgent  X     Planned"))
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["  X", " x ", "Male  ", "\tX\t"])
def test_a_row_made_to_slow_the_x_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(Gender=f"Male  {text}  Female")),
                  2_000, repeats=3) < LINEAR


def test_questions_answered_on_their_line_after_spaces_are_read() -> None:
    """A web form's 'How urgent is the placement?   Emergency – tonight' had held no form."""
    body = ("What is the child's name?   Zac Fictional\nWhat is their date of birth?   "
            "11/11/2014\nWhat is their gender?   Male\nWhat is their home postcode?   NB4 4AB\n"
            "What type of placement do you need?   Foster care\nHow urgent is the placement?"
            "   Emergency – tonight\nWhen is the placement needed from?\tToday\n"
            "What are the child's needs?   SEMH, ADHD\nTell us about the background and any "
            "risks?   Zac was found alone at home; mum has not returned.\n")
    form, problems = _checked(body)
    assert problems == {} and (form.urgency, form.needs, str(form.needed_from)) == (  # type: ignore[attr-defined]
        "emergency", ["semh", "adhd"], "2026-12-03")


def test_a_question_in_a_sentence_with_one_space_is_no_label() -> None:
    form, problems = _checked(_form(Background="How urgent is the placement? Very, she is "
                                               "at risk tonight."))
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["?  ", "How urgent is the placement?  ", "\t?"])
def test_questions_made_to_slow_the_question_rule_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(extra=f"{text}\n")),
                  2_000, repeats=3) < LINEAR


def _html_rows(rows: list[tuple[str, ...]]) -> tuple[object, dict[str, str]]:
    cells = "".join("<tr>" + "".join(f"<td>{cell or '&nbsp;'}</td>" for cell in row) + "</tr>"
                    for row in rows)
    message = social_workers_message()
    message.set_content("Referral below.\n")
    message.add_alternative(f"<html><body><p>Referral below.</p><table>{cells}</table>"
                            "</body></html>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


def test_a_table_with_an_empty_spacer_column_is_read() -> None:
    """Outlook's label | spacer | value rows had held 'no referral form'."""
    rows = [(label, "", value) for label, value in (line.split(": ", 1)
                                                    for line in _form().splitlines())]
    form, problems = _html_rows(rows)
    assert problems == {} and form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_three_column_table_with_its_middle_column_filled_keeps_its_columns() -> None:
    rows = [(label, "", value) for label, value in (line.split(": ", 1)
                                                    for line in _form().splitlines())]
    rows[2] = ("Gender", "Male", "Female")  # (a table with a filled middle cell)
    _, problems = _html_rows(rows)
    assert problems  # not read as label | value


def test_a_yes_no_question_answered_after_a_tab_gives_no_value() -> None:
    """After the rule above, 'Does the child have any health needs?⇥No' had been read as
    needs 'No'."""
    form, problems = _checked(_form(Needs="SEMH, trauma\nDoes the child have a disability?\tNo\n"
                                          "Does the child have any health needs?\tNo"))
    assert problems == {} and form.needs == ["semh", "trauma"]  # type: ignore[attr-defined]
