"""The outside round 38's findings: a family list that says there is no family in the UK
taken for names, a name in brackets after a role, a role abbreviation before a named worker,
numbers that point to a school or a car, and a medicine and a charity taken for people.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.forms.family import parse_family
from tests.factories import scrubbed

# Over-removal

_ASYLUM = ("His solicitor is at Pennine Migrant Law, and the Dari interpreter at his interview "
           "was Mr Nasrullah Sherzad. The mother is in the UK. The uncle is in the Netherlands.")


@pytest.mark.parametrize("family", [
    "None in the UK", "Not known - none in the UK", "No family in the UK",
    "Mother and father in Afghanistan; no family in the UK", "Whereabouts unknown",
    "Father deceased, mother in Eritrea"])
def test_a_family_list_that_names_nobody_takes_no_words_for_names(family: str) -> None:
    out = scrubbed(_ASYLUM, child_name="Mahmoud Haidari", family_names=parse_family(family))
    assert "and the Dari interpreter" in out
    assert "The mother is in the UK. The uncle is in the Netherlands." in out
    assert "Sherzad" not in out


@pytest.mark.parametrize(("family", "label"), [
    ("Dean Pike - deceased", "[family member]"), ("Dean Pike (father) in prison", "[father]"),
    ("Mother: Jane Smith; father: not known", None)])
def test_the_names_in_a_family_list_beside_a_statement_still_go(family: str,
                                                                 label: str | None) -> None:
    out = scrubbed("Dean Pike visits on Sundays. Jane Smith rang the school.",
                   child_name="Mahmoud Haidari", family_names=parse_family(family))
    assert "Pike" not in out and "Jane" not in out
    if label:
        assert out.startswith(label)


@pytest.mark.parametrize(("text", "kept"), [
    ("She sees an ISVA, Harriet Quarmby, weekly.", "She sees an ISVA, [person], weekly."),
    ("The IDVA, Paula Entwistle, says she is safe.", "The IDVA, [person], says she is safe."),
    ("The SENCo, Dan Oduya, said.", "The SENCo, [person], said."),
    ("Her IRO, Dan Oduya, said.", "Her IRO, [person], said.")])
def test_a_role_abbreviation_before_a_named_worker_stays(text: str, kept: str) -> None:
    assert scrubbed(text) == kept


# Leaks


@pytest.mark.parametrize(("text", "expected"), [
    ("OT (Jess Barraclough) recommends a sensory diet.",
     "OT ([person]) recommends a sensory diet."),
    ("SALT (Jess Barraclough) sees him.", "SALT ([person]) sees him."),
    ("Physio (Mr Jess Barraclough) says so.", "Physio (Mr [person]) says so."),
    # neighbours: a service or a word in brackets after the role stays
    ("OT (Occupational Therapy) input.", "OT (Occupational Therapy) input."),
    ("OT (weekly) sessions.", "OT (weekly) sessions.")])
def test_a_name_in_brackets_after_a_role_goes(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Her exam candidate number is 4417 at centre 36215.",
     "Her exam candidate number is [reference] at centre [reference]."),
    ("Centre number: 36215.", "Centre number: [reference]."),
    ("The family centre 1200 hours.", "The family centre 1200 hours."),  # no centre's number
    ("He drives a car with private plate KD 55 OOM now.",
     "He drives a car with private plate [reference] now."),
    ("A white van, KD 55 OOM, was seen.", "A white van, [reference], was seen.")])
def test_an_exam_centres_number_and_a_spaced_plate_go_whole(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "Inhalers: Fostair MART and Ventolin.", "Medication: Elvanse 30mg and Circadin.",
    "Bereavement support from Winston's Wish since March.",
    "She was supported by Barnardo's and Action for Children.",
    "Referred to Coram Voice and St Giles Trust."])
def test_a_medicine_or_a_childrens_charity_named_like_a_person_stays(text: str) -> None:
    assert scrubbed(text) == text


def test_a_person_with_a_charitys_first_name_still_goes() -> None:
    assert scrubbed("Winston Pike visits on Sundays.") == "[person] visits on Sundays."
