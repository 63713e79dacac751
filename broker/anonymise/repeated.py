"""An identifier found once is removed wherever the referral repeats it, as a name is.

A number or a handle is often found by its cue in one place ("ULN 6112847390", "Discord
Sn1perDaddy#2210") and written again without one ("his learner number on the college form is
6112847390", "Police think Sn1perDaddy is …"), or spaced and in lower case ("recorded the UPN
as k 8204 0001 2345"). `repeated_identifiers_finder` reads every field first with the
searches that find identifiers by their cue or shape, and then finds each value found, under
its own label, wherever it stands: its letters and digits in order, in any case, with a space,
a hyphen, a dot or a slash between any two. A Discord name's part before its number goes too
when it is shaped as a handle. A value shorter than five letters and digits, or without a
digit (a handle with none needs four letters), is left to its own search: too many short
strings mean something else elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise.handles import find_handles, is_a_handle
from broker.anonymise.labels import HANDLE, NI_NUMBER, REFERENCE, UPN
from broker.anonymise.patterns import find_ni_numbers, find_upns
from broker.anonymise.references import (
    find_police_numbers,
    find_reference_numbers,
    find_vehicle_registrations,
)
from broker.anonymise.spans import Span

__all__ = ["repeated_identifiers_finder"]

_LEARNT_FROM = (find_reference_numbers, find_police_numbers, find_vehicle_registrations,
                find_upns, find_ni_numbers, find_handles)
_KINDS = frozenset({REFERENCE, UPN, NI_NUMBER, HANDLE})
_MIN_CHARACTERS = 5
_MIN_HANDLE = 4
_BETWEEN = r"[ \t\-./_]?"
_BOUNDED = r"(?<![^\W_])(?<![@#./]){}(?![^\W_])"


def repeated_identifiers_finder(texts: Iterable[str]) -> Callable[[str], Iterator[Span]]:
    """A search for every identifier the other searches find anywhere in `texts`."""
    patterns: dict[str, str] = {}
    for text in texts:
        for detector in _LEARNT_FROM:
            for span in detector(text):
                if span.kind in _KINDS:
                    for value in _values(text[span.start : span.end], span.kind):
                        patterns.setdefault(_pattern(value), span.kind)
    searches = [(re.compile(_BOUNDED.format(pattern), re.IGNORECASE), kind)
                for pattern, kind in sorted(patterns.items(), key=lambda item: -len(item[0]))]

    def find(text: str) -> Iterator[Span]:
        for search, kind in searches:
            for match in search.finditer(text):
                yield Span(match.start(), match.end(), kind, None)

    return find


def _values(found: str, kind: str) -> list[str]:
    """The strings to search for: a value with enough letters and digits, and a Discord
    name's part before its number ("Sn1perDaddy" of "Sn1perDaddy#2210"); not an address."""
    if kind == HANDLE:
        if "/" in found:
            return []  # a platform's address: its parts are found by their own search
        whole = found.lstrip("@$#")
        head = whole.partition("#")[0]
        return [value for value in dict.fromkeys((whole, head))
                if len(_characters(value)) >= _MIN_HANDLE and is_a_handle(value)]
    characters = _characters(found)
    if len(characters) >= _MIN_CHARACTERS and any(ch.isdigit() for ch in characters):
        return [found]
    return []


def _characters(value: str) -> list[str]:
    return re.findall(r"[^\W_]", value)


def _pattern(value: str) -> str:
    return _BETWEEN.join(re.escape(ch) for ch in _characters(value))
