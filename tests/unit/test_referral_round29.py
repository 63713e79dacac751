"""Referrals as round R29's outside tester (social workers on Outlook) wrote them: a date of
birth whose remark says the age is claimed or disputed (an unaccompanied child awaiting an
age assessment), carried to the providers as a qualifier on the age, never dropped; a day
needed from, or to extend to, said as a weekday after court ("after court on Thursday"); a
scanned PDF beside a few of the form's lines.

The people and places are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.forms import read_message
from broker.forms.age_remarks import age_qualifier
from broker.forms.dates import parse_uk_date
from channels.email.referral_lines import referral_lines, referral_text
from tests.unit.test_forms_docx import email_with_attachment
from tests.unit.test_forms_referral_round8 import REFERRAL, _checked, _form
from workflows.instructions import read_instruction

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("raw", "qualifier"), [
    ("01/01/2010 (claimed – age disputed, age assessment pending)",
     "claimed, disputed; age assessment pending"),
    ("15/06/2009 (estimated)", "estimated"),
    ("03/04/2012 (approx)", "approximate"),
    ("03/04/2012 – tbc", "to be confirmed"),
    ("03/04/2012 (to be confirmed)", "to be confirmed"),
    ("01/01/2009 (awaiting Merton age assessment)", "age assessment pending"),
    ("14/03/2012", None),
    ("14/03/2012 (born in Leeds)", None),
    ("01/01/2010 (age assessed 20/11/2026)", None),  # settled: the assessed date
])
def test_a_date_of_births_remark_on_the_age_is_a_qualifier(raw: str,
                                                           qualifier: str | None) -> None:
    assert age_qualifier(raw) == qualifier


def test_a_disputed_age_reaches_the_providers_profile_and_text() -> None:
    """Round R29's U01: "01/01/2010 (claimed – age disputed, age assessment pending)" had
    gone to foster carers as "Age: 16", the remark dropped."""
    form, problems = _checked(_form(**{
        "Date of birth": "01/01/2010 (claimed – age disputed, age assessment pending)"}))
    assert problems == {}
    profile = anonymise(form, authority="Northby Council", today=TODAY).profile  # type: ignore[arg-type]
    assert (profile["age"], profile["age_note"]) == (
        16, "claimed, disputed; age assessment pending")
    assert ("Age", "16 (claimed, disputed; age assessment pending)") in referral_lines(profile)
    assert "Age: 16 (claimed, disputed; age assessment pending)\n" in referral_text(
        "REF-2026-000001", profile, {})


def test_a_plain_date_of_birth_has_no_qualifier() -> None:
    form, _ = _checked(_form())
    profile = anonymise(form, authority=None, today=TODAY).profile  # type: ignore[arg-type]
    assert "age_note" not in profile
    assert ("Age", "14") in referral_lines(profile)


@pytest.mark.parametrize(("text", "day"), [
    ("after court on Thursday", date(2026, 12, 10)),
    ("straight after court on Thursday", date(2026, 12, 10)),
    ("following the ICO hearing on Friday", date(2026, 12, 11)),
    ("after the final hearing Thursday", date(2026, 12, 10)),
])
def test_a_weekday_after_court_is_the_next_such_day(text: str, day: date) -> None:
    """Round R29's N03: "Needed from: after court on Thursday" had been "not a date we can
    read", though "Thursday 10th (after the ICO hearing)" was read."""
    assert parse_uk_date(text, TODAY) == day  # TODAY is a Monday


def test_extend_until_after_court_on_a_weekday_closes_that_day() -> None:
    """Round R29's I09: "EXTEND until after court on Thursday" had been "we could not read
    that instruction"."""
    instruction = read_instruction("EXTEND until after court on Thursday")
    assert instruction is not None and instruction.duration is None
    assert parse_uk_date(instruction.date_text, TODAY) == date(2026, 12, 10)


@pytest.mark.parametrize("text", ["after court", "after court on Thursday or Friday"])
def test_court_without_a_weekday_is_no_day(text: str) -> None:
    with pytest.raises(ValueError):
        parse_uk_date(text, TODAY)


_PDF = ("Referral form scan.pdf", b"%PDF-1.7", "application/pdf")


def test_a_pdf_beside_a_few_of_the_forms_lines_is_said_to_be_unread() -> None:
    """Round R29's X02: "Child's name", "Date of birth", "Urgency" and "Rest of the form is on
    the attached scan" had been asked only for six missing fields, the PDF never named."""
    raw = email_with_attachment("Child's name: Maisie Threlfall\nDate of birth: 14/03/2012\n"
                                "Urgency: Urgent\n\nRest of the form is on the attached scan.",
                                *_PDF)
    [problem] = read_message(raw, REFERRAL).problems
    assert problem.startswith("The attachment 'Referral form scan.pdf' is a PDF, which we "
                              "cannot read, and most of the form is not in your email")


def test_a_pdf_beside_the_whole_form_is_no_problem() -> None:
    raw = email_with_attachment(_form(), *_PDF)
    read = read_message(raw, REFERRAL)
    assert read.problems == [] and read.attachments == ["Referral form scan.pdf"]
