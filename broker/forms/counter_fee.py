"""A weekly fee the chosen home puts back in the fee negotiation in its own words.

"We can't do £4,600 but could meet you at £4,725", "we could do £4,700 pw", "the best we can
do is £4,800", "we can come down to £4,750": the amount straight after words that offer it is
the home's counter-proposal. The fee refused in the same sentence ("can't do £4,600", "could
not do £4,600") is not, and a question ("could you do £4,800?") proposes nothing; nor does a
figure the sentence takes back ("we wish we could do £3,800", "there is no way we could do
£3,800") or one for a while before another ("£3,800 for 4 weeks, then £4,200"), which is
asked. Nor is a figure put forward with another term changed after it ("We can do £4,500 but
only from 04/01/2027 now", "… plus £300 a week for transport", round 58): a round records
the fee alone, so an AGREE to it would place the child on terms the home did not offer; the
reply is held and passed on in the home's words (`counter_on_other_terms` says the figure and
which term it changes: the start, a condition or a cost). Read only when the reply has no form
line and no instruction with a fee.
"""

from __future__ import annotations

import re
from decimal import Decimal

from broker.forms.spoken_amounts import amounts_in_figures
from broker.forms.values import parse_money_weekly

# Words that put a figure forward, just before it; "can't do", "could not do" and "could you
# do" do not match (the words must be next to each other).
_COUNTER_BEFORE = re.compile(
    r"\b(?:(?:could|can)\s+meet\s+you\s+at"
    r"|(?:could|can)\s+do"
    r"|best\s+(?:we|i)\s+(?:can|could)\s+do\s+(?:is|would\s+be)"
    r"|(?:could|can)\s+(?:go|come\s+down|drop|reduce\s+(?:it|our\s+fee))\s+to)"
    r"\s+(?=£)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
# Where the clause the figure is put forward in begins ("We can't do £4,600 but could meet
# you at £4,725": after "but").
_CLAUSE_START = re.compile(r"[.!?;,](?:\s|$)|\n|\b(?:but|however|although|though)\b",
                           re.IGNORECASE)
# Words before it in its clause that take the figure back: "We wish we could do £3,800",
# "There is no way we could do £3,800", "if only we could do £3,800".
_NOT_PUT_FORWARD = re.compile(r"\b(?:no\s+way|wish|if\s+only|never|nobody|unable|not)\b|n['’]t\b",
                              re.IGNORECASE)
# A figure for a while, then another: "We could do £3,800 for 4 weeks, then £4,200" is no
# one weekly fee, and is asked.
_FOR_A_WHILE = re.compile(r"\bfor\s+(?:the\s+first\s+)?\w+\s+weeks?\b|\bthen\b[^£]{0,30}£",
                          re.IGNORECASE)

# After the figure, in the rest of the reply, another term of the placement changed or added:
# a start ("but only from 04/01/2027", "starting 4 January", "the start would be …"), a
# condition ("if", "provided", "subject to"), or an extra ("plus", "+", "additional", "on top").
_ANOTHER_TERM = re.compile(
    r"\b(?:from|starting|start(?:\s+date)?|move[\s-]?in|until|till|after|provided|providing"
    # ("if that helps", "if that's OK" ask whether the figure will do, and change nothing)
    r"|if(?!\s+(?:that|this|it)(?:['’]s\s+(?:ok|okay|acceptable|agreeable|alright|any\s+good)|"
    r"\s+(?:helps?|works?|suits?|is\s+(?:ok|okay|acceptable|agreeable|alright)))\b"
    r"|\s+(?:acceptable|agreeable|ok|okay)\b)"
    r"|subject\s+to|as\s+long\s+as|on\s+condition|plus|additional|extra|on\s+top|excluding"
    r"|exclusive\s+of|not\s+including)\b|(?<![\w£])\+", re.IGNORECASE)
_TERMS_REACH = 400
# Where the figure's paragraph ends: a blank line, or a sign-off ("Thanks, Jo", whose
# signature's "available from 9am" is no term).
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\b(?:kind\s+regards|regards|thanks|thank\s+you|many\s+"
                            r"thanks|cheers|best\s+wishes)\b", re.IGNORECASE)


def _its_paragraph(text: str, start: int) -> str:
    """The rest of the figure's paragraph from `start`, up to _TERMS_REACH characters."""
    rest = text[start:start + _TERMS_REACH]
    end = _PARAGRAPH_END.search(rest)
    return rest[:end.start()] if end else rest


def counter_fee(text: str) -> Decimal | None:
    """The last fee the text puts forward as the home's own, or None when it puts none
    forward (or the figure it puts forward is no whole weekly fee, e.g. "£4,600 + VAT")."""
    fee, term = _put_forward(text)
    return fee if term is None else None


def counter_on_other_terms(text: str) -> tuple[Decimal, str] | None:
    """The fee the text puts forward with another term of the placement changed after it, and
    which term: START ("but only from 04/01/2027"), CONDITION ("if she attends our school") or
    COST ("plus £300 a week for transport"); None when it puts no such figure forward."""
    fee, term = _put_forward(text)
    return (fee, term) if fee is not None and term is not None else None


START, CONDITION, COST = "start", "condition", "cost"
_START_WORDS = re.compile(r"from|starting|start|move|until|till|after", re.IGNORECASE)
_COST_WORDS = re.compile(r"plus|additional|extra|on\s+top|excluding|exclusive|not\s+including|\+",
                         re.IGNORECASE)


def _put_forward(text: str) -> tuple[Decimal | None, str | None]:
    """The last figure the text puts forward as the home's fee, and the other term changed
    after it (None when none is)."""
    text = amounts_in_figures(text[:5000])
    found = list(_COUNTER_BEFORE.finditer(text))
    if not found:
        return None, None
    start = found[-1].end()
    end = _SENTENCE_END.search(text, start + 2)
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, found[-1].start())),
                       default=0)
    after = text[start:end.start() if end else len(text)]
    if _NOT_PUT_FORWARD.search(text, clause_start, found[-1].start()) or \
            _FOR_A_WHILE.search(after):
        return None, None
    try:
        fee = parse_money_weekly(after)
    except ValueError:
        return None, None
    term = _ANOTHER_TERM.search(_its_paragraph(text, start))
    if term is None:
        return fee, None
    word = term.group()
    return fee, (START if _START_WORDS.match(word) else COST if _COST_WORDS.match(word)
                 else CONDITION)
