"""An arrangement's agreed weekly rates and price bands, as `arrangements.yaml` writes them.

    rates:                          # by lot: one rate, or a band from low to high
      residential: 4200-4800
      residential-solo: 5600
    provider_rates:                 # optional: a provider's own tendered prices, which
      larch-care: {residential: 4450}   # come before the arrangement's for its homes

A rate is pounds a week: a number (`5600`, `5600.50`) or text (`"£5,600"`), a band two of
them joined by `-` or `to` (`4200-4800`, `"£4,200 to £4,800"`). Each lot must be one of the
arrangement's; a spot purchase has no agreed rate (the spend report sets it against the
framework's). The spend report (channels/web/console/spend.py) reads them; nothing else
does, and nothing guesses a rate that is not written here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.directory.located import LocatedDict
from broker.directory.model import Band
from broker.directory.problems import ConfigProblem
from broker.directory.schema import Invalid, Record, key_name, record_problem

_AMOUNT = r"£?\s*(\d[\d,]*(?:\.\d{1,2})?)"
_BAND = re.compile(rf"^\s*{_AMOUNT}\s*(?:(?:-|–|to)\s*{_AMOUNT})?\s*$", re.IGNORECASE)
_EXAMPLE = "a weekly rate in pounds such as 4500, or a band such as 4200-4800"
NO_RATES = ("spot",)  # kinds of arrangement with no agreed rate


def band(value: Any) -> Band:
    """`4500`, `"£4,500"` or `"4200-4800"` as a band; raises Invalid otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid(f"should be {_EXAMPLE}, not {_shown(value)}")
    found = _BAND.match(str(value))
    if found is None:
        raise Invalid(f"should be {_EXAMPLE}, not {_shown(value)}")
    try:
        low = Decimal(found.group(1).replace(",", ""))
        high = Decimal(found.group(2).replace(",", "")) if found.group(2) else low
    except InvalidOperation:
        raise Invalid(f"should be {_EXAMPLE}, not {_shown(value)}") from None
    if low <= 0:
        raise Invalid(f"{_shown(value)} should be more than £0 a week")
    if high < low:
        raise Invalid(f"the band {_shown(value)} should run from the lower rate to the higher")
    return Band(low, high)


def rates(value: Any) -> dict[str, Band]:
    """`{residential: 4200-4800, residential-solo: 5600}`: each lot's rate or band."""
    if not isinstance(value, dict):
        raise Invalid("should be a mapping from a lot to its weekly rate or band, "
                      "e.g. {residential: 4200-4800}")
    invalid, checked = Invalid(), {}
    for lot, rate in value.items():
        try:
            checked[key_name(lot)] = band(rate)
        except Invalid as error:
            invalid.problems += [(f"{lot}: {message}", _line(value, lot))
                                 for message, _ in error.problems]
    if invalid.problems:
        raise invalid
    return checked


def provider_rates(value: Any) -> dict[str, dict[str, Band]]:
    """`{larch-care: {residential: 4450}}`: a provider's own rates, by organisation key."""
    if not isinstance(value, dict):
        raise Invalid("should be a mapping from an organisation's key to its rates by lot, "
                      "e.g. {larch-care: {residential: 4450}}")
    invalid, checked = Invalid(), {}
    for organisation, its in value.items():
        try:
            checked[key_name(organisation)] = rates(its)
        except Invalid as error:
            invalid.problems += [(f"{organisation}: {message}",
                                  line or _line(value, organisation))
                                 for message, line in error.problems]
    if invalid.problems:
        raise invalid
    return checked


def rate_problems(record: Record) -> list[ConfigProblem]:
    """An arrangement's rates are for its own lots, and a spot purchase has none."""
    values = record.values
    lots, kind = values.get("lots") or [], values.get("kind")
    problems = []
    for name in ("rates", "provider_rates"):
        if not values.get(name):
            continue
        if kind in NO_RATES:
            problems.append(record_problem(record, name, f"a {kind} purchase has no agreed "
                                           "rate; the spend report compares spot placements "
                                           "with the framework's rate for the placement type"))
            continue
        by_lot = ([values[name]] if name == "rates" else list(values[name].values()))
        for lot in sorted({lot for each in by_lot for lot in each}):
            if lots and lot not in lots:
                problems.append(record_problem(record, name, f"a rate for '{lot}', which is "
                                               f"not one of its lots ({', '.join(lots)})"))
    return problems


def _line(mapping: Any, key: Any) -> int | None:
    """The line `key` is written at in `mapping`, where the YAML reader kept it."""
    return mapping.line_of(key) if isinstance(mapping, LocatedDict) else None


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else "nothing" if value is None else (
        "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list)
        else repr(value))
