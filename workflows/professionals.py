"""The council's professionals a home may read named in the team's answer to its questions.

Rule `answer-names-a-professional`: an answer to a home that does not hold the full papers is
refused when it would identify the child (workflows/question_answer.py, rule
`answer-names-the-child`), and the anonymiser it asks removes anyone named. But the adults
who work the referral are no secret from a home: "Sam Taylor will call you this afternoon"
names the social worker who made it, whom the home will deal with in any case. So a name
the anonymiser would remove passes when it is one of theirs, written whole or in part
("Sam Taylor", "Ms Taylor"): the referrer (the name kept at intake, and her address's) and
the people the directory lists for the child's council (its social workers, placements
officers, commissioners and budget holders, named by their addresses). Never when it
shares a word with the child's or her family's names (a surname in common: "Taylor" beside
a Dawn Taylor is hers too), and the form's names, school, identifiers and initials are
looked for on their own in any case, so no way of naming the child is let through. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from workflows.people import name_from_address, person, referrer_named

__all__ = ["a_professional", "professionals"]

# Words before a name that are no part of it ("Ms Taylor", "Dr Osei").
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


def professionals(referral: Any, authority: Any) -> tuple[tuple[str, ...], ...]:
    """The words of each professional's name (`person`: lower case, first name first): the
    referrer's, and those of the staff the directory lists for the authority."""
    addresses = [referral.referrer]
    if authority is not None:
        addresses += [*authority.referrers, *authority.placements_officers,
                      *authority.commissioners, *authority.budget_holders]
    names = [referrer_named(referral), *(name_from_address(a) for a in addresses if a)]
    return tuple(dict.fromkeys(words for words in map(person, names) if words))


def a_professional(written: str, named: Iterable[tuple[str, ...]],
                   theirs: Iterable[str]) -> bool:
    """Whether `written`, the words an answer names someone by, are one professional's name
    or part of it ("Sam Taylor", "Taylor"), a title before it aside, and share no word with
    `theirs` (the words of the child's and her family's names)."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", written)]
    words = [w for w in words if w not in _TITLES]
    if not words or set(words) & {w.casefold() for w in theirs}:
        return False
    return any(set(words) <= set(name) for name in named)
