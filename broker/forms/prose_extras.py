"""What a reply's prose charges on top of the weekly fee: its additional costs.

A provider who offers in prose often prices extras there too, as the response form's
"Additional costs" field would: "Any additional 1:1 above the core package is charged at
£22.50/hr", "Weekly fee £4,250, plus a one-off set-up cost of £750 for her room", "transport to
contact is extra at 45p/mile", "£4,250 per week, plus £300 pw for education if she attends our
on-site school". Each is kept in the writer's words (from the words that add it to the end of
its sentence), so that the comparison, the approval and the sign-off show it; what an amount
is for and how often it is charged stay as written (workflows/signoff.py reads a weekly sum
from them, or calls it not priced).

An amount is an extra when its own stretch of the sentence (since the amount before it) names
it one ("additional", "extra", "plus", "on top", "one-off", "set-up", "1:1", "deposit") or it
is charged by the hour or the mile. A weekly part only added ("£4,300 a week, plus education
at £650 a week", "with our agency fee on top (£480 pw)"), with no condition and no word naming
it an extra, is the fee in parts, which the fee's reader asks about, not an extra; nor is
an amount the words call the fee, a discount, or VAT. An extra said to be charged but with no
amount ("1:1 would be charged on top") is unclear: it is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ProseExtras", "adds_an_extra", "adds_an_extra_to", "prose_extras"]

_MAX_CHARS = 50_000
# A sentence ends at a full stop (not a decimal point or "incl."), "!", "?", ";" or a new line.
_SENTENCE_END = re.compile(r"(?<!\bincl)(?<!\binc)(?<!\bapprox)\.(?!\d)|[!?;\n]", re.IGNORECASE)
_AMOUNT = re.compile(
    r"£[ \t]?\d[\d,]*(?:\.\d{1,2})?(?:[ \t]?k\b)?"
    r"|\b\d{1,3}(?:\.\d{1,2})?[ \t]?(?:p|pence)\b(?=[ \t]*(?:/|per|a|an|each)[ \t]*(?:mile|km|"
    r"hour|hr|session)\b)", re.IGNORECASE)
# In an amount's stretch, before it, the words that add it to the fee.
_NAMED_AN_EXTRA = re.compile(
    r"\b(?:additional|extra|extras|plus|on[ \t]+top|one[ \t-]?off|set[ \t-]?up|setup|start[ \t-]?up"
    r"|deposit|mileage|1:1|2:1|one[ \t-]to[ \t-]one|waking[ \t]+nights?|in[ \t]+addition)\b"
    r"|(?<![\w£])\+", re.IGNORECASE)
# After an amount, a period that is no week: by the hour, the mile, the day or the session.
_NOT_WEEKLY_AFTER = re.compile(
    r"[ \t]*(?:/|per|an?|each)[ \t]*(?:hour|hr|mile|km|session)s?\b|[ \t]*(?:hourly|"
    r"one[ \t-]?off)\b", re.IGNORECASE)
# After a weekly amount, words that name it an extra: "+ £350 pw additional 1:1".
_NAMED_AFTER = re.compile(r"[ \t]*(?:for[ \t]+)?(?:additional|extra|1:1|2:1|one[ \t-]to[ \t-]one"
                          r"|waking[ \t]+nights?)\b", re.IGNORECASE)
# After an amount, its week or its day: a part of the fee, when only added to it.
_PERIODIC_AFTER = re.compile(r"[ \t]*(?:pw|p/w|per[ \t]+week|a[ \t]+week|weekly|/[ \t]?(?:wk|week)"
                             r"|(?:a|per|/)[ \t]?(?:school[ \t]+)?day)\b", re.IGNORECASE)
# After a weekly amount, in its clause, what makes a part added to the fee an extra: only on
# a condition ("if she attends our school"); not only for a time ("a 2:1 supplement of £1,400
# pw for the first six weeks" is the fee in parts, asked).
_ON_A_CONDITION_AFTER = re.compile(
    r"^[^£,;()]{0,80}?\b(?:if|when|should|unless|provided|where)\b",
    re.IGNORECASE)
# Before an amount, words that make it the fee, its discount or its tax, not an extra.
_THE_FEE_ITSELF = re.compile(
    r"\b(?:fee|rate|price|cost|charge|total)[ \t]+(?:of|is|will[ \t]+be|would[ \t]+be|at)?[ \t]*$"
    r"|\b(?:less|minus|discount|vat)\b[^£]{0,20}$", re.IGNORECASE)
# Where, before it, the clause that adds an extra opens: "(Fees: £4,200 pw care, £650 pw
# education,) 1:1 at £22 ph as needed".
_CLAUSE_BOUNDARY = re.compile(r"[,(:\u2013\u2014]|\s-\s|\b(?:and|but|while|whilst)\b",
                              re.IGNORECASE)
# An extra said to be charged, with no amount: "1:1 would be charged on top", "transport is
# extra", "additional costs apply" (but not "no additional costs", "extras included").
_CHARGED_UNPRICED = re.compile(
    r"\b(?:(?:is|are|would[ \t]+be|will[ \t]+be)[ \t]+(?:charged[ \t]+)?(?:extra|additional|on"
    r"[ \t]+top|separately)|charged[ \t]+(?:separately|on[ \t]+top|in[ \t]+addition|extra|at"
    r"[ \t]+cost)|(?:additional|extra)[ \t]+(?:costs?|charges?|fees?)[ \t]+(?:will[ \t]+)?apply)\b",
    re.IGNORECASE)
_NONE_CHARGED = re.compile(r"\b(?:no|nil|none|not|without|inclusive|included|includes|incl)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class ProseExtras:
    """The extras a reply's prose prices (`costs`, in its words, or None), and whether it
    says an extra is charged without its amount (`unpriced`)."""

    costs: str | None
    unpriced: bool


def prose_extras(text: str) -> ProseExtras:
    """The additional costs the prose prices, each from the words that add it to the end of
    its sentence, joined by "; "."""
    found: list[str] = []
    unpriced = False
    for sentence in _SENTENCE_END.split(text[:_MAX_CHARS]):
        if sentence.rstrip().endswith("?") or not sentence.strip():
            continue
        extra = _the_extra(sentence)
        if extra:
            found.append(extra)
        elif not _AMOUNT.search(sentence) and _CHARGED_UNPRICED.search(sentence) and not (
                _NONE_CHARGED.search(sentence)):
            unpriced = True
    return ProseExtras("; ".join(dict.fromkeys(found)) or None, unpriced and not found)


def adds_an_extra(sentence: str) -> bool:
    """Whether an amount in the sentence is added to the fee as an extra ("£4,250 pw, plus £300
    pw for education if she attends our school"), not as a part of it."""
    return _the_extra(_SENTENCE_END.split(sentence, maxsplit=1)[0]) is not None


def adds_an_extra_to(text: str, start: int, end: int) -> bool:
    """Whether the part added to a fee at text[start:end] ("£4,250 pw, plus £300 pw") is an
    extra, read with what follows it in its clause, up to the next amount."""
    after = text[end:end + _CLAUSE_AFTER_CHARS]
    return adds_an_extra(text[start:end] + after.split("£", 1)[0])


_CLAUSE_AFTER_CHARS = 80


def _the_extra(sentence: str) -> str | None:
    """The sentence from its first extra's stretch to its end, or None."""
    kept_from = 0  # where the stretch of the next amount starts: after the amount before it
    for amount in _AMOUNT.finditer(sentence):
        stretch = sentence[kept_from:amount.start()]
        after = sentence[amount.end():]
        start, kept_from = kept_from, amount.end()
        periodic = _PERIODIC_AFTER.match(after)
        if periodic:
            kept_from = amount.end() + periodic.end()
        named = _NAMED_AN_EXTRA.search(stretch)
        if named is None and (_THE_FEE_ITSELF.search(stretch) or not _NOT_WEEKLY_AFTER.match(
                after)):
            continue  # the fee ("Our fee is £650 per day"), or an amount no extra
        if named is not None and periodic and _PLAIN_ADDITION.fullmatch(named.group()) and not (
                _ON_A_CONDITION_AFTER.match(after[periodic.end():])
                or _NAMED_AFTER.match(after, periodic.end())):
            continue  # "£4,300 a week, plus education at £650 a week": the fee in parts
        opens = [0, *(found.end() for found in _CLAUSE_BOUNDARY.finditer(
            stretch, 0, named.start() if named else len(stretch)))]
        return sentence[start + opens[-1]:].strip(" \t,-\u2013\u2014") or None
    return None


# Words that only add ("plus", "+", "on top"): with a weekly amount they make the fee in parts,
# unless a condition follows (see _ON_A_CONDITION_AFTER) or words that name it an extra.
_PLAIN_ADDITION = re.compile(r"plus|\+|in[ \t]+addition|on[ \t]+top", re.IGNORECASE)
