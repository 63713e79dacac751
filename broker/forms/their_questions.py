"""The questions a provider's reply asks the council, beside its answer.

"We're interested. Two questions: 1. Is she open to CAMHS at the moment? 2. Would her mum be
having unsupervised contact?" is an expression of interest and two questions about the child
that only the placements team can answer (the service answers no question about the child
itself). `questions_asked` lists them, each as written, so that they can be passed on to the
team and the home told so, rather than dropped with the answer recorded.

A question is a sentence of the reply's own words (quoted history is gone before this) that
ends in "?". Not one the reply answers on its own line, as a form's or the council's
numbered questions are answered ("Do you have a vacancy? Yes", "Can you meet needs?: No",
"When could she move in? Fri 11th"): that is the home's answer, read as such.
"""

from __future__ import annotations

import re

__all__ = ["questions_asked"]

_MAX_CHARS = 20_000
_MOST = 10  # a reply asking more is still passed on with its first ten
_LONGEST = 400
# A sentence that ends in "?", after the line's start, a list's number or the sentence before.
_QUESTION = re.compile(r"(?:^|(?<=[.!?:;]))[ \t]*(?P<question>[^.!?\n]*?[A-Za-z][^.!?\n]*\?)",
                       re.MULTILINE)
# What follows a question on its line and answers it: "Yes", "No – from 14/12", "£4,850",
# "Fri 11th", "N/A", or any few words ("Not at present"), after a colon or a dash or not; but
# not thanks ("Is she open to CAMHS? Thanks, Jo").
_ANSWERED_AFTER = re.compile(
    r"[ \t]*[:\-\u2013\u2014]?[ \t]*(?:(?:yes|no|y|n|n/?a|none|nil|tbc)\b|£|\d"
    r"|(?=\S)(?!(?:many[ \t]+)?(?:thanks|thank|cheers|regards|best|kind|warm|sent)\b)"
    r"[^?\n]{1,30}$)", re.IGNORECASE)
# A line a form or a list opens ("1.", "Q2", "-") before its question.
_LEAD = re.compile(r"^[ \t>*\-\u2022]*(?:(?:q(?:uestion)?[ \t]?)?\d{1,2}[.):][ \t]*)?",
                   re.IGNORECASE)


def questions_asked(text: str) -> tuple[str, ...]:
    """The reply's own questions, each as written and in order (at most ten): every sentence
    ending in "?" that is not answered after it on its line."""
    asked: list[str] = []
    for line in text[:_MAX_CHARS].splitlines():
        if "?" not in line:
            continue
        for found in _QUESTION.finditer(line):
            rest = line[found.end():]
            if rest.strip() and _ANSWERED_AFTER.match(rest):
                continue  # "Do you have a vacancy? Yes": an answer, not a question
            question = " ".join(_LEAD.sub("", found["question"]).split())
            if len(question) > 3 and question not in asked:  # not "??" or "Ok?"
                asked.append(question[:_LONGEST])
    return tuple(asked[:_MOST])
