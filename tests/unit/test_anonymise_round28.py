"""The outside round 28's findings: nicknames without a role word, names in capitals in
records, families in the plural possessive, initials, references, addresses and the
over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks: nicknames and short names in quotes or after a cue


def test_a_short_name_the_lists_know_as_a_word_goes_after_big_with_a_surname() -> None:
    out = scrubbed("Her partner signs his texts 'Big Al x'. Reparation is supervised by "
                   "'Big Phil' Horsfall. Big Ed came.")
    assert out == ("Her partner signs his texts 'Big [person] x'. Reparation is supervised by "
                   "'Big [person]' [person]. Big [person] came."), out


def test_big_before_a_word_or_a_things_name_stays_with_what_follows() -> None:
    text = "They went to the Big Apple. Little Women is on. Big Brother Tuesday was fun."
    assert scrubbed(text) == text


def test_nicknames_with_no_role_word_before_them_go() -> None:
    out = scrubbed("One boy is heard calling the other 'Tyrell'. The lad who drives, Dean "
                   "Scarborough, is 'Scabby'. A man (Dmitri, also Dima) offered work. A "
                   "bracelet reads 'Love you lots – Kilbo x'. A card says 'ask for Dez'. Her "
                   "contacts include 'Garsy 💰' and 'Auntie Fi'.")
    for name in ("Tyrell", "Scarborough", "Scabby", "Dmitri", "Dima", "Kilbo", "Dez", "Garsy",
                 "Fi"):
        assert name not in out, (name, out)


def test_a_kiss_an_emoji_or_an_ask_for_after_a_word_stays() -> None:
    text = ("Love from Mum x\nSee you soon, Nan xx\nShe will ask for Help. Her contacts include "
            "'Mum ❤️' and 'Home 🏠'. He plays football (also Rugby). The case, Year Nine, is "
            "'closed'.")
    assert scrubbed(text) == text


def test_a_police_sergeant_by_his_collar_number_goes() -> None:
    assert scrubbed("22:47 Call from PS 3318 Noakes: Tia found.") == (
        "22:47 Call from PS 3318 [person]: [child] found.")


# Leaks: names in capitals in record lines


def test_a_surname_in_capitals_before_a_first_name_in_a_court_list_goes() -> None:
    out = scrubbed("Youth Court list:\n10:00  SHEPHERDSON Riley  17  Robbery  Remanded to YDA\n"
                   "Shepherdson was remanded.")
    assert out == ("Youth Court list:\n10:00  [person]  17  Robbery  Remanded to YDA\n"
                   "[person] was remanded."), out


def test_capitals_before_a_first_name_that_are_an_acronym_or_a_word_stay() -> None:
    text = "URGENT Riley needs a bed. NHS Tyler is fine. SEMH Ruby is settled."
    out = scrubbed(text, child_name="Tyler Moss")
    assert out == "URGENT [person] needs a bed. NHS [child] is fine. SEMH [person] is settled.", out


def test_who_a_bank_transfer_is_from_or_to_goes_and_the_name_in_prose_with_it() -> None:
    out = scrubbed("Statement:\n03 NOV  FASTER PAYMENT FROM J KIRKBRIDE  REF PIZZA  £50.00\n"
                   "12 NOV  TRANSFER TO TYREESE-A  REF LOVE U  £20.00\n"
                   "15 NOV  CASH APP *KRAZYKEV  £40.00\n"
                   "16 NOV  CARD PAYMENT TO TESCO STORES  £4.00\n"
                   "Tia says J Kirkbride is 'Jordan from the shop'. Kirkbride denies it.")
    assert out == ("Statement:\n03 NOV  FASTER PAYMENT FROM [person]  REF PIZZA  £50.00\n"
                   "12 NOV  TRANSFER TO [person]-A  REF LOVE U  £20.00\n"
                   "15 NOV  CASH APP *[person]  £40.00\n"
                   "16 NOV  CARD PAYMENT TO TESCO STORES  £4.00\n"
                   "[child] says [person] is '[person] from the shop'. [person] denies it."), out


def test_a_word_from_the_shop_stays() -> None:
    text = "She bought sweets from the shop. Mum from the shop rang. Staff from the gym came."
    assert scrubbed(text) == text


# Leaks: families in the plural possessive


def test_a_family_owning_something_by_its_surnames_plural_goes() -> None:
    out = scrubbed("He goes to the Nwosus' house and stayed at the Patels' at half term. His "
                   "father stays in the Wrights' caravan.")
    assert out == ("He goes to the [person]' house and stayed at the [person]' at half term. "
                   "His father stays in the [person]' caravan."), out


def test_a_bands_or_a_places_plural_possessive_stays() -> None:
    text = "She saw the Stones' tour, walked the Cotswolds' hills and ate the Walkers' crisps."
    assert scrubbed(text) == text


# Leaks: an initial and a surname, a seller, a form's lines, initials, spelt names


def test_a_listed_surname_after_an_initial_in_quotes_goes() -> None:
    out = scrubbed("It was bought on the account of 'D. Ogunleye'; a parcel came addressed to "
                   "'P. Grimes, c/o the shop'.")
    assert out == ("It was bought on the account of 'D. [person]'; a parcel came addressed to "
                   "'P. [person], c/o the shop'."), out


def test_a_letter_before_a_word_stays() -> None:
    text = "She got an A. Grimes was the film. Plan B Tuesday. I Patel is no one."
    assert scrubbed(text) == text


def test_a_sellers_name_in_quotes_goes() -> None:
    out = scrubbed("A Vinted parcel came from the seller 'lashesbyleah'. The seller was nice. "
                   "She is a good seller.")
    assert out == ("A Vinted parcel came from the seller '[handle]'. The seller was nice. She is "
                   "a good seller."), out


def test_a_name_under_a_printed_forms_label_and_a_wifi_network_named_after_him_go() -> None:
    out = scrubbed("3. Person reporting – forename\nMarie\n4. Person reporting – surname\n"
                   "Lockwood\n5. Relationship to child\nNeighbour\nThe network is "
                   "'TALKTALK-Mossley'.")
    assert out == ("3. Person reporting - forename\n[person]\n4. Person reporting - surname\n"
                   "[person]\n5. Relationship to child\nNeighbour\nThe network is '[person]'."), out


def test_a_hyphenated_first_names_stopped_initials_go_alone() -> None:
    out = scrubbed("Notes call her 'K.-L. M.'. On 12/11/2026 K.-L. told the DSL.",
                   child_name="Kerry-Louise Mottram")
    assert out == "Notes call her '[child].'. On 12/11/2026 [child]. told the DSL.", out
    text = "On 12/11/2026 K.-L. told the DSL."
    assert scrubbed(text, child_name="Kerry Mottram") == text


def test_a_surname_spelt_out_after_a_first_name_spelt_out_goes() -> None:
    out = scrubbed("He spelt it as 'D.E.V.O.N. W.A.R.B.U.R.T.O.N.'. The N.S.P.C.C. rang.")
    assert out == "He spelt it as '[person]'. The N.S.P.C.C. rang.", out


def test_how_a_name_is_said_goes() -> None:
    out = scrubbed("Saoirse is pronounced 'SEER-sha' (not 'Sor-sha'); her sister Caoimhe is "
                   "'KEE-va'. Mum's partner Padraig ('PAW-drig') Ó Dálaigh, who also writes "
                   "O'Daly, is not to have contact.", child_name="Saoirse Kinsella")
    for said in ("SEER", "Sor", "KEE", "PAW", "Dálaigh", "Daly", "Caoimhe"):
        assert said not in out, (said, out)


def test_words_joined_by_hyphens_in_quotes_stay() -> None:
    text = ("She said 'UK-wide' and 'CAMHS-led' and 'one-to-one'. She said 'no'. She writes "
            "Poems and also writes Poems.")
    assert scrubbed(text) == text


# Leaks: numbers and references


def test_numbers_their_own_cue_names_go() -> None:
    out = scrubbed("Her DBS certificate number is 001712345678 (issued 03/03/2024) and "
                   "Pauline's is 001798765432. He is on the update service, certificate "
                   "001755544433. URN: 14NB0098826. eVisa share code W7X 2KP 9QL. Grandad's dog "
                   "tag, 'G. PICKERSGILL 24681357', hangs. A card gives a false date of birth, "
                   "13/07/2008. Booking reference TL7Q9X2KP; booking ref PX5J8KTR.")
    for number in ("001712345678", "001798765432", "001755544433", "14NB0098826", "W7X 2KP 9QL",
                   "24681357", "13/07/2008", "TL7Q9X2KP", "PX5J8KTR"):
        assert number not in out, (number, out)


def test_numbers_near_those_cues_that_are_no_reference_stay() -> None:
    text = ("The date of birth, 13 is her age. Booking reference REQUIRED. The dog tags, 12 in "
            "all. She is 14 and Mum's is 2026. Her certificate in 2025 was late.")
    assert scrubbed(text) == text


# Leaks: addresses


def test_a_house_on_a_street_named_by_its_type_and_an_abbreviated_close_go() -> None:
    out = scrubbed("Her dad's at No. 4 the Crescent. She stayed at 7 Ghyll Cl. for a week.")
    assert out == "Her dad's at [address]. She stayed at [address]. for a week.", out


# Over-redactions: St, Dr and a surname's small words of the family's names


def test_st_of_a_familys_name_goes_only_with_the_name() -> None:
    out = scrubbed("Mrs St Clair collects him from the St Anne's Church youth club. He serves at "
                   "St Mary's and at St Vincent de Paul Society events. His friend Jago St Aubyn "
                   "(13) is a bad influence.", child_name="Jonah St Clair",
                   family_names=[FamilyMember("Marie St Clair", "mother"),
                                 FamilyMember("St John Ferrand", "father")])
    # (a church by its saint is where the family is found each week: round 40; a title
    # before the family's surname goes with it as the relative it names: tester an50 d06)
    assert out == ("[mother] collects him from the [address] youth club. He serves at "
                   "St Mary's and at St Vincent de Paul Society events. His friend [person] (13) "
                   "is a bad influence."), out


def test_a_title_of_a_familys_name_stays_before_another() -> None:
    out = scrubbed("Her father Dr Ravi Menon is a consultant anaesthetist. His colleague, Dr "
                   "Sunil Varghese, sends messages. Her boyfriend kyle came.",
                   child_name="Priya Menon",
                   family_names=[FamilyMember("Dr Ravi Menon", "father"),
                                 FamilyMember("Cllr Anjali Menon", "mother")])
    assert out == ("Her father [father] is a consultant anaesthetist. His colleague, Dr "
                   "[person], sends messages. Her boyfriend [person] came."), out


def test_a_first_name_that_is_a_particle_still_goes_alone() -> None:
    out = scrubbed("Van came round.", family_names=[FamilyMember("Van Nguyen", "father")])
    assert out == "[father] came round.", out


# Over-redactions: a job title, a form's label, a dash before a phone


def test_a_virtual_schools_head_keeps_the_title() -> None:
    out = scrubbed("Yvonne Castleton, Head of Northby Virtual School, rang. She goes to Kelsby "
                   "Grange Academy.")
    assert out == "[person], Head of Northby Virtual School, rang. She goes to [school].", out


def test_a_forms_label_under_a_relatives_word_stays() -> None:
    out = scrubbed("Signed: S. Bottomley          Relationship: Mother\n"
                   "Print name: SHANNON BOTTOMLEY   Date: 30/11/2026",
                   family_names=[FamilyMember("Shannon Bottomley", "mother")])
    assert out == ("Signed: S. [mother]          Relationship: Mother\n"
                   "Print name: [mother]   Date: 30/11/2026"), out


def test_a_word_before_a_dash_and_a_phone_stays() -> None:
    out = scrubbed("Parental responsibility: Yes – 07700 900 702\nFamily friend – 07700 900 713\n"
                   "Log MFH-1187 and MFH/26/1187.")
    assert out == ("Parental responsibility: Yes - [phone]\nFamily friend - [phone]\n"
                   "Log [reference] and [reference]."), out


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "Big Ab' ", "Big Ab'  Ab ", "'Big Ab' Ab-Ab-Ab ", "calling the other 'Ab ",
    "Ab x", "Ab xxxxx'", "Ab  x  ", "'Ab 💰💰💰💰💰💰💰", "'Ab   💰'", "ask for Ab' ", "asks for ",
    "(also Ab ", ", also Ab  )", "Ab Ab, is 'Ab ", "Ab Ab, was 'Ab' Ab Ab, is ",
    "ABAB Ab ", "ABAB ABAB Ab-Ab ", "TRANSFER TO A AB AB AB AB-A ", "CASH APP *A-A-A-A ",
    "FPS CREDIT A A A A ", "FASTER PAYMENT FROM AB'AB'AB ", "Ab from the ", "Ab off the shop",
    "the Abs' ", "the Ab-Abs'' ", "A. A. A. Ab ", "'A.A.Ab' ", "A A Ab", "seller 'ab ",
    "forename\nAb Ab Ab Ab\n", "surname \n Ab", "BT-Ab-Ab ", "TALKTALK_", "K.-L.", "K-L.-K.-L.",
    "A.B.C.D. A.B.C.D. ", "A B C D , A B C D ", "pronounced 'ab' (not 'a", "pronounced as '",
    "'AB-ab-AB-ab-ab' ", "'ABC-", "certificate 1111 ", "share code AB1AB1", "share code is ",
    "booking ref A1A1A1A1A1A1A1 ", "dog tag ", "dog tags 1 1 1 ", "'s is 1 1 1 1 1 1 1 1 1 1 ",
    "date of birth, ", "No. 1 the ", "No 1 the Road No ", "1 Ab Cl ", "St Ab St Ab ",
    "St. St. St ", "Saint ", "Mother\nAb ab ab ab ab", "Ab - 1111 - 1111 ", "also writes Ab ",
    "also wrote his name as ", "Ab ('Ab-ab') Ab ", "consultant abababist ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
