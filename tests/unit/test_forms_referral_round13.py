"""Referrals as round R13's outside tester wrote them: a template's prompt left in place of
an answer, a day with no month under a subject naming the month, fields sharing a line two
spaces apart, and re-sent details above the quoted first attempt.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import check_referral, read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import (
    _FORM,
    ON,
    REFERRAL,
    _checked,
    _form,
    social_workers_message,
)


def _checked_under(subject: str, body: str) -> tuple[object, dict[str, str]]:
    message = social_workers_message()
    message.replace_header("Subject", subject)
    message.set_content(body)
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


@pytest.mark.parametrize("prompt", ["[Enter ethnicity]", "Please enter", "[Please enter]",
                                    "Insert first language here"])
def test_a_template_prompt_is_no_value(prompt: str) -> None:
    """'Enter ethnicity' had gone to providers as the child's ethnicity."""
    form, problems = _checked(_form(extra=f"Ethnicity: {prompt}\nFirst language: {prompt}\n"))
    assert problems == {}
    assert (form.ethnicity, form.language) == (None, None)  # type: ignore[attr-defined]


def test_an_answer_is_still_read_beside_the_prompt_rule() -> None:
    form, problems = _checked(_form(extra="Ethnicity: [White British]\n"))
    assert problems == {} and form.ethnicity == "White British"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("subject", "needed", "day"), [
    ("Foster placement required from January - K.E.", "the 14th", "2027-01-14"),
    ("Placement needed from Monday 11 January", "Monday 11th", "2027-01-11"),
    ("Placement referral", "the 14th", "2026-12-14"),
    ("Placement referral for December", "14th", "2026-12-14"),
])
def test_a_day_with_no_month_is_in_the_month_the_subject_names(
        subject: str, needed: str, day: str) -> None:
    """'the 14th' under a subject naming January had been read as 14 December."""
    form, problems = _checked_under(subject, _form(**{"Needed from": needed}))
    assert problems == {} and str(form.needed_from) == day  # type: ignore[attr-defined]


def test_a_subject_naming_two_months_adds_none() -> None:
    form, _ = _checked_under("Placement from December or January",
                             _form(**{"Needed from": "the 14th"}))
    assert str(form.needed_from) == "2026-12-14"  # type: ignore[attr-defined]


def _resent(new: str, old: dict[str, str]) -> str:
    quoted = "".join(f"> {line}\n" for line in _form(**old).splitlines())
    return (f"Hi,\n\nAs requested, the missing details:\n\n{new}\nThanks\nPat\n\n"
            f"On Thu, 3 Dec 2026 at 07:31, Pat Dorrington <pat@northby.example> wrote:\n{quoted}")


@pytest.mark.parametrize(("new", "old", "field", "value"), [
    ("Date of birth: 30/01/2012\n", {"Date of birth": "missing"}, "date_of_birth", "2012-01-30"),
    ("Needs: SEMH, self-harm\n", {"Needs": "see attached assessment"}, "needs",
     ["semh", "self-harm"]),
    ("Urgency: Emergency - she needs to move today\nNeeded from: today\n",
     {"Urgency": "High", "Needed from": "ASAP"}, "urgency", "emergency"),
])
def test_details_resent_above_the_quoted_form_replace_its_unusable_values(
        new: str, old: dict[str, str], field: str, value: object) -> None:
    """Round R13: these had been 'given twice with different values'."""
    form, problems = _checked(_resent(new, old))
    got = getattr(form, field)
    assert problems == {} and (str(got) if field == "date_of_birth" else got) == value


def test_two_usable_values_above_and_in_the_quoted_form_are_still_asked_about() -> None:
    _, problems = _checked(_resent("Urgency: Emergency\n", {"Urgency": "Planned"}))
    assert "twice" in problems["urgency"]


@pytest.mark.parametrize("line", ["Age: 14  Gender: Female  Legal: S31",
                                  "Gender: Female  Age: 14  Legal: S31",
                                  "Gender: Female\tAge: 14\tLegal: S31"])
def test_fields_two_spaces_or_a_tab_apart_are_split_around_a_label_no_field_knows(
        line: str) -> None:
    """Round R13: 'Age' hid the gender after it, or the gender took 'F Age: 14 Legal: S31'."""
    body = _form(extra=line + "\n").replace("Gender: Female\n", "", 1)
    form, problems = _checked(body)
    assert problems == {}
    assert (form.gender, form.legal_status) == ("female", "care-order")  # type: ignore[attr-defined]


def test_a_sentence_with_two_spaces_in_the_background_is_not_split() -> None:
    form, problems = _checked(_form(Background="She said: no.  Police: called twice."))
    assert problems == {}
    assert "Police" in form.background  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Age: 1  ", "Gender: F \t", "a:  "])
def test_a_line_made_to_slow_the_side_by_side_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(extra=f"Legal: S20  {text}\n")),
                  2_000, repeats=3) < LINEAR


def test_needed_alone_is_the_needed_from_label() -> None:
    """Round R13's phone referral: 'Needed: tonight' had been 'no value was given'."""
    form, problems = _checked(_form().replace("Needed from: 14/12/2026", "Needed: tonight"))
    assert problems == {} and str(form.needed_from) == "2026-12-03"  # type: ignore[attr-defined]


def test_a_bilingual_need_is_read_by_its_english_side() -> None:
    """Round R13: 'hunan-niweidio / self-harm' had been 'not one of the needs we know'."""
    form, problems = _checked(_form(Needs="SEMH, hunan-niweidio / self-harm"))
    assert problems == {} and form.needs == ["semh", "self-harm"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("needs", ["SEMH, ADHD / query", "SEMH, ADHD / not diagnosed",
                                   "SEMH, CSE / possible"])
def test_a_need_doubted_after_a_slash_is_still_asked_about(needs: str) -> None:
    _, problems = _checked(_form(Needs=needs))
    assert "needs" in problems


def _html_table(rows: list[tuple[str, str]]) -> bytes:
    message = social_workers_message()
    cells = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
    message.set_content("<html><body><table>" + cells + "</table></body></html>", subtype="html")
    return bytes(message)


@pytest.mark.parametrize("welsh_first", [True, False])
def test_a_label_cell_in_welsh_over_english_is_the_english_label(welsh_first: bool) -> None:
    """Round R13: 'Dyddiad geni' over 'Date of birth' in one cell had read as no form."""
    welsh = {"Child's name": "Enw'r plentyn", "Date of birth": "Dyddiad geni",
             "Gender": "Rhywedd", "Home postcode": "Cod post", "Placement type": "Math o leoliad",
             "Urgency": "Brys", "Needed from": "Angen o", "Needs": "Anghenion",
             "Background": "Cefndir a risgiau"}
    rows = [((f"{welsh[label]}<br>{label}" if welsh_first else f"{label}<br>{welsh[label]}"),
             value) for label, value in _FORM]
    read = read_message(_html_table(rows), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON)
    assert problems == [] and str(form.date_of_birth) == "2012-03-14"


def test_a_cell_of_a_label_over_its_value_is_no_bilingual_label() -> None:
    assert REFERRAL.field_for_cell("First language\nEnglish") is None
    assert REFERRAL.field_for_cell("Gender\nFemale") is None
    assert REFERRAL.field_for_cell("Rhywedd\nGender") is REFERRAL.field("gender")


def _csv(cell: str) -> str:
    return f'"{cell}"' if "," in cell else cell


def test_a_csv_header_row_over_a_row_of_values_is_read() -> None:
    """Round R13: a system's two-row CSV export had read as no form."""
    body = ("Our system exports the referral as below:\n\n"
            + ",".join(label for label, _ in _FORM) + "\n"
            + ",".join(_csv(value) for _, value in _FORM) + "\n\nKind regards,\nPat\n")
    form, problems = _checked(body)
    assert problems == {}
    assert (form.needs, str(form.date_of_birth)) == (  # type: ignore[attr-defined]
        ["semh", "missing"], "2012-03-14")


@pytest.mark.parametrize("unit", ['"a,', ",", 'Needs,"'])
def test_csv_made_to_slow_the_csv_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(
        "Child's name,Date of birth,Gender,Needs\n" + text + "\n"), 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("duration", "code"), [
    ("Overnight then review by day team", "emergency"),
    ("Short term, then to be reviewed", "short-term"),
    ("Ongoing short breaks", "respite"),
])
def test_durations_of_round_r13(duration: str, code: str) -> None:
    form, problems = _checked(_form(extra=f"Duration: {duration}\n"))
    assert problems == {} and form.duration == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("placement", "code"), [
    ("Respite – foster care over Christmas (21/12 to 28/12)", "fostering"),
    ("Residential over the summer holidays", "residential"),
])
def test_a_placement_type_over_a_time_is_that_type(placement: str, code: str) -> None:
    """'Respite – foster care over Christmas' had been refused as no type."""
    form, problems = _checked(_form(**{"Placement type": placement}))
    assert problems == {} and form.placement_type == code  # type: ignore[attr-defined]


def test_a_length_then_another_is_still_asked_about() -> None:
    _, problems = _checked(_form(extra="Duration: Short term then long term\n"))
    assert "duration" in problems


@pytest.mark.parametrize("unit", ["a then ", " ", "Overnight then"])
def test_a_duration_made_to_slow_the_review_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        extra=f"Duration: {text} then review\n")), 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["Monday ", "the 1"])
def test_a_subject_made_to_slow_the_month_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked_under("January", _form(
        **{"Needed from": text})), 2_000, repeats=3) < LINEAR


@pytest.mark.parametrize("unit", ["enter ", "please enter x "])
def test_text_made_to_slow_the_round_r13_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        extra=f"Ethnicity: {text}\n")), 2_000, repeats=3) < LINEAR
