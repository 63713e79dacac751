"""What kind of placement an offer says it is, and the Ofsted rating a home states of itself.

Rule `offer-kind-read`: a home's offer may be of another kind than the form's fields show:
"We could offer Keira a place in our semi-independent provision at £2,100 pw" (supported
accommodation, which in England may not be used for a child under 16), "our foster carers in
Reigate could take her – £1,100 pw" (fostering, from a residential home), "we can offer Maddie a
solo placement (she'd be the only young person)", "a 2:1 solo provision". `kind_offered` gives
the kind, as the directory's placement-type code (`semi-independent`, `fostering`,
`residential-solo`), and the home's words that say so: the part of a sentence, between its
commas' "but"s and semicolons, that names the kind and is not itself a no ("We can't offer
semi-independent" offers none; "We can't offer residential, but our foster carers could take
her" offers fostering). What is done with it (shown, or held for a person) is the workflow's
(workflows/offer_kind.py).

Rule `rating-stated-read`: an Ofsted rating the home states of itself in prose ("we were rated
Requires Improvement at our inspection in October", "our last Ofsted was Good", "judged
Outstanding") is read as the form's `ofsted_rating` line is, so the comparison shows it beside
the directory's. A rating in a sentence about something else ("Good morning", "a good fit") is
none: the rating must follow "rated", "judged", "graded" or "Ofsted/inspection … was/is".
Two ratings stated are read as neither, unless one is said to be the rating now ("rated
Inadequate in 2024 but re-inspected in June and is now Good": rule `rating-now-read`), so an
old judgement never stands for the current one. A home that says it awaits its first
inspection is `not-yet-inspected` (rule `rating-none-yet`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KindSaid", "kind_offered", "rating_stated"]


@dataclass(frozen=True)
class KindSaid:
    """The kind of placement an offer names (a placement-type code) and the words naming it."""

    kind: str
    words: str


# Each kind's words, most particular first (a "solo" supported flat is supported accommodation).
_KINDS = (
    (
        "semi-independent",
        re.compile(
            r"\bsemi[- ]?independen\w*|\bsupported[ \t]+(?:accommodation|lodgings?|housing)\b"
            r"|\b16[ \t]*\+[ \t]*(?:provision|accommodation|service|unit|flat)s?\b"
            r"|\b(?:step[- ]?down|training)[ \t]+flats?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fostering",
        re.compile(
            r"\bfoster(?:ing)?[ \t]+(?:carers?|famil(?:y|ies)|placements?|homes?|parents?|"
            r"service|agency)\b|\bfostering\b",
            re.IGNORECASE,
        ),
    ),
    (
        "residential-solo",
        re.compile(
            r"\bsolo\b|\bsole[ \t]+occupancy\b|\bsingle[- ]occupancy\b"
            r"|\bthe[ \t]+only[ \t]+(?:young[ \t]+person|child|resident)\b",
            re.IGNORECASE,
        ),
    ),
)
_NO = re.compile(
    r"\b(?:no|not|can['’]?t|cannot|can[ \t]+not|don['’]?t|do[ \t]+not|doesn['’]?t|"
    r"unable|not[ \t]+able|no[ \t]+longer|isn['’]?t|aren['’]?t|won['’]?t|"
    r"wouldn['’]?t|not[ \t]+(?:suitable|offer\w*|have|run|provide))\b",
    re.IGNORECASE,
)
# What makes a part of a sentence an offer of the place it names.
_OFFERS = re.compile(
    r"\b(?:offer\w*|could|can|would|able|take|have|available|provide\w*|"
    r"place|placement|provision|bed|vacanc\w*|£)",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# A sentence's parts: "We can't offer residential, but our foster carers …" are two, and so
# are "… a 2:1 solo provision …, as our group home isn't suitable".
_PARTS = re.compile(
    r",?[ \t]+but[ \t]+|,[ \t]*(?:as|because|since|though)[ \t]+|;[ \t]*"
    r"|[ \t][\u2013\u2014-][ \t](?=[A-Za-z]+[ \t]+(?:we|our|she|he)\b)",
    re.IGNORECASE,
)


def kind_offered(text: str) -> KindSaid | None:
    """The kind of placement the reply offers, when its words name one (rule `offer-kind-read`),
    with the sentence that names it; None when they name none, or only say no to one."""
    for sentence in _SENTENCES.findall(text or ""):
        for part in _PARTS.split(sentence):
            if _NO.search(part) or not _OFFERS.search(part):
                continue
            for kind, words in _KINDS:
                if words.search(part):
                    return KindSaid(kind, " ".join(sentence.split()))
    return None


_RATINGS = (
    ("requires-improvement", re.compile(r"requires?[ \t]+improvement|(?-i:RI)", re.IGNORECASE)),
    ("outstanding", re.compile(r"outstanding", re.IGNORECASE)),
    ("inadequate", re.compile(r"inadequate", re.IGNORECASE)),
    ("good", re.compile(r"good", re.IGNORECASE)),
)
_RATING = (
    r"(?:['‘\"“])?(?:requires?[ \t]+improvement(?:[ \t]+to[ \t]+be[ \t]+good)?|(?-i:RI)|"
    r"outstanding|inadequate|good)\b"
)
_STATED = re.compile(
    r"\b(?:rated|judged|graded|assessed[ \t]+as)(?:[ \t]+as)?[ \t]+"
    + _RATING
    + r"|\b(?:ofsted|inspection|rating|judgement|judgment)\b[^.!?\n]{0,60}?"
    r"(?:\b(?:was|is|were)|:)[ \t]*"
    + _RATING
    + r"|\b(?:an?|our)[ \t]+"
    + _RATING
    + r"(?:['’\"”])?[ \t]+(?:ofsted[ \t]+)?"
    r"(?:rating|judgement|judgment|grade)\b",
    re.IGNORECASE,
)


# A rating said to be the one now, after an earlier one: "rated Inadequate in 2024 but
# re-inspected in June and is now Good", "since improved to Good" (rule rating-now-read).
_NOW = re.compile(
    r"\b(?:(?:is|are)[ \t]+now|now[ \t]+(?:rated|judged|graded)|(?:upgraded|improved|moved"
    r"[ \t]+up)[ \t]+to|re-?(?:inspected|rated|graded)\b[^.!?\n]{0,40}?\b(?:now|as|rated|"
    r"judged))(?:[ \t]+(?:rated|judged|graded))?[ \t]+" + _RATING,
    re.IGNORECASE,
)
# No rating yet: "awaiting its first inspection", "not yet inspected" (rule rating-none-yet).
_NONE_YET = re.compile(
    r"\b(?:await(?:ing|s)|(?:is|are)[ \t]+due)[ \t]+(?:its|our|their|a|the)[ \t]+first[ \t]+"
    r"(?:ofsted[ \t]+)?inspection|\bnot[ \t]+yet[ \t]+(?:been[ \t]+)?inspected\b"
    r"|\byet[ \t]+to[ \t]+be[ \t]+inspected\b",
    re.IGNORECASE,
)


def rating_stated(text: str) -> str | None:
    """The Ofsted rating the home states of itself in prose, as the form's code (rule
    `rating-stated-read`); None when it states none, or more than one, unless one of them is
    said to be the rating now (rule `rating-now-read`); `not-yet-inspected` when it says it
    awaits its first inspection and states no rating (rule `rating-none-yet`)."""
    now = _ratings_in(_NOW, text or "")
    found = now or _ratings_in(_STATED, text or "")
    if not found and _NONE_YET.search(text or ""):
        return "not-yet-inspected"
    return found.pop() if len(found) == 1 else None


def _ratings_in(stated: re.Pattern[str], text: str) -> set[str]:
    """The ratings, as codes, of each place `stated` matches in the text."""
    found = set()
    for said in stated.finditer(text):
        words = said.group()
        found |= {
            next(code for code, named in _RATINGS if named.search(words[at:]))
            for at in [_rating_at(words)]
        }
    return found


def _rating_at(words: str) -> int:
    """Where the rating in a stated rating's words starts (its first rating word)."""
    ats = [m.start() for _, named in _RATINGS for m in named.finditer(words)]
    return min(ats) if ats else 0
