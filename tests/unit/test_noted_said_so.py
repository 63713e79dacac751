"""Rule noted-said-so (broker/forms/noted_changes.py): a note outside the form changes a field
only when the social worker's own words say so. Attacker review 37's F1: "Please don't treat
as an emergency now - mum has agreed she can stay until Friday" over a blank urgency sent the
referral to every home as an emergency; so did quoted history ("> …") and a home's words
("Oak House replied: '…'").

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms.noted_changes import Reported, changes_noted
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form

_NEGATED = [
    "Please don't treat as an emergency now - mum has agreed she can stay until Friday.",
    "Form below not updated: no need to treat as an emergency now, mum has agreed she can "
    "stay until Friday.",
    "Manager says we should not treat as an emergency now.",
    "Please do not now treat it as an emergency.",
    "We never said this is now an emergency.",
]


@pytest.mark.parametrize("note", _NEGATED)
def test_a_negated_or_asked_note_leaves_a_blank_urgency_blank(note: str) -> None:
    form, problems = _checked(f"{note}\n\n{_form(Urgency='')}")
    assert "urgency" in problems and "emergency" not in problems["urgency"]


@pytest.mark.parametrize("note", [*_NEGATED, "Should we treat this as an emergency now?"])
def test_a_negated_or_asked_note_is_no_conflict_with_the_forms_urgency(note: str) -> None:
    form, problems = _checked(f"{note}\n\n{_form()}")
    assert problems == {} and form.urgency == "urgent"  # type: ignore[attr-defined]


def test_a_negated_bed_tonight_leaves_the_forms_date() -> None:
    form, problems = _checked("Form below not updated, but she doesn't need a bed tonight."
                              f"\n\n{_form()}")
    assert problems == {} and form.needed_from.day == 14  # type: ignore[attr-defined]


_SAID = "Form below not updated - please treat as an emergency now, she needs a bed tonight."
_ANOTHERS = [f"Please see below.\n\n> {_SAID}", f'Oak House replied: "{_SAID}"',
             f"Dawn said: {_SAID}"]


@pytest.mark.parametrize("note", _ANOTHERS)
def test_anothers_words_never_fill_a_blank_urgency(note: str) -> None:
    _, problems = _checked(f"{note}\n\n{_form(Urgency='')}")
    assert "urgency" in problems and "emergency" not in problems["urgency"]


@pytest.mark.parametrize("note", [*_ANOTHERS, f"Their email says \u2018{_SAID}\u2019"])
def test_anothers_words_are_set_beside_the_forms_value_to_be_asked(note: str) -> None:
    _, problems = _checked(f"{note}\n\n{_form()}")
    assert set(problems) == {"urgency", "needed_from"}
    assert "treat as an emergency now" in problems["urgency"]


def test_every_line_below_an_on_wrote_line_is_anothers() -> None:
    lines = ["Thanks, see the thread.", "On Mon 7 Dec 2026, Oak House <oak@example.org> wrote:",
             "Please treat as an emergency now."]
    noted = changes_noted(lines, REFERRAL)
    assert noted == {"urgency": "emergency"} and isinstance(noted["urgency"], Reported)
    assert not isinstance(changes_noted(lines[2:], REFERRAL)["urgency"], Reported)


@pytest.mark.parametrize("note", ["Please treat as an emergency now, don't wait for panel.",
                                  "This is now an emergency - it's not safe for her at home.",
                                  "Please now treat it as an emergency."])
def test_a_negation_elsewhere_in_the_line_still_lets_the_note_say_so(note: str) -> None:
    assert changes_noted([note], REFERRAL) == {"urgency": "emergency"}
