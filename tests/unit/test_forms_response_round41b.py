"""Replies as round 41's outside tester wrote them, second pass: answers typed into the quoted
copy of our response form with nothing above but a greeting and a name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday

_OUR_FORM = (
    "RESPONSE FORM\n"
    "Decision: {decision}\n"
    "Home or carer: Birchwood House\n"
    "Weekly fee: {fee}\n"
    "Available from: {start}\n"
    "Decline reason: {reason}(if declining: no-vacancy / cannot-meet-needs / location / "
    "matching / price / other)\n"
    "Contact:\n"
    "\n"
    "----------------------------------------------------------------------\n"
    "REFERRAL REF-2026-000123\n"
    "Needed from: 07/12/2026\n"
    "Weekly budget: £5,000\n"
    "----------------------------------------------------------------------\n")


def _outlook_reply(top: str, **typed: str) -> str:
    return (top + "\n\nFrom: Northby Council Placements <r+ab12cd@broker.example>\n"
            "Sent: 01 December 2026 10:02\nTo: Birchwood House <referrals@birchwood.example>\n"
            "Subject: Referral REF-2026-000123\n\nDear Birchwood House placements team,\n\n"
            + _OUR_FORM.format(**typed))


def test_a_decline_after_a_dash_in_a_forwarded_note_is_the_decision() -> None:
    parsed = reply_read_as_mail(
        "As below.\n\nSophie\n\n---------- Forwarded message ---------\n"
        "From: Jo Benham <jo.benham@ashdene.example>\nDate: Wed, 2 Dec 2026 at 09:12\n"
        "Subject: Fwd: Referral REF-2026-000123\nTo: Sophie Tait <sophie.tait@ashdene.example>"
        "\n\nAgree with Kim \u2013 decline.\n\nJo\n\nOn Tue, 1 Dec 2026 at 16:05, Kim Osei "
        "<kim.osei@ashdene.example> wrote:\n> I think we have to decline this one.\n> Kim\n",
        on=_DEC2)
    assert parsed.decision == "decline"


def test_a_yes_to_a_day_with_a_fee_is_an_offer_from_that_day() -> None:
    parsed = parsed_reply("Yes to the 14th, no to the 2:1 at weekends (we'd need extra funding for "
                          "that). Fee £4,900.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 14))


def test_a_yes_to_a_numbered_visit_offers_nothing() -> None:
    assert parsed_reply("Yes to the 14th visit.", on=_DEC2).decision is None


@pytest.mark.parametrize(("text", "fee", "day"), [
    ("we cn offer frm mon 4.9k pw", Decimal(4900), date(2026, 12, 7)),
    ("Yes from Monday, same fee as we charged for Kayden.", None, date(2026, 12, 7)),
    ("Can offer Mon 14th @ £4,800", Decimal(4800), date(2026, 12, 14)),
])
def test_a_weekday_before_a_fee_or_a_word_on_the_fee_is_the_start(
        text: str, fee: Decimal | None, day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, day)


@pytest.mark.parametrize("unit", ["frm mon 4.9k ", "from Monday, same ", "Can offer Mon 14th @ ",
                                  "can offer tues ", "from 4.9", "Agree \u2013 ", ". - \t ",
                                  "Yes to the 14th ", "yes to to the "])
def test_text_made_to_slow_the_round_41b_dates_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
