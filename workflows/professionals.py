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
looked for on their own in any case, so no way of naming the child is let through. Her
family are not only the form's: anyone the referral's own words speak of ("her brother
Jordan Price", "her uncle Sam Reid") and anyone the answer itself introduces as hers ("her
brother Sam will visit") is hers too (`theirs`), so a first name she shares with one of the
council's staff, or a name the referrer signed with, never lets them through. A
professional's whole name, as the directory's address spells it, is blanked first, so that
"her social worker Sam Taylor" in the background makes no one of hers called Sam. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from broker.anonymise.anonymiser import their_people
from broker.anonymise.narrative import introduced_names
from workflows.people import name_from_address, person, referrer_named

__all__ = ["a_professional", "professionals", "theirs"]

# Words before a name that are no part of it ("Ms Taylor", "Dr Osei").
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_WORD = re.compile(r"[^\W\d_]+")
_TITLED = re.compile(r"(?i)(?<![^\W\d_])(?:" + "|".join(_TITLES) + r")\.?\s+")


def _addresses(referral: Any, authority: Any) -> list[str]:
    """The referrer's address and those of the staff the directory lists for the authority."""
    addresses = [referral.referrer]
    if authority is not None:
        addresses += [
            *authority.referrers,
            *authority.placements_officers,
            *authority.commissioners,
            *authority.budget_holders,
        ]
    return [a for a in addresses if a]


def professionals(referral: Any, authority: Any) -> tuple[tuple[str, ...], ...]:
    """The words of each professional's name (`person`: lower case, first name first): the
    referrer's, and those of the staff the directory lists for the authority."""
    names = [referrer_named(referral), *map(name_from_address, _addresses(referral, authority))]
    return tuple(dict.fromkeys(words for words in map(person, names) if words))


def _blanked(text: str, names: Iterable[str]) -> str:
    """`text` without each of `names` written whole (any case, any spacing)."""
    for name in names:
        words = person(name)
        if len(words) > 1:
            text = re.sub(
                r"(?i)(?<![^\W\d_])" + r"\s+".join(map(re.escape, words)) + r"(?![^\W\d_])",
                "",
                text,
            )
    return text


def theirs(
    form: Any, values: Iterable[str], answer: str, referral: Any, authority: Any
) -> Callable[[str], bool]:
    """Whether a word (lower case) is one of the child's or her family's names: a word of
    the form's identifying `values`, of a name the referral's own words speak of, or of a
    name the answer introduces as someone of hers ("her brother Sam"); the professionals'
    whole names, as their addresses spell them (never a name a sender wrote), blanked first."""
    spelt = [name_from_address(a) for a in _addresses(referral, authority)]
    words = {w.casefold() for value in values for w in _WORD.findall(value)}
    # a title introduces anyone ("Ms Taylor will call"): only a relative's word counts here
    said = _TITLED.sub("", _blanked(answer, spelt))
    words |= {w for name in introduced_names([said]) for w in person(name)}
    people = their_people(form, lambda text: _blanked(text, spelt))
    return lambda word: word in words or people(word)


def a_professional(
    written: str, named: Iterable[tuple[str, ...]], theirs: Callable[[str], bool]
) -> bool:
    """Whether `written`, the words an answer names someone by, are one professional's name
    or part of it ("Sam Taylor", "Taylor"), a title before it aside, and none of them is a
    word of the child's or her family's names (`theirs`)."""
    words = [w.casefold() for w in _WORD.findall(written)]
    words = [w for w in words if w not in _TITLES]
    if not words or any(map(theirs, words)):
        return False
    return any(set(words) <= set(name) for name in named)
