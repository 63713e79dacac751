"""Referrals as round R17's outside tester wrote them: a section of another Act beside an
unknown legal status, an age with a remark after it, the same gender given twice in two
words, placement types, needs and legal statuses in other words, and years written '11.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import spec as spec_module
from broker.forms.spec import FormSpec
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import _FORM, REFERRAL, _checked, _form

SPEC: FormSpec = REFERRAL


@pytest.mark.parametrize("status", [
    "PACE transfer - s.38(6) PACE, charged and refused bail, court Monday",
    "PACE transfer \u2013 section 38 of PACE",
])
def test_a_section_of_another_act_is_no_children_act_section(status: str) -> None:
    """'s.38(6) PACE' after an unknown status had been read as an interim care order."""
    _, problems = _checked(_form(extra=f"Legal status: {status}\n"))
    assert "legal_status" in problems


@pytest.mark.parametrize(("status", "code"), [
    ("ICO - s.38 CA 1989", "interim-care-order"),
    ("Remanded - s.91 LASPO", "remand"),
    ("Section 38", "interim-care-order"),
])
def test_a_children_act_section_is_still_read(status: str, code: str) -> None:
    form, problems = _checked(_form(extra=f"Legal status: {status}\n"))
    assert problems == {} and form.legal_status == code  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["s.38(6) ", "s 1 of the ", "section 38      x", "s1(a)(b)(c)(d)"])
def test_text_made_to_slow_the_other_acts_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: list(
        spec_module._OTHER_ACTS_SECTION.finditer(text)),
                  20_000) < LINEAR


@pytest.mark.parametrize("age", ["Age: 15 \u2013 turns 16 in March", "Age: 15 (16 in March)",
                                 "Age: 15, nearly 16"])
def test_an_age_with_a_remark_the_birth_date_does_not_give_is_asked_about(age: str) -> None:
    """'Age: 12 - turns 13 next month' beside a date of birth making the child 11 had been
    accepted with the date's age: any remark switched the check off."""
    _, problems = _checked(_form(extra=f"{age}\n"))  # born 14/03/2012: 14 on 3 December
    assert "date_of_birth" in problems


@pytest.mark.parametrize("age", ["Age: 14 \u2013 turns 15 in March", "Age: 14 (15 in March)",
                                 "Age: 15 (claimed) - assessed as older"])
def test_an_age_with_a_remark_that_agrees_or_is_claimed_is_no_conflict(age: str) -> None:
    form, problems = _checked(_form(extra=f"{age}\n"))
    assert problems == {} and str(form.date_of_birth) == "2012-03-14"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Age: 1", " - ", "((((", "Age: 12 ."])
def test_text_made_to_slow_the_age_rule_is_read_in_linear_time(unit: str) -> None:
    from broker.forms import message
    assert growth(repeated(unit), lambda text: [
        message._AN_AGE_LINE.fullmatch(text[:index]) for index in range(0, len(text), 50)],
        4_000) < LINEAR


@pytest.mark.parametrize(("first", "second", "code"), [
    ("Gender: Boy", "Sex: M", "male"), ("Gender: F", "Gender identity: Female", "female")])
def test_one_gender_in_two_words_is_no_conflict(first: str, second: str, code: str) -> None:
    """'Gender: Boy' over 'Sex: M' had been refused as given twice with different values."""
    body = _form(extra=f"{second}\n").replace("Gender: Female\n", f"{first}\n")
    form, problems = _checked(body)
    assert problems == {} and form.gender == code  # type: ignore[attr-defined]


@pytest.mark.parametrize("second", ["Sex: M", "Gender identity: Female (identifies as male)"])
def test_two_genders_or_one_with_a_remark_are_still_asked_about(second: str) -> None:
    _, problems = _checked(_form(extra=f"{second}\n"))
    assert "gender" in problems


@pytest.mark.parametrize(("placement", "code"), [
    ("Mother & baby foster placement", "parent-and-child"),
    ("Single-child home \u2013 2:1 staffing", "residential-solo"),
    ("Therapeutic foster carer (level 4)", "fostering-specialist"),
])
def test_placement_types_of_round_r17(placement: str, code: str) -> None:
    """Each had been refused as a placement type we do not know."""
    form, problems = _checked(_form(**{"Placement type": placement}))
    assert problems == {} and form.placement_type == code  # type: ignore[attr-defined]


def test_complex_medical_needs_in_other_words_are_medical() -> None:
    """'Complex medical – tube fed (NG tube)' had been refused as needs we do not know."""
    form, problems = _checked(_form(**{"Needs": "Complex medical \u2013 tube fed (NG tube), "
                                                "epilepsy with rescue medication"}))
    assert problems == {} and form.needs == ["medical"]  # type: ignore[attr-defined]


def test_pp_is_police_protection() -> None:
    """'PP (police protection) – taken under s46 at 01:30' had been refused as unknown."""
    form, problems = _checked(_form(
        extra="Legal status: PP (police protection) \u2013 taken under s46 at 01:30\n"))
    assert problems == {} and form.legal_status == "other"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("born", "needed"), [("3rd April '11", "Mon 14th Dec '26"),
                                              ("3 Apr \u201911", "14 Dec \u201926")])
def test_a_two_digit_year_after_an_apostrophe_is_the_year(born: str, needed: str) -> None:
    """'Date of birth: 3rd April '11' had been refused as having no year."""
    form, problems = _checked(_form(**{"Date of birth": born, "Needed from": needed}))
    assert problems == {}
    assert (str(form.date_of_birth), str(form.needed_from)) == (  # type: ignore[attr-defined]
        "2011-04-03", "2026-12-14")


@pytest.mark.parametrize("unit", ["a '", "a  '1", "Apr '11'"])
def test_text_made_to_slow_the_year_rule_is_read_in_linear_time(unit: str) -> None:
    from broker.forms import referral
    assert growth(repeated(unit), lambda text: referral._YEAR_APOSTROPHE.sub(" ", text),
                  20_000) < LINEAR


def _values_above_labels(pairs: list[tuple[str, str]]) -> str:
    return "Hi,\n\nReferral as below.\n\n" + "".join(
        f"{value}\n{label}\n\n" for label, value in pairs) + "Dev Kaur\nSocial worker\n"


def test_values_typed_above_their_labels_are_read_pair_by_pair() -> None:
    """A paper form typed up with each value over its label had been refused with eleven
    shifted errors ('Female' is not a date, …)."""
    form, problems = _checked(_values_above_labels(_FORM))
    assert problems == {}
    assert (form.gender, form.placement_type, str(form.needed_from)) == (  # type: ignore[attr-defined]
        "female", "residential", "2026-12-14")


def test_labels_over_their_values_apart_by_blank_lines_are_read_as_before() -> None:
    body = "Hi,\n\n" + "".join(f"{label}\n{value}\n\n" for label, value in _FORM)
    form, problems = _checked(body)
    assert problems == {} and form.gender == "female"  # type: ignore[attr-defined]


def _two_versions(first: str, second: str) -> tuple[object, dict[str, str]]:
    from broker.forms import check_referral, read_message
    from tests.unit.test_forms_docx import as_bytes, word_document
    from tests.unit.test_forms_referral_round8 import ON, social_workers_message
    message = social_workers_message()
    message.set_content("Please use v2, the first had the wrong start date.\n")
    for name, needed in ((first, "07/12/2026"), (second, "21/12/2026")):
        rows = [(label, needed if label == "Needed from" else value) for label, value in _FORM]
        message.add_attachment(as_bytes(word_document(rows)), maintype="application",
                               filename=name, subtype="vnd.openxmlformats-officedocument."
                               "wordprocessingml.document")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


@pytest.mark.parametrize(("first", "second"), [
    ("Referral form v1.docx", "Referral form v2 - UPDATED.docx"),
    ("Referral form v2 - UPDATED.docx", "Referral form v1.docx"),
    ("Referral form.docx", "Referral form (revised).docx"),
])
def test_only_the_newest_of_two_versions_of_one_form_is_read(first: str, second: str) -> None:
    """Two versions of one form attached had been refused as giving the start date twice."""
    form, problems = _two_versions(first, second)
    needed = "2026-12-21" if "v1" in first or "revised" in second else "2026-12-07"
    assert problems == {} and str(form.needed_from) == needed  # type: ignore[attr-defined]


@pytest.mark.parametrize(("first", "second"), [
    ("Referral form.docx", "Referral form v1.docx"), ("Referral form.docx", "Placement form.docx"),
    ("Referral form updated.docx", "Referral form revised.docx")])
def test_two_forms_not_marked_one_newer_are_still_asked_about(first: str, second: str) -> None:
    _, problems = _two_versions(first, second)
    assert "needed_from" in problems


@pytest.mark.parametrize("unit", ["v1", "v 1 ", "version", "_-_-", "updatedv"])
def test_text_made_to_slow_the_version_rule_is_read_in_linear_time(unit: str) -> None:
    from broker.forms import message
    assert growth(repeated(unit), lambda text: (list(message._VERSION_MARK.finditer(text)),
                                                message._NOT_A_NAME.sub(" ", text)),
                  20_000) < LINEAR


def _html_table(rows: list[tuple[str, str]]) -> tuple[object, dict[str, str]]:
    from broker.forms import check_referral, read_message
    from tests.unit.test_forms_referral_round8 import ON, social_workers_message
    message = social_workers_message()
    cells = "".join(f"<tr><td>{first}</td><td><b>{second}</b></td></tr>" for first, second in rows)
    message.set_content(f"<p>Referral below.</p><table>{cells}</table>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


def test_a_table_headed_answer_then_question_is_read_value_first() -> None:
    """A table under 'Answer | Question' had been refused as holding no referral form."""
    form, problems = _html_table([("Answer", "Question"), *[
        (value, label) for label, value in _FORM]])
    assert problems == {} and form.placement_type == "residential"  # type: ignore[attr-defined]


def test_a_table_headed_question_then_answer_is_read_as_before() -> None:
    form, problems = _html_table([("Question", "Answer"), *_FORM])
    assert problems == {} and form.placement_type == "residential"  # type: ignore[attr-defined]
