"""The outside round 31's findings: hyphenated first names standing alone, names after cues
and roles the searches did not know, numbers and plates, and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_hyphenated_first_name_with_a_short_ending_goes_alone() -> None:
    out = scrubbed("Lacey-Rae's big brother said he'd look after me. Her lock screen is a "
                   "photo of her and Tayla-Mae. Her list reads: Kaiden 💛, Tayla-Mae 😊.")
    for name in ("Lacey", "Rae", "Tayla", "Mae"):
        assert name not in out, (name, out)
    assert "big brother said" in out and "Her lock screen is a photo of her and" in out, out
    text = "She wears Mercedes-Benz and rides a Harley-Davidson. Mae West and Rae were films."
    assert "Mercedes-Benz" in scrubbed(text), scrubbed(text)


def test_a_name_before_a_role_and_the_place_it_is_held_goes() -> None:
    out = scrubbed("He sees Kev, a youth worker at The Hub, on Tuesdays.")
    assert "Kev" not in out and "a youth worker at The Hub" in out, out
    text = "In Leeds, a youth worker at the club said he was doing well."
    assert scrubbed(text) == text


def test_a_coach_or_worker_of_the_childs_said_to_be_someone_goes() -> None:
    for text in ("His boxing coach at the ABC is Stevo.", "His coach is Stevo.",
                 "Her tutor was Kev from the club."):
        out = scrubbed(text)
        assert "Stevo" not in out and "Kev" not in out, out
    for text in ("Her teacher is Polish.", "The coach is late.", "His teacher is Muslim.",
                 "His worker at the Hub is away."):
        assert scrubbed(text) == text


def test_who_made_a_case_notes_contact_goes() -> None:
    out = scrubbed("03/12 09:00 HV by Saima with the duty manager.\n"
                   "02/12 15:10 Msg left for Darnell (mum's partner).")
    for name in ("Saima", "Darnell"):
        assert name not in out, (name, out)
    assert "HV by" in out and "Msg left for" in out and "with the duty manager" in out, out
    text = "TC to Police. HV by Duty team. Text to Mum. Call from Leeds. Call with Monday."
    assert scrubbed(text) == text


def test_a_msg_opening_a_case_notes_line_is_no_name() -> None:
    out = scrubbed("02/12 15:10 Msg left for Darnell (mum's partner).")
    assert "Msg left for [person]" in out, out


def test_a_surname_after_an_initial_under_a_letters_sign_off_goes() -> None:
    out = scrubbed("A neighbour wrote: 'Yours faithfully, D. Haigh, 16 Ribbon St.'")
    assert "Haigh" not in out and "Yours faithfully, D. [person]" in out, out
    text = "Regards, B. Sure. She got an A. Grimes was the film."
    assert scrubbed(text) == text


def test_the_surname_of_an_at_mention_goes_with_it() -> None:
    out = scrubbed("From the Teams chat: 'can you check the map? cc @Tom Ellerby' and more")
    assert "Tom" not in out and "Ellerby" not in out and "' and more" in out, out
    assert "@Home Office" in scrubbed("cc @Home Office")


# Over-redactions


def test_well_known_characters_and_shows_stay() -> None:
    text = ("She collects Kevin the Carrot toys, watches Mrs Brown's Boys and did a walk for "
            "Captain Tom.")
    assert scrubbed(text) == text
    out = scrubbed("Her uncle Kevin came. Mrs Brown rang. Captain Tom Reid is her neighbour.")
    for name in ("Kevin", "Brown", "Tom", "Reid"):
        assert name not in out, (name, out)


def test_a_street_where_the_bus_is_caught_stays_and_a_home_on_it_goes() -> None:
    text = "He catches the bus on Queen's Road to Northby."
    assert scrubbed(text) == text
    out = scrubbed("He lives on Queen's Road. The bus on 4 Queen's Road.")
    assert "Queen" not in out, out


def test_a_greeting_opening_a_message_is_no_name() -> None:
    out = scrubbed("From her aunt:\nHiya, I can have her Friday till Sunday.\nMany thanks,\n"
                   "Shaz")
    assert "Hiya, I can have her" in out and "Shaz" not in out, out


def test_a_surname_in_brackets_goes_with_its_closing_bracket() -> None:
    out = scrubbed("Tanya has four children: Kyle (Renshaw), Demi (Renshaw) and baby Nova.",
                   child_name="Kyle Renshaw")
    assert "children: [child], " in out and "([child])" in out, out


@pytest.mark.parametrize("unit", [
    "Lacey-Rae-Mae-", "Tayla-Mae-Rae-Bea ", "Kev, a youth worker at ", "Kev, a a a ",
    "His coach at The The The ", "his coach at A B C D E is ", "His coach is His coach at ",
    "HV by HV by ", "Msg left Msg left for ", "T/C T/C from TC ",
    "J8012001234567K", "J801200123456KJ ", "LAESTAB LAESTAB 1", "CHB12345678A ", "CHB 1234567 ",
    "plate that starts NB66 and ", "plate starts with starts ", "and ends in XK and ends in ",
    "plate 'GAZ 1' plate '", "Real Name: Ab Ab Ab Ab ", "Real name: Real name:",
    "Yours faithfully, D. Yours faithfully, ", "faithfully, D. E. F. ", "@Tom @Tom Ellerby-",
    "@Ab Cd Ef-Gh-", "bus on Queen's bus on ", "Kevin the Kevin the Carrot ",
    "Thomas (Thomas (Ackerley ", "Thomas (Ackerley (",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR


def test_a_temporary_upn_ending_in_a_letter_and_a_laestab_go() -> None:
    out = scrubbed("Her old school gave her a temporary UPN, J801200123456K, which is still on "
                   "her file. Murby Grange Primary (DfE number 373/4021, LAESTAB 3734021).")
    for leak in ("J801200123456K", "3734021"):
        assert leak not in out, (leak, out)
    assert "which is still on her file" in out and "LAESTAB" in out, out
    assert scrubbed("LAESTAB is a number the DfE gives.") == "LAESTAB is a number the DfE gives."


def test_a_child_benefit_number_goes_without_a_cue() -> None:
    out = scrubbed("Mum claims child benefit (CHB12345678AB) and DLA. Or CHB 12345678 AB.")
    assert "12345678" not in out and "Mum claims child benefit (" in out, out
    assert scrubbed("The CHB office rang.") == "The CHB office rang."


def test_a_plates_start_and_end_and_a_quoted_personalised_plate_go() -> None:
    out = scrubbed("A white Transit had a plate that starts NB66 and ends in XKT. His uncle's "
                   "van has the personalised plate 'GAZ 1'.")
    for leak in ("NB66", "XKT", "GAZ 1"):
        assert leak not in out, (leak, out)
    assert "had a plate that starts [reference] and ends in [reference]" in out, out
    text = ("The plate starts with a letter and ends in tears. The plate was fine and ends in "
            "it. The plate 'cause it was bent.")
    assert scrubbed(text) == text


def test_a_real_name_field_mid_line_goes() -> None:
    out = scrubbed("On his PlayStation friends list one player shows 'Real Name: Connor Brook'.")
    assert "Connor" not in out and "Brook" not in out and "PlayStation friends list" in out, out
    text = "Full name: Unknown. Real name: The Boss."
    assert scrubbed(text) == text
