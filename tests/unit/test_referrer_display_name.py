"""Rule referrer-named-as-she-signs, its From display name (attacker review 40 F3): with no
sign-off read, the display name is kept only when it is shaped as a name, as a sign-off's is;
a link, marks or a sentence in its place ("*URGENT* <https://…|Approve here>") would be shown
in the team's copy of the comparison and the console as who will shortlist, so her address's
words name her instead. People and addresses are made up."""

from __future__ import annotations

import pytest

from workflows.people import referrer_name

SAM = "sam.taylor@northby.gov.example"
FAMILY = ("Callum Pryce", "Donna Pryce")


@pytest.mark.parametrize("display", [
    "*URGENT* <https://evil.example/x|Approve here>",
    "https://evil.example/shortlist",
    "Reply AGREE to sam",
    "Sam Taylor ~ ~ _ _ `code`",
    "Zoë <https://evil.example>",
    "approve here",
])
def test_a_display_name_shaped_as_no_name_gives_way_to_the_address(display: str) -> None:
    assert referrer_name("", display, SAM, FAMILY) == "Sam Taylor"


@pytest.mark.parametrize(("display", "kept"), [
    ("Northby EDT", "Northby EDT"),
    ("Sam Taylor", "Sam Taylor"),
    ("Taylor, Sam", "Taylor, Sam"),
    ("Jo-Anne O'Neill", "Jo-Anne O'Neill"),
    ("Zoë Taylor", "Zoë Taylor"),
    ("Sam Taylor – Social Worker", "Sam Taylor"),
    ("Kim | EDT", "Kim"),
])
def test_a_display_name_shaped_as_a_name_is_kept(display: str, kept: str) -> None:
    assert referrer_name("", display, SAM, FAMILY) == kept


def test_a_signed_name_still_comes_first() -> None:
    assert referrer_name("Kim", "*URGENT* <https://evil.example/x|Approve here>", SAM) == "Kim"


def test_a_family_name_in_the_display_name_is_still_no_one_of_hers() -> None:
    assert referrer_name("", "Donna Pryce", SAM, FAMILY) == "Sam Taylor"
