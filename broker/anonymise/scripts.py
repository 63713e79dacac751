"""Words written in a script other than the Latin alphabet, found in a referral's free text.

A referral is written in English, so a run of Arabic, Cyrillic, Greek, Hebrew, Indic,
Ethiopic, Chinese, Japanese or Korean letters in it is almost always somebody's name (the
mother's, in her own script), a place or an address, and none of them can be checked against
the English word lists the other searches use. Such a run goes whole, as one `[person]`:
"Her mother فاطمة حداد visits" -> "Her mother [person] visits". Words in such a script that
are nobody's name (a greeting the child uses) go too: nothing in them can be told apart from
a name, and the child's safety comes before the odd lost word. A single letter stays (a
Greek `β` in "β-blockers"), unless it is inside a Latin word, which then goes whole, or is a
Chinese character or Korean syllable, which alone can be a whole surname ("Mr 林").

The runs are found by code-point ranges rather than by Unicode script properties, which
Python's `re` does not have; digits in those scripts are part of a run, so a phone number
written in Arabic-Indic digits goes with the name beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from broker.anonymise.labels import PERSON
from broker.anonymise.spans import Span

_OTHER_SCRIPTS = (
    "\u0370-\u03ff\u1f00-\u1fff"  # Greek
    "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"  # Cyrillic
    "\u0530-\u058f"  # Armenian
    "\u0590-\u05ff\ufb1d-\ufb4f"  # Hebrew
    "\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefe"  # Arabic, Syriac, Thaana, N'Ko
    "\u0900-\u0dff"  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil … Sinhala
    "\u0e00-\u0fff\u1000-\u109f\u1780-\u18af"  # Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian
    "\u10a0-\u10ff\u1100-\u11ff"  # Georgian, Hangul jamo
    "\u1200-\u139f\u2d80-\u2ddf"  # Ethiopic (Amharic, Tigrinya)
    "\u2e80-\u2fdf\u3040-\u31ff\u3400-\u4dbf\u4e00-\u9fff"  # CJK, kana, bopomofo
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc"  # Hangul, CJK compatibility
    "\U00020000-\U0003ffff"  # CJK extensions
)
# Words in those scripts, with the spaces, hyphens and apostrophes between them: one run.
_RUN = re.compile(rf"[{_OTHER_SCRIPTS}]+(?:[ \t\-'’.]+[{_OTHER_SCRIPTS}]+)*")


# One Chinese character or Korean syllable alone is a whole surname ("Mr 林", "Mrs 王").
_ONE_CHARACTER_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def in_another_script(word: str) -> bool:
    """Whether a word is written wholly in a script other than the Latin alphabet: a name,
    as the module's docstring says ("陳麗華")."""
    return _RUN.fullmatch(word) is not None


def find_other_scripts(text: str) -> Iterator[Span]:
    """Each run of two or more letters in a script other than the Latin alphabet, with the
    rest of any word it is part of (a name spelt with a Cyrillic "о" for "o": "Brооke")."""
    done = 0  # each character is looked at a bounded number of times: linear in the text
    while (match := _RUN.search(text, done)) is not None:
        start, end = match.span()
        while start > done and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        if end - start >= 2 or _ONE_CHARACTER_NAME.match(text, start):
            yield Span(start, end, PERSON, None)
        done = end
