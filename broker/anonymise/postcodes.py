"""UK postcodes: recognising a full postcode and reducing it to its outward code.

Only the outward code (e.g. `SE15`) of a child's home may be broadcast, as the profile's `area`;
full postcodes found anywhere in free text are cut down to theirs.
"""

from __future__ import annotations

import re

from broker.anonymise.wraps import ANY_SPACE
from broker.forms.values import INWARD_LETTERS

# Inward-code letters never include C, I, K, M, O or V (Royal Mail's rule, named once in
# broker/forms/values.py); excluding them, and in running text a lower-case ordinal after the
# digit, keeps "Y10 2nd" and "at 9am" from looking like postcodes. Between the two halves: a
# space, none, a line wrap, a hyphen, or a space as a web address writes it
# ("maps?q=LS6+9QT", "LS6%209QT").
_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
_INWARD = rf"\d[{INWARD_LETTERS}]{{2}}"
FULL_POSTCODE = (
    rf"(?<![^\W_]){_OUTWARD}(?:{ANY_SPACE}|-|\+|%20)(?=\d)(?!\d(?-i:st|nd|rd|th)){_INWARD}(?![^\W_])"
)

_FULL_RE = re.compile(rf"{_OUTWARD}{_INWARD}", re.IGNORECASE)
_OUTWARD_RE = re.compile(_OUTWARD, re.IGNORECASE)


def compact(postcode: str) -> str:
    """The postcode upper-cased with whitespace, hyphens and a web address's spaces removed:
    `se15 4ab`, `SE15-4AB` and `SE15%204AB` -> `SE154AB`."""
    return re.sub(r"(?:[\s\-+]|%20)+", "", postcode).upper()


def is_full_postcode(value: str) -> bool:
    """True when `value` is a whole UK postcode, spaced or not, in any case."""
    return _FULL_RE.fullmatch(compact(value)) is not None


def is_outward_code(value: str) -> bool:
    """True when `value` is an outward code alone, e.g. `SE15` or `m1`."""
    return _OUTWARD_RE.fullmatch(compact(value)) is not None


def outward_code(postcode: str | None) -> str | None:
    """The outward code of a full postcode (`SE15 4AB` -> `SE15`); an outward code as given.

    Anything else (empty, malformed) gives None: an area we cannot read is better left out
    than guessed.
    """
    if not postcode:
        return None
    value = compact(postcode)
    if _FULL_RE.fullmatch(value):
        return value[:-3]
    if _OUTWARD_RE.fullmatch(value):
        return value
    return None


def spaced(postcode: str) -> str:
    """A full postcode in its usual written form, `SE154AB` -> `SE15 4AB`."""
    value = compact(postcode)
    return f"{value[:-3]} {value[-3:]}"
