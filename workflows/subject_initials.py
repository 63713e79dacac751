"""The child's initials her subject gives, against the form's child (rule `subject-initials`).

Social workers name a referral by the child's initials ("Referral - KB - urgent resi"). When
those are not the initials of the child the form is about, the wrong form may have been
attached or pasted: the referral goes as it is (the form is what was read), but her
acknowledgement says so, giving the subject's letters only, never the form's child's name
nor initials, so she can check it is the right child's form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# "Referral - KB", "Referral: K.B.", "referral for KB", "Referral – KB – urgent": two or three
# capitals (full stops allowed) right after the word referral.
_NAMED = re.compile(r"\breferral\s*(?:[-\u2013\u2014:]|for|re)\s*((?:[A-Z]\.?\s?){2,3})(?![\w])",
                    re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


# Letters a subject gives after "Referral" that are no child's initials.
_NOT_INITIALS = frozenset({"EDT", "SW", "LA", "LAC", "CIN", "CP", "ICO", "PO", "CO", "UK", "CSE",
                           "ASD", "SEN", "NHS", "REF", "RE", "FW", "FWD", "AW", "SGO", "EPO",
                           "PPO", "IFA", "DOL", "UASC", "YOT", "CAMHS"})


def subject_initials(subject: str) -> str:
    """The initials a subject names its child by ("KB"), or ''."""
    named = _NAMED.search(subject[:300])
    letters = named[1].replace(".", "").replace(" ", "") if named else ""
    return letters if letters.isupper() and letters not in _NOT_INITIALS else ""


def initials_differ(subject: str, fields: Mapping[str, str]) -> str:
    """The subject's initials when the form's child has a name and they are not hers (her
    first name's, or the name she is known by, first; her surname's last); '' when they
    agree or either is missing."""
    letters = subject_initials(subject)
    words = _WORD.findall(str(fields.get("child_name") or ""))
    if not letters or len(words) < 2:
        return ""
    firsts = {words[0][0].upper(), *(w[0].upper() for w in _WORD.findall(
        str(fields.get("known_as") or ""))[:1])}
    lasts = {words[-1][0].upper(), *(part[0].upper() for part in words[-1].split("-") if part)}
    return "" if letters[0] in firsts and letters[-1] in lasts else letters
