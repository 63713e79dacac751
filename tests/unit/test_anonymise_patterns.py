"""Identifying things found by shape or context anywhere in free text.

NHS numbers (mod-11 valid), National Insurance numbers, full UK postcodes (reduced
to the outward code), phone numbers, e-mail addresses, and names the text itself introduces.
Phone numbers are from Ofcom's drama ranges; NHS numbers from the 999 test range.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise, is_valid_nhs_number
from broker.referral import FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)


def nhs_check_digit(first_nine: str) -> int | None:
    """The NHS check digit computed independently of the code under test (None: unusable)."""
    total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def valid_nhs(first_nine: str) -> str:
    check = nhs_check_digit(first_nine)
    assert check is not None
    return first_nine + str(check)


def scrubbed(text: str, **fields: object) -> tuple[str, dict[str, int]]:
    form = ReferralForm(background=text, **fields)  # type: ignore[arg-type]
    result = anonymise(form, authority=None, today=TODAY)
    assert result.text["background"] is not None
    return result.text["background"], result.redactions


@pytest.mark.parametrize("first_nine", ["999000001", "999123456", "999765432", "999000010"])
def test_nhs_check_digit_agrees_with_an_independent_computation(first_nine: str) -> None:
    check = nhs_check_digit(first_nine)
    for digit in range(10):
        assert is_valid_nhs_number(first_nine + str(digit)) == (digit == check)


def test_nhs_number_validation_rejects_other_shapes() -> None:
    assert not is_valid_nhs_number("999000008")
    assert not is_valid_nhs_number("99900000850")
    assert not is_valid_nhs_number("999000008a")


@pytest.mark.parametrize("spacing", ["{}{}{}", "{} {} {}", "{}-{}-{}", "{}  {}{}"])
def test_nhs_numbers_in_text_any_spacing(spacing: str) -> None:
    number = valid_nhs("999000012")
    written = spacing.format(number[:3], number[3:6], number[6:])
    out, counts = scrubbed(f"Sibling's NHS number {written} noted.")
    assert out == "Sibling's NHS number [NHS number] noted."
    assert counts == {"nhs_number": 1}


def test_an_nhs_number_straight_after_no_dot_is_found_but_not_one_after_a_decimal_point(
) -> None:
    number = valid_nhs("999123223")
    out, _ = scrubbed(f"Mum's NHS No.{number}; dad's no.{number[:3]}-{number[3:6]}-"
                      f"{number[6:]}; ratio 1.{number}.")
    assert out == f"Mum's NHS No.[NHS number]; dad's no.[NHS number]; ratio 1.{number}."


def test_ten_digits_failing_the_check_are_not_an_nhs_number() -> None:
    number = valid_nhs("999000012")
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert scrubbed(f"Ticket {wrong} closed.")[0] == f"Ticket {wrong} closed."


@pytest.mark.parametrize(
    "written",
    ["QQ123456C", "QQ 12 34 56 C", "qq 123456 c", "AB123456D", "JG 10 36 81", "AB-12-34-56-A"],
)
def test_national_insurance_numbers(written: str) -> None:
    out, counts = scrubbed(f"Mother's NI {written}, checked.")
    assert out == "Mother's NI [NI number], checked."
    assert counts == {"ni_number": 1}


@pytest.mark.parametrize("text", ["on 12 34 56 we met", "room ab 12 34 56", "Year 10 maths"])
def test_not_national_insurance_numbers(text: str) -> None:
    assert scrubbed(text)[0] == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives near SE15 4AB", "lives near SE15"),
        ("lives near se15 4ab", "lives near SE15"),
        ("lives near SE154AB now", "lives near SE15 now"),
        ("EC1A 1BB and M1 1AE", "EC1A and M1"),
        ("(LS6 2QT)", "(LS6)"),
        ("Y10 2nd term", "Y10 2nd term"),
        ("at 9am, SE15 only", "at 9am, SE15 only"),
    ],
)
def test_full_postcodes_become_outward_codes(text: str, expected: str) -> None:
    assert scrubbed(text)[0] == expected


@pytest.mark.parametrize(
    "written",
    [
        "07700 900123",
        "07700900123",
        "07700 900 123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
        "020 7946 0000",
        "(020) 7946 0000",
        "0207 946 0000",
        "0161 496 0000",
        "(0161) 496 0000",
        "0161-496-0000",
        "01632 960000",
        "+353 1 234 5678",
    ],
)
def test_phone_numbers(written: str) -> None:
    out, counts = scrubbed(f"Call mum on {written} after 4pm.")
    assert out == "Call mum on [phone] after 4pm."
    assert counts == {"phone": 1}


@pytest.mark.parametrize(
    "text", ["Scored 2012 points", "In 2019 and 2020", "Years 7 to 11", "Ratio 1:4 at 0.5",
             "03/11/2026 14:20 Home visit.", "Seen 01.12.2026 09:15 at home.",
             "On 05-10-2026 16:00, police attended.", "2026-11-04 17:45 CAMHS called."]
)
def test_not_phone_numbers(text: str) -> None:
    assert scrubbed(text)[0] == text


@pytest.mark.parametrize(
    "written", ["d.hartley@example.com", "DONNA_H+1@mail.example.org", "j-pike@example.co.uk"]
)
def test_email_addresses(written: str) -> None:
    out, counts = scrubbed(f"Email {written}.", child_name="Donna Hartley")
    assert out == "Email [email]."
    assert counts == {"email": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her uncle John Pike visits", "her uncle [person] visits"),
        ("Mr Pike rang", "Mr [person] rang"),
        ("Mrs J. Pike rang", "Mrs [person] rang"),
        ("Dr. Okafor (CAMHS) saw her", "Dr. [person] (CAMHS) saw her"),
        ("PC Barrow attended", "PC [person] attended"),
        ("a friend called Ben", "a friend called [person]"),
        ("a boy named Sarah-Louise", "a boy named [person]"),
        ("known to police as 'Smiley'", "known to police as '[person]'"),
        ("goes by “Little T”", "goes by “[person]”"),
        ("her step-father, Gary Wren, left", "her step-father, [person], left"),
        ("her boyfriend (Jayden) is 19", "her boyfriend ([person]) is 19"),
        ("youth worker Priya said", "youth worker [person] said"),
        ("her mother McDonald", "her mother [person]"),
        ("her uncle O'Brien", "her uncle [person]"),
        ("Lee Barrow, her uncle, visits", "[person], her uncle, visits"),
        ("J. Pike (his maternal uncle) rang", "[person] (his maternal uncle) rang"),
        ("her nan\nJoan Pike rang", "her nan\n[person] rang"),
    ],
)
def test_names_the_text_introduces(text: str, expected: str) -> None:
    assert scrubbed(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Her mother said no. The police were called Tuesday.",
        "She called Childline. Her friend In school helped.",
        "Her teacher, and her mother, agreed.",
        "The pc was broken; she was called names.",
        "Her mother English speaking.",
        "Yesterday, her mother rang. Last week, his uncle came.",
        "On Monday, her father rang.",
    ],
)
def test_context_words_that_are_not_names(text: str) -> None:
    assert scrubbed(text)[0] == text


def test_an_introduced_name_goes_from_every_field_but_not_as_an_ordinary_word() -> None:
    form = ReferralForm(
        background="Her uncle John Pike and her friend Will are concerns. Pike is 34.",
        wishes="She will not see PIKE or John. Will may visit.",
        strengths="Likes a pike-fishing trip",  # found capitalised: only removed capitalised
    )
    result = anonymise(form, authority=None, today=TODAY)
    assert result.text == {
        "background": "Her uncle [person] and her friend [person] are concerns. [person] is 34.",
        "wishes": "She will not see [person] or [person]. [person] may visit.",
        "strengths": "Likes a pike-fishing trip",
        "location": None,
        "education": None,
    }
    assert result.redactions == {"person": 6}


def test_a_name_on_the_form_keeps_its_role_when_the_text_introduces_it() -> None:
    out, _ = scrubbed(
        "Her mother Donna Hartley and her uncle Lee.",
        family_names=[FamilyMember("Donna Hartley", "mother")],
        child_name="Amelia Hartley",
    )
    assert out == "Her mother [mother] and her uncle [person]."


def test_an_introduced_full_name_sharing_the_child_surname_is_one_person() -> None:
    out, _ = scrubbed("Her uncle Lee Hartley visits Hartley.", child_name="Amelia Hartley")
    assert out == "Her uncle [person] visits [child]."
