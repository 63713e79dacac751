"""Reading a provider's response: the form's fields, yes/no answers and plain prose."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from broker.forms import (
    ParsedResponse,
    fields_from_text,
    load_response_spec,
    read_response,
    response_to_json,
)

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)
ON = date(2026, 11, 20)
KEYS = [
    "decision", "service_name", "urn", "ofsted_rating", "location", "weekly_fee",
    "additional_costs", "available_from", "proposal", "decline_reason", "contact", "missing",
]


def parsed_from(text: str) -> ParsedResponse:
    fields = fields_from_text(text, RESPONSE).values
    return read_response(fields, text, RESPONSE, message_date=ON)


def test_a_complete_offer_prints_every_key() -> None:
    text = (
        "Decision: Offer\nHome or carer: Oakfield House\nOfsted URN: sc 654321\n"
        "Ofsted rating: Requires improvement (2025)\nLocation: Exampleton ZZ99 3AB\n"
        "Weekly fee: £650 per day\nAdditional costs: 1:1 at £25 per hour\n"
        "Available from: Monday\nHow we would meet needs: A stable team.\n\nA second paragraph.\n"
        "Contact: Priya Testwell"
    )
    printed = response_to_json(parsed_from(text))
    assert list(printed) == KEYS
    assert printed == {
        "decision": "offer", "service_name": "Oakfield House", "urn": "SC654321",
        "ofsted_rating": "requires-improvement", "location": "ZZ99", "weekly_fee": 4550.0,
        "additional_costs": "1:1 at £25 per hour", "available_from": "2026-11-23",
        "proposal": "A stable team.\n\nA second paragraph.", "decline_reason": None,
        "contact": "Priya Testwell", "missing": [],
    }


def test_an_empty_reply_prints_nulls_and_misses_the_decision() -> None:
    printed = response_to_json(parsed_from(""))
    assert printed == {key: None for key in KEYS} | {"missing": ["decision"]}


@pytest.mark.parametrize(
    ("text", "decision", "reason", "missing"),
    [
        ("Decision: offer", "offer", None, ["service_name", "weekly_fee", "available_from"]),
        ("Decision: offer\nWeekly fee: £4,000", "offer", None, ["service_name", "available_from"]),
        ("Decision: interested", "interested", None, []),
        ("Decision: decline", "decline", None, ["decline_reason"]),
        ("Decision: decline\nReason: no vacancies", "decline", "no-vacancy", []),
        ("Decision: decline\nReason: Price", "decline", "price", []),
        ("Decision: declined\nDecline reason: we're full until March", "decline", "no-vacancy",
         []),
        ("Decision: decline\nReason: the manager is on leave", "decline", "other", []),
        ("Decision: decline\n\nSorry, we have no vacancies.", "decline", "no-vacancy", []),
        # Yes/No answers to "Can you meet needs?"
        ("Can you meet needs? Yes", "interested", None, []),
        ("Can you meet needs? Yes\nWeekly fee: £4,000\nAvailable from: 01/12/2026\n"
         "Home or carer: Elm House", "offer", None, []),
        ("Can you meet needs? Yes\nAvailable from: ASAP", "offer", None,
         ["service_name", "weekly_fee"]),
        ("Can you meet needs: No", "decline", None, ["decline_reason"]),
        ("Can you meet needs: No - we have no vacancies", "decline", "no-vacancy", []),
        ("Can you meet the child's needs? No, sorry. We can't meet his needs.", "decline",
         "cannot-meet-needs", []),
        ("Offer: yes", "interested", None, []),
        # Prose instead of a form
        ("Sorry, we have no vacancies at the moment", "decline", "no-vacancy", []),
        ("Hi, unfortunately we can’t meet his needs.", "decline", "cannot-meet-needs", []),
        ("We are unable to meet her needs at present.", "decline", "cannot-meet-needs", []),
        ("Thanks, but we are not interested in this referral.", "decline", None,
         ["decline_reason"]),
        ("Decision: Not able to offer", "decline", None, ["decline_reason"]),
        ("Yes we can meet needs, please send the full papers.", "interested", None, []),
        ("We'd be interested - could you send more information?", "interested", None, []),
        ("We can meet needs.\nWeekly fee: £4,200", "offer", None,
         ["service_name", "available_from"]),
        ("The weather is lovely.", None, None, ["decision"]),
        # A fee and a start date without a decision are an offer
        ("Home or carer: Elm House\nWeekly fee: £4,000\nAvailable from: 01/12/2026", "offer",
         None, []),
    ],
)
def test_decisions(text, decision, reason, missing) -> None:
    parsed = parsed_from(text)
    assert (parsed.decision, parsed.decline_reason, parsed.missing) == (decision, reason, missing)


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Ofsted URN: SC123456", "urn", "SC123456"),
        ("URN: 1234567", "urn", "1234567"),
        ("URN: pending", "urn", None),
        ("Ofsted rating: Good", "ofsted_rating", "good"),
        ("Rating: RI", "ofsted_rating", "requires-improvement"),
        ("Latest Ofsted: new home, not yet inspected", "ofsted_rating", "not-yet-inspected"),
        ("Ofsted rating: splendid", "ofsted_rating", None),
        ("Location: LS6", "location", "LS6"),
        ("Postcode district: ls6 2ab", "location", "LS6"),
        ("Location: near Exampleton (ZZ99)", "location", "ZZ99"),
        ("Location: Exampleton", "location", "Exampleton"),
        ("Weekly fee: £221,000 per annum", "weekly_fee", Decimal("4250.00")),
        ("Fee: TBC", "weekly_fee", None),
        ("Weekly fee: £4,000\nplus 1:1 hours as needed", "weekly_fee", Decimal("4000.00")),
        ("Available from: 7th December", "available_from", date(2026, 12, 7)),
        ("Can start: immediately", "available_from", ON),
        ("Availability: tomorrow", "available_from", date(2026, 11, 21)),
        ("Availability: after Christmas", "available_from", None),
    ],
)
def test_values(line, key, value) -> None:
    parsed = parsed_from(line)
    assert getattr(parsed, key) == value
    assert (key in parsed.unreadable) is (value is None)


def test_the_decision_field_is_read_before_the_prose() -> None:
    text = "Decision: offer\nWeekly fee: £4,000\n\nWe had no vacancies last month but now do."
    assert parsed_from(text).decision == "offer"


@pytest.mark.parametrize("text", [
    "Sorry, we need to withdraw our offer as the bed has been taken.",
    "Decision: withdraw",
    "Please note we are withdrawing our offer for this young person.",
])
def test_a_provider_can_withdraw(text: str) -> None:
    extracted = fields_from_text(text, RESPONSE)
    parsed = read_response(extracted.values, text, RESPONSE, message_date=date(2026, 11, 23))
    assert parsed.decision == "withdrawn"
    assert parsed.missing == []
