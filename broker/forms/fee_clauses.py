"""What a fee line says beside its fee, in the home's words: what the fee leaves out, and
another fee it names. Pure.

    "£4,900 per week all-inclusive but excluding transport to school, from 14/12/2026"
        → left out: "transport to school" (an additional cost, not priced)
    "£4,900 a week but £4,600 if she can share a bathroom"
        → another fee: "£4,900 a week but £4,600 if she can share a bathroom"
    "£4,850 a week though this rises to £5,200 a week from week 13"
        → another fee: the same words, from the fee on

Rule `fee-line-left-out` (round 63): a fee "excluding X", "not including X", "exclusive of X",
or "plus X" with no amount of its own leaves X out: it is recorded among the additional
costs as "X: not priced", so the approval shows the total as not known, never the fee as the
whole cost. VAT is not read here (the fee's reader reads "+ VAT").

Rule `fee-line-other-fee-kept` (round 63): a clause after the fee opened by "but", "however",
"though" or "although" that names another £ figure as the fee on a condition ("if", "when",
"provided", "as long as") or from a later time ("rises to", "goes up to", "from week 13") is
kept in the home's words (from the fee on) with the offer's condition, so the social worker
sees it; the fee stays the first figure. A later fee so kept is a fee step
broker/forms/fee_steps.py reads from the recorded words. A clause that prices an extra
("however education is charged separately at £350 pw") is an additional cost,
read by broker/forms/prose_extras.py, not kept here.
"""

from __future__ import annotations

import re

from broker.forms.money import POUNDS
from broker.forms.prose_extras import adds_an_extra

__all__ = ["another_fee_at", "left_out", "other_fees"]

_MAX_CHARS = 20_000
# A sentence ends at a full stop (not a decimal point), "!", "?", ";" or a new line.
_SENTENCE_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;\n]")
_MONEY = POUNDS
_A_WEEKLY_FEE = re.compile(
    rf"{_MONEY}[ \t]?(?:pw|p/w|per[ \t]+week|a[ \t]+week|weekly|/[ \t]?(?:wk|week))\b",
    re.IGNORECASE)
# After the fee: "excluding transport to school", "not including education", "exclusive of
# the escort", "plus transport" (with no amount of its own).
_LEAVES_OUT = re.compile(
    r"\b(?:excluding|excludes|not[ \t]+including|not[ \t]+inclusive[ \t]+of|exclusive[ \t]+of"
    r"|plus)[ \t]+(?P<what>[^,;:()£\d\n.]{3,60})", re.IGNORECASE)
# What is left out ends at a word that opens another part of the sentence.
_WHAT_ENDS = re.compile(r"[ \t]+(?:from|at|and|but|if|as|which|who|so|for[ \t]+(?:which|this)"
                        r"|starting|available|with|unless|until|when)\b", re.IGNORECASE)
_VAT_OR_NOTHING = re.compile(r"(?:vat|tax|[a-z]{0,2})", re.IGNORECASE)
# A clause that turns from the fee: "but …", "however …", "though …", "although …".
_TURNS = re.compile(r"(?:,[ \t]*|[ \t]+)(?:but|however|though|although)\b", re.IGNORECASE)
# In that clause, what makes its figure another fee: a condition, or a later time.
_ON_A_CONDITION = re.compile(r"\b(?:if|when|should|provided|providing|unless|as[ \t]+long[ \t]+as"
                             r"|subject[ \t]+to)\b", re.IGNORECASE)
_LATER = re.compile(r"\b(?:rises?|rising|increases?|increasing|goes[ \t]+up|going[ \t]+up|"
                    r"will[ \t]+(?:rise|increase|go[ \t]+up|be|become)|becomes?|drops?|reduces?|"
                    r"reducing|falls?|steps[ \t]+(?:up|down)|from[ \t]+week|after[ \t]+"
                    r"(?:the[ \t]+)?(?:first[ \t]+)?\w+[ \t]+weeks?)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(text[:_MAX_CHARS]) if sentence.strip()]


def left_out(text: str) -> tuple[str, ...]:
    """What a fee in the prose is said to leave out, with no amount of its own, in the home's
    words ("transport to school"), in order."""
    found: list[str] = []
    for sentence in _sentences(text):
        fee = _A_WEEKLY_FEE.search(sentence)
        if fee is None:
            continue
        for leaves in _LEAVES_OUT.finditer(sentence, fee.end()):
            what = _WHAT_ENDS.split(leaves["what"], maxsplit=1)[0].strip(" \t-\u2013\u2014")
            rest = sentence[leaves.end():]
            if _VAT_OR_NOTHING.fullmatch(what) or rest.lstrip().startswith(("£", "(")) or (
                    re.match(r"[ \t]*(?:at|of|is|costs?|charged)\b[^£\n]{0,20}£", rest)):
                continue  # "+ VAT", or priced: "excluding education at £350 pw" is an extra
            if what and what.casefold() not in (before.casefold() for before in found):
                found.append(what)
    return tuple(found)


def another_fee_at(sentence: str) -> int | None:
    """In a sentence from its fee on, where the clause opens that turns from the fee to
    another fee on a condition or from a later time ("though this rises to £5,200 a week from
    week 13"), not to an extra it prices; None when there is none."""
    for turn in _TURNS.finditer(sentence):
        clause = sentence[turn.start():]
        if not re.search(_MONEY, clause) or adds_an_extra(clause):
            continue
        if _ON_A_CONDITION.search(clause) or _LATER.search(clause):
            return turn.start()
    return None


def other_fees(text: str) -> tuple[str, ...]:
    """Each weekly fee with a clause after it that names another fee on a condition or from a
    later time, in the home's words from the fee on ("£4,900 a week but £4,600 if she can
    share a bathroom")."""
    found: list[str] = []
    for sentence in _sentences(text):
        fee = _A_WEEKLY_FEE.search(sentence)
        if fee is None:
            continue
        at = another_fee_at(sentence[fee.end():])
        if at is not None:  # from the fee on: "£4,900 a week but £4,600 if …"
            words = " ".join(sentence[fee.start():].split()).strip(" ,")
            if words not in found:
                found.append(words)
    return tuple(found)
