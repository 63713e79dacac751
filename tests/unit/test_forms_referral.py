"""Checking a referral: typed values, and one problem per field for the social worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from broker.forms import check_referral, load_referral_spec, referral_to_json
from broker.referral import FamilyMember, FieldProblem, ReferralForm

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)
ON = date(2026, 11, 20)

COMPLETE = {
    "child_name": "Ann Example",
    "date_of_birth": "14/03/2012",
    "gender": "Female",
    "home_postcode": "zz99 3ab",
    "placement_type": "Children's home",
    "urgency": "Urgent",
    "needed_from": "1 December",
    "needs": "SEMH, CSE risk, missing episodes",
    "background": "Ann has been in foster care since 2024.\n\nThree missing episodes.",
}


def checked(**changes: str) -> tuple[ReferralForm, list[FieldProblem]]:
    fields = {key: value for key, value in (COMPLETE | changes).items() if value is not None}
    return check_referral(fields, REFERRAL, message_date=ON)


def problem_for(key: str, **changes: str) -> FieldProblem:
    form, problems = checked(**changes)
    assert [p.field for p in problems] == [key]
    return problems[0]


def test_a_complete_referral_has_no_problems_and_typed_values() -> None:
    form, problems = checked()
    assert problems == []
    assert form == ReferralForm(
        child_name="Ann Example",
        date_of_birth=date(2012, 3, 14),
        gender="female",
        home_postcode="ZZ99 3AB",
        placement_type="residential",
        urgency="urgent",
        needed_from=date(2026, 12, 1),
        needs=["semh", "cse", "missing"],
        background="Ann has been in foster care since 2024.\n\nThree missing episodes.",
    )


def test_every_field_is_typed() -> None:
    form, problems = checked(
        known_as="  Annie ", ethnicity="White British", religion="None", language="English",
        home_address="12 Sample Street\n  Exampleton ", nhs_number="999 000 0018",
        case_reference="MOS-000123", school="Exampleton Academy",
        family_names="Sam Example (Mother); Lee Example (half-brother)",
        duration="long term", siblings="2", location="Within 30 miles", education="EHCP",
        legal_status="S20", strengths="Football", wishes="To live near her brother",
        budget_weekly="£221,000 per annum",
    )
    assert problems == []
    assert referral_to_json(form) == {
        "child_name": "Ann Example", "known_as": "Annie", "date_of_birth": "2012-03-14",
        "age_qualifier": None,
        "gender": "female", "ethnicity": "White British", "religion": "None",
        "language": "English", "home_address": "12 Sample Street\nExampleton",
        "home_postcode": "ZZ99 3AB", "nhs_number": "9990000018", "case_reference": "MOS-000123",
        "school": "Exampleton Academy",
        "family_names": [
            {"name": "Sam Example", "relationship": "mother"},
            {"name": "Lee Example", "relationship": "half-brother"},
        ],
        "placement_type": "residential", "urgency": "urgent", "needed_from": "2026-12-01",
        "no_later_than": None,
        "duration": "long-term", "siblings": 2, "needs": ["semh", "cse", "missing"],
        "location": "Within 30 miles", "education": "EHCP", "legal_status": "s20",
        "background": "Ann has been in foster care since 2024.\n\nThree missing episodes.",
        "strengths": "Football", "wishes": "To live near her brother", "budget_weekly": 4250.0,
    }
    assert form.budget_weekly == Decimal("4250.00")


@pytest.mark.parametrize("key", sorted(f.key for f in REFERRAL.fields if f.required))
def test_a_missing_required_field_is_a_problem(key) -> None:
    problem = problem_for(key, **{key: None})
    assert problem.label == REFERRAL.field(key).label
    assert "no value was given" in problem.problem
    assert problem.example


@pytest.mark.parametrize("placeholder", ["N/A", "n/a", "-", "TBC", "Not known", ""])
def test_a_placeholder_is_not_a_value(placeholder) -> None:
    assert "no value was given" in problem_for("date_of_birth", date_of_birth=placeholder).problem
    form, problems = checked(known_as=placeholder, nhs_number=placeholder)
    assert problems == [] and form.known_as is None and form.nhs_number is None


def test_unknown_is_a_gender_code_not_a_placeholder() -> None:
    form, problems = checked(gender="Unknown")
    assert problems == [] and form.gender == "unknown"


@pytest.mark.parametrize(
    ("key", "value", "problem", "example"),
    [
        ("date_of_birth", "31/02/2012", "'31/02/2012' is not a real date",
         "a date written day/month/year (dd/mm/yyyy)"),
        ("date_of_birth", "14/03", "has no year", "(dd/mm/yyyy)"),
        ("date_of_birth", "21/11/2026", "'21/11/2026' is in the future", "(dd/mm/yyyy)"),
        ("date_of_birth", "14/03/1999", "makes the child 27", "(dd/mm/yyyy)"),
        ("needed_from", "soon", "'soon' is not a date we can read", "01/12/2026"),
        ("gender", "robot", "'robot' is not one of the genders providers' homes are matched on",
         "one of: male, female, non-binary, unknown"),
        ("placement_type", "castle", "'castle' is not a placement type we know",
         "one of: fostering (Foster care), fostering-specialist (Therapeutic fostering), "
         "parent-and-child, residential (Children's home), residential-solo (Solo placement), "
         "residential-disability (Disabled children's home), sen-day (Day special school), "
         "sen-residential (Residential special school), semi-independent (Supported "
         "accommodation)"),
        ("urgency", "whenever", "'whenever' is not an urgency we know",
         "one of: emergency, urgent, planned"),
        ("duration", "ages", "'ages' is not a duration we know", "one of: emergency"),
        ("legal_status", "s47", "'s47' is not a legal status we know",
         "one of: s20 (Section 20),"),
        ("home_postcode", "ZZ99", "'ZZ99' is not a full UK postcode", "SE15 4AB"),
        ("nhs_number", "999 000 0019", "not a valid NHS number", "999 000 0018"),
        ("nhs_number", "12345", "must be 10 digits", "10-digit"),
        ("siblings", "12", "not a whole number from 1 to 8", "from 1 to 8"),
        ("siblings", "9", "not a whole number from 1 to 8", "from 1 to 8"),
        ("siblings", "several", "'several' is not a whole number", "from 1 to 8"),
        ("siblings", "2.5", "not a whole number", "from 1 to 8"),
        ("budget_weekly", "about five and a half k", "not an amount of money", "£4,250 per week"),
        ("needs", "SEMH, juggling", "'juggling' is not one of the needs we know",
         "one or more of these, separated by commas: semh (Social emotional and mental "
         "health), asd (Autism spectrum disorder)"),
        ("needs", "knitting; juggling", "'knitting', 'juggling' are not among the needs",
         "adhd (Attention deficit hyperactivity disorder)"),
    ],
)
def test_an_unreadable_value_is_one_problem_with_an_example(key, value, problem, example) -> None:
    found = problem_for(key, **{key: value})
    assert problem in found.problem
    assert example in found.example


def test_a_child_of_twenty_five_is_accepted() -> None:
    form, problems = checked(date_of_birth="20/11/2001")
    assert problems == [] and form.date_of_birth == date(2001, 11, 20)


@pytest.mark.parametrize(("written", "code"), [
    ("Foster placement - enhanced", "fostering-specialist"),
    ("Residential children's home (solo)", "residential-solo"),
    ("Children's home, CWD", "residential-disability"),
    ("Residential - solo preferred", "residential"),  # a preference, not the lot
    ("Fostering (short term)", "fostering"),
    ("Supported accommodation 16+", "semi-independent"),
])
def test_a_remark_naming_a_narrower_placement_type_wins(written: str, code: str) -> None:
    # a child of 16: supported accommodation is unlawful under 16 (R33, lawful_types.py)
    form, problems = checked(placement_type=written, date_of_birth="14/03/2010")
    assert problems == [] and form.placement_type == code


def test_known_needs_are_kept_when_others_are_unknown() -> None:
    form, problems = checked(needs="SEMH, juggling, ASC")
    assert form.needs == ["semh", "asd"]
    assert len(problems) == 1


@pytest.mark.parametrize(("needs", "named"), [
    ("no self harm", "no self harm"),
    ("self harm and sleeping problems", "sleeping problems"),  # the part not known, by name
])
def test_a_need_denied_or_with_words_left_over_is_asked_about(needs: str, named: str) -> None:
    form, problems = checked(needs=needs)
    assert [p.field for p in problems] == ["needs"] and f"'{named}'" in problems[0].problem


@pytest.mark.parametrize(
    ("needs", "codes"),
    [
        ("SEMH, ASD, CSE", ["semh", "asd", "cse"]),
        ("semh; asc;\ncounty lines", ["semh", "asd", "cce"]),
        ("- BESD\n- Autism\n- Self harm", ["semh", "asd", "self-harm"]),
        ("SEMH and ASD", ["semh", "asd"]),
        ("SEMH/ADHD", ["semh", "adhd"]),
        ("Social, emotional and mental health", ["semh"]),
        ("drugs and alcohol", ["substance"]),
        ("CSE (high risk), CSE", ["cse"]),
        ("Violent or aggressive behaviour", ["violence"]),
        ("history of self harming, at risk of CSE", ["self-harm", "cse"]),
        ("EBD / ASC / sexual exploitation risk", ["semh", "asd", "cse"]),
        ("suspected ADHD; low level aggression", ["adhd", "violence"]),
    ],
)
def test_needs_lists(needs, codes) -> None:
    form, problems = checked(needs=needs)
    assert problems == []
    assert form.needs == codes


@pytest.mark.parametrize(
    ("value", "number"),
    [("1", 1), ("2 (brother and sister)", 2), ("three", 3), ("No", 1), ("None", 1), ("8", 8)],
)
def test_siblings(value, number) -> None:
    form, problems = checked(siblings=value)
    assert problems == [] and form.siblings == number


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("Sam Example (mother); Lee Example (brother)",
         [("Sam Example", "mother"), ("Lee Example", "brother")]),
        ("Sam Example (mother)\nLee Example (brother)",
         [("Sam Example", "mother"), ("Lee Example", "brother")]),
        ("Sam Example (Mother), Lee Example (Brother)",
         [("Sam Example", "mother"), ("Lee Example", "brother")]),
        ("- Sam Example (mother, lives locally)\n- Lee Example",
         [("Sam Example", "mother"), ("Lee Example", "")]),
        ("Mother: Sam Example\nFather - Joe Example",
         [("Sam Example", "mother"), ("Joe Example", "father")]),
        ("Sam Example - mother; Joe Example, father",
         [("Sam Example", "mother"), ("Joe Example", "father")]),
        ("Sam Example (maternal grandmother)", [("Sam Example", "maternal grandmother")]),
        ("Sam Example", [("Sam Example", "")]),
        ("Sam Example (mother); Sam Example (mother)", [("Sam Example", "mother")]),
        ("Father: Joe Example (no contact)", [("Joe Example", "father")]),
        ("Half-brother, Lee Example, 15", [("Lee Example", "half-brother")]),
        ("Maternal grandmother Pat Example", [("Pat Example", "maternal grandmother")]),
        ("Sam Example, aged 34, mother", [("Sam Example", "mother")]),
        # A nickname in brackets is part of the name, not the relationship.
        ("Margo (Maggie) Example (mother)", [("Margo Maggie Example", "mother")]),
        ("Joe Example aka Jay (father)", [("Joe Example Jay", "father")]),
        ("Pat Example née Sample (grandmother)", [("Pat Example Sample", "grandmother")]),
    ],
)
def test_family_members(text, members) -> None:
    form, problems = checked(family_names=text)
    assert problems == []
    assert form.family_names == [FamilyMember(name, rel) for name, rel in members]


def test_relationship_words_in_the_family_list_are_never_taken_for_names() -> None:
    from broker.anonymise import anonymise

    form, _ = checked(family_names="Half-brother, Lee Example, 15\nMaternal grandmother "
                                   "Pat Example\nFather: Joe Example (no contact)",
                      background="Her grandmother and maternal aunt live 15 minutes away; Half "
                                 "the week with Lee, and Pat visits. Father Joe has no contact.")
    text = anonymise(form, authority=None, today=ON).text["background"]
    assert text == ("Her grandmother and maternal aunt live 15 minutes away; Half the week with "
                    "[half-brother], and [maternal grandmother] visits. Father [father] has no "
                    "contact.")


def test_a_stray_line_after_a_one_line_value_is_ignored() -> None:
    form, problems = checked(gender="female\nSee attached.", needed_from="01/12/2026\nthanks")
    assert problems == []
    assert (form.gender, form.needed_from) == ("female", date(2026, 12, 1))


def test_conflicting_duplicates_are_problems_one_per_field() -> None:
    fields = COMPLETE | {"gender": "robot"}
    form, problems = check_referral(
        fields, REFERRAL, message_date=ON, conflicts=["gender", "urgency", "gender"]
    )
    assert [p.field for p in problems] == ["gender", "urgency"]
    assert "'robot' is not one of the genders" in problems[0].problem
    assert "given twice, differently" in problems[0].problem
    assert problems[1].problem == (
        "was given twice, differently; please reply with the one that is right now")
    assert problems[1].example == "one of: emergency, urgent, planned"


def test_problems_come_in_the_form_s_order() -> None:
    form, problems = checked(needs="juggling", child_name=None, gender="robot")
    assert [p.field for p in problems] == ["child_name", "gender", "needs"]


def test_words_empty_content_controls_are_no_answer() -> None:
    """Word shows "Click or tap here to enter text." in a form's empty box: that is a field
    left blank, not an NHS number to refuse or a school whose words to remove."""
    form, problems = checked(nhs_number="Click or tap here to enter text.",
                             school="Click or tap here to enter text.",
                             religion="Choose an item.")
    assert problems == []
    assert (form.nhs_number, form.school, form.religion) == (None, None, None)
    assert "date_of_birth" in [p.field for p in checked(
        date_of_birth="Click or tap to enter a date.")[1]]
