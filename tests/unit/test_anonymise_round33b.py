"""The outside round 33's findings, second pass: an SMS export's direction column, relatives'
words said with a name, a role in brackets at a line's end, a hospital's wing named after a
famous nurse; and the leaks taken in this pass.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Over-redactions


def test_an_sms_exports_direction_column_is_kept() -> None:
    out = scrubbed("SMS export from her phone:\n"
                   "Received | 02 Nov 2026 23:10:22 | Unknown (07700900671) | dont tell ur mum\n"
                   "Received | 03 Nov 2026 00:02:15 | Nan Bev (01632960744) | night night\n"
                   "Sent | 03 Nov 2026 00:05:01 | Nan Bev (01632960744) | nite")
    assert "\nReceived | 03 Nov 2026" in out and "\nSent | 03 Nov" in out, out
    assert "Bev" not in out, out
    out = scrubbed("She rang her mum\nDawn | 07700900123 | answered")
    assert "Dawn" not in out, out


def test_a_relatives_word_after_a_name_is_kept_and_the_name_goes() -> None:
    out = scrubbed("Tia is close to Sunita Mausi and to Rukhsana Khala.")
    assert "close to [person] Mausi and to [person] Khala" in out, out
    out = scrubbed("Tia calls her mother Inna; her mother, Hajiya Binta, is unwell. Tia misses "
                   "Baba.")
    assert "calls her mother Inna;" in out and "Binta" not in out, out
    out = scrubbed("Her mother Inna Petrova rang. Kayla calls her mother Kelly.")
    assert "Inna" not in out and "Petrova" not in out and "Kelly" not in out, out


def test_a_role_in_brackets_at_a_lines_end_is_kept() -> None:
    out = scrubbed("Professionals' meeting, 25/11/2026.\n"
                   "In attendance (virtual): Insp Kath Bamforth (Northby Police), Fiona – school "
                   "nurse, Mr Adeyemi (DSL)\nApologies: Gareth Speight (YOT)")
    assert "Mr [person] (DSL)\nApologies: [person] (YOT)" in out, out
    for leak in ("Adeyemi", "Kath", "Bamforth", "Fiona", "Gareth", "Speight"):
        assert leak not in out, (leak, out)


def test_a_hospitals_wing_named_after_a_famous_nurse_is_kept() -> None:
    out = scrubbed("His clinic is in the Florence Nightingale Wing. Noah is in Mary Seacole "
                   "House. She saw Kelly Marsh Wing staff.")
    assert "the Florence Nightingale Wing" in out and "Kelly" not in out, out


@pytest.mark.parametrize("unit", [
    "mum\nAb | ", "mum\nReceived |||| ", "mum\n\n\nAb   | ",
    "calls her mother Inna ", "calls her calls her mother mother Inna ",
    "Ab Cd Mausi Ab Mausi ", "Ab Mausi Khala ",
    "Mr Ab (DSL)\nAb (DSL) ", "Mr Ab (DSL) (DSL) (DSL)\n",
    "the Ab Cd Wing the Ab Wing ", "the the Ab Wing Wing ",
    "Brodieeeeeeee ", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "Tylerrrr Tylerrrrr ",
    "AB/ABMISS/", "/AMARAMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMRMR", "L1l1l1l1 ", "0101010101",
    "Leight0n B1rtwist1e ",
    "\nMinute taker: Ruth\n", "\nChair:Chair:Chair: ", "\nMinute taker:    \n",
    "\nscribe: Ab Ab Ab ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR


# Leaks


def test_a_name_drawn_out_for_emphasis_goes() -> None:
    out = scrubbed("Messages on his phone:\n[21:04] Tegan: BRODIEEEE where r u\n"
                   "[21:06] Tegan: Brodieeee answer\n[21:15] Kenzie: Tylerrrr says hes at the rec\n"
                   "[21:17] Kenzie: tell Brodiee to come. Sooo good, pleaseee, Helloooo, Nooo, "
                   "Loveee, Brooo", child_name="Brodie Marsland")
    for leak in ("BRODIE", "Brodie", "Tyler"):
        assert leak not in out, (leak, out)
    assert "Sooo good, pleaseee, Helloooo, Nooo, Loveee, Brooo" in out, out


def test_a_boarding_pass_first_name_with_its_title_run_on_goes() -> None:
    out = scrubbed("The boarding pass reads NWACHUKWU/AMARAMISS, seat 32A; her father's reads "
                   "NWACHUKWU/CHIDIMR. Route LHR/LOSMR and MAN/DXBMS.",
                   child_name="Amara Nwachukwu",
                   family_names=[FamilyMember("Chidi Nwachukwu", "father")])
    assert "AMARA" not in out and "CHIDI" not in out, out
    assert "LHR/LOSMR and MAN/DXBMS" in out, out


def test_a_name_a_scanner_misread_with_digits_goes() -> None:
    out = scrubbed("In Room 101, B1 form, c0de L1ght.\nRe: Leight0n Birtwist1e (B1RTWISTLE), 30 "
                   "Carr Lane", child_name="Leighton Birtwistle")
    for leak in ("Leight0n", "Birtwist1e", "B1RTWISTLE"):
        assert leak not in out, (leak, out)
    assert "In Room 101, B1 form, c0de L1ght.\n" in out, out


def test_a_first_name_alone_after_a_meetings_role_goes() -> None:
    out = scrubbed("Professionals' meeting, 25/11/2026.\nChair: Hannah Kettlewell (Team Manager)\n"
                   "Minute taker: Ruth\nScribe: Tbc\nChair: Vacant\nMinutes: Agreed\n"
                   "Note taker: Social Worker")
    assert "Ruth" not in out and "Minute taker: [person]\n" in out, out
    assert "Scribe: Tbc\nChair: Vacant\nMinutes: Agreed\nNote taker: Social Worker" in out, out
