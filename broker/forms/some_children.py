"""A reply that offers for some of a sibling group's children, not all of them.

"We could offer the older girl a place from 14/12/2026 at £3,100 pw, but we can't take her
younger brother", "We can only take one of them", "We could take Ellie but not her brother",
"happy to offer for the girl, not both": an answer for the group that is neither its offer
(the fee and the start are one child's) nor its decline (a place is offered). Read from a
sentence that offers a place and says no to a child, or that offers for one child only,
naming the children as a sibling group's are named (older, younger, her brother, one of them);
workflows/offers_apart.py decides what becomes of it (rule `offer-for-some-children`).
"""

from __future__ import annotations

import re

# A sentence: to its stop, or to the end of the text; a line with neither is none. Its close
# is optional in the pattern and asked after (`closed`), so a long line with no stop is passed
# over at once, not tried again from each of its characters.
_SENTENCE = re.compile(r"[^.!?\n]+(?P<closed>[.!?]+|$)?")
# A child of the group, named as such: "the older girl", "her younger brother", "one of them".
_A_CHILD = (r"(?:(?:the|her|his|their)[ \t]+)?(?:(?:older|younger|elder|eldest|youngest|"
            r"oldest)[ \t]+)?(?:girl|boy|brother|sister|sibling|child|one)\b|one[ \t]+of[ \t]+"
            r"(?:them|the[ \t]+(?:two|children|siblings))|(?:older|younger|elder|eldest|"
            r"youngest|oldest)[ \t]+(?:one|child)")
_YES = re.compile(r"\b(?:can|could|would|will|able[ \t]+to|happy[ \t]+to|pleased[ \t]+to)[ \t]+"
                  r"(?:only[ \t]+)?(?:offer|take|accommodate|have|place)\b", re.IGNORECASE)
_NO_TO_A_CHILD = re.compile(
    r"\b(?:can['’]?t|cannot|can[ \t]+not|could(?:n['’]?t|[ \t]+not)|unable[ \t]+to|"
    r"not[ \t]+able[ \t]+to|won['’]?t|would(?:n['’]?t|[ \t]+not))[ \t]+(?:also[ \t]+)?"
    rf"(?:offer|take|accommodate|have|place|manage)[ \t]+(?:for[ \t]+|to[ \t]+)?(?:{_A_CHILD})"
    rf"|\bbut[ \t]+not[ \t]+(?:for[ \t]+)?(?:{_A_CHILD}|both)|\bnot[ \t]+both\b",
    re.IGNORECASE)
_ONE_ONLY = re.compile(
    r"\b(?:only|just)[ \t]+(?:be[ \t]+able[ \t]+to[ \t]+)?(?:offer|take|accommodate|have|place)"
    rf"[ \t]+(?:for[ \t]+|to[ \t]+)?(?:{_A_CHILD})"
    r"|\b(?:only|just)[ \t]+(?:one|1)[ \t]+(?:of[ \t]+them|child|place|bed|space)\b",
    re.IGNORECASE)


def for_some_children_only(text: str, children: int | None) -> str:
    """The sentence of the reply that offers for some of the `children` only, '' when none (or
    the referral places one child)."""
    if not children or children < 2:
        return ""
    for found in _SENTENCE.finditer(text):
        if found["closed"] is None:
            continue
        sentence = found[0].strip()
        if _ONE_ONLY.search(sentence) or (_YES.search(sentence)
                                          and _NO_TO_A_CHILD.search(sentence)):
            return sentence
    return ""
