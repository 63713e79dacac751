"""Addresses written as a block: a line, a slash or a table cell's line each.

A social worker copies an address as it sits on an envelope or a case system:

    Boyfriend's address:            Her uncle's flat: Flat 6 / Ravensholme Court / Low Fold
    Apartment 12
    Holbeck Mill                    Nan
    Water Lane                      The Old Smithy
    Kelsham                         9 Sett Close | Fortnightly

Each part on its own may be common words ("Low Fold", "The Old Smithy"), so no part is taken
alone. A run of address-shaped parts is one address when it follows a line that says an address
comes next ("address:", "lives at -", "is staying at:", "Uncle's:"), or when it has two parts
or more and one is a flat or a numbered street ("Flat 6", "9 Sett Close"), or three parts or
more and one a street named with a type only streets have ("Quernmoor Road"). A part is
address-shaped when it is a few capitalised words and something says it is a place: a house or
street word at its end ("Mill House Farm", "Rose Cottage"), a locality's ending after another
word ("Town End", "Low Green"), "The" before it ("The Granary"), or a word no word list knows
("Kelsham"). "Not known", "Same as Mum's", "Unknown", a time ("Weekends") and a line's label
before its colon ("Organiser: …") stay, and so does a US town before its state's code and ZIP
code ("…, Apt 3B, Columbus, OH 43215").

Parts are parted by line ends, slashes, commas, colons, semicolons and a sentence's end; a
table's cells by `|`, where a block carries on only from a line's last cell to the next line's
first.
Every part is read once and has at most a few words, so the search is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from broker.anonymise import lexicon
from broker.anonymise.labels import STREET_ADDRESS
from broker.anonymise.name_shapes import NOT_NAMES
from broker.anonymise.places import LOCALITY_WORD, PLACE_ENDS, STREET_TYPES, is_a_time
from broker.anonymise.spans import Span

# The words a house's or a building's name ends in, beside the street types.
_HOUSE_WORD_LIST = """
    tower point building buildings cottage farm barn barns mill granary smithy forge rectory
    vicarage grange manor villa bungalow works chapel stables lodge house hall court"""
_HOUSE_WORDS = frozenset(_HOUSE_WORD_LIST.split()) | STREET_TYPES
# The small words inside a place's name: "Thorpe on the Hill", "Maes y Dre".
_JOINING = frozenset({"of", "on", "upon", "the", "le", "la", "en", "in", "by", "cum", "under",
                      "y", "yr", "next", "super", "sur"})
_MOST_WORDS = 5
_LONGEST_PART = 60
_LONGEST_RUN = 6

_FLAT_ALONE = re.compile(r"(?:Flat|Apartment|Apt|Room|Unit|Studio)\.?[ \t]*\d{1,4}[A-Za-z]?")
_NUMBERED = re.compile(r"(?:No\.?[ \t]*)?\d{1,4}[A-Za-z]?,?[ \t]+(?P<rest>.+)")
_ONE_WORD = re.compile(rf"{LOCALITY_WORD}(?:['’]s)?|{'|'.join(_JOINING)}")
# A line ending as a label for an address: "Dad's address is:", "lives at -", "His friend's:".
_CUE = re.compile(
    r"(?:(?i:\baddress(?:es)?(?:[ \t]+is)?|\b(?:lives?|living|stays?|staying|resides?|residing"
    r"|moved|is|are|now)[ \t]+(?:at|to|in)|\b(?:flat|house|home|lodgings))[ \t]*[:\-–—]"
    r"|['’][sS][ \t]*:)")
_CUE_AT_END = re.compile(rf"(?:{_CUE.pattern})\s*\Z")
_CUE_REACH = 40
# Between two parts: line ends, slashes, commas, colons, a sentence's end or a table cell's bar.
_BETWEEN = re.compile(r"(?:[ \t]*(?:[\n|/,:;]|\.(?=\s)))+[ \t]*")


_BULLET = re.compile(r"[-•*·][ \t]")


class _Part(NamedTuple):
    start: int
    end: int
    cued: bool  # the part before it says an address follows
    joined: bool  # it carries on the part before it (not the next cell on a table's line)
    bulleted: bool  # a bullet opens its line: a new address, unless a cue heads a run that
    # has no flat or numbered street yet ("Dad's address is:" over "- The Granary" / "- …")


def find_address_blocks(text: str) -> Iterator[Span]:
    run: list[_Part] = []
    for part in _parts(text):
        shaped = _address_shaped(text[part.start : part.end]) and not _a_label(text, part)
        if run and (not part.joined or not shaped or len(run) == _LONGEST_RUN
                    or (part.bulleted and (not run[0].cued or _has_a_flat_or_number(text, run)))):
            yield from _if_an_address(text, run)
            run = []
        if shaped:
            run.append(part)
    yield from _if_an_address(text, run)


_COLON_AFTER = re.compile(r"[ \t]{0,3}:")
_LINE_OPENING = re.compile(r"[ \t\-•*·]{0,6}\Z")


def _a_label(text: str, part: _Part) -> bool:
    """A line's first word with a colon after it is the label of what follows on the line
    ("Kelsby⏎Organiser: Fiona Lindqvist"), no place of the address above it."""
    line_start = text.rfind("\n", 0, part.start) + 1
    return _COLON_AFTER.match(text, part.end) is not None and (
        _LINE_OPENING.match(text, line_start, part.start) is not None)


# A US state's code and a ZIP code after a block's last part: that part is the town
# ("1422 Maple Ave, Apt 3B, Columbus, OH 43215"), which stays as a town abroad does.
_STATE_AND_ZIP = re.compile(r",[ \t]{0,3}[A-Z]{2}[ \t]{1,3}\d{5}(?:-\d{4})?(?!\d)")


def _if_an_address(text: str, run: list[_Part]) -> Iterator[Span]:
    if run and (run[0].cued or (len(run) > 1 and _has_a_flat_or_number(text, run))
                or (len(run) > 2 and _has_a_named_street(text, run))):
        town = len(run) > 1 and _STATE_AND_ZIP.match(text, run[-1].end) is not None and (
            not _a_flat_or_numbered(text[run[-1].start : run[-1].end]))
        for part in run[:-1] if town else run:
            yield Span(part.start, part.end, STREET_ADDRESS)


def _has_a_flat_or_number(text: str, run: list[_Part]) -> bool:
    return any(_a_flat_or_numbered(text[part.start : part.end]) for part in run)


_STREETS_ONLY = frozenset({"road", "street", "lane", "avenue", "drive", "crescent", "terrace",
                           "close", "way"})


def _has_a_named_street(text: str, run: list[_Part]) -> bool:
    """A street named with a type no name or place ends in ("Quernmoor Road", not "Rose
    Green") among three parts or more: "The Old Bakehouse / Quernmoor Road / Thrumbleby" is
    an address without a number; so is "The Old Forge, Milner's Row, Castlebeck", a street
    named for someone."""
    return any(len(words := text[part.start : part.end].split()) > 1
               and (words[-1].casefold() in _STREETS_ONLY or (
                   _POSSESSIVE.search(words[-2]) and words[-1].casefold() in STREET_TYPES))
               for part in run)


# A street named for someone, a possessive before its type: "Milner's Row", "Tinker's Lane".
_POSSESSIVE = re.compile(r"['’]s\Z")



def _parts(text: str) -> Iterator[_Part]:
    """Each stretch between separators, trimmed, with whether a cue ends the one before it and
    whether it carries that one on."""
    start, cued, joined, bulleted = 0, False, True, False
    for separator in _BETWEEN.finditer(text):
        yield _trimmed(text, start, separator.start(), cued, joined, bulleted)
        window = max(start, separator.start() - _CUE_REACH)
        cued = (":" in separator.group() or text[max(0, separator.start() - 1)] in "-–—") and (
            _CUE_AT_END.search(text, window, separator.end()) is not None)
        joined = "|" not in separator.group()
        bulleted = "\n" in separator.group() and _BULLET.match(text, separator.end()) is not None
        start = separator.end()
    yield _trimmed(text, start, len(text), cued, joined, bulleted)


def _trimmed(text: str, start: int, end: int, cued: bool, joined: bool, bulleted: bool
             ) -> _Part:
    while start < end and text[start] in " \t-•*·":
        start += 1
    aside = text.find("(", start, end)  # "Castlebeck (adult male": the town, then an aside
    if aside > start:
        end = aside
    while end > start and text[end - 1] in " \t.;":
        end -= 1
    flat = _FLAT_AFTER_PROSE.search(text, start, end)
    if flat is not None and flat.end() == end:  # "… where she goes, is Apartment 4 / …"
        start = flat.start("flat")
    return _Part(start, end, cued, joined, bulleted)


# A flat at the end of a sentence's words, which a block's next parts carry on: "her friend's
# house is Apartment 4 / Corn Exchange Buildings / Northby".
_FLAT_AFTER_PROSE = re.compile(r"[a-z][ \t](?P<flat>(?:Flat|Apartment|Apt)\.?[ \t]?"
                               r"\d{1,4}[A-Za-z]?)(?![\w'’])")


def _a_flat_or_numbered(part: str) -> bool:
    return _FLAT_ALONE.fullmatch(part) is not None or _a_numbered_street(part)


def _address_shaped(part: str) -> bool:
    if not part or len(part) > _LONGEST_PART or not (part[0].isupper() or part[0].isdigit()):
        return False
    if _FLAT_ALONE.fullmatch(part) or _a_numbered_street(part):
        return True
    words = part.split()
    if not words or len(words) > _MOST_WORDS or not words[0][:1].isupper():
        return False
    if not all(_ONE_WORD.fullmatch(word) and not is_a_time(word) for word in words):
        return False
    folded = [word.casefold() for word in words]
    return ((folded[0] == "the" and len(words) > 1)
            or folded[-1] in _HOUSE_WORDS
            or (len(words) > 1 and folded[-1] in PLACE_ENDS)
            or any(_a_name_no_list_knows(word) for word in words if word[:1].isupper()))


def _a_numbered_street(part: str) -> bool:
    numbered = _NUMBERED.fullmatch(part)
    return numbered is not None and not _NUMBERED.fullmatch(numbered.group("rest")) and (
        _address_shaped(numbered.group("rest")))


def _a_name_no_list_knows(word: str) -> bool:
    return not (lexicon.is_ordinary(word) or lexicon.is_known_non_person(word)
                or word.casefold() in NOT_NAMES)
