"""Round R33, case C39: "Placement type: Enhanced foster care, or solo residential as fallback"
was read as enhanced fostering alone, so the fall-back the social worker offered was never
searched nor mentioned (no enhanced foster home was eligible, and the search ended). Rule
`fallback-type-asked` (broker/forms/fallback_types.py): a remark offering a second type is
asked about; a remark that mentions or refuses another type is read as before."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.referral import check_referral
from tests.factories import SAMPLE_REFERRAL
from tests.snapshots import REFERRAL_SPEC

FIELDS = dict(fields_from_text(SAMPLE_REFERRAL, REFERRAL_SPEC).values)


def _checked(placement: str):  # type: ignore[no-untyped-def]
    fields = {**FIELDS, "placement_type": placement}
    return check_referral(fields, REFERRAL_SPEC, message_date=date(2026, 12, 7))


@pytest.mark.parametrize(
    ("value", "both"),
    [
        (
            "Enhanced foster care, or solo residential as fallback",
            "fostering-specialist (Therapeutic fostering), then residential-solo (Solo placement)",
        ),
        (
            "Foster care (residential if none available)",
            "fostering (Foster care), then residential (Children's home)",
        ),
        (
            "Therapeutic fostering; residential as a fallback",
            "fostering-specialist (Therapeutic fostering), then residential (Children's home)",
        ),
        (
            "Residential, or therapeutic fostering if possible",
            "residential (Children's home), then fostering-specialist (Therapeutic fostering)",
        ),
        (
            "Solo residential, or shared residential as fallback",
            "residential-solo (Solo placement), then residential (Children's home)",
        ),
    ],
)
def test_a_fallback_type_is_asked_about(value: str, both: str) -> None:
    form, problems = _checked(value)
    [problem] = [p for p in problems if p.field == "placement_type"]
    assert f"names more than one placement type: {both} as a fall-back." in problem.problem
    assert form.placement_type is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Residential - solo preferred", "residential"),
        ("Foster care (not residential)", "fostering"),
        ("Residential (foster care ruled out)", "residential"),
        ("Residential care (2:1 staffing)", "residential"),
        ("Resi - solo", "residential-solo"),
        ("Short breaks - overnight respite (CWD)", "residential-disability"),
        ("Foster care - standard", "fostering"),
    ],
)
def test_a_remark_that_offers_no_second_type_is_read_as_before(value: str, code: str) -> None:
    form, problems = _checked(value)
    assert not [p for p in problems if p.field == "placement_type"]
    assert form.placement_type == code
