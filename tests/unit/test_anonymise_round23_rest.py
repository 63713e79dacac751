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
from tests.growth import ANONYMISED_SIZE, LINEAR, growth

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


def test_a_family_by_its_plural_surname_goes() -> None:
    out = scrubbed(
        "Tia has been spending time with the Oyelowos, a family two streets away, and with the "
        "Kirkbride-Ferns, whose son is a concern. The Walkers (Tia's paternal grandparents) are "
        "being assessed.")
    assert out == (
        "[child] has been spending time with the [person], a family two streets away, and with "
        "the [person], whose son is a concern. The [person] ([child]'s paternal grandparents) "
        "are being assessed."), out


@pytest.mark.parametrize("text", [
    "She likes walking in the Cotswolds and the Pennines with the walkers of the club.",
    "She likes the Walkers crisps and the Hebrides.",
])
def test_a_plural_after_the_that_is_no_family_stays(text: str) -> None:
    assert scrubbed(text) == text


def test_a_schools_initials_count_a_word_made_of_two() -> None:
    out, _ = anonymised_background(
        "He moved to BWA in Year 7. Harvey's mum asked that he stays at BWA. He has a BTEC.",
        today=TODAY, child_name="Harvey Cole", school="Brightwater Academy")
    assert out == ("He moved to [school] in Year 7. [child]'s mum asked that he stays at "
                   "[school]. He has a BTEC."), out


def test_a_chat_in_lower_case_loses_its_speakers_and_the_address_in_it() -> None:
    out = scrubbed("A text on his phone read:\njayden: where u at\nme: home\n"
                   "lil t: bring the ting\nry: come 12 bramley gardens after skl\nme: ok\n\n"
                   "Tia describes the flat as flat four, kingfisher house, wharf road.")
    assert out == ("A text on his phone read:\n[person]: where u at\nme: home\n"
                   "[person]: bring the ting\n[person]: come [address] after skl\nme: ok\n\n"
                   "[child] describes the flat as [address]."), out


@pytest.mark.parametrize("text", [
    "He walked 2 miles down the road and has 2 main roads to cross to reach flat 2 at home.",
    "Staff: checked her room\nme: ok\nlil bit: tired\n",
    "He has a lil tattoo and 3 green lane cones.",
])
def test_lower_case_words_like_an_address_or_a_speaker_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_name_that_is_a_word_stays_where_it_is_the_word() -> None:
    out, _ = anonymised_background(
        "Poppy lives with mum's partner Will Fletcher. Will she settle? She wants to see Will "
        "and Nan. Poppy's school sells poppies for the Poppy Appeal. Her friend Summer (15) "
        "goes to the Summer Fair. Her aunt Grace Whitaker takes her to Grace Church. Nanna "
        "Rose likes the Rose Bowl. Poppy plays for Eastgate Lions and goes to Eastgate.",
        today=TODAY, child_name="Poppy Brannan", school="Eastgate Academy",
        family_names=[FamilyMember("Will Fletcher", "partner")])
    assert out == (
        "[child] lives with mum's partner [partner]. Will she settle? She wants to see [partner] "
        "and Nan. [child]'s school sells poppies for the Poppy Appeal. Her friend [person] (15) "
        "goes to the Summer Fair. Her aunt [person] takes her to Grace Church. Nanna "
        "[person] likes the Rose Bowl. [child] plays for Eastgate Lions and goes to [school]."
    ), out


def test_a_name_that_is_a_word_still_goes_as_a_name() -> None:
    out, _ = anonymised_background(
        "Will said he would ring. Will's car was seen. Poppy Church was there. Will Fletcher "
        "rang.", today=TODAY, child_name="Poppy Brannan",
        family_names=[FamilyMember("Will Fletcher", "partner")])
    assert "Will" not in out and "Poppy" not in out, out


def test_a_first_name_or_pet_form_used_alone_later_goes() -> None:
    text = ("Family and network:\nPerson\tRelationship\tAge\n"
            "Lorraine Ashcroft\tMother\t38\nWill Ashcroft\tBrother\t19\n\n"
            "Professionals:\n- Mo Rahman (youth worker at The Base) takes her climbing.\n\n"
            "Bethany wants to see Will and Nan and to keep climbing with Mo. "
            "Will she settle? Will Leeds accept her? "
            "She says she was with Deano and Mikey again. "
            "Her best friend is Aoife Kerr - “Eefs” to Bethany. "
            "She said 'Hello' to her nan. They have an Aga.")
    out, _ = anonymised_background(text, today=TODAY, child_name="Bethany Ashcroft")
    assert out == ("Family and network:\nPerson\tRelationship\tAge\n"
                   "[person]\tMother\t38\n[person]\tBrother\t19\n\n"
                   "Professionals:\n- [person] (youth worker at The Base) takes her climbing.\n\n"
                   "[child] wants to see [person] and Nan and to keep climbing with [person]. "
                   "Will she settle? Will Leeds accept her? "
                   "She says she was with [person] and [person] again. "
                   "Her best friend is [person] - “[person]” to [child]. "
                   "She said 'Hello' to her nan. They have an Aga."), out


def test_well_known_things_named_like_people_stay() -> None:
    text = ("She goes to Marks & Spencer with her aunt. Mum says Insha'Allah she will settle. "
            "Harry loves Harry Potter, Clarkson's Farm and Gavin & Stacey. He drinks in the "
            "Spoons aka Wetherspoons.\n14/10/2026 | Seen getting into a grey Vauxhall Corsa | "
            "CCTV, bus station\nShe talks to an adult on Discord. He supports Lech Poznań. "
            "Dad lives at ul. Ogrodowa 11/4, 61-821 Poznań. They go to Mass at Our Lady of "
            "Lourdes and to the Trafford Centre. He works with Northby YJS.")
    out, _ = anonymised_background(text, today=TODAY, child_name="Harry Hale")
    assert out == text.replace("Harry loves", "[child] loves").replace(
        "ul. Ogrodowa 11/4, 61-821", "[address]"), out


def test_a_persons_name_beside_a_well_known_things_still_goes() -> None:
    out, _ = anonymised_background(
        "Her friend Spencer Hale (15) met Ted Baker Jones at Marks & Spencer. Harry Potter's "
        "dad rang. Kyle MENSAH was there.", today=TODAY, child_name="Harry Potter")
    assert "Spencer Hale" not in out and "Baker Jones" not in out and "Harry" not in out, out
    assert "MENSAH" not in out and "Marks & Spencer" in out, out


def test_a_us_town_before_its_state_and_zip_stays() -> None:
    out = scrubbed("An aunt lives at 1422 Maple Ave, Apt 3B, Columbus, OH 43215. A friend "
                   "lives at Flat 2, Kelsham Court, Thrumbleby.")
    assert out == ("An aunt lives at [address], [address], Columbus, OH 43215. A friend "
                   "lives at [address]."), out


@pytest.mark.parametrize("unit", [
    "Bex Aga ", "the Ab-Abs the Abs ", "the Walkers (aaaaaa ", "BWA ",
    "lil a: a\n", "a: a\n", "1 ab ab ", "flat one, ab ab house, ab ", "flat 1 ab ",
    ". Will she ", "Will  Appeal ", "Tamsin Club ", "Brightwater Lions ", "Summer Fair ",
    ". Will a a a ", "'Ab' to A", "“Ab” to “Ab” to ", "Mo Ab ", "with Ab and Mikey ",
    "Harry Potter Harry ", "Our Lady of Ab Ab Our ", "CCTV CCTV ", "CCTV  ", "with Ab YJS ",
    "Apt 1, Ab, AB 11111, ", ",  AB   11111-",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    def work(text: str) -> object:
        form = ReferralForm(child_name="Tamsin Ellery", background=text,
                            school="Brightwater Academy",
                            family_names=[FamilyMember("Rebecca Ellery", "mother"),
                                          FamilyMember("Will Ellery", "brother")])
        return anonymise(form, authority=None, today=TODAY)

    assert growth(make, work, ANONYMISED_SIZE, repeats=3) < LINEAR
