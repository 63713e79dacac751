"""Referrals as round R11's outside tester wrote them: placement types as councils name
them, an out-of-hours team's shorthand, "Placement start", a form of label rows over value
rows whose narrative fills a row of its own, and a secure-mail notice instead of the form;
and two shapes round R3 left: needs marked in "Yes" and "No" columns, and a form pasted from
a PDF with its labels and values in columns of spaces.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import (
    _FORM,
    REFERRAL,
    _checked,
    _form,
    social_workers_message,
)
from tests.unit.test_forms_referral_round10 import _html_table, _profile


@pytest.mark.parametrize(("written", "code"), [
    ("In-house foster care", "fostering"),
    ("Specialist therapeutic residential", "residential"),
    ("Parent and baby foster placement", "parent-and-child"),
    ("Therapeutic foster placement", "fostering-specialist"),
    ("Single-bed residential (1:1 staffing)", "residential-solo"),
])
def test_placement_types_as_councils_name_them(written: str, code: str) -> None:
    form, problems = _checked(_form(**{"Placement type": written}))
    assert problems == {} and form.placement_type == code  # type: ignore[attr-defined]


def test_an_out_of_hours_teams_shorthand_is_read() -> None:
    form, problems = _checked(_form(Needs="CSE risk, missing x6 this month",
                                    extra="Status: PPO s46 (expires 03:00 Mon)\n"))
    assert problems == {}
    assert (form.needs, form.legal_status) == (["cse", "missing"], "other")  # type: ignore[attr-defined]


def test_placement_start_is_the_day_needed_from() -> None:
    body = _form().replace("Needed from: 14/12/2026", "Placement start: Monday 14th December")
    form, problems = _checked(body)
    assert problems == {} and form.needed_from.day == 14  # type: ignore[attr-defined]


def _across(pairs: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Labels three to a row, each row over a row of their values."""
    rows: list[tuple[str, ...]] = []
    for at in range(0, len(pairs), 3):
        rows += [tuple(label for label, _ in pairs[at:at + 3]),
                 tuple(value for _, value in pairs[at:at + 3])]
    return rows


def test_a_narrative_in_a_row_of_its_own_under_its_label_row_is_read() -> None:
    *fields, (label, text) = _FORM
    fields.append(("Duration", "Long term"))  # three rows of three
    form, problems = _profile(_html_table([*_across(fields), (label,), (text,)]))
    assert problems == []
    assert form.background == text  # type: ignore[attr-defined]


def test_a_free_text_label_alone_on_its_line_heads_its_narrative() -> None:
    lines = "".join(f"{label}: {value}\n" for label, value in _FORM[:-1])
    form, problems = _checked(f"{lines}Background and risks\n{_FORM[-1][1]}\n")
    assert problems == {} and form.background == _FORM[-1][1]  # type: ignore[attr-defined]


@pytest.mark.parametrize("notice", [
    "You have received a secure message from pat.dorrington@northby.gov.example.\n"
    "Read message: https://secure.example/read/123\n",
    "Pat Dorrington has sent you a protected email. Click to read.\n",
])
def test_a_secure_mail_notice_is_answered_with_what_to_send_instead(notice: str) -> None:
    message = social_workers_message()
    message.set_content(notice)
    read = read_message(bytes(message), REFERRAL)
    assert any("secure-mail notice" in problem and ".docx" in problem
               for problem in read.problems)


def test_a_form_that_mentions_secure_email_is_read_as_a_form() -> None:
    form, problems = _checked(_form(extra="Location requirements: none; sent by secure "
                                          "email as agreed\n"))
    assert problems == {} and form.gender == "female"  # type: ignore[attr-defined]


def test_needs_marked_in_yes_and_no_columns_are_those_marked_yes() -> None:
    rows = [(label, value) for label, value in _FORM if label != "Needs"]
    needs = [("Needs", "Yes", "No"), ("SEMH", "X", ""), ("Autism", "", "X"),
             ("Missing episodes", "X", ""), ("CSE", "", "X")]
    form, problems = _profile(_html_table([*rows[:-1], *needs, rows[-1]]))
    assert problems == []
    assert form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_pdfs_labels_and_values_in_columns_of_spaces_are_read_in_pairs() -> None:
    *fields, (label, text) = _FORM
    lines = "".join(f"{a:<20}{b:<28}{c:<20}{d}\n" for (a, b), (c, d) in zip(
        fields[::2], fields[1::2], strict=True))
    form, problems = _checked(f"Copied from the PDF:\n\n{lines}{label}\n{text}\n")
    assert problems == {}
    assert (form.gender, form.needs) == ("female", ["semh", "missing"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["missing x6 ", "x6 this ", "secure ", "Background and risks\n",
                                  "Gender   Female   "])
def test_text_made_to_slow_the_round_r11_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(Needs=text, extra=text)), 2_000,
                  repeats=3) < LINEAR
