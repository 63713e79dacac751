"""A reply that takes the home's earlier answer back without giving another.

"Sorry – ignore my earlier email, I sent it before our manager had signed it off. We'll come
back to you by 3pm.", "Please disregard our previous reply, we will confirm tomorrow": the
earlier answer no longer stands, and no new one is given yet. Read only when the reply makes
no decision of its own (one that does, "Please disregard my previous email … We don't have a
bed", is that decision), and only of a whole earlier message or answer: "ignore the fee in my
last email" is a correction of one term (broker/forms/corrections.py, broker/forms/records.py).

Every pattern here has bounded runs, so it runs in linear time.
"""

from __future__ import annotations

import re

__all__ = ["takes_back_its_answer"]

_TAKEN_BACK = re.compile(
    r"\b(?:please\s+)?(?:ignore|disregard|discount|scrap|withdraw|retract)[ \t]+"
    r"(?:my|our|the)[ \t]+(?:(?:earlier|previous|last|first|other|original)[ \t]+)?"
    r"(?:e-?mail|message|reply|response|answer|offer)(?:[ \t]+(?:from|of|sent)[ \t]+"
    r"[\w ,'’]{1,40}?)?(?=[ \t]*(?:[.,;:!\u2013\u2014-]|$|[ \t]+(?:as|because|since|"
    r"I|we|it|that|sorry)\b))"
    r"|\b(?:my|our)[ \t]+(?:earlier|previous|last)[ \t]+(?:e-?mail|message|reply|response)"
    r"[ \t]+(?:was|went)[ \t]+(?:sent[ \t]+)?(?:in[ \t]+error|by[ \t]+mistake|too[ \t]+early|"
    r"prematurely)\b",
    re.IGNORECASE)


def takes_back_its_answer(words: str) -> bool:
    """Whether the words take the home's earlier answer (its whole message) back."""
    return bool(words) and _TAKEN_BACK.search(words[:5_000]) is not None
