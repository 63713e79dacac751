"""The outside round 36's findings: a Traveller site or a yard named in prose, an identifier
found once and repeated without its cue, a plate after a comma, a police occurrence, a
handle someone "uses the name", a man known by a title ("a man she calls Boss"), a surname
with its particle after a title ("Mrs van Dyke"), a car's model and an eponymous condition
kept, and a police crime number's label.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

from tests.factories import scrubbed

# Leaks


def test_a_traveller_site_and_a_yard_named_in_prose_go() -> None:
    out = scrubbed("The family live in a trailer on pitch 14 at the Long Lane site. In summer "
                   "they travel to Appleby Fair and stay on her nan's yard at Ashby Common.")
    assert "Long Lane" not in out and "Ashby Common" not in out, out
    assert "Appleby Fair" in out and "pitch 14" in out, out
    text = "The yard at Christmas is busy. She plays in the yard at school."
    assert scrubbed(text) == text


def test_a_number_found_by_its_cue_goes_where_it_is_repeated_without_one() -> None:
    out = scrubbed("School records: UPN K820400012345, ULN 6112847390. His old school "
                   "recorded the UPN as k 8204 0001 2345. His learner number on the college "
                   "taster form is 6112847390.")
    assert "6112847390" not in out and "8204" not in out, out
    assert out.count("[UPN]") == 2 and out.count("[reference]") == 2, out


def test_a_discord_names_handle_goes_without_its_number_too() -> None:
    out = scrubbed("He plays with a man known online as Sn1perDaddy#2210. Police think "
                   "Sn1perDaddy is Ryan Birtwistle, 31.")
    assert "Sn1perDaddy" not in out, out
    assert "Police think [handle] is" in out, out


def test_a_short_number_found_once_is_not_searched_for_elsewhere() -> None:
    text = "Police log 0412 was closed. She was seen at 04:12 and in room 0412."
    out = scrubbed(text)
    assert "04:12" in out, out


def test_a_plate_after_a_comma_an_occurrence_and_a_name_someone_uses_go() -> None:
    out = scrubbed("A black BMW 1 Series with a private plate, T4 YLR, picks her up. Occurrence "
                   "5426-1187 from the Kelsham force. One of them uses the name T0xicTrapz.")
    assert "T4 YLR" not in out and "5426-1187" not in out and "T0xicTrapz" not in out, out
    assert "BMW 1 Series" in out, out
    text = "The number plates, as he said, were 12 in all. The occurrence of 1500 events."
    assert scrubbed(text) == text


def test_a_man_known_by_a_title_goes_and_a_title_said_to_someone_stays() -> None:
    out = scrubbed("The BMW belongs to a man she calls Boss. Boss drives it.")
    assert "Boss" not in out, out
    text = "A carer she calls Miss helps. She calls him Sir. Her boss at the salon is kind."
    assert scrubbed(text) == text


def test_a_surname_with_its_particle_after_a_title_goes() -> None:
    out = scrubbed("Her PE teacher, Mrs van Dyke (SENCO), is kind. Mr de Souza rang.")
    assert out == "Her PE teacher, Mrs [person] (SENCO), is kind. Mr [person] rang.", out


# Over-redactions


def test_a_cars_model_after_its_make_and_an_eponymous_condition_stay() -> None:
    text = "He drives a Seat Leon. She has Hirschsprung's disease (now resolved)."
    assert scrubbed(text) == text
    out = scrubbed("She got into a Seat Leon. Leon Hart was driving.")
    assert out == "She got into a Seat Leon. [person] was driving.", out


# Labels


def test_a_police_crime_number_is_a_reference_not_an_nhs_number() -> None:
    out = scrubbed("Police crime ref 13/224518/26. Her NHS number is 999 000 0026.")
    assert out == "Police crime ref [reference]. Her NHS number is [NHS number].", out


def test_a_name_then_its_age_at_a_sentence_end_goes() -> None:
    out = scrubbed("His bank card was used by Deepak, 22. Mum says she is 12.")
    assert "Deepak" not in out and "she is 12." in out, out


def test_a_church_loses_where_it_meets_and_keeps_its_denomination() -> None:
    out = scrubbed("He attends Kelsham Pentecostal on Sundays and a Methodist youth club.")
    assert "Kelsham" not in out and "Pentecostal on Sundays" in out, out
    assert "a Methodist youth club" in out, out
    assert "Baptist" not in scrubbed("Her social worker is John Baptist.")  # a surname too
