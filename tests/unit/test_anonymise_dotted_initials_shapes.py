"""Rule dotted-initials-are-a-person in every shape a referral writes it (attacker review 40):
the family's two initials in lower case ("c.p.", "d.p.") or without the last full stop ("C.P
at 2am") go as "C.P." does, and what people also write with full stops stays, in either case.
People are made up."""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

PRYCE = dict(child_name="Callum Pryce", family_names=[FamilyMember("Donna Pryce", "mother"),
                                                      FamilyMember("Gary Pryce", "father")])
ASHWORTH = dict(child_name="Poppy Ashworth", family_names=[FamilyMember("Nadia Bell", "mother")])


@pytest.mark.parametrize(("text", "expected"), [
    ("c.p. was seen at school.", "[child] was seen at school."),
    ("d.p. attended the meeting.", "[mother] attended the meeting."),
    ("Police located c. p.", "Police located [child]."),
    ("Police located C.P at 2am.", "Police located [child] at 2am."),
    ("Police located C. P at 2am.", "Police located [child] at 2am."),
    ("Mrs D.P attended the LAC review.", "Mrs [mother] attended the LAC review."),
    ("Police located C.P", "Police located [child]"),
])
def test_the_familys_dotted_initials_go_in_lower_case_and_without_their_last_stop(
        text: str, expected: str) -> None:
    assert scrubbed(text, **PRYCE) == expected


@pytest.mark.parametrize("text", [
    "n.b. he has a CP plan.",
    "N.B he has a CP plan.",
    "the c.p. conference is on Monday.",
    "The C.P conference is on Monday.",
    "He is registered with the G.P and the dentist.",
    "In his own words: i told the c.p meeting i was fine.",
    "He was seen by the g.p. (the father's initials too) on Monday.",
    "Seen by Dr D.P Hartley in clinic.",
    "c.P was seen at school.",  # letters of two cases are no one's initials
    "Referred under C.P.A. arrangements.",  # three letters
])
def test_what_is_written_with_full_stops_for_something_else_stays(text: str) -> None:
    out = scrubbed(text, **PRYCE)
    assert "[child]" not in out and "[mother]" not in out, out


@pytest.mark.parametrize("text", ["Her school fees are £30,000 p.a. in all.",
                                  "Her school fees are £30,000 p.a in all."])
def test_a_lower_case_abbreviation_that_spells_the_childs_initials_stays(text: str) -> None:
    assert scrubbed(text, **ASHWORTH) == text


def test_the_childs_initials_in_capitals_beside_it_still_go() -> None:
    assert scrubbed("P.A. was seen at school.", **ASHWORTH) == "[child] was seen at school."
