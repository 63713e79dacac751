"""A weekly fee given in parts, kept with the answer that asks for the whole fee.

"Offer. Fee £4900pw + £350 pw education (on-site school)." gives no weekly fee: the fee's
reader asks for it (broker/forms/prose.py), never taking its first part. The home's answer,
"Weekly fee: £4,900", completes the offer, but alone it would drop the £350 a week for
education from the comparison and the approval. So the parts are kept with the incomplete
answer, each as its weekly amount (None for one by the day, which is no week) and in the
home's words, and when the fee answered is one part's amount the other parts are its
additional costs, in those words; when it is the sum of all the parts there are none; any
other fee concludes nothing (rule `fee-parts-completed`, workflows/responses.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from broker.forms.values import parse_money_weekly

__all__ = ["FeePart", "left_over", "parts_from_json", "parts_to_json", "split_parts"]


@dataclass(frozen=True)
class FeePart:
    """One part of a fee: its weekly amount (None when it is not by the week) and its words."""

    amount: Decimal | None
    words: str


# Between two parts, the words that join them: "+", "plus", ", ", "and", "with".
_JOIN = re.compile(r"\s*(?:,|;|&|\+|\bplus\b|\band\b|\bwith\b)"
                   r"(?:\s*(?:,|;|&|\+|\bplus\b|\band\b|\bwith\b))*\s*", re.IGNORECASE)
# Where the added part's words end: its sentence's end (a full stop that is no decimal point).
_SENTENCE_END = re.compile(r"(?<!\bincl)(?<!\binc)\.(?!\d)|[!?;\n]", re.IGNORECASE)
_WORDS_CHARS = 160


def split_parts(text: str, first: tuple[int, int], added: tuple[int, int],
                added_weekly: bool = True) -> tuple[FeePart, ...]:
    """The two parts of a fee found in `text`: the first amount at text[first[0]:first[1]]
    (with its week), the one added at text[added[0]:added[1]]. The first part's words run to
    the words that join them ("£4,200 pw care, …"); the added part's from after them to its
    sentence's end ("£350 pw education (on-site school)", "our agency fee on top (£480 pw)")."""
    between = text[first[1]:added[0]]
    join = _JOIN.search(between)
    head, tail = (between[:join.start()], between[join.end():]) if join else ("", between)
    end = _SENTENCE_END.search(text, added[1])
    rest = text[added[1]:end.start() if end else len(text)]
    first_words = " ".join((text[first[0]:first[1]] + head).split())
    added_words = " ".join((tail + text[added[0]:added[1]] + rest).split())
    return (FeePart(_weekly(text[first[0]:first[1]]), first_words.strip(" ,-")),
            FeePart(_weekly(text[added[0]:added[1]]) if added_weekly else None,
                    added_words[:_WORDS_CHARS].strip(" ,-\u2013\u2014")))


def _weekly(amount: str) -> Decimal | None:
    try:
        return parse_money_weekly(amount)
    except ValueError:
        return None


def left_over(parts: Iterable[FeePart], fee: Decimal) -> str | None:
    """What the parts leave once the fee answered is known: the other parts' words when the
    fee is one part's amount ("£350 pw education (on-site school)"), "" when it is the sum of
    them all, None when it is neither (nothing is concluded)."""
    parts = tuple(parts)
    for index, part in enumerate(parts):
        if part.amount is not None and part.amount == fee:
            return "; ".join(other.words for position, other in enumerate(parts)
                             if position != index)
    amounts = [part.amount for part in parts]
    if amounts and all(amount is not None for amount in amounts) and sum(
            amount for amount in amounts if amount is not None) == fee:
        return ""
    return None


def parts_to_json(parts: Iterable[FeePart]) -> list[dict[str, Any]]:
    """As a stored answer keeps them: each amount as a string of pounds (or null), its words."""
    return [{"amount": None if part.amount is None else str(part.amount), "words": part.words}
            for part in parts]


def parts_from_json(items: Any) -> tuple[FeePart, ...]:
    """The parts a stored answer kept (none when it kept none, or in another shape)."""
    if not isinstance(items, list):
        return ()
    parts = []
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("words"), str):
            return ()
        try:
            amount = None if item.get("amount") is None else Decimal(str(item["amount"]))
        except InvalidOperation:
            return ()
        parts.append(FeePart(amount, item["words"]))
    return tuple(parts)
