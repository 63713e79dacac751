"""Reference numbers of other systems in a referral's text, and the case reference written
in other ways: as identifying as the case reference the form asks for.

Numbers and systems are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(("text", "expected"), [
    ("Liquid Logic ref: LL0098123", "Liquid Logic ref: [reference]"),
    ("Police ref 13/118822/26 attended.", "Police ref [reference] attended."),
    ("Hospital number RR3349187 at the LGI.", "Hospital number [reference] at the LGI."),
    ("Crime number 13/118822/26; mum's Mosaic ID 7654321; CRN: 2207-4411.",
     "Crime number [reference]; mum's Mosaic ID [reference]; CRN: [reference]."),
    ("Care proceedings LS26C00123, CAD 4471.", "Care proceedings [reference], CAD [reference]."),
    ("Home Office ref W1234567/001.", "Home Office ref [reference]."),
])
def test_a_reference_number_goes_by_the_words_that_introduce_it(text: str, expected: str
                                                                ) -> None:
    out, counts = anonymised_background(text, today=TODAY, child_name="Brooke Vance")
    assert out == expected
    assert counts["reference"] >= 1


@pytest.mark.parametrize("text", [
    "With reference to her school, ref to the panel; ID 3; section 47; Ref: see above.",
    "Proceedings are ongoing; the case number is not known.",
])
def test_reference_words_without_a_number_stay(text: str) -> None:
    assert anonymised_background(text, today=TODAY, child_name="Brooke Vance")[0] == text


def test_the_case_reference_glued_to_a_letter_or_grouped_differently_goes() -> None:
    out, _ = anonymised_background("M1234567 on the EDT log; Mosaic ref 1234 567; 12345678 "
                                   "is another.", today=TODAY, case_reference="1234567")
    assert out == "M[case reference] on the EDT log; Mosaic ref [case reference]; 12345678 " \
                  "is another."


def test_a_map_reference_and_a_number_plate_go() -> None:
    out, _ = anonymised_background("Snap Map shows 53.8210, -1.5720 and ///filled.count.soap; "
                                   "the car reg YX19 ABC. Ratio 1.25, fee 4.500, SEMH ABC.",
                                   today=TODAY, child_name="Brooke Vance")
    assert out == ("Snap Map shows [address] and [address]; the car reg [reference]. Ratio "
                   "1.25, fee 4.500, SEMH ABC.")


def test_the_home_streets_own_word_with_a_street_type_or_estate_after_it_goes() -> None:
    """"Thornbury Rise", the next street to the home's "Thornbury Close", places the child,
    and so does the word alone ("the Thornbury lot"); an English word ("Mill" of "Mill Lane")
    does not."""
    text = "Round the corner on Thornbury Rise, off the Thornbury Estate; the mill; Thornbury."
    home, _ = anonymised_background(text, today=TODAY, home_address="7 Thornbury Close")
    mill, _ = anonymised_background(text, today=TODAY, home_address="3 Mill Lane")
    assert home == "Round the corner on [address], off the [address]; the mill; [address]."
    # a named estate by a word no list holds goes beside any home (round 44), the rest stays
    assert mill == text.replace("the Thornbury Estate", "the [address]"), mill


@pytest.mark.parametrize(("text", "expected"), [
    ("Occurrence number 4412345; ESCR number is 880123.",
     "Occurrence number [reference]; ESCR number is [reference]."),
    ("UCI 1234-5678, PNC ID 26/123456A, custody number 13CU/123456.",
     "UCI [reference], PNC ID [reference], custody number [reference]."),
    ("The police reference for the assault last May is 13/118822/26.",
     "The police reference for the assault last May is [reference]."),  # the shape alone
])
def test_more_systems_reference_numbers_go(text: str, expected: str) -> None:
    assert anonymised_background(text, today=TODAY, child_name="Brooke Vance")[0] == expected


def test_the_home_streets_own_word_before_rec_or_arms_goes() -> None:
    out, _ = anonymised_background("She hangs about Thornbury Rec and the Thornbury Arms.",
                                   today=TODAY, home_address="7 Thornbury Close")
    assert out == "She hangs about [address] and the [address]."
