"""Round 47's misspellings and pet forms of the form's names.

A vowel swapped ("Ciaron" for Ciaran), a first sound spelt the other way ("Kieran" for Ciaran,
"Filippa" for Philippa, "Zander" for Xander, Alexander's pet form), a short stem and an "s"
("Dafs" for Dafydd) and a listed Welsh form ("Dai") go; each as the person whose name it is
("[child]", not "[person]"). Words a short name would make stay. People are made up.
"""

from __future__ import annotations

import pytest

from broker.anonymise.altered_names import respellings
from tests.factories import scrubbed


@pytest.mark.parametrize(("text", "child", "gone"), [
    ("Ciaron's phone was taken by older boys.", "Ciaran Mulvey", "Ciaron"),
    ("Kieran (sic) was seen at the park.", "Ciaran Mulvey", "Kieran"),
    ("School wrote to Filippa about her attendance.", "Philippa Orde", "Filippa"),
    ("Xander is settled; Zander's mood is low.", "Alexander Orde", "Zander"),
    ("Dafs has said he wants a Welsh-speaking carer.", "Dafydd Prothero", "Dafs"),
    ("Dai speaks Welsh with his taid.", "Dafydd Prothero", "Dai"),
    ("Jordon told staff he was scared.", "Jordan Pell", "Jordon"),
])
def test_a_misspelling_or_pet_form_is_the_child(text: str, child: str, gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert gone not in out and "[child]" in out and "[person]" not in out, out


def test_a_short_names_vowel_is_not_swapped() -> None:
    assert "don" not in respellings("dan") and "kim" not in respellings("cim")


@pytest.mark.parametrize(("text", "child", "kept"), [
    ("Carmen likes cards and karaoke.", "Carmen Oduya", "karaoke"),
    ("Mark Pell met Mr Kirk at the office.", "Mark Pell", "the office"),
])
def test_ordinary_words_stay_beside_a_respelt_name(text: str, child: str, kept: str) -> None:
    assert kept in scrubbed(text, child_name=child)
