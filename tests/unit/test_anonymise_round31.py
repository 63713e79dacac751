"""The outside round 31's findings: hyphenated first names standing alone, names after cues
and roles the searches did not know, numbers and plates, and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

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


@pytest.mark.parametrize("unit", [
    "Lacey-Rae-Mae-", "Tayla-Mae-Rae-Bea ", "Kev, a youth worker at ", "Kev, a a a ",
    "His coach at The The The ", "his coach at A B C D E is ", "His coach is His coach at ",
    "HV by HV by ", "Msg left Msg left for ", "T/C T/C from TC ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
