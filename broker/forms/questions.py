"""The council's questions, answered line by line: each answer said in the reply's own words.

Placements teams often send providers a few numbered questions ("1. Do you currently have a
vacancy for her?", "3. What would the weekly fee be?", "4. When could she move in?"), and
providers answer after each question or under it. An answer alone means nothing ("Yes", "No",
"£1,185", "Fri 11th"); with its question it is a vacancy, needs that can or cannot be met, a
fee or a start. So each line of a question and its answer is said as the reply would have
said it itself:

    Do you have a vacancy for her? Yes          ->  We have a vacancy for her.
    Do you have a vacancy? No                   ->  We have no vacancy.
    Can your carer manage her CSE risk? No      ->  We cannot meet the needs.
    Can your carer manage her CSE risk? Yes     ->  (as written: needs met are no bed)
    What would the weekly fee be? £1,185        ->  Weekly fee: £1,185
    When could she move in? Fri 11th            ->  We will have a bed from Fri 11th.

Any remark after a yes or no stays ("Yes - both carers are trained" keeps its remark). A
question about anything else ("Could you support family time twice a week? No") is left as
written: what its answer means is not the home's decision. A "No" to the form's own "Can you
meet needs?" is read where the form's fields are, as its decision.
"""

from __future__ import annotations

import re

__all__ = ["answered_questions"]

# A question and its answer on one line, numbered or not: "1. Do you …? Yes – from 14/12".
_ANSWERED = re.compile(r"(?im)^(?P<lead>[ \t]*(?:\d{1,2}[.)][ \t]*)?)(?P<question>[A-Za-z][^?\n]"
                       r"{4,150})\?[ \t]*(?P<answer>\S[^\n]{0,200})$")
_ADVERB = r"(?:(?:honestly|sadly|unfortunately|regrettably|definitely|absolutely)[ \t]*,?[ \t]*)?"
_YES = re.compile(rf"(?i){_ADVERB}(?:yes|y|yep|yeah|correct)\b[ \t]*[-\u2013\u2014,.:;!]*[ \t]*")
_NO = re.compile(rf"(?i){_ADVERB}(?:no|n|nope|not\s+at\s+(?:present|the\s+moment)|not\s+currently|"
                 r"none(?:\s+at\s+(?:present|the\s+moment))?)\b[ \t]*[-\u2013\u2014,.:;!]*[ \t]*")
_ABOUT_THE_FEE = re.compile(r"(?i)\b(?:fee|fees|cost|costs|rate|price|charge)\b")
_ABOUT_THE_START = re.compile(r"(?i)\b(?:when|start|move\s+in|moving\s+in|admission|available\s+"
                              r"from|earliest|how\s+soon|(?:she|he|they)\s+move)\b")
_ABOUT_A_VACANCY = re.compile(r"(?i)\b(?:vacanc(?:y|ies)|beds?|capacity|space|room|carer\s+"
                              r"(?:with|available|free))\b")
_ABOUT_NEEDS = re.compile(r"(?i)\b(?:meet|manage)\b")
_TERMS_ASKED = (("weekly_fee", _ABOUT_THE_FEE), ("available_from", _ABOUT_THE_START))
_LABELS = {"weekly_fee": "Weekly fee", "available_from": "Available from"}
# An answer that is a figure or a day, not a sentence of its own ("We're not sure yet").
_A_TERM = re.compile(r"(?:(?:from|on|w/?c|about|around|approx\.?)\s+)?(?:£|\d|the\s+\d|asap\b|"
                     r"immediately|today|tomorrow|tonight|next\b|this\b|mon|tue|wed|thu|fri|sat|"
                     r"sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_A_DAY = re.compile(r"\d|\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|"
                    r"oct|nov|dec|today|tomorrow|tonight|asap|next)", re.IGNORECASE)
# The form's own decision question, read with the form's fields: left as it is.
_THE_FORMS_QUESTION = re.compile(r"(?i)^\s*can\s+you\s+meet\s+(?:the\s+|her\s+|his\s+|their\s+)?"
                                 r"(?:child['’]s\s+)?needs\s*$")


def answered_questions(text: str) -> tuple[str, dict[str, str]]:
    """The text with each answered question said as the reply would have said it, and the
    fee and start so answered, as the form's fields would give them."""
    if "?" not in text:
        return text, {}
    fields: dict[str, str] = {}
    said = _ANSWERED.sub(lambda line: _said(line, fields), text)
    return said, fields


def _said(line: re.Match[str], fields: dict[str, str]) -> str:
    question, answer = line["question"], line["answer"].strip()
    yes, no = _YES.match(answer), _NO.match(answer)
    for key, about in _TERMS_ASKED:
        if about.search(question) and yes is None and no is None and _A_TERM.match(answer):
            fields.setdefault(key, answer)
            if key == "available_from" and _A_DAY.search(answer):  # a bed from that day
                return f"{line['lead']}We will have a bed from {answer}."  # answers a no
            return f"{line['lead']}{_LABELS[key]}: {answer}"
    if (yes is None and no is None) or _THE_FORMS_QUESTION.match(question):
        return line.group()
    said = _said_of(question, yes is not None)
    if said is None:
        return line.group()
    rest = answer[(yes or no).end():].strip()  # type: ignore[union-attr]
    return f"{line['lead']}{said}{f' - {rest}' if rest else ''}."


def _said_of(question: str, yes: bool) -> str | None:
    """The answer to a question about a vacancy or about the child's needs, in words."""
    if _ABOUT_A_VACANCY.search(question):
        return "We have a vacancy" if yes else "We have no vacancy"
    if _ABOUT_NEEDS.search(question) and not yes:  # (needs met say nothing of a bed: a yes
        return "We cannot meet the needs"  # beside "Current vacancy? No" is still a decline)
    return None
