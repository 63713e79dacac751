"""Replies as round 27's outside tester wrote them: the response form pasted back with its
hints, decline reasons typed as people type them, a hope before the real start day, short
breaks priced by the night, and offers said back to front or in a double negative."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)


def test_a_label_whose_hint_holds_a_colon_is_read_after_the_hint() -> None:
    parsed = parsed_reply("Decision (offer / interested / decline): decline\nDecline reason (if "
                          "declining: no-vacancy / cannot-meet-needs / location / matching / "
                          "price / other): location", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "location")


@pytest.mark.parametrize("typed", ["Reason for declining: NV", "Decline reason: capacity",
                                   "Decline reason: at capacity"])
def test_a_decline_reason_typed_short_is_its_code(typed: str) -> None:
    parsed = parsed_reply(f"Decision: Decline\n{typed}", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize(("written", "start"), [
    ("ASAP – realistically Mon 21st", _DEC21),
    ("tomorrow week", date(2026, 12, 10)),
])
def test_the_start_day_meant_is_read_past_a_hope_or_as_said(written: str, start: date) -> None:
    parsed = parsed_reply(f"Decision: Offer\nWeekly fee: £4,900\nAvailable from: {written}",
                          on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", start)


def test_short_breaks_priced_by_the_night_have_no_weekly_fee() -> None:
    parsed = parsed_reply("We don't have a full-time bed, but we could offer short breaks – 2 "
                          "nights a month at £650 per night, starting Fri 11th.", on=_DEC2)
    assert parsed.weekly_fee is None


def test_a_full_time_placement_priced_by_the_night_is_seven_nights_a_week() -> None:
    parsed = parsed_reply("We can offer a 6-week short-term placement with our respite carers "
                          "from Monday 14th at £165 per night.", on=_DEC2)
    assert (parsed.weekly_fee, parsed.available_from) == (Decimal(1155), _DEC14)


@pytest.mark.parametrize(("text", "decision", "fee", "start"), [
    ("can offer monday 4850", "offer", None, date(2026, 12, 7)),
    ("No reason we can't offer – £4,850 pw from 14/12.", "offer", Decimal(4850), _DEC14),
    ("We'd like to know more – could you send the care plan and the latest LAC review?",
     "interested", None, None),
])
def test_offers_and_interest_said_briefly_or_back_to_front(
    text: str, decision: str, fee: Decimal | None, start: date | None,
) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (decision, fee, start)


def test_an_offer_that_could_have_been_is_a_decline_for_no_vacancy() -> None:
    parsed = parsed_reply("We could have offered from 14/12 but the bed went this morning.",
                          on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("unit", ["Reason (a: b: c: ", "(a: b) c: ", "realistically asap ",
                                  "tomorrow week ", "short breaks £1 per night ",
                                  "can offer monday 1111 ", "a 1111 "])
def test_text_made_to_slow_the_round_27_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_a_weekday_named_on_that_weekday_is_the_next_weeks() -> None:
    parsed = parsed_reply("Sorry for the slow reply - we've been full but a bed has just come "
                          "up. We'd love to offer it to her: £4,900pw, she could move in on "
                          "Wednesday.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 9))
