"""Names the narrative writes in capitals, as social-care records often do ("JOHN PIKE").

A run of capitals that holds a listed first name, all of whose words are names, is a name
wherever it stands; acronyms stay ("SEMH", "CAMHS", "ODD", "LS6"), and so do capitalised
ordinary words ("PLEASE NOTE", "MAY CONTACT"). People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


def scrubbed(text: str) -> str:
    return anonymised_background(text, today=TODAY)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JOHN PIKE was arrested.", "[person] was arrested."),
        ("Her uncle JOHN PIKE visits.", "Her uncle [person] visits."),
        ("Associates: REID Mason.", "Associates: [person]."),
        ("She met JOHN PIKE. Later John rang.", "She met [person]. Later [person] rang."),
    ],
)
def test_a_name_written_in_capitals_is_removed(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She has ODD and ADHD; SEMH needs; CAMHS referral; lives in LS6.",
        "PLEASE NOTE: URGENT. MAY CONTACT SOCIAL CARE. GRACE PERIOD applies. MARK SCHEME.",
        "ODD SEN support. KAI GCSE results. DAN ACE CP PLO LAC review. CID and PCSO attended.",
        "AMY. WILL SHE COPE?",
    ],
)
def test_acronyms_and_ordinary_words_in_capitals_stay(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("She stays with her uncle JOHN at weekends.",
     "She stays with her uncle [person] at weekends."),
    ("Her mum SARAH rang.", "Her mum [person] rang."),
])
def test_a_first_name_in_capitals_after_a_role_word_is_removed(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


def test_capitals_after_a_role_word_that_are_no_first_name_stay() -> None:
    text = "She sees her worker CAMHS weekly and her teacher PE on Fridays."
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("MARISSA's phone was seized. Marissa's sister rang.",
     "[person]'s phone was seized. [person]'s sister rang."),
    ("SHE WAS WITH RONNIE (AGED ABOUT 30) ALL NIGHT.",
     "SHE WAS WITH [person] (AGED ABOUT 30) ALL NIGHT."),
    ("NAME | AGE\nBIG SHAQ | approx 30\nRONNIE | about 30",
     "NAME | AGE\n[person] | approx 30\n[person] | about 30"),
    ("Hope's mum rang. Claire's was busy. HOPE'S MUM RANG. BIG MAN (approx 30). "
     "NHS TRUST (about 2). MISSING | about 3 |",
     "Hope's mum rang. Claire's was busy. HOPE'S MUM RANG. BIG MAN (approx 30). "
     "NHS TRUST (about 2). MISSING | about 3 |"),
])
def test_a_name_in_capitals_opening_a_sentence_owning_or_before_an_age_guessed_at_goes(
    text: str, expected: str
) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ROSSITER-HOLT Damon aka Dinks was present.", "[person] aka [person] was present."),
    ("LI Wei (Mandarin) interpreted. ZHAO Lei (Cantonese) rang.",
     "[person] (Mandarin) interpreted. [person] (Cantonese) rang."),
    ("SUN Hong rang. DA Team met. She speaks Punjabi. NHS-CAMHS Team.",
     "SUN Hong rang. DA Team met. She speaks Punjabi. NHS-CAMHS Team."),
])
def test_a_police_nominal_double_barrelled_or_chinese_family_name_first_goes(
    text: str, expected: str
) -> None:
    assert scrubbed(text) == expected
