"""Referral reading, outside round R23: a value that gives two of its kind is asked about,
never read as its first (B08's text part, F04's legal statuses)."""

from __future__ import annotations

import pytest

from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL


def _checked(key: str, value: str) -> tuple[object, list[str]]:
    form, problems = check_referral({key: value}, REFERRAL, message_date=ON)
    return getattr(form, key), [p.problem for p in problems if p.field == key]


@pytest.mark.parametrize("value", [
    "21/12/2026 14/12/2026",  # the old one struck out beside the new, as the text part shows
    "21/12/2026 - 14/12/2026", "21/12/2026, 14/12/2026", "14/12/2026 or 21/12/2026",
    "14/12/2026 or 21/12/2026 at the latest", "21st December 14th December",
    "14th or 21st December", "Mon 14th or Tue 15th Dec",
])
def test_a_date_that_gives_two_days_is_asked_naming_both(value: str) -> None:
    read, [problem] = _checked("needed_from", value)
    assert read is None and "gives two dates" in problem and "December 2026 and" in problem


@pytest.mark.parametrize(("value", "day"), [
    ("14/12/2026 - 04/01/2027", "2026-12-14"),  # a range forwards starts on its first
    ("14/12/2026 not 21/12/2026", "2026-12-14"), ("end of term (18/12)", "2026-12-18"),
    ("14/12/2026 (court 10/12/2026)", "2026-12-14"), ("7th-14th Dec", "2026-12-07"),
    ("w/c 14/12", "2026-12-14"), ("14/12/2026 or 14.12.26", "2026-12-14"),
])
def test_one_day_or_a_range_is_read(value: str, day: str) -> None:
    read, problems = _checked("needed_from", value)
    assert (str(read), problems) == (day, [])


@pytest.mark.parametrize("value", [
    "CIN / CP plan \u2013 s20 being discussed with mum",  # only 'other' now: which is it?
    "Child in need \u2013 s20 planned", "S20 \u2013 ICO", "S20 and ICO",
])
def test_two_legal_statuses_neither_clearly_current_are_asked(value: str) -> None:
    read, [problem] = _checked("legal_status", value)
    assert read is None and ("names more than one legal status" in problem
                             or "is not a legal status" in problem)


@pytest.mark.parametrize(("value", "code"), [
    ("S20 \u2013 ICO application being made 10/12", "s20"),  # pending: not the status now
    ("S20 (previously ICO)", "s20"), ("S20 - EPO ended", "s20"),
    ("Interim care order under s.38 made 01/12/2026", "interim-care-order"),
    ("ICO (s.38) \u2013 final hearing listed March 2027", "interim-care-order"),
    ("Section 20 CA 1989", "s20"), ("CIN", "other"),
])
def test_one_current_legal_status_is_read(value: str, code: str) -> None:
    assert _checked("legal_status", value) == (code, [])
