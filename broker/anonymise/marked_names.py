"""Names that a record marks by where it puts them, not by a role word before them.

A body map quotes what a tattoo spells ("homemade tattoo 'DEANO'", "tattoo 'Property of
Dinks'", "initials 'J.M.'"); a console's profile shows "Real Name: Connor Brook" mid-line; a
risk assessment gives a nickname before the real name it
stands for ("'Shifty' - believed real name Curtis Ibbotson", "'Smiley' is Jordan Ackroyd"),
a first name alone in quotes ("left with 'Tanya'"), street names in a list ("Street names
Nines and Lil Mo"), a surname it is unsure of ("surname thought to be
Akhtar"); a group chat's system lines begin with who did what ("Reiss added Kayden", "Jodie
Marr created group …"); a network's role lines give the role, a dash and the name ("Mentor
(Prince's Trust) – Big Tunde"); a phone's contacts give the saved name in quotes before its
number ('"Daddy J" 07700 900 412'). Each name found so is a term, so its other mentions go too;
the initials a tattoo spells go where they stand (`find_marked_initials`). A word found so
that is a common English word, a role, a place or a well-known thing's name is no name.
Every pattern is anchored on a few words and advances one bounded step at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import PERSON
from broker.anonymise.name_shapes import CAPS_WORD, FAMILY_ADJECTIVES, NOT_NAMES, UP, WORD
from broker.anonymise.narrative import ROLES
from broker.anonymise.spans import Span
from broker.anonymise.terms import normalise

_NAME_WORD = rf"(?:{WORD}|{CAPS_WORD}(?![\w'’]))"
_QUOTE_OPEN = "['\"‘“]"
_QUOTE_CLOSE = "['\"’”]"
# What a tattoo, a carving or a necklace spells, in quotes after it.
_SPELT = re.compile(
    r"(?<![^\W\d_])(?i:tattoo(?:ed|s)?|inked|initials|necklace|carved|spelling|spells|reads)"
    rf"[ \t]{{1,3}}(?:(?i:of|saying|that[ \t]+says)[ \t]{{1,3}})?{_QUOTE_OPEN}"
    rf"(?P<said>[^'\"‘’“”\n]{{1,40}}){_QUOTE_CLOSE}")
_INITIALS = re.compile(rf"[{UP}]\.(?:[ \t]?[{UP}]\.){{1,2}}|[{UP}]{{2,3}}")
_SAID_WORD = re.compile(_NAME_WORD)
# A nickname before the real name it stands for: "'Shifty' - believed real name Curtis".
_BEFORE_A_REAL_NAME = re.compile(
    rf"{_QUOTE_OPEN}(?P<name>[{UP}][\w'’\-]{{1,15}}){_QUOTE_CLOSE}[ \t]{{0,3}}[-–—,:(]?[ \t]{{0,3}}"
    r"(?i:(?:believed|thought|possibly|probably|suspected|whose)[ \t]{1,3})?"
    r"(?i:real|actual|true|full|legal)[ \t]{1,3}(?i:name)")
# A profile's field for the real name, anywhere on its line: "shows 'Real Name: Connor Brook'".
_REAL_NAME_FIELD = re.compile(
    r"(?<![^\W\d_])(?i:real|actual|true|full|legal)[ \t](?i:name)[ \t]{0,3}[:=][ \t]{0,3}"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD}){{0,2}})")
# Street names in a list: "Street names Nines and Lil Mo", "street name: Tonka".
_STREET_NAMES = re.compile(
    r"(?<![^\W\d_])(?i:street|road|gang|drill|online)[ \t]{1,3}(?i:names?)[ \t]{0,3}"
    r"(?:(?i:are|is|were|was|of|include)[ \t]{1,3}|:[ \t]{0,3})?")
_LISTED = re.compile(rf"{_QUOTE_OPEN}?(?P<name>{_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD})?)"
                     rf"{_QUOTE_CLOSE}?")
_LIST_JOIN = re.compile(r"[ \t]*(?:,|and|or|&)[ \t]*(?:(?:and|or)[ \t]+)?")
# A name a record is unsure of: "surname thought to be Akhtar", "first name possibly Kasia".
_UNSURE = re.compile(
    r"(?<![^\W\d_])(?i:surname|forename|first[ \t]name|last[ \t]name|real[ \t]name"
    r"|family[ \t]name)[ \t]{1,3}(?:(?i:is|was)[ \t]{1,3})?"
    r"(?i:thought|believed|said|understood|suspected|possibly|probably|maybe|perhaps)"
    rf"[ \t]{{1,3}}(?:(?i:to[ \t]{{1,3}}be)[ \t]{{1,3}})?(?P<name>{_NAME_WORD})")
# A group chat's system line: "Reiss added Kayden", "Jodie Marr created group …", "Tyrone
# Sugden left".
_CHAT_LINE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,2}})[ \t]+"
    r"(?:(?P<verb>added|removed)[ \t]+(?P<other>" + _NAME_WORD + r"(?:[ \t]" + _NAME_WORD
    + r"){0,2})[ \t]*$|created[ \t]+group\b|changed[ \t]+the[ \t]+group[ \t]+"
    r"(?:name|icon|description)\b|changed[ \t]+this[ \t]+group|joined[ \t]+using\b|left[ \t]*$)",
    re.MULTILINE)
# Who a short name is, with an age: "Jax is Jackson Pullan (16)"; names said not to be known:
# "Mikey and Kenna are not known to us".
_WHO_IS = re.compile(
    rf"(?<![\w'’\-])(?P<name>{WORD})[ \t]+(?:is|was)[ \t]+{WORD}[ \t]+{WORD}[ \t]*"
    r"\([ \t]*\d{1,2}[ \t]*\)")
# A nickname in quotes that a whole name is said to be: "Police believe 'Smiley' is Jordan
# Ackroyd (23)", "'Tiny' was actually Kyle Barnes". The quotes say it is what someone is
# called, a word or not ("Smiley", "Tiny").
_QUOTED_IS = re.compile(
    rf"(?<![\w'’\-]){_QUOTE_OPEN}(?P<name>[{UP}][\w'’\-]{{1,15}}){_QUOTE_CLOSE}[ \t]+"
    r"(?:is|was)[ \t]+(?:(?i:actually|really|probably|possibly|believed[ \t]+to[ \t]+be"
    rf"|thought[ \t]+to[ \t]+be)[ \t]+)?(?P<full>{WORD}[ \t]+{WORD})(?![\w'’\-])")
# A first name alone in quotes, as a note gives what someone was called without knowing them:
# "she left with 'Tanya' at 8pm", "a girl called “Kelsey”". Only a listed first name that is
# no word ("'Frozen'", "'Chase'" stay), and not one inside a title ("Santa 'Claus' Parade").
_QUOTED_FIRST_NAME = re.compile(
    rf"(?<![\w'’\-]){_QUOTE_OPEN}(?P<name>[{UP}][a-z]{{2,15}}){_QUOTE_CLOSE}(?![\w'’\-])")
_IN_A_TITLE_BEFORE = re.compile(rf"{WORD}[ \t]\Z")
_IN_A_TITLE_AFTER = re.compile(rf"[ \t]{WORD}")
_NOT_KNOWN = re.compile(
    rf"(?<![\w'’\-])(?P<names>{WORD}(?:[ \t]*,[ \t]*{WORD}){{0,4}}[ \t]+(?:and|&)[ \t]+{WORD})"
    r"[ \t]+(?:are|were)[ \t]+(?:not[ \t]+known|unknown)")
# A network's role line: "Mentor (Prince's Trust) – Big Tunde", "YOT worker – Daz".
_ROLE_LINE = re.compile(
    r"^[ \t]*(?:[-•*·][ \t]*)?(?P<role>[A-Za-z]{2,20}(?:[ \t][a-z]{2,20})?)"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+[-–—][ \t]+"
    rf"(?P<name>{WORD}(?:[ \t]{{1,3}}{WORD})?)(?![\w'’\-])", re.MULTILINE)


# A phone's contact, its saved name in quotes before its number: 'Contacts on her phone:
# "Daddy J" 07700 900 412, "Kai" 07700-900-577' (the number goes as any phone's does).
_CONTACT = re.compile(
    rf"{_QUOTE_OPEN}(?P<name>[^'\"‘’“”\n]{{1,30}}){_QUOTE_CLOSE}[ \t]{{0,3}}[:\-–—(]?[ \t]{{0,3}}"
    r"(?:\+44[ \t\-]?(?:\(0\)[ \t]?)?|0)\d{2,4}[ \t\-]?\d{3}")


def marked_names(texts: Iterable[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        found.extend(_names_in(normalise(text)))
    return list(dict.fromkeys(found))


def _names_in(text: str) -> Iterator[str]:
    for match in _SPELT.finditer(text):
        for word in _SAID_WORD.finditer(match.group("said")):
            if _a_name(word.group()) and lexicon.zipf(word.group()) < lexicon.WORDY:
                yield word.group()  # "DEANO", "Dinks"; not "Love" of 'Love Hurts'"
    for match in _BEFORE_A_REAL_NAME.finditer(text):
        if _a_name(match.group("name")):
            yield match.group("name")
    for match in _REAL_NAME_FIELD.finditer(text):
        if _a_name((name := match.group("name")).split()[0]):
            yield name  # "Real Name: Connor Brook", the surname a word too
    for match in _STREET_NAMES.finditer(text):
        yield from _listed(text, match.end())
    for match in _UNSURE.finditer(text):
        if _a_name(match.group("name")):
            yield match.group("name")
    for match in _CHAT_LINE.finditer(text):
        for group in ("name", "other"):
            if (name := match.group(group)) and all(_a_name(w) for w in name.split()):
                yield name
    for match in _CONTACT.finditer(text):
        words = match.group("name").split()
        if any(_a_name(word) or (len(word) == 1 and word.isupper()) for word in words):
            yield " ".join(words)  # "Daddy J", "Kai"; not "Mum" or "Home"
    for match in _WHO_IS.finditer(text):
        if _a_name(match.group("name")):
            yield match.group("name")
    for match in _QUOTED_IS.finditer(text):
        first = match.group("full").split()[0]
        if lexicon.is_first_name(first) and _a_street_name(match.group("name")):
            yield match.group("name")
    for match in _QUOTED_FIRST_NAME.finditer(text):
        if lexicon.is_first_name(match.group("name")) and _a_name(match.group("name")) and not (
                _IN_A_TITLE_BEFORE.search(text, max(0, match.start() - 20), match.start())
                or _IN_A_TITLE_AFTER.match(text, match.end())):  # "Santa 'Claus' Parade"
            yield match.group("name")
    for match in _NOT_KNOWN.finditer(text):
        names = re.split(r"[ \t]*(?:,|&|\band\b)[ \t]*", match.group("names"))
        if all(_a_name(name) for name in names):
            yield from names
    for match in _ROLE_LINE.finditer(text):
        if match.group("role").split()[-1].casefold() not in ROLES:
            continue
        words = match.group("name").split()
        if len(words) > 1 and words[0].casefold() in FAMILY_ADJECTIVES:
            words = words[1:]  # "Big Tunde": "Tunde", and "Big [person]" says no more
        if all(_a_name(word) for word in words):
            yield " ".join(words)


def _listed(text: str, at: int) -> Iterator[str]:
    for _ in range(6):  # a short list
        item = _LISTED.match(text, at)
        if item is None:
            return
        words = item.group("name").split()  # "Lil Mo": the adjective is part of the name
        if not all(_a_street_name(word) for word in words):
            return
        yield item.group("name")
        joined = _LIST_JOIN.match(text, item.end())
        if joined is None or joined.end() == item.end():
            return
        at = joined.end()


def _a_name(word: str) -> bool:
    """A word that may be someone's name: no common word, role, place or known thing."""
    folded = word.casefold()
    return not (folded in NOT_NAMES or folded in ROLES or lexicon.is_ordinary(word)
                or lexicon.is_known_non_person(word))


def _a_street_name(word: str) -> bool:
    """Any word a street name may be ("Nines", "Lil Mo"): not a role, a form's word or a
    place, nor a word that ends the list ("Street names were used")."""
    folded = word.casefold()
    return word[:1].isupper() and not (
        (folded in NOT_NAMES and folded not in FAMILY_ADJECTIVES) or folded in ROLES
        or lexicon.is_known_non_person(word))


# A newborn's hospital name by its mother's initials, "Baby of" shortened: "BoKD on the cot
# card" for "Baby of Kayleigh Dunn". No word is written so.
_BABY_OF_INITIALS = re.compile(r"(?<![\w'’\-])Bo[A-Z]{2,3}(?![\w'’\-])")


# A contact saved as an uncle's or aunt's pet word and an initial: "WhatsApp | Unc T, +44…",
# "Auntie J". The initial is the person; "Uncle" alone, "Uncle Tom's Cabin" and "asked Uncle A
# lot" (not an initial: "A", "I") stay.
_KIN_AND_INITIAL = re.compile(
    r"(?<![\w'’\-])(?:Unc|Uncle|Aunt|Auntie|Aunty|Cuz|Cousin)[ \t][B-HJ-Z](?![\w'’\-]|\.\w)")


def find_marked_initials(text: str) -> Iterator[Span]:
    """The initials a tattoo or a carving spells: "initials 'J.M.'" ("[person]"), and a
    newborn's "BoKD" ("Baby of" his mother's initials)."""
    for match in _SPELT.finditer(text):
        said = match.group("said").strip()
        if _INITIALS.fullmatch(said):
            start = match.start("said") + match.group("said").index(said)
            yield Span(start, start + len(said), PERSON, None)
    for match in _BABY_OF_INITIALS.finditer(text):
        yield Span(match.start(), match.end(), PERSON, None)
    for match in _KIN_AND_INITIAL.finditer(text):
        yield Span(match.start(), match.end(), PERSON, None)


# How a name is said, spelt as it sounds, its stressed syllable in capitals: "is pronounced
# 'SEER-sha' (not 'Sor-sha')", "her sister is 'KEE-va'", "Padraig ('PAW-drig')". Each says
# the name as plainly as its spelling does. After "pronounced" any quoted saying goes, and the
# one after "(not"; elsewhere one shaped as only a saying is: syllables joined by hyphens, one
# of them in capitals and the others no words ("Jean-Paul", "UK-wide", "CAMHS-led" stay).
_SAID = r"['‘\"“](?P<{}>[^'’\"”\n]{{1,30}})['’\"”]"
_PRONOUNCED = re.compile(
    r"(?<![^\W\d_])(?i:pronounced)[ \t]{1,3}(?:(?i:as)[ \t]{1,3})?" + _SAID.format("said")
    + r"(?:[ \t]{0,3}\([ \t]{0,3}(?i:not|rather[ \t]than)[ \t]{1,3}" + _SAID.format("not")
    + r")?")
_SOUNDED_OUT = re.compile(
    r"(?<![\w'’])['‘\"“](?P<said>[A-Za-z]{1,8}(?:-[A-Za-z]{1,8}){1,3})['’\"”](?![\w'’])")
_STRESSED = re.compile(r"(?:^|-)(?=[A-Z]{0,7}[AEIOUY])[A-Z]{3,8}(?:-|$)")


def find_pronunciations(text: str) -> Iterator[Span]:
    for match in _PRONOUNCED.finditer(text):
        for group in ("said", "not"):
            if match.group(group) is not None:
                yield Span(match.start(group), match.end(group), PERSON, None)
    for match in _SOUNDED_OUT.finditer(text):
        said = match.group("said")
        quiet = [part for part in said.split("-") if not part.isupper()]
        if _STRESSED.search(said) and quiet and not any(map(lexicon.is_ordinary, quiet)):
            yield Span(match.start("said"), match.end("said"), PERSON, None)
