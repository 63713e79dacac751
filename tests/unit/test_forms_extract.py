"""Reading `Label: value` fields out of plain text and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.forms import fields_from_html, fields_from_text, load_referral_spec, load_response_spec
from tests.growth import LINEAR, growth

CONFIG = Path(__file__).resolve().parents[2] / "config"
REFERRAL = load_referral_spec(CONFIG)
RESPONSE = load_response_spec(CONFIG)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child's name: Ann Example", {"child_name": "Ann Example"}),
        ("child's name:Ann Example", {"child_name": "Ann Example"}),
        ("Child's name : Ann Example  ", {"child_name": "Ann Example"}),
        ("**Child's name:** Ann Example", {"child_name": "Ann Example"}),
        ("**Child's name**: Ann Example", {"child_name": "Ann Example"}),
        ("*Child's name:* Ann Example", {"child_name": "Ann Example"}),
        ("3. *Child's name:* Ann Example", {"child_name": "Ann Example"}),
        ("12) **Background:**\nShe is settled.", {"background": "She is settled."}),
        ("_Gender:_ female", {"gender": "female"}),
        ("- DOB: 14/03/2012", {"date_of_birth": "14/03/2012"}),
        ("• Gender: Female", {"gender": "Female"}),
        ("* Urgency: urgent", {"urgency": "urgent"}),
        ("Needed from?: ASAP", {"needed_from": "ASAP"}),
        ("Siblings to place together? 2", {"siblings": "2"}),
        ("Gender - Female", {"gender": "Female"}),
        ("Gender\tFemale", {"gender": "Female"}),
        ("Date of birth (dd/mm/yyyy): 14/03/2012", {"date_of_birth": "14/03/2012"}),
        ("Time of call: 10:30\nGender: male", {"gender": "male"}),
        ("Child's name: Ann Example\r\nGender: female\r\n", {"child_name": "Ann Example",
                                                            "gender": "female"}),
        ("Hello,\n\nPlease see below.\n\nGender: female", {"gender": "female"}),
        ("Known as:\nGender: female", {"gender": "female"}),
        ("Date of birth:\n14/03/2012", {"date_of_birth": "14/03/2012"}),
        ("Date of birth:\n\n14/03/2012", {"date_of_birth": "14/03/2012"}),
        ("Child's name: Ann: Example", {"child_name": "Ann: Example"}),
        ("Siblings to place together:- 1", {"siblings": "1"}),  # a dash ending the label
        ("Gender:-Female", {"gender": "Female"}),
        ("Urgency: - Urgent", {"urgency": "Urgent"}),
        ("Weekly budget: -1", {"budget_weekly": "-1"}),  # a value's own sign stays
        ("Favourite food: chips", {}),
        ("", {}),
    ],
)
def test_label_value_lines(text, expected) -> None:
    assert fields_from_text(text, REFERRAL).values == expected


def test_a_value_continues_until_the_next_label() -> None:
    text = "Needs: SEMH, CSE,\nmissing episodes\nUrgency: urgent"
    values = fields_from_text(text, REFERRAL).values
    assert values == {"needs": "SEMH, CSE,\nmissing episodes", "urgency": "urgent"}


def test_free_text_keeps_its_paragraphs_until_a_blank_line_and_a_label() -> None:
    text = (
        "Background and risks: Ann has been in foster care since 2024.\n"
        "She settled well at first.\n\n\n"
        "There have been three missing episodes since September.\n"
        "Note: police were informed each time.\n\n"
        "Strengths and interests: Football."
    )
    values = fields_from_text(text, REFERRAL).values
    assert values["background"] == (
        "Ann has been in foster care since 2024.\nShe settled well at first.\n\n"
        "There have been three missing episodes since September.\n"
        "Note: police were informed each time."
    )
    assert values["strengths"] == "Football."


def test_a_short_field_ends_at_a_blank_line() -> None:
    text = "Urgency: urgent\n\nWe spoke on the phone about this yesterday."
    assert fields_from_text(text, REFERRAL).values == {"urgency": "urgent"}


def test_a_sub_heading_repeating_its_own_label_stays_in_the_value() -> None:
    text = "Background and risks: History here.\nRisks: goes missing at night.\nGender: female"
    extracted = fields_from_text(text, REFERRAL)
    assert extracted.values["background"] == "History here.\nRisks: goes missing at night."
    assert extracted.conflicts == []


def test_a_repeated_label_of_a_one_line_field_is_a_conflict() -> None:
    extracted = fields_from_text("Gender: female\nSex: male", REFERRAL)
    assert extracted.values == {"gender": "female"}
    assert extracted.conflicts == ["gender"]


def test_a_bold_label_on_its_own_line_starts_a_field() -> None:
    text = "**Background and risks**\nFirst paragraph.\n\nSecond paragraph."
    assert fields_from_text(text, REFERRAL).values == {
        "background": "First paragraph.\n\nSecond paragraph."
    }


def test_a_dash_does_not_start_a_field_inside_free_text() -> None:
    text = "Background and risks: He said\nGender - whatever they decide\nUrgency: urgent"
    values = fields_from_text(text, REFERRAL).values
    assert values["background"] == "He said\nGender - whatever they decide"
    assert "gender" not in values


def test_a_separator_line_ends_a_value() -> None:
    text = "Background and risks: History.\n______________________\nUnrelated footer text"
    assert fields_from_text(text, REFERRAL).values == {"background": "History."}


def test_a_rule_inside_free_text_does_not_end_it() -> None:
    """A genogram drawn with dashes in the background (round 23): the narrative below it, a
    risk among it, is still the background's."""
    text = ("Background and risks: Genogram:\n   Tom Fict ===== Ann Fict\n         |\n"
            "   -----------------\n   |               |\n  Kay (15)      Bo (9)\n\n"
            "Uncle Gaz must not have contact.\n-----------\nStrengths and interests: gym")
    values = fields_from_text(text, REFERRAL).values
    assert values["background"].endswith("Uncle Gaz must not have contact.")
    assert "-----------------\n|               |" in values["background"]
    assert values["strengths"] == "gym"


FORM = "Child's name: Ann Example\nGender: Female\nNeeds: SEMH, CSE\n"


def test_a_form_pasted_twice_alike_is_not_a_conflict() -> None:
    extracted = fields_from_text(FORM + "\n" + FORM.replace("Female", " female "), REFERRAL)
    assert extracted.conflicts == []
    assert extracted.values["gender"] == "Female"


def test_a_field_given_twice_differently_is_a_conflict_and_the_first_value_is_kept() -> None:
    extracted = fields_from_text(FORM + "\n" + FORM.replace("Female", "Male"), REFERRAL)
    assert extracted.conflicts == ["gender"]
    assert extracted.values["gender"] == "Female"


def test_an_empty_repeat_of_a_label_is_not_a_conflict() -> None:
    extracted = fields_from_text("Gender:\nChild's name: Ann\nGender: female", REFERRAL)
    assert extracted.values == {"child_name": "Ann", "gender": "female"}
    assert extracted.conflicts == []


def test_a_signature_after_the_form_is_not_read() -> None:
    text = (
        FORM + "Background and risks: History.\n\nKind regards,\nJo Fieldworker\n"
        "Address: Town Hall, Northby\nSchool liaison: 01632 960 001"
    )
    values = fields_from_text(text, REFERRAL).values
    assert values["background"] == "History."
    assert "home_address" not in values and "school" not in values


@pytest.mark.parametrize("quoted", [
    "Mum texted: 'I can't do it.\nThanks,\nKerry'",
    "Email from police: 'She was found at 02:00.\nMany thanks,\nPC 4471 Gareth Oyelaran'",
    "The YOT worker sent this: 'Saw her at Kirkgate.\nSent from my iPhone'",
    "He wrote: 'Found her.\nCheers\nNeil'",
])
def test_a_sign_off_quoted_inside_a_field_does_not_end_the_form(quoted: str) -> None:
    one_after = FORM + f"Background and risks: {quoted}\nKnown as: Bee\n\nKind regards,\nJo\n"
    assert fields_from_text(one_after, REFERRAL).values["known_as"] == "Bee"
    text = (FORM + f"Background and risks: {quoted}\nKnown as: Bee\nWeekly budget: £5,200\n\n"
            "Kind regards,\nJo Fieldworker\nAddress: Town Hall, Northby\n")
    values = fields_from_text(text, REFERRAL).values
    assert values["known_as"] == "Bee" and values["budget_weekly"] == "£5,200"
    assert values["background"].startswith(quoted.split("\n")[0])
    assert values.get("home_address") != "Town Hall, Northby"


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\nMany thanks\nJo\n\n" + FORM,  # a greeting's thanks
        "Hi team,\nPlease see the form below.\n\nKind regards\nJo\n\n" + FORM,
        "Hi team,\nPlease see the form below.\n-- \nJo\n\n" + FORM,
    ],
)
def test_a_sign_off_before_the_form_does_not_hide_it(text) -> None:
    assert fields_from_text(text, REFERRAL).values["child_name"] == "Ann Example"


@pytest.mark.parametrize(
    "text",
    [
        "Please see the attached form.\n\nKind regards\nJo\nAddress: Town Hall, Northby\n",
        "Please see the attached form.\n\n-- \nJo Fieldworker\nAddress: Town Hall, Northby\n",
        "Please see the attached form.\nSent from my iPhone\nAddress: Town Hall, Northby\n",
    ],
)
def test_a_signature_without_a_form_is_not_read(text) -> None:
    assert fields_from_text(text, REFERRAL).values == {}


def test_values_are_capped() -> None:
    text = "Background and risks: " + "word " * 10_000 + "\n" + "more text\n" * 5_000
    assert 19_990 <= len(fields_from_text(text, REFERRAL).values["background"]) <= 20_000


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "Background and risks: " + "a" * n,  # one enormous line
        lambda n: "Background and risks: x\n" + "a:b\n" * (n // 4),  # many colon lines
        lambda n: ("On " + "a " * 200 + "\n") * (n // 400),  # reply-header look-alikes
        lambda n: "**" * (n // 2),  # bold markers and nothing else
        lambda n: "Child's name: " + " " * n + "x",
        lambda n: ("Gender: female\n" + "Gender: male\n") * (n // 30),
        lambda n: "Background and risks: " + "a: b" * (n // 4) + "\t",  # a tab after colons
        lambda n: "Siblings: 1\nBackground and risks: x\n" + "Siblings:\n- a\n" * (n // 15),
        lambda n: "Gender: a | Urgency: b; " * (n // 24),  # fields side by side, unending
        lambda n: "Name\tGender\tUrgency\n" + "a\tb\tc\n" * (n // 6),  # header and rows
        lambda n: "Name: a\n" + "b: c\n" * (n // 5),
    ],
)
def test_enormous_input_is_read_in_linear_time(make) -> None:
    # Twice the text costs about twice the time (quadratic work would cost four times).
    assert growth(make, lambda text: fields_from_text(text, REFERRAL), 100_000) < LINEAR


# -- HTML -----------------------------------------------------------------------------------

OUTLOOK_TABLE = """
<html><head><style>p.MsoNormal{margin:0cm}</style></head><body>
<div class=WordSection1><p class=MsoNormal>Please see the referral below.<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
<tr><td width=200 valign=top><p class=MsoNormal><b>Child&#8217;s name<o:p></o:p></b></p></td>
    <td width=400 valign=top><p class=MsoNormal>Ann&nbsp;Example<o:p></o:p></p></td></tr>
<tr><th>Date of birth:</th><td>14/03/2012</td></tr>
<tr><td><p class=MsoNormal>Placement type</p></td>
    <td><p class=MsoNormal>Children&#39;s home</p></td></tr>
<tr><td>Background and risks</td>
    <td><p class=MsoNormal>First line<br>second line</p><p class=MsoNormal>&nbsp;</p>
        <p class=MsoNormal>New paragraph &amp; more</p></td></tr>
<tr><td>Office use only</td><td>Do not fill in</td></tr>
<tr><td>Known as</td><td></td></tr>
</table>
<p class=MsoNormal>Urgency: urgent</p>
</div></body></html>
"""


def test_outlook_word_html_table() -> None:
    values = fields_from_html(OUTLOOK_TABLE, REFERRAL).values
    assert values == {
        "child_name": "Ann Example",
        "date_of_birth": "14/03/2012",
        "placement_type": "Children's home",
        "background": "First line\nsecond line\n\nNew paragraph & more",
        "urgency": "urgent",
    }


def test_html_without_a_table_is_read_as_text() -> None:
    html = (
        "<div dir=ltr><div>Hi,</div><div><br></div><div><b>Child's name:</b> Ann Example</div>"
        "<div>Gender: female</div><div>Background and risks: One.</div><div><br></div>"
        "<div>Two.</div><div><br></div><div>Urgency:&nbsp;urgent</div></div>"
    )
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example",
        "gender": "female",
        "background": "One.\n\nTwo.",
        "urgency": "urgent",
    }


def test_a_layout_table_around_the_form_is_read_as_text() -> None:
    html = (
        "<table><tr><td><img src=logo.png></td><td>Child's name: Ann Example<br>"
        "Gender: female</td></tr></table>"
    )
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "gender": "female"
    }


def test_a_form_table_nested_in_a_layout_table() -> None:
    html = (
        "<table><tr><td>Header text<table><tr><td>Child's name</td><td>Ann Example</td></tr>"
        "<tr><td>Gender</td><td>female</td></tr></table>Footer</td></tr></table>"
    )
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "gender": "female"
    }


def test_four_column_rows_hold_two_fields_each() -> None:
    html = (
        "<table><tr><td>Child's name</td><td>Ann Example</td><td>DOB</td><td>14/03/2012</td></tr>"
        "<tr><td>Decision</td><td>Offer</td></tr></table>"
    )
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "date_of_birth": "14/03/2012"
    }
    assert fields_from_html(html, RESPONSE).values == {"decision": "Offer"}


def test_outlooks_plain_text_of_a_four_column_table_holds_two_fields_a_line() -> None:
    text = ("Child's name\tAnn Example\tDOB\t14/03/2012\nUrgency\tUrgent\tNeeded from\t"
            "07/12/2026\nGender\tfemale")
    assert fields_from_text(text, REFERRAL).values == {
        "child_name": "Ann Example", "date_of_birth": "14/03/2012", "urgency": "Urgent",
        "needed_from": "07/12/2026", "gender": "female"}


@pytest.mark.parametrize("line", [
    "Decision: Offer | Fee: £4,900 pw | From: 14/12/2026",
    "Decision: Offer; Weekly fee: £4,900 pw; Available from: 14/12/2026",
    "| Decision: Offer | Weekly fee: £4,900 pw | Start: 14/12/2026 |",
])
def test_fields_side_by_side_on_one_line_each_take_their_own_value(line: str) -> None:
    assert fields_from_text(line, RESPONSE).values == {
        "decision": "Offer", "weekly_fee": "£4,900 pw", "available_from": "14/12/2026"}


@pytest.mark.parametrize("line", [
    "From: Jo Fictional | Sent: Monday",  # "From:" first is an email's sender
    "Jo Fictional | Placements Officer | Tel: 01632 960000",  # a signature's parts
    "Decision: Offer | we'll confirm the fee on Friday",  # not every part a field
])
def test_a_line_with_bars_that_is_not_all_fields_is_read_as_before(line: str) -> None:
    assert "weekly_fee" not in fields_from_text(line, RESPONSE).values
    assert "available_from" not in fields_from_text(line, RESPONSE).values


def test_a_signature_holding_the_answer_side_by_side_is_read() -> None:
    text = ("Hi,\n\nPlease see our response in my signature below.\n\nKind regards\n\n"
            "Carla Fictional\nRegistered Manager, Aspen Lodge\n"
            "Decision: Offer | Fee: £4,900 pw | From: 14/12/2026\nM: 07700 900614\n")
    values = fields_from_text(text, RESPONSE).values
    assert (values["decision"], values["weekly_fee"]) == ("Offer", "£4,900 pw")


@pytest.mark.parametrize("table", [
    "Home\tDecision\tWeekly fee\tStart\nElm Court\tDecline\t\t\n"
    "Cedar House\tOffer\t£5,050\t21/12/2026",
    "Home\tDecision\tNotes\nElm Court\tInterested\tplease send papers\n"
    "Cedar House\tDecline\tno vacancy until March",
    "Home\tAnswer\nCedar House\tNo vacancy\nElm Court\tInterested",
    "Service\tResponse\tRate\tFrom\nCedar House\tInterested\t£4,900\t14/12",
])
def test_a_tables_header_row_of_labels_holds_no_values(table: str) -> None:
    """A header row heads columns: "Home⇥Decision" is not the home "Decision", and the rows
    under it are each home's answer, read as prose."""
    assert fields_from_text("Hi,\n\n" + table + "\n\nMarek", RESPONSE).values == {}


def test_a_tables_header_row_in_html_holds_no_values() -> None:
    html = ("<table><tr><td>Home</td><td>Decision</td><td>Weekly fee</td><td>Start</td></tr>"
            "<tr><td>Cedar House</td><td>Offer</td><td>£5,050</td><td>21/12/2026</td></tr>"
            "</table>")
    assert fields_from_html(html, RESPONSE).values == {}


def test_a_two_cell_field_over_other_lines_is_still_a_field() -> None:
    text = "Home or carer\tCedar House\nDecision\tOffer\nWeekly fee\t£4,900"
    assert fields_from_text(text, RESPONSE).values["service_name"] == "Cedar House"


def test_a_labelled_line_under_a_one_line_value_is_no_more_of_it() -> None:
    text = ("Referral: REF-2026-000431\nService: Juniper Lodge\nStatus: Accepted for "
            "consideration\nResponded by: Tanya Fictional")
    values = fields_from_text(text, RESPONSE).values
    assert values["service_name"] == "Juniper Lodge"
    assert values["decision"].startswith("Accepted for consideration")


def test_a_contacts_details_under_it_are_still_part_of_it() -> None:
    text = "Contact: Jo Fictional\nTel: 01632 960000\nEmail: jo@example.org"
    assert fields_from_text(text, RESPONSE).values == {
        "contact": "Jo Fictional\nTel: 01632 960000\nEmail: jo@example.org"}


def test_html_table_rows_conflict_like_text() -> None:
    html = (
        "<table><tr><td>Gender</td><td>female</td></tr></table>"
        "<table><tr><td>Gender</td><td>male</td></tr></table>"
    )
    assert fields_from_html(html, REFERRAL).conflicts == ["gender"]


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><td>Gender<td>female",  # nothing closed
        "<p>Gender: female<![if !supportLists]>",
        "<<<>>>Gender: female</p></div></table>",
        "<table><td>Gender</td><td>female</td></table>",  # no <tr>
        "<script>Gender: male</script><p>Gender: female",
    ],
)
def test_malformed_html_is_still_read(html) -> None:
    assert fields_from_html(html, REFERRAL).values == {"gender": "female"}


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "<" * n, lambda n: "<a " * n, lambda n: "<!-->" * n, lambda n: "<![x>" * n,
        lambda n: "<!--" + "a" * (40 * n), lambda n: "&#" * n, lambda n: "<a b='" * n + ">",
        lambda n: "<table>" * n, lambda n: "<td>x" * n, lambda n: "<blockquote>" * n,
        lambda n: '<p style="' + "height:0;" * n + '">x</p>',
        lambda n: '<p style="' + "font-size:0 " * n + '">x</p>',
    ],
)
def test_pathological_html_is_read_quickly(make) -> None:
    # Read in time proportional to its length, however it is malformed.
    assert growth(make, lambda html: fields_from_html(html, REFERRAL), 25_000) < LINEAR


def test_a_label_cell_over_two_lines_or_above_a_hint_is_still_the_label() -> None:
    """Word wraps a narrow label column ("Child's<br>name") and forms print a hint under a
    label ("Date of birth" over "(dd/mm/yyyy)"): the value beside it is still that field's.
    A cell of several lines that names no field is text, as before."""
    html = ("<table><tr><td>Child's<br>name</td><td>Ann Example</td></tr>"
            "<tr><td><p>Date of birth</p><p>(dd/mm/yyyy)</p></td><td>14/03/2012</td></tr>"
            "<tr><td>Gender<br>e.g. female, male</td><td>Female</td></tr>"
            "<tr><td>Notes<br>Urgency: urgent</td><td>see above</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "date_of_birth": "14/03/2012", "gender": "Female",
        "urgency": "urgent"}


def test_a_blank_one_line_field_does_not_take_the_next_label_for_its_value() -> None:
    """"Weekly fee:" left blank above "Education fee: £1,200 per week" has no fee; a free-text
    field's next line, and a blank field's value on the next line, are read as before."""
    text = "Weekly fee:\nEducation fee: £1,200 per week\nDecision: Offer"
    assert fields_from_text(text, RESPONSE).values == {"decision": "Offer"}
    assert fields_from_text("Weekly fee:\n£4,500 per week", RESPONSE).values == {
        "weekly_fee": "£4,500 per week"}


# A table the social worker put inside a field: the people in the child's life, in Outlook.
_PEOPLE = ("<table class=MsoTableGrid><tr><td><b>Name</b></td><td><b>Relationship</b></td>"
           "<td><b>Contact</b></td></tr><tr><td>Dawn Example</td><td>Mother</td>"
           "<td>Weekly, supervised</td></tr><tr><td>Lee Example</td><td>Brother</td>"
           "<td>Weekly</td></tr></table>")


def test_a_table_inside_free_text_is_part_of_it() -> None:
    """Its header row's "Name" is no second child's name, and the narrative after it is
    kept: the form used to be refused for a name given twice, or to lose the rest."""
    html = ("<p>Child's name: Ann Example</p><p>Background: Ann lives with her mother.</p>"
            f"<p>Key people:</p>{_PEOPLE}<p>She has gone missing twice.</p><p>Gender: female</p>")
    found = fields_from_html(html, REFERRAL)
    assert found.conflicts == []
    assert found.values == {
        "child_name": "Ann Example", "gender": "female",
        "background": "Ann lives with her mother.\nKey people:\nName | Relationship | Contact\n"
                      "Dawn Example | Mother | Weekly, supervised\nLee Example | Brother | Weekly\n"
                      "She has gone missing twice."}


def test_a_table_nested_in_a_form_tables_cell_stays_in_its_field_and_in_order() -> None:
    html = ("<table><tr><td>Child's name</td><td>Ann Example</td></tr><tr><td>Background</td>"
            f"<td><p>Ann lives with her mother.</p>{_PEOPLE}<p>She has gone missing twice.</p>"
            "</td></tr><tr><td>Gender</td><td>female</td></tr></table>")
    found = fields_from_html(html, REFERRAL)
    assert found.conflicts == []
    assert found.values["background"] == (
        "Ann lives with her mother.\nName | Relationship | Contact\nDawn Example | Mother | "
        "Weekly, supervised\nLee Example | Brother | Weekly\nShe has gone missing twice.")
    assert found.values["gender"] == "female"


@pytest.mark.parametrize("html", [
    f"<p>Child's name: Ann Example</p><p>Family members:</p>{_PEOPLE}<p>Gender: female</p>",
    f"<table><tr><td>Child's name</td><td>Ann Example</td></tr><tr><td>Family members</td>"
    f"<td>{_PEOPLE}</td></tr><tr><td>Gender</td><td>female</td></tr></table>",
])
def test_a_table_of_family_members_is_the_family_list(html) -> None:
    """Each name in it is known, so anonymisation removes it; the header row is no one."""
    found = fields_from_html(html, REFERRAL)
    assert found.conflicts == []
    assert found.values == {
        "child_name": "Ann Example", "gender": "female",
        "family_names": "Dawn Example (Mother, Weekly, supervised); Lee Example (Brother, Weekly)"}


def test_outlooks_plain_text_table_inside_a_field_is_read_the_same() -> None:
    """Outlook's text/plain rendering puts a tab between a row's cells."""
    text = ("Child's name: Ann Example\nFamily members:\nName\tRelationship\nDawn Example\tMother\n"
            "Background: Ann lives with her mother.\nName\tRelationship\tContact\n"
            "Dawn Example\tMother\tWeekly\nShe has gone missing twice.\nGender: female")
    found = fields_from_text(text, REFERRAL)
    assert found.conflicts == []
    assert found.values == {
        "child_name": "Ann Example", "gender": "female", "family_names": "Dawn Example (Mother)",
        "background": "Ann lives with her mother.\nName | Relationship | Contact\n"
                      "Dawn Example | Mother | Weekly\nShe has gone missing twice."}


@pytest.mark.parametrize("make", [
    lambda n: "Background: x\n" + "Background\tx\n" * n,
    lambda n: "Background: x\n" + "a\tb\n" * n + "Gender\tfemale\n",
    lambda n: "Background: x\n" + "a\tb\nGender\tfemale\n" * n,
    lambda n: "<p>Background: x</p>" + "<table><tr><td>a</td><td>b</td></tr>" * n,
])
def test_tables_inside_fields_are_found_in_linear_time(make) -> None:
    assert growth(make, lambda text: fields_from_html(text, REFERRAL) if text.startswith("<")
                  else fields_from_text(text, REFERRAL), 4_000) < LINEAR


def test_form_rows_after_free_text_are_still_fields() -> None:
    html = ("<p>Background: Ann lives with her mother.</p><table><tr><td>Child's name</td>"
            "<td>Ann Example</td></tr><tr><td>Gender</td><td>female</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {
        "background": "Ann lives with her mother.", "child_name": "Ann Example",
        "gender": "female"}


@pytest.mark.parametrize("hidden", [
    '<div style="display:none;mso-hide:all">', '<div style="DISPLAY: NONE">',
    '<span style="mso-hide: all">', "<div hidden>", '<p style="visibility:hidden">',
    '<div style="height:0;overflow:hidden">', '<span style="font-size:0px">',
    '<div style="opacity:0">',
])
def test_text_never_shown_is_not_read(hidden: str) -> None:
    """An internal note hidden in the HTML is never seen by the writer's reader, so it is
    neither read nor broadcast; a void element with such an attribute hides nothing."""
    tag = hidden[1:].split()[0].rstrip(">")
    html = ("<table><tr><td>Background</td><td><p>Ann is settled.</p>"
            f"{hidden}Internal note - do not send: her aunt lives on Cowslip Lane.</{tag}>"
            '<p>She likes art.</p></td></tr><tr><td>Gender</td><td>female<br hidden>'
            '<img style="display:none" src=x></td></tr><tr><td>Urgency</td><td>urgent</td>'
            "</tr></table>")
    assert fields_from_html(html, REFERRAL).values == {
        "background": "Ann is settled.\nShe likes art.", "gender": "female", "urgency": "urgent"}


@pytest.mark.parametrize(("style", "hidden"), [
    ("<style>.hide{display:none;} .internal-note{display:none !important}</style>",
     '<div class="hide">'),
    ('<style type="text/css"><!-- #draftnote, p.MsoNormal.note {display: none;} --></style>',
     '<div id="draftnote">'),
    ("<style>p.MsoNormal.note {display: none;}</style>", '<p class="MsoNormal note">'),
    ("", '<span style="color:white;background:white">'),
    ("", '<span style="color:#FFFFFF; background-color:#fff">'),
    ("", '<span style="color:white;background:#ffffff none">'),
    ("", '<font color=white style="background:white">'),
])
def test_text_a_style_sheet_or_white_on_white_hides_is_not_read(style: str, hidden: str) -> None:
    tag = hidden[1:].split()[0].rstrip(">")
    html = (f"<html><head>{style}</head><body><table><tr><td>Background</td><td>"
            f"<p>Ann is settled.</p>{hidden}Internal note: her aunt lives on Cowslip Lane."
            f"</{tag}><p>She likes art.</p></td></tr></table></body></html>")
    assert fields_from_html(html, REFERRAL).values == {
        "background": "Ann is settled.\nShe likes art."}


@pytest.mark.parametrize("shown", [
    # Hidden only on a phone's narrow screen, or a class hidden for other elements only.
    "<style>@media only screen and (max-width:600px){ .wide{display:none !important} }"
    '</style><div class="wide">',
    '<style>span.note {display:none}</style><div class="note">',
    # White text on a coloured cell, as a table's heading row is written.
    '<style></style><div style="color:white;background:#1F4E79">',
])
def test_text_a_style_sheet_shows_is_read(shown: str) -> None:
    style, element = shown.split("</style>")
    tag = element[1:].split()[0].rstrip(">")
    html = (f"<html><head>{style}</style></head><body><table><tr><td>Background</td><td>"
            f"{element}Ann is settled.</{tag}></td></tr></table></body></html>")
    assert fields_from_html(html, REFERRAL).values == {"background": "Ann is settled."}


@pytest.mark.parametrize("make", [
    lambda n: "<style>" + "a" * n + "</style><p>Background: x</p>",
    lambda n: "<style>" + "/*{" * n + "</style><p>Background: x</p>",
    lambda n: "<style>.a{display:none}</style>" * (n // 30) + '<p class="b">x</p>' * (n // 16),
    lambda n: "<style><!--" * (n // 11) + "<p>Background: x</p>",
])
def test_style_sheets_are_read_in_linear_time(make) -> None:
    assert growth(make, lambda html: fields_from_html(html, REFERRAL), 20_000) < LINEAR


def test_text_styled_faint_or_small_is_still_read() -> None:
    html = ('<p>Background: <span style="opacity:0.5;font-size:10px;height:0.5em">'
            "Ann is settled.</span></p>")
    assert fields_from_html(html, REFERRAL).values == {"background": "Ann is settled."}


def test_outlooks_plain_text_family_table_then_the_forms_own_rows() -> None:
    """`Family members⇥` with its value empty, a table under it, and the form's rows straight
    after: the table is the list, and "Full name" and "Date of birth" in its header row are
    not a second child's."""
    text = ("Child's name\tRiley Bankole\r\nFamily members\t\r\nFull name\tRelationship to young "
            "person\tDate of birth\r\nTracey Bankole\tBirth mother\t12/05/1988\r\nPlacement type"
            "\tSolo\r\n")
    found = fields_from_text(text, REFERRAL)
    assert found.conflicts == []
    assert found.values == {"child_name": "Riley Bankole", "placement_type": "Solo",
                            "family_names": "Tracey Bankole (Birth mother, 12/05/1988)"}


def test_a_name_and_relationship_table_inside_background_then_the_form_goes_on() -> None:
    html = ("<table><tr><td>Background</td><td><p>Ann lives with her nan.</p><table><tr><td>Name"
            "</td><td>Relationship</td></tr><tr><td>Dawn Example</td><td>Nan</td></tr></table>"
            "</td></tr><tr><td>Child's name</td><td>Ann Example</td></tr></table>")
    found = fields_from_html(html, REFERRAL)
    assert found.conflicts == []
    assert found.values == {"child_name": "Ann Example", "background":
                            "Ann lives with her nan.\nName | Relationship\nDawn Example | Nan"}


def test_outlooks_plain_text_of_a_table_inside_the_next_field_stays_in_that_field() -> None:
    """Outlook's plain text of a form row whose cell holds a table: the row after the
    Education row opens Background, and the table is Background's, not Education's."""
    text = ("Education\tIn Year 9 at her school.\n"
            "Background and risks\tShe lives with her mother. Family phones:\n"
            "Who\tPhone\tNotes\nAunt\t0113 496 0136\twork\nCall before 8pm.\n"
            "Strengths and interests\tFunny.")
    values = fields_from_text(text, REFERRAL).values
    assert values["education"] == "In Year 9 at her school."
    assert values["background"].startswith("She lives with her mother.")
    assert "Call before 8pm." in values["background"] and values["strengths"] == "Funny."


def test_a_tab_inside_a_labelled_line_leaves_it_that_fields_line() -> None:
    text = ("Gender: female\nBackground and risks: She was with Jazmyn\tThackeray (17).\n"
            "Strengths and interests: She likes\tswimming.\nUrgency: urgent")
    values = fields_from_text(text, REFERRAL).values
    assert "Thackeray (17)" in values["background"] and "Jazmyn" in values["background"]
    assert "swimming" in values["strengths"] and values["urgency"] == "urgent", values


# --- lines no field took: listed for the social worker, not lost without a word --------------

_UNREAD_FORM = """Child's name: Ann Example
Gender: Female
Allergies: peanuts
Siblings to be moved together: 2
Placement type: Residential
Needs: SEMH, missing episodes
Contact arrangements: supervised, every other Saturday
Urgency: Urgent
Background:
She likes: drawing

Referrer details
Name: Sam Taylor
Team: Children in Care
Tel: 01632 960001

From: Sam Taylor
Sent: 01 December 2026 09:00
https://intranet.example/referrals
"""


def test_a_line_whose_label_no_field_knows_is_listed_as_not_read() -> None:
    found = fields_from_text(_UNREAD_FORM, REFERRAL)
    assert found.unread == ["Allergies: peanuts", "Siblings to be moved together: 2",
                            "Contact arrangements: supervised, every other Saturday"]


def test_a_labelled_line_ends_a_code_and_the_needs_rather_than_joining_them() -> None:
    """"Gender: Female" over "Allergies: peanuts" is female; the needs over "Contact
    arrangements: …" are the needs, not an unknown need to refuse."""
    values = fields_from_text(_UNREAD_FORM, REFERRAL).values
    assert values["gender"] == "Female"
    assert values["needs"] == "SEMH, missing episodes"
    assert values["urgency"] == "Urgent"
    assert values["background"] == "She likes: drawing"  # free text keeps its own lines


def test_a_line_under_the_needs_that_names_a_need_is_still_a_need() -> None:
    found = fields_from_text("Needs:\nSEMH: diagnosed 2024\nSelf-harming: ongoing\nPets: None",
                             REFERRAL)
    assert found.values["needs"] == "SEMH: diagnosed 2024\nSelf-harming: ongoing"
    assert found.unread == ["Pets: None"]


def test_a_two_cell_row_whose_label_no_field_knows_is_listed() -> None:
    html = ("<table><tr><td>Child's name</td><td>Ann</td></tr>"
            "<tr><td>Allergies</td><td>Peanuts</td></tr>"
            "<tr><td>Gender</td><td>F</td></tr></table>")
    found = fields_from_html(html, REFERRAL)
    assert found.unread == ["Allergies: Peanuts"]
    assert found.values == {"child_name": "Ann", "gender": "F"}


def test_a_providers_answer_reads_every_line_under_a_field() -> None:
    """The response form is read for what its lines say: "Vacancy: No" under "Can you meet
    needs: Yes" is part of the answer, not a line to end it."""
    values = fields_from_text("Decision: Offer\nVacancy: No - full until March", RESPONSE).values
    assert "full until March" in values["decision"]


def test_listing_lines_not_read_stays_linear() -> None:
    def text(n: int) -> str:
        return "Gender: Female\n" + "".join(f"Hobby {i}: football\n" for i in range(n))
    assert growth(text, lambda made: fields_from_text(made, REFERRAL), 2_000) < LINEAR


def test_reading_notes_that_change_a_field_stays_linear() -> None:
    def text(n: int) -> str:
        return "".join(f"Please note urgency is now {'x' * (i % 7)} emergency\n"
                       for i in range(n)) + "Urgency: urgent\n"
    assert growth(text, lambda made: fields_from_text(made, REFERRAL), 2_000) < LINEAR


def test_a_definition_lists_terms_are_its_labels() -> None:
    """Round R4: a case system's export as <dl>, each term a label and its definition the
    value, held no form at all."""
    html = ("<dl><dt>Child's name</dt><dd>Ann Example</dd><dt>Gender:</dt><dd>Female</dd>"
            "<dt>Placement type</dt><dd>Residential</dd></dl>")
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "gender": "Female", "placement_type": "Residential"}


def test_a_label_cell_spanning_rows_labels_each_rows_value() -> None:
    """Round R5: "Needs" in a cell spanning three rows gave only the first row's need."""
    html = ("<table><tr><td>Gender</td><td>Female</td></tr>"
            "<tr><td rowspan='3'>Needs</td><td>SEMH</td></tr><tr><td>CSE risk</td></tr>"
            "<tr><td>Missing episodes</td></tr><tr><td>Urgency</td><td>Urgent</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {
        "gender": "Female", "needs": "SEMH\nCSE risk\nMissing episodes", "urgency": "Urgent"}


def test_a_rowspan_that_is_no_small_number_spans_nothing() -> None:
    html = ("<table><tr><td rowspan='9999999'>Needs</td><td>SEMH</td></tr>"
            "<tr><td>Urgency</td><td>Urgent</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {"needs": "SEMH", "urgency": "Urgent"}


def test_labels_across_a_row_over_their_values_are_read_by_column() -> None:
    """Round R5: a case system's child table laid across the page was refused."""
    html = ("<table><tr><td><b>Child's name</b></td><td><b>Date of birth</b></td>"
            "<td><b>Gender</b></td></tr><tr><td>Ann Example</td><td>09/05/2013</td>"
            "<td>Male</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {
        "child_name": "Ann Example", "date_of_birth": "09/05/2013", "gender": "Male"}


def test_a_guidance_column_beside_the_answers_is_not_read_as_them() -> None:
    """Round R6: "Question | Guidance | Response" gave the guidance's example postcode (SE15)
    and the first option listed as the child's."""
    html = ("<table><tr><td>Question</td><td>Guidance</td><td>Response</td></tr>"
            "<tr><td>Gender</td><td>Male / Female / Non-binary</td><td>Female</td></tr>"
            "<tr><td>Home postcode</td><td>Full postcode, e.g. SE15 4AB</td><td>ZZ98 2QL</td></tr>"
            "<tr><td>Urgency</td><td>Emergency / Urgent / Planned</td><td>Planned</td></tr>"
            "</table>")
    assert fields_from_html(html, REFERRAL).values == {
        "gender": "Female", "home_postcode": "ZZ98 2QL", "urgency": "Planned"}


def test_a_guidance_cell_between_a_label_and_its_answer_is_passed_over() -> None:
    html = ("<table><tr><td>Home postcode</td><td>Full postcode, e.g. SE15 4AB</td>"
            "<td>ZZ98 2QL</td></tr><tr><td>Date of birth</td><td>dd/mm/yyyy</td>"
            "<td>09/05/2013</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {"home_postcode": "ZZ98 2QL",
                                                       "date_of_birth": "09/05/2013"}


def test_a_table_of_needs_answered_yes_or_no_gives_the_needs_field() -> None:
    html = ("<p>Needs and risks – Yes or No for each:</p><table><tr><td>Need / risk</td>"
            "<td>Yes / No</td><td>Details</td></tr><tr><td>SEMH</td><td>Yes</td><td>Daily</td>"
            "</tr><tr><td>Self-harm</td><td>No</td><td>Historic only</td></tr></table>")
    assert fields_from_html(html, REFERRAL).values == {"needs": "SEMH: Yes\nSelf-harm: No"}


def test_wingdings_boxes_in_html_give_the_ticked_choices_only() -> None:
    """Round R7: "þ Female ¨ Male" in a Wingdings span was refused as an unknown gender."""
    box = '<span style="font-family:Wingdings">{}</span>'
    html = (f"<p>Gender: {box.format('&#168;')} Male {box.format('&#254;')} Female</p>"
            f"<p>Urgency: Urgent</p>")
    values = fields_from_html(html, REFERRAL).values
    assert values["gender"].split() == ["\u2610", "Male", "\u2612", "Female"]
