"""Referrals as round R18's outside tester wrote them: a legal status under the education's
free text, a case system's "Legal Status Code" and its SSDA903 codes (V2, C1, C2), needs in
a practitioner's shorthand (MFH, dx, hx) and a DoLS order with its court in brackets.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import extract
from broker.forms.spec import FormSpec
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form

SPEC: FormSpec = REFERRAL
_UNDER_EDUCATION = "Education: Year 10, attends most days.\nLegal status: {status}\n"


@pytest.mark.parametrize(("status", "code"), [
    ("Remanded to local authority accommodation", "remand"),
    ("Remanded to LA accommodation (s.91 LASPO)", "remand"),
    ("Remand to LA care", "remand"),
])
def test_a_legal_status_under_free_text_is_read(status: str, code: str) -> None:
    """'Legal status: Remanded to local authority accommodation' under 'Education: …' had
    been read as more of the education, its words being sentence-like: the status was lost."""
    form, problems = _checked(_form(extra=_UNDER_EDUCATION.format(status=status)))
    assert problems == {} and form.legal_status == code  # type: ignore[attr-defined]


def test_two_legal_statuses_under_free_text_are_asked_about() -> None:
    """'S20 or ICO – court on 08/12' had been swallowed the same way, and the form accepted
    with no legal status."""
    _, problems = _checked(_form(extra=_UNDER_EDUCATION.format(
        status="S20 or ICO \u2013 court on 08/12")))
    assert "legal_status" in problems


def test_a_sentence_under_a_status_label_in_free_text_is_still_the_text() -> None:
    body = _form(extra="Education: Year 10.\nStatus: she was doing well at school until May.\n")
    form, problems = _checked(body)
    assert problems == {} and form.legal_status is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("value", "code"), [
    ("V2", "s20"), ("C1", "interim-care-order"), ("C2", "care-order")])
def test_a_case_systems_legal_status_code_is_read(value: str, code: str) -> None:
    """'Legal Status Code: V2' (an Eclipse paste) had been skipped as an unknown label, and
    'C1' and 'C2' (SSDA903's interim and full care orders) were not known."""
    form, problems = _checked(_form(extra=f"Legal Status Code: {value}\n"))
    assert problems == {} and form.legal_status == code  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", [" - ", "a,", "((((", "S20 or "])
def test_text_made_to_slow_the_remark_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: extract._A_REMARK.split(text, maxsplit=1),
                  20_000) < LINEAR


@pytest.mark.parametrize(("needs", "codes"), [
    ("SEMH, MFH x6", ["semh", "missing"]),
    ("CSE, MFH x3 since Oct, SEMH", ["cse", "missing", "semh"]),
    ("ASD dx, self-harm hx", ["asd", "self-harm"]),
])
def test_practitioners_shorthand_for_needs_is_read(needs: str, codes: list[str]) -> None:
    """'MFH' (missing from home), a count since a month, and a clinician's 'dx' and 'hx' had
    been asked about as needs we did not know."""
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and form.needs == codes  # type: ignore[attr-defined]


def test_a_shorthand_need_denied_is_still_asked_about() -> None:
    _, problems = _checked(_form(Needs="SEMH, no self-harm hx"))
    assert "needs" in problems


@pytest.mark.parametrize("unit", [" x3", " since ", " x3 since Oct", "\t \t"])
def test_text_made_to_slow_the_count_rule_is_read_in_linear_time(unit: str) -> None:
    from broker.forms import referral
    assert growth(repeated(unit), lambda text: referral._A_COUNT.search(text), 20_000) < LINEAR


def test_a_dols_order_with_its_court_in_brackets_is_read() -> None:
    """'DoLS order (High Court, inherent jurisdiction)' had been asked about: only 'DoLS'
    was known."""
    form, problems = _checked(_form(
        extra="Legal status: DoLS order (High Court, inherent jurisdiction)\n"))
    assert problems == {} and form.legal_status == "other"  # type: ignore[attr-defined]


def test_child_labels_the_childs_name() -> None:
    """'Child: Leo … | DOB: … | Gender: Male' had been refused for want of the child's name."""
    body = _form().replace("Child's name: Maisie Threlfall", "Child: Maisie Threlfall")
    form, problems = _checked(body)
    assert problems == {} and form.child_name == "Maisie Threlfall"  # type: ignore[attr-defined]


def test_an_age_below_the_weekly_budget_is_checked_against_the_date_of_birth() -> None:
    """'Age: 12' under 'Weekly budget: £4,000', the last field, had been read as more of the
    budget, and so never checked against a date of birth giving 14."""
    _, problems = _checked(_form(extra="Weekly budget: \u00a34,000\nAge: 12\n"))
    assert "date_of_birth" in problems


def test_an_age_that_agrees_below_the_weekly_budget_leaves_the_budget_read() -> None:
    form, problems = _checked(_form(extra="Weekly budget: \u00a34,000\nAge: 14\n"))
    assert problems == {} and form.budget_weekly == 4000  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", [" ", "\t", "current ", "age "])
def test_text_made_to_slow_the_age_under_a_fee_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: extract._NO_PART_OF_A_FEE.match(text),
                  20_000) < LINEAR
