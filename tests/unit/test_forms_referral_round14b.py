"""Referrals as round R14's outside tester wrote them, second pass: a need added in a note
below the signature, risk tables and deleted-word yes/no lists under the needs, a form whose
every cell is a table of its own.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

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
