"""A line that says terms is never a signature's (rule `thanks-signed-below`, att32 F1): a
condition typed under a bare "Thanks", however it is labelled ("Service:", "Contact:",
"Work:", "Location:") or whatever words close it ("(commercially confidential)"), is read
into the answer by the email reader and passed on by the words-passed-on reader, while a
signature's own lines under a thanks are still cut."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.signed_below import says_terms, signed_below
from tests.factories import reply_read_as_mail
from workflows.passed_on import own_words

DEC7 = date(2026, 12, 7)
OFFER = ("Yes, we can offer a place. Our weekly fee is £4,800 per week, available from "
         "14/12/2026.\n\n")
CONDITION = "2:1 staffing is needed for the first month at an additional £1,500 per week"
HIDDEN = {
    "a contact label": "Thanks\n\nContact: " + CONDITION + ".\n",
    "a notice's word": "Thanks\n\n" + CONDITION + " (commercially confidential).\n",
    "a service label under a name": "Thanks\n\nJo Fictional\nService: " + CONDITION + ".\n",
    "a work label under a name": "Thanks\n\nJo Fictional\nWork: " + CONDITION + ".\n",
    "a location label under a name": "Thanks\n\nJo Fictional\nLocation: " + CONDITION + ".\n",
}


@pytest.mark.parametrize("below", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_condition_under_a_thanks_is_read_into_the_answer(below: str) -> None:
    parsed = reply_read_as_mail(OFFER + below, on=DEC7)
    assert parsed.decision == "offer"
    assert str(parsed.weekly_fee) == "4800.00"
    assert parsed.additional_costs is not None and "£1,500 per week" in parsed.additional_costs


@pytest.mark.parametrize("below", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_condition_under_a_thanks_is_passed_on(below: str) -> None:
    assert CONDITION in own_words(OFFER + below)


@pytest.mark.parametrize("below", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_condition_is_no_signature_under_a_thanks(below: str) -> None:
    assert not signed_below(below.split("\n")[1:])


SIGNATURES = [
    "Thanks\n\nJo Price\nService: Larch House\nTel: 01632 960 123\n",
    "Thanks\n\nJo Price\nRegistered Manager\nContact: 01632 960 123\n",
    "Thanks\n\nJo Price\nLocation: Leeds\nlarch.house@larchcare.example\n",
    "Thanks\n\nJo Price\nWork: 01632 960 123 | Mob: 07700 900 123\n",
    "Thanks\n\nJo Price | Registered Manager | 01632 960 123\n",
]


@pytest.mark.parametrize("below", SIGNATURES)
def test_a_signatures_own_lines_under_a_thanks_are_still_cut(below: str) -> None:
    parsed = reply_read_as_mail(OFFER + below, on=DEC7)
    assert parsed.decision == "offer"
    assert parsed.additional_costs is None
    assert own_words(OFFER + below) == OFFER.strip()


@pytest.mark.parametrize(("line", "terms"), [
    ("2:1 staffing for the first month", True),
    ("an additional £1,500 per week", True),
    ("1500 pounds a week on top", True),
    ("Waking night needed", True),
    ("We will charge for transport", True),
    ("Tel: 01632 960 123", False),
    ("Registered Manager, Larch House", False),
    ("12 Mill Lane, Leeds LS1 4AB", False),
    ("Office hours 9:30 to 17:00", False),
])
def test_what_says_terms(line: str, terms: bool) -> None:
    assert says_terms(line) is terms
