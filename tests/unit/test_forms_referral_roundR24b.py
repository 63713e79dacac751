"""Round R24's cases a social worker expects read (outside tester): a required choice left
blank on the form and named in her note above it (S17), a month's name mistyped (D10), and
remarks beside the known needs in the Needs line (N02).

The people and places are fictional.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from broker.forms import check_referral, read_message
from broker.forms.dates import parse_uk_date
from broker.forms.message import ReadMessage
from broker.forms.noted_choices import IN_A_NOTE
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _email
from tests.unit.test_lifecycle import FORM
from tests.unit.test_social_worker_emails_late_and_needed import _email as _sent
from tests.unit.test_social_worker_emails_late_and_needed import _text
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State

_ROWS = [
    ("Child's name", "Harley Brocklehurst"), ("Date of birth", "30/06/2012"), ("Gender", "Male"),
    ("Home postcode", "ZZ99 5GG"), ("Placement type", "Foster care"), ("Urgency", ""),
    ("Needed from", "14/12/2026"), ("Needs", "SEMH"), ("Legal status", "S20"),
    ("Background and risks", "His placement with his aunt has broken down."),
]


def _referral(note: str = "", below: str = "", **changed: str) -> str:
    rows = "\n".join(f"{label}: {changed.get(label, value)}".rstrip()
                     for label, value in _ROWS if changed.get(label, value) is not None)
    return f"Hi,\n\n{note}\n\n{rows}\n\n{below}\n\nThanks\nSam\n"


def _problems(body: str) -> tuple[ReadMessage, dict[str, str]]:
    read = read_message(_email(body), REFERRAL)
    _, problems = check_referral(dict(read.fields), REFERRAL, message_date=ON,
                                 conflicts=read.conflicts, conflicting=read.conflicting,
                                 set_aside=read.set_aside)
    return read, {problem.field: problem.problem for problem in problems}


# --- S17: a blank choice the note names -----------------------------------------------------

@pytest.mark.parametrize(("note", "key", "code"), [
    ("This one is an emergency - he was arrested last night and cannot return home, we need "
     "a bed today.", "urgency", "emergency"),
    ("Fairly urgent this one please, his aunt can keep him until Friday.", "urgency", "urgent"),
])
def test_a_blank_choice_is_taken_from_the_one_her_note_names(note: str, key: str,
                                                               code: str) -> None:
    read, problems = _problems(_referral(note))
    assert read.fields[key] == code
    assert read.from_note == {key: code}
    assert key not in problems


def test_a_missing_placement_type_is_taken_from_the_note_too() -> None:
    read, problems = _problems(_referral("We need a foster placement for him, it's urgent.",
                                         **{"Placement type": None, "Urgency": "Urgent"}))
    assert read.from_note == {"placement_type": "fostering"}
    assert problems == {}


@pytest.mark.parametrize("note", [
    "It's urgent, or planned if nothing comes up this week.",  # two choices named
    "It's not an emergency, he can stay with his aunt for now.",  # one denied
])
def test_a_note_naming_the_choice_doubtfully_is_quoted_when_she_is_asked(note: str) -> None:
    read, problems = _problems(_referral(note))
    assert "urgency" not in read.fields or not read.fields["urgency"]
    assert read.from_note == {}
    assert read.set_aside["urgency"].startswith(IN_A_NOTE)
    assert note.rstrip(".") in problems["urgency"]
    assert "no value was given" not in problems["urgency"]


@pytest.mark.parametrize("body", [
    # the choice named only in quoted history, in a narrative, or not at all
    _referral("Please see below.", below="> On Monday Jo wrote:\n> This is an emergency."),
    _referral("Please see below.", **{"Background and risks": "It became an emergency on "
                                      "Friday when his aunt fell ill."}),
    _referral("Please see below."),
])
def test_a_choice_outside_her_own_note_is_not_read(body: str) -> None:
    read, problems = _problems(body)
    assert read.from_note == {}
    assert problems["urgency"] == "no value was given, and a referral needs one"


def test_a_choice_the_form_gives_is_not_replaced_by_the_note() -> None:
    read, _ = _problems(_referral("This is an emergency.", Urgency="Planned"))
    assert read.from_note == {}


def test_a_reply_on_the_thread_is_not_read_for_a_blank_choice() -> None:
    read = read_message(_email("Sorry, it's an emergency now.\n\nNeeds: SEMH\n"), REFERRAL,
                        new_text_only=True)
    assert read.from_note == {} and "urgency" not in read.fields


def test_the_acknowledgement_says_which_line_was_read_from_her_note() -> None:
    fields = {**FORM.fields, "urgency": "emergency"}
    form = replace(FORM, fields=fields, from_note={"urgency": "emergency"})
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    _, text = _text(_sent(decision, "social_worker/acknowledgement"))
    assert "Urgency: emergency (from your note)" in text
    plain = replace(FORM, fields=fields)
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=plain))
    assert "from your note" not in _text(_sent(decision, "social_worker/acknowledgement"))[1]



# Rule `noted-of-this-referral` (attacker review 29, F4): a note that merely mentions a choice
# (another time, another child, another's words, a case that may never come) sets nothing.

@pytest.mark.parametrize("note", [
    "Her last move was an emergency one, at night; this time we can plan.",
    "Unrelated: her brother's referral last week was an emergency.",
    "Oak House said it would treat it as an emergency if we wanted.",
    "If the placement breaks down it becomes an emergency.",
    "It was urgent before, when his aunt first called.",
])
def test_an_urgency_the_note_only_mentions_is_asked_for(note: str) -> None:
    read, problems = _problems(_referral(note))
    assert read.from_note == {} and not read.fields.get("urgency")
    assert read.set_aside["urgency"].startswith(IN_A_NOTE)
    assert "urgency" in problems


@pytest.mark.parametrize("note", [
    "Her sister is in residential.",
    "He was in foster care before.",
    "If foster breaks down we'd look at residential.",
    "If foster breaks down, we would look at residential.",
    "He is currently in foster care with his aunt's friend.",
])
def test_a_placement_type_the_note_only_mentions_is_asked_for(note: str) -> None:
    read, problems = _problems(_referral(note, **{"Placement type": None, "Urgency": "Urgent"}))
    assert read.from_note == {} and not read.fields.get("placement_type")
    assert "placement_type" in problems


@pytest.mark.parametrize(("note", "key", "code"), [
    ("This one is an emergency.", "urgency", "emergency"),
    ("this is urgent please", "urgency", "urgent"),
    ("It's an emergency placement - we need a bed tonight.", "urgency", "emergency"),
    ("Her last move was planned, but this one is an emergency.", "urgency", "emergency"),
    ("Would you treat this as an emergency please.", "urgency", "emergency"),
])
def test_a_choice_said_of_this_referral_now_is_taken(note: str, key: str, code: str) -> None:
    read, problems = _problems(_referral(note))
    assert read.from_note == {key: code} and key not in problems


def test_a_placement_type_said_of_this_referral_is_taken() -> None:
    read, problems = _problems(_referral("Please find attached a referral for a residential "
                                         "placement.",
                                         **{"Placement type": None, "Urgency": "Urgent"}))
    assert read.from_note == {"placement_type": "residential"} and problems == {}


# --- D10: a month's name mistyped by one slip ------------------------------------------------

@pytest.mark.parametrize(("written", "day"), [
    ("4th Janurary 2027", date(2027, 1, 4)),  # a letter added
    ("4 Janaury 2027", date(2027, 1, 4)),  # two swapped
    ("Febuary 3rd, 2027", date(2027, 2, 3)),  # a letter left out, the month first
    ("14th of Decmeber 2026", date(2026, 12, 14)),
    ("4th Septmber 2027", date(2027, 9, 4)),
    ("1st Augist 2027", date(2027, 8, 1)),  # one changed
])
def test_a_month_mistyped_by_one_slip_between_a_day_and_a_year_is_read(written: str,
                                                                       day: date) -> None:
    assert parse_uk_date(written, ON) == day


@pytest.mark.parametrize("written", [
    "14th Marc 2027",  # fewer than five letters: not read as a month
    "14 Mary 2027",
    "4th Janurary",  # no year beside it
    "4th Jnuarery 2027",  # two slips
])
def test_a_word_that_is_no_month_is_still_asked_about(written: str) -> None:
    with pytest.raises(ValueError, match="not a date we can read"):
        parse_uk_date(written, ON)


def test_a_needed_from_with_a_mistyped_month_reaches_the_referral() -> None:
    _, problems = _problems(_referral(Urgency="Planned", **{"Needed from": "4th Janurary 2027"}))
    assert problems == {}
