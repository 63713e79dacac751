"""Tick-box values on a referral form: only the ticked choices are the answer.

Word forms print every choice with a box; read as written, an unticked need would count
and an unticked gender could win.
"""

from __future__ import annotations

import pytest

from broker.forms.ticks import ticked_choices
from tests.unit.test_forms_referral import checked, problem_for


@pytest.mark.parametrize(("written", "expected"), [
    ("☒ SEMH ☐ ASD ☒ CSE risk ☒ Missing episodes ☐ Offending",
     "SEMH, CSE risk, Missing episodes"),
    ("☒ SEMH / ☐ ASD / ☒ CSE risk", "SEMH, CSE risk"),
    ("[x] SEMH\n[ ] ASD\n[X] CSE risk", "SEMH, CSE risk"),
    ("Male ☐ / Female ☒", "Female"),
    ("Male ☐\nFemale ☒", "Female"),
    ("☐ Male ☒ Female", "Female"),
    ("( ) Male (x) Female", "Female"),
    ("☐ Male ☐ Female", ""),
    ("SEMH, CSE risk", None),  # no boxes: read as written
    ("☒ Female", None),  # one box says nothing about choices
])
def test_only_the_ticked_choices_are_read(written: str, expected: str | None) -> None:
    assert ticked_choices(written) == expected


def test_a_referral_form_reads_ticked_needs_and_gender() -> None:
    form, problems = checked(needs="☒ SEMH ☐ ASD ☒ CSE risk ☐ Offending",
                             gender="Male ☐ / Female ☒")
    assert problems == []
    assert (form.gender, form.needs) == ("female", ["semh", "cse"])


def test_a_list_with_nothing_ticked_is_a_problem_to_correct() -> None:
    assert "nothing is ticked" in problem_for("gender", gender="☐ Male ☐ Female").problem
