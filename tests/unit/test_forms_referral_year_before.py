"""A needed-from written with last year's number by habit ("30/11/2025" sent on 3 December
2026) is asked about, naming the near day it surely means; a day long past with no near
reading a year on is read as written (a child waiting since the summer)."""

from __future__ import annotations

import pytest

from tests.unit.test_forms_referral_round8 import _checked, _form


@pytest.mark.parametrize(("written", "meant"), [("30/11/2025", "30/11/2026"),
                                                ("14/12/2025", "14/12/2026"),
                                                ("04/01/2026", "04/01/2027")])
def test_a_needed_from_a_year_behind_is_asked_about(written: str, meant: str) -> None:
    _, problems = _checked(_form(**{"Needed from": written}))
    assert "a year before this email" in problems["needed_from"]
    assert meant in problems["needed_from"]


@pytest.mark.parametrize("day", ["25/07/2026", "01/12/2026", "30/06/2025"])
def test_a_needed_from_with_no_near_day_a_year_on_is_read_as_written(day: str) -> None:
    form, problems = _checked(_form(**{"Needed from": day}))
    assert problems == {}
    assert form.needed_from.strftime("%d/%m/%Y") == day  # type: ignore[attr-defined]
