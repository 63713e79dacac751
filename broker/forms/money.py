"""One way to find, and to read, a sum of money marked as pounds in a reply's words. Pure.

`POUNDS` is the pattern (a string, to build larger patterns from; it has no groups) that
every rule looking for "a £ figure" in words uses, so that a fee one rule finds is a fee
the next one finds too, and reads the same:

    "£4,900", "£4,900.00", "£ 4,900"       → 4900 (thousands by commas, pence, a space)
    "£4 900", "£4.900", "£4.900,00"        → 4900 (thousands by a space or a dot after the
                                              £, as broker/forms/values.py reads them)
    "£4.9k", "£4.9 k", "£5k"               → 4900, 4900, 5000
    "GBP 4900", "gbp4,900"                 → 4900
    "£4.90"                                → 4.90 (pence, not thousands)

It never matches a figure mistyped ("£4,9500": no amount, so it is asked), and only the
figure: "£4,900pw" is "£4,900". A figure without a £ or GBP ("4.9k", "4900 pw") is no
match: the rules that read a bare figure (broker/forms/prose.py's `_MONEY`, the fee reader
broker/forms/values.py) say so themselves. A sum in words ("four thousand nine hundred
pounds") is made figures first (broker/forms/spoken_amounts.py `amounts_in_figures`), and a
figure split by a quoted-printable soft break is whole once the message is decoded.

`pounds_of` reads what `POUNDS` matched, as a sum (no period applied); `group_fee_said` says a
sibling group's fee given per child beside the group's (broker/forms/values.py rule
fee-per-child-for-the-group).
"""

from __future__ import annotations

import re
from decimal import Decimal

from broker.forms.values import pounds_in

__all__ = ["POUNDS", "POUNDS_FOUND", "group_fee_said", "pounds_of", "said_in_pounds"]

# The sign, then the figure: thousands by commas; or, straight after the £ (or after one
# space), by spaces ("£4 900"); or, straight after the £, by dots with a decimal comma
# ("£4.900,00"); or no thousands at all. Then pence, and a "k".
POUNDS = (
    r"(?:£|\b[Gg][Bb][Pp](?=[ \t\u00a0]?\d))[ \t\u00a0]?"
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)"
    r"|(?:(?<=£)|(?<=£[ \t\u00a0]))\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?!\d)"
    r"|(?<=£)\d{1,3}(?:\.\d{3}){1,2}(?:,\d\d)?(?![\d.]|,\d)"
    r"|\d+)"
    r"(?:\.\d{1,2})?(?!\d)(?![.,]\d)"  # never "£4,9500" (mistyped) read as £4
    r"(?:[ \t]?[kK]\b)?"
)
POUNDS_FOUND = re.compile(POUNDS)
_GBP = re.compile(r"^\s*gbp[ \t\u00a0]?", re.IGNORECASE)


def pounds_of(figure: str) -> Decimal:
    """The sum a figure `POUNDS` matched says: "£4,900.00" is 4900.00, "£4.9k" 4900, "GBP
    4900" 4900. ValueError for anything `POUNDS` would not match whole."""
    figure = figure.strip()
    if POUNDS_FOUND.fullmatch(figure) is None:
        raise ValueError(f"'{figure[:60]}' is not a sum in pounds")
    return pounds_in(_GBP.sub("£", figure))


def said_in_pounds(amount: Decimal) -> str:
    """"£6,200", "£3,100.50": as the approval and the comparison write a sum."""
    return f"£{amount:,.2f}".removesuffix(".00")


def group_fee_said(fee: Decimal, each: Decimal, children: int) -> str:
    """A sibling group's weekly fee given per child, as shown beside it (rule
    fee-per-child-for-the-group): "£6,200 a week (£3,100 per child for 2 children)"."""
    return (f"{said_in_pounds(fee)} a week ({said_in_pounds(each)} per child for {children} "
            "children)")
