"""Referrals as round R20's outside tester wrote them: a phone's form with every field on
one line a space apart, needs answered by a box after Yes and No, conditions that are a
physical disability, a budget that names no amount and a postcode said above the quoted form.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms.layouts import side_by_side_apart
from broker.forms.page_breaks import across_page_breaks
from broker.forms.ticks import ticked_choices
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form

_ON_ONE_LINE = (
    "Child's name: Maisie Example Date of birth: 14/03/2012 Gender: F Home postcode: ZZ99 4QT "
    "Placement type: resi Urgency: Urgent Needed from: 14/12/2026 Needs: Semh, missing "
    "episodes Background: Maisie has lived with her grandmother until this autumn.\n\n"
    "Sent from my iPhone\n")


def test_a_phones_form_with_every_field_on_one_line_is_read_field_by_field() -> None:
    """'Child's name: Maisie Example Date of birth: 17/05/2011 Gender: F …' on one line had
    been read as one long child's name, every other field not given."""
    form, problems = _checked(_ON_ONE_LINE)
    assert problems == {}
    assert form.child_name == "Maisie Example"  # type: ignore[attr-defined]
    assert form.placement_type == "residential"  # type: ignore[attr-defined]
    assert form.needs == ["semh", "missing"]  # type: ignore[attr-defined]


def test_a_lower_case_word_and_colon_inside_a_value_does_not_split_it() -> None:
    line = "Needs: support with gender: identity Background: Maisie is 14"
    assert side_by_side_apart([line], REFERRAL) == [
        "Needs: support with gender: identity", "Background: Maisie is 14"]


def test_a_line_with_one_label_is_left_as_written() -> None:
    line = "Background: Police have concerns. Her Gender is female: she says so."
    assert side_by_side_apart([line], REFERRAL) == [line]


def test_a_long_line_of_labels_a_space_apart_is_split_in_linear_time() -> None:
    def apart(line: str) -> object:
        return side_by_side_apart([line], REFERRAL)
    assert growth(repeated("Gender: F Date of birth: "), apart, 20_000) < LINEAR
    assert growth(repeated("Needs: a b c d e f g h "), apart, 20_000) < LINEAR


@pytest.mark.parametrize("rows", [
    "SEMH  Yes\u2612 No\u2610\nCSE  Yes\u2612 No\u2610\nCCE  Yes\u2610 No\u2612\n"
    "Missing episodes  Yes\u2612 No\u2610\nSelf-harm  Yes\u2610 No\u2612",
    "SEMH  \u2612 Yes \u2610 No\nCSE  \u2612 Yes \u2610 No\nCCE  \u2610 Yes \u2612 No\n"
    "Missing episodes  \u2612 Yes \u2610 No",
    "SEMH Yes [x] No [ ]\nCSE Yes [x] No [ ]\nCCE Yes [ ] No [x]\nMissing episodes Yes [x] No [ ]",
    "SEMH  Yes\u25a0 No\u25a1\nCSE  Yes\u25a0 No\u25a1\nCCE  Yes\u25a1 No\u25a0\n"
    "Missing episodes  Yes\u25a0 No\u25a1",
])
def test_needs_answered_by_a_box_after_yes_and_no_are_the_ticked_yeses(rows: str) -> None:
    """Needs given one row each as 'SEMH  Yes☒ No☐' had been asked about as the needs
    'SEMH Yes' and 'No': each row's box was taken for a choice of its own."""
    form, problems = _checked(_form(Needs="\n" + rows))
    assert problems == {}
    assert form.needs == ["semh", "cse", "missing"]  # type: ignore[attr-defined]


def test_a_row_with_both_or_neither_box_ticked_is_no_answer() -> None:
    assert ticked_choices("SEMH  Yes\u2612 No\u2612\nCSE  Yes\u2612 No\u2610") != "SEMH, CSE"
    assert ticked_choices("SEMH  Yes\u2612 No\u2610\nCSE  Yes\u2610 No\u2612") == "SEMH"


@pytest.mark.parametrize("value", ["Residential home for children with disabilities",
                                   "Children's home for children with disabilities"])
def test_a_home_for_children_with_disabilities_is_a_disability_placement(value: str) -> None:
    """'Residential home for children with disabilities' had been refused as a placement
    type we do not know."""
    form, problems = _checked(_form(**{"Placement type": value}))
    assert problems == {}
    assert form.placement_type == "residential-disability"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("needs", "codes"), [
    ("\n\u2022 Cerebral palsy \u2013 wheelchair user, hoist for transfers\n"
     "\u2022 Severe learning disability", ["pd", "sld"]),
    ("Cerebral palsy \u2013 wheelchair user, hoist for transfers, SEMH", ["pd", "semh"]),
    ("Spina bifida, epilepsy", ["pd", "medical"]),
    ("Muscular dystrophy \u2013 uses a powered chair", ["pd"]),
])
def test_a_condition_that_is_a_physical_disability_is_that_need(
        needs: str, codes: list[str]) -> None:
    """'Cerebral palsy – wheelchair user, hoist for transfers' had been asked about as the
    needs 'Cerebral palsy' and 'hoist for transfers'."""
    form, problems = _checked(_form(Needs=needs))
    assert problems == {}
    assert form.needs == codes  # type: ignore[attr-defined]


@pytest.mark.parametrize("budget", ["as per framework rate", "Framework", "spot purchase", "TBC",
                                    "to be agreed", "Within the regional framework rates"])
def test_a_budget_that_names_no_amount_is_no_budget_given(budget: str) -> None:
    """'Budget: as per framework rate' had been refused as not an amount of money; the
    budget is optional, and a phrase naming no amount gives none."""
    form, problems = _checked(_form(extra=f"Weekly budget: {budget}\n"))
    assert problems == {}
    assert form.budget_weekly is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("budget", "amount"), [("£5,800", 5800), ("5800 per week", 5800),
                                                ("up to five thousand pounds a week", 5000)])
def test_a_budget_that_names_an_amount_is_still_read(budget: str, amount: int) -> None:
    form, problems = _checked(_form(extra=f"Weekly budget: {budget}\n"))
    assert problems == {} and form.budget_weekly == amount  # type: ignore[attr-defined]


@pytest.mark.parametrize("budget", ["about five and a half k", "about 5 and a half k"])
def test_a_budget_with_an_amount_not_read_is_still_asked_about(budget: str) -> None:
    _, problems = _checked(_form(extra=f"Weekly budget: {budget}\n"))
    assert "budget_weekly" in problems


@pytest.mark.parametrize("separator", [
    "", "-----Original Message-----\nFrom: Pat Dorrington\nSent: 01 December 2026 11:40\n\n"])
def test_a_postcode_said_above_a_form_that_left_it_blank_fills_it(separator: str) -> None:
    """'Postcode is ZZ99 4AB, sorry.' above the quoted form whose postcode was blank had
    been asked for again: a sentence naming a field filled only codes, dates and numbers."""
    body = ("Postcode is ZZ99 4QT, sorry.\n\nPat\n\n" + separator
            + _form(**{"Home postcode": ""}))
    form, problems = _checked(body)
    assert problems == {} and form.home_postcode == "ZZ99 4QT"  # type: ignore[attr-defined]


def test_a_postcode_said_above_a_form_that_gives_another_is_asked_about() -> None:
    _, problems = _checked("Postcode is ZZ99 4AB, sorry.\n\n" + _form())
    assert "home_postcode" in problems


def test_a_page_header_inside_a_sentence_of_the_background_is_dropped() -> None:
    """'OFFICIAL-SENSITIVE        Page 3 of 4', a PDF's page header where a sentence of the
    background ran over the page, had been left inside the background sent to providers."""
    body = _form(Background="Maisie's placement ended after she went\n\nOFFICIAL-SENSITIVE"
                            "                      Page 3 of 4\n\nmissing for three nights.")
    form, problems = _checked(body)
    assert problems == {}
    assert "Page 3" not in form.background  # type: ignore[attr-defined]
    assert "OFFICIAL" not in form.background  # type: ignore[attr-defined]
    assert "missing for three nights" in form.background  # type: ignore[attr-defined]


def test_a_page_header_between_fields_after_a_full_sentence_is_left_for_the_fields() -> None:
    """Nothing is joined across it; the header itself, closing the background, goes (R22)."""
    items = ["Background: Her placement ended.", "", "OFFICIAL-SENSITIVE     Page 3 of 4", "",
             "Needs: SEMH"]
    assert across_page_breaks(items, REFERRAL) == [
        "Background: Her placement ended.", "", "", "Needs: SEMH"]
