"""The outside round 30's findings: nicknames after cues it did not know, chats with the time
before the speaker, a carer's who's who, names with a bare initial, a couple's home, and the
over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks: nicknames after cues it did not know


def test_nicknames_after_new_cues_go() -> None:
    out = scrubbed("People at the takeaway named locally as 'Stiggy' the driver of the Audi. "
                   "She answers to 'Chanty' at the hostel. He signed in as Tellie B at the desk. "
                   "His friend raps as 'T-Zino' at open mics.")
    for name in ("Stiggy", "Chanty", "Tellie", "Zino"):
        assert name not in out, (name, out)
    assert "the driver of the Audi" in out and "at open mics" in out, out


def test_an_alleged_perpetrators_quoted_name_goes() -> None:
    out = scrubbed("Strategy discussion: AP – 'Dino' (believed to be in his 30s) met her via "
                   "Snapchat. The second AP is 'Slim Mike', surname unknown. AP1 drives a grey "
                   "Astra.")
    for name in ("Dino", "Slim", "Mike"):
        assert name not in out, (name, out)
    assert "AP1 drives a grey Astra" in out and "The second AP is" in out, out


def test_someone_said_to_be_a_relative_goes() -> None:
    out = scrubbed("Bossman is Kieran's cousin. Our Chelsea's moving to Blackpool. Our kid "
                   "got lifted and Our Lady's school rang.")
    for name in ("Bossman", "Chelsea"):
        assert name not in out, (name, out)
    assert "Our kid got lifted" in out and "Our Lady" in out and "Blackpool" in out, out


def test_words_answered_to_and_said_of_a_relative_stay() -> None:
    text = ("She answers to her key worker. This is his cousin. Mum is her mother. The "
            "school is her favourite place. Our house is warm and our Sunday dinners matter.")
    assert scrubbed(text) == text


# Leaks: a chat with the time before the speaker


def test_speakers_after_the_time_go() -> None:
    out = scrubbed("[14:02] Kez: u coming?\n[14:06] Shadow: outside in 5\n"
                   "21:40 Rocco: where u at\n[14:07] Kez: Shadow says he'll pick u up")
    for name in ("Kez", "Shadow", "Rocco"):
        assert name not in out, (name, out)
    assert "outside in 5" in out and "where u at" in out, out


def test_a_logs_timed_lines_stay() -> None:
    text = ("09:30 Police: attended and spoke to staff.\n10:00 Staff: checked her room.\n"
            "10:15 Handover: all calm.")
    assert scrubbed(text) == text


# Leaks: a carer's who's who, a bare initial, a couple's home


def test_a_who_is_whos_one_word_names_go() -> None:
    out = scrubbed("Who's who:\nDinks – older lad from the park, 17, sells vapes\n"
                   "Spudz – mum's ex, must not have contact\nNotes – see the plan")
    for name in ("Dinks", "Spudz"):
        assert name not in out, (name, out)
    assert "older lad from the park" in out and "Notes - see the plan" in out, out


def test_a_first_name_with_a_bare_initial_goes() -> None:
    out = scrubbed("18/11 P3 Science | Defiance | others involved: Lacey T, Kobe W (Y9)")
    for name in ("Lacey", "Kobe"):
        assert name not in out, (name, out)
    assert "Vitamin D, calcium" in scrubbed("Vitamin D, calcium"), "a vitamin stays"


def test_a_couples_home_goes_but_nan_and_grandads_stays() -> None:
    out = scrubbed("He has asked to go back to Sue and Pete's, and goes to Nan and "
                   "Grandad's on Saturdays.")
    for name in ("Sue", "Pete"):
        assert name not in out, (name, out)
    assert "Nan and Grandad's on Saturdays" in out, out


# Leaks: links on other platforms, a flat by its floor, a false DOB, circled letters


def test_link_in_bio_and_anonymous_question_pages_go() -> None:
    out = scrubbed("She has ngl.link/sparkle.girl09 (anonymous questions), "
                   "beacons.ai/sparklegirl09 and lnk.bio/ezzy.lockwood; his is "
                   "ngl.link/trapstar.k.")
    for handle in ("sparkle.girl09", "sparklegirl09", "ezzy.lockwood", "trapstar.k"):
        assert handle not in out, (handle, out)
    assert "(anonymous questions)" in out, out


def test_a_flat_numbered_by_its_floor_goes() -> None:
    out = scrubbed("Mum has moved to Apartment 2.04, The Foundry. Dad is in Flat 3.1.")
    assert "2.04" not in out and "3.1" not in out, out
    text = "Version 2.04 of the plan; he scored 3.1 out of 5."
    assert scrubbed(text) == text


def test_a_date_of_birth_after_of_or_as_goes() -> None:
    out = scrubbed("He gave a false DOB of 03/03/2010 to police, and his DOB as 4/4/2010 later.")
    assert "03/03/2010" not in out and "4/4/2010" not in out, out


def test_names_in_circled_and_superscript_letters_go() -> None:
    out = scrubbed("Her bio reads 'ⓜⓐⓒⓨ 13' and her display name is 'ᴹᵃᶜʸ ᴴ'. Her boyfriend "
                   "is named in the bio as 'ⓡⓘⓛⓔⓨ 💍'; he is Riley Gaukroger, 19.",
                   child_name="Macy Holt")
    for name in ("ⓜⓐⓒⓨ", "ᴹᵃᶜʸ", "ⓡⓘⓛⓔⓨ", "Riley"):
        assert name not in out, (name, out)
    assert "'[child] 13'" in out and "💍" in out, out


# Over-redactions: conditions, places and musicians named after people; relatives' words


def test_conditions_places_and_musicians_named_like_people_stay() -> None:
    text = ("Owen has Tourette's syndrome and Crohn's disease. She was found at the Albert "
            "Dock and wants to see Nelson's Column. He listens to Stormzy, Central Cee and "
            "Little Simz, and wants to be like Aitch.")
    assert scrubbed(text) == text


def test_relatives_words_in_other_languages_stay_and_the_names_after_them_go() -> None:
    out = scrubbed("Grace lives with Maman Chantal. Tonton Fiston sends money. She calls her "
                   "cousin Ya Dorcas. She says Maman hits her. His Nanu lives in Bangladesh.",
                   child_name="Grace Kalala")
    for name in ("Chantal", "Fiston", "Dorcas"):
        assert name not in out, (name, out)
    for word in ("with Maman [person]", "Tonton [person]", "Ya [person]", "says Maman hits",
                 "His Nanu lives"):
        assert word in out, (word, out)


def test_a_restaurant_and_a_grandparents_home_stay() -> None:
    text = "Tea at Frankie & Benny's, then back to Nan and Grandad's."
    assert scrubbed(text) == text


def test_a_meetings_role_and_a_service_in_brackets_stay() -> None:
    out = scrubbed("Participants (3)\nSam Oduya (Organiser)\nKirsty Bamford (Guest)\n"
                   "IMHA: Tasha Pridmore (Cloverleaf Advocacy).")
    for name in ("Oduya", "Bamford", "Pridmore"):
        assert name not in out, (name, out)
    for kept in ("(Organiser)", "(Guest)", "(Cloverleaf Advocacy)"):
        assert kept in out, (kept, out)


def test_a_passports_machine_readable_lines_go_whole() -> None:
    out = scrubbed("Passport page:\nP<ERITESFAMARIAM<<SAMUEL<<<<<<<<<<<<<<<<<<<<<\n"
                   "E012345672ERI1203034M2703035<<<<<<<<<<<<<<04\nHe came through Libya.")
    assert out == "Passport page:\n[reference]\n[reference]\nHe came through Libya.", out
    text = "A score of <<<< and ABC<<DEF inline stay."
    assert scrubbed(text) == text


@pytest.mark.parametrize("unit", [
    "named locally as ", "named by by by as ", "answers to to ", "raps as as '",
    "AP AP – ", "AP1 is AP is '", "AP : : '",
    "Ab is Ab's ", "Ab is his ab ab ab ", "our Ab our ", "Our Ab's Our ",
    "[14:02] Ab: a\n", "14:02 14:02 Ab: ", "[14:02] [14:02] Ab:\n",
    "Ab – a\nAb – ", "Ab – – – a\n", "Ab T, ", "Ab T Ab T Ab T ", "Ab and Ab and Ab's ",
    "ngl.link/a", "ngl.link/a.b.", "beacons.ai/", "Apartment 2.04", "Flat 2.2.2.2.",
    "Apt 1.1a1.1", "DOB of of ", "DOB as 1/1/", "ⓜⓐ", "ⓜⓐⓒⓨ Ⓜ ", "ᴹᵃᶜʸ ᴴ ", "Tourette's ",
    "Maman Maman ", "Little Little Simz ", "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n", "A<",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA<<\n",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
