"""Referrals as round R31's tester laid them out: a "Referrer details" block before the
child's details, a block about another person under the form with no blank line above it, a
Word form's section heading rows in Outlook's plain text, and three children's names in one
name cell.

The people and places are fictional.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from broker.anonymise.terms import name_terms
from broker.forms import fields_from_html, fields_from_text, read_message
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form

_REFERRER_FIRST = [("Referrer details", ""), ("Name", "Sam Tarrant"),
                   ("Email", "sam.tarrant@northby.gov.example"), ("Team", "Children in Care")]
_CHILD = [("Child's name", "Ada Quill"), ("Date of birth", "14/03/2012"), ("Gender", "Female"),
          ("Home postcode", "ZZ99 4QT")]


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><td><b>{label}</b></td><td>{value}</td></tr>"
                               for label, value in rows) + "</table>"


@pytest.mark.parametrize("text", [
    "\n".join(f"{label}: {value}" for label, value in _REFERRER_FIRST + _CHILD),
    "\n".join(f"{label}: {value}" if value else label
              for label, value in [*_REFERRER_FIRST, ("Child's details", ""), *_CHILD]),
    "\n".join(f"{label}\t{value}" for label, value in _REFERRER_FIRST + _CHILD),
])
def test_the_childs_name_below_a_referrer_block_that_opens_the_form(text: str) -> None:
    """R31's M04, M05: the referrer's block first (its "Name:" hers), then "Child's name:",
    with no blank line between: the child's name is read, never "no value was given"."""
    found = fields_from_text(text, REFERRAL)
    assert (found.values["child_name"], found.conflicts) == ("Ada Quill", [])


def test_the_childs_name_below_a_referrer_block_in_a_table() -> None:
    found = fields_from_html(_table(_REFERRER_FIRST + _CHILD), REFERRAL)
    assert (found.values["child_name"], found.conflicts) == ("Ada Quill", [])


def test_a_label_naming_the_child_closes_the_referrers_block_given_no_name_of_hers() -> None:
    found = fields_from_text("Referrer details\nTeam: Children in Care\nYoung person's name: "
                             "Ada Quill\nHome address: 4 Fennel Row\n", REFERRAL)
    assert (found.values["child_name"], found.values["home_address"]) == (
        "Ada Quill", "4 Fennel Row")


def test_the_childs_heading_closes_the_referrers_block_with_no_blank_line() -> None:
    found = fields_from_text("Referrer details\nName: Sam Tarrant\nTeam: Children in Care\n"
                             "Child's details\nName: Ada Quill\n", REFERRAL)
    assert (found.values["child_name"], found.conflicts) == ("Ada Quill", [])


def test_the_referrers_own_name_is_still_passed_over() -> None:
    found = fields_from_text("Referrer details\nName: Sam Tarrant\nAddress: Civic Centre\n\n"
                             "Child's name: Ada Quill\n", REFERRAL)
    assert found.values == {"child_name": "Ada Quill"}


@pytest.mark.parametrize("block", [
    "Referrer details:\nName: Sam Tarrant\nEmail: sam.tarrant@northby.gov.example\n",
    "BABY'S DETAILS\nName: Baby Quill\nDate of birth: 16/11/2026\nGender: Male\n",
    "Section D – Referrer details\nName: Sam Tarrant\n",
])
def test_a_block_under_the_form_with_no_blank_line_above_it(block: str) -> None:
    """R31's M02 and P01: the referrer's block, or the baby's, straight under the form's last
    line, had been read as the child's name, birth date and gender given a second time."""
    text = "\n".join(f"{label}: {value}" for label, value in _CHILD) + "\n" + block
    found = fields_from_text(text, REFERRAL)
    assert found.conflicts == []
    assert (found.values["child_name"], found.values["date_of_birth"],
            found.values["gender"]) == ("Ada Quill", "14/03/2012", "Female")


def test_a_section_heading_row_ends_the_value_above_it() -> None:
    """R31's H01, H02: a Word form pasted into Outlook, whose plain text gives a section
    heading row as a line of its own: "S20 Section C – Background" had been the legal status,
    and the parts were said to differ, though she did nothing wrong."""
    rows = ["Legal status\tS20", "Section C \u2013 Background",
            "Background and risks\tAda went missing four times.", "Part 2: The child",
            "Child's name\tAda Quill", "SECTION E", "Urgency\tUrgent"]
    found = fields_from_text("\n".join(rows), REFERRAL)
    assert found.values == {"legal_status": "S20", "background": "Ada went missing four times.",
                            "child_name": "Ada Quill", "urgency": "Urgent"}
    assert found.unread == []


def test_a_section_heading_naming_a_field_heads_its_text() -> None:
    found = fields_from_text("Legal status: S20\nSection C \u2013 Background\nAda went missing "
                             "four times.\n", REFERRAL)
    assert found.values == {"legal_status": "S20", "background": "Ada went missing four times."}


def test_a_section_of_an_act_under_its_label_is_still_the_value() -> None:
    found = fields_from_text("Legal status:\nSection 20\nUrgency: Urgent\n", REFERRAL)
    assert found.values["legal_status"] == "Section 20"


def test_the_plain_and_html_parts_of_a_form_with_section_rows_agree() -> None:
    rows = [("Section A \u2013 Placement required", ""), ("Urgency", "Urgent"),
            ("Legal status", "S20"), ("Section C \u2013 Background", ""), *_CHILD]
    message = EmailMessage()
    message["From"] = "Sam Tarrant <sam.tarrant@northby.gov.example>"
    message["To"] = "referrals@broker.localhost"
    message["Subject"] = "Referral"
    message.set_content("\n".join(f"{label}\t{value}" if value else label
                                  for label, value in rows))
    message.add_alternative(_table(rows), subtype="html")
    read = read_message(bytes(message), REFERRAL)
    assert (read.fields["legal_status"], read.conflicts) == ("S20", [])


@pytest.mark.parametrize("names", ["Evie, Jayden and Tyler Quill", "Evie, Jayden & Tyler Quill"])
def test_three_childrens_names_in_one_cell_are_asked(names: str) -> None:
    """R31's S04: the three went to providers as one child, and "and" was blanked out of the
    text they read as if it were one of her names."""
    _, problems = _checked(_form(**{"Child's name": names}))
    assert "three children's names" in problems["child_name"]


def test_a_surname_first_with_a_comma_is_one_childs_name() -> None:
    form, problems = _checked(_form(**{"Child's name": "THRELFALL, Maisie"}))
    assert "child_name" not in problems


def test_a_word_joining_names_is_never_searched_for_as_a_name() -> None:
    terms = name_terms("Evie, Jayden and Tyler Quill", "child_name", "[child]")
    assert all("and" not in term.tokens for term in terms)
    assert ("Jayden",) in {term.tokens for term in terms}
