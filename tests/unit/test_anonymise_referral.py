"""The anonymised referral as a whole: its profile, its JSON shape, a realistic referral.

`broker anonymise --json`: `{"profile": …, "text": …, "redactions": …}`. The people,
places and numbers below are fictional (NHS number from the 999 test range, phone numbers
from Ofcom's drama ranges).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.anonymise import anonymise, identifying_values
from broker.anonymise.labels import KIND_ORDER
from broker.referral import FREE_TEXT_FIELDS, FamilyMember, ReferralForm

TODAY = date(2026, 11, 20)

BACKGROUND = """\
Millie (Amelia Rose Hartley-Quinn, DOB 09/07/2011) has lived with her mother Donna Hartley at
27 Larkspur Close, Northby NB3 7QT since 2019. Her father, Craig Quinn, has not seen her since
she was seven; Mr Quinn's last known number was 07700 900461.

In September Millie went missing three times. On the last occasion she was found at her uncle
Lee Barrow's flat near LS6 2QT with an older male known to police as 'Smiley'. Police (PC Ava
Marsh, 0113 496 0571) believe Smiley is linked to county lines. Mr Barrow denies this.

Donna says Amelia's behaviour changed after her half-brother Ty moved out. HARTLEY-QUINN, A.
was open to CAMHS (case LCS-4471902, NHS 999 000 0085). Donna can be reached on
donna.h@example.com or (0161) 496 0392.
"""
STRENGTHS = """\
Millie loves drawing and netball. Staff at Larkhill Brook Academy describe her as kind; her
Larkhill form tutor, Mrs Okafor, says Millie's art is "exceptional". Her friend called Kayleigh
is a good influence.
"""
WISHES = """\
Millie wants to stay near Northby and to keep seeing Ty and her nan Joan every week. She
does not want to live with Lee or anyone who knows Smiley. Her birthday is 9th July and
she would like to be settled by then.
"""


def realistic_form(**overrides: object) -> ReferralForm:
    fields: dict[str, object] = {
        "child_name": "Amelia Rose Hartley-Quinn",
        "known_as": "Millie",
        "date_of_birth": date(2011, 7, 9),
        "gender": "female",
        "ethnicity": "White British",
        "religion": None,
        "language": "English",
        "home_address": "27 Larkspur Close, Northby",
        "home_postcode": "NB3 7QT",
        "nhs_number": "999 000 0085",
        "case_reference": "LCS-4471902",
        "school": "Larkhill Brook Academy",
        "family_names": [
            FamilyMember("Donna Hartley", "mother"),
            FamilyMember("Craig Quinn", "father"),
            FamilyMember("Ty Hartley", "half-brother"),
            FamilyMember("Joan Hartley", "Nan"),
        ],
        "placement_type": "residential",
        "urgency": "urgent",
        "needed_from": date(2026, 12, 1),
        "duration": "long-term",
        "siblings": 1,
        "needs": ["semh", "cse", "missing"],
        "legal_status": "s20",
        "background": BACKGROUND,
        "strengths": STRENGTHS,
        "wishes": WISHES,
        "location": "Within 20 miles of Northby; not near LS6.",
        "education": "Year 10 at Larkhill Brook Academy; EHCP in place. Call 020 7946 0018.",
        "budget_weekly": Decimal("6500"),
    }
    fields.update(overrides)
    return ReferralForm(**fields)  # type: ignore[arg-type]


def test_json_shape_and_profile() -> None:
    result = anonymise(realistic_form(), authority="Northby Council", today=TODAY)
    document = result.to_json()
    assert list(document) == ["profile", "text", "redactions"]
    assert document["profile"] == {
        "authority": "Northby Council",
        "age": 15,
        "gender": "female",
        "area": "NB3",
        "placement_type": "residential",
        "urgency": "urgent",
        "needed_from": "2026-12-01",
        "duration": "long-term",
        "siblings": 1,
        "needs": ["semh", "cse", "missing"],
        "legal_status": "s20",
        "ethnicity": "White British",
        "religion": None,
        "language": "English",
    }
    assert list(document["text"]) == list(FREE_TEXT_FIELDS)


def test_budget_is_never_broadcast() -> None:
    document = anonymise(realistic_form(), authority=None, today=TODAY).to_json()
    assert "budget_weekly" not in document["profile"]
    assert "6500" not in str(document)


def test_realistic_referral_reads_with_role_labels() -> None:
    text = anonymise(realistic_form(), authority="Northby Council", today=TODAY).text
    assert text["background"] is not None
    assert text["background"].splitlines() == [
        "[child] ([child], DOB [date of birth]) has lived with her mother [mother] at",
        "[address], [address] NB3 since 2019. Her father, [father], has not seen her since",
        "she was seven; [father]'s last known number was [phone].",
        "",
        "In September [child] went missing three times. On the last occasion she was found at"
        " her uncle",
        "[person]'s flat near LS6 with an older male known to police as '[person]'. Police"
        " (PC [person], [phone]) believe [person] is linked to county lines. Mr [person] denies"
        " this.",
        "",
        "[mother] says [child]'s behaviour changed after her half-brother [half-brother] moved"
        " out. [child].",
        "was open to CAMHS (case [case reference], NHS [NHS number]). [mother] can be reached on",
        "[email] or [phone].",
    ]
    assert text["strengths"] == (
        "[child] loves drawing and netball. Staff at [school] describe her as kind; her\n"
        '[school] form tutor, Mrs [person], says [child]\'s art is "exceptional". Her friend'
        " called [person]\nis a good influence.\n"
    )
    assert text["wishes"] == (
        "[child] wants to stay near [address] and to keep seeing [half-brother] and her nan"
        " [grandmother] every week. She\ndoes not want to live with [person] or anyone who"
        " knows [person]. Her birthday is [date of birth] and\nshe would like to be settled by"
        " then.\n"
    )
    # the home town is the area asked for; the outward code stays as the area does
    assert text["location"] == "Within 20 miles of Northby; not near LS6."
    assert text["education"] == "Year 10 at [school]; EHCP in place. Call [phone]."


def test_redactions_are_counted_per_kind_in_a_fixed_order() -> None:
    result = anonymise(realistic_form(), authority=None, today=TODAY)
    assert result.redactions == {
        "child_name": 3,
        "known_as": 5,
        "family_names": 8,
        "school": 3,
        "home_address": 3,  # not "Northby" in the location requirement: the area asked for
        "home_postcode": 1,
        "date_of_birth": 2,
        "nhs_number": 1,
        "case_reference": 1,
        "phone": 4,
        "email": 1,
        "person": 9,
        "postcode": 1,
    }
    assert list(result.redactions) == [k for k in KIND_ORDER if k in result.redactions]


def test_no_identifying_value_survives_in_the_broadcast() -> None:
    form = realistic_form()
    body = str(anonymise(form, authority="Northby Council", today=TODAY).to_json()["text"])
    assert not any(v.lower() in body.lower() for v in identifying_values(form))


def test_profile_text_fields_are_scrubbed_too() -> None:
    form = realistic_form(ethnicity="White British (as Millie puts it)", religion="Amelia: none")
    profile = anonymise(form, authority=None, today=TODAY).profile
    assert profile["ethnicity"] == "White British (as [child] puts it)"
    assert profile["religion"] == "[child]: none"


def test_absent_fields_are_null_and_needs_empty() -> None:
    result = anonymise(ReferralForm(), authority=None, today=TODAY)
    assert result.profile["age"] is None
    assert result.profile["area"] is None
    assert result.profile["needed_from"] is None
    assert result.profile["needs"] == []
    assert result.profile["authority"] is None
    assert result.text == dict.fromkeys(FREE_TEXT_FIELDS)
    assert result.redactions == {}
    assert result.to_json()["redactions"] == {}


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2011, 7, 9), date(2026, 7, 9), 15),
        (date(2011, 7, 9), date(2026, 7, 8), 14),
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
        (date(2026, 11, 20), date(2026, 11, 20), 0),
        (date(2027, 1, 5), date(2026, 11, 20), None),  # pre-birth referral
    ],
)
def test_age_in_whole_years_on_the_day(born: date, today: date, age: int | None) -> None:
    form = ReferralForm(date_of_birth=born)
    assert anonymise(form, authority=None, today=today).profile["age"] == age


@pytest.mark.parametrize(
    ("postcode", "area"),
    [("SE15 4AB", "SE15"), ("se154ab", "SE15"), ("M1 1AE", "M1"), ("NB3", "NB3"), ("???", None)],
)
def test_area_is_the_outward_code(postcode: str, area: str | None) -> None:
    form = ReferralForm(home_postcode=postcode)
    assert anonymise(form, authority=None, today=TODAY).profile["area"] == area
