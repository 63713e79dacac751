"""The outside round 37's findings: a WhatsApp chat's senders and the names they use in lower
case, a child's quoted texts naming in lower case people the referral names capitalised, a
past home named on a placement list, a first name joined to a full name, a handle of the
child's name doubled, and dates and holidays taken for names.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import scrubbed

# Leaks

_CHATS = {
    "whatsapp": "[12/11/2026, 23:41] deano: u out 2nite\n"
                "[12/11/2026, 23:42] amber: cant mum watchin\n"
                "[12/11/2026, 23:43] deano: tell her ur at kayleighs. skinz will pick u up\n"
                "[12/11/2026, 23:50] kayleigh r: babe ill cover 4 u x\n",
    "android": "12/11/2026, 23:41 - deano: u out 2nite\n"
               "12/11/2026, 23:42 - amber: cant mum watchin\n"
               "12/11/2026, 23:43 - deano: tell her ur at kayleighs. skinz will pick u up\n"
               "12/11/2026, 23:50 - kayleigh r: babe ill cover 4 u x\n",
    "ios with seconds": "[12/11/2026, 23:41:05] deano: u out 2nite\n"
                        "[12/11/2026, 23:42:10] amber: cant mum watchin\n"
                        "[12/11/2026, 23:43:00] deano: tell her ur at kayleighs. skinz will "
                        "pick u up\n"
                        "[12/11/2026, 23:50:30] kayleigh r: babe ill cover 4 u x\n",
}


@pytest.mark.parametrize("chat", _CHATS.values(), ids=list(_CHATS))
def test_a_whatsapp_chats_lower_case_senders_and_the_names_they_use_go(chat: str) -> None:
    out = scrubbed("WhatsApp messages from her phone, shown to police:\n" + chat
                   + "Deano is believed to be Dean Hirst, 24. 'Skinz' drives a grey car.")
    lowered = out.casefold()
    for name in ("deano", "kayleigh", "skinz", "amber"):
        assert name not in lowered, out
    assert "mum watchin" in out and "drives a grey car" in out and "babe ill cover" in out, out


def test_a_childs_quoted_texts_lose_the_names_the_referral_gives_capitalised() -> None:
    out = scrubbed('Texts she sent her mum, copied by the SW:\n'
                   '"mum pls come home steve is scaring me"\n'
                   '"hes took my phone charger again"\n'
                   '"im at chelsea\'s house dont tell steve"\n'
                   "Steve is Stephen Gildea, mum's partner. Chelsea Wardle is her friend. "
                   "She wants to be away from Steve.")
    assert "steve" not in out.casefold() and "chelsea" not in out.casefold(), out
    assert "scaring me" in out and "phone charger" in out and "mum's partner" in out, out


def test_a_named_childrens_home_on_a_placement_list_goes() -> None:
    out = scrubbed("Previous placements:\n- 08/2024 to 02/2025: Oakhurst House children's "
                   "home, Kelsham (manager Gareth Hughes).")
    assert "Oakhurst" not in out and "children's home" in out, out
    text = "She has never lived in a children's home."
    assert scrubbed(text) == text


def test_a_rare_first_name_joined_to_a_full_name_goes() -> None:
    out = scrubbed("- 02/2025 to now: with the Okonjos (Funmi and Tayo Okonjo), who are "
                   "retiring.")
    assert "Funmi" not in out and "Tayo" not in out and "Okonjo" not in out, out
    assert "who are retiring" in out, out


def test_a_handle_of_the_childs_name_doubled_goes() -> None:
    out = scrubbed("Lewis Haigh is known at school as 'Lewbs' and online as 🎮LewLew🎮. "
                   "Lewis likes trains. LewLew plays Minecraft.")
    assert "LewLew" not in out and "Lewis" not in out, out
    assert "🎮" in out and "Minecraft" in out, out
    text = "He eats couscous and plays with a yo-yo."
    assert scrubbed(text) == text


# Over-removal


def test_christmas_eve_and_new_years_eve_are_days_not_an_eve() -> None:
    text = ("Her brother Liam's birthday is Christmas Eve. Bonfire night and New Year's Eve "
            "are triggers because of fireworks.")
    out = scrubbed(text)
    assert "Christmas Eve" in out and "New Year's Eve" in out and "Liam" not in out, out


def test_a_chronologys_day_and_short_month_are_a_date() -> None:
    out = scrubbed("Chronology 2026:\n14 Jan - Harvey arrested in Hexby with class A.\n"
                   "3 Feb - Return home interview.\n22 Mar - Missing 3 days; seen with Jan.")
    assert "14 Jan" in out and "22 Mar" in out and "Harvey" not in out, out
    assert "seen with [person]" in out, out


def test_an_island_after_on_is_a_place() -> None:
    text = ("His father still crofts on Lewis. Her gran lives on Skye and she wants to visit "
            "her gran on Skye.")
    assert scrubbed(text) == text
    out = scrubbed("Lewis Haigh moved from Stornoway. Skye Campbell visits on Sundays.")
    assert "Lewis" not in out and "Skye" not in out and "Stornoway" in out, out


@pytest.mark.parametrize(("text", "expected"), [
    ("He was an inpatient at Fernlea Adolescent Unit from July.",
     "He was an inpatient at [address] Adolescent Unit from July."),
    ("She was admitted to the Adolescent Unit.", "She was admitted to the Adolescent Unit."),
    ("He attends Oakwood Pupil Referral Unit.", "He attends [school]."),
])
def test_a_hospitals_unit_for_patients_keeps_its_kind(text: str, expected: str) -> None:
    """A hospital's name goes, as a ward's does; the kind of unit a child was in stays."""
    assert scrubbed(text) == expected


def test_a_surname_the_family_is_on_record_under_goes() -> None:
    """Round 36's Welsh family, "ap Gruffydd" at home and Griffith on the council's records:
    the anglicised surname names them as surely; what a record says a child is stays."""
    out = scrubbed("On council systems the family are recorded as Griffith.")
    assert out == "On council systems the family are recorded as [person].", out
    text = "She is recorded as Missing; he is registered as Disabled, recorded as White British."
    assert scrubbed(text) == text
