"""Referrals as round R17's outside tester wrote them: a section of another Act beside an
unknown legal status, an age with a remark after it, the same gender given twice in two
words, placement types, needs and legal statuses in other words, and years written '11.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import spec as spec_module
from broker.forms.spec import FormSpec
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form

SPEC: FormSpec = REFERRAL


@pytest.mark.parametrize("status", [
    "PACE transfer - s.38(6) PACE, charged and refused bail, court Monday",
    "PACE transfer \u2013 section 38 of PACE",
])
def test_a_section_of_another_act_is_no_children_act_section(status: str) -> None:
    """'s.38(6) PACE' after an unknown status had been read as an interim care order."""
    _, problems = _checked(_form(extra=f"Legal status: {status}\n"))
    assert "legal_status" in problems


@pytest.mark.parametrize(("status", "code"), [
    ("ICO - s.38 CA 1989", "interim-care-order"),
    ("Remanded - s.91 LASPO", "remand"),
    ("Section 38", "interim-care-order"),
])
def test_a_children_act_section_is_still_read(status: str, code: str) -> None:
    form, problems = _checked(_form(extra=f"Legal status: {status}\n"))
    assert problems == {} and form.legal_status == code  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["s.38(6) ", "s 1 of the ", "section 38      x", "s1(a)(b)(c)(d)"])
def test_text_made_to_slow_the_other_acts_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: list(
        spec_module._OTHER_ACTS_SECTION.finditer(text)),
                  20_000) < LINEAR

