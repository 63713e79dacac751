"""The outside rounds 29 and 30's findings a first pass left: a pet form before a Japanese
honorific, a newborn's "Baby of" initials, a pipe table's handle and a contact saved as a
relative's pet word and an initial, a bilingual passport date, and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_pet_form_of_the_childs_name_before_an_honorific_goes() -> None:
    out = scrubbed("Mum calls him Ken-chan. Kenji adores his cousin Yui-chan. Ken-ichi "
                   "visits.", child_name="Kenji Sato-Price")
    assert "Ken-chan" not in out and "[child]-chan" in out, out
    assert "Ken-ichi visits" in out, out


def test_a_newborns_baby_of_initials_go() -> None:
    out = scrubbed("Hospital notes call her 'Baby of Kayleigh Dunn' (BoKD on the cot card).",
                   child_name="Baby Girl Dunn")
    assert "BoKD" not in out and "on the cot card" in out, out
    text = "BoE rates rose. Bo is here. BOKD is a code. BoJo spoke."
    assert scrubbed(text) == text


def test_a_pipe_tables_handle_and_a_kin_initial_contact_go() -> None:
    out = scrubbed("Platform | Name shown | Who we think it is | Action\n"
                   "Snapchat | dee.m2k ('Dee') | Dionne Mallory, 19 | blocked\n"
                   "WhatsApp | Unc T, +44 7700 900417 | Terrell Oakes | reported to police")
    for leak in ("dee.m2k", "Unc T"):
        assert leak not in out, (leak, out)
    assert "Platform | Name shown" in out and "reported to police" in out, out
    assert "Auntie J" not in scrubbed("Auntie J came to the review."), "Auntie J"


def test_kin_words_without_an_initial_stay() -> None:
    text = ("Snapchat | yes | none\nHer Uncle came. I asked Uncle A lot. Her Aunt I think "
            "rang.")
    assert scrubbed(text) == text


def test_a_passports_bilingual_date_of_birth_goes_whole() -> None:
    for text in ("Date of birth / Date de naissance: 03 MAR/MAR 2012",
                 "Birth / Naissance - 03 MAR/MAR 2012"):
        out = scrubbed(text, child_name="Samson Haile Tesfamariam",
                       date_of_birth=date(2012, 3, 3))
        assert "MAR" not in out and "2012" not in out and "[date of birth]" in out, out
    out = scrubbed("Mother's DOB: 17 SEP/SEPT 1988")
    assert "1988" not in out and "SEP" not in out, out


def test_a_passports_other_dates_stay() -> None:
    text = "Expiry / Date d'expiration: 03 MAR/MAR 2027. Issued 11 JUN/JUIN 2022."
    assert scrubbed(text, child_name="Samson Haile Tesfamariam",
                    date_of_birth=date(2012, 3, 3)) == text


# Over-redactions


def test_in_a_title_case_message_only_the_name_after_a_relatives_word_goes() -> None:
    out = scrubbed("His Dad Wayne Wont Help And My Sister Tracy Says She Cant Have Him. Can "
                   "Someone Ring Me Back Please.")
    for name in ("Wayne", "Tracy"):
        assert name not in out, (name, out)
    assert "Wont Help And My Sister" in out and "Says She Cant Have Him" in out, out
    out = scrubbed("His Dad Wayne Oakes Came And My Sister Tracy Long Says She Cant Help Me.")
    for name in ("Wayne", "Oakes", "Tracy", "Long"):
        assert name not in out, (name, out)
    out = scrubbed("The report said his uncle Dennis Help was there.")
    assert "Dennis" not in out and "Help" not in out, out


@pytest.mark.parametrize("unit", [
    "Ken-chan-chan ", "Kenji-san-kun-", "abc-chan-", "BoKD BoKDE ", "BoBoBo ", "Bo-BoKD-",
    "Snapchat | | ", "Snapchat |||| a.b ", "Unc T Unc ", "Uncle Uncle T.T.", "Cuz Z-",
    "3 Mar/Mar/Mar/", "03 MAR / MAR / ", "born 3 Mar/Mar 2012 ", "17 SEP/SEPT/ 1988/",
    "His Dad Wayne Wont Help ", "His Dad Wayne Wont Help And My Sister Tracy Says.",
    "Dad Ab Ab Ab Ab Ab Ab Ab Ab\n",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
