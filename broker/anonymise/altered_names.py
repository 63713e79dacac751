"""Names a writer or a scanner altered, where the referral removes the name itself.

A chat draws a name out for emphasis ("BRODIEEEE where r u", "tell Brodiee to come",
"Tylerrrr says"), a boarding pass runs the title onto the first name after the surname's
slash ("NWACHUKWU/AMARAMISS"), and a scanner reads letters as digits ("Leight0n Birtwist1e
(B1RTWISTLE)"). A word goes, under that person's label, when undoing one of these gives a
name part of four letters or more the referral already removes: its last letter repeated,
MISS, MR, MRS, MS or MSTR run on after a slash, 0 read for o and 1 for l or i. A capitalised
word drawn out by two letters or more goes too when what is left is a listed first name and
no everyday word ("Tylerrrr", but not "Loveee"), though the referral names no Tyler otherwise.
A handle of a name's first three letters or more said twice goes as that name does: "LewLew"
beside Lewis, "🎮LewLew🎮" (but "couscous", an everyday word, stays).

A first name of the form's people spelt another way goes as that person does
(`respelt_names_finder`): one letter left out or added, an "e", an "h", a "y" or a vowel, or a
letter doubled or undoubled ("Sky" for Skye, "Jaden" for Jayden, "Conor" for Connor); in a
name of five letters or more a vowel swapped ("Ciaron", "Jordon") or its first sound spelt
the other way, C/K, Ph/F, X/Z ("Kieran" for Ciaran, "Zander" for Xander, a listed pet form
of Alexander), labelled as that person wherever the name is found (`respelt_name_of`); written
capitalised and not before another capitalised word ("Sky Sports" is a channel). A spelling
that is an everyday word ("Sky") goes only where the text says it is a spelling ("Sky (as she
spells it online)", "spells it Sky"), where it stands inside a sentence, or where a person's
word follows it ("Sky has ADHD", "Sky's room"); "Ran away" for a Ryan stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import product

from broker.anonymise import lexicon
from broker.anonymise.labels import (
    CHILD_NAME,
    FAMILY_NAMES,
    KNOWN_AS,
    PERSON,
    is_relationship_word,
)
from broker.anonymise.run_together import PET_NAMES
from broker.anonymise.spans import Span
from broker.anonymise.terms import Term, fold

__all__ = ["altered_names_finder", "respelt_name_of", "respelt_names_finder"]

MIN_PART = 4  # shorter parts ("Bo", "Amy") drawn out or misread make too many other words
_PEOPLE = frozenset({CHILD_NAME, KNOWN_AS, FAMILY_NAMES, PERSON})
# A word of letters, or of letters and the digits a scanner reads for letters: bounded, so
# each is looked at in a few steps.
_WORD = re.compile(r"(?<![^\W_])[^\W_]{5,40}(?![^\W_])")
_TITLES_RUN_ON = ("MSTR", "MISS", "MRS", "MR", "MS")  # the longest first: "…MRS" is not "…MR"
_MISREAD = {"0": ("o",), "1": ("l", "i")}
_EVERYDAY = 5.0  # a first name this common is a word first: "Loveee", "Hopeee" stay
_SHORTEST_DOUBLED = 3  # "LewLew"; "JoJo" and "BoBo" name too many others
_MOST_MISREAD = 4  # digits in one word: 2**4 readings at most


def altered_names_finder(terms: list[Term]) -> Callable[[str], Iterator[Span]]:
    """A search for drawn-out, run-on and misread forms of these terms' name parts."""
    parts: dict[str, Term] = {}
    for term in terms:
        if term.kind in _PEOPLE:
            for token in term.tokens:
                if len(folded := fold(token)) >= MIN_PART and folded.isalpha():
                    parts.setdefault(folded, term)

    def find(text: str) -> Iterator[Span]:
        for match in _WORD.finditer(text):
            word = match.group()
            after_slash = text[match.start() - 1 : match.start()] == "/"
            named = _named(word, parts, after_slash=after_slash)
            if named is not None:
                yield Span(match.start(), match.end(), named.kind, named.label)
            elif _drawn_out_first_name(word):
                yield Span(match.start(), match.end(), PERSON)

    return find


def _named(word: str, parts: dict[str, Term], *, after_slash: bool) -> Term | None:
    if not parts:
        return None
    folded = fold(word)
    if folded in parts:
        return None  # the name as written: the term search finds it
    if any(char.isdigit() for char in folded):
        return next((parts[reading] for reading in _readings(folded) if reading in parts), None)
    if (doubled := _doubled(folded, parts)) is not None:
        return doubled
    for undone in (*_without_the_drawn_out(folded), *(
            _without_a_title(word) if after_slash else ())):
        if undone in parts:
            return parts[undone]
    return None


def _without_the_drawn_out(folded: str) -> tuple[str, ...]:
    """The word with its last letter's repeats cut to one, and to two: "brodieeee" ->
    "brodie", "brodiee"; nothing when its last letter is not repeated."""
    last = folded[-1]
    stem = folded.rstrip(last)
    if len(folded) - len(stem) < 2:
        return ()
    return stem + last, stem + last + last


def _doubled(folded: str, parts: dict[str, Term]) -> Term | None:
    """The term whose name part opens with the word's half when the word is that half twice
    and no everyday word: "lewlew" beside "lewis"."""
    half = folded[: len(folded) // 2]
    if len(half) < _SHORTEST_DOUBLED or folded != half * 2 or lexicon.zipf(folded) >= (
            lexicon.ORDINARY):
        return None
    return next((term for part, term in parts.items() if part.startswith(half)), None)


def _without_a_title(word: str) -> tuple[str, ...]:
    """A boarding pass's first name with its title run on, in capitals: "AMARAMISS" ->
    "amara"."""
    if not word.isupper():
        return ()
    return tuple(fold(word[: -len(title)]) for title in _TITLES_RUN_ON if word.endswith(title))


def _readings(folded: str) -> Iterator[str]:
    """The word as a scanner may have misread it, each 0 an o, each 1 an l or an i."""
    digits = [char for char in folded if char.isdigit()]
    if len(digits) > _MOST_MISREAD or any(char not in _MISREAD for char in digits) or not any(
            char.isalpha() for char in folded):
        return
    for letters in product(*(_MISREAD[char] for char in digits)):
        given = iter(letters)
        yield "".join(next(given) if char.isdigit() else char for char in folded)


def _drawn_out_first_name(word: str) -> bool:
    """A capitalised word whose last letter is repeated twice or more over, and that is a
    listed first name and no common word without the repeats: "Tylerrrr", "JAYDENNN"."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    folded = word.casefold()
    last = folded[-1]
    stem = folded.rstrip(last)
    if len(folded) - len(stem) < 3:
        return False
    return any(len(name) >= MIN_PART and lexicon.is_first_name(name) and not lexicon.is_ordinary(
        name) and lexicon.zipf(name) < _EVERYDAY for name in (stem + last, stem + last + last))


# A capitalised word, and what says it is a spelling of a name: "Sky (as she spells it
# online)", "(spelt Sky)", "spells it Sky", "spells her name 'Sky'".
_CAPITALISED = re.compile(r"(?<![^\W_])[A-Z][a-z]{2,20}(?![^\W_]|['’][a-rt-z])")
_SPELLING_AFTER = re.compile(
    r"[ \t]*\([ \t]*(?:(?:as|how)[ \t]+(?:she|he|they|it)[ \t]+(?:spells?|spelt|spelled"
    r"|is[ \t]+spelt|writes?|wrote)|(?:spelt|spelled|sic)(?![\w'’]))", re.IGNORECASE)
_SPELLING_BEFORE = re.compile(
    r"(?<![\w'’])(?:spells?|spelt|spelled|spelling|writes)[ \t]+(?:(?:it|her|his|their)[ \t]+"
    r"(?:(?:own|first)[ \t]+)?(?:name[ \t]+)?)?(?:as[ \t]+)?['\"‘“]?\Z", re.IGNORECASE)
_SPELLING_REACH = 40
# What a person does or has after a name: "Sky has ADHD", "Sky (15)", "Sky's room".
_PERSON_AFTER = re.compile(
    r"(?:['’]s(?![\w'’])|[ \t]*\(|,[ \t]*\d|[ \t]+(?:is|was|has|had|said|says|told|tells|wants|"
    r"wanted|needs|likes|loves|hates|will|would|can|could|did|does|went|goes|gets|got|feels|"
    r"felt|lives|lived|attends|aged?)(?![\w'’]))")
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][\w'’\-]*)")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’\-])([A-Z][a-z]+)[ \t]+\Z")
_ADDED = "ehy"
_LEFT_OUT = "aeiouyh"
_VOWELS = "aeiou"
_SHORTEST_SPELLING = 3  # "Sky"; not "Al" for "Alh"
# A name this long may have a vowel swapped or its first sound spelt the other way ("Ciaron",
# "Kieran" for Ciarán); a shorter one would make other names and words ("Dan", "Don").
_SHORTEST_SOUNDED = 5
# Initials that sound alike: "Kieran" for Ciaran, "Filippa" for Philippa, "Zander" for Xander.
_SOUND_ALIKE = (("c", "k"), ("k", "c"), ("ph", "f"), ("f", "ph"), ("x", "z"), ("z", "x"))


def sound_alike(part: str) -> set[str]:
    """A name (folded) with its first sound spelt the other way: "ciaran" -> "kiaran"."""
    return {other + part[len(first):] for first, other in _SOUND_ALIKE if part.startswith(first)}


def respellings(part: str) -> set[str]:
    """A first name (folded) with one letter left out or added, its first letter kept: an
    "e", an "h", a "y" or a vowel left out, an "e", an "h" or a "y" added, or a letter
    doubled or undoubled. "skye" -> "sky", "skyy", "skyee", …; "jayden" -> "jaden", …. A name
    of five letters or more also with one vowel swapped for another ("ciaron", "jordon"), and
    its first sound spelt the other way, alone or with one of those changes ("kieran")."""
    spellings = _one_letter_changed(part)
    if len(part) >= _SHORTEST_SOUNDED:
        for sounded in sound_alike(part):
            spellings |= {sounded} | _one_letter_changed(sounded)
    return {word for word in spellings if len(word) >= _SHORTEST_SPELLING and word != part}


def _one_letter_changed(part: str) -> set[str]:
    spellings: set[str] = set()
    for index in range(1, len(part)):
        if part[index] in _LEFT_OUT or part[index] == part[index - 1]:
            spellings.add(part[:index] + part[index + 1 :])
        if len(part) >= _SHORTEST_SOUNDED and part[index] in _VOWELS:
            spellings.update(part[:index] + vowel + part[index + 1 :] for vowel in _VOWELS)
    for index in range(1, len(part) + 1):
        for letter in (*_ADDED, part[index - 1]):
            spellings.add(part[:index] + letter + part[index:])
    return spellings


def respelt_names_finder(first_names: list[Term]) -> Callable[[str], Iterator[Span]]:
    """A search for `first_names` (the form's people's, one token each) spelt another way,
    under the label of whose name it is."""
    names = _names(first_names)
    spelt = _spellings(names)

    def find(text: str) -> Iterator[Span]:
        if not spelt:
            return
        for match in _CAPITALISED.finditer(text):
            term = spelt.get(match.group().casefold())
            if term is not None and _a_name_spelt_so(text, match, names):
                yield Span(match.start(), match.end(), term.kind, term.label)

    return find


def respelt_name_of(first_names: list[Term]) -> Callable[[str], Term | None]:
    """The term of `first_names` whose spelling another way a found name is, if any: "Jordon"
    found in the prose is the child Jordan's, labelled as the child, not a "[person]"."""
    spelt = _spellings(_names(first_names))
    return lambda word: spelt.get(fold(word))


def _names(first_names: list[Term]) -> dict[str, Term]:
    return {fold(term.tokens[0]): term for term in first_names
            if term.kind in _PEOPLE and len(term.tokens) == 1 and term.tokens[0].isalpha()
            and len(term.tokens[0]) >= _SHORTEST_SPELLING}


def _spellings(names: dict[str, Term]) -> dict[str, Term]:
    """Each other spelling of the names, and each name's known pet form ("Xander" of
    Alexander) with its first sound spelt the other way ("Zander"), under the name's term."""
    spelt: dict[str, Term] = {}
    for name, term in names.items():
        pet_forms = {form for group in PET_NAMES if name in (forms := group.split())
                     for form in forms if form != name}
        others = respellings(name) | {sounded for form in pet_forms for sounded in sound_alike(form)
                                      if len(form) >= _SHORTEST_SOUNDED - 1}
        for spelling in sorted(others):
            if spelling not in names:
                spelt.setdefault(spelling, term)
    return spelt


def _a_name_spelt_so(text: str, match: re.Match[str], names: dict[str, Term]) -> bool:
    """The capitalised word stands as a name: not before another's capitalised word ("Sky
    Sports"); and, when it is an everyday word, the text says it is a spelling, a person's
    word follows it, or it stands inside a sentence."""
    start, end = match.span()
    after = _CAPITALISED_AFTER.match(text, end)
    if after is not None and fold(after.group(1)) not in names:
        return False  # "Sky Sports", "Sky News": a channel, not "Sky" the girl
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 20), start)
    if before is not None and lexicon.is_ordinary(before.group(1)) and not (
            is_relationship_word(before.group(1)) or _opens_a_sentence(text, before.start())):
        return False  # "on Christmas Eve" beside an Evie: a day's name
    word = match.group()
    if not lexicon.is_ordinary(word) and lexicon.zipf(word) < lexicon.WORDY:
        return True  # "Jaden", "Kaylah": a name's spelling and no word
    if _SPELLING_AFTER.match(text, end) or _SPELLING_BEFORE.search(
            text, max(0, start - _SPELLING_REACH), start):
        return True
    if _PERSON_AFTER.match(text, end):
        return True
    return not _opens_a_sentence(text, start)


def _opens_a_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'‘“(")
    return not before or before[-1] in ".!?:\n"
