"""The outside round 42's leaks: names a provider could still read after anonymisation.

An adult's surname that is also an English word ("Jaxon Fell"), the initial after a
surname-first name ("Smith, J."), the child's name as the text says she spells it ("Sky"
for Skye) and the child's initials in lower case in her own words ("me and jl"). Each case
comes with the neighbours that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

# A surname that is a word goes with the first name before it, and alone once known


@pytest.mark.parametrize("text", [
    "Lola was found with Jaxon Fell (19) the next day. Fell is known to police.",
    "Lola was found with Jaxon Fell, 19, the next day. Jaxon Fell is known to police.",
    "Lola was found with Jack Fell (19) the next day. Fell is known to police.",
    "Lola was found with Jack Fell, aged 19, the next day.",
])
def test_a_surname_that_is_a_word_goes_with_its_first_name(text: str) -> None:
    out = scrubbed(text, child_name="Lola Dean")
    assert "Fell" not in out and "Jaxon" not in out and "Jack" not in out, out
    assert "[person]" in out and "19" in out, out


def test_the_word_itself_stays_beside_the_surname() -> None:
    out = scrubbed("Lola was found with Jaxon Fell (19). She fell over in the park.",
                   child_name="Lola Dean")
    assert "Fell" not in out and "She fell over in the park." in out, out


def test_a_listed_surname_after_a_first_name_still_goes_whole() -> None:
    out = scrubbed("Lola was found with Jaxon Marsh (19). Marsh is known to police.",
                   child_name="Lola Dean")
    assert "Marsh" not in out and "Jaxon" not in out, out


@pytest.mark.parametrize("text", [
    "She went to Kian Park every day after school.",
    "She loved the Summer Holidays and Crystal Palace.",
])
def test_a_things_noun_after_a_first_name_is_no_surname(text: str) -> None:
    assert scrubbed(text, child_name="Lola Dean") == text


# The initial after a surname-first name goes with it


@pytest.mark.parametrize("text", [
    "YOT record: SMITH, Jordan. Smith, J. was bailed to his father's address.",
    "YOT record: SMITH, Jordan. SMITH, J. failed to appear at court.",
    "YOT record: SMITH, Jordan.\nSmith, J.\nOffence: robbery.",
])
def test_the_initial_after_the_childs_surname_first_goes(text: str) -> None:
    out = scrubbed(text, child_name="Jordan Smith")
    assert "Smith" not in out and "SMITH" not in out and "J." not in out, out
    assert "[child]" in out, out


def test_the_sentences_full_stop_stays_after_a_surname_first_at_a_lines_end() -> None:
    out = scrubbed("Robbery, 12/11. SMITH, J.\nOKAFOR, T.\nBoth bailed.",
                   child_name="Jordan Smith")
    assert out == "Robbery, 12/11. [child].\n[person].\nBoth bailed.", out


def test_the_initial_after_an_adults_surname_first_goes() -> None:
    out = scrubbed("OKAFOR, T. was bailed. Okafor, T., the co-accused, failed to appear.",
                   child_name="Jordan Smith")
    assert "T." not in out and "Okafor" not in out, out
    assert "[person] was bailed" in out, out


def test_an_initial_after_a_comma_that_begins_another_name_stays_apart() -> None:
    out = scrubbed("Jordan Smith, J. Bloggs and Kai Brent were arrested.",
                   child_name="Jordan Smith")
    assert out.startswith("[child], "), out


# The child's name spelt another way goes as her name does


@pytest.mark.parametrize("text", [
    "Sky (as she spells it online) has ADHD.",
    "She spells it Sky online and has ADHD.",
    "Skye has ADHD. Sky has no diagnosis of autism.",
    "She is close to Sky's friends at the unit.",
])
def test_a_spelling_of_the_childs_name_goes(text: str) -> None:
    out = scrubbed(text, child_name="Skye Dean")
    assert "Sky" not in out and "[child]" in out, out


def test_a_spelling_that_is_no_word_goes_anywhere() -> None:
    out = scrubbed("Jaden is 12. Jaden wants a family near his school.",
                   child_name="Jayden Dean")
    assert "Jaden" not in out, out


@pytest.mark.parametrize("text", [
    "She watches Sky Sports with her dad and looks at the sky at night.",
    "On Christmas Eve she went missing until Boxing Day.",
    "Ran away twice in November; she was found at the station.",
])
def test_the_words_a_spelling_makes_stay(text: str) -> None:
    out = scrubbed(f"Skye has ADHD. {text}", child_name="Skye Dean",
                   family_names=[FamilyMember("Evie Dean", "sister"),
                                 FamilyMember("Ryan Dean", "father")])
    assert out == f"[child] has ADHD. {text}", out


# The child's initials in lower case in his own words


@pytest.mark.parametrize("words", ['"me and jl"', "'jl wants to go home'", '"its jl here"'])
def test_the_childs_initials_in_lower_case_in_his_words_go(words: str) -> None:
    out = scrubbed(f"JL's teacher says he is bright. His words: {words}.",
                   child_name="Jean-Luc Mbemba")
    assert "jl" not in out and "JL" not in out and out.count("[child]") == 2, out


def test_lower_case_initials_stay_where_the_text_never_writes_them_as_his() -> None:
    text = 'He said "me and jl" are mates.'
    assert scrubbed(text, child_name="Jean-Luc Mbemba") == text


def test_a_chats_word_that_are_his_initials_stays() -> None:
    out = scrubbed('BF\'s teacher says he is bright. He says "my bf is kind".',
                   child_name="Ben-Frank Mbemba")
    assert '"my bf is kind"' in out and "BF" not in out, out


# A nickname the text gives that is a word passes the word test as the form's does


def test_a_nickname_found_in_the_text_is_the_word_where_the_words_beside_it_say_so() -> None:
    text = ("Isla (7) has a severe peanut allergy and must not eat peanut butter. Mum calls "
            "her Peanut, which Isla likes. Her words: \"my name is peanut\".")
    out = scrubbed(text, child_name="Isla Marchbank")
    assert "a severe peanut allergy" in out and "peanut butter" in out, out
    assert "Peanut" not in out and "my name is peanut" not in out, out


# A relative called after a month: the month stays a month


@pytest.mark.parametrize("text", [
    "She had a stroke in June 2026.",
    "Since June he has been sofa-surfing.",
    "He was arrested on 3 June and again on June 21st.",
    "By the end of June he had left school.",
    "He was excluded in May 2025 and again last April.",
])
def test_a_month_that_is_a_relatives_name_stays_a_month(text: str) -> None:
    out = scrubbed(f"Harvey lived with his grandmother June. {text}",
                   child_name="Harvey Pickering",
                   family_names=[FamilyMember("June Pickering", "grandmother"),
                                 FamilyMember("May Pickering", "aunt"),
                                 FamilyMember("April Pickering", "sister")])
    assert out == f"[child] lived with his grandmother [grandmother]. {text}", out


@pytest.mark.parametrize("text", ["June visits him weekly.", "He stays at June's flat.",
                                  "He lived with June until the summer."])
def test_the_relative_called_after_a_month_still_goes(text: str) -> None:
    out = scrubbed(text, child_name="Harvey Pickering",
                   family_names=[FamilyMember("June Pickering", "grandmother")])
    assert "June" not in out and "[grandmother]" in out, out


# A title names only someone it fits


def test_mr_and_the_childs_surname_is_the_boy_not_his_mother() -> None:
    out = scrubbed("Ty (16) is on a referral order; Mr King must attend. Ms King lives with "
                   "her partner.", child_name="Tyrone King", known_as="Ty", gender="Male",
                   family_names=[FamilyMember("Marcia King", "mother")])
    assert "[child] must attend" in out and "[mother] lives with her partner" in out, out


def test_a_mother_and_a_father_of_one_surname_take_their_own_titles() -> None:
    out = scrubbed("Mr King is on bail. Mrs King works nights.", child_name="Tia King",
                   gender="Female", family_names=[FamilyMember("Marcia King", "mother"),
                                                  FamilyMember("Dean King", "father")])
    assert out == "[father] is on bail. [mother] works nights.", out


# A name inside a brand's or a thing's well-known name is the thing's


@pytest.mark.parametrize("child, phrase", [
    ("Tyrone King", "He works Saturdays at Burger King."),
    ("Sunny Lowe", "He drinks two litres of Sunny D a day."),
    ("Richard Lowe", "He will only eat Rich Tea biscuits when anxious."),
    ("Angel Lowe", "She will eat only Angel Delight and chips."),
    ("Harley Lowe", "He wants a Harley-Davidson when he is older."),
    ("Grace Lowe", "She sang 'Amazing Grace' at the funeral."),
    ("Skye Lowe", "She watches Sky Sports with her dad."),
])
def test_a_brand_holding_the_childs_name_stays(child: str, phrase: str) -> None:
    first = child.split()[0]
    out = scrubbed(f"{first} (15) is settled. {phrase}", child_name=child, known_as=(
        "Rich" if first == "Richard" else None))
    assert out == f"[child] (15) is settled. {phrase}", out


# A name that is a word, used as the word


@pytest.mark.parametrize("child, text", [
    ("Crystal Lowe", "She has used crystal meth and ketamine since the summer."),
    ("Ellie Young", "She gets on with other young people and has few friends."),
    ("Miles Lowe", "He has walked miles to get back home before."),
    ("Daisy Lowe", "She loves making daisy chains in the park."),
    ("Precious Lowe", "She has very few precious belongings."),
    ("Storm Lowe", "Their roof blew off in a named storm last winter."),
    ("Amber Lowe", "The CSE screening tool rated her AMBER in September."),
    ("Amber Lowe", "RAG rating: Amber. The risk was Amber risk at the last review."),
])
def test_a_childs_name_used_as_the_word_stays(child: str, text: str) -> None:
    first = child.split()[0]
    out = scrubbed(f"{first} (14) is settled. {text}", child_name=child)
    assert out == f"[child] (14) is settled. {text}", out


@pytest.mark.parametrize("child, text, gone", [
    ("Crystal Lowe", "She met crystal at the park.", "crystal"),
    ("Miles Lowe", "Mum saw miles at the station.", "miles"),
    ("Storm Lowe", "A boy named storm was with her.", "storm"),
    ("Amber Lowe", "She told Amber her risk was high.", "Amber"),
])
def test_the_childs_name_in_lower_case_still_goes_where_it_names_her(
        child: str, text: str, gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert gone not in out and "[child]" in out, out


@pytest.mark.parametrize("child, text", [
    ("Autumn Lowe", "Since the Autumn half-term she has attended 4 days."),
    ("Brook Lowe", "He was referred to Brook (the sexual health service) for RSE work."),
    ("Brook Lowe", "He has an appointment at the Brook clinic."),
])
def test_a_term_or_a_service_named_like_the_child_stays(child: str, text: str) -> None:
    first = child.split()[0]
    out = scrubbed(f"{first} (14) is settled. {text}", child_name=child)
    assert out == f"[child] (14) is settled. {text}", out


@pytest.mark.parametrize("text", ["Brook has an app on his phone.", "Brook (15) was there.",
                                  "Autumn has a break from school."])
def test_the_child_named_like_a_term_or_a_service_still_goes(text: str) -> None:
    out = scrubbed(text, child_name=f"{text.split()[0]} Lowe")
    assert text.split()[0] not in out and out.startswith("[child]"), out
