"""Rule noted-said-so (broker/forms/noted_changes.py): a note outside the form changes a field
only when the social worker's own words say so. Attacker review 37's F1: "Please don't treat
as an emergency now - mum has agreed she can stay until Friday" over a blank urgency sent the
referral to every home as an emergency; so did quoted history ("> …") and a home's words
("Oak House replied: '…'").

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import read_message
from broker.forms.noted_changes import Reported, changes_noted
from broker.forms.noted_choices import IN_A_NOTE, choices_from_the_note
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _email, _form

_NEGATED = [
    "Please don't treat as an emergency now - mum has agreed she can stay until Friday.",
    "Form below not updated: no need to treat as an emergency now, mum has agreed she can "
    "stay until Friday.",
    "Manager says we should not treat as an emergency now.",
    "Please do not now treat it as an emergency.",
    "We never said this is now an emergency.",
    # Round R30's N06-N07: a negation further back, an indirect question, a refusal after it
    "I can't see any reason to treat this as an emergency now.",
    "Helen asked whether we should treat as an emergency now; I've said no.",
    "We wondered if we should treat as an emergency now.",
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


# Round R30's N02-N04: a downgrade reads as an upgrade does.
@pytest.mark.parametrize(("note", "urgency", "said"), [
    ("No longer urgent - she can stay put with her carers until the new year. Form below not "
     "updated.", "Urgent", "No longer urgent"),
    ("Please downgrade to planned - form below not updated.", "Urgent", "'planned'"),
    ("Was an emergency yesterday, now planned. Form below not updated.", "Emergency",
     "'planned'"),
    ("She is not an emergency any more, her aunt can keep her.", "Emergency", "any more"),
])
def test_a_downgrade_beside_the_forms_urgency_is_asked_about(note: str, urgency: str,
                                                             said: str) -> None:
    _, problems = _checked(f"{note}\n\n{_form(Urgency=urgency)}")
    assert list(problems) == ["urgency"] and said in problems["urgency"]


def test_a_downgrade_naming_the_urgency_fills_a_blank_one() -> None:
    form, problems = _checked(f"Please downgrade to planned.\n\n{_form(Urgency='')}")
    assert problems == {} and form.urgency == "planned"  # type: ignore[attr-defined]


def test_no_longer_urgent_names_no_urgency_and_leaves_a_blank_one_asked() -> None:
    _, problems = _checked(f"No longer urgent - she can stay put.\n\n{_form(Urgency='')}")
    noted = changes_noted(["No longer urgent - she can stay put."], REFERRAL)
    assert "urgency" in problems and isinstance(noted["urgency"], Reported)


def test_a_move_now_planned_for_a_day_is_no_urgency() -> None:
    assert changes_noted(["The move is now planned for 14/12/2026."], REFERRAL) == {}


def test_a_bed_tonight_in_a_note_saying_no_emergency_is_asked_beside_the_forms_date() -> None:
    """Round R30's N09: "Police protection was used last night - she needs a bed tonight"
    above a form saying Urgent, needed from the 14th, went out from the 14th unasked."""
    _, problems = _checked("Police protection was used last night - she needs a bed tonight."
                           f"\n\n{_form()}")
    assert "needed_from" in problems and "bed tonight" in problems["needed_from"]
    noted = changes_noted(["Police protection was used last night - she needs a bed tonight."],
                          REFERRAL)
    assert noted == {"needed_from": "tonight"} and isinstance(noted["needed_from"], Reported)


@pytest.mark.parametrize("sum_", ["£5,600 a month", "£800 a night", "£290,000 a year"])
def test_a_budget_by_another_period_than_a_week_is_only_set_beside_the_forms(sum_: str) -> None:
    """Round R30's B06: a month's sum was read as a week's."""
    noted = changes_noted([f"Budget now agreed at {sum_} - form below not updated."], REFERRAL)
    assert noted == {"budget_weekly": sum_} and isinstance(noted["budget_weekly"], Reported)
    weekly = changes_noted(["Budget now agreed at £5,600 a week - form below not updated."],
                           REFERRAL)
    assert not isinstance(weekly["budget_weekly"], Reported)


# Attacker review 38, F3: both readers of the note (changes_noted and, over a blank choice,
# noted_choices) read someone else's words by one notion (broker/forms/anothers_words.py).
# Another's words in any of these shapes set a blank urgency: noted_choices split "Dawn
# said: …" at its colon and kept what she said; a forward's header, "Oak House wrote:" on a
# line of its own, single quotes, «guillemets» and „low-9 quotes“ were read as hers.

_FORWARDED = ("FYI, see below.\n\n---------- Forwarded message ---------\nFrom: Oak House "
              "<ops@oakhouse.example>\nDate: Thu, 3 Dec 2026 at 09:00\nSubject: Ayla\n\n{S}\n")
_APPLE = ("FYI.\n\nBegin forwarded message:\n\nFrom: Oak House <ops@oakhouse.example>\n"
          "Subject: Ayla\n\n{S}\n")
_SHAPES = ["Dawn said: {S}", "Mum says: {S}", "Oak House wrote:\n{S}", "Oak House replied:\n{S}",
           "Oak House replied - {S}", _FORWARDED, _APPLE, "Their email: '{S}'",
           "Oak House: \u00ab{S}\u00bb", "Their email: \u201e{S}\u201c",
           "According to Oak House, {S}", "Per Oak House, {S}"]
_HERS = ["Urgency is now emergency.", "Please treat as an emergency now.", "This is an emergency."]


@pytest.mark.parametrize("said", _HERS)
@pytest.mark.parametrize("shape", _SHAPES)
def test_anothers_words_in_any_shape_leave_a_blank_urgency_to_be_asked(shape: str,
                                                                        said: str) -> None:
    read = read_message(_email(f"{shape.format(S=said)}\n\n{_form(Urgency='')}"), REFERRAL)
    assert not read.fields.get("urgency") and read.from_note == {}
    _, problems = _checked(f"{shape.format(S=said)}\n\n{_form(Urgency='')}")
    assert "urgency" in problems


@pytest.mark.parametrize("shape", _SHAPES)
def test_anothers_words_in_any_shape_are_asked_about_beside_the_forms_urgency(shape: str) -> None:
    form, problems = _checked(f"{shape.format(S='Urgency is now emergency.')}\n\n"
                              f"{_form(Urgency='Planned')}")
    assert "urgency" in problems and "emergency" in problems["urgency"]


def test_anothers_words_over_a_blank_choice_are_quoted_when_it_is_asked_for() -> None:
    noted = choices_from_the_note({}, ["Dawn said: Urgency is now emergency."], REFERRAL)
    assert noted.taken == {}
    assert noted.asked == {"urgency": f"{IN_A_NOTE}Dawn said: Urgency is now emergency."}


@pytest.mark.parametrize("header", ["---------- Forwarded message ---------",
                                    "Begin forwarded message:", "-----Original Message-----",
                                    "Oak House wrote:", "Mum says:"])
def test_every_line_below_a_forwards_header_or_whose_words_line_is_anothers(header: str) -> None:
    lines = ["FYI.", header, "Please treat as an emergency now."]
    noted = changes_noted(lines, REFERRAL)
    assert noted == {"urgency": "emergency"} and isinstance(noted["urgency"], Reported)
    assert choices_from_the_note({}, lines, REFERRAL).taken == {}


def test_a_note_below_the_signature_under_anothers_name_is_not_hers() -> None:
    form, problems = _checked(f"{_form(Urgency='')}\nKind regards\nSam Lee\n\nOak House "
                              "wrote:\nPlease treat as an emergency now.\n")
    assert "urgency" in problems


@pytest.mark.parametrize("note", [
    "This one is an emergency; Oak House replied: 'we are full'.",
    "Oak House said they're full, so this is an emergency.",
])
def test_her_own_words_beside_anothers_are_still_read(note: str) -> None:
    read = read_message(_email(f"{note}\n\n{_form(Urgency='')}"), REFERRAL)
    assert read.fields.get("urgency") == "emergency"
