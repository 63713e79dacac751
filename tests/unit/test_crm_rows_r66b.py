"""Replies of round r66 (r66-05): a CRM's export, a label and its value in each row apart by
a tab ("Provider Decision<tab>Declined" over "Decline Reason<tab>Unable to match with current
residents"), read no decision and the reason "other". A tab between a known label and its
value was read as a colon is already; what failed was the CRM's words: "Provider decision" is
now the decision's label, and "Unable to match (with current residents)" a decline on
matching, with a tab or a colon alike. Figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize("apart", ["\t", ": ", "\t\t"])
@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("Provider Decision", "Unable to match with current residents"),
        ("Provider decision", "Unable to match"),
        ("Provider decision", "Unable to match with current young people"),
        ("Decision", "Matching"),
    ],
)
def test_a_crm_decline_on_matching_is_read(apart: str, label: str, reason: str) -> None:
    body = (
        f"Referral ID{apart}REF-2026-000123\n{label}{apart}Declined\n"
        f"Decline Reason{apart}{reason}\nUpdated{apart}07/12/2026 09:58"
    )
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.decline_reason) == ("decline", "matching")


def test_a_crm_offer_in_tab_rows_is_read() -> None:
    body = "Provider decision\tOffer\nWeekly fee\t£4,800\nAvailable from\t04/01/2027"
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer",
        Decimal("4800.00"),
        date(2027, 1, 4),
    )
