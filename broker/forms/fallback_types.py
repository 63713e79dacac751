"""A placement type given with another as its fall-back, in the remark after it.

"Enhanced foster care, or solo residential as fallback", "Foster care (residential if none
available)", "Therapeutic fostering; residential as a fallback": the value opens with one
type, which the form's reader takes, and its remark names a second the social worker would
also accept. A referral goes to the homes of one type only, so reading the first alone
would search for it and say nothing of the other; if none of the first is eligible, the
search ends where she had said what would do instead. Rule `fallback-type-asked`:
`fallback_types` gives both, for the referral's check to ask which this referral is for
(the other can be said in the background, or sent as a second referral).

Only a remark that offers the other as an alternative counts ("or", "as a fallback",
"failing that", "if none", "would also consider", "second choice"); a type the remark
mentions otherwise ("Residential – foster placements have broken down"), or refuses ("Foster
care (not residential)", "residential ruled out"), is no second choice. Pure; bounded
patterns, linear in the value.
"""

from __future__ import annotations

import re

from broker.forms.spec import FormSpec

__all__ = ["fallback_types"]

_ALTERNATIVE = re.compile(
    r"\bor\b|\bfall[- ]?back\b|\bfailing\s+that\b|\botherwise\b|\balternatively\b"
    r"|\bif\s+(?:none|not|no|nothing|unavailable)\b|\bwould\s+(?:also\s+)?consider\b"
    r"|\bsecond\s+(?:choice|option)\b|\bplan\s+b\b|\bback-?up\b|\bopen\s+to\b",
    re.IGNORECASE,
)
_REFUSED_BEFORE = re.compile(
    r"\b(?:not|no|never|nor|rather\s+than|instead\s+of|without)\b[^,;.()]{0,25}$", re.IGNORECASE
)
_REFUSED_AFTER = re.compile(
    r"^[^,;.()]{0,20}\b(?:ruled\s+out|unsuitable|not\s+suitable|not\s+an\s+option|excluded"
    r"|broken\s+down|broke\s+down|failed)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'\u2019+&-]+")
_LONGEST = 5  # words in the longest type's name the remark is read for
_MOST_CHARS = 300


def fallback_types(raw: str, code: str, key: str, spec: FormSpec) -> list[str]:
    """`code` and the other types the value's remark offers as an alternative to it, in order;
    [] when it offers none."""
    if len(raw) > _MOST_CHARS:
        return []
    named = _types_named(raw, key, spec)
    if not named:
        return []
    first_end = named[0][1]
    remark = raw[first_end:]
    if not _ALTERNATIVE.search(remark):
        return []
    others = [
        found
        for found, start, end in named[1:]
        if found != code
        and not _REFUSED_BEFORE.search(raw[first_end:start])
        and not _REFUSED_AFTER.search(raw[end:])
    ]
    return list(dict.fromkeys([code, *others])) if others else []


def _types_named(raw: str, key: str, spec: FormSpec) -> list[tuple[str, int, int]]:
    """Each type the value names, with where: the longest run of words that is a type's
    name exactly, left to right."""
    words = list(_WORD.finditer(raw))
    found: list[tuple[str, int, int]] = []
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST, len(words) - at), 0, -1):
            start, end = words[at].start(), words[at + size - 1].end()
            code = spec.code_for(key, raw[start:end], exact=True)
            if code is not None:
                found.append((code, start, end))
                at += size
                break
        else:
            at += 1
    return found
