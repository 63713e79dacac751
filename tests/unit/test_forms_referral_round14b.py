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
