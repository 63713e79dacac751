"""One capital letter someone goes by: "only known as 'K' or Big K", "his girlfriend, 'T', is …".

A quoted single capital introduced as someone's name (after "known as", "called", "goes by",
"aka", or a relation's word such as "girlfriend" or "cousin") is a name. Once the text
introduces it so, the letter standing alone as a name elsewhere goes too ("police think K is
…", "Big K"). A single letter is far more often something else, so "I" and "A" are never
learnt, and a use is left where its neighbours say it is a list's letter ("(a)", "(K)"), a
grade or plan ("a C in maths", "Plan B", "grade C"), a year, vitamin, blood group, wing or
form ("Year K", "Vitamin D", "type O"), or part of a longer shape ("T-shirt", "A&E", "K.L.",
"K2").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise.labels import PERSON
from broker.anonymise.narrative import FAMILY_ROLES
from broker.anonymise.spans import Span

_INTRODUCING = (r"known[ \t]+as|called|calls[ \t]+(?:him|her|them)|call[ \t]+(?:him|her|them)"
                r"|goes[ \t]+by|go[ \t]+by|nicknamed|aka|a\.k\.a\.|named|name[ \t]+is")
_RELATION_WORDS = FAMILY_ROLES | {"girlfriend", "boyfriend", "friend", "partner", "associate",
                                  "ex", "mate", "cousin", "peer"}
# "known as 'K'", "girlfriend, 'T',": the word before, its comma, the quoted capital
_QUOTED_LETTER = re.compile(r"(?<![^\W\d_])(?P<before>(?i:" + _INTRODUCING +
                            r")|[A-Za-z]{2,12}),?[ \t]+['‘\"“](?P<letter>[B-HJ-Z])['’\"”]")
# The letter as a word: not in "T-shirt", "A&E", "K.L.", "K2", "(K)", "it's"
_LETTER = r"(?<![\w\-&/.(]){}(?![\w\-&/]|['’](?![sS]\b)\w|\.\w)"
_BEFORE_A_LETTER = re.compile(r"([A-Za-z]+)[ \t]+\Z")
_WORDS_BEFORE_NO_NAME = """
    a an the plan grade grades vitamin year years type group block room section part appendix
    annex level class tier stage blood wing ward floor unit bay zone route bus line platform
    gate option options category band form schedule exhibit size cup hepatitis hep key
    letter letters mark marks got get gets getting predicted target"""
_NOT_A_NAME_BEFORE = frozenset(_WORDS_BEFORE_NO_NAME.split())
_AN_INITIAL = re.compile(r"[A-Z]\Z")  # "J K Rowling"
_NOT_A_NAME_AFTER = re.compile(r"[ \t]+(?i:shirt|junction|cell|cells|bone|pop|drama|grade|"
                               r"in[ \t]+(?:maths|english|science)|levels?)(?![^\W_])")
_REACH = 80  # characters before a letter that are read for what says it is no name


def letter_names(texts: Iterable[str]) -> set[str]:
    """The single capitals the texts introduce as someone's name."""
    return {match.group("letter") for text in texts for match in _QUOTED_LETTER.finditer(text)
            if match.group("before").casefold() in _RELATION_WORDS
            or re.fullmatch(_INTRODUCING, match.group("before"), re.IGNORECASE)}


def letter_name_finder(letters: set[str]) -> Callable[[str], Iterator[Span]]:
    """A search for each of `letters` where it stands alone as a name."""
    patterns = [re.compile(_LETTER.format(letter)) for letter in sorted(letters)]

    def find(text: str) -> Iterator[Span]:
        for pattern in patterns:
            for match in pattern.finditer(text):
                before = _BEFORE_A_LETTER.search(text, max(0, match.start() - _REACH),
                                                 match.start())
                if before is not None and (before.group(1).casefold() in _NOT_A_NAME_BEFORE
                                           or _AN_INITIAL.match(before.group(1))):
                    continue  # "Plan B", "a C in maths", "Vitamin D"
                if _NOT_A_NAME_AFTER.match(text, match.end()):
                    continue  # "T shirt", "K pop", "C grade"
                yield Span(match.start(), match.end(), PERSON)

    return find
