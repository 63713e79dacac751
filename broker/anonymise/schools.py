"""Schools the text names other than by a school word at the end, and again once named.

`find_school_names` (places.py) finds a school by its shape, its own words then a school
word ("Westfield Girls' High School"). Three more ways a referral names one:

- a Welsh school, its school word first: "Ysgol Gynradd Pen-y-Bryn", "Ysgol Gyfun Glan
  Ffrwd", "Ysgol Bro Dinefwr" (the words "Ysgol", "Gynradd", "Uwchradd", "Gyfun", "Arbennig"
  say only that it is a school, and stay when they stand alone);
- a school by its name with what it is in apposition: "The Bridge (the PRU on …)", "Aspire,
  the local alternative provision";
- a school's nickname just after it is named: "The kids call it Oakers";
- the form's own school by its two initials, where the words around say a school is meant:
  "Oakfield Academy (OA)", "wants to stay at OA" (two capitals elsewhere are too often
  something else: `acronym_terms` gives three or more anywhere), and by the initials of its
  own words without its kind, three or more anywhere: "SJB" of "St John Bosco College";
- a saint's name with its possessive after what places a child at a school: "excluded from
  St Wilfrid's", "moved from St Anselm's", "at St Bede's".

And a school found once is found again by its own words, as a writer shortens it: "Before
St Aidan's he was …" after "St Aidan's CE Primary", "not the Bridge", "back to Westfield"
(`repeated_schools_finder`). A name whose only own word is an English word ("Bridge") goes
only after "the"; a saint's name only with "St" before it; a word that is a first name alone
never (a person called so is found as a person); two own words or more by their initials
before the school's word after them ("QE Grammar" of "Queen Elizabeth's Grammar").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import SCHOOL, TEXT_SCHOOL, is_relationship_word
from broker.anonymise.name_shapes import WORD
from broker.anonymise.places import LOCALITY_WORD, find_school_names, is_a_time
from broker.anonymise.spans import Span
from broker.anonymise.terms import ABBREVIATIONS

__all__ = ["find_more_school_names", "repeated_schools_finder", "school_initials_finder"]

WELSH_SCHOOL_WORDS = frozenset({"ysgol", "gynradd", "uwchradd", "gyfun", "arbennig",
                                "feithrin", "gymraeg", "babanod", "iau"})
_WELSH_SCHOOL = re.compile(
    r"(?<![\w'’\-])(?:Ysgol|YSGOL)(?:[ \t]+(?:Gynradd|Uwchradd|Gyfun|Arbennig|Feithrin|Gymraeg"
    r"|Babanod|Iau))*[ \t]+(?:(?:y|yr|Y|Yr)[ \t]+)?"
    rf"(?P<own>{LOCALITY_WORD}(?:[ \t]+{LOCALITY_WORD}){{0,2}})(?![\w'’\-])")
# What a school is, said beside its name: "(the PRU on Wellington Street)", ", an AP".
_WHAT_IT_IS = (r"(?:PRU|AP|[Pp]upil[ \t]+[Rr]eferral[ \t]+[Uu]nit|[Aa]lternative[ \t]+"
               r"[Pp]rovision|(?:[Ss]pecial|[Ii]ndependent|[Rr]esidential|[Ff]ree|[Hh]ospital)"
               r"[ \t]+(?:[Ss]pecial[ \t]+)?[Ss]chool)")
_IN_APPOSITION = re.compile(
    rf"(?<![\w'’\-])(?P<name>{WORD}(?:[ \t]+{WORD}){{0,3}})[ \t]*(?:\([ \t]*|,[ \t]+)"
    rf"(?:(?:the|a|an|his|her|their)[ \t]+)?(?:(?:local|council['’]s)[ \t]+)?{_WHAT_IT_IS}"
    r"(?![\w'’\-])")
# A school's nickname, where a school was named just before: "Oakfield (OA). The kids call it
# Oakers."
_CALLED_IT = re.compile(rf"(?<![\w'’\-])(?i:call|calls|called|nicknamed?)[ \t]+it[ \t]+"
                        rf"['\"‘“]?(?P<name>{WORD})")
_A_SCHOOL_BEFORE = re.compile(r"(?i:school|academy|primary|college|high|PRU|ysgol)\b")
_CALLED_REACH = 150
# Words before a name that are no part of it: "Since September, …", "Now at …".
_OPENING_WORDS = frozenset({
    "in", "at", "on", "to", "from", "since", "then", "now", "but", "and", "after", "before",
    "when", "until", "currently", "previously", "attends", "attended", "the"})
# A saint's name with its possessive after what places a child at a school, no kind's word
# after it: "permanently excluded from St Wilfrid's", "moved from St Anselm's", "attended St
# Bede's", "a pupil at St Cuthbert's". A bare "at" is no cue: "he serves at St Mary's" is a
# church's altar, found in every town. ("St Helens", "St Albans", towns, have no apostrophe;
# "St Thomas' Hospital" has its kind.)
_SAINT_AFTER_A_CUE = re.compile(
    r"(?<![\w'’])(?i:excluded[ \t]+from|expelled[ \t]+from|moved[ \t]+(?:from|to)"
    r"|transferred[ \t]+(?:from|to)|attended|attends|attending|joined|left"
    r"|(?:pupil|student|place|year[ \t]+\d{1,2})[ \t]+at)[ \t]+"
    r"(?P<name>(?:St\.?|Saint)[ \t]+[A-Z][a-z]{2,20}(?:['’]s|s['’]))(?![\w'’\-]|[ \t]+[A-Z])")
# Generic words of a school's name: no part of what a writer calls it for short.
_GENERIC_LIST = """
    the a an of and at in on for school schools academy primary secondary high college infant
    infants junior juniors nursery st saint church ce cofe c e rc catholic community free
    trust grammar upper lower middle special centre center unit pupil referral prep
    preparatory learning boys girls sixth form education provision alternative independent
    day residential federation campus pru ap hub base"""
_GENERIC = frozenset(_GENERIC_LIST.split()) | WELSH_SCHOOL_WORDS
_SAINT = frozenset({"st", "st.", "saint"})
_MIN_OWN = 3
_OWN_INITIALS = 3  # "SJB" alone; two capitals ("QE") are too often something else


def find_more_school_names(text: str) -> Iterator[Span]:
    """A Welsh school by its name after "Ysgol", a school named in apposition, and a saint's
    name after what places a child at a school ("excluded from St Wilfrid's")."""
    for match in _SAINT_AFTER_A_CUE.finditer(text):
        yield Span(match.start("name"), match.end("name"), TEXT_SCHOOL)
    for match in _WELSH_SCHOOL.finditer(text):
        if any(word.casefold() not in WELSH_SCHOOL_WORDS for word in match.group("own").split()):
            yield Span(match.start(), match.end(), TEXT_SCHOOL)
    for match in _IN_APPOSITION.finditer(text):
        words = match.group("name").split()
        start = match.start("name")
        while words and words[0].casefold() in _OPENING_WORDS - {"the"}:
            start = text.index(words[0], start) + len(words[0])
            words.pop(0)
        own = [word for word in words if word.casefold() not in _GENERIC]
        if own and not any(is_a_time(word) or is_relationship_word(word)
                           or lexicon.is_known_non_person(word) for word in own):
            start = text.index(words[0], start)
            yield Span(start, match.end("name"), TEXT_SCHOOL)


def repeated_schools_finder(
    texts: Iterable[str], forms_words: Iterable[str] = ()
) -> Callable[[str], Iterator[Span]]:
    """A search for each school the text names, by its own words alone, wherever it stands.
    Not by words of the form's own school or home address (`forms_words`): the form's values
    are searched by their own rules, and "Northby" of "Northby College" is the town's too
    ("Northby YJS", "Northby Homes" stay)."""
    own = {word.casefold() for word in forms_words}
    patterns: set[str] = set()
    for text in texts:
        for span in [*find_school_names(text), *find_more_school_names(text)]:
            if span.kind == TEXT_SCHOOL:
                patterns.update(_shortened(text[span.start : span.end], own))
    search = re.compile("|".join(sorted(patterns, key=len, reverse=True))) if patterns else None

    def find(text: str) -> Iterator[Span]:
        if search is None:
            return
        for match in search.finditer(text):
            yield Span(match.start(), match.end(), TEXT_SCHOOL)

    return find


def _shortened(name: str, forms_words: set[str]) -> list[str]:
    """The patterns of a school's own words, each run of them as written: "Westfield" of
    "Westfield Girls' High School", "St Aidan's" of "St Aidan's CE Primary", "the Bridge"'s
    "Bridge" of "The Bridge"."""
    words = [word.strip("()[],.;:") for word in name.split()]
    runs: list[tuple[bool, list[str]]] = []  # (after a saint's "St", the run's words)
    # a run's initials before the school's word that follows it: "QE Grammar" of "Queen
    # Elizabeth's Grammar"
    found: list[str] = []
    current: list[str] = []
    after_saint = False
    for index, word in enumerate(words + [""]):
        if word and _own(word):
            if not current:
                after_saint = index > 0 and words[index - 1].casefold() in _SAINT
            current.append(word)
            continue
        if current:
            runs.append((after_saint, current))
            if len(current) >= 2 and word and word[:1].isupper():  # "QE Grammar"
                initials = "".join(own[0] for own in current)
                found.append(rf"(?<![\w'’\-]){initials}[ \t]+{re.escape(word)}(?![\w\-])")
        current = []
    for saint, run in runs:
        if len(" ".join(run)) < _MIN_OWN or all(
                re.sub(r"['’]s?$", "", word).casefold() in forms_words for word in run):
            continue
        body = r"[ \t]+".join(re.sub("['’]", "['’]", re.escape(word)) for word in run)
        if saint:
            found.append(rf"(?<![\w'’\-])(?:St\.?|Saint)[ \t]+{body}(?![\w\-])")
        elif len(run) == 1 and lexicon.is_first_name(run[0]):
            continue  # "Harris" of "Harris Academy" alone is a person's name as often
        elif len(run) == 1 and lexicon.is_ordinary(run[0]):
            found.append(rf"(?<=[Tt]he[ \t]){body}(?![\w'’\-])")  # "not the Bridge"
        else:
            found.append(rf"(?<![\w'’\-]){body}(?![\w\-]|['’](?!s(?![\w])))")
    return found


def _own(word: str) -> bool:
    bare = re.sub(r"['’](?:s)?$", "", word)
    return bool(bare) and bare[0].isupper() and bare.casefold() not in _GENERIC


def school_initials_finder(
    school: str | None, never: frozenset[str]
) -> Callable[[str], Iterator[Span]]:
    """The form's school by its two initials ("OA" of "Oakfield Academy") where a school is
    meant: in brackets, or after a word that places someone at one ("stay at OA"). Not two
    capitals the sector writes for something else (`never`). And a nickname said of any
    school just named, the form's by its own words ("at Oakfield (OA). The kids call it
    Oakers")."""
    words = [word for word in re.findall(r"[^\W\d_][\w'’\-]*", school or "")
             if word.casefold() not in {"the", "of", "and"}]
    own = [re.escape(word) for word in words if _own(word)]
    named_before = re.compile("|".join([_A_SCHOOL_BEFORE.pattern, *own]))
    pair = "".join(word[0].upper() for word in words)
    # its own initials, without its kind: "SJB" of "St John Bosco College"
    kinds = 0
    while kinds < len(words) - 1 and words[-1 - kinds].casefold() in _GENERIC:
        kinds += 1
    own_initials = pair[: len(pair) - kinds] if kinds and len(words) >= 3 else ""
    if len(own_initials) == 2:
        pair = own_initials
    search = None
    if len(pair) == 2 and pair not in never:
        search = re.compile(
            rf"(?<=\()[ \t]*(?P<bracketed>{pair})(?=[ \t]*\))"
            rf"|(?<![^\W_])(?i:at|to|from|attends|attend|attending|attended|left|leave|leaving"
            rf"|joined|join)[ \t]+(?P<placed>{pair})(?![^\W_])")
    alone = re.compile(rf"(?<![^\W_]){own_initials}(?![^\W_])") if (
        len(own_initials) >= _OWN_INITIALS and own_initials.casefold() not in ABBREVIATIONS
    ) else None

    def find(text: str) -> Iterator[Span]:
        for match in _CALLED_IT.finditer(text):
            if named_before.search(text, max(0, match.start() - _CALLED_REACH), match.start()):
                yield Span(match.start("name"), match.end("name"), TEXT_SCHOOL)
        if alone is not None:
            for match in alone.finditer(text):
                yield Span(match.start(), match.end(), SCHOOL)
        if search is None:
            return
        for match in search.finditer(text):
            group = "bracketed" if match.group("bracketed") else "placed"
            yield Span(match.start(group), match.end(group), SCHOOL)

    return find
