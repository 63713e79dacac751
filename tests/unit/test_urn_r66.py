"""Replies of round r66: an Ofsted URN grouped in threes on the form's line ("Ofsted URN: SC
123 456", r66-37) was not read, so the reply could not be matched to the home's record. The
URNs are made up."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import reply_read_as_mail


@pytest.mark.parametrize(
    ("line", "urn"),
    [
        ("SC 123 456", "SC123456"),
        ("SC123 456", "SC123456"),
        ("SC 123456", "SC123456"),  # as before
        ("2789123", "2789123"),  # as before
        ("SC 123 45", None),  # too short: no URN
    ],
)
def test_a_urn_grouped_in_threes_is_read(line: str, urn: str | None) -> None:
    read = reply_read_as_mail(
        f"Decision: Offer\nHome or carer: Sorrel House\nOfsted URN: {line}\n"
        "Weekly fee: £4,800\nAvailable from: 04/01/2027",
        on=date(2026, 12, 7),
    )
    assert read.urn == urn
