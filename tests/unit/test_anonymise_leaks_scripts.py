"""Names written in a script other than the Latin alphabet, anywhere in the prose.

A mother's name in Arabic, an uncle's in Cyrillic, a friend's in Chinese: the English word
lists cannot tell them from anything else, and earlier only such a name in brackets after
one already found went. People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(("text", "expected"), [
    ("Her mother فاطمة حداد visits weekly.", "Her mother [person] visits weekly."),
    ("Her uncle Олег Петров sends money.", "Her uncle [person] sends money."),
    ("Her friend 陈丽薇 is at school with her.", "Her friend [person] is at school with her."),
    ("Dad signs letters as Αλέξανδρος.", "Dad signs letters as [person]."),
    ("Her grandmother, राधा शर्मा, lives in Leicester.",
     "Her grandmother, [person], lives in Leicester."),
    ("Her aunt ሰላም ተስፋይ (Tigrinya) calls.", "Her aunt [person] (Tigrinya) calls."),
    ("Mum's number is ٠٧٧٠٠ ٩٠٠١١١ and her name مريم.",
     "Mum's number is [person] and her name [person]."),
    ("Her sister 김민지 visits.", "Her sister [person] visits."),
])
def test_a_name_in_another_script_goes(text: str, expected: str) -> None:
    out, counts = anonymised_background(text, today=TODAY, child_name="Brooke Vance")
    assert out == expected
    assert counts["person"] >= 1


def test_a_latin_word_spelt_with_another_scripts_look_alike_letters_is_the_name_it_looks_like(
) -> None:
    out, _ = anonymised_background("Brооke and Jaydеn went missing; Gаreth Pike drove.",
                                   today=TODAY, child_name="Brooke Vance")  # Cyrillic о, е, а
    assert out == "[child] and [person] went missing; [person] drove."


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr 林 and Mrs 王 visit.", "Mr [person] and Mrs [person] visit."),  # one-character surnames
    ("She takes α1-antitrypsin.", "She takes α1-antitrypsin."),
])
def test_one_chinese_character_is_a_name_but_one_greek_letter_is_not(text: str,
                                                                     expected: str) -> None:
    assert anonymised_background(text, today=TODAY, child_name="Brooke Vance")[0] == expected


@pytest.mark.parametrize("text", [
    "She takes β-blockers and her café job is going well.",
    "A naïve, déjà vu feeling; she speaks Urdu, Tigrinya and Polish (Łódź).",
    "Rated 5★ by her mentor; 3 × 2 hours a week.",
])
def test_latin_text_and_single_letters_stay(text: str) -> None:
    out, _ = anonymised_background(text, today=TODAY, child_name="Brooke Vance")
    assert out == text
