"""Replies as round 31's outside tester wrote them: answers in a negotiation, referral
portals' exports, rooms coming free, and British colloquial English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("We can offer from 14/12, fee £4 ,900 pw.", Decimal(4900), _DEC14),
    ("We can't do £4,500 but could meet you at £4,650 from the 14th.", Decimal(4650), _DEC14),
    ("We can offer from the second week of January at £4,800 pw.", Decimal(4800), None),
    ("Agreed at £4,600 from the 14th.", Decimal(4600), _DEC14),
    ("We'll accept your proposed £4,550 pw. Start 21/12.", Decimal(4550), _DEC21),
    ("£4,500 is too low for us, so we'll have to stay at £4,900, but the bed is still hers from "
     "the 14th.", Decimal(4900), _DEC14),
    ("Offer of £4,900 pw from 14/12 – this offer expires on 11/12 if not taken up.",
     Decimal(4900), _DEC14),
    ("Decision: Offer\nWeekly fee: £4,800\nAvailable from: 18-12", Decimal(4800),
     date(2026, 12, 18)),  # a day past 12, a dash and a month, alone: a date, not a range
])
def test_offers_in_a_negotiation_give_the_homes_own_terms(text: str, fee: Decimal,
                                                           start: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize(("text", "decision", "fee", "start", "reason"), [
    ("Enquiry outcome: Unable to offer\nReason: Capacity\nLogged: 02/12/2026 by R Tremlett",
     "decline", None, None, "no-vacancy"),
    ("Referral Status: Closed – Declined\nReason Code: NV01 – No current vacancy\nClosed by: P "
     "Nandakumar 02/12/2026 14:03", "decline", None, None, "no-vacancy"),
    ("Enquiry outcome | Placement offered\nProposed weekly cost (GBP) | 4,825.00\nProposed "
     "start | 21-Dec-2026", "offer", Decimal("4825.00"), _DEC21, None),
    ("Referral Outcome: Expression of Interest submitted", "interested", None, None, None),
    ("Outcome: Offer\nProposed Weekly Cost: £4,950.00\nProposed Start: TBC\nResponse date: "
     "02/12/2026", "offer", Decimal("4950.00"), None, None),  # the response's date is no start
])
def test_a_referral_portals_export_is_read(text: str, decision: str, fee: Decimal | None,
                                           start: date | None, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == (decision, fee, start, reason)


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Further to this morning's email – yes, we're now in a position to offer.", "offer", None),
    ("We'd bite your hand off for her – £4,850 a week from Monday 14th.", "offer", None),
    ("Right up our street – happy to have her, 4,850 a week, from Monday week.", "offer", None),
    ("Room 4 (the attic room) is free now – £4,700 pw if you want it.", "offer", None),
    ("Carers available from 11/12, weekly fee £1.1k.", "offer", None),
    ("Can't do owt till January, sorry.", "decline", "no-vacancy"),
    ("No rooms free until mid-January I'm afraid.", "decline", "no-vacancy"),
    ("Not a snowball's chance at that budget – we're £6,200 a week minimum.", "decline", "price"),
    ("Thanks, but we'll give it a swerve this time.", "decline", None),
    ("Our Statement of Purpose covers ages 8 to 12, so I'm afraid she falls outside it.",
     "decline", "cannot-meet-needs"),
    # an out-of-office line the writer left above the answer
    ("Out of office until Thursday 10th - for urgent matters call 01632 960418.\n\nFull, sorry.",
     "decline", "no-vacancy"),
])
def test_everyday_words_for_a_yes_or_a_no(text: str, decision: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize("unit", ["£4 ,900 ", "can't do £4,500 ", "meet you at £1 ",
                                  "the second week ", "Reason: a\nb: c\n", "EDT – x ",
                                  "Offer of £1 ", "agreed at ", "room is free ",
                                  "Out of office\n"])
def test_text_made_to_slow_the_round_31_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
