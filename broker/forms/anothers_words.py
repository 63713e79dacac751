"""Someone else's words in a social worker's note: never hers, whichever reader reads the note.

A note above or below a referral's form may carry other people's words: a home's email
forwarded or quoted under a mail client's header ("---------- Forwarded message ---------",
"Begin forwarded message:", "-----Original Message-----", "On … wrote:": the header
broker.forms.reply_headers finds in a reply), under a line that ends saying whose words follow
("Oak House wrote:", "Mum says:", "Her manager replied -"), after a reporting verb on the same
line ("Dawn said: …", "Oak House replied – …", "According to Oak House, …", "Per Oak House,
…"), or in quotation marks ('…', "…", ‘…’, “…”, «…», „…“). Rule `noted-said-so`
(broker.forms.noted_changes) and rule `noted-of-this-referral` (broker.forms.noted_choices)
both read them by this one notion: such words never give a field its value; they are set
beside the form's value to be asked about, and over a blank field the field is asked for.
"""

from __future__ import annotations

import re

from broker.forms.reply_headers import a_history_header

__all__ = ["anothers_spans", "in_anothers_words", "opens_anothers_words", "own_words"]

_VERB = (r"\b(?:said|says|say|replied|replies|wrote|writes|told\s+\w+|asked|asks|rang|emailed|"
         r"texted|messaged|responded)")
# Another's words after it on the line: "Oak House replied: …", "Dawn said: …", "Her manager
# wrote – …", "According to Oak House, …", "Per Oak House, …" (opening a sentence: "£5,500 per
# week, …" reports nobody).
_REPORTED = re.compile(
    rf"{_VERB}\s*(?:[:\u2013\u2014]|\s-\s)|\baccording\s+to\s+[^,.:;!?\n]{{1,40}}[,:]"
    r"|(?:^|(?<=[.!?]\s))\s*(?:as\s+)?per\s+[^,.:;!?\n\d£]{1,40}[,:]", re.IGNORECASE)
# A line that ends saying whose words follow on the lines below: "Oak House wrote:".
_WORDS_FOLLOW = re.compile(rf"{_VERB}\s*(?:[:\u2013\u2014]|\s-)\s*$", re.IGNORECASE)
_QUOTE_MARKS = r"\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
# An opening quotation mark starts a word (an apostrophe inside one, "don't", opens none);
# a closing one ends it.
_OPENING_QUOTES = re.compile(rf"(?:^|(?<=[\s:(\[\u2013\u2014]))[{_QUOTE_MARKS}]")
_CLOSING_QUOTES = re.compile(rf"[{_QUOTE_MARKS}](?=[\s.,;:!?)\]\u2013\u2014]|$)")
_HEADER_CHARS = 1000  # a longer line is no mail client's header


def opens_anothers_words(line: str) -> bool:
    """Whether every line below this one is someone else's: a mail client's header over
    quoted or forwarded history (quoted with `>` or not), or a line ending "Oak House wrote:"."""
    bare = line.lstrip(" \t>")
    return len(bare) <= _HEADER_CHARS and (
        a_history_header(bare) or _WORDS_FOLLOW.search(bare) is not None)


def anothers_spans(line: str) -> list[tuple[int, int]]:
    """Where someone else's words are in the line, as (start, end): after a reporting verb
    to the line's end, and each quotation, from its opening mark to its closing one (or the
    line's end)."""
    spans: list[tuple[int, int]] = []
    if (reported := _REPORTED.search(line)) is not None:
        spans.append((reported.end(), len(line)))
    at = 0
    while (opening := _OPENING_QUOTES.search(line, at)) is not None:
        closing = _CLOSING_QUOTES.search(line, opening.end())
        at = closing.end() if closing is not None else len(line)
        spans.append((opening.start(), at))
    return spans


def in_anothers_words(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether the place `at` in a line is in someone else's words (`anothers_spans`)."""
    return any(start <= at < end for start, end in spans)


def own_words(line: str) -> str:
    """The line without someone else's words: each span of theirs is a dash between the
    writer's own clauses ("Their email: 'this is now an emergency' – so please hurry" keeps
    "Their email: – so please hurry")."""
    kept: list[str] = []
    at = 0
    for start, end in sorted(anothers_spans(line)):
        if start > at:
            kept.append(line[at:start])
        at = max(at, end)
    kept.append(line[at:])
    return " \u2013 ".join(part.strip() for part in kept if part.strip())
