"""Referrals as round R22's outside tester wrote them: a social worker's bare first name under
the background, a PDF's page footer closing the paste, a council's "Funding agreed:" label, a
placement type written with its length ("FC LT") and an out-of-hours email that gives the
form's fields inside one paragraph.

The people and places are fictional.
"""

from __future__ import annotations

import pytest

from broker.forms import read_message
from broker.forms.extract import fields_from_text
from broker.forms.referral import check_referral
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _email, _form

_LAST_LINE = "Maisie has lived with her grandmother until this autumn."


def _checked(body: str) -> tuple[object, dict[str, str]]:
    read = read_message(_email(body), REFERRAL)
    form, problems = check_referral(read.fields, REFERRAL, message_date=ON,
                                    conflicts=read.conflicts, conflicting=read.conflicting,
                                    set_aside=read.set_aside)
    return form, {str(problem.field): problem.problem for problem in problems}


@pytest.mark.parametrize("sign_off", [
    "Sam", "Tom", "Lena (out of hours)", "Sam Taylor", "SAM", "Jo-Anne",
    "Sam Taylor – Social Worker", "Kim | EDT", "Sam\nSocial Worker\n07700 900123",
    "Jordan\nTeam Manager, Children in Care", "Sam.",
])
def test_a_bare_sign_off_under_the_background_is_not_sent_to_providers(sign_off: str) -> None:
    """A first name set apart under the last field had ended the background providers
    receive, though the social worker's own signature is never read."""
    form, problems = _checked(_form() + "\n" + sign_off + "\n")
    assert problems == {}
    assert form.background == _LAST_LINE  # type: ignore[attr-defined]


def test_a_bare_sign_off_under_labels_alone_is_not_sent_either() -> None:
    body = _form(separator="\n").replace("\nBackground\n", "\nBackground and risks\n") + "\nSam\n"
    form, problems = _checked(body)
    assert problems == {}
    assert form.background == _LAST_LINE  # type: ignore[attr-defined]


@pytest.mark.parametrize("last", [
    "She says she will not go home.", "Ongoing.", "None", "Mum is aware", "Aaron Malby (brother)",
    "River (8)", "Police", "Sam has ADHD.",
    # A person in the child's life named under the background, shaped like a sign-off
    # (attacker's review 24): the risk must reach providers.
    "Tyler Marsh | Youth Offending Team contact; carries a knife",
    "Kane (OCG)\nKnown to the police and YOT\nHead of the county lines network in the area",
    "Dean Cole - County lines lead, known to police",
    "Rico\nSenior figure in the local gang\nKnown to Safeguarding and the police",
    "Marcus (older male)\n07700 900456", "Jay Doyle - Head of the Eastside gang",
])
def test_a_real_last_paragraph_of_the_background_is_kept(last: str) -> None:
    form, problems = _checked(_form() + "\n" + last + "\n")
    assert problems == {}
    assert form.background == f"{_LAST_LINE}\n\n{last}"  # type: ignore[attr-defined]


def test_a_name_run_on_under_the_last_line_is_not_taken_for_a_sign_off() -> None:
    form, _ = _checked(_form() + "Sam\n")
    assert form.background.endswith("Sam")  # type: ignore[attr-defined]


def test_page_furniture_closing_a_pasted_pdf_is_not_part_of_the_background() -> None:
    body = (_form().rstrip("\n") + " She\n    needs waking night\n    support.\n"
            "OFFICIAL-SENSITIVE                         Page 2 of 2\n\nLena\n")
    form, problems = _checked(body)
    assert problems == {}
    assert form.background.endswith("support.")  # type: ignore[attr-defined]
    assert "OFFICIAL" not in form.background  # type: ignore[attr-defined]
    assert "Lena" not in form.background  # type: ignore[attr-defined]


def test_page_furniture_between_a_value_and_the_next_label_is_not_read() -> None:
    body = _form().replace("Needs:", "OFFICIAL-SENSITIVE      Page 1 of 2\n\nNeeds:").replace(
        "Background: ", "Background: Her placement ended.\n\nOFFICIAL   Page 2 of 2\n\nRisks: ")
    form, problems = _checked(body)
    assert problems == {}
    assert "OFFICIAL" not in form.background  # type: ignore[attr-defined]


@pytest.mark.parametrize(("label", "value", "budget"), [
    ("Funding agreed", "£4,800 per week", 4800),
    ("Funding agreed", "Yes – up to £1,400pw (agreed at resource panel 02/12)", 1400),
    ("Funding approved", "£3,900 pw", 3900),
    ("Agreed funding", "up to £5,000 a week", 5000),
    ("Budget agreed", "£4,250 per week", 4250),
    ("Panel agreed funding", "Yes - £2,000 per week", 2000),
])
def test_a_councils_funding_label_is_the_budget(label: str, value: str, budget: int) -> None:
    form, problems = _checked(_form(extra=f"{label}: {value}\n"))
    assert problems == {}
    assert form.budget_weekly == budget  # type: ignore[attr-defined]


def test_funding_agreed_with_no_amount_is_no_budget() -> None:
    form, problems = _checked(_form(extra="Funding agreed: Yes\n"))
    assert problems == {}
    assert form.budget_weekly is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("written", "placement", "duration"), [
    ("FC LT", "fostering", "long-term"),
    ("IFA LT", "fostering", "long-term"),
    ("LT FC", "fostering", "long-term"),
    ("Foster care long term", "fostering", "long-term"),
    ("Long term foster care", "fostering", "long-term"),
    ("Resi ST", "residential", "short-term"),
    ("Solo resi long term", "residential-solo", "long-term"),
])
def test_a_placement_type_written_with_its_length_is_read_as_both(
        written: str, placement: str, duration: str) -> None:
    form, problems = _checked(_form(**{"Placement type": written}))
    assert problems == {}
    assert form.placement_type == placement  # type: ignore[attr-defined]
    assert form.duration == duration  # type: ignore[attr-defined]


def test_a_duration_the_form_gives_is_kept_beside_a_type_written_with_a_length() -> None:
    form, problems = _checked(_form(**{"Placement type": "FC LT"}, extra="Duration: Short term\n"))
    assert problems == {}
    assert form.placement_type == "fostering"  # type: ignore[attr-defined]
    assert form.duration == "short-term"  # type: ignore[attr-defined]


def test_two_placement_types_are_still_asked_about() -> None:
    _, problems = _checked(_form(**{"Placement type": "Foster care Residential"}))
    assert "placement_type" in problems


_OUT_OF_HOURS = (
    "Duty SW (EDT) here.\n\n"
    "Child's name: Dylan Example\nDate of birth: 11/05/2012\nGender: Male\n"
    "Home postcode: ZZ99 6TG\n\n"
    "I need a foster placement tonight. Placement type: foster care. Urgency: emergency. "
    "Needed from: 03/12/2026.\n\n"
    "Needs: SEMH, substance misuse.\n\n"
    "Background and risks: Dylan's dad was taken to hospital. Dylan has been drinking.\n\n"
    "EDT Northby\n")


def test_fields_written_one_after_another_in_a_paragraph_are_read() -> None:
    """Three fields in one sentence had been reported as "no value was given"."""
    form, problems = _checked(_OUT_OF_HOURS)
    assert problems == {}
    assert form.placement_type == "fostering"  # type: ignore[attr-defined]
    assert form.urgency == "emergency"  # type: ignore[attr-defined]
    assert str(form.needed_from) == "2026-12-03"  # type: ignore[attr-defined]


def test_fields_left_in_the_sentences_are_asked_for_on_their_own_lines() -> None:
    body = _OUT_OF_HOURS.replace("Child's name: Dylan Example\nDate of birth: 11/05/2012\n",
                                 "It is for Dylan Example, DOB 11/05/2012.\n")
    _, problems = _checked(body)
    assert set(problems) == {"child_name", "date_of_birth"}
    for problem in problems.values():
        assert "no value was given" not in problem
        assert "line of its own" in problem


def test_one_label_in_a_sentence_is_prose_and_a_narrative_is_never_split() -> None:
    body = _form(Background="He moved in 2024.\n\nThe IRO said. Placement: broke down. "
                            "Urgency: high.").replace(
        "Child's name:", "Please note: Urgency is high today.\n\nChild's name:")
    form, problems = _checked(body)
    assert problems == {}
    assert form.urgency == "urgent"  # type: ignore[attr-defined]
    assert form.background.endswith("Urgency: high.")  # type: ignore[attr-defined]
    assert fields_from_text(body, REFERRAL).set_aside == {}


def test_a_persons_details_in_a_sentence_are_never_read_as_the_childs() -> None:
    """Fields that identify someone are read only from lines of their own: a sentence can give
    a brother's (attacker's review 24), and reading his as hers matched providers on a
    16-year-old boy and let her own name through. She is asked for them on their own lines;
    the fields that identify nobody are still read."""
    body = ("Duty SW (EDT) here. Placement needed tonight for Maisie (12), her older brother "
            "stays with dad. Brother's details for info. Name: Kai Pellow. DOB: 01/02/2010. "
            "Gender: Male. Home postcode: ZZ99 4QT. Placement type: foster care. Urgency: "
            "emergency. Needed from: 03/12/2026. Needs: SEMH.\n\nBackground and risks: Mum was "
            "arrested after a disturbance. Maisie is frightened.\n")
    form, problems = _checked(body)
    assert form.child_name is None and form.date_of_birth is None  # type: ignore[attr-defined]
    assert {"child_name", "date_of_birth", "home_postcode"} <= set(problems)
    assert "on a line of its own" in problems["child_name"]
    assert form.placement_type == "fostering" and form.urgency == "emergency"  # type: ignore[attr-defined]
