"""The response form answered as a numbered list (replies round 65 n01, n02).

"1. Offer / 2. Oakfield House / … / 6. £4,900 per week / … / 8. 14/12/2026" is the form's
fields in order: its fee and start are read, and neither the home's own name nor its
location heads "another home's" answer. A list of the reply's own numbering gives its day
alone as the start. Homes, people and numbers are made up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from broker.forms import load_response_spec, read_response
from broker.forms.numbered_form import day_listed_alone, numbered_form_as_labelled
from broker.forms.other_homes import about_this_home
from workflows.offers_apart import other_homes_part

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)
NUMBERED = ("1. Offer\n2. Oakfield House\n3. SC654321\n4. Good\n5. Waltham Forest\n"
            "6. £4,900 per week\n7. None\n8. 14/12/2026\n9. Small home (3 beds), on-site "
            "education, experienced with missing episodes\n10. N/A\n11. Jo Fictional")
NUMBERED_DECLINE = ("1. Decline\n2. Oakfield House\n3. SC777777\n4. Outstanding\n5. Kingston\n"
                    "6. –\n7. –\n8. –\n9. –\n10. no-vacancy (full until April)\n11. Jo Fictional")


def _read(text: str) -> object:
    return read_response({}, text, RESPONSE, message_date=date(2026, 12, 7),
                         known_service_name="Oakfield House")


def test_the_form_answered_in_its_order_is_read_as_its_fields() -> None:
    parsed = _read("Hi,\n\n" + NUMBERED + "\n\nThanks")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.location,
            parsed.missing) == ("offer", 4900, date(2026, 12, 14), "Waltham Forest", [])


def test_a_decline_answered_in_the_forms_order_keeps_its_reason() -> None:
    parsed = _read(NUMBERED_DECLINE)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == (
        "decline", "no-vacancy", None)


def test_the_forms_items_are_no_other_homes_answers() -> None:
    """No "offered a place at another of its homes" for the home's own list."""
    assert about_this_home(NUMBERED, "Oakfield House", RESPONSE) == NUMBERED
    assert other_homes_part(NUMBERED, "Oakfield House", RESPONSE) == ""


@pytest.mark.parametrize("text", [
    "1. Yes\n2. Oakfield House\n3. £4,900",  # its first item no decision
    "1. Offer\n2. Oakfield House\n3. £4,900 per week",  # stops short of the start
    "1. Offer\n2. Oakfield House\n4. SC654321",  # not numbered in turn
])
def test_a_list_of_the_replys_own_numbering_is_no_form(text: str) -> None:
    assert numbered_form_as_labelled(text, RESPONSE) is None


@pytest.mark.parametrize(("text", "day"), [
    ("1. Yes\n2. £4,900 per week\n3. 14/12/2026\n4. Education included", "14/12/2026"),
    ("We can offer.\n1. £4,900 pw\n2. Mon 14th Dec", "Mon 14th Dec"),
    ("1. Yes\n2. 14/12/2026\n3. 21/12/2026\n4. £4,900", None),  # two days: which is asked
    ("1. Yes\n2. 14/12/2026", None),  # no fee: no list of the terms
    ("1. Decline\n2. £4,900 per week\n3. 14/12/2026", None),  # a no among them
])
def test_a_day_alone_in_a_list_of_the_terms_is_the_start(text: str, day: str | None) -> None:
    assert day_listed_alone(text) == day


def test_the_offer_in_its_own_numbering_has_its_start() -> None:
    parsed = _read("1. Yes\n2. £4,900 per week\n3. 14/12/2026\n4. Education included")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.missing) == (
        "offer", 4900, date(2026, 12, 14), [])
