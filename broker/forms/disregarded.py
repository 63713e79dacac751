"""A referral whose own sender says, above the form, that it is not to be acted on.

"Please disregard the referral below – the family found a kinship placement this
afternoon. No placement needed." A social worker who forwards or quotes a referral with such
a note is calling the search off, not asking for one; broadcasting it would send the child's
story to every eligible home for nothing. `disregard_asked` finds the sentence that says so,
for workflows/review.py to hold the referral (rule `disregard-asked`): nothing goes until she
replies SEND (it was meant to go after all) or WITHDRAW.

Only her own note counts: the lines above the form and above any quoted or forwarded
history ("From: … Sent: …", "On … wrote:"), never a narrative's words ("Mum asked us to
cancel the CAMHS referral") nor someone else's. A note that supersedes an earlier email with
this one ("Please ignore my previous email, this is the right form") asks for this one to
go, and so does a negated one ("don't disregard this"). Pure; every pattern has bounded runs.
"""

from __future__ import annotations

import re

from broker.forms.anothers_words import opens_anothers_words
from broker.forms.reply_headers import history_start
from broker.forms.spec import FormSpec

__all__ = ["disregard_asked"]

_THIS = (
    r"(?:the\s+(?:referral|form|request|e-?mail)(?:\s+(?:below|attached|above|I\s+sent|"
    r"sent))?|the\s+(?:below|attached|above)\s+(?:referral|form|request|e-?mail)|"
    r"this\s+(?:referral|form|request)|(?:it|this)(?=\s*(?:[.,;:!\u2013\u2014-]|$)))"
)
_ASKS = re.compile(
    rf"\b(?:please\s+)?(?:disregard|ignore|cancel|scrap|discard|delete|withdraw)\s+{_THIS}"
    r"|\bno\s+(?:placement|bed|place)\s+(?:is\s+)?(?:now\s+|longer\s+)?(?:needed|required)\b"
    r"|\b(?:placement|bed|place)\s+(?:is\s+)?no\s+longer\s+(?:needed|required)\b"
    r"|\b(?:this\s+)?(?:referral|request)\s+(?:is\s+|has\s+been\s+)(?:now\s+)?"
    r"(?:cancelled|canceled|withdrawn)\b",
    re.IGNORECASE,
)
# "don't disregard this", "not to ignore the form": a negation just before it
_NEGATED = re.compile(r"\b(?:not|never|don['\u2019]?t|do\s+not|no\s+need\s+to)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NOTE_LINES = 30  # a note is a few lines; a longer text above the form is not one
_MOST_QUOTED = 200


def disregard_asked(text: str, spec: FormSpec) -> str | None:
    """The sentence of the note above the form that asks for it to be disregarded, or says no
    placement is needed; None when the note says no such thing."""
    lines: list[str] = text.split("\n")[:_NOTE_LINES]
    for line in lines[: history_start(list(lines))]:
        if opens_anothers_words(line) or _a_field_line(line, spec):
            return None
        for sentence in _SENTENCE.findall(line):
            found = _ASKS.search(sentence)
            if found and not _NEGATED.search(sentence[: found.start()]):
                return sentence.strip()[:_MOST_QUOTED]
    return None


def _a_field_line(line: str, spec: FormSpec) -> bool:
    """Whether the line is one of the form's own: where the note above it ends."""
    label, colon, _ = line.partition(":")
    return bool(colon) and len(label) <= 60 and spec.field_for_label(label) is not None
