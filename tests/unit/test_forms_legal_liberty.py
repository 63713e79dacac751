"""An order depriving a child of liberty beside her legal status is never dropped (round R31,
L01, R03): "S31 care order; DoL order (High Court, inherent jurisdiction) authorised
01/12/2026 – locked doors, 2:1" reached providers as "Legal status: Care order", the order,
the locked doors and the 2:1 gone; the legal status takes one value of a closed list, so she
is asked to give the status alone and the order where providers read it (rule
`liberty-order-kept`). "Secure accommodation order s25 granted …" is a legal status the list
files under `other`, not an unknown one."""

from __future__ import annotations

import pytest

from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL


def _checked(value: str) -> tuple[object, list[str]]:
    form, problems = check_referral({"legal_status": value}, REFERRAL, message_date=ON)
    return form.legal_status, [p.problem for p in problems if p.field == "legal_status"]


@pytest.mark.parametrize("value", [
    "S31 care order; DoL order (High Court, inherent jurisdiction) authorised 01/12/2026 "
    "\u2013 locked doors, 2:1",
    "Care order (S31) - DoLS authorised by High Court",
    "S31; Deprivation of liberty order made 01/12/2026",
    "ICO, DoL authorisation in place",
])
def test_a_liberty_order_beside_the_status_is_asked_about_never_dropped(value: str) -> None:
    read, [problem] = _checked(value)
    assert read is None
    assert "depriving the child of liberty" in problem and "the background" in problem


@pytest.mark.parametrize("value", [
    "Secure accommodation order s25 granted 04/12/2026 (3 months)",
    "S25 secure accommodation order", "DoL order (High Court)", "Section 25",
])
def test_a_liberty_order_alone_is_the_list_s_other(value: str) -> None:
    assert _checked(value) == ("other", [])


@pytest.mark.parametrize(("value", "code"), [
    ("S31 care order granted 12/03/2019", "care-order"),  # a date is no second order
    ("S31 care order; s25 secure accommodation application to be heard 08/12/2026",
     "care-order"),  # pending: the care order is the status now
])
def test_a_status_with_no_liberty_order_in_force_is_read(value: str, code: str) -> None:
    assert _checked(value) == (code, [])
