"""Anonymisation of the form's other identifying values, and `identifying_values`.

The date of birth in any common format; the full postcode and every line of the
home address (only the outward code survives); the NHS number with or without spaces; the
case reference; the school's name. Fictional places; NHS numbers from the 999 test range.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.anonymise import anonymise, identifying_values
from broker.forms.family import parse_family
from broker.referral import FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)
NHS_NUMBER = "999 000 0085"  # test range, valid check digit


def scrubbed(text: str, **fields: object) -> tuple[str, dict[str, int]]:
    """The background of a form with `fields` after anonymisation, and the redaction counts."""
    form = ReferralForm(background=text, **fields)  # type: ignore[arg-type]
    result = anonymise(form, authority=None, today=TODAY)
    assert result.text["background"] is not None
    return result.text["background"], result.redactions


@pytest.mark.parametrize(
    "written",
    [
        "14/03/2012",
        "14/3/2012",
        "14.03.12",
        "14-03-2012",
        "14 03 2012",
        "2012-03-14",
        "14 March 2012",
        "14th March 2012",
        "14th of March 2012",
        "March 14th 2012",
        "March 14, 2012",
        "14 Mar 12",
        "14-Mar-2012",
        "14 MARCH 2012",
        "14th March '12",
        "03/14/2012",
    ],
)
def test_date_of_birth_in_any_common_format(written: str) -> None:
    text, counts = scrubbed(f"Born {written} at Northby General.", date_of_birth=date(2012, 3, 14))
    assert text == "Born [date of birth] at Northby General."
    assert counts == {"date_of_birth": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her birthday is 14th March.", "Her birthday is [date of birth]."),
        ("Her birthday is March 14th.", "Her birthday is [date of birth]."),
        # Another date that shares day and month, or digits, is not the date of birth.
        ("Seen on 14 March 2026.", "Seen on 14 March 2026."),
        ("Review on 14/03/2026.", "Review on 14/03/2026."),
        ("Room 114/03/2012x", "Room 114/03/2012x"),
        ("Seen on 4 March 2012.", "Seen on 4 March 2012."),
    ],
)
def test_birthday_alone_goes_but_other_dates_stay(text: str, expected: str) -> None:
    assert scrubbed(text, date_of_birth=date(2012, 3, 14))[0] == expected


def test_the_date_of_birth_in_digits_only_is_removed() -> None:
    text = "Files: scan_05062013.pdf, 050613 notes, 20130605-plan; code 1050613 stays."
    out, counts = scrubbed(text, date_of_birth=date(2013, 6, 5))
    assert out == ("Files: scan_[date of birth].pdf, [date of birth] notes, "
                   "[date of birth]-plan; code 1050613 stays.")
    assert counts == {"date_of_birth": 3}


def test_single_digit_day_and_month() -> None:
    text = "DOB 5/6/2013, 05/06/13, 5th June 2013, June 5th 2013, 2013-06-05."
    out, counts = scrubbed(text, date_of_birth=date(2013, 6, 5))
    assert out == (
        "DOB [date of birth], [date of birth], [date of birth], [date of birth], [date of birth]."
    )
    assert counts == {"date_of_birth": 5}


ADDRESS = "Flat 4, 27 Larkspur Close\nNorthby\nNB3 7QT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lives at 27 Larkspur Close.", "Lives at [address]."),
        ("Lives on Larkspur Close.", "Lives on [address]."),
        ("Her mother is back at no. 27 Larkspur.", "Her mother is back at no. [address]."),
        ("Larkspur is a flower.", "[address] is a flower."),  # the street's own word alone
        ("Lives at 27 larkspur cl.", "Lives at [address]."),
        ("Moved to Northby in 2019.", "Moved to [address] in 2019."),
        ("Postcode NB3 7QT.", "Postcode NB3."),
        ("Postcode nb37qt.", "Postcode NB3."),
        ("Postcode NB3  7QT.", "Postcode NB3."),
        ("Area NB3 only.", "Area NB3 only."),
        ("Flat 4 is small.", "Flat 4 is small."),
    ],
)
def test_home_address_lines_and_postcode(text: str, expected: str) -> None:
    out, _ = scrubbed(text, home_address=ADDRESS, home_postcode="NB3 7QT")
    assert out == expected


def test_home_postcode_is_counted_as_such_and_others_as_postcode() -> None:
    text = "Home NB3 7QT; her friend lives near SE15 4AB."
    out, counts = scrubbed(text, home_postcode="NB3 7QT")
    assert out == "Home NB3; her friend lives near SE15."
    assert counts == {"home_postcode": 1, "postcode": 1}


def test_address_with_postcode_on_the_same_line_as_the_town() -> None:
    out, _ = scrubbed("Northby is where she grew up.", home_address="2 Mill Lane, Northby NB3 7QT")
    assert out == "[address] is where she grew up."


@pytest.mark.parametrize(("text", "expected"), [
    ("She wants to stay near Saltmarsh Hill.", "She wants to stay near [address]."),
    ("He goes to church on Sundays.", "He goes to church on Sundays."),
])
def test_a_street_of_several_words_is_found_without_its_type(text: str, expected: str) -> None:
    address = "12 Saltmarsh Hill Road, Northby; 3 Church Road, Northby"
    out, _ = scrubbed(text, home_address=address)
    assert out == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She goes to Pellham most weekends.", "She goes to [address] most weekends."),
    ("Her friends are in Kirkstall.", "Her friends are in [address]."),
    ("A home in the Vale or by the Bridge would suit.",
     "A home in the Vale or by the Bridge would suit."),
    ("Anywhere in Yorkshire.", "Anywhere in Yorkshire."),
])
def test_a_district_is_found_by_its_own_word(text: str, expected: str) -> None:
    address = "7 Thornbury Close\nPellham Vale\nKirkstall Bridge\nWest Yorkshire"
    out, _ = scrubbed(text, home_address=address)
    assert out == expected


@pytest.mark.parametrize(
    "written", ["999 000 0085", "9990000085", "999-000-0085", "999 0000085", "999.000.0085"]
)
def test_form_nhs_number_with_or_without_spaces(written: str) -> None:
    out, counts = scrubbed(f"NHS no. {written}.", nhs_number=NHS_NUMBER)
    assert out == "NHS no. [NHS number]."
    assert counts == {"nhs_number": 1}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("LCS-4471902", "[case reference]"),
        ("lcs 4471902", "[case reference]"),
        ("LCS4471902", "[case reference]"),
        ("ref 4471902", "ref [case reference]"),
        ("44719020", "44719020"),
    ],
)
def test_case_reference_however_punctuated(written: str, expected: str) -> None:
    assert scrubbed(written, case_reference="LCS-4471902")[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She attends Larkhill Brook Academy.", "She attends [school]."),
        ("She attends Larkhill Brook.", "She attends [school]."),
        ("Larkhill staff are supportive.", "[school] staff are supportive."),
        ("LARKHILL BROOK ACADEMY'S SENCO", "[school]'S SENCO"),
        ("Her academy is small; primary school was fine.", None),
    ],
)
def test_school_name_and_its_distinctive_words(text: str, expected: str | None) -> None:
    out, _ = scrubbed(text, school="Larkhill Brook Academy")
    assert out == (expected or text)


def test_saint_school_keeps_generic_words() -> None:
    out, _ = scrubbed(
        "St Winifred's Catholic Primary said St Winifred's is a catholic primary.",
        school="St Winifred's Catholic Primary School",
    )
    assert out == "[school] said [school] is a catholic primary."


def realistic_form() -> ReferralForm:
    return ReferralForm(
        child_name="Amelia Rose Hartley-Quinn",
        known_as="Millie",
        date_of_birth=date(2011, 7, 9),
        home_address="Flat 4, 27 Larkspur Close, Northby",
        home_postcode="NB3 7QT",
        nhs_number=NHS_NUMBER,
        case_reference="LCS-4471902",
        school="Larkhill Brook Academy",
        family_names=[
            FamilyMember("Donna Hartley", "mother"),
            FamilyMember("Craig Quinn", "father"),
            FamilyMember("Ty Hartley", "half-brother"),
        ],
    )


def test_identifying_values_lists_every_kind() -> None:
    values = identifying_values(realistic_form())
    for expected in [
        "Amelia Rose Hartley-Quinn",
        "Amelia",
        "Rose",
        "Hartley",
        "Quinn",
        "Millie",
        "Donna Hartley",
        "Donna",
        "Craig Quinn",
        "Ty Hartley",
        "27 Larkspur Close",
        "Larkspur Close",
        "Northby",
        "NB3 7QT",
        "NB37QT",
        "9990000085",
        "999 000 0085",
        "LCS-4471902",
        "Larkhill Brook Academy",
        "Larkhill",
        "09/07/2011",
        "2011-07-09",
        "9 July 2011",
        "9th July 2011",
        "July 9th 2011",
        "09.07.11",
    ]:
        assert expected in values


def test_identifying_values_leave_out_short_parts_and_the_outward_code() -> None:
    values = identifying_values(realistic_form())
    assert all(len(v) >= 3 for v in values)
    assert "NB3" not in values
    assert "Ty" not in values
    assert len({v.casefold() for v in values}) == len(values)


def test_identifying_values_of_an_empty_form() -> None:
    assert identifying_values(ReferralForm()) == []


def test_scrubbed_text_holds_no_identifying_value_at_all() -> None:
    form = realistic_form()
    form.background = " ".join(identifying_values(form)) + " and Amelia's, HARTLEY-QUINN's"
    result = anonymise(form, authority=None, today=TODAY)
    body = str(result.to_json())
    assert not any(v.lower() in body.lower() for v in identifying_values(form))


def test_a_family_members_nickname_in_brackets_is_removed_as_theirs() -> None:
    family = parse_family("Margo (Maggie) Ravensworth (mother); Joe Ravensworth aka Jay (father)")
    out, _ = scrubbed("Maggie and Jay split up in 2019; Margo moved away.", family_names=family)
    assert out == "[mother] and [father] split up in 2019; [mother] moved away."


def test_a_word_placeholder_given_as_the_school_removes_no_words() -> None:
    out, _ = scrubbed("Click here to enter text about her school.",
                      school="Click or tap here to enter text.")
    assert out == "Click here to enter text about her school."


@pytest.mark.parametrize(("text", "expected"), [
    ("PVA's SENCo says she is doing well at P.V.A.",
     "[school]'s SENCo says she is doing well at [school]."),
    ("P V A have offered a place.", "[school] have offered a place."),
    ("A PVA-style timetable; pva in lower case is no one's.",
     "A [school]-style timetable; pva in lower case is no one's."),
])
def test_the_schools_initials_are_removed(text: str, expected: str) -> None:
    out, _ = scrubbed(text, school="Pellham Vale Academy")
    assert out == expected


def test_a_school_whose_initials_spell_a_common_abbreviation_keeps_it() -> None:
    out, _ = scrubbed("Her PRU place ends in July.", school="Park Road Unit")
    assert out == "Her PRU place ends in July."


def test_the_budget_written_in_the_text_is_never_broadcast() -> None:
    """The form's budget is never sent to providers; nor is the same figure in the prose.
    Other amounts, and the bare number without a weekly word, are left as written."""
    text = ("Panel agreed up to £5,500 per week (5500 pw, or £5.5k); we could stretch to £6k. "
            "Room 5500. Her phone cost £55.")
    out, counts = scrubbed(text, budget_weekly=Decimal("5500"))
    assert out == ("Panel agreed up to [budget] per week ([budget] pw, or [budget]); we could "
                   "stretch to £6k. Room 5500. Her phone cost £55.")
    assert counts == {"budget_weekly": 3}
