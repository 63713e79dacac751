"""A needed-from value giving the day a placement is needed *by* beside, or instead of, the
day it is needed from (R32 P02): the start is read, never the deadline; a deadline alone is
asked about, unless the value opens by saying now."""

from __future__ import annotations

import pytest

from broker.forms.deadlines import deadline_apart
from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL


def _needed(value: str) -> tuple[object, list[str]]:
    form, problems = check_referral({"needed_from": value}, REFERRAL, message_date=ON)
    return form.needed_from, [p.problem for p in problems if p.field == "needed_from"]


@pytest.mark.parametrize(("value", "start"), [
    ("before EDD 02/01/2027 – ideally from 21/12", "21/12"),
    ("no later than 24/12, from 18/12 if possible", "18/12"),
    ("02/01/2027 at the latest, ideally Mon 21st", "Mon 21st"),
    ("21/12 but no later than 02/01/2027", "21/12"),
])
def test_the_start_is_told_apart_from_the_deadline_in_either_order(value: str, start: str) -> None:
    apart = deadline_apart(value)
    assert apart is not None and apart.starts == (start,)


@pytest.mark.parametrize("value", ["14/12/2026", "after school term ends (18/12)",
                                   "w/c 14/12", "14/12/2026 (court 10/12/2026)"])
def test_a_value_with_no_deadline_word_has_no_deadline(value: str) -> None:
    assert deadline_apart(value) is None


def test_before_the_edd_ideally_from_the_21st_is_the_21st_not_the_edd() -> None:
    assert deadline_apart("before EDD 02/01/2027 – ideally from 21/12").deadline == "02/01/2027"  # type: ignore[union-attr]
    read, problems = _needed("before EDD 02/01/2027 – ideally from 21/12")
    assert (str(read), problems) == (f"{ON.year}-12-21", [])


def test_a_deadline_written_first_with_a_start_after_it_is_read_from_the_start() -> None:
    read, problems = _needed("no later than 24th December, from 18/12 if possible")
    assert (str(read), problems) == (f"{ON.year}-12-18", [])


@pytest.mark.parametrize("value", ["before 02/01/2027", "by 18/12", "no later than 24/12",
                                   "before 02/01/2027 (panel met 03/12)"])
def test_a_deadline_alone_is_asked_for_the_start(value: str) -> None:
    read, [problem] = _needed(value)
    assert read is None and "needed by" in problem and "not the day it is needed from" in problem


@pytest.mark.parametrize("value", ["ASAP but no later than 18/12", "ASAP - no later than 24/12"])
def test_asap_with_a_deadline_is_needed_now(value: str) -> None:
    read, problems = _needed(value)
    assert (read, problems) == (ON, [])
