"""Referral reading, outside round R23: needs written as prose (G01, G02, G07), a first name
typed above the automatic signature (B03)."""

from __future__ import annotations

import pytest

from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _form
from tests.unit.test_forms_referral_round22 import _LAST_LINE, _checked


def _needs(text: str) -> tuple[list[str], list[str]]:
    form, problems = check_referral({"needs": text}, REFERRAL, message_date=ON)
    return form.needs or [], [p.problem for p in problems if p.field == "needs"]


@pytest.mark.parametrize("text", [
    "goes missing overnight", "goes missing late at night", "goes missing during the night",
    "goes missing at weekends", "goes missing after school", "goes missing in the evenings",
    "goes missing several times a week", "goes missing regularly",
])
def test_when_a_need_shows_does_not_make_it_unknown(text: str) -> None:
    assert _needs(text) == (["missing"], [])


def test_a_sentence_yields_the_needs_it_names_and_its_description_is_no_need() -> None:
    codes, problems = _needs("He has a diagnosis of ASD and ADHD and struggles in mainstream "
                             "education.\nRisk of CCE \u2013 county lines.")
    assert (sorted(codes), problems) == (["adhd", "asd", "cce"], [])


def test_a_need_not_known_beside_known_ones_is_named_alone() -> None:
    codes, [problem] = _needs("ASD and dyspraxia")
    assert codes == ["asd"] and problem.startswith("'dyspraxia' is not one")


def test_an_item_asked_about_is_quoted_whole() -> None:
    text = "Emotional dysregulation following years of neglect and domestic abuse at home"
    _, [problem] = _needs(f"self-harm, {text}")
    assert f"'{text}'" in problem


def test_a_need_said_to_be_past_is_still_asked_about() -> None:
    assert _needs("self-harm when she was younger")[1]


@pytest.mark.parametrize("signed", [
    "Tom\n\n\nTom Barker\nMillbridge County Council",
    "Tom\nTom Barker\nMillbridge County Council",
    "Tom\n\nTom Barker\nSocial Worker\n07700 900123",
    "Sam\n\nSam Taylor | Children in Care Team",
])
def test_a_first_name_above_the_signature_block_is_part_of_the_sign_off(signed: str) -> None:
    form, problems = _checked(_form() + "\n" + signed + "\n")
    assert problems == {}
    assert form.background == _LAST_LINE  # type: ignore[attr-defined]


def test_a_person_in_the_childs_life_above_a_signature_is_kept() -> None:
    last = "Dean Cole - County lines lead, known to police"
    form, _ = _checked(_form() + "\n" + last + "\n\nTom Barker\nMillbridge County Council\n")
    assert form.background == f"{_LAST_LINE}\n\n{last}"  # type: ignore[attr-defined]


def test_a_family_list_wrapped_by_the_mail_client_keeps_each_person_whole() -> None:
    """A06: Outlook wrapped "…; Kyle" / "Pemberton (brother); …": one brother, not two people."""
    from broker.forms.family import parse_family
    listed = ("Dawn Pemberton (mother); Lee Pemberton (brother); Rita Hollin (nan); Kyle\n"
              "Pemberton (brother); Sasha Pemberton (sister)")
    assert [(m.name, m.relationship) for m in parse_family(listed)] == [
        ("Dawn Pemberton", "mother"), ("Lee Pemberton", "brother"), ("Rita Hollin", "nan"),
        ("Kyle Pemberton", "brother"), ("Sasha Pemberton", "sister")]


@pytest.mark.parametrize("listed", [
    "Dawn Hollin\nLee Hollin", "Dawn Hollin (mother)\nLee Hollin (brother)",
    "Dawn Hollin (mother); Lee Hollin (brother)\nRita Hollin (grandmother)",
    "Dawn Hollin (mother); Lee Hollin (brother); Rita Hollin, nan\nDean Hollin - father",
])
def test_a_family_list_of_one_line_each_is_not_joined(listed: str) -> None:
    from broker.forms.family import parse_family
    assert len(parse_family(listed)) == listed.count("\n") + listed.count(";") + 1


_CAUTION = ("CAUTION: This email originated from outside of the organisation. Do not click "
            "links or open attachments unless you recognise the sender and know the content "
            "is safe.")


@pytest.mark.parametrize("banner", [
    _CAUTION, "OFFICIAL - SENSITIVE: PERSONAL", "OFFICIAL-SENSITIVE", "Classification: OFFICIAL",
    "[EXTERNAL] Referral", "External email: take care with links", "NOT PROTECTIVELY MARKED",
    "Sensitivity: Official Sensitive",
])
def test_a_gateway_banner_or_marking_is_not_listed_as_a_line_not_read(banner: str) -> None:
    from broker.forms import read_message
    from tests.unit.test_forms_referral_round8 import _email
    read = read_message(_email(f"{banner}\n\n{_form()}\n{banner}\n"), REFERRAL)
    assert read.unread == []


@pytest.mark.parametrize("line", [
    "Warning: she carries a knife", "Caution: dog at the address", "Official: no",
    "Confidential: mum does not know the address",
])
def test_a_remark_shaped_like_a_banner_is_still_listed(line: str) -> None:
    from broker.forms.banners import is_a_banner_or_marking
    assert not is_a_banner_or_marking(line)


def test_a_long_line_not_read_is_cut_at_a_word_and_said_to_be_cut() -> None:
    from broker.forms import read_message
    from tests.unit.test_forms_referral_round8 import _email
    line = "Previous placements: " + "a short-term foster home in the north of the county, " * 5
    [shown] = read_message(_email(f"{line}\n\n{_form()}"), REFERRAL).unread
    assert shown.endswith("\u2026") and len(shown) <= 160 and line.startswith(shown[:-1])
