"""A case system's record of the provider's answer, forwarded as the reply.

Providers log their answer in their own case system (CarePath and the like), which emails
them a confirmation; some forward that confirmation to us as their answer:

    ---------- Forwarded message ---------
    From: CarePath Referrals <no-reply@…>
    Subject: [CarePath] Response logged for REF-2026-000123

    Status = Offer made | Weekly rate = £4,900 | Start = 14/12/2026

A record is a line of two or more labelled cells between bars ("Label = value | Label:
value"), or two labelled lines running in a message that says it is automated. Forwarded
with nothing typed above it, the record is the reply's answer; under a line the writer typed
("please ignore the weekly rate on the system email below … Our fee is £5,050 pw"; "our
system has logged this as an offer but it should be interest only"), the writer's words
decide what they say, and the record gives only the rest: what the writer says to ignore of
it ("ignore the weekly rate") it does not give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["FORWARD_LINE", "disowned_terms", "is_a_record"]

_CELL = re.compile(r"[ \t]+\|[ \t]+")
_LABELLED_CELL = re.compile(r"(?P<label>[A-Za-z][\w'’/()-]{0,20}(?: [\w'’/()-]{1,20}){0,4})"
                           r"[ \t]{0,3}[=:][ \t]{0,3}(?P<value>\S[^|\n]{0,80})")
# The line a mail program sets above a message forwarded in the reply's body.
FORWARD_LINE = re.compile(r"(?im)^[ \t]*(?:-{3,20}[ \t]*forwarded[ \t]+message[ \t]*-{3,20}"
                          r"|begin[ \t]+forwarded[ \t]+message:)[ \t]*$")
_RECORD_LINE_CHARS = 400
_CELLS_IN_A_RECORD = 2
# What the writer says to ignore of the record: "please ignore the weekly rate on the system
# email below", "disregard the start date".
_IGNORE_THE = re.compile(r"\b(?:ignore|disregard)[ \t]+the[ \t]+(?:weekly[ \t]+|proposed[ \t]+)?"
                         r"(?P<term>rate|fee|cost|price|start|date|start[ \t]+date)\b",
                         re.IGNORECASE)


# A system's own words about the message: "This is an automated message", "no-reply@…".
_AUTOMATED = re.compile(r"\bno-?reply\b|\bautomated[ \t]+(?:message|e-?mail|notification)\b"
                        r"|\bdo[ \t]+not[ \t]+reply\b", re.IGNORECASE)


def is_a_record(lines: list[str], header: Sequence[str] = ()) -> bool:
    """Whether one of the lines is a record's row of two or more labelled cells, or, in a
    message that says it is automated, two labelled lines running (the row laid out a cell to
    a line); `header`: the forwarded message's header lines ("From: … <no-reply@…>")."""
    running = 0
    automated = any(_AUTOMATED.search(line[:_RECORD_LINE_CHARS]) for line in [*header, *lines])
    for line in lines:
        cells = _CELL.split(line.strip()[:_RECORD_LINE_CHARS])
        labelled = sum(1 for cell in cells if _LABELLED_CELL.fullmatch(cell))
        if labelled >= _CELLS_IN_A_RECORD:
            return True
        running = running + 1 if labelled == len(cells) == 1 else 0
        if automated and running >= _CELLS_IN_A_RECORD:
            return True
    return False


def disowned_terms(text: str) -> set[str]:
    """The terms ("weekly_fee", "available_from") the writer says to ignore on the record."""
    terms = {found["term"].lower() for found in _IGNORE_THE.finditer(text)}
    return ({"weekly_fee"} if terms & {"rate", "fee", "cost", "price"} else set()) | (
        {"available_from"} if terms & {"start", "date", "start date"} else set())
