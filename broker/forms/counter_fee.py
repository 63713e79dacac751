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
which term it changes: the start, a condition or a cost). A start said as it stands ("from
14/12 as planned", "from the start we offered", the day the offer's start) changes nothing;
a fee for a while ("£4,500 for now – we'll review the fee at the 12-week LAC review",
"initially", "until April") is a condition on it (round 59). "Our best is £4,700" puts £4,700
forward, as do words after a figure ("£4,700 is our floor", "4.6k and we have a deal"),
and so does a fee stated plainly in answer to our proposal: "Our fee is £4,800", "the
fee is £4,700 a week", "their fee is £4,800" (a placement officer speaking for the home's
owner), unless supposed ("if the fee is £4,500 …"), asked ("the fee is £4,500?") or refused
after it ("the fee is £4,500, which we can't do"). Read only when the reply has no form line
and no instruction with a fee.

A clause giving the reason for the start ("from 21/12 – our current young person doesn't move
on until the 18th", "… because our current resident leaves on the 18th", "… as the room is
free only after the 19th", "… due to …") is no other term: its days say why the start is then
(`_without_reasons`, ux48). A condition or a cost in it ("because it is subject to panel") is
still one, and so is the home's own limit ("– we can't take her full time until 4/1").

A start said as the earliest day is a start (round 62): "not until after the half term –
22/02/2027", "not before 22/02/2027", "no earlier than …", "earliest …", "w/c …"; a day said
on its own after a dash, a comma or a bracket is the day of a start whose clause names none
("after the half term – 22/02/2027", `_day_said`). Such a counter is never a fee round alone.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from broker.forms.dates import parse_uk_date
from broker.forms.spoken_amounts import amounts_in_figures
from broker.forms.values import parse_money_weekly

# A fee stated plainly, in answer to our proposal: "Our fee is £4,800", "the fee is £4,700 a
# week", "their fee is £4,800" (a placement officer speaking for the home's owner), "our
# weekly rate would be £4,750", "the fee for her remains £4,900".
_STATED = (r"\b(?:our|their|the)\s+(?:(?:weekly|new|revised)\s+)?(?:fee|rate|price|charge)"
           r"(?:\s+for\s+(?:her|him|them|this\s+(?:placement|one|child|young\s+\w+)))?"
           r"\s+(?:is|would\s+be|will\s+be|remains|stays|has\s+to\s+be|needs\s+to\s+be)"
           r"(?:\s+still)?")
_STATED_CUE = re.compile(_STATED, re.IGNORECASE)
# Before a stated fee in its clause, words that make it no statement: "If the fee is
# £4,500 we can't …", "whether the fee is …", "your fee is …" is not there (only ours).
# After it, words that refuse it: "the fee is £4,500, which we can't do", "… but that is too
# low" (not "our fee is £4,800 and not negotiable").
_REFUSED_AFTER = re.compile(r"\b(?:which|that|but)\b[^.;]{0,40}?(?:n['’]t\b|\bnot\b|\bcannot\b)"
                            r"|\btoo\s+(?:low|little)\b", re.IGNORECASE)
_SUPPOSED = re.compile(r"\b(?:if|whether|unless|when|what|assuming|supposing)\b", re.IGNORECASE)
# Words that put a figure forward, just before it; "can't do", "could not do" and "could you
# do" do not match (the words must be next to each other).
_COUNTER_BEFORE = re.compile(
    r"\b(?:(?:could|can)\s+meet\s+you\s+at"
    r"|(?:could|can)\s+do"
    r"|best\s+(?:we|i)\s+(?:can|could)\s+(?:do|offer)\s+(?:is|would\s+be)"
    r"|\b(?:our|my)\s+(?:very\s+)?(?:best|lowest|final)(?:\s+(?:fee|price|rate|offer))?"
    r"\s+(?:is|would\s+be|will\s+be)"
    r"|(?:could|can)\s+(?:go|come\s+down|drop|reduce\s+(?:it|our\s+fee))\s+to"
    rf"|{_STATED})"
    r"\s+(?=£)", re.IGNORECASE)
# A figure put forward by words after it (round 60): "£4,700 is our floor", "£4,650 is the
# lowest we can go", "4.6k and we have a deal", "£4,600 and we'll sign". The figure may be
# written without "£" as thousands ("4.6k", "4,600"), never as a bare small number.
_COUNTER_AFTER = re.compile(
    r"(?P<fee>£\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?k\b)?|\b\d{1,2}(?:\.\d{1,3})?\s?k\b"
    r"|\b\d{1,2},\d{3}(?:\.\d\d)?\b)"
    r"(?:\s*(?:pw|p/w|per\s+week|a\s+week))?[\s,]+"
    r"(?:(?:is|would\s+be|will\s+be)\s+(?:our|my|the)\s+(?:very\s+|absolute\s+)?"
    r"(?:floor|bottom\s+line|best|lowest|final|minimum|limit)\b"
    r"|and\s+(?:we\s+have|we['’]ve\s+got|you['’]ve\s+got|it['’]s|that['’]s)\s+a\s+deal\b"
    r"|and\s+we(?:['’]ll|\s+will|\s+can)\s+(?:agree|accept|sign|go\s+ahead|proceed)\b)",
    re.IGNORECASE)
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

def _for_a_while(after: str) -> bool:
    """Whether the words after a figure make it a fee for a while only; the weeks of another
    term restated "with … as before" ("Our best is £4,850 per week, with the 2:1 for the
    first 8 weeks as before") are that term's, not the fee's (ux49c 3)."""
    found = _FOR_A_WHILE.search(after)
    if found is None:
        return False
    return not (re.search(r"\bwith\b", after[:found.start()], re.IGNORECASE)
                and _AS_IT_STANDS.search(after, found.end()))


# After the figure, in the rest of the reply, another term of the placement changed or added:
# a start ("but only from 04/01/2027", "starting 4 January", "the start would be …"), a
# condition ("if", "provided", "subject to"), or an extra ("plus", "+", "additional", "on top").
# A start said as the earliest day, the day after its words (round 62): "not until …",
# "not before …", "no earlier than …", "earliest …", "w/c …" ("week commencing").
_EARLIEST = (r"(?:not|n['’]t)\s+(?:until|till|before)|no\s+(?:earlier|sooner)\s+than"
             r"|(?:at\s+the\s+)?earliest|w/c|week\s+(?:commencing|beginning)")
_ANOTHER_TERM = re.compile(
    rf"\b(?:{_EARLIEST}"
    r"|from|starting|start(?:\s+date)?|move[\s-]?in|until|till|after|provided|providing"
    # a fee for a while: "for now – we'll review the fee", "initially", "to begin with"
    r"|for\s+now|for\s+the\s+time\s+being|initially|at\s+first|to\s+(?:begin|start)\s+with"
    r"|temporar\w*|interim|review\w*"
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


def counter_fee(text: str, start: date | None = None) -> Decimal | None:
    """The last fee the text puts forward as the home's own, or None when it puts none
    forward (or the figure it puts forward is no whole weekly fee, e.g. "£4,600 + VAT").
    `start`: the start the home offered, which said again changes nothing."""
    fee, term = _put_forward(text, start)
    return fee if term is None else None


def counter_on_other_terms(text: str, start: date | None = None
                           ) -> tuple[Decimal, str] | None:
    """The fee the text puts forward with another term of the placement changed after it, and
    which term: START ("but only from 04/01/2027"), CONDITION ("if she attends our school",
    "for now – we'll review the fee") or COST ("plus £300 a week for transport"); None when it
    puts no such figure forward. A start said as it stands (`start`, or "as planned") is none."""
    fee, term = _put_forward(text, start)
    return (fee, term) if fee is not None and term is not None else None


START, CONDITION, COST = "start", "condition", "cost"
_START_WORDS = re.compile(rf"{_EARLIEST}|from|starting|start|move|after", re.IGNORECASE)
# A start said as it stands, after the start's word in its clause: "from 14/12 as planned",
# "start date as agreed", "from the 14th as per our offer", "from the date we offered".
_AS_IT_STANDS = re.compile(r"\bas\s+(?:planned|before|agreed|arranged|offered|discussed|"
                           r"per\s+(?:our|the|my)\s+offer)\b|\bunchanged\b|\bsame\b"
                           r"|\b(?:we|you)\s+(?:offered|agreed|planned)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;,](?:\s|$)|\n|\s[–—-]\s|\b(?:but|and|plus|if|then)\b",
                         re.IGNORECASE)
_COST_WORDS = re.compile(r"plus|additional|extra|on\s+top|excluding|exclusive|not\s+including|\+",
                         re.IGNORECASE)


def _last_put_forward(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The words that put the text's last figure forward: before it (`_COUNTER_BEFORE`,
    first) or after it (`_COUNTER_AFTER`, second, "£4,700 is our floor"); one is None."""
    found = list(_COUNTER_BEFORE.finditer(text))
    after_it = list(_COUNTER_AFTER.finditer(text))
    if after_it and (not found or after_it[-1].start() >= found[-1].end()):
        return None, after_it[-1]
    return (found[-1] if found else None), None


def _figure_at(text: str) -> int | None:
    """Where the words putting the last figure forward end, the other terms read from there
    ("£4,600 is our floor, from 04/01/2027" as "We can do £4,600 but only from 04/01/2027")."""
    before, after = _last_put_forward(text)
    return after.end() if after is not None else before.end() if before is not None else None


def _put_forward(text: str, offered: date | None = None
                 ) -> tuple[Decimal | None, str | None]:
    """The last figure the text puts forward as the home's fee, and the other term changed
    after it (None when none is)."""
    text = amounts_in_figures(text[:5000])
    before, after_words = _last_put_forward(text)
    if after_words is not None:
        return _put_forward_before_its_words(text, after_words, offered)
    if before is None:
        return None, None
    start = before.end()
    end = _SENTENCE_END.search(text, start + 2)
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, before.start())),
                       default=0)
    after = text[start:end.start() if end else len(text)]
    if _NOT_PUT_FORWARD.search(text, clause_start, before.start()) or _for_a_while(after):
        return None, None
    if _STATED_CUE.match(text, before.start()) and (
            _SUPPOSED.search(text, clause_start, before.start())
            or (end is not None and end.group().startswith("?"))
            or _REFUSED_AFTER.search(after)):
        return None, None  # "If the fee is £4,500 …", "the fee is £4,500?", "… isn't enough"
    try:
        fee = parse_money_weekly(after)
    except ValueError:
        return None, None
    return fee, another_term(_its_paragraph(text, start), offered)


def _put_forward_before_its_words(text: str, found: re.Match[str], offered: date | None
                                  ) -> tuple[Decimal | None, str | None]:
    """The figure words after it put forward ("£4,700 is our floor"), unless its clause takes
    it back ("if only …", "not") or asks ("… and we have a deal?"), and the other term changed
    after it."""
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, found.start())),
                       default=0)
    end = _SENTENCE_END.search(text, found.end())
    if _NOT_PUT_FORWARD.search(text, clause_start, found.start()) or _SUPPOSED.search(
            text, clause_start, found.start()) or (end is not None and end.group()
                                                   .startswith("?")):
        return None, None
    try:
        fee = parse_money_weekly(found["fee"])
    except ValueError:
        return None, None
    return fee, another_term(_its_paragraph(text, found.end()), offered)


# A clause giving the reason for the start (ux48 W5): after "because", "due to", "owing to",
# "given that", or "as"/"since" and a subject ("as our current young person leaves on the
# 18th", not "as planned", "as long as", "as we agreed"); or, after a dash, a semicolon or
# a sentence's end, a clause that something else is not so until a day ("– our current
# young person doesn't move on until the 18th"; not the home's own "– we can't take her full
# time until 4/1", nor "– not until 21/12", which are terms). It runs to its sentence's end.
_SUBJECT = r"(?:our|the|we|she|he|they|there|it|her|his|their|this|that|a|an|i)"
_REASON = re.compile(
    r"(?:\b(?:because|due\s+to|owing\s+to|given\s+that)\b"
    rf"|\b(?:as|since)\s+(?={_SUBJECT})"
    r"(?!(?:we|you|i)\s+(?:offered|agreed|planned|discussed|said|arranged|mentioned)\b"
    r"|it\s+stands\b)"
    r"|(?:\s[–—-]|[;.])\s+(?!(?:we|i|not|no|never|but|only|and)\b)"
    r"(?=[^.;!?\n]{0,60}?(?:n['’]t\b|\bnot\b|\bno\s+longer\b)"
    r"[^.;!?\n]{0,40}?\b(?:until|till|before)\b))"
    r"[^.;!?\n]*", re.IGNORECASE)
# The words of `_ANOTHER_TERM` a reason for the start may hold, its days' words.
_TIME_WORDS = re.compile(rf"{_EARLIEST}|from|starting|start|move|after|until|till",
                         re.IGNORECASE)


def _without_reasons(text: str) -> str:
    """The text without the clauses that give the reason for the start (`_REASON`), save one
    that names a condition or a cost ("because it is subject to panel", "as we charge
    £50 extra"): those are terms wherever they are said."""
    def kept(reason: re.Match[str]) -> str:
        said = reason.group()
        if any(not _TIME_WORDS.match(word.group())
               for word in _ANOTHER_TERM.finditer(said)) or "£" in said:
            return said
        return "." if said.lstrip().startswith((".", ";")) else ""
    return _REASON.sub(kept, text)


def another_term(text: str, offered: date | None = None) -> str | None:
    """The first term of the placement the text changes or adds besides a fee: START ("from
    04/01/2027"), CONDITION ("subject to panel", "for now – we'll review the fee") or COST
    ("plus £50 mileage"); None when it names none, or only the start as it stands ("from
    14/12 as planned", the day `offered`). A reason given for the start is none
    (`_without_reasons`)."""
    for term in _ANOTHER_TERM.finditer(_without_reasons(text)):
        word = term.group()
        if not _START_WORDS.match(word):
            return COST if _COST_WORDS.match(word) else CONDITION
        if not _start_as_it_stands(text[term.end():], offered):
            return START
    return None


def counter_start(text: str, offered: date) -> date | None:
    """The new start a counter puts forward with its fee, when the start is the only other
    term it changes ("We can do £4,500 but only from 21/12", `counter_on_other_terms`
    START), the day read near `offered` (the start on record); None when it changes no start,
    changes a condition or a cost as well ("from 21/12 plus £50 mileage"), or its day cannot
    be read."""
    body = amounts_in_figures(text[:5000])
    fee, term = _put_forward(text, offered)
    at = _figure_at(body)
    if fee is None or term != START or at is None:
        return None
    paragraph = _without_reasons(_its_paragraph(body, at))
    new: date | None = None
    for word in _ANOTHER_TERM.finditer(paragraph):
        if not _START_WORDS.match(word.group()):
            return None  # a condition or a cost as well: no start alone
        after = paragraph[word.end():]
        if new is not None or _start_as_it_stands(after, offered):
            continue
        new = _day_said(after, offered)  # None: "the start would be …", its day may follow
    return new if new != offered else None


# A day said on its own after a dash, a comma or a bracket: "– 22/02/2027", ", w/c 22/02".
_APPOSITION = re.compile(r"\s*(?:[–—-]|,|\()\s*")
_APPOSITION_REACH = 30


def _day_said(after: str, offered: date) -> date | None:
    """The day a start's clause says (`after` its word, read near `offered`), or the day said
    on its own straight after the clause when the clause has none ("not until after the half
    term – 22/02/2027", round 62: the half term is no day, the dash gives it); None when
    neither says one."""
    end = _CLAUSE_END.search(after)
    clause = after[:end.start() if end else 80][:80]
    try:
        return parse_uk_date(clause, offered) if clause.strip() else None
    except ValueError:
        pass
    apposed = _APPOSITION.match(after, end.start()) if end is not None else None
    if apposed is None:
        return None
    said = after[apposed.end():]
    stop = _CLAUSE_END.search(said)
    said = said[:stop.start() if stop else _APPOSITION_REACH]
    if not said.strip() or len(said.strip()) > _APPOSITION_REACH:
        return None
    try:
        return parse_uk_date(said.strip(" ()"), offered)
    except ValueError:
        return None


_A_START = re.compile(r"\b(?:from|starting|start(?:\s+date)?|move[\s-]?in)\b", re.IGNORECASE)
_STARTS = re.compile(rf"\b(?:{_EARLIEST}|from|starting|start(?:\s+date)?|move[\s-]?in|after)\b",
                     re.IGNORECASE)
# "22/02/2027 at the earliest": the day before the words.
_AT_THE_EARLIEST = re.compile(r"(?P<day>[^.;!?\n–—]{4,30}?)\s+at\s+the\s+earliest\b",
                              re.IGNORECASE)


def later_start_said(text: str, offered: date) -> date | None:
    """The latest day later than `offered` (the start on record) the text says as a start,
    whatever else it says ("We'd be looking at after the half term for a start – 22/02/2027
    at the earliest", "can't do 14/12, not until 22/02/2027"), or None: the safety net for a
    reply read as no counter, so that an agreement never starts on the day on record
    unseen when the home last said a later one (workflows/counter_start.py `doubted`)."""
    body = text[:5000]
    days = [_day_said(body[word.end():], offered) for word in _STARTS.finditer(body)]
    days += [_day_or_none(found["day"], offered) for found in _AT_THE_EARLIEST.finditer(body)]
    return max((day for day in days if day is not None and day > offered), default=None)


def _day_or_none(text: str, offered: date) -> date | None:
    try:
        return parse_uk_date(text, offered)
    except ValueError:
        return None


def start_as_it_stands(text: str, offered: date | None) -> bool:
    """Whether the text says the start on record as it stands ("£4,500 agreed, start as
    planned 14/12", "Agreed at £4,500 from 14/12", `offered` being the 14th)."""
    return any(_start_as_it_stands(text[word.end():word.end() + 200], offered)
               for word in _A_START.finditer(text[:5000]))


def _start_as_it_stands(after: str, offered: date | None) -> bool:
    """Whether the start's clause (`after` its word) says it as it stands: "as planned", "as
    per our offer", or the day the home offered ("from 14/12" when it offered the 14th)."""
    clause = after[:(end.start() if (end := _CLAUSE_END.search(after)) else 80)][:80]
    if _AS_IT_STANDS.search(clause):
        return True
    if offered is None or not clause.strip():
        return False
    try:
        return parse_uk_date(clause, offered) == offered
    except ValueError:
        return False
