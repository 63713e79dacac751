"""A reply that takes the home's earlier answer back without giving another.

"Sorry – ignore my earlier email, I sent it before our manager had signed it off. We'll come
back to you by 3pm.", "Please disregard our previous reply, we will confirm tomorrow": the
earlier answer no longer stands, and no new one is given yet. Read only when the reply makes
no decision of its own (one that does, "Please disregard my previous email … We don't have a
bed", is that decision), and only of a whole earlier message or answer: "ignore the fee in my
last email" is a correction of one term (broker/forms/corrections.py, broker/forms/records.py).
Nor is it one when the words after it answer again (round 59): "Please disregard our previous
email; the offer is still open, just the start date moves to 21/12/2026" keeps the offer, and a
new start or fee after it ("… we can do £5,000 pw", "… from 04/01/2027") amends it.

Every pattern here has bounded runs, so it runs in linear time.
"""

from __future__ import annotations

import re
from datetime import date

from broker.forms.prose import prose_start_date, prose_weekly_fee

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


# After the take-back, the offer said to stand: "the offer is still open", "still offering",
# "our offer stands", "the offer remains".
_STILL_OFFERED = re.compile(
    r"\b(?:offer|place|bed|vacancy)[ \t]+(?:is[ \t]+|still[ \t]+|remains[ \t]+)*"
    r"(?:still[ \t]+(?:open|stands|available|there|on)|stands|remains)\b"
    r"|\bstill[ \t]+(?:offering|able[ \t]+to[ \t]+offer|(?:an[ \t]+)?offer(?:ing)?)\b"
    r"|\b(?:can|could)[ \t]+still[ \t]+(?:offer|take)\b", re.IGNORECASE)


def takes_back_its_answer(words: str, on: date) -> bool:
    """Whether the words take the home's earlier answer (its whole message) back, giving none
    of their own after it (`on`: the day the reply was written, for its days)."""
    taken = _TAKEN_BACK.search(words[:5_000]) if words else None
    if taken is None:
        return False
    after = words[taken.end():5_000]
    return not (_STILL_OFFERED.search(after) or prose_start_date(after, on) is not None
                or prose_weekly_fee(after) is not None)
