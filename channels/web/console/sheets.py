"""CSV for spreadsheets, written so that no cell is read as a formula.

A spreadsheet takes a cell that begins with `=`, `+`, `-`, `@` (or a tab or carriage return
before one) as a formula, and a formula can fetch from the internet or run a command. The
audit pack and the reports carry text others wrote (a provider's proposal, a home's name from
an application), so such a cell is written with a leading apostrophe, which spreadsheets
show as plain text (OWASP's advice for CSV injection). Numbers, and "-" for none, are
written as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def cell(value: Any) -> Any:
    """`value` as a CSV cell that cannot be taken for a formula ("-" for none, and a plain
    number such as -20 or +5%, are not formulas and are left as they are)."""
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and value != "-" and not _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document: a header line, then each row, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(name) for name in columns])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
