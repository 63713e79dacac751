"""Found stretches of text and how they are replaced, once every search has had its say.

Each search (names, dates, phone numbers…) reports spans on its own; they may overlap, e.g. a
name inside an e-mail address. Overlapping spans are merged into one covering both, so no part
of either survives, and the replacement of the longest wins. Neighbouring spans with the same
label and only spaces between them ("Amy SMITH" found as two names) become one label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

_JOINABLE_GAP = re.compile(r"[ \t\-‐–]*")


class Span(NamedTuple):
    """Text[start:end] is identifying; it is counted under `kind` and becomes `replacement`
    (None: the usual label of its kind, filled in by the scrubber)."""

    start: int
    end: int
    kind: str
    replacement: str | None = None


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order: overlaps merged into their union."""
    ordered = sorted(spans, key=lambda s: (s.start, s.start - s.end))
    merged: list[Span] = []
    for span in ordered:
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = merged[-1]._replace(end=span.end)
            continue
        merged.append(span)
    return merged


def join_neighbours(text: str, spans: list[Span]) -> list[Span]:
    """Adjacent spans with the same replacement and only spaces or hyphens between them."""
    joined: list[Span] = []
    for span in spans:
        if joined:
            last = joined[-1]
            gap = text[last.end : span.start]
            if last.replacement == span.replacement and _JOINABLE_GAP.fullmatch(gap):
                joined[-1] = last._replace(end=span.end)
                continue
        joined.append(span)
    return joined


def render(text: str, spans: list[Span]) -> tuple[str, Counter[str]]:
    """The text with each span replaced, and how many replacements of each kind were made."""
    pieces: list[str] = []
    counts: Counter[str] = Counter()
    position = 0
    for span in spans:
        pieces.append(text[position : span.start])
        pieces.append(span.replacement or "")
        counts[span.kind] += 1
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces), counts
