"""What a removed value becomes: its kind (counted in `redactions`) and its role label.

A removed name is replaced by the person's role so the narrative still reads ("[mother] visited
on Sunday"). Family relationships come from the form as free text ("Mum", "step dad"), so they
are normalised to a small vocabulary; anything outside it becomes `[family member]`, because a
relationship written as "Jane's partner" would otherwise carry a name into the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CHILD_NAME = "child_name"
KNOWN_AS = "known_as"
FAMILY_NAMES = "family_names"
SCHOOL = "school"
HOME_ADDRESS = "home_address"
HOME_POSTCODE = "home_postcode"
DATE_OF_BIRTH = "date_of_birth"
NHS_NUMBER = "nhs_number"
CASE_REFERENCE = "case_reference"
NI_NUMBER = "ni_number"
PHONE = "phone"
EMAIL = "email"
PERSON = "person"
POSTCODE = "postcode"  # a full postcode in the text that is not the child's home postcode
STREET_ADDRESS = "street_address"  # a street address in the text, anyone's
TEXT_SCHOOL = "school_name"  # a school the text names, other than the form's
UPN = "upn"  # a unique pupil number: a letter and twelve digits (or 11 and a letter)
BIRTH_DATE = "birth_date"  # anyone's date of birth, given as one ("DOB", "born on")
BUDGET = "budget_weekly"  # the council's weekly budget, written in the text: never broadcast
REFERENCE = "reference"  # any system's reference number, by its cue ("Police ref 13/118822/26")
HANDLE = "handle"  # a social media handle or gamer tag ("@tamsin.xoxo", "Snapchat: br00kie_xo")

KIND_ORDER = (
    CHILD_NAME, KNOWN_AS, FAMILY_NAMES, SCHOOL, HOME_ADDRESS, HOME_POSTCODE, DATE_OF_BIRTH,
    NHS_NUMBER, CASE_REFERENCE, NI_NUMBER, PHONE, EMAIL, PERSON, POSTCODE, STREET_ADDRESS,
    TEXT_SCHOOL, UPN, BIRTH_DATE, BUDGET, REFERENCE, HANDLE,
)  # fmt: skip

FIXED_LABELS = {
    CHILD_NAME: "[child]",
    KNOWN_AS: "[child]",
    SCHOOL: "[school]",
    HOME_ADDRESS: "[address]",
    HOME_POSTCODE: "[address]",  # only when the home postcode is not a readable UK postcode
    POSTCODE: "[address]",
    DATE_OF_BIRTH: "[date of birth]",
    NHS_NUMBER: "[NHS number]",
    CASE_REFERENCE: "[case reference]",
    NI_NUMBER: "[NI number]",
    PHONE: "[phone]",
    EMAIL: "[email]",
    PERSON: "[person]",
    STREET_ADDRESS: "[address]",
    TEXT_SCHOOL: "[school]",
    UPN: "[UPN]",
    BIRTH_DATE: "[date of birth]",
    BUDGET: "[budget]",
    REFERENCE: "[reference]",
    HANDLE: "[handle]",
}
UNKNOWN_RELATIONSHIP = "family member"
_FALLBACK_LABELS = ("[redacted]", "[…]")  # the last has no letter, so no name can be inside it

_RELATIONSHIP_WORDS = {
    "mother": "mother", "mum": "mother", "mom": "mother", "mam": "mother", "mummy": "mother",
    "father": "father", "dad": "father", "daddy": "father",
    "brother": "brother", "sister": "sister", "sibling": "sibling", "parent": "parent",
    "son": "son", "daughter": "daughter", "twin": "twin", "baby": "baby",
    "grandmother": "grandmother", "grandma": "grandmother", "gran": "grandmother",
    "granny": "grandmother", "nan": "grandmother", "nana": "grandmother",
    "nanna": "grandmother", "nanny": "grandmother",
    "grandfather": "grandfather", "grandad": "grandfather", "granddad": "grandfather",
    "grandpa": "grandfather", "grandparent": "grandparent",
    "aunt": "aunt", "auntie": "aunt", "aunty": "aunt", "uncle": "uncle", "cousin": "cousin",
    "niece": "niece", "nephew": "nephew", "partner": "partner", "boyfriend": "boyfriend",
    "girlfriend": "girlfriend", "husband": "husband", "wife": "wife", "carer": "carer",
    "guardian": "guardian", "godmother": "godmother", "godfather": "godfather",
}  # fmt: skip
_HYPHENATED_PREFIXES = {"step", "half", "great"}
_SPACED_PREFIXES = {
    "birth", "adoptive", "foster", "maternal", "paternal", "older", "younger", "elder", "big",
    "little", "baby", "twin", "kinship", "special",
}  # fmt: skip


def relationship_label(relationship: str) -> str:
    """`[step-father]` for "Stepdad", `[mother]` for "Mum", `[family member]` when unknown."""
    words = _relationship_words(relationship)
    if not words or not _ends_in_relationship(words):
        return f"[{UNKNOWN_RELATIONSHIP}]"
    parts: list[str] = []
    for word in words:
        normalised = _normalise_word(word)
        if normalised is None:
            return f"[{UNKNOWN_RELATIONSHIP}]"
        parts.append(normalised)
    text = ""
    for part in parts:
        text += part + ("-" if part in _HYPHENATED_PREFIXES else " ")
    return f"[{text.strip()}]"


def is_relationship_word(word: str) -> bool:
    """"mother", "Mum", "stepdad", "half-sister", "parents": a word a relationship is made of."""
    parts = _relationship_words(word)
    return bool(parts) and all(
        _normalise_word(part) is not None or _normalise_word(part.removesuffix("s")) is not None
        for part in parts)


def _relationship_words(relationship: str) -> list[str]:
    words = re.findall(r"[a-z]+(?:'s)?", relationship.lower().replace("’", "'"))
    split: list[str] = []
    for word in words:
        glued = re.fullmatch(r"(step|half|great)(\w+)", word)
        if glued and _normalise_word(glued.group(2)) is not None:
            split.extend(glued.groups())
        else:
            split.append(word)
    return split


def _normalise_word(word: str) -> str | None:
    if word in _HYPHENATED_PREFIXES or word in _SPACED_PREFIXES:
        return word
    base, possessive = (word[:-2], "'s") if word.endswith("'s") else (word, "")
    canonical = _RELATIONSHIP_WORDS.get(base)
    return None if canonical is None else canonical + possessive


def _ends_in_relationship(words: list[str]) -> bool:
    """One relationship, last ("maternal aunt", "mum's partner"), not two ("mother/carer")."""
    bases = [w for w in words if w in _RELATIONSHIP_WORDS and w not in _SPACED_PREFIXES]
    return words[-1] in _RELATIONSHIP_WORDS and len(bases) <= 1


def safe_label(label: str, identifying: Iterable[str]) -> str:
    """`label`, unless a name of this form is inside it (a child called "Hild" and `[child]`)."""
    for candidate in (label, *_FALLBACK_LABELS):
        folded = candidate.casefold()
        if not any(value.casefold() in folded for value in identifying if len(value) >= 3):
            return candidate
    return _FALLBACK_LABELS[-1]
