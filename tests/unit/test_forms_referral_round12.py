"""Referrals as round R12's outside tester wrote them: a date of birth not known, health and
disability needs in a clinician's words, a remark that narrows a placement type, stepping
down from secure, labels about "the YP", a postcode that cannot exist, two placement types
named, and shorthand typed in capitals.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import _FORM, _checked, _form


@pytest.mark.parametrize("written", [
    "Not known – age assessment held on 20/11/2026, outcome awaited",
    "Unknown (age assessment booked for 15/12/2026)",
])
def test_a_date_of_birth_not_known_is_asked_for_never_read_from_another_date(written: str) -> None:
    """Round R12's follow-up: the assessment's day had been read as the birth, age 0."""
    _, problems = _checked(_form(**{"Date of birth": written}))
    assert "not known" in problems["date_of_birth"]


def test_a_date_of_birth_beside_its_assessment_is_read() -> None:
    form, problems = _checked(_form(**{"Date of birth": "14/03/2012 (following age assessment)"}))
    assert problems == {} and form.date_of_birth.year == 2012  # type: ignore[attr-defined]


@pytest.mark.parametrize(("written", "code"), [
    ("Residential children's home – must be registered for children with disabilities",
     "residential-disability"),
    ("Overnight short breaks (one night a fortnight)", "residential-disability"),
    ("Step-down from secure – solo residential with 2:1 staffing", "residential-solo"),
    ("Step down from secure welfare to therapeutic fostering", "fostering-specialist"),
    ("Residential – not a solo placement", "residential"),
])
def test_placement_types_with_a_remark_or_a_step_down(written: str, code: str) -> None:
    form, problems = _checked(_form(**{"Placement type": written}))
    assert problems == {} and form.placement_type == code  # type: ignore[attr-defined]


def test_two_placement_types_named_are_asked_about() -> None:
    _, problems = _checked(_form(**{"Placement type": "Residential or specialist fostering"}))
    assert "names more than one placement type" in problems["placement_type"]


@pytest.mark.parametrize(("needs", "codes"), [
    ("physical disability – powered wheelchair, hoist for all transfers", ["pd"]),
    ("Complex medical needs – tracheostomy, overnight oxygen, suction as required", ["medical"]),
    ("SEMH, CSE – at risk, NWG referral made", ["semh", "cse"]),
    ("He is registered blind and has a moderate hearing loss in both ears (wears hearing aids).",
     ["vi", "hi"]),
    ("SEMH, SUBST MISUSE", ["semh", "substance"]),
])
def test_needs_as_clinicians_and_teams_write_them(needs: str, codes: list[str]) -> None:
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and sorted(form.needs) == sorted(codes)  # type: ignore[attr-defined]


def test_a_need_after_a_remarks_comma_is_still_a_need() -> None:
    form, problems = _checked(_form(Needs="CSE – at risk, NWG referral made, missing episodes"))
    assert problems == {} and form.needs == ["cse", "missing"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("extra", "field", "value"), [
    ("Legal status: Remanded to LA accommodation (s.91 LASPO)\n", "legal_status", "remand"),
    ("Duration: Respite over Christmas\n", "duration", "respite"),
])
def test_shorthands_of_round_r12(extra: str, field: str, value: str) -> None:
    form, problems = _checked(_form(extra=extra))
    assert problems == {} and getattr(form, field) == value


@pytest.mark.parametrize(("urgency", "code"), [("URG", "urgent"), ("EMERG", "emergency")])
def test_urgency_in_capitals_and_short(urgency: str, code: str) -> None:
    form, problems = _checked(_form(Urgency=urgency))
    assert problems == {} and form.urgency == code  # type: ignore[attr-defined]


def test_a_form_typed_in_capitals_and_short_forms() -> None:
    body = _form(**{"Placement type": "SOLO RESI 2:1", "Needs": "ASD, VIOL/AGG, SH"},
                 extra="DURATION: LT\nLEGAL: ICO\n").replace("Placement type:", "PLACEMENT:")
    form, problems = _checked(body)
    assert problems == {}
    assert (form.placement_type, form.duration, form.legal_status, form.needs) == (  # type: ignore[attr-defined]
        "residential-solo", "long-term", "interim-care-order", ["asd", "violence", "self-harm"])


def test_labels_about_the_yp_are_the_forms_labels() -> None:
    renamed = {"Child's name": "CYP name", "Date of birth": "CYP DOB", "Gender": "CYP gender",
               "Placement type": "Type of placement required for CYP",
               "Background": "Background and risks to YP"}
    body = "".join(f"{renamed.get(label, label)}: {value}\n" for label, value in _FORM)
    form, problems = _checked(body)
    assert problems == {}
    assert (form.child_name, form.placement_type) == (  # type: ignore[attr-defined]
        "Maisie Threlfall", "residential")


def test_a_postcode_that_cannot_exist_is_asked_about() -> None:
    """'BR3 4KK' had gone out with no area at all."""
    _, problems = _checked(_form(**{"Home postcode": "ZZ99 4KK"}))
    assert "not a real UK postcode" in problems["home_postcode"]


def test_labels_padded_with_spaces_take_values_holding_semicolons() -> None:
    body = "".join(f"{label:<30}{value}\n" for label, value in _FORM[:-1])
    body = body.replace("SEMH, missing episodes", "SEMH; missing episodes")
    form, problems = _checked(f"{body}Background and risks\n{_FORM[-1][1]}\n")
    assert problems == {} and form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Step down from a ", "– hoist, ", "Not known ", "CYP for YP ",
                                  "Residential or "])
def test_text_made_to_slow_the_round_r12_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        Needs=text, **{"Placement type": text, "Date of birth": text})), 2_000,
        repeats=3) < LINEAR
