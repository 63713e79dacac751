"""Referrals as round R9's outside tester wrote them: a sibling count that its remark denies,
councils' own need codes, web forms' "Other:", legal-status and duration shorthands, a
disputed age, a scanned form, and HTML fields set apart by non-breaking spaces.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import check_referral, read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import (
    _FORM,
    ON,
    REFERRAL,
    _checked,
    _form,
    social_workers_message,
)


def test_a_sibling_count_its_remark_denies_is_asked_about() -> None:
    _, problems = _checked(_form(extra="Siblings to place together: 2 (placed separately - not "
                                       "part of this referral)\n"))
    assert "not part of this referral" in problems["siblings"]


@pytest.mark.parametrize("written", ["No (only child)", "0", "None"])
def test_no_brothers_or_sisters_is_one_child(written: str) -> None:
    form, problems = _checked(_form(extra=f"Siblings to place together: {written}\n"))
    assert problems == {} and form.siblings == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("needs", "codes"), [
    ("Need code 4 - CSE; Need code 9 - Missing; Need code 2 - SEMH", ["cse", "missing", "semh"]),
    ("SEMH, Other: County lines", ["semh", "cce"]),
])
def test_a_councils_need_codes_and_a_web_forms_other_are_passed_over(needs: str,
                                                                     codes: list[str]) -> None:
    form, problems = _checked(_form(Needs=needs))
    assert problems == {} and form.needs == codes  # type: ignore[attr-defined]


@pytest.mark.parametrize(("extra", "field", "value"), [
    ("Legal status: Secure order s25\n", "legal_status", "other"),
    ("Duration: 6-12 months\n", "duration", "short-term"),
])
def test_shorthands_as_teams_write_them(extra: str, field: str, value: str) -> None:
    form, problems = _checked(_form(extra=extra))
    assert problems == {} and getattr(form, field) == value


def test_a_claimed_and_an_assessed_date_of_birth_say_which_to_give() -> None:
    _, problems = _checked(_form(extra="Assessed DOB: 01/01/2010\n"))
    assert "assessed date of birth" in problems["date_of_birth"]


def test_a_scanned_form_is_answered_with_what_to_send_instead() -> None:
    message = social_workers_message()
    message.set_content("Hi, referral attached.\n\nPat\n")
    message.add_attachment(b"\xff\xd8\xff\xe0 not really a photo", maintype="image",
                           subtype="jpeg", filename="scan0001.jpg")
    read = read_message(bytes(message), REFERRAL)
    assert any("scan0001.jpg" in problem and ".docx" in problem for problem in read.problems)


def test_a_logo_beside_a_form_is_no_problem() -> None:
    message = social_workers_message()
    message.set_content(_form())
    message.add_attachment(b"\x89PNG not really a logo", maintype="image", subtype="png",
                           filename="logo.png")
    assert read_message(bytes(message), REFERRAL).problems == []


def test_html_fields_set_apart_by_non_breaking_spaces_are_read_apart() -> None:
    message = social_workers_message()
    pairs = [f"<b>{label}</b>: {value}" for label, value in _FORM[:-1]]
    paragraphs = "".join("<p>" + "&nbsp;&nbsp;&nbsp;&nbsp; ".join(pairs[at:at + 3]) + "</p>"
                         for at in range(0, len(pairs), 3))
    message.set_content(f"<html><body>{paragraphs}<p><b>Background</b>: {_FORM[-1][1]}</p>"
                        "</body></html>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON)
    assert problems == []
    assert (form.gender, form.urgency) == ("female", "urgent")  # type: ignore[union-attr]


@pytest.mark.parametrize("unit", ["Need code 4 - ", "6-12 months ", "2 (placed separately) "])
def test_text_made_to_slow_the_round_r9_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(Needs=text)), 2_000,
                  repeats=3) < LINEAR


def test_one_child_whose_siblings_are_placed_separately_is_one_child() -> None:
    """Round R7's again, after R9's rule for a count its remark denies."""
    form, problems = _checked(_form(extra="Number of children: 1 (siblings placed separately)\n"))
    assert problems == {} and form.siblings == 1  # type: ignore[attr-defined]


def test_a_rows_first_option_unticked_is_no_answer() -> None:
    """Round R8's again, once its gender was read: 'Placement type | ☐ Foster care | ☒
    Residential' across cells gave only the first cell, read as fostering."""
    _, problems = _checked(_form(**{"Placement type": "☐ Foster care"}))
    assert "nothing is ticked" in problems["placement_type"]
