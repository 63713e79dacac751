"""The outside round 23's findings: addresses abroad, numbers in words, names in file names.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm
from tests.factories import anonymised_background
from tests.growth import ANONYMISED_SIZE, LINEAR, growth

TODAY = date(2026, 11, 20)


def scrubbed(text: str) -> str:
    return anonymised_background(text, today=TODAY)[0]


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("Mum lives at Str. Florilor nr. 12, bl. A3, sc. 2, ap. 14, Iași 700123 now.",
     ["Florilor", "A3", "ap. 14", "700123"], "Iași"),
    ("Dad gave his address as 14 Ard na Gréine, Tralee, Co. Kerry, V92 X2Y3.",
     ["Ard na", "Gréine", "V92", "X2Y3"], "Tralee, Co. Kerry"),
    ("The family home was at vul. Shevchenka 12, apt 5, Zhytomyr, which was damaged.",
     ["Shevchenka", "apt 5"], "Zhytomyr"),
])
def test_an_address_abroad_goes_with_its_flat_and_code_and_its_town_stays(
    text: str, gone: list[str], kept: str,
) -> None:
    out = scrubbed(text)
    assert not [part for part in gone if part in out] and kept in out, out


@pytest.mark.parametrize("text", [
    "She is in Y10 2026 and sits GCSEs in 2028.",
    "Ard na Gréine is a song she likes.",
])
def test_words_like_an_address_abroad_without_its_number_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_phone_number_in_words_goes() -> None:
    out = scrubbed("Mum wrote her number as oh seven seven double oh, nine double oh, four "
                   "two six, and O-seven-seven-zero-zero nine zero zero four two six.")
    assert "seven" not in out and "four" not in out and out.count("[phone]") == 2, out


@pytest.mark.parametrize("text", [
    "She counted one, two, three, four, five, six, seven, eight, nine and stopped.",
    "She is six or seven and has one or two friends.",
    "Oh no, one of them said.",
])
def test_a_few_numbers_in_words_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_name_in_styled_letters_goes_and_other_styled_words_stay_as_written() -> None:
    text = ("Her display name is 𝓚𝓪𝔂𝓵𝓪 🦋. The adult, Jay Marsh (22), shows as ᴊᴀʏ ᴍᴀʀsʜ "
            "on her phone and as 𝐉𝐚𝐲 on Snapchat. She wrote 𝓵𝓸𝓿𝓮 𝔂𝓸𝓾 under it.")
    out, _ = anonymised_background(text, today=TODAY, child_name="Kayla Dunmore")
    assert out == ("Her display name is [child] 🦋. The adult, [person] (22), shows as [person] "
                   "on her phone and as [person] on Snapchat. She wrote 𝓵𝓸𝓿𝓮 𝔂𝓸𝓾 under it."), out


def test_a_name_with_its_initial_in_a_file_name_goes() -> None:
    text = ("Attached: Chronology_CBlenkinsop_Nov26.docx; Notes_CoreyB.docx; "
            "EHCP_Review_Nov26.docx; CAMHs letter.")
    out, _ = anonymised_background(text, today=TODAY, child_name="Corey Blenkinsop")
    assert out == ("Attached: Chronology_[child]_Nov26.docx; Notes_[child].docx; "
                   "EHCP_Review_Nov26.docx; CAMHs letter."), out


@pytest.mark.parametrize("text", [
    "Present: Jo Fictional (SW) JF; Lindsey Tattersall (mother) LT.\n1. LT said JT has not "
    "slept at home; JT was stopped in a car.",
    "LT said JT has not slept at home; JT was stopped in a car.",
])
def test_the_childs_two_initials_go_where_the_text_writes_people_by_their_initials(
    text: str,
) -> None:
    out, _ = anonymised_background(
        text, today=TODAY, child_name="Jenson Tattersall",
        family_names=[FamilyMember(name="Lindsey Tattersall", relationship="mother")])
    assert "JT" not in out and "[child] has not slept" in out, out


@pytest.mark.parametrize(("child", "text"), [
    ("Jenson Tattersall", "The JT unit saw him in May."),  # no one written by initials
    ("Poppy Evans", "Present: Jo Fictional (SW) JF.\n1. JF said she loves PE."),
])
def test_two_capitals_stay_where_the_text_does_not_write_the_child_so(
    child: str, text: str,
) -> None:
    out, _ = anonymised_background(text, today=TODAY, child_name=child)
    # a social worker's initials written beside her name go with it (round 35)
    assert out == text.replace("Jo Fictional", "[person]").replace("JF", "[person]"), out


def test_a_flat_after_prose_starts_a_block_of_slashed_parts() -> None:
    out = scrubbed("Her friend's house, where she goes when missing, is Apartment 4 / Corn "
                   "Exchange Buildings / Kelsham. She was given Flat 4 in the summer.")
    assert out == ("Her friend's house, where she goes when missing, is [address] / [address] "
                   "/ [address]. She was given Flat 4 in the summer."), out


def test_a_surname_in_capitals_goes_with_a_first_name_with_an_apostrophe() -> None:
    out, _ = anonymised_background(
        "KAI WAS STOPPED WITH TAMARA LIDDLE (16) AND D'SHAWN MCINTYRE AT THE TRAIN STATION. "
        "D'ANGELO RANG AT 4 O'CLOCK.", today=TODAY, child_name="Kai Whitlow")
    assert out == ("[child] WAS STOPPED WITH [person] (16) AND [person] AT THE TRAIN STATION. "
                   "[person] RANG AT 4 O'CLOCK."), out


@pytest.mark.parametrize("unit", [
    "D'ABCD EFGH ", "A'BCD A'BCD ",
    "a Flat 1 a Flat 1 / ", "is Apt.1 / The Ab / ",
    "Ab_ABab_", "a_", "AAAAAa", "_aB", "   Present  \n", "Apologies ", "TE ET ",
    "𝓚𝓪𝔂 ᴊᴀ ", "𝐉𝐚 a ", "ᴀ𝓚 ",
    "oh double ", "oh, two - ", "o-o o ", "treble double one ", "one  ,",
    "Str. Ab nr. 1, bl. A1, sc. 1, et. 1, ap. 1, ", "Calea Ab 1, Ab Ab 11111 ",
    "1 Ard na an Ab ", "V92 X2Y", "A11 1111 ", "vul. Ab 1, apt 1, ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    def work(text: str) -> object:
        form = ReferralForm(child_name="Tamsin Ellery", background=text)
        return anonymise(form, authority=None, today=TODAY)

    assert growth(make, work, ANONYMISED_SIZE, repeats=3) < LINEAR
