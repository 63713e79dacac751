"""Round 49's over-removals and a leak: a name that is a word before a thing's noun after "a"
or "an", a well-known institution's name holding the child's surname, a road named after a
city, a restaurant chain that is the child's surname, and a practice's "The X" name used
again alone. Each case comes with the neighbour that must keep working. People and places
are made up.
"""

from __future__ import annotations

from broker.referral import FamilyMember
from tests.factories import scrubbed

MOTHER_AMBER = [FamilyMember("Amber Tolley", "mother")]


def test_a_name_word_after_an_article_before_a_things_noun_is_the_word() -> None:
    out = scrubbed("Jordan ran across the ring road on an Amber light and was nearly hit. "
                   "Amber was told by police.", child_name="Jordan Tolley",
                   family_names=MOTHER_AMBER)
    assert "an Amber light" in out and "[mother] was told" in out, out


def test_a_name_word_after_an_article_before_anything_else_is_the_person() -> None:
    out = scrubbed("He met an Amber at the bus stop. Staff saw a Rose (14) with him.",
                   child_name="Jordan Tolley",
                   family_names=[*MOTHER_AMBER, FamilyMember("Rose Tolley", "sister")])
    assert "Amber" not in out and "Rose" not in out, out


def test_a_well_known_hospitals_name_holding_the_childs_surname_stays() -> None:
    out = scrubbed("Tyler was admitted to Kings College Hospital after an overdose; King's "
                   "College Hospital discharged him. He was found at King's Cross station.",
                   child_name="Tyler King")
    assert "Kings College Hospital" in out and "King's College Hospital discharged" in out, out
    assert "King's Cross station" in out and out.startswith("[child] was admitted"), out


def test_a_schools_shape_before_a_hospitals_word_is_the_hospital() -> None:
    out = scrubbed("He was admitted to University College Hospital. He attends Pelby College.")
    assert "University College Hospital" in out and "Pelby" not in out, out


def test_the_childs_surname_outside_a_well_known_name_still_goes() -> None:
    out = scrubbed("King said the King family live near King's College Hospital. King's "
                   "mother was there.", child_name="Tyler King")
    assert out.count("King") == 1 and "King's College Hospital" in out, out


def test_a_chains_branch_is_a_landmark_whose_common_street_stays() -> None:
    out = scrubbed("Tia was seen outside the Lidl on Dewhurst Road, then at the Tesco on "
                   "Manchester Road.")
    assert "Dewhurst" not in out and "the Tesco on Manchester Road" in out, out
    assert "the Lidl on [address]" in out, out


def test_a_street_after_a_name_that_is_no_chain_or_named_by_a_name_still_goes() -> None:
    out = scrubbed("She lives with the Hendersons on Manchester Road. She was dropped off "
                   "near the Tesco on Carr Hill Road.")
    assert "Manchester" not in out and "Carr" not in out and "the Tesco on" in out, out


def test_a_chains_name_that_is_the_childs_surname_with_its_s_is_the_chain() -> None:
    out = scrubbed("Kai was found at McDonald's on the ring road at 23:00; he had bought a "
                   "McDonald's with older males.", child_name="Kai McDonald")
    assert "found at McDonald's on" in out and "a McDonald's with" in out, out
    assert out.startswith("[child] was found"), out


def test_the_childs_surname_with_its_s_before_a_home_or_a_relative_still_goes() -> None:
    out = scrubbed("Kai stayed at McDonald's house. He was found at McDonald's mum's flat. "
                   "McDonald's phone was off.", child_name="Kai McDonald")
    assert "McDonald" not in out, out


def test_a_the_x_name_removed_with_its_kind_goes_bare_too() -> None:
    out = scrubbed("He is registered at The Limes Surgery; The Limes have his asthma plan and "
                   "the Limes sent a letter. The limes in the fruit bowl were sour.")
    assert "Limes" not in out and "The limes in the fruit bowl" in out, out


def test_a_the_x_name_before_its_kind_keeps_what_it_is() -> None:
    out = scrubbed("He goes to the Oakleigh Youth Club; the Oakleigh is where he met them.")
    assert "Oakleigh" not in out and "Youth Club" in out, out
