"""The outside round 23's findings left after the first fixes: pet forms no rule makes,
families by their plural surname, a school's initials, and what must stay beside them.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm
from tests.factories import anonymised_background
from tests.growth import LINEAR, growth

TODAY = date(2026, 11, 20)


def scrubbed(text: str) -> str:
    return anonymised_background(text, today=TODAY, child_name="Tia Gaskell")[0]


def test_a_known_pet_form_of_a_family_members_name_goes() -> None:
    out, _ = anonymised_background(
        "Mum signs her texts 'Bex'. Jessie says Kenzie cries at night. Mum's partner calls "
        "her Aga. The family had an AGA cooker.", today=TODAY, child_name="Kenzie Hartigan",
        family_names=[FamilyMember("Rebecca Hartigan", "mother"),
                      FamilyMember("Jessica Hartigan", "sister"),
                      FamilyMember("Agnieszka Nowak", "aunt")])
    assert out == ("Mum signs her texts '[mother]'. [sister] says [child] cries at night. Mum's "
                   "partner calls her [aunt]. The family had an AGA cooker."), out


def test_a_known_pet_form_stays_when_nobody_has_the_name() -> None:
    text = "Jessie says she wants Aga to visit. Bex is a friend from college."
    out, _ = anonymised_background(text, today=TODAY, child_name="Kenzie Hartigan")
    assert "Aga" in out, out


@pytest.mark.parametrize("unit", [
    "Bex Aga ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    def work(text: str) -> object:
        form = ReferralForm(child_name="Tamsin Ellery", background=text,
                            school="Brightwater Academy",
                            family_names=[FamilyMember("Rebecca Ellery", "mother")])
        return anonymise(form, authority=None, today=TODAY)

    assert growth(make, work, 10_000, repeats=3) < LINEAR
