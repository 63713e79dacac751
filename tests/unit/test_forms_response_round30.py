"""Replies as round 30's outside tester wrote them: two places offered in the alternative, a
usual price beside this child's, Welsh-only answers, and declines and offers in everyday
words ("the bed's just been taken", "she could come to us tomorrow")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC3 = date(2026, 12, 3)
_DEC7, _DEC14 = date(2026, 12, 7), date(2026, 12, 14)


@pytest.mark.parametrize("text", [
    "We have two sets of carers: the Hendersons (ZZ4), who could take her from 21/12 at £1,100 "
    "pw, or Ms Kaur (ZZ7) from 04/01/2027 at £1,050 pw.",
    "We could offer tonight if it's an emergency – £5,200 pw (emergency rate), or from 14/12 at "
    "£4,900 pw if it can wait.",
])
def test_two_places_offered_in_the_alternative_ask_which(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, None)
    assert {"weekly_fee", "available_from"} <= set(parsed.missing)


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer from 14/12. We usually charge £4,600–£5,000 depending on need; for her it "
     "would be £4,800 a week.", Decimal(4800)),
    ("We can offer from 14/12. Our fees start at £4,500, but given her needs we'd be at £5,100 "
     "pw.", Decimal(5100)),
    ("We can offer from 14/12 at £4,600-£5,000 depending on need.", None),
])
def test_a_usual_price_or_range_is_not_this_childs_fee(text: str, fee: Decimal | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, _DEC14)


@pytest.mark.parametrize(("text", "decision", "fee", "start", "reason"), [
    ("Cynnig – £4,850 yr wythnos, o 14/12.", "offer", Decimal(4850), _DEC14, None),
    ("Gwrthod – dim lle ar hyn o bryd", "decline", None, None, "no-vacancy"),
    ("Penderfyniad: Cynnig\nFfi wythnosol: £4,900\nAr gael o: 14/12/2026", "offer",
     Decimal(4900), _DEC14, None),
    ("Mae gennym ddiddordeb – anfonwch y papurau llawn", "interested", None, None, None),
    ("Mae'n ddrwg gennym, ni allwn ddiwallu ei hanghenion.", "decline", None, None,
     "cannot-meet-needs"),
])
def test_a_reply_in_welsh_alone_is_read(text: str, decision: str, fee: Decimal | None,
                                        start: date | None, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == (decision, fee, start, reason)


@pytest.mark.parametrize(("text", "reason"), [
    ("Mr and Mrs Dale have said no, sadly. We have no other carers free.", "no-vacancy"),
    ("We can't offer after all: the bed's just been taken.", "no-vacancy"),
    ("Our second bed is still awaiting Ofsted registration, so we can't take her now.",
     "no-vacancy"),
])
def test_declines_in_everyday_words(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Good news – a bed has come free. She could come to us tomorrow if that helps.", None,
     _DEC3 + (_DEC3 - _DEC2)),
    ("Offer – £4,900 pw, from first thing Monday.", Decimal(4900), _DEC7),
])
def test_offers_in_everyday_words(text: str, fee: Decimal | None, start: date) -> None:
    parsed = parsed_reply(text, on=_DEC3 if "tomorrow" in text else _DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize("unit", ["£1,100 pw, or ", "usually charge £4,600–", "fees start at ",
                                  "yr wythnos ", "o 1/1 ", "dim lle ", "first thing ",
                                  "could come to us ", "beds just been taken "])
def test_text_made_to_slow_the_round_30_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
