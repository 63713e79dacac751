"""The questions a provider's reply asks the council, beside its answer.

"We're interested. Two questions: 1. Is she open to CAMHS at the moment? 2. Would her mum be
having unsupervised contact?" is an expression of interest and two questions about the child
that only the placements team can answer (the service answers no question about the child
itself). `questions_asked` lists them, each as written, so that they can be passed on to the
team and the home told so, rather than dropped with the answer recorded.

A question is a sentence of the reply's own words (quoted history is gone before this) that
ends in "?" and is left open for the council to answer. Not one the home answers itself:

- answered in the clause after it or on the line under it, however long the answer, when that
  answer opens on a yes or a no ("Do you have a vacancy? Yes", "Can you meet needs?: No",
  "Could we stretch to 2:1 for her? Sadly not – we're 1:1 only"), a day or a sum ("When could
  she move in? Fri 11th", "How soon could she move? Monday 14th if you like", "Fee?" over
  "£4,300 pw"), an "A." ("Q1. Do you have a vacancy?" over "A. Yes – one bed") or a shrug
  ("Will she settle? Who knows – but we'd like to try"); and, to a question about the home
  ("Can we meet 2:1?"), "we can", "we can't", "we do"…; a short heading's question ("Fee?",
  "Start?") by whatever follows it. What the home says of its own situation is no answer:
  "Would she be OK sharing with a 12-year-old boy? He is very settled" still asks;
- quoted, from the referral or from us (`You asked "Can you meet her needs?" – yes`);
- a greeting ("Hi Sam, hope you're well?") or a signature's stock line ("Any questions?"
  over "Call Priya on …", "Questions about a placement?").
"""

from __future__ import annotations

import re

from broker.forms.prose import asks

__all__ = ["questions_asked"]

_MAX_CHARS = 20_000
_MOST = 10  # a reply asking more is still passed on with its first ten
_LONGEST = 400
# A sentence that ends in "?", after the line's start, a list's number or the sentence before.
_QUESTION = re.compile(r"(?:^|(?<=[.!?:;]))[ \t]*(?P<question>[^.!?\n]*?[A-Za-z][^.!?\n]*\?)",
                       re.MULTILINE)
_QUOTE_MARKS = "\"\u201c\u201d'\u2018\u2019\u00ab\u00bb"
# What is before an answer: a colon, a dash, "A." or "Answer:" ("Q1. … ?" over "A. Yes").
_BEFORE_AN_ANSWER = re.compile(r"[ \t:\-\u2013\u2014]*(?:(?:a|answer|ans)[ \t]*[.:)\-][ \t]*)?",
                               re.IGNORECASE)
_A_MARKED_ANSWER = re.compile(r"[ \t]*(?:a|answer|ans)[ \t]*[.:)\-]", re.IGNORECASE)
_DAYS = (r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?"
         r"|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|tomorrow|tonight|asap|immediately"
         r"|next[ \t]+(?:week|month)")
# An answer, whoever asked: a yes or a no (but not "no worries"), a day or a sum (but not a
# list's next number, "2. Would her mum …"), or a shrug.
_AN_ANSWER = re.compile(
    r"(?:(?:honestly|sadly|unfortunately|regrettably|absolutely|definitely|certainly)\b"
    r"|(?:yes|yeah|yep|yup|y|correct|of[ \t]+course|n|nope|n/?a|none|nil|tbc)\b"
    r"|no\b(?![ \t]+(?:worries|problem|pressure|rush)\b)"
    r"|not\b(?![ \t]+(?:sure|certain|clear)\b)"
    r"|who[ \t]+knows|hard[ \t]+to[ \t]+(?:say|tell)|difficult[ \t]+to[ \t]+say"
    r"|time[ \t]+will[ \t]+tell|hopefully\b"
    rf"|£|(?:the[ \t]+|from[ \t]+|on[ \t]+|w/?c[ \t]+)?(?:\d(?!\d?[.)](?:[ \t]|$))|(?:{_DAYS})\b))",
    re.IGNORECASE)
# And, to a question about the home ("Can we meet 2:1? We can't, but …"), the home's own yes
# or no.
_OUR_ANSWER = re.compile(r"(?:we|i)[ \t]+(?:can|cannot|could|do|are|have|would|will)"
                         r"(?:n['’]?t)?\b|we['’](?:re|ve)\b|(?:we|i)[ \t]+(?:won['’]?t|am)\b"
                         r"|(?:full|fine|ok|okay|sure|happy|able|unable)\b", re.IGNORECASE)
# A question about the home: "Can we meet her needs?", "Do you have a vacancy?" (the council's,
# copied above the home's answer).
_ABOUT_US = re.compile(r"\b(?:can|could|do|are|have|would|will|should|shall|may|might|did|were)"
                       r"(?:n['’]?t)?[ \t]+(?:we|you|i)\b", re.IGNORECASE)
# A heading's question, answered by whatever follows it: "Fee?", "Start date?".
_HEADING_WORDS = 3
# The question quoted: "You asked whether we could meet her needs?", "Re your question …".
_REPORTED = re.compile(r"\b(?:you|the[ \t]+(?:referral|form))[ \t]+(?:asked|asks|wondered"
                       r"|wanted[ \t]+to[ \t]+know)\b|\byour[ \t]+question\b", re.IGNORECASE)
# A greeting ("Hi Sam, hope you're well?", "How are you?") or a signature's stock line ("Any
# questions?", "Questions about a placement?", "Need help?").
_NO_QUESTION = re.compile(
    r"\b(?:hope|hoping|trust)[ \t]+(?:you|all|everyone|things|this|your|the[ \t]+team)\b"
    r"[^?]{0,30}?\b(?:well|good|ok|okay|fine|great|nice|lovely|weekend|week|break|holiday"
    r"|christmas|going|finds?)\b[^?]{0,20}\?$"
    r"|\bhow(?:['’]s|[ \t]+(?:are|r|is|was))[ \t]+(?:you|u|things|it[ \t]+going|everyone"
    r"|your[ \t]+(?:day|week|weekend))\b[^?]{0,20}\?$"
    r"|^(?:(?:any|got[ \t]+any|have[ \t]+(?:you[ \t]+)?(?:got[ \t]+)?any)[ \t]+)?"
    r"(?:(?:other|further|more)[ \t]+)?(?:questions?|quer(?:y|ies)|enquir(?:y|ies))\b"
    r"[^?]{0,40}\?$"
    r"|^need[ \t]+(?:help|advice|more[ \t]+information|to[ \t]+talk)\b[^?]{0,40}\?$",
    re.IGNORECASE)
# A line a form or a list opens ("1.", "Q2", "-") before its question.
_LEAD = re.compile(r"^[ \t>*\-\u2022]*(?:(?:q(?:uestion)?[ \t]?)?\d{1,2}[.):][ \t]*)?",
                   re.IGNORECASE)


def questions_asked(text: str) -> tuple[str, ...]:
    """The reply's own questions, each as written and in order (at most ten): every sentence
    ending in "?" that the home does not answer itself, quote or ask in greeting."""
    asked: list[str] = []
    lines = text[:_MAX_CHARS].splitlines()
    for at, line in enumerate(lines):
        if "?" not in line:
            continue
        for found in _QUESTION.finditer(line):
            question = " ".join(_LEAD.sub("", found["question"]).split())
            rest = line[found.end():]
            if (rest[:1] in _QUOTE_MARKS and rest[:1]) or _REPORTED.search(question):
                continue  # You asked "Can you meet her needs?" – yes, we can
            below = lines[at + 1:] if not rest.strip() else []
            if _answered(question, rest) or _answered_below(question, below):
                continue
            if len(question) > 3 and not _NO_QUESTION.search(question) and question not in asked:
                asked.append(question[:_LONGEST])  # (not "??" or "Ok?")
    return tuple(asked[:_MOST])


def _answered(question: str, after: str) -> bool:
    """Whether what follows the question, on its line or under it, opens on its answer."""
    if not after.strip() or after.lstrip().startswith("?"):
        return False
    answer = after[_BEFORE_AN_ANSWER.match(after).end():]  # type: ignore[union-attr]
    if _AN_ANSWER.match(answer) or (_ABOUT_US.search(question) and _OUR_ANSWER.match(answer)):
        return True
    # "Fee? £4,300", "Start date?" over "14/12": a heading's question, answered by what follows
    return (not asks(question) and len(question.split()) <= _HEADING_WORDS
            and "?" not in answer and not _thanks(answer))


def _answered_below(question: str, below: list[str]) -> bool:
    """Whether the line under a question that ends its line answers it ("Fee?" over "£4,300
    pw"), or, after a blank line, an "A." does."""
    if not below:
        return False
    if below[0].strip():
        return _answered(question, below[0])
    after = next((line for line in below if line.strip()), "")
    return bool(_A_MARKED_ANSWER.match(after)) and _answered(question, after)


_THANKS = re.compile(r"(?:many[ \t]+)?(?:thanks|thank|cheers|regards|best|kind|warm|sent|call"
                     r"|ring|phone|email|visit|contact)\b", re.IGNORECASE)


def _thanks(answer: str) -> bool:
    return _THANKS.match(answer.strip()) is not None
