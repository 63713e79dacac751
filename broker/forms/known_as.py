"""A remark left in the child's name: "Ellie-Mae Tranter (known as Ellie)", "Ellie-Mae
Tranter aka Ellie", "Ellie-Mae 'Ellie' Tranter", "Jade Smith nee Jones".

Pure. Social workers put the name a child goes by beside the legal name, in the name's own
box. The name is the words before the remark; the known-as name is the one the remark gives
(a bracket holding one capitalised word, "(Ellie)", is one too). Nothing here logs a value.
"""

from __future__ import annotations

import re

__all__ = ["known_as_said", "name_without_remarks"]

_MOST_NAME_CHARS = 200
# A remark beside a name: in brackets, or in quotes ("'Ellie'", but not O'Neil's apostrophe).
_A_REMARK = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\"[^\"]*\"|\u201c[^\u201d]*\u201d|"
                       r"(?<!\w)'[^']*'(?!\w)|\u2018[^\u2019]*\u2019(?!\w)")
_KNOWN_AS_WORDS = (r"(?:also\s+)?known\s+as|k/a|a\.?k\.?a\b\.?|prefers|preferred\s+name|"
                   r"goes\s+by|called")
# Where the rest of the value stops being the name: "known as …", "nee Jones", "formerly …".
_REST_NOT_THE_NAME = re.compile(rf"(?:[,;\u2013\u2014]|\s-)?\s*\b(?:{_KNOWN_AS_WORDS}|"
                                r"n[e\u00e9]e|formerly|previously)\b", re.IGNORECASE)
_KNOWN_AS = re.compile(rf"\b(?:{_KNOWN_AS_WORDS})[\s:]*['\"\u2018\u201c]?"
                       r"(?P<known>[^\W\d_][\w'\u2019-]{0,40})|"
                       r"\(\s*['\"\u2018\u201c]?(?P<bare>[A-Z][a-z'\u2019-]{1,30})"
                       r"['\"\u2019\u201d]?\s*\)", re.IGNORECASE)


def name_without_remarks(raw: str) -> str:
    """The name without what is said beside it: a bracketed or quoted remark and everything
    from "known as", "aka", "nee" or "formerly" on ("Ellie-Mae Tranter (known as Ellie)" is
    "Ellie-Mae Tranter"); single-spaced."""
    text = _A_REMARK.sub(" ", raw[:_MOST_NAME_CHARS])
    return " ".join(_REST_NOT_THE_NAME.split(text, maxsplit=1)[0].split()).strip(" ,;-")


def known_as_said(raw: str) -> str:
    """The name a remark in the child's name says the child is known by ("Ellie" in
    "Ellie-Mae Tranter (known as Ellie)" or "Ellie-Mae Tranter (Ellie)"), or ''."""
    said = _KNOWN_AS.search(raw[:_MOST_NAME_CHARS])
    if said is None:
        return ""
    known = (said["known"] or said["bare"] or "").rstrip("'\u2019")
    return known if said["bare"] is None or known[:1].isupper() else ""
