"""Replies as round 36's outside tester wrote them: answers typed under the council's quoted
questions, a yes to "Can you meet needs?" beside a no to "Do you have a vacancy?", and the
other house styles the round found."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms import read_message, read_response
from tests.factories import RESPONSE_SPEC, parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)


def _read_as_mail(body: str) -> object:
    """The reply read as the service reads mail: its own text, not its history."""
    raw = ("From: Jo <referrals@larchhall.example>\nTo: r+ab12cd@broker.example\n"
           "Subject: RE: Referral REF-2026-000123\nDate: Wed, 02 Dec 2026 10:15:00 +0000\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    return read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=_DEC2)


@pytest.mark.parametrize(("body", "answer"), [
    # our form's own question: its "No" is a decline, whose reason is asked
    ("Hi, answers below.\n\n> Can you meet the child's needs?\nNo\n> Do you have a vacancy?\n"
     "Yes\n> Weekly fee?\nn/a\n\nThanks\n", ("decline", None, None)),
    ("Hi, answers below.\n\n> Are you able to meet her needs?\nNo\n\nThanks\n",
     ("decline", "cannot-meet-needs", None)),
    ("Hi, answers below.\n\n> Can you meet her needs?\nYes\n> Do you have a vacancy?\n"
     "Yes from 14/12\n> Weekly fee?\n£4,800\n", ("offer", None, Decimal(4800))),
    ("Hi, answers below.\n\n> Do you have a vacancy?\nNo\n> Can you meet the child's needs?\n"
     "Yes\n\nThanks\n", ("decline", "no-vacancy", None)),
    # a "No" under a question about the child is not the home's answer
    ("See answers in blue\n\n> Is she known to the youth offending service?\nNo\n"
     "> Do you have a vacancy?\nYes from 14/12\n> Weekly fee?\n£4,800\n",
     ("offer", None, Decimal(4800))),
])
def test_an_answer_under_a_quoted_question_is_read_with_it(body: str, answer: tuple) -> None:
    parsed = _read_as_mail(body)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == answer  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "reason"), [
    ("Do you have a vacancy? No\nCan you meet needs? Yes", "no-vacancy"),
    ("Can you meet needs? Yes\nVacancy: none at present", "no-vacancy"),
    ("Are you able to meet her needs? No", "cannot-meet-needs"),
    ("Any vacancies? None at present", "no-vacancy"),
])
def test_needs_met_without_a_bed_is_a_decline(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_needs_met_with_a_bed_is_still_an_offer() -> None:
    parsed = parsed_reply("Can you meet needs? Yes\nWe have a vacancy from 14/12", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", _DEC14)


@pytest.mark.parametrize("unit", ["> Do you have a vacancy?\nNo\n", "Do you have a vacancy? "])
def test_text_made_to_slow_the_round_36_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "answer"), [
    ("Our offer: £5,300 pw from 21/12", ("offer", Decimal(5300), date(2026, 12, 21))),
    ("Hi Sam,\nOur offer: £5,300 per week, available from 21/12/2026.\nThanks, Jo",
     ("offer", Decimal(5300), date(2026, 12, 21))),
    ("Our offer - 4950 pw, from Monday 14th", ("offer", Decimal(4950), _DEC14)),
    # a proposal in words is still the proposal, not a decision
    ("Our offer: a warm, nurturing home with a carer who has experience of CSE.",
     (None, None, None)),
])
def test_our_offer_opening_on_its_terms_is_the_offer(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer
