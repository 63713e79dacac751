"""The outside round 40's findings, part B: places, organisations, initials, dates, and words
taken for people.

Each case is one the outside testers' referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

# Leaks


@pytest.mark.parametrize("text", [
    "His claimed date of birth on arrival was 12/05/2010; the age assessment gave 01/01/2011.",
    "DOB given to the Home Office as 12/05/2010.",
    "His previous DOB recorded by Kent was 12/05/2010.",
])
def test_a_date_after_a_date_of_birth_and_a_few_words_is_a_date_of_birth(text: str) -> None:
    out = scrubbed(text, date_of_birth=date(2011, 1, 1))
    assert "12/05/2010" not in out and "[date of birth]" in out, out


def test_a_date_after_a_date_of_birth_in_another_clause_stays() -> None:
    text = "His date of birth is unknown and the plan was made on 02/09/2026."
    assert scrubbed(text) == text


def test_a_ward_in_brackets_after_its_hospital_goes_and_the_hospital_is_a_place() -> None:
    out = scrubbed("Temi was admitted to Brindley Heath Hospital (Starfish Ward) in October.",
                   child_name="Temi Ogunleye", school="Brindley Heath Academy",
                   home_address="4 Sycamore Walk, Brindley Heath")
    assert out == "[child] was admitted to [address] Hospital ([address]) in October.", out


@pytest.mark.parametrize(("text", "expected"), [
    ("She assaulted staff in two placements (Oakhurst House children's home and Cedar Lodge).",
     "She assaulted staff in two placements ([address] children's home and [address])."),
    ("She was placed at Whinmoor Lodge and Ash Grange.",
     "She was placed at [address] and [address]."),
    ("She went to Oakhurst House children's home and Family Court.",
     "She went to [address] children's home and Family Court."),
])
def test_a_home_listed_after_a_named_home_goes_too(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


_HEARING = ("Children's Hearing 19/11/2026 - present: Panel Chair Mrs Morven Galbraith, "
            "SW, CM (mum), Safeguarder.\nCM said Roo cannae settle.")


def test_initials_in_a_list_of_who_came_part_way_along_a_line_go() -> None:
    out = scrubbed(_HEARING, child_name="Ruairidh MacLeod", known_as="Roo",
                   family_names=[FamilyMember("Catriona MacLeod", "mother")])
    assert "CM" not in out and "[mother] said [child]" in out, out


@pytest.mark.parametrize("word", ["Seanmhair", "Mamgu", "Iya Agba", "Biji", "Nnenne"])
def test_a_relatives_word_in_another_language_is_no_name(word: str) -> None:
    text = f"Granny Peigi ({word}) helped until her stroke. {word} is 80."
    out = scrubbed(text)
    assert out.count(word) == 2 and "Peigi" not in out, out


def test_a_contacts_name_in_quotes_before_its_number_goes() -> None:
    out = scrubbed('Contacts on her phone: "Daddy J" 07700 900 412, "Mum" 07700 900 111. '
                   "Daddy J collects her.")
    assert "Daddy J" not in out and '"Mum"' in out, out


def test_a_districts_own_word_in_a_clubs_name_goes_but_a_towns_stays() -> None:
    out = scrubbed("He plays rugby for Pencwm RFC on Saturdays.",
                   home_address="4 Heol y Felin, Pencwm Uchaf")
    assert out == "He plays rugby for [address] RFC on Saturdays.", out
    text = "She boxes at Northby Amateur Boxing Club."
    assert scrubbed(text, home_address="19 Gas Street, Northby") == text


@pytest.mark.parametrize(("text", "expected"), [
    ("He goes to Jamia Masjid Faizan-e-Madina on Fridays.", "He goes to [address] on Fridays."),
    ("They attend St Bartholomew's Church.", "They attend [address]."),
    ("Mass at St Brigid's RC Church.", "Mass at [address]."),
    ("She goes to the local mosque and the gurdwara.",
     "She goes to the local mosque and the gurdwara."),
])
def test_a_place_of_worship_goes_whole_by_its_name(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


def test_a_schools_initials_in_brackets_go() -> None:
    out = scrubbed("Cerys is at Ysgol y Gader (YyG). YyG said so.", school="Ysgol y Gader")
    assert "YyG" not in out, out
    out = scrubbed("He moved from Marsh Lane Academy (MLA) in June.")
    assert out == "He moved from [school] ([school]) in June.", out


@pytest.mark.parametrize(("text", "expected"), [
    ("Her father runs the Golden Dragon takeaway on Mill Road.",
     "Her father runs the [address] takeaway on [address]."),
    ("A fire at the car wash where he worked (Sparkle Hand Car Wash).",
     "A fire at the car wash where he worked ([address])."),
    ("She works at Anatolia Kebab House.", "She works at [address]."),
    ("Mum works nights at Tesco Southmere Extra.", "Mum works nights at [address]."),
])
def test_a_familys_business_or_workplace_goes(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "Mum works at Tesco.", "Dad works for Amazon.", "Mum works at the Post Office.",
    "He runs the London Marathon every year.", "They ate at Anatolia Kebab House.",
])
def test_a_chain_an_ordinary_workplace_or_a_business_not_worked_at_stays(text: str) -> None:
    assert scrubbed(text) == text


# Over-removals


def test_a_note_in_the_known_as_field_never_takes_a_pronoun() -> None:
    out = scrubbed("Zayan (nobody calls him Mohammed except his dadi) was out. His phone was "
                   "seized.", child_name="Mohammed Zayan Hussain",
                   known_as="Zayan (uses his middle name)")
    assert out == ("[child] (nobody calls him [child] except his dadi) was out. His phone was "
                   "seized."), out


def test_school_subjects_and_a_sectors_team_are_no_people() -> None:
    assert scrubbed("Predicted 6s in English and Maths at the school.") == (
        "Predicted 6s in English and Maths at the school.")
    out = scrubbed("19/04/2026 - Angharad rang EDT, Rhodri had smashed the window.",
                   child_name="Rhodri Jones")
    assert "rang EDT, [child]" in out, out


def test_a_things_date_in_brackets_is_no_date_of_birth() -> None:
    assert scrubbed("Snapchat screenshots (02/12/2026):") == "Snapchat screenshots (02/12/2026):"
    out = scrubbed("Her friend (12/05/2010) and Kyle Pike (12/05/2007) were there.")
    assert out.count("[date of birth]") == 2, out


@pytest.mark.parametrize("person", [
    "Her kids", "Her older mate", "The newborn", "Her daughters", "Her toddler",
    "Her youngster", "the twins", "Her ex",
])
def test_a_date_in_brackets_after_any_word_but_a_things_is_a_date_of_birth(person: str) -> None:
    """Attacker's review 24: a list of person words let the birth dates of a young mother's
    baby and children through after any word not on it; only a thing's word keeps one."""
    out = scrubbed(f"{person} (05/06/2024) live with maternal gran.")
    assert "05/06/2024" not in out and "[date of birth]" in out, out


def test_a_logs_date_and_time_is_no_reference() -> None:
    out = scrubbed("POLICE LOG (pasted):\n04/12/2026 01:14 LOCATED AT THE PARK.\n"
                   "Police log 0412 opened.")
    assert "04/12/2026 01:14 LOCATED" in out and "log [reference]" in out, out
