"""A relative's date of birth written after their name and a comma, as a list of siblings or a
family's line gives it: "Siblings: Tyler, 02.11.2009; Mia, 22/11/2016", "her sister Mia,
22/11/2016, lives with her dad". Nothing says "born", but beside a relative's word the date
after a name is the date that person was born. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from broker.anonymise.labels import BIRTH_DATE, is_relationship_word
from broker.anonymise.patterns import A_DATE
from broker.anonymise.spans import Span

_NAME_THEN_DATE = re.compile(
    rf"(?<![\w'’\-])[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){{0,2}}"
    rf"[ \t]*,[ \t]*(?P<date>(?i:{A_DATE}))"
)
_REACH = 60  # characters before the name, within its line and sentence
_SENTENCE_END = re.compile(r"[.!?](?:[ \t]|$)|\n")
_AFTER = re.compile(r"[^;\n.]{0,30}")  # "(half-sister, lives with her dad)"


def _words_around(text: str, match: re.Match[str]) -> list[str]:
    start = max(0, match.start() - _REACH)
    ends = [end.end() for end in _SENTENCE_END.finditer(text, start, match.start())]
    before = text[ends[-1] if ends else start : match.start()]
    after = _AFTER.match(text, match.end())
    return re.findall(r"[\w'’\-]+", before + " " + (after.group() if after else ""))


def find_relatives_birth_dates(text: str) -> Iterator[Span]:
    """Each date after a name and a comma with a relative's word beside it ("Siblings:",
    "her sister", "(half-sister"); the name alone ("Mum, 03/11/2026:") says nothing."""
    for match in _NAME_THEN_DATE.finditer(text):
        if any(is_relationship_word(word) for word in _words_around(text, match)):
            yield Span(match.start("date"), match.end("date"), BIRTH_DATE)
