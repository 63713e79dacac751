"""Referrals as round R14's outside tester wrote them, second pass: a need added in a note
below the signature, risk tables and deleted-word yes/no lists under the needs, a form whose
every cell is a table of its own.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms.html_items import html_items
from broker.forms.items import Row
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import _checked, _form

_SIGNED = "\nKind regards,\nJo Fictional\nSocial Worker\nTel: 01632 960118\n\n"


@pytest.mark.parametrize("note", ["Sorry, forgot to add – she also has an ASD diagnosis.",
                                  "Apologies – her needs also include CSE."])
def test_a_need_added_below_the_signature_is_asked_about_quoting_the_note(note: str) -> None:
    """The reply had said the needs were 'given twice with different values', which the
    social worker had not done: it now quotes the note beside the form's needs."""
    _, problems = _checked(_form() + _SIGNED + note + "\n")
    assert "twice" not in problems["needs"] and "a note in the email says" in problems["needs"]
    assert note.split()[-2] in problems["needs"]


def test_needs_changed_in_a_note_are_still_given_twice() -> None:
    _, problems = _checked("Please note her needs have now changed to CSE.\n\n" + _form())
    assert "twice" in problems["needs"]


@pytest.mark.parametrize("unit", ["needs also include a ", "needs now also ", "also has an "])
def test_notes_made_to_slow_the_round_r14b_rules_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(
        _form() + _SIGNED + f"Sorry {text} CSE\n"), 2_000, repeats=3) < LINEAR


def _needs_under_a_heading(lines: str) -> str:
    """The form with its needs under 'Needs' alone on a line, after the legal status."""
    return _form().replace("Needs: SEMH, missing episodes\n",
                           f"Legal status: Section 20\nNeeds\n{lines}")


@pytest.mark.parametrize(("lines", "needs"), [
    ("Risk\tLevel\nSexual exploitation\tHigh\nMissing episodes\tMedium\nSelf-harm\tNone\n"
     "Substance misuse\tNone\n", ["cse", "missing"]),
    ("Risk\tHigh\tMedium\tLow\tNone\nCSE\tX\t\t\t\nSelf-harm\t\tX\t\t\n"
     "Criminal exploitation\t\t\t\tX\nMissing episodes\tX\t\t\t\n",
     ["cse", "self-harm", "missing"]),
    ("Sexual exploitation: Yes\nCriminal exploitation: Yes / No\nSelf-harm: No\n"
     "Missing episodes: Yes\n", ["cse", "missing"]),
])
def test_needs_in_a_table_or_list_under_a_needs_heading_are_read(lines: str,
                                                                  needs: list[str]) -> None:
    """A risk table (rated High/Medium/None, or marked under the ratings) or a deleted-word
    yes/no list under 'Needs' had been refused as 'no value was given'."""
    form, problems = _checked(_needs_under_a_heading(lines))
    assert problems == {} and form.needs == needs  # type: ignore[attr-defined]
    assert form.legal_status == "s20"  # type: ignore[attr-defined]


def test_a_heading_that_is_another_fields_label_ends_the_value() -> None:
    """'Legal status: Section 20' had run on into the 'Needs' heading and what it heads."""
    form, problems = _checked(_needs_under_a_heading("SEMH, CSE\n"))
    assert problems == {} and form.needs == ["semh", "cse"]  # type: ignore[attr-defined]
    assert form.legal_status == "s20"  # type: ignore[attr-defined]


def test_a_code_of_the_list_alone_on_its_line_is_still_part_of_it() -> None:
    form, problems = _checked(_form(Needs="SEMH\nSelf-harm"))
    assert problems == {} and form.needs == ["semh", "self-harm"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Needs\n", "Risk\tHigh\tNone\nCSE\tX\t\n", "Level \t"])
def test_headings_and_risk_tables_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_needs_under_a_heading(
        f"Risk\tLevel\n{text}\n")), 2_000, repeats=3) < LINEAR


def _boxed(text: str) -> str:
    return f'<table border="1"><tr><td><p class="MsoNormal">{text}</p></td></tr></table>'


def test_a_label_and_a_value_each_boxed_in_a_table_of_their_own_are_one_row() -> None:
    """An Outlook form with each label and value in a one-cell table inside the row had been
    read as labels and values on rows of their own: every field was reported missing."""
    html = ('<table><tr><td colspan="2" style="background:#1F3864"><b><span style="color:white">'
            'SECTION A</span></b></td></tr>'
            f'<tr><td>{_boxed("Child&#39;s name")}</td><td>{_boxed("Kai Fictional")}</td></tr>'
            '<tr><td><p>&nbsp;</p></td><td><p>&nbsp;</p></td></tr>'
            f'<tr><td>{_boxed("Gender")}</td><td>{_boxed("Male")}</td></tr></table>')
    items = html_items(html)
    assert Row(("Child's name", "Kai Fictional")) in items and Row(("Gender", "Male")) in items


def test_a_form_table_nested_in_a_layout_cell_is_still_read_as_rows() -> None:
    html = ("<table><tr><td><p>Referral</p><table><tr><td>Gender</td><td>Male</td></tr>"
            "<tr><td>Urgency</td><td>Urgent</td></tr></table></td></tr></table>")
    items = html_items(html)
    assert Row(("Gender", "Male")) in items and Row(("Urgency", "Urgent")) in items
    assert "Referral" in items


@pytest.mark.parametrize("unit", ["<table><tr><td>x", f"<tr><td>{_boxed('Gender')}</td></tr>",
                                  "<td><table><tr><td></td></tr><tr><td>y"])
def test_boxed_cells_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: html_items(f"<table><tr><td>{text}</td></tr>"
                                                          "</table>"), 2_000, repeats=3) < LINEAR
