"""Forms as social workers lay them out: a free-text field under more than one heading, and
a section about the referrer whose `Name:` is not the child's.

People and places are fictional.
"""

from __future__ import annotations

from pathlib import Path

from broker.forms import fields_from_html, fields_from_text
from broker.forms.spec import load_form_spec

REFERRAL = load_form_spec(Path(__file__).resolve().parents[2] / "config/forms/referral.yaml")


def test_a_free_text_field_under_two_of_its_headings_is_one_narrative() -> None:
    found = fields_from_text("Background: Came into care in 2020.\nNeeds: SEMH\n"
                             "Risks: missing episodes.\n", REFERRAL)
    assert found.conflicts == []
    assert found.values["background"] == "Came into care in 2020.\n\nmissing episodes."


def test_a_one_line_field_given_twice_differently_is_still_a_conflict() -> None:
    found = fields_from_text("Child's name: Ada Quill\nUrgency: urgent\nName: Bea Quill\n",
                             REFERRAL)
    assert "child_name" in found.conflicts


def test_a_given_fields_label_heading_a_sentence_in_free_text_is_a_sub_heading() -> None:
    """"Family:" within the background, after the form's family list, heads a paragraph: it
    is not a second family list (whose "names" would be its words), and the background
    goes on after it."""
    found = fields_from_text(
        "Family members: Cora Quill (mother)\nHome address: 4 Fennel Row\n"
        "Background and risks: Ada has been missing eight times.\n\n"
        "Family: Ada lives with her mum and her partner, who has a conviction.\n\n"
        "Address: she has moved five times in two years.\n\nShe is at risk of CSE.\n"
        "Strengths: swimming\n", REFERRAL)
    assert found.conflicts == []
    assert found.values["family_names"] == "Cora Quill (mother)"
    assert found.values["home_address"] == "4 Fennel Row"
    assert found.values["background"] == (
        "Ada has been missing eight times.\n\nFamily: Ada lives with her mum and her partner, "
        "who has a conviction.\n\nAddress: she has moved five times in two years.\n\n"
        "She is at risk of CSE.")


def test_a_given_fields_label_with_a_value_not_a_sentence_is_still_that_field() -> None:
    found = fields_from_text("Family members: Cora Quill (mother)\nBackground: Missing often."
                             "\nParents: Dan Quill (father)\n", REFERRAL)
    assert found.values["family_names"] == "Cora Quill (mother); Dan Quill (father)"
    assert found.values["background"] == "Missing often."


def test_the_referrers_name_and_address_are_not_the_childs() -> None:
    found = fields_from_text(
        "Referrer details\nName: Sam Tarrant\nTeam: Children in Care\n"
        "Address: Civic Centre, Northby\n\nChild's details\nName: Ada Quill\n"
        "Home address: 4 Fennel Row\nFamily members: Cora Quill (mother)\n", REFERRAL)
    assert found.conflicts == []
    assert (found.values["child_name"], found.values["home_address"]) == (
        "Ada Quill", "4 Fennel Row")


def test_the_referrers_section_at_the_end_of_the_form() -> None:
    found = fields_from_text("Child's name: Ada Quill\nUrgency: urgent\n\nSocial worker "
                             "details:\nName: Sam Tarrant\nPhone: 0113 496 0777\n", REFERRAL)
    assert (found.conflicts, found.values["child_name"]) == ([], "Ada Quill")


def test_any_other_field_ends_the_referrers_section() -> None:
    """So a heading taken for the referrer's can never hide the child's family from the
    anonymiser: only a name, an address and a postcode are passed over there."""
    found = fields_from_text("Referrer details\nName: Sam Tarrant\nFamily members: Cora "
                             "Quill (mother)\nName: Ada Quill\n", REFERRAL)
    assert found.values["family_names"] == "Cora Quill (mother)"
    assert found.values["child_name"] == "Ada Quill"


def test_a_line_that_only_begins_like_a_heading_is_not_one() -> None:
    found = fields_from_text("Background: She sees her mother weekly.\n\nYour details are "
                             "below\nName: Ada Quill\n", REFERRAL)
    assert found.values["child_name"] == "Ada Quill"


def test_a_profile_fields_label_heading_a_sentence_in_free_text_is_a_sub_heading() -> None:
    """"Religion: she stopped going to church …" inside the background, with no religion in
    the form: the paragraph is the background's (a disclosure, the risks after it), not her
    religion; nor is a short sentence under a given field's label a second value."""
    found = fields_from_text(
        "Siblings to place together: 1\nBackground and risks: Ada has been missing.\n"
        "Religion: she stopped going to church after she disclosed abuse.\n"
        "Siblings: Kyle is 17 and supportive.\nShe is at risk of CSE.\n", REFERRAL)
    assert found.conflicts == []
    assert "religion" not in found.values
    assert found.values["background"] == (
        "Ada has been missing.\nReligion: she stopped going to church after she disclosed "
        "abuse.\nSiblings: Kyle is 17 and supportive.\nShe is at risk of CSE.")


def test_a_given_fields_label_alone_over_a_list_in_free_text_is_a_sub_heading() -> None:
    """"Siblings:" alone on its line over a bulleted list of the child's brothers and sisters,
    inside the background and below the form's own count: the list is the background's, not a
    second count, so the referral is not refused for giving the field twice. The same label
    alone, before the field is given, is still the field."""
    found = fields_from_text(
        "Siblings to place together: 1\nBackground and risks: Ada has epilepsy.\n\nSiblings:\n"
        "• Kacey-Jo (15) - lives with paternal gran\n• Mason (12) - foster care\n", REFERRAL)
    assert found.conflicts == []
    assert found.values["siblings"] == "1"
    assert found.values["background"].endswith("Siblings:\n• Kacey-Jo (15) - lives with "
                                                "paternal gran\n• Mason (12) - foster care")
    first = fields_from_text("Background and risks: Ada has epilepsy.\nSiblings:\n2\n", REFERRAL)
    assert (first.values["siblings"], first.conflicts) == ("2", [])


_REFERRER_ROWS = [("Referrer details", ""), ("Name", "Priya Nair"), ("Team", "Assessment"),
                  ("Email", "priya.nair@northby.example"), ("Child’s details", ""),
                  ("Name", "Tayo Kane"), ("Gender", "Male")]


def test_a_referrer_section_opened_and_closed_by_table_rows() -> None:
    """Outlook's form table heads each section with a row whose second cell is empty: the
    referrer's `Name` is theirs, and `Child's details` closes the section, in the HTML and in
    Outlook's plain text (a tab between cells) alike."""
    html = "<table>" + "".join(f"<tr><td>{label}</td><td>{value}</td></tr>"
                               for label, value in _REFERRER_ROWS) + "</table>"
    text = "\n".join(f"{label}\t{value}" for label, value in _REFERRER_ROWS)
    for found in (fields_from_html(html, REFERRAL), fields_from_text(text, REFERRAL)):
        assert found.conflicts == []
        assert found.values == {"child_name": "Tayo Kane", "gender": "Male"}
