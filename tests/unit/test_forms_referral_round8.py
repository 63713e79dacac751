"""Referrals as round R8's outside tester wrote them: a note that changes the needs, a form
resent over its older copy, a Word attachment that disagrees with the body, an American
needed-from, printed forms with dot leaders, placeholders, spans and remarks in brackets.

The people and places are fictional.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from broker.forms import check_referral, fields_from_docx, load_referral_spec, read_message
from broker.forms.referral import check_form
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_docx import as_bytes, word_document

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)
ON = date(2026, 12, 3)

_FORM = [
    ("Child's name", "Maisie Threlfall"), ("Date of birth", "14/03/2012"), ("Gender", "Female"),
    ("Home postcode", "ZZ99 4QT"), ("Placement type", "Residential"), ("Urgency", "Urgent"),
    ("Needed from", "14/12/2026"), ("Needs", "SEMH, missing episodes"),
    ("Background", "Maisie has lived with her grandmother until this autumn."),
]


def _form(separator: str = ": ", extra: str = "", **changed: str) -> str:
    """The form, with values changed by label and `extra` lines before its background."""
    lines = [f"{label}{separator}{changed.get(label, value)}\n" for label, value in _FORM]
    return "".join(lines[:-1]) + extra + lines[-1]


def social_workers_message() -> EmailMessage:
    """An email from a social worker to the service, sent on 3 December, with no body yet."""
    message = EmailMessage()
    message["From"] = "Pat Dorrington <pat.dorrington@northby.gov.example>"
    message["To"] = "referrals@broker.localhost"
    message["Subject"] = "Placement referral"
    message["Date"] = "Thu, 03 Dec 2026 10:02:00 +0000"
    return message


def _email(body: str, attachment: bytes | None = None) -> bytes:
    message = social_workers_message()
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", filename="referral.docx",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document")
    return bytes(message)


def _checked(body: str, attachment: bytes | None = None) -> tuple[object, dict[str, str]]:
    read = read_message(_email(body, attachment), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


def test_a_note_that_the_needs_now_include_another_is_asked_about() -> None:
    body = ("Updated referral - needs now include CSE (exploitation by older males confirmed "
            "by police). Everything else as below.\n\n" + _form())
    _, problems = _checked(body)
    assert "needs" in problems


def test_a_note_naming_needs_the_form_already_gives_changes_nothing() -> None:
    form, problems = _checked("Please note her needs now include SEMH.\n\n" + _form())
    assert problems == {} and form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_form_resent_over_its_older_copy_reads_the_new_one() -> None:
    body = ("Hi,\n\nPlease see the referral again, the date has changed.\n\n"
            + _form("\t", **{"Needed from": "21/12/2026"})
            + "\nKind regards,\nPat\n\nFrom: Pat Dorrington\nSent: 01 December 2026 11:40\n"
              "To: Referrals\nSubject: Placement referral\n\n" + _form())
    form, problems = _checked(body)
    assert problems == {}
    assert form.needed_from == date(2026, 12, 21)  # type: ignore[attr-defined]


def test_a_word_attachment_that_disagrees_with_the_body_is_asked_about() -> None:
    attached = as_bytes(word_document(rows=[*_FORM[:5], ("Urgency", "Emergency"), *_FORM[6:]]))
    _, problems = _checked(_form(), attached)
    assert "urgency" in problems
    assert "'Urgent', 'Emergency'" in problems["urgency"]


def test_a_word_attachment_that_agrees_with_the_body_is_read() -> None:
    form, problems = _checked(_form(), as_bytes(word_document(rows=_FORM)))
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


def test_an_american_needed_from_long_past_is_asked_about() -> None:
    _, problems = _checked(_form(**{"Needed from": "12/07/2026"}))
    assert "needed_from" in problems
    assert "07/12/2026" in problems["needed_from"]


@pytest.mark.parametrize("day", ["01/12/2026", "25/07/2026"])
def test_a_needed_from_past_with_no_near_reading_the_other_way_is_read(day: str) -> None:
    form, problems = _checked(_form(**{"Needed from": day}))
    assert problems == {}
    assert form.needed_from.strftime("%d/%m/%Y") == day  # type: ignore[attr-defined]


def test_a_printed_forms_dot_leaders_separate_its_labels_from_their_values() -> None:
    form, problems = _checked(_form(" ...................... "))
    assert problems == {}
    assert (form.gender, form.needed_from) == ("female", date(2026, 12, 14))  # type: ignore[attr-defined]


@pytest.mark.parametrize("placeholder", ["(Not recorded)", "Not stated", "Not disclosed"])
def test_a_case_systems_placeholder_goes_to_no_provider(placeholder: str) -> None:
    form, problems = _checked(_form(extra=f"Ethnicity: {placeholder}\nReligion: {placeholder}\n"))
    assert problems == {}
    assert (form.ethnicity, form.religion) == (None, None)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("duration", "code"), [
    ("12 weeks", "short-term"), ("approx. 6 months", "short-term"), ("Up to 8 wks", "short-term"),
])
def test_a_duration_given_as_a_span_of_up_to_a_year_is_short_term(duration: str,
                                                                  code: str) -> None:
    form, problems = _checked(_form(extra=f"Duration: {duration}\n"))
    assert problems == {} and form.duration == code  # type: ignore[attr-defined]


def test_a_duration_over_a_year_is_asked() -> None:
    _, problems = _checked(_form(extra="Duration: 18 months\n"))
    assert "duration" in problems


@pytest.mark.parametrize(("needs", "codes"), [
    ("Autism (diagnosed), ADHD (query - awaiting assessment)", ["asd", "adhd"]),
    ("County lines involvement (NRM referral made), cannabis", ["cce", "substance"]),
])
def test_a_needs_remark_in_brackets_stays_with_its_need(needs: str, codes: list[str]) -> None:
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and form.needs == codes  # type: ignore[attr-defined]


def test_a_need_denied_in_brackets_is_asked_about() -> None:
    _, problems = _checked(_form(Needs="SEMH, CSE (not a current concern)"))
    assert "needs" in problems


@pytest.mark.parametrize("unit", ["Needs ........ ", "needs now include CSE, SEMH and ",
                                  "(a - b), ", "12 weeks "])
def test_text_made_to_slow_the_round_r8_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(Needs=text)), 2_000,
                  repeats=3) < LINEAR


def _dropdown(chosen: int | None, *entries: str) -> str:
    """A FORMDROPDOWN field as old council templates hold one: the entries and the index
    chosen, and no run of text (Word draws the entry from the field's data)."""
    result = "" if chosen is None else f"<w:result w:val='{chosen}'/>"
    listed = "".join(f"<w:listEntry w:val='{entry}'/>" for entry in entries)
    return (f"<w:p {nsdecls('w')}><w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:ddList>"
            f"{result}{listed}</w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText> "
            "FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>")


def test_an_old_forms_drop_down_is_read_as_the_entry_chosen() -> None:
    document = word_document([("Placement type", ""), ("Urgency", "")])
    for row, field in enumerate([_dropdown(3, "Please select", "Foster care", "Residential",
                                           "Solo residential"),
                                 _dropdown(None, "Please select", "Emergency", "Urgent")]):
        document.tables[0].rows[row].cells[1]._tc.append(parse_xml(field))  # noqa: SLF001
    fields = fields_from_docx(as_bytes(document), REFERRAL).values
    values, problems = check_form(fields, REFERRAL, message_date=ON)
    assert values["placement_type"] == "residential-solo"
    assert "urgency" in {problem.field for problem in problems}  # "Please select" is no answer


def _html_checked(table: str, leave_out: str) -> tuple[object, list[object]]:
    """The form as an HTML table, with `table`'s rows in place of the field `leave_out`."""
    message = social_workers_message()
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in _FORM
                   if label != leave_out)
    message.set_content(f"<html><body><table>{rows}</table>{table}</body></html>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    return check_referral(read.fields, REFERRAL, message_date=ON)


def test_a_web_pages_check_boxes_are_read_by_their_state() -> None:
    form, problems = _html_checked("<table><tr><td>Gender</td><td><input type='checkbox'> Male "
                                   "&nbsp; <input type='checkbox' checked> Female</td></tr>"
                                   "</table>", "Gender")
    assert problems == [] and form.gender == "female"  # type: ignore[attr-defined]


def test_needs_marked_current_are_the_needs() -> None:
    marks = [("SEMH", "X", ""), ("CSE", "", ""), ("CCE", "X", ""), ("Self-harm", "", "X")]
    table = "<table><tr><th>Need</th><th>Current</th><th>Historic</th></tr>" + "".join(
        f"<tr><td>{need}</td><td>{now}</td><td>{then}</td></tr>" for need, now, then in marks)
    form, problems = _html_checked(table + "</table>", "Needs")
    assert problems == [] and form.needs == ["semh", "cce"]  # type: ignore[attr-defined]


def test_siblings_ticked_among_numbers_are_that_many() -> None:
    form, problems = _checked(_form(extra="Siblings to place together: ☐ 1 ☒ 2 ☐ 3 ☐ 4+\n"))
    assert problems == {} and form.siblings == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(("written", "code"), [
    ("Step-down from residential to fostering", "fostering"),
    ("Mother and baby residential unit", "parent-and-child"),
])
def test_placement_types_as_teams_write_them(written: str, code: str) -> None:
    form, problems = _checked(_form(**{"Placement type": written}))
    assert problems == {} and form.placement_type == code  # type: ignore[attr-defined]


def test_a_gender_for_each_child_of_a_group_says_how_to_refer_them() -> None:
    _, problems = _checked(_form("\t", Gender="Male\tFemale\tMale"))
    assert "several children" in problems["gender"]
    assert "send one referral" in problems["gender"]
