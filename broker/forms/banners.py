"""What a mail gateway or a council's email client puts into every message: never a field.

A council's gateway sets a warning above mail from outside ("CAUTION: This email originated
from outside of the organisation. Do not click links…", "[EXTERNAL]", "External email – take
care"), and its staff mark each email with the Government Security Classification
("OFFICIAL", "OFFICIAL-SENSITIVE: PERSONAL", "Classification: OFFICIAL – SENSITIVE",
"Protective marking: OFFICIAL", "NOT PROTECTIVELY MARKED"). Shaped as `Label: value`, these
lines were listed back to the social worker as lines of the form not read; they are neither
the form nor a remark on it. Each pattern matches one line, bounded.
"""

from __future__ import annotations

import re

__all__ = ["is_a_banner_or_marking"]

_BANNER = re.compile(
    r"\W{0,4}(?:\[?external\]?(?:[ \t]*(?:e-?mail|message|sender))?[ \t]*[:\-\u2013\u2014\]]"
    r"|(?:caution|warning|notice|attention|security\s+notice)[ \t]*[:\-\u2013\u2014][^\n]{0,60}"
    r"\b(?:outside|external|originated|phishing|links?)\b"
    r"|this\s+(?:e-?mail|message)\s+(?:originated|came|was\s+sent)\s+from\s+outside)"
    r"[^\n]{0,400}", re.IGNORECASE)
_MARKING_WORDS = (r"(?:official|sensitive|personal|commercial|restricted|protect(?:ed)?|"
                  r"secret|not\s+protectively\s+marked|unclassified|confidential)")
_MARKING = re.compile(
    r"\W{0,4}(?:(?:security\s+)?classification|protective\s+marking|sensitivity|marking)?"
    r"[ \t]*[:\-\u2013\u2014]?[ \t]*"
    rf"{_MARKING_WORDS}(?:[ \t]*[-:\u2013\u2014/|][ \t]*|[ \t]+){{0,1}}"
    rf"(?:{_MARKING_WORDS}(?:[ \t]*[-:\u2013\u2014/|][ \t]*|[ \t]+)?){{0,3}}\W{{0,4}}",
    re.IGNORECASE)


def is_a_banner_or_marking(line: str) -> bool:
    """Whether the line is a gateway's warning or a protective marking, and nothing else."""
    text = " ".join(line.split())
    if _BANNER.fullmatch(text):
        return True
    return len(text) <= 80 and _MARKING.fullmatch(text) is not None and any(
        word in text.lower() for word in ("official", "protectively", "classification",
                                          "marking", "restricted"))
