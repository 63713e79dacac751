"""Field-by-field checking of one configuration record against a small declarative schema.

A schema is a mapping of key → `Field(check, required, default)`. A check takes the YAML value
and returns the typed value or raises `Invalid` with a sentence a commissioner understands.
`read_record` reports unknown keys (with a "did you mean" for typos), missing required keys and
every invalid value, each at the line where it was written.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from broker.directory.located import LocatedDict, LocatedList
from broker.directory.problems import ConfigProblem

Check = Callable[[Any], Any]

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOMAIN_PATTERN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
EMAIL_PATTERN = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(.+)$")
AGES_PATTERN = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*$")
URN_PATTERN = re.compile(r"^(SC\d{6}|\d{6,7})$")
MAX_AGE = 25


class Invalid(Exception):
    """A value is wrong; `problems` are (message, line or None for the key's own line)."""

    def __init__(self, message: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.problems: list[tuple[str, int | None]] = [(message, line)] if message else []


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = True
    default: Any = None


@dataclass
class Record:
    """One authority, arrangement, organisation or establishment as read, before the model."""

    kind: str
    key: str
    file: str
    line: int
    raw: LocatedDict
    values: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None

    def line_of(self, name: str, index: int | None = None) -> int:
        """The line of a key, or of one item of a list-valued key."""
        value = self.raw.get(name)
        if index is not None and isinstance(value, LocatedList) and index < len(value):
            return value.item_lines[index]
        return self.raw.line_of(name)


def read_record(record: Record, schema: Mapping[str, Field]) -> list[ConfigProblem]:
    """Fill `record.values` from `record.raw`; return the problems found."""
    problems: list[ConfigProblem] = []
    label = f"{record.kind} '{record.key}'"
    for name, value in record.raw.items():
        if name not in schema:
            message = f"unknown key '{name}'{_hint(name, schema)}"
            problems.append(record_problem(record, name, message))
            continue
        try:
            record.values[name] = schema[name].check(value)
        except Invalid as invalid:
            for message, line in invalid.problems:
                at = line or record.line_of(name)
                problems.append(ConfigProblem(record.file, at, f"{label}: {name}: {message}"))
    for name, spec in schema.items():
        if name in record.raw:
            continue
        if spec.required:
            problems.append(ConfigProblem(record.file, record.line, f"{label}: missing '{name}'"))
        else:
            record.values[name] = copy.copy(spec.default)  # never share a default list
    return problems


def record_problem(
    record: Record, name: str, message: str, index: int | None = None
) -> ConfigProblem:
    line = record.line_of(name, index)
    return ConfigProblem(record.file, line, f"{record.kind} '{record.key}': {message}")


def suggestion(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _hint(name: str, schema: Mapping[str, Field]) -> str:
    return suggestion(name, schema) or f"; expected one of: {', '.join(schema)}"


# Checks. Each returns the typed value or raises Invalid.


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"should be text, not {_shown(value)}")
    return value.strip()


def key_name(value: Any) -> str:
    if not isinstance(value, str) or not KEY_PATTERN.match(value):
        raise Invalid(f"{_shown(value)} is not a key (lower-case letters, digits and '-')")
    return value


def domain(value: Any) -> str:
    if not isinstance(value, str) or not DOMAIN_PATTERN.match(value.strip().lower()):
        raise Invalid(f"{_shown(value)} is not a domain name such as 'northby.gov.example'")
    return value.strip().lower()


def email(value: Any) -> str:
    normalised = value.strip().lower() if isinstance(value, str) else ""
    match = EMAIL_PATTERN.match(normalised)
    if not match or not DOMAIN_PATTERN.match(match.group(2)):
        raise Invalid(f"{_shown(value)} is not an email address such as 'name@example.org'")
    return normalised


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"should be true or false, not {_shown(value)}")
    return value


def whole_number(low: int, high: int | None = None) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"should be a whole number, not {_shown(value)}")
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise Invalid(f"{value} should be {bounds}")
        return value

    return check


def positive_number_or_null(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise Invalid(f"should be a positive number of kilometres or null, not {_shown(value)}")
    return float(value)


def a_date(value: Any) -> date:
    if not isinstance(value, date):
        raise Invalid(f"should be a date written YYYY-MM-DD, not {_shown(value)}")
    return value


def date_or_null(value: Any) -> date | None:
    return None if value is None else a_date(value)


def one_of(choices: Iterable[str], what: str = "value") -> Check:
    allowed = tuple(choices)

    def check(value: Any) -> str:
        if value not in allowed:
            raise Invalid(
                f"unknown {what} {_shown(value)}{suggestion(str(value), allowed)}; "
                f"expected one of: {', '.join(allowed)}"
            )
        return value

    return check


def optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def list_of(item: Check, *, non_empty: bool = False, unique: bool = True) -> Check:
    def check(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise Invalid(f"should be a list such as [a, b], not {_shown(value)}")
        if non_empty and not value:
            raise Invalid("should list at least one value")
        lines = value.item_lines if isinstance(value, LocatedList) else [None] * len(value)
        invalid, checked = Invalid(), []
        for index, entry in enumerate(value):
            try:
                converted = item(entry)
            except Invalid as error:
                invalid.problems += [(message, lines[index]) for message, _ in error.problems]
                continue
            if unique and converted in checked:
                invalid.problems.append((f"{_shown(entry)} is listed twice", lines[index]))
            checked.append(converted)
        if invalid.problems:
            raise invalid
        return checked

    return check


def age_range(value: Any) -> tuple[int, int]:
    match = AGES_PATTERN.match(value) if isinstance(value, str) else None
    if not match:
        raise Invalid(f"{_shown(value)} is not an age range such as '11-17'")
    low, high = int(match.group(1)), int(match.group(2))
    if low > high or high > MAX_AGE:
        raise Invalid(f"'{value}' should run from a lower to a higher age, at most {MAX_AGE}")
    return low, high


def urn(value: Any) -> str:
    shown = str(value).strip().upper() if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not URN_PATTERN.match(shown):
        raise Invalid(f"{_shown(value)} is not an Ofsted URN ('SC' and 6 digits, or 6-7 digits)")
    return shown


def same_urn(one: str | None, other: str | None) -> bool:
    """Whether two Ofsted URNs name one establishment: "SC712345" and "712345" (the number
    written without its prefix) do, so a claim cannot pass as another by leaving it off."""
    def number(value: str | None) -> str:
        return (value or "").strip().upper().removeprefix("SC")
    return bool(number(one)) and number(one) == number(other)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
