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


def _kept(value: str) -> object:
    form, _ = check_referral({"needed_from": value}, REFERRAL, message_date=ON)
    return form.no_later_than


@pytest.mark.parametrize(("value", "deadline"), [
    ("ideally 14/12/2026, no later than 18/12/2026", "2026-12-18"),
    ("before EDD 02/01/2027 – ideally from 21/12", "2027-01-02"),
    ("ASAP but no later than 18/12", f"{ON.year}-12-18"),
])
def test_the_deadline_beside_the_start_is_kept_not_dropped(value: str, deadline: str) -> None:
    """ux51s: "ideally 14/12/2026, no later than 18/12/2026" kept the 14th and lost the 18th,
    so no email said the place could start as late as the 18th."""
    assert str(_kept(value)) == deadline


@pytest.mark.parametrize("value", ["14/12/2026", "w/c 14/12", "after school term ends (18/12)"])
def test_a_start_alone_has_no_deadline(value: str) -> None:
    assert _kept(value) is None


def test_the_deadline_goes_into_the_profile_and_its_needed_from_line() -> None:
    from broker.anonymise.profile import build_profile
    from channels.email.referral_lines import referral_lines

    form, _ = check_referral({"needed_from": "ideally 14/12/2026, no later than 18/12/2026"},
                             REFERRAL, message_date=ON)
    profile = build_profile(form, authority=None, today=ON, scrub=lambda text: text)
    assert profile["no_later_than"] == "2026-12-18"
    assert ("Needed from", "Monday 14 December 2026 (no later than Friday 18 December 2026)") \
        in referral_lines(profile)


def test_a_referral_without_a_deadline_prints_no_deadline_key() -> None:
    from broker.anonymise.profile import build_profile
    from channels.email.referral_lines import referral_lines

    form, _ = check_referral({"needed_from": "14/12/2026"}, REFERRAL, message_date=ON)
    profile = build_profile(form, authority=None, today=ON, scrub=lambda text: text)
    assert "no_later_than" not in profile
    assert ("Needed from", "Monday 14 December 2026") in referral_lines(profile)
