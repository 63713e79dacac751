"""Later replies as round 59's outside tester wrote them (part A, the form and prose readers): a
take-back that answers again, a fee's own "from today", a fee on a condition of the child's
needs, one home's part of a reply for several, and "not this one" said of another referral.
Each is read alone and merged with the earlier form answer, where today's bugs hid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.other_homes import about_this_home
from broker.forms.prose import prose_start_date, prose_weekly_fee
from broker.forms.response import read_response
from broker.forms.taken_back import takes_back_its_answer
from tests.factories import reply_read_as_mail
from tests.snapshots import RESPONSE_SPEC
from tests.unit.test_responses import OFFER, _as_earlier, _open, _reply, _stored
from workflows.lifecycle import decide

_DEC7 = date(2026, 12, 7)  # a Monday


def _after_an_offer(text: str):  # type: ignore[no-untyped-def]
    """What is stored when the reply follows the form's offer (£4,250 from 01/12/2026)."""
    first = decide(_open(), _reply(OFFER))
    return _stored(decide(_open(_as_earlier(first)), _reply(text)))


# 1. A take-back that gives an answer of its own is that answer, never the offer erased.

@pytest.mark.parametrize("text", [
    "Please disregard our previous email; the offer is still open, just the start date moves "
    "to 21/12/2026.",
    "Please disregard our previous email; the start date moves to 21/12/2026.",
    "Ignore my earlier email – we are still offering, from 21/12/2026.",
])
def test_a_take_back_with_an_answer_of_its_own_is_no_take_back(text: str) -> None:
    assert not takes_back_its_answer(text, _DEC7)
    stored = _after_an_offer(text)
    assert stored.decision == "offer"
    assert (stored.fields["weekly_fee"], stored.fields["available_from"]) == (4250, "2026-12-21")


@pytest.mark.parametrize("text", [
    "Please disregard our previous reply, we will confirm tomorrow.",
    "Sorry – ignore my earlier email, I sent it before our manager had signed it off. We'll "
    "come back to you by 3pm.",
])
def test_a_take_back_with_no_answer_still_sets_the_offer_aside(text: str) -> None:
    assert takes_back_its_answer(text, _DEC7)
    assert _after_an_offer(text).decision == ""


def test_the_offer_said_still_open_is_an_offer() -> None:
    read = reply_read_as_mail("The offer is still open, just the start date moves to "
                              "21/12/2026.", on=_DEC7)
    assert (read.decision, read.available_from) == ("offer", date(2026, 12, 21))


# 2. A "from <day>" that belongs to a fee is the fee's day, never the start.

@pytest.mark.parametrize("text", [
    "Our fee is now £5,000 from today following our annual review – otherwise as before.",
    "Still offering. Please note our fee is now £5,000 from today following our annual review.",
])
def test_a_fee_now_from_today_is_todays_fee_and_no_start(text: str) -> None:
    assert prose_start_date(text, _DEC7) is None
    assert prose_weekly_fee(text) == Decimal(5000)
    assert reply_read_as_mail(text, on=_DEC7).available_from is None
    stored = _after_an_offer(text)
    assert (stored.decision, stored.fields["weekly_fee"], stored.fields["available_from"]) == (
        "offer", 5000, "2026-12-01")


def test_a_start_beside_a_fee_now_is_still_the_start() -> None:
    read = reply_read_as_mail("Yes we can offer. The fee is now £5,000 and she can move in "
                              "from 14/12.", on=_DEC7)
    assert (read.weekly_fee, read.available_from) == (Decimal(5000), date(2026, 12, 14))


# 3. A fee under a condition of her needs, before it, is no fee.

@pytest.mark.parametrize("text", [
    "Just to say: if she needs 2:1 the fee would be £6,000 a week. Otherwise as offered.",
    "Confirmed. If she needs 2:1 at night the fee would be £6,200 a week.",
    "Should she need waking nights, our fee would be £5,600 per week.",
    "In the event that her needs increase the fee would be £6,000 pw.",
])
def test_a_fee_on_a_condition_before_it_is_no_fee(text: str) -> None:
    assert prose_weekly_fee(text) is None
    assert reply_read_as_mail(text, on=_DEC7).weekly_fee is None
    stored = _after_an_offer(text)
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4250)


def test_an_offer_with_a_conditional_fee_after_it_keeps_its_own_fee() -> None:
    read = reply_read_as_mail("We can offer at £4,900 from 14/12. Should she need 2:1 at night, "
                              "the fee would be £6,000 a week.", on=_DEC7)
    assert (read.decision, read.weekly_fee) == ("offer", Decimal(4900))


def test_a_fee_after_a_dash_that_ends_the_offers_condition_is_the_fee() -> None:
    read = reply_read_as_mail("We would be in a position to offer if 2:1 staffing is funded for "
                              "the first month - our fee would be £6,100 pw from 14/12.", on=_DEC7)
    assert (read.decision, read.weekly_fee) == ("offer", Decimal(6100))


def test_a_fee_beside_a_polite_condition_is_still_the_fee() -> None:
    assert prose_weekly_fee("If you're happy to proceed, our fee is £4,900 pw from 14/12, yes "
                            "we can offer.") == Decimal(4900)


# 4. One home's part of a reply for several.

@pytest.mark.parametrize(("home", "text", "fee", "start"), [
    ("Oakfield House", "We can offer at either of our homes: Oakfield Cottage at £4,800 per "
     "week, or here at Oakfield House at £5,000 per week, from 21/12/2026.", 5000,
     date(2026, 12, 21)),
    ("Ferncroft House", "Ferncroft House and Ferncroft Lodge both have vacancies. Ferncroft "
     "Lodge £5,300 pw. Ferncroft House £4,950 pw. Both from 04/01/2027.", 4950,
     date(2027, 1, 4)),
    ("Ferncroft Lodge", "Ferncroft House and Ferncroft Lodge both have vacancies. Ferncroft "
     "Lodge £5,300 pw. Ferncroft House £4,950 pw. Both from 04/01/2027.", 5300,
     date(2027, 1, 4)),
    ("Larch House", "Both Larch House and Larch View can offer – £5,100 and £5,400 per week "
     "respectively, both from 14/12/2026.", 5100, date(2026, 12, 14)),
    ("Larch View", "Both Larch House and Larch View can offer – £5,100 and £5,400 per week "
     "respectively, both from 14/12/2026.", 5400, date(2026, 12, 14)),
])
def test_only_this_homes_part_of_a_reply_for_several_is_read(
    home: str, text: str, fee: int, start: date,
) -> None:
    read = read_response({}, text, RESPONSE_SPEC, message_date=_DEC7, known_service_name=home)
    assert (read.decision, read.weekly_fee, read.available_from) == ("offer", Decimal(fee), start)


def test_another_home_offering_while_this_one_is_full_is_this_homes_decline() -> None:
    text = ("Harbour Mews could offer at £5,200 a week from 14/12/2026, but Harbour House is full, "
            "sorry.")
    assert "5,200" not in about_this_home(text, "Harbour House", RESPONSE_SPEC)
    read = read_response({}, text, RESPONSE_SPEC, message_date=_DEC7,
                         known_service_name="Harbour House")
    assert (read.decision, read.weekly_fee) == ("decline", None)


# 5. "Not this one" said of another referral is no decline of this one.

def test_not_this_one_said_of_the_other_referral_is_no_decline() -> None:
    text = ("Not this one – that was the other referral we turned down. Happy to confirm this "
            "one, same fee and start.")
    assert reply_read_as_mail(text, on=_DEC7).decision is None
    stored = _after_an_offer(text)
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4250)


@pytest.mark.parametrize("text", ["Not this one, thanks.",
                                  "Not this one - sorry, we can't meet her needs."])
def test_not_this_one_alone_is_still_a_decline(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == "decline"
