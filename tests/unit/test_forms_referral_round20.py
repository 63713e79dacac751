"""Referrals as round R20's outside tester wrote them: a phone's form with every field on
one line a space apart.

The people and places are fictional.
"""

from __future__ import annotations

from broker.forms.layouts import side_by_side_apart
from tests.growth import LINEAR, growth, repeated
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked

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
