"""`column IN (…)` for a list the program fixes (the kinds of event or email a statement
built once is about), as the statement's own bound parameters.

SQLAlchemy renders `column.in_(values)` as an "expanding" parameter, to take a list that may
differ at each execution: so on every execution it re-renders the statement's SQL and
re-processes its parameters, some seventy Python calls each time. For a list that never
changes, each value is made a bound parameter of its own when the statement is built, and
the SQL sent (`kind IN (?, ?)`) and what it finds are as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import literal


def fixed_in(column: Any, values: Iterable[str]) -> Any:
    """`column IN (values)`, the values bound once with the statement."""
    return column.in_([literal(value) for value in values])
