"""A reply that pastes the home's own chat (Teams, as round 64's outside tester wrote it):
the manager's lines are the home's words, read as any reply's, and a manager's go-ahead
("yes happy for us to offer …") is an offer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday
TEAMS = ("See below from our RM on Teams – this is our answer.\n\n"
         "[07/12/2026 10:02] Sam Hill (Registered Manager)\n"
         "yes happy for us to offer for the SE15 girl, £4,900 a week, from Monday 14th\n"
         "[07/12/2026 10:03] Sam Hill (Registered Manager)\n"
         "subject to the usual matching meeting\n"
         "[07/12/2026 10:05] Jo Price\nok will reply to the council now\n\n"
         "Kind regards\nJo Price\n")


def test_a_pasted_chat_with_the_managers_go_ahead_is_the_offer() -> None:
    parsed = reply_read_as_mail(TEAMS, on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("4900.00"), date(2026, 12, 14))  # never the chat's own date
    assert parsed.proposal is not None and "matching meeting" in parsed.proposal


@pytest.mark.parametrize("said", [
    "Happy for us to offer at £4,900 a week from 14/12/2026.",
    "RM says it's fine for us to offer, £4,900 a week from 14/12/2026.",
    "Manager says go ahead and offer – £4,900 a week from 14/12/2026.",
])
def test_a_managers_go_ahead_to_offer_is_an_offer(said: str) -> None:
    assert reply_read_as_mail(said, on=_DEC7).decision == "offer"


def test_a_go_ahead_refused_is_no_offer() -> None:
    parsed = reply_read_as_mail("Our RM is not happy for us to offer for this young person.",
                                on=_DEC7)
    assert parsed.decision != "offer"
