"""Round R33, case C02: a referral for supported accommodation (16+) for a child of 15 was
accepted, matched no provider, and told the social worker her placements team would look
wider. Rule `supported-accommodation-under-16-asked` (broker/forms/lawful_types.py): it is
asked about, with the law and the child's age on the day needed; a child who is 16 by the
day the place is needed, or another type for a 15-year-old, goes as before."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.referral import check_referral
from tests.factories import SAMPLE_REFERRAL
from tests.snapshots import REFERRAL_SPEC

FIELDS = dict(fields_from_text(SAMPLE_REFERRAL, REFERRAL_SPEC).values)


def _checked(placement: str, born: str, needed: str):  # type: ignore[no-untyped-def]
    fields = {**FIELDS, "placement_type": placement, "date_of_birth": born, "needed_from": needed}
    return check_referral(fields, REFERRAL_SPEC, message_date=date(2026, 12, 7))


@pytest.mark.parametrize(
    ("placement", "born", "needed", "age"),
    [
        ("Supported accommodation (16+)", "20/03/2011", "14/12/2026", 15),
        ("16+ semi-independent", "20/03/2011", "19/03/2027", 15),  # the day before he is 16
        ("Supported lodgings", "01/01/2013", "ASAP", 13),
    ],
)
def test_supported_accommodation_for_a_child_under_16_is_asked_about(
    placement: str, born: str, needed: str, age: int
) -> None:
    form, problems = _checked(placement, born, needed)
    [problem] = [p for p in problems if p.field == "placement_type"]
    assert "may not be used in England for a child under 16" in problem.problem
    assert f"the child is {age} on " in problem.problem
    assert form.placement_type is None


@pytest.mark.parametrize(
    ("placement", "born", "needed", "code"),
    [
        ("Supported accommodation (16+)", "20/03/2011", "20/03/2027", "semi-independent"),
        ("Supported accommodation (16+)", "02/01/2009", "04/01/2027", "semi-independent"),
        ("Residential", "20/03/2011", "14/12/2026", "residential"),
    ],
)
def test_a_lawful_type_for_the_age_goes_as_before(
    placement: str, born: str, needed: str, code: str
) -> None:
    form, problems = _checked(placement, born, needed)
    assert not problems
    assert form.placement_type == code
