"""Round 47's numbers: a number plate in lower case run together beside a vehicle, and a
ten-digit number a cue names as another system's, which is no NHS number though its check
digit passes. Numbers are made up (NHS numbers from the 999 range).
"""

from __future__ import annotations

import pytest

from broker.anonymise.patterns import find_nhs_numbers
from tests.factories import scrubbed


@pytest.mark.parametrize("text", [
    "A grey Vauxhall, ab19cde, was seen outside the home at 02:00.",
    "She got into a taxi (reg not taken), then a van: Ab19 Cde.",
])
def test_a_lower_case_plate_beside_a_vehicle_goes(text: str) -> None:
    out = scrubbed(text)
    assert "ab19cde" not in out.casefold().replace(" ", ""), out


def test_a_plate_shape_with_no_vehicle_in_its_sentence_stays() -> None:
    text = "Her password was ab19cde. She walked home."
    assert scrubbed(text) == text


@pytest.mark.parametrize("cue", ["the court's case number is", "hospital no.", "Mosaic ID:"])
def test_a_cue_naming_another_system_wins_over_the_nhs_shape(cue: str) -> None:
    text = f"For the hearing, {cue} 9990001219 as listed."
    assert not list(find_nhs_numbers(text))
    out = scrubbed(text)
    assert "9990001219" not in out and "[NHS number]" not in out, out


def test_an_nhs_number_after_its_own_cue_is_still_one() -> None:
    out = scrubbed("His NHS number is 999 000 1219 on the GP letter.")
    assert "[NHS number]" in out, out
