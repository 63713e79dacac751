"""A name of the referral's people declined as Polish declines it.

Names are searched for whole (matcher.py), with a possessive and known pet forms
(run_together.py); Polish, the language referrals meet most after English, adds a case ending
to a name and often changes its last letters: the child Łukasz is "Łukasza", "Łukaszowi",
"Łukaszem", "Łukaszu" (and his "Łukaszek" "Łukaszka", "Łukaszkiem"), Kacper "Kacpra",
Marek "Markiem", Piotr "Piotrze", Michał "Michale"; the sister Katarzyna "Katarzyny",
"Katarzynie", "Katarzynę", "Katarzyną", "Katarzyno", and her "Kasia" "Kasi", "Kasię",
"Kasią", "Kasiu"; Agnieszka "Agnieszce"; Wiśniewski "Wiśniewskiego", Wiśniewska
"Wiśniewską". A capitalised word goes, under that person's label, when it is such a form of
a name part of three letters or more of a person the form or the text names, or of a pet form
known to go with one (`PET_NAMES`): "Tęsknię za Łukaszem", "mieszkać z Kasią". Only the
referral's own people's names are declined, so no common word is searched for; a form written
without its Polish letters goes too ("Lukaszem"), unless it is then a word of English text
or another listed name ("Brownie" beside a Brown, "Kasie" for Kasię, "Paula" beside a Paul,
"Annie" beside an Anna stay for the other searches), whereas written with them ("Kasię") it
is no one else's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from broker.anonymise import lexicon
from broker.anonymise.labels import CHILD_NAME, FAMILY_NAMES, KNOWN_AS, PERSON
from broker.anonymise.run_together import PET_NAMES
from broker.anonymise.spans import Span
from broker.anonymise.terms import Term, fold

__all__ = ["inflected_names_finder", "polish_forms"]

_PEOPLE = frozenset({CHILD_NAME, KNOWN_AS, FAMILY_NAMES, PERSON})
_SHORTEST = 3  # "Jan", "Ola"; two letters make too many other words
# A capitalised word of letters, not part of a longer one ("Łukaszem", "KASIĄ").
_WORD = re.compile(r"(?<![\w\-'’])[^\W\d_]{3,40}(?![\w\-])")

# How a hard consonant ends a name before the locative's or the dative's "e", with the
# change it takes: Robert -> Robercie, Dawid -> Dawidzie, Piotr -> Piotrze, Michał -> Michale,
# Marta -> Marcie, Barbara -> Barbarze; any other hard consonant takes "ie" (Jan -> Janie).
_BEFORE_E = (("st", "ście"), ("ch", "sze"), ("t", "cie"), ("d", "dzie"), ("r", "rze"),
             ("ł", "le"))
# Endings after which a man's name takes "u", not "e", in the locative and the vocative:
# Łukasz -> Łukaszu, Wojciech -> Wojciechu, Marek -> Marku, Maciej -> Macieju.
_SOFT_OR_VELAR = ("sz", "cz", "rz", "ż", "ch", "c", "dz", "j", "l", "k", "g", "h")
# A name's last soft letter, written with an "i" before an ending: Jaś -> Jasia, Staś -> Stasiem.
_SOFT_LETTERS = {"ś": "s", "ć": "c", "ń": "n", "ź": "z"}
# An "e" a man's name drops before an ending: Marek -> Marka, Kacper -> Kacpra, Paweł -> Pawła.
_MOBILE_E = ("ek", "ec", "er", "eł")


def polish_forms(name: str) -> set[str]:
    """The case forms of a name, in lower case and with its Polish letters, the name itself
    not among them: "łukasz" -> "łukasza", "łukaszowi", "łukaszem", "łukaszu", …"""
    word = name.casefold()
    if len(word) < _SHORTEST or not word.isalpha():
        return set()
    if word.endswith(("ski", "cki", "dzki")):  # Wiśniewski: declined as an adjective
        forms = {word[:-1] + ending for ending in ("iego", "iemu", "im")}
    elif word.endswith(("ska", "cka", "dzka")):  # Wiśniewska
        forms = {word[:-1] + ending for ending in ("iej", "ą")}
    elif word.endswith("a"):
        forms = _in_a(word[:-1])
    elif word[-1] in "eiouyąęó":
        forms = set()  # "Antoni", "Bruno": no case ending this search can be sure of
    else:
        forms = set().union(*(_a_mans(stem) for stem in _mans_stems(word)))
        forms |= _a_mans(word + "k") if not word.endswith("k") else set()  # Łukaszek's
    return {form for form in forms if form != word and len(form) >= _SHORTEST}


def _in_a(stem: str) -> set[str]:
    """A name in "a" (Katarzyna, Kasia, Agnieszka, Ola, and a man's Kuba), by its stem."""
    forms = {stem + "ę", stem + "ą", stem + "o"}
    if stem.endswith("i"):  # Kasia -> Kasi, Kasiu; Julia -> Julii
        return forms | {stem, stem + "i", stem + "u"}
    if stem.endswith(("l", "j")):  # Ola -> Oli, Olu; Maja -> Mai
        return forms | {stem + "i", stem[:-1] + "i" if stem.endswith("j") else stem + "u"}
    if stem.endswith("k"):  # Agnieszka -> Agnieszki, Agnieszce
        return forms | {stem + "i", stem[:-1] + "ce"}
    if stem.endswith("g"):  # Olga -> Olgi, Oldze
        return forms | {stem + "i", stem[:-1] + "dze"}
    if stem.endswith(("c", "cz", "sz", "rz", "ż", "dz")):
        return forms | {stem + "y"}
    return forms | {stem + "y", _before_e(stem)}  # Katarzyna -> Katarzyny, Katarzynie


def _mans_stems(word: str) -> set[str]:
    """The stems a man's name in a consonant is declined from: itself, without an "e" it may
    drop (Kacper -> Kacpr, Marek -> Mark), a soft letter written with its "i" (Jaś -> Jasi)."""
    stems = {word}
    if len(word) > 4 and word.endswith(_MOBILE_E):
        stems.add(word[:-2] + word[-1])
    if word[-1] in _SOFT_LETTERS:
        stems = {word[:-1] + _SOFT_LETTERS[word[-1]] + "i"}
    return stems


def _a_mans(stem: str) -> set[str]:
    """Łukasz -> Łukasza, Łukaszowi, Łukaszem, Łukaszu; Marek's "Mark" -> Markiem, Marku."""
    forms = {stem + "a", stem + "owi"}
    forms.add(stem + "iem" if stem.endswith(("k", "g")) else stem + "em")
    if stem.endswith(_SOFT_OR_VELAR) or stem.endswith("i"):
        forms.add(stem + "u")
    else:
        forms.add(_before_e(stem))
    return forms


def _before_e(stem: str) -> str:
    for ending, changed in _BEFORE_E:
        if stem.endswith(ending):
            return stem[: -len(ending)] + changed
    return stem + "ie"


def inflected_names_finder(terms: Iterable[Term]) -> Callable[[str], Iterator[Span]]:
    """A search for the Polish case forms of these terms' people's name parts and of their
    known pet forms, capitalised, under the person's label."""
    written: dict[str, Term] = {}  # "łukaszem", "kasię": with the Polish letters
    bare: dict[str, Term] = {}  # "lukaszem": without them, where no word or other name
    names: set[str] = set()
    people = [term for term in terms if term.kind in _PEOPLE]
    for term in people:
        names.update(fold(token) for token in term.tokens)
    for term in people:
        for token in term.tokens:
            for name in (token, *_pet_forms(fold(token))):
                for form in sorted(polish_forms(name)):
                    folded = fold(form)
                    if folded != form:  # "kasię": a Polish letter, no English word's
                        written.setdefault(form, term)
                    if folded not in names and lexicon.kind(folded) == "rare":
                        bare.setdefault(folded, term)

    def find(text: str) -> Iterator[Span]:
        if not written and not bare:
            return
        for match in _WORD.finditer(text):
            word = match.group()
            if not word[0].isupper():
                continue
            term = written.get(word.casefold()) or bare.get(fold(word))
            if term is not None:
                yield Span(match.start(), match.end(), term.kind, term.label)

    return find


def _pet_forms(name: str) -> list[str]:
    """The pet forms known to go with a folded name ("kasia" for "katarzyna")."""
    return [form for forms in _folded_pet_groups().get(name, ())
            for form in forms if form != name and len(form) >= _SHORTEST]


@cache
def _folded_pet_groups() -> dict[str, list[list[str]]]:
    """Each folded name of `PET_NAMES` and the groups it is in, folded, built once: folding
    every group for each name part looked up was over half of anonymising a referral."""
    groups: dict[str, list[list[str]]] = {}
    for group in PET_NAMES:
        forms = [fold(f) for f in group.split()]
        for form in dict.fromkeys(forms):
            groups.setdefault(form, []).append(forms)
    return groups
