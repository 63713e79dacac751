"""Referrals as round R10's outside tester wrote them, and the row of options one to a cell
that round R8 left: "Placement type | ☐ Foster care | ☒ Residential | ☐ 16+".

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import check_referral, read_message
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_docx import as_bytes, word_document
from tests.unit.test_forms_referral_round8 import (
    _FORM,
    ON,
    REFERRAL,
    _checked,
    social_workers_message,
)


def _html_table(rows: list[tuple[str, ...]]) -> bytes:
    message = social_workers_message()
    cells = "".join("<tr>" + "".join(f"<td><p>{cell}</p></td>" for cell in row) + "</tr>"
                    for row in rows)
    message.set_content(f"<html><body><p>Referral below.</p><table>{cells}</table></body></html>",
                        subtype="html")
    return bytes(message)


def _profile(raw: bytes) -> tuple[object, list[object]]:
    read = read_message(raw, REFERRAL)
    return check_referral(read.fields, REFERRAL, message_date=ON)


_OPTIONS = ("Placement type", "☐ Foster care", "☒ Residential", "☐ 16+ supported")


@pytest.mark.parametrize("options", [
    _OPTIONS,
    ("Placement type", "[ ] Foster care", "[x] Residential", "[ ] 16+ supported"),
])
def test_a_row_of_options_one_to_a_cell_is_read_whole(options: tuple[str, ...]) -> None:
    rows = [(label, value) for label, value in _FORM if label != "Placement type"]
    form, problems = _profile(_html_table([*rows[:4], options, *rows[4:]]))
    assert problems == []
    assert form.placement_type == "residential"  # type: ignore[attr-defined]


def test_a_word_forms_row_of_options_one_to_a_cell_is_read_whole() -> None:
    rows = [(label, value) for label, value in _FORM if label != "Placement type"]
    form, problems = _checked("Referral attached.\n", as_bytes(word_document(
        [*rows[:4], _OPTIONS, *rows[4:]])))
    assert problems == {}
    assert form.placement_type == "residential"  # type: ignore[attr-defined]


def test_cells_after_a_value_that_are_no_options_are_not_joined_to_it() -> None:
    """A box opening the value cell joins only further boxed cells: the label cell after it
    is still a field of its own."""
    rows = [(label, value) for label, value in _FORM if label not in ("Placement type", "Gender")]
    form, problems = _profile(_html_table(
        [*rows[:4], ("Placement type", "☒ Residential", "Gender", "Male"), *rows[4:]]))
    assert problems == []
    assert (form.placement_type, form.gender) == ("residential", "male")  # type: ignore[attr-defined]


def test_a_long_row_of_option_cells_is_read_in_linear_time() -> None:
    def read(text: str) -> object:
        cells = tuple(part for part in text.split("|") if part)
        return _profile(_html_table([("Placement type", *cells)]))
    assert growth(repeated("☐ Foster care|"), read, 200, repeats=3) < LINEAR
