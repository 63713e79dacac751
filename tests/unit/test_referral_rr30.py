"""Referrals as round R30's regression hunt wrote them: a date of birth's remark that negates
a dispute ("not disputed", "no doubt about it"), one that gives a second date of birth as a
bare year ("real DOB thought to be 2008 per her cousin"), and one that names the day an age
assessment was done ("assessed as 17 by Northby on 20/11/2026"); a needed-from weekday that
leaves the day in doubt ("after court on Thursday" sent on a Thursday, "Friday 10th" when
the 10th is a Thursday).

The people and places are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.forms.age_remarks import age_qualifier, another_birth_date
from broker.forms.dates import parse_uk_date
from channels.email.referral_lines import referral_lines
from tests.unit.test_forms_referral_round8 import _checked, _form

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("raw", "qualifier"), [
    ("14/03/2011 (not disputed)", None),
    ("03/04/2012 – no doubt about it, birth certificate seen", None),
    ("03/04/2012 (age isn't contested)", None),
    ("03/04/2012 (not disputed by us, but claimed)", "claimed"),
    ("03/04/2012 (no passport; age disputed)", "disputed"),
    ("01/01/2010 per Home Office, real DOB thought to be 2008 per her cousin Amina", "disputed"),
    ("01/01/2010 (believed to be older)", "disputed"),
    ("01/01/2010 (believed to be correct)", None),
    ("03/04/2012 (not yet confirmed)", "to be confirmed"),
])
def test_a_negated_or_believed_remark_on_the_age(raw: str, qualifier: str | None) -> None:
    """Round R30's A03, A04: "(not disputed)" and "no doubt about it" had gone to providers
    as "Age: 15 (disputed)"; A01's "real DOB thought to be 2008" as a plain "Age: 16"."""
    assert age_qualifier(raw) == qualifier


def test_the_qualifier_never_carries_the_remarks_words() -> None:
    form, _ = _checked(_form(**{"Date of birth": "03/04/2012 (claimed, per her cousin Amina)"}))
    profile = anonymise(form, authority=None, today=TODAY).profile  # type: ignore[arg-type]
    assert ("Age", "14 (claimed)") in referral_lines(profile)
    assert "Amina" not in repr(profile)


@pytest.mark.parametrize(("raw", "born", "another"), [
    ("01/01/2010 per Home Office, real DOB thought to be 2008 per her cousin Amina",
     date(2010, 1, 1), True),
    ("01/01/2010 (born 2007 according to her uncle)", date(2010, 1, 1), True),
    ("01/01/2010 claimed; Home Office DOB 01/01/2007", None, True),
    ("01/01/2010 (claimed; Home Office says born on 01/01/2007)", None, True),
    ("15/06/2009 (age assessed as 17 by Northby on 20/11/2026)", None, False),
    ("15/06/2009 (Merton assessment dated 20/11/2026)", None, False),
    ("14/03/2012 (arrived in the UK 2019)", date(2012, 3, 14), False),
    ("1 Jan 2010 (claimed)", date(2010, 1, 1), False),
])
def test_another_date_of_birth_in_the_remark(raw: str, born: date | None,
                                             another: bool) -> None:
    assert another_birth_date(raw, born) is another


def test_a_second_year_of_birth_is_asked_about() -> None:
    """Round R30's A01: "01/01/2010 per Home Office, real DOB thought to be 2008 per her
    cousin Amina" had gone to providers as "Age: 16", she not asked."""
    _, problems = _checked(_form(**{"Date of birth": "01/01/2010 per Home Office, real DOB "
                                                     "thought to be 2008 per her cousin Amina"}))
    assert "gives more than one date of birth" in problems["date_of_birth"]


def test_the_day_of_an_age_assessment_is_no_second_date_of_birth() -> None:
    """Round R30's A05: the assessment's "on 20/11/2026" had been held as "more than one
    date of birth"."""
    form, problems = _checked(_form(**{
        "Date of birth": "15/06/2009 (age assessed as 17 by Northby on 20/11/2026)"}))
    assert problems == {}
    assert anonymise(form, authority=None,  # type: ignore[arg-type]
                     today=TODAY).profile["age"] == 17


THURSDAY = date(2026, 12, 10)


@pytest.mark.parametrize("text", ["after court on Thursday", "Thursday"])
def test_a_needed_from_weekday_named_on_that_day_is_asked(text: str) -> None:
    """Round R30's D01: "after court on Thursday" sent on a Thursday had become the next
    Thursday without asking: today's court, or next week's?"""
    with pytest.raises(ValueError, match="10/12/2026 for today or 17/12/2026 for next Thursday"):
        parse_uk_date(text, THURSDAY, weekday_asked=True)
    assert parse_uk_date(text, THURSDAY) == date(2026, 12, 17)  # a reply's weekday, as before
    assert parse_uk_date(text, TODAY, weekday_asked=True) == THURSDAY  # a Monday: no doubt


def test_a_needed_from_weekday_its_day_does_not_fall_on_is_asked() -> None:
    """Round R30's D02: "after court on Friday 10th" (the 10th a Thursday) had been read as
    Thursday 10 December without asking."""
    with pytest.raises(ValueError, match=r"names a Friday, but 10 December is a Thursday: "
                                         r"please give the date meant, 10/12/2026 \(Thursday\) "
                                         r"or 11/12/2026 \(Friday\)"):
        parse_uk_date("after court on Friday 10th", TODAY, weekday_asked=True)
    assert parse_uk_date("after court on Thursday 17th", TODAY, weekday_asked=True) == date(
        2026, 12, 17)
    assert parse_uk_date("Friday 10th", TODAY) == THURSDAY  # a reply's slip, as before


@pytest.mark.parametrize("needed", ["Thursday", "after court on Friday 10th"])
def test_a_referral_whose_needed_from_day_is_in_doubt_is_asked(needed: str) -> None:
    _, problems = _checked(_form(**{"Needed from": needed}))  # sent on Thursday 3 December
    assert "please give the date meant" in problems["needed_from"]


def test_a_referral_needed_from_a_clear_weekday_is_read() -> None:
    form, problems = _checked(_form(**{"Needed from": "after court on Thursday 10th"}))
    assert problems == {} and form.needed_from == THURSDAY  # type: ignore[attr-defined]
