"""A counter's start said as the earliest day (round 62 k01/n05, r61 k02): "not until after the
half term – 22/02/2027", "not before …", "earliest …", "w/c …" are the start the counter puts
forward with its fee (broker/forms/counter_fee.py `counter_start`), so rules
counter-start-proposed and counter-start-agreed apply; k01 was placed from the start on record
(14/12) after the home had said it could not take her until 22/02."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.counter_fee import START, counter_fee, counter_on_other_terms, counter_start
from tests.snapshots import SW, actor
from tests.unit.test_counter_start import _ipa_start, _negotiating, _reply, _text
from workflows.commands import RecordEvent
from workflows.events import FeeProposed
from workflows.lifecycle import decide

OFFERED = date(2026, 12, 14)
HALF_TERM = date(2027, 2, 22)


@pytest.mark.parametrize("text", [
    "We can do £4,600 but not until after the half term – 22/02/2027.",
    "We can do £4,600 but not until 22/02/2027.",
    "We can do £4,600 but not before 22/02/2027.",
    "We can do £4,600, earliest 22/02/2027.",
    "We can do £4,600 but no earlier than 22/02/2027.",
    "We can do £4,600 from w/c 22/02/2027.",
    "We can do £4,600 w/c 22/02/2027.",
    "We can do £4,600 – start after half term, 22/02/2027.",
    "We can do £4,600 but the start would be after the half term (w/c 22/02/2027).",
])
def test_a_start_said_as_the_earliest_day_is_the_counters_start(text: str) -> None:
    assert counter_on_other_terms(text, OFFERED) == (Decimal("4600"), START)
    assert counter_start(text, OFFERED) == HALF_TERM
    assert counter_fee(text, OFFERED) is None  # never a fee round with the start lost


@pytest.mark.parametrize("text", [
    "We can do £4,600 but not until after the half term.",  # the start moves, its day unsaid
    "We can do £4,600 but not until after the half term – our manager will confirm.",
])
def test_a_start_moved_with_no_day_is_held_with_no_start(text: str) -> None:
    assert counter_on_other_terms(text, OFFERED) == (Decimal("4600"), START)
    assert counter_start(text, OFFERED) is None
    assert counter_fee(text, OFFERED) is None


def test_k01_proposed_at_the_counters_fee_and_agreed_places_from_the_half_term() -> None:
    held = _reply(_negotiating(), "We can do £4,600 but not until after the half term – "
                  "22/02/2027.", 1)
    assert held.rule == "chosen-reply-unread"
    assert [c.data["start"] for c in held.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-held"] == ["2027-02-22"]
    warned = _text(held, "social_worker/chosen_reply_unread", SW)
    assert "asks for £4,600 a week from Monday 22 February 2027, not Monday 14 December " \
           "2026" in warned
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    assert "from Monday 22 February 2027" in _text(proposed, "social_worker/fee_proposed", SW)
    assert "from Monday 22 February 2027, the start you put forward" in _text(
        proposed, "provider/fee_proposal")
    agreed = _reply(proposed.snapshot, "Agreed.", 2)
    assert agreed.rule == "fee-agreed"
    assert _ipa_start(agreed) == "2027-02-22"
