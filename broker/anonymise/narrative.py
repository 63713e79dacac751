"""Names the free text itself introduces: people the form does not list.

A social worker writes "her uncle John Pike", "Mr Pike", "Mrs J. Pike", "a friend called
Ben", "known to police as 'Smiley'", "Lee Barrow, her uncle,". Those names are recognised by
what comes before them: a title, a relationship or role word, or "called"/"named"/"known as";
or by what follows a full name: ", her uncle". Each one found becomes a
term (`[person]`), so its other mentions anywhere in the referral go too. A name found in
capitals ("Ben") is removed elsewhere only where it is capitalised, so a friend called Will
does not take every "will" with him.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from broker.anonymise.labels import PERSON
from broker.anonymise.terms import MIN_ALONE, Term, normalise, tokens_of

_UP = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOW = "a-zß-öø-ÿĀ-ž"
# Bounded repetitions only: each start position costs a constant, whatever follows.
_WORD = (
    rf"[{_UP}](?:[{_LOW}]+|['’][{_UP}][{_LOW}]+)(?:[{_UP}][{_LOW}]+)?(?:-[{_UP}][{_LOW}]+){{0,2}}"
)
_INITIALS = rf"(?:[{_UP}](?:\.[ \t]*|[ \t]+)){{0,3}}"
_LINE_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a name may wrap onto the next line, once
_NAME = rf"(?P<name>{_INITIALS}{_WORD}(?:{_LINE_GAP}{_WORD}){{0,2}})"
_QUOTED = r"['\"‘“](?P<quoted>[^'\"‘’“”\n]{1,40})['\"’”]"
_BEFORE = r"(?<![^\W\d_])"
_GAP = r"(?:[ \t]*[,(:][ \t]*|[ \t]+|[ \t]*\n[ \t]*)"

# A title or role word ("Mr", "uncle", "step-father", "youth worker") right before a
# capitalised name. Any word is tried and checked against these sets afterwards: one pass
# over the text instead of a hundred-way alternation at every position. The name is read in a
# lookahead, so a word that turns out not to be a role does not swallow a title after it.
_TRIGGER_WORD = re.compile(rf"{_BEFORE}(?P<trigger>[^\W\d_]+)(?=\.?{_GAP}{_NAME})")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord"}
    | {"rev", "revd", "reverend", "cllr"}
)
_UPPER_CASE_TITLES = frozenset({"PC", "DC", "DS", "DI", "DCI", "PCSO"})  # police; not "pc"
_ROLE_WORDS = """
    mother mum mummy mom mam father dad daddy brother sister uncle aunt auntie aunty cousin
    nephew niece gran granny nan nana nanna nanny grandmother grandfather grandma grandpa
    grandad granddad grandson granddaughter stepmother stepfather stepmum stepdad stepbrother
    stepsister partner boyfriend girlfriend husband wife friend neighbour carer teacher
    headteacher tutor mentor worker therapist counsellor psychologist psychiatrist nurse
    doctor officer coach pastor imam priest vicar godmother godfather guardian son daughter
    baby peer associate sibling twin"""
_ROLES = frozenset(_ROLE_WORDS.split())
_INTRODUCED = re.compile(
    rf"{_BEFORE}(?i:called|named|nicknamed|(?:also[ \t]+)?known[ \t]+(?:to[ \t]+(?:the[ \t]+)?"
    r"[a-z]+[ \t]+)?as|aka|a\.k\.a\.?|goes[ \t]+by(?:[ \t]+the[ \t]+name(?:[ \t]+of)?)?"
    r"|calls[ \t]+(?:him|her|them)sel(?:f|ves)|alias|street[ \t]+name|name[ \t]+is)"
    rf"{_GAP}(?:{_QUOTED}|{_NAME})"
)
# "Lee Barrow, her uncle" / "J. Pike (his maternal uncle)": a name of two or more words only,
# since "Yesterday, her mother" has the same shape.
_APPOSITION = re.compile(
    rf"{_BEFORE}{_NAME}[ \t]*[,(][ \t]*(?i:her|his|their)[ \t]+(?:[a-z\-]+[ \t]+)?"
    r"(?P<role>[a-z]+)(?![^\W\d_])"
)

# Capitalised words that follow "her mother" or "called" without being anyone's name.
_NOT_NAME_WORDS = """
    i he she they we you it the a an this that these those his her him them their our my
    your its and but or so then when while if as at in on of to for from with without by
    about after before since until also was is are were has had have would could should
    might can did does do not no yes who which what where why how there here all both some
    any each every one two three mum dad mother father brother sister nan nana gran uncle
    aunt police school college council court social services children childrens health
    hospital christmas easter eid ramadan diwali god allah jesus english british welsh
    scottish irish white black asian mixed muslim christian catholic jewish sikh hindu
    monday tuesday wednesday thursday friday saturday sunday january february march
    september october november december childline youth team services unit ward"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split()) | _TITLES


def introduced_names(texts: Iterable[str]) -> list[str]:
    """Every name the texts introduce, as written ("John Pike", "J. Pike", "Smiley")."""
    found: list[str] = []
    for text in texts:
        text = normalise(text)
        for match in _TRIGGER_WORD.finditer(text):
            if _is_trigger(match.group("trigger")):
                found.append(_trim(match.group("name")))
        for match in _APPOSITION.finditer(text):
            name = _trim(match.group("name"))
            if match.group("role").casefold() in _ROLES and len(tokens_of(name)) > 1:
                found.append(name)
        for match in _INTRODUCED.finditer(text):
            quoted = match.group("quoted")  # a nickname in quotes is kept whole
            found.append(" ".join(tokens_of(quoted)) if quoted else _trim(match.group("name")))
    return [name for name in dict.fromkeys(found) if name]


def _is_trigger(word: str) -> bool:
    folded = word.casefold()
    return folded in _ROLES or folded in _TITLES or word in _UPPER_CASE_TITLES


def _trim(candidate: str) -> str:
    """The candidate up to its first word that is not a name ("Ben On" -> "Ben")."""
    kept = []
    for token in tokens_of(candidate):
        if token.casefold() in _NOT_NAMES:
            break
        kept.append(token)
    return " ".join(kept)


def person_terms(names: Iterable[str]) -> list[Term]:
    """Terms for introduced names: the whole name, and each part of three letters or more."""
    terms: list[Term] = []
    label = "[person]"
    for name in names:
        tokens = tuple(tokens_of(name))
        if len(tokens) > 1:
            terms.append(Term(tokens, PERSON, label))
        for token in tokens:
            written_as_name = len(token) == 2 and token.istitle()  # "her half-brother Ty"
            if (len(token) >= MIN_ALONE or written_as_name) and token.casefold() not in _NOT_NAMES:
                terms.append(Term((token,), PERSON, label, capitalised_only=token[0].isupper()))
    return terms
