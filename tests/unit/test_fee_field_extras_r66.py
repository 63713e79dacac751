"""Replies of round r66: an extra the fee's own line prices after the fee (r66-14, "Fee: core
£4,200, 1:1 £22/hr for 20 hrs") was dropped, so the comparison and the approval showed the
core fee as the whole cost. It is kept among the additional costs in the home's words, the fee
read as before (rule fee-field-extra-kept). The homes and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


def _form(fee_line: str, extra_line: str = "") -> str:
    return (
        "Decision: Offer\nHome or carer: Fir Tree House\n"
        f"Weekly fee: {fee_line}\n{extra_line}Available from: 14/12/2026\n"
    )


@pytest.mark.parametrize(
    ("fee_line", "fee", "extra"),
    [
        ("core £4,200, 1:1 £22/hr for 20 hrs", "4200.00", "1:1 £22/hr for 20 hrs"),
        ("£4,200 core, 1:1 £22 per hour x 20 hours", "4200.00", "1:1 £22 per hour x 20 hours"),
        (
            "£4,800 (plus £25/hr for any 1:1 above 10 hrs)",
            "4800.00",
            "plus £25/hr for any 1:1 above 10 hrs",
        ),
        ("£4,200 pw; 1:1 £22ph", "4200.00", "1:1 £22ph"),
        ("£4,200. Additional 1:1 at £22/hr", "4200.00", "Additional 1:1 at £22/hr"),
    ],
)
def test_an_extra_priced_on_the_fee_line_is_kept(fee_line: str, fee: str, extra: str) -> None:
    read = reply_read_as_mail(_form(fee_line), on=_DEC7)
    assert (read.decision, read.weekly_fee, read.additional_costs) == ("offer", Decimal(fee), extra)


@pytest.mark.parametrize(
    ("fee_line", "extra_line", "fee", "extra"),
    [
        ("£4,200 (1:1 at £22/hr included)", "", "4200.00", None),  # in the fee: no extra
        ("£4,200", "", "4200.00", None),
        (
            "£4,600 + £350 pw additional 1:1 for the first 4 weeks",
            "",
            "4600.00",  # round 51
            "£350 pw additional 1:1 for the first 4 weeks",
        ),
        (
            "core £4,200, 1:1 £22/hr for 20 hrs",
            "Additional costs: 1:1 £22/hr for 20 hrs\n",
            "4200.00",
            "1:1 £22/hr for 20 hrs",
        ),  # said twice: kept once
    ],
)
def test_other_fee_lines_read_as_before(
    fee_line: str, extra_line: str, fee: str, extra: str | None
) -> None:
    read = reply_read_as_mail(_form(fee_line, extra_line), on=_DEC7)
    assert (read.weekly_fee, read.additional_costs) == (Decimal(fee), extra)
