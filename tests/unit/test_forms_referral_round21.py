"""Referrals as round R21's outside tester wrote them: a parent-and-child form whose young
parent's own fields sit under "PARENT'S DETAILS", a phone's "URG:" label, aggression said with
whom it is aimed at, a special school's day place, a step down to "a small residential home"
and values one slip of the keys from a known one.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import read_message
from broker.forms.extract import fields_from_text
from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _email, _form
from workflows.classify import form_message

_PARENT_AND_CHILD = (
    "Parent and child referral below.\n\n"
    "PARENT'S DETAILS\n"
    "Child's name: Tanya Example\nDate of birth: 03/03/2007\nGender: Female\n"
    "Home postcode: ZZ99 5XY\nNHS number: 999 100 0038\n"
    "Placement type: {placement}\nUrgency: Urgent\nNeeded from: 14/12/2026\n"
    "Needs: MLD, mental health\nLegal status: Other\n\n"
    "BABY'S DETAILS\nName: Baby Example\nDate of birth: 20/10/2026\nGender: Male\n\n"
    "Background and risks: Tanya is a care leaver with a learning disability.\n")


def _checked(body: str) -> tuple[object, dict[str, str]]:
    """As the service checks an email's form: with the fields set aside under another
    person's heading, so that the social worker is told where they were."""
    read = read_message(_email(body), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting,
                                    set_aside=read.set_aside)
    return form, {str(problem.field): problem.problem for problem in problems}


@pytest.mark.parametrize("heading", ["PARENT'S DETAILS", "Mother's details", "MUM'S INFORMATION",
                                     "Parent details (young person referred)"])
def test_a_young_parents_own_block_in_a_parent_and_child_referral_is_the_childs(
        heading: str) -> None:
    """"PARENT'S DETAILS" over the mother's own fields had hidden them: four fields refused as
    "no value was given", though written."""
    body = _PARENT_AND_CHILD.format(placement="Parent and child").replace(
        "PARENT'S DETAILS", heading)
    form, problems = _checked(body)
    assert problems == {}
    assert form.child_name == "Tanya Example"  # type: ignore[attr-defined]
    assert str(form.date_of_birth) == "2007-03-03"  # type: ignore[attr-defined]
    assert form.gender == "female"  # type: ignore[attr-defined]


def test_the_parents_block_stays_another_persons_when_the_childs_own_are_given() -> None:
    body = ("Child's name: Lily Example\nDate of birth: 20/10/2012\nGender: Female\n"
            "Home postcode: ZZ99 5XY\n\nMOTHER'S DETAILS\nName: Dawn Example\n"
            "Date of birth: 01/01/1990\n\nPlacement type: Parent and child\nUrgency: Urgent\n"
            "Needed from: 14/12/2026\nNeeds: MLD\nBackground and risks: Lily lives with mum.\n")
    form, problems = _checked(body)
    assert problems == {}
    assert form.child_name == "Lily Example"  # type: ignore[attr-defined]
    assert str(form.date_of_birth) == "2012-10-20"  # type: ignore[attr-defined]


def test_a_parents_block_in_another_placement_type_is_refused_saying_where_it_was() -> None:
    """Not a parent-and-child referral: the mother's details are not the child's, and the
    refusal says they were under that heading, never that no value was given."""
    _, problems = _checked(_PARENT_AND_CHILD.format(placement="Foster care"))
    assert {"child_name", "date_of_birth", "gender", "home_postcode"} <= set(problems)
    for key in ("child_name", "date_of_birth", "gender", "home_postcode"):
        assert "no value was given" not in problems[key]
        assert "PARENT'S DETAILS" in problems[key]


def test_a_brothers_block_is_still_not_the_childs_and_is_named_when_nothing_else_is() -> None:
    body = ("BROTHER'S DETAILS (NOT part of this referral)\nName: Leon Example\n"
            "Date of birth: 02/02/2015\n\n" + _form(**{"Child's name": ""}))
    form, problems = _checked(body)
    assert "child_name" in problems and "BROTHER'S DETAILS" in problems["child_name"]
    assert str(form.date_of_birth) == "2012-03-14"  # type: ignore[attr-defined]


def test_set_aside_fields_are_carried_to_intake_and_to_a_plain_text_file() -> None:
    body = _PARENT_AND_CHILD.format(placement="Foster care")
    read = read_message(_email(body), REFERRAL)
    assert form_message(read, "sam@northby.gov.example").set_aside["child_name"] == (
        "PARENT'S DETAILS")
    assert fields_from_text(body, REFERRAL).set_aside["date_of_birth"] == "PARENT'S DETAILS"


def test_two_parents_blocks_are_not_guessed_between() -> None:
    body = _PARENT_AND_CHILD.format(placement="Parent and child").replace(
        "BABY'S DETAILS", "FATHER'S DETAILS")
    _, problems = _checked(body)
    assert "child_name" in problems and "no value was given" not in problems["child_name"]


@pytest.mark.parametrize("label", ["URG", "Urg", "Urgency level", "Priority level"])
def test_a_short_urgency_label_is_read(label: str) -> None:
    form, problems = _checked(_form(**{"Urgency": "EMERG"}).replace("Urgency:", f"{label}:"))
    assert problems == {}
    assert form.urgency == "emergency"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("needs", "codes"), [
    ("ASD; SLD; aggressive behaviour towards staff when anxious", ["asd", "sld", "violence"]),
    ("SEMH, physical aggression towards peers", ["semh", "violence"]),
    ("SEMH, violent to staff", ["semh", "violence"]),
    ("SEMH, aggression against other children", ["semh", "violence"]),
])
def test_aggression_said_with_whom_it_is_aimed_at_is_violence(needs: str,
                                                               codes: list[str]) -> None:
    form, problems = _checked(_form(**{"Needs": needs}))
    assert problems == {}
    assert form.needs == codes  # type: ignore[attr-defined]


@pytest.mark.parametrize("needs", ["SEMH, aggression towards her", "SEMH, aggressive towards "
                                   "himself", "SEMH, violence towards the child"])
def test_aggression_towards_the_child_or_themselves_is_asked_about(needs: str) -> None:
    _, problems = _checked(_form(**{"Needs": needs}))
    assert "needs" in problems


@pytest.mark.parametrize(("written", "code"), [
    ("Independent special school day place (SEMH) - EHCP names this type of provision",
     "sen-day"),
    ("Special school day placement", "sen-day"),
    ("Independent day special school", "sen-day"),
    ("Step down from secure children's home to a small residential home", "residential"),
    ("Step down from secure children\u2019s home to a small residential home", "residential"),
    ("Stepping down from residential to a foster placement", "fostering"),
])
def test_placement_types_as_written(written: str, code: str) -> None:
    form, problems = _checked(_form(**{"Placement type": written}))
    assert problems == {}
    assert form.placement_type == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("label", "written", "code"), [
    ("Urgency", "Urgnet", "urgent"), ("Urgency", "Emergancy", "emergency"),
    ("Placement type", "Residental childrens home", "residential"),
    ("Placement type", "Fostring", "fostering"),
])
def test_a_value_one_slip_from_a_known_one_is_asked_about_with_the_likely_one(
        label: str, written: str, code: str) -> None:
    key = REFERRAL.field_for_label(label).key  # type: ignore[union-attr]
    _, problems = _checked(_form(**{label: written}))
    assert problems[key].endswith(f"did you mean {code}?")


@pytest.mark.parametrize(("label", "written"), [("Urgency", "High"), ("Urgency", "Soon"),
                                                ("Placement type", "Hostel")])
def test_a_value_far_from_any_known_one_suggests_nothing(label: str, written: str) -> None:
    key = REFERRAL.field_for_label(label).key  # type: ignore[union-attr]
    _, problems = _checked(_form(**{label: written}))
    assert "did you mean" not in problems[key]
