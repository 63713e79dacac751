"""The outside round 27's findings: game and platform IDs with spaces or a tag, nicknames,
names before an age, initials, addresses in halls, references and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

# Leaks: game and platform IDs


def test_a_gamer_tag_a_friend_code_and_an_id_go_whole() -> None:
    out = scrubbed("Kai's Xbox gamertag is Toxic Reaper 2012. His Nintendo Switch friend code "
                   "is SW-4417-2290-6813 and his Steam friend code is 884213570. On Valorant "
                   "his Riot ID is GledReaper#EUW. The adult played as NightOwl Gaming 69 and "
                   "added him.", child_name="Kai Gledhill")
    assert out == ("[child]'s Xbox gamertag is [handle]. His Nintendo Switch friend code is "
                   "[handle] and his Steam friend code is [handle]. On Valorant his Riot ID is "
                   "[handle]. The adult played as [handle] and added him."), out


def test_a_name_with_a_tag_after_a_hash_goes_without_a_cue() -> None:
    assert scrubbed("They talk as kez#EUW1 on it.") == "They talk as [handle] on it."


@pytest.mark.parametrize("text", [
    "He played as a striker. She played as Goalkeeper. Her Xbox is broken.",
    "His username is the same as before. Username: Not known. Gamertag: None.",
    "C# is a language he likes.",
])
def test_words_after_a_game_cue_that_are_no_handle_stay(text: str) -> None:
    assert scrubbed(text) == text


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "gamertag is Ab Ab Ab Ab Ab Ab ", "friend code: a-a-a-a.a.a.a.a ", "Riot ID is ",
    "played as AbAb ", "plays as ", "a#AB", "ab#AB#", "a.a.a#A1 ", "user name  =  'Ab ",
    "a man Ab calls ", "Ab Ab Ab calls Ab ", "Ab-Ab 1yrs ", "Ab  1 yo", "Ab 1 years  old ",
    "Ab 1 1 1 1 ", "Big Ab ", "Little Big Ab ", "BIG LIL Ab ", "Tia A Tia A Tia ",
    "Tia A. Tia A. ", "at Ab Ab, at Ab, 1 Ab Street ", "at Ab, Heol Ab ",
    "Flat 1, Block A, Ab Ab Village ", "Flat 1, Block 1, Block 1, Ab Foyer ", "Ab Halls ",
    "11/AB/1", "111/A/111/A/11 ", "Ab Ab\nAb:\n", "1 Ab Street, Ab\n Ab : ", "\n - Ab:",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
