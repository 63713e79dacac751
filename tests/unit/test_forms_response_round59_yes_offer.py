"""Round 59 a18: "Yes, offer at £4,850 pw from 14/12/2026." over an older email of ours
pasted below it (Outlook's "From:/Sent:/To:/Subject:" block, about another referral and its
decline) and our referral quoted by Apple Mail. The pasted email is history; the opening
"Yes, offer at …" is the offer, where the home was asked again for its decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)
_PASTED = ("\n\nFrom: Placement referrals <referrals@broker.localhost>\n"
           "Sent: 30 November 2026 14:02\nTo: Jo Price\n"
           "Subject: Referral REF-2026-000555 – 15-year-old boy\n\n"
           "REF-2026-000555: Decision: Decline, no vacancy\n\n"
           "On 7 Dec 2026, at 09:31, Placement referrals <referrals@broker.localhost> wrote:\n\n"
           "> Dear Larch Hall placements team,\n>\n> REFERRAL REF-2026-000123\n"
           "> Needed from: 14/12/2026\n>\n> Decision: \n> Weekly fee: \n")


@pytest.mark.parametrize("opening", [
    "Yes, offer at £4,850 pw from 14/12/2026.",
    "Yes offer at £4,850 pw from 14/12/2026.",
    "yes, offering at £4,850 pw from 14/12/2026",
])
@pytest.mark.parametrize("below", [_PASTED, ""])
def test_a_yes_then_offer_with_its_terms_is_the_offer_whatever_is_pasted_below(
        opening: str, below: str) -> None:
    parsed = reply_read_as_mail(opening + below, on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from, parsed.decline_reason) \
        == ("offer", Decimal("4850"), date(2026, 12, 14), None)


def test_a_yes_to_a_question_before_an_offer_word_later_is_not_read_so() -> None:
    # the "yes" answers something else; "offer" here names no terms, so nothing changes
    assert reply_read_as_mail("Yes, offer letter to follow.", on=_DEC7).decision != "offer"
