"""An offer's condition, in the home's own words, so that it is recorded, never lost.

A home often makes its offer on a condition: "We can offer at Fernhill House, £5,300 a week
from 21/12/2026, subject to a matching meeting with our registered manager and the current
young people", "Offer conditional on matching panel approval", "provided that 2:1 staffing is
funded", "as long as the visit goes ahead", "depending on our staffing in January", "only if
education is funded separately". Rule `offer-condition-kept`: the condition, from its first
word ("subject to", "conditional on", "provided that", "as long as", "so long as", "only
if", "on condition that", "depending on", "dependent on", or an "if" on what is funded or
paid: "if education is funded separately") to the end of its sentence, is recorded with the
answer in the response form's `proposal` field (How we would meet needs: the one free-text
field for what the home's offer rests on), after any proposal the form gave; so the
comparison and the approval show it, and the home's acknowledgement repeats it
(`condition_of`, its "our" said as "your"). Every condition the reply puts is kept, joined by
"; " ("subject to a matching meeting; only if the council wants her to stay"), so a second
never drops out of what commissioners approve, cut with " …" only past
`_MAX_CONDITIONS_CHARS` of them all; a condition on a fee that rises later is kept from its
sentence's start ("From week 9 our fee rises to £6,900 a week, only if the council wants her
to stay"): a cost the budget holder must see.

Not a condition: "provided" that only looks back ("the papers you provided"), and words the
field already holds.
"""

from __future__ import annotations

import re

__all__ = ["condition_of", "offer_condition", "with_the_condition"]

_MAX_CHARS = 20_000
_MAX_CONDITIONS_CHARS = 800  # every condition of a reply, together
# The words that open a condition. "Provided"/"providing" only before "that" or after a comma
# or a dash, so "the information provided" is none.
_CONDITION = re.compile(
    r"(?:\bsubject\s+to|\bconditional\s+(?:up)?on|(?:[,\u2013\u2014-]\s*|\b)"
    r"provid(?:ed|ing)\s+that|[,\u2013\u2014-]\s*provid(?:ed|ing)(?=\s+\w)|\bas\s+long\s+as|"
    r"\bdepend(?:ing|ent|s)\s+(?:up)?on|\bonly\s+if|\bso\s+long\s+as"
    r"|\bon\s+(?:the\s+)?(?:condition|understanding|basis)\s+that"
    # "if education is funded separately", "if 2:1 is funded": a condition on the funding
    r"|\bif\s+(?=[^.!?;\n]{1,60}?\b(?:is|are|can\s+be|gets?|were)\s+(?:\w+\s+)?"
    r"(?:funded|paid|covered|agreed)\b))\b[^.!?;\n]{3,}",
    re.IGNORECASE)
# A fee said to change later, before its condition: "From week 9 our fee rises to £6,900".
_A_LATER_FEE = re.compile(r"\b(?:rises?|rising|increases?|increasing|goes\s+up|going\s+up|"
                          r"becomes?|from\s+week|after\s+week|uplift)\b", re.IGNORECASE)
_LEADING = re.compile(r"^[,\u2013\u2014\s-]+")
_OURS = re.compile(r"\b([Oo])ur(s?)\b")


def offer_condition(prose: str) -> str | None:
    """Every condition the prose puts on its offer, in its words and joined by "; "
    ("subject to a matching meeting with our registered manager and the current young
    people"), or None."""
    said: list[str] = []
    for found in _CONDITION.finditer(prose[:_MAX_CHARS]):
        opening = re.split(r"[.!?;\n]", prose[:found.start()])[-1]
        lead = opening if _A_LATER_FEE.search(opening) and "£" in opening else ""
        words = " ".join(_LEADING.sub("", lead + found.group()).split()).rstrip(" ,:")
        if words and not any(words.casefold() in before.casefold() for before in said):
            said.append(words)
    if not said:
        return None
    words = "; ".join(said)
    if len(words) > _MAX_CONDITIONS_CHARS:
        words = words[:_MAX_CONDITIONS_CHARS].rsplit(" ", 1)[0] + " …"
    return words


def with_the_condition(proposal: str | None, condition: str | None) -> str | None:
    """The proposal field with the offer's condition after what the form gave, unless the
    field says it already."""
    if not condition:
        return proposal
    if not proposal:
        return condition
    if condition.casefold() in " ".join(proposal.split()).casefold():
        return proposal
    return f"{proposal.rstrip(' .;')}; {condition}"


def condition_of(proposal: str | None) -> str | None:
    """The condition a recorded proposal holds, said back to the home that wrote it ("subject
    to a matching meeting with your registered manager …"), or None."""
    condition = offer_condition(proposal or "")
    if condition is None:
        return None
    return _OURS.sub(lambda m: ("y" if m.group(1) == "o" else "Y") + "our" + m.group(2),
                     condition)
