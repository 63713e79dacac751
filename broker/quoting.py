"""A provider's own words, as the service shows them to anyone else.

Whatever a provider writes (a proposal, a location, additional costs, the name its reply
gives) may be written to pass for the service's or the council's own lines. Shown on one
line, without control, direction or zero-width characters, cut to a length and in
quotation marks, it cannot.
"""

from __future__ import annotations

import unicodedata


def provider_words(value: object, limit: int = 300) -> str:
    """A provider's own words inside one of our emails: on one line (so they cannot stand as
    lines of ours: a rule, "Message from Northby Council Finance: …", a made-up option),
    without control, direction or zero-width characters, at most `limit` characters, and in
    quotation marks, so they are never read as the service or the council speaking. ''
    for nothing (so `or "not given"` still reads)."""
    text = " ".join(without_controls(str(value or "")).split())
    if not text:
        return ""
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return f"“{text}”"


def without_controls(text: str) -> str:
    """`text` without control, direction or zero-width characters (an escape sequence, a
    right-to-left override), its lines and tabs kept."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")
                   or ch in "\n\t")
