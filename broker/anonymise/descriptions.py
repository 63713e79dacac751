"""Words that describe a person and never name one, however they are capitalised.

A bracket after a person gives their pet name as often as it describes them: "Mum Agnieszka
(Polish-speaking, limited English)", "Kwame Mensah (Ghanaian-born)", "Ysgol Glan Ffrwd
(Welsh-medium)", "Dad (British Pakistani)", "his uncle (Muslim, 40s)". A bracket whose every
word is such a description is no nickname (`describes_a_person`): a people's word (a
nationality, ethnicity or language), a faith, a word that joins one to what it says of the
person ("-speaking", "-born", "-medium", "-heritage"), an age, a relationship. Removing one
as a name would take "Polish" out of "A Polish-speaking foster family" in every field.

And a people's word joined by a hyphen to another word is the people's word even when the
whole was taken for a name (`peoples_part`): "Polish" of "Polish-speaking" is not searched
for alone.
"""

from __future__ import annotations

import re

from broker.anonymise import lexicon
from broker.anonymise.narrative import ROLES
from broker.anonymise.terms import tokens_of

# Faiths that are no one's name too: not "Christian", "Baptist", "Jain" or "Shia", which are
# ("Christian Black (16)", "Priya Jain").
_FAITH_LIST = """
    muslim catholic jewish sikh hindu buddhist orthodox protestant anglican pentecostal
    methodist evangelical rastafarian humanist atheist agnostic sunni"""
_FAITHS = frozenset(_FAITH_LIST.split())
# What a people's word or a faith is joined to, or stands beside, to say something of the
# person: "Polish-speaking", "Ghanaian-born", "Welsh-medium", "Irish-heritage", "British
# citizen", "Somali origin", "English as an additional language".
_LINK_LIST = """
    speaking speaker speakers speaks born bred raised medium heritage origin descent background
    national nationals nationality citizen citizenship educated based language languages
    only first second additional fluent limited little some no basic good interpreter
    practising practicing convert mixed white black other dual and or"""
_LINKS = frozenset(_LINK_LIST.split())
# An age as a bracket gives it: "(40s)", "(aged 17)", "(17 yrs)".
_AGE_WORDS = frozenset({"aged", "age", "years", "year", "yrs", "yr", "yo", "old", "approx",
                        "about", "around", "late", "early", "mid"})
_AN_AGE = re.compile(r"\d{1,3}(?:s|yrs?|yo)?")


def describes_a_person(text: str) -> bool:
    """Every word of `text` describes a person and one says who they are (a people's word, a
    faith, or a link such as "speaking" or "born"): "Polish-speaking", "Ghanaian-born",
    "British Pakistani", "Muslim, 40s"; not "Mother" alone (a role, handled as one) or "Jazz"."""
    words = tokens_of(text)
    if not words or not all(map(_a_describing_word, words)):
        return False
    return any(lexicon.is_a_peoples_word(word) or word.casefold() in _FAITHS for word in words)


def _a_describing_word(word: str) -> bool:
    folded = word.casefold()
    return (lexicon.is_a_peoples_word(word) or folded in _FAITHS or folded in _LINKS
            or folded in _AGE_WORDS or folded in ROLES or _AN_AGE.fullmatch(folded) is not None)


def peoples_part(name: str) -> frozenset[str]:
    """The people's words of `name` joined to another word by a hyphen ("Polish" of
    "Polish-speaking", "British" of "British-Pakistani"), as written: each is no name alone."""
    return frozenset(part for word in name.split() if "-" in word for part in word.split("-")
                     if part and lexicon.is_a_peoples_word(part))
