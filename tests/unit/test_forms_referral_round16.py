"""Referrals as round R16's outside tester wrote them: forms pasted out of a PDF with the
page furniture ("Page 2 of 4", "OFFICIAL-SENSITIVE", the form's footer) inside a value cut by
the page break, and labels the PDF wrapped over two lines; HTML tables with merged cells; an
Excel paste's TRUE and FALSE; a form sent as an inline picture; a draft above the final form.

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

_BANNER = ("Page 2 of 4\nOFFICIAL-SENSITIVE\n"
           "Northby Council – Placement Referral Form v3.2 (Jan 2025)\n")


def test_a_list_ending_in_a_comma_runs_on_past_a_page_break() -> None:
    """'Needs: SEMH, CSE risk,' / banner / 'missing episodes' had lost the missing episodes."""
    form, problems = _checked(_form(**{"Needs": f"SEMH, CSE risk,\n\n{_BANNER}\nmissing episodes"}))
    assert problems == {}
    assert form.needs == ["semh", "cse", "missing"]  # type: ignore[attr-defined]


def test_a_list_ending_in_and_runs_on_past_a_page_break() -> None:
    form, problems = _checked(_form(**{"Needs": f"SEMH and\n{_BANNER}\nmissing episodes"}))
    assert problems == {}
    assert form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_label_at_the_foot_of_a_page_has_its_value_on_the_next() -> None:
    """'Gender:' / banner / 'Male' had read the banner as the gender."""
    form, problems = _checked(_form(**{"Gender": f"\n{_BANNER}Male"}))
    assert problems == {}
    assert form.gender == "male"  # type: ignore[attr-defined]


def test_a_finished_value_does_not_run_on_past_a_page_break() -> None:
    """A value that does not end in a comma is whole: the lines after the banner are not it."""
    form, problems = _checked(_form(**{"Needs": f"SEMH\n\n{_BANNER}\nThe rest of the form"}))
    assert problems == {}
    assert form.needs == ["semh"]  # type: ignore[attr-defined]


def test_a_label_wrapped_over_two_lines_is_one_label() -> None:
    """'Date placement' / 'required: 07/12/2026' had been 'no value was given'."""
    body = _form(extra="Number of siblings to be\nplaced together: 2\n")
    form, problems = _checked(body.replace("Needed from: 14/12/2026",
                                           "Date placement\nrequired: 07/12/2026"))
    assert problems == {}
    assert str(form.needed_from) == "2026-12-07"  # type: ignore[attr-defined]
    assert form.siblings == 2  # type: ignore[attr-defined]


def test_two_lines_that_are_no_label_together_are_not_joined() -> None:
    form, _ = _checked(_form(extra="Date of the\nrequired: 07/12/2026\n"))
    assert str(form.needed_from) == "2026-12-14"  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["Page 1 of 2\n", "\n", "OFFICIAL\n\n", "x,\nPage 1\n\n",
                                  "Date placement\n"])
def test_text_made_to_slow_the_page_break_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        **{"Needs": f"SEMH,\n{text}missing episodes"})), 2_000, repeats=3) < LINEAR


def test_a_spreadsheets_true_and_false_are_yes_and_no() -> None:
    """'Needs' over 'SEMH<TAB>TRUE' / 'ASD<TAB>FALSE' had been needs we do not know."""
    form, problems = _checked(_form(**{"Needs": "\nSEMH\tTRUE\nASD\tFALSE\nCCE\tTRUE"}))
    assert problems == {}
    assert form.needs == ["semh", "cce"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["true ", "s\t", "SEMH\tTRUE x"])
def test_text_made_to_slow_the_true_and_false_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(_form(
        **{"Needs": f"\nSEMH\tTRUE\n{text[:70]}{text}\tFALSE"})), 2_000, repeats=3) < LINEAR


def _checked_html(rows: str) -> tuple[object, dict[str, str]]:
    message = social_workers_message()
    message.set_content(f"<html><body><table>{rows}</table></body></html>", subtype="html")
    read = read_message(bytes(message), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting)
    return form, {str(problem.field): problem.problem for problem in problems}


def _html_rows(*, without: tuple[str, ...] = (), span: int = 1) -> str:
    return "".join(f"<tr><td colspan={span}>{label}</td><td>{value}</td></tr>"
                   for label, value in _FORM if label not in without)


def test_a_group_cell_merged_down_heads_its_rows() -> None:
    """A 'Placement' cell spanning 'Type', 'Urgency', 'Needed from' had made the sub-labels
    the placement type's value."""
    group = ("<tr><td rowspan=3>Placement</td><td>Type</td><td>Solo residential</td></tr>"
             "<tr><td>Urgency</td><td>Emergency</td></tr>"
             "<tr><td>Needed from</td><td>04/12/2026</td></tr>")
    form, problems = _checked_html(_html_rows(without=(
        "Placement type", "Urgency", "Needed from"), span=2) + group)
    assert problems == {}
    assert (form.placement_type, form.urgency, str(form.needed_from)) == (  # type: ignore[attr-defined]
        "residential-solo", "emergency", "2026-12-04")


def test_tick_rows_under_a_needs_heading_row_are_the_needs() -> None:
    """'Needs (tick all that apply)' across the table over 'SEMH | ☒' rows had been no needs."""
    ticks = ("<tr><td colspan=2>Needs (tick all that apply)</td></tr>"
             "<tr><td>SEMH</td><td>\u2612</td></tr><tr><td>ASD</td><td>\u2610</td></tr>"
             "<tr><td>Missing episodes</td><td>\u2612</td></tr>")
    form, problems = _checked_html(_html_rows(without=("Needs",)) + ticks)
    assert problems == {}
    assert form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["<tr><td>SEMH</td><td>\u2612</td></tr>",
                                  "<tr><td rowspan=2>Placement</td><td>Type</td><td>x</td></tr>"])
def test_tables_made_to_slow_the_grouped_row_rules_are_read_in_linear_time(unit: str) -> None:
    head = "<tr><td colspan=2>Needs</td></tr>"
    assert growth(repeated(unit), lambda rows: _checked_html(head + rows), 500,
                  repeats=3) < LINEAR


def _html_with_inline_picture(width: int) -> bytes:
    message = social_workers_message()
    message.set_content("<html><body><p>Please see the referral below.</p>"
                        f'<p><img width="{width}" height="{width + 200}" '
                        'src="cid:image001.png@01DB4A2C.1F2E3D40"></p>'
                        "<p>Kind regards,<br>Jo</p></body></html>", subtype="html")
    message.add_related(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png",
                        cid="<image001.png@01DB4A2C.1F2E3D40>", filename="image001.png",
                        disposition="inline")
    return bytes(message)


def test_a_form_shown_as_an_inline_picture_is_named_a_picture() -> None:
    """An HTML body holding only a picture of the form had been told no line starts with a
    label; an attached picture was already told it is a picture."""
    problems = read_message(_html_with_inline_picture(600), REFERRAL).problems
    assert any("is a picture ('image001.png'" in problem for problem in problems)


def test_a_signatures_small_logo_is_not_named_the_form() -> None:
    problems = read_message(_html_with_inline_picture(120), REFERRAL).problems
    assert not any("picture" in problem for problem in problems)


@pytest.mark.parametrize("unit", ["<img ", '<img src="cid:', "<img width=600 "])
def test_html_made_to_slow_the_inline_picture_rule_is_read_in_linear_time(unit: str) -> None:
    def read(body: str) -> object:
        message = social_workers_message()
        message.set_content(f"<html><body>{body}</body></html>", subtype="html")
        message.add_related(b"\x89PNG", maintype="image", subtype="png", cid="<a@b>")
        return read_message(bytes(message), REFERRAL)
    assert growth(repeated(unit), read, 2_000, repeats=3) < LINEAR


_DRAFT = _form(**{"Placement type": "Residential"})
_FINAL = _form(**{"Placement type": "Solo residential"})


def test_a_form_headed_final_below_one_headed_draft_is_the_one_read() -> None:
    """'DRAFT – please ignore' over one form and 'FINAL VERSION' over the second had been
    asked about as a placement type given twice."""
    form, problems = _checked(f"DRAFT – please ignore\n\n{_DRAFT}\nFINAL VERSION\n\n{_FINAL}")
    assert problems == {}
    assert form.placement_type == "residential-solo"  # type: ignore[attr-defined]


def test_a_final_heading_with_no_draft_above_is_still_asked_about() -> None:
    _, problems = _checked(f"{_DRAFT}\nFINAL VERSION\n\n{_FINAL}")
    assert "placement_type" in problems


@pytest.mark.parametrize("unit", ["draft ", "final\n", "- final \n"])
def test_text_made_to_slow_the_draft_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: _checked(
        f"DRAFT\n{text}\nFINAL\n{_FINAL}"), 2_000, repeats=3) < LINEAR
