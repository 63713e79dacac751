"""Round 47's schools: a school by its own initials, by a text school's initials and its
kind, and by a saint's name after what places a child at one. Schools are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import scrubbed


def test_the_forms_school_by_its_own_initials_alone_goes() -> None:
    out = scrubbed("He was on a part-time timetable at SMG; SMG's head is supportive.",
                   school="St Margaret Grove College")
    assert "SMG" not in out and "part-time timetable" in out, out


def test_a_school_named_in_the_text_by_its_initials_and_kind_goes() -> None:
    out = scrubbed("He was at King Edmund's Grammar until Year 8; KE Grammar excluded him.")
    assert "KE Grammar" not in out and "Edmund" not in out and "excluded him" in out, out


@pytest.mark.parametrize("text", [
    "He was permanently excluded from St Oswin's in Year 7 and then attended the PRU.",
    "She moved from St Anselm's after the fixed-term exclusions.",
    "She was a pupil at St Oswin's until the summer.",
    "He was in Year 9 at St Anselm's when the exclusions began.",
])
def test_a_saints_name_after_a_schools_cue_goes(text: str) -> None:
    out = scrubbed(text)
    assert "Oswin" not in out and "Anselm" not in out and "[school]" in out, out


@pytest.mark.parametrize(("text", "kept"), [
    ("He grew up in St Helens and moved to St Albans last year.", "St Albans"),
    ("He was taken to St Thomas' Hospital by ambulance.", "Hospital"),
    ("The council's SEN team and the YOT met at the PRU.", "SEN team"),
])
def test_towns_kinds_and_other_capitals_stay(text: str, kept: str) -> None:
    assert kept in scrubbed(text, school="St Margaret Grove College")


def test_a_saints_name_after_a_bare_at_is_no_school() -> None:
    """'He serves at St Mary's': a church's altar, in every town; only what places a child
    at a school makes a saint's name one."""
    assert "serves at St Mary's on Sundays" in scrubbed("He serves at St Mary's on Sundays.")
