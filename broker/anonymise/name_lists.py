"""Names listed beside names already known: a bullet "- Will Moss" under "- Jordan Pike (22)",
"Will Green | Uncle" in a table column of names, "River Fisher, Jade Lowe and Mia Carr".

A name made of English words ("Will Moss", "River") reads as words anywhere else, so the
searches for names in prose let it be. Among other people's names it is a name too. A list is
one of four shapes: bullet lines in a row, one column of a table (cells split by "|" or by
tabs, on lines in a row) or items joined by commas, "and", "or", "&" or "/" in a sentence, or
numbered as a court's parties are, "(1) … (2) … (3) CRAIG DUNMORE". Names may be written in
capitals ("WILL MOSS | COUSIN | 20"). When one of its items is a name the form or the
narrative already gives, every other item that is shaped like a person is taken:
- two or three capitalised words (a surname's small words among them: "Seán Ó Murchú") whose
  last is a listed surname ("Will Green", "River Fisher") or that could all be names,
- or one capitalised word with an age in brackets after it ("River (8)", "Storm (female, 19)").
An item is a known name when it starts with one ("Elif al-Sayegh" when "Elif" is known).
An item with a role, a title's word, a place, a month or a day is no one ("Social Care",
"Police (2)"), nor is a sentence's first item after "in", "at" or "went to" when it is no
listed first name and no possessive ends the list ("lives in Mullingar and Saoirse wants to
visit"; "at Tamsin and Kai's house" are people), nor is a family's
"my child" in its language ("'Ayo' and 'Omo mi'"), and a list with no known name in it is
left alone ("Art, Drama and Music").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.name_shapes import (
    CAPS_WORD,
    NOT_NAMES,
    PARTICLE,
    PARTICLE_WORDS,
    WORD,
    an_agency,
    double_barrelled,
    looks_like_a_name,
)
from broker.anonymise.narrative import ENDEARMENTS, MAX_NAMES, ROLES
from broker.anonymise.terms import fold, normalise, tokens_of

_AGE = (r"\([ \t]*(?:(?i:aged?|male|female|boy|girl|[mf])[ \t]*[,:]?[ \t]*)?\d{1,2}"
        r"(?:[ \t]*(?i:yrs?|years?(?:[ \t]+old)?|yo))?[ \t]*\)"
        r"(?![ \t]+[A-Z])")  # "(3) CRAIG DUNMORE" numbers the next name
_NAME_WORD = rf"(?:{WORD}|{CAPS_WORD}(?![\w'’]))"  # "River", "RIVER"
_NAME_WORDS = rf"{_NAME_WORD}(?:(?:[ \t]+|[ \t]+{PARTICLE}(?:{PARTICLE})?){_NAME_WORD}){{0,2}}"
# One item: a name and, after it, an optional age in brackets.
# A nickname in quotes is an item too: "two rivals, 'Risky' and Kieron Dunsmore".
_ITEM = re.compile(rf"(?P<quote>['‘\"“](?=[A-Z]))?(?P<words>{_NAME_WORDS})(?(quote)['’\"”])"
                   rf"(?P<age>[ \t]*{_AGE})?")
_WHOLE_ITEM = re.compile(rf"[ \t]*(?:[A-Z][a-z]{{1,3}}\.[ \t]+)?{_ITEM.pattern}[ \t]*"
                         r"(?:\([^()\n]{1,30}\))?[ \t]*[.,;]?[ \t]*")  # "… (Respondents)"
# "Dean Platt/Ash Bell", "(1) … (2) …", "(3) KYLE FIRTH and (4) DEMI-LEE FIRTH", an age
# between two items: "LEE PICKARD, 25 and RYAN SOWDEN, 22".
_SEPARATOR = (r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+|[ \t]*/[ \t]*"
              r"|[ \t]+(?:(?:and|&)[ \t]+)?\(\d{1,2}\)[ \t]+"
              r"|[ \t]*,[ \t]*\d{1,2}[ \t]*,?[ \t]*(?:and|or|&)[ \t]+)")
_QUOTED_WORDS = rf"(?:['‘\"“](?=[A-Z]))?{_NAME_WORDS}(?:['’\"”](?![\w'’]))?"
_INLINE_LIST = re.compile(rf"(?<![\w'’]){_QUOTED_WORDS}(?:[ \t]*{_AGE})?"
                          rf"(?:{_SEPARATOR}{_QUOTED_WORDS}(?:[ \t]*{_AGE})?)+")
# The words before a sentence's list that make its first item a place when no list of first
# names has it: "lives in Mullingar and Saoirse", "went to Mullingar and Saoirse cried"
# ("talks to Tamsin and Saoirse", "at Tamsin and Kai's house" are people).
_A_PLACE_BEFORE = re.compile(
    r"(?<![\w'’])(?:in|at|(?:went|go|goes|going|gone|moved|moves|moving|travelled|drove"
    r"|flew|came|comes|returned|ran|run|runs|lives|lived|living)(?:[ \t]+back)?[ \t]+"
    r"(?:to|from))[ \t]+\Z")
_A_POSSESSIVE = re.compile(r"['’]s?(?![\w'’])")
_BULLET = re.compile(r"^[ \t>]*(?:[-•*·–]|\d{1,2}[.)]|\(\d{1,2}\))[ \t]+(?P<item>.*)$")
_CELLS = re.compile(r"[ \t]*\|[ \t]*|\t+")


def listed_names(texts: Iterable[str], known: Iterable[str]) -> list[str]:
    """Names that stand in a list beside a name in `known` (see the module's docstring)."""
    known_words = {fold(token) for name in known for token in tokens_of(name)}
    found: list[str] = []
    for text in texts:
        for items, in_a_sentence in _lists_in(normalise(text)):
            if any(_starts_known(item, known_words) for item in items):
                # "with Kobe, Ashton, Lennon and Rio": one word among first names found alone
                among_names = all(len(tokens_of(item.group("words"))) == 1 for item in items) and (
                    sum(_is_known(item, known_words) for item in items) >= _NAMES_AROUND)
                # in a sentence only: a table's column holds words too ("Unsupervised")
                one_word_list = in_a_sentence and all(
                    len(tokens_of(item.group("words"))) == 1 for item in items)
                found.extend(name for item in items if (name := _a_person(
                    item, known_words, among_names=among_names, one_word_list=one_word_list)))
        if len(found) > MAX_NAMES:
            break
    return list(dict.fromkeys(found))[:MAX_NAMES]


def _lists_in(text: str) -> Iterator[tuple[list[re.Match[str]], bool]]:
    """Each list in the text, as the items shaped like a name (others are left out), and
    whether it stands in a sentence (not bullets or a table's column)."""
    lines = text.split("\n")
    for column in (*_columns(lines, _bullet_item), *_columns(lines, _table_cells)):
        yield column, False
    for listed in _INLINE_LIST.finditer(text):
        items = list(_ITEM.finditer(listed.group()))
        if _A_PLACE_BEFORE.search(text, max(0, listed.start() - 30), listed.start()) and (
                not lexicon.is_first_name(tokens_of(items[0].group("words"))[0])) and (
                not _A_POSSESSIVE.match(text, listed.end())):
            items = items[1:]  # "lives in Mullingar and Saoirse wants…": a place, not a name
        yield items, True


def _bullet_item(line: str) -> list[str]:
    bullet = _BULLET.match(line)
    return [bullet.group("item")] if bullet else []


def _table_cells(line: str) -> list[str]:
    cells = _CELLS.split(line.strip().strip("|"))
    return cells if len(cells) > 1 else []


def _columns(lines: list[str], cells_of: Callable[[str], list[str]]
             ) -> Iterator[list[re.Match[str]]]:
    """The items in each column of consecutive lines that `cells_of` splits into cells."""
    columns: dict[int, list[re.Match[str]]] = {}
    for line in [*lines, ""]:
        cells = cells_of(line)
        if not cells:
            yield from (column for column in columns.values() if len(column) > 1)
            columns = {}
            continue
        for index, cell in enumerate(cells):
            if (item := _WHOLE_ITEM.fullmatch(cell)) is not None:
                columns.setdefault(index, []).append(item)


def _starts_known(item: re.Match[str], known_words: set[str]) -> bool:
    """The item starts with a name already found ("Elif" of "Elif al-Sayegh")."""
    return fold(tokens_of(item.group("words"))[0]) in known_words


def _is_known(item: re.Match[str], known_words: set[str]) -> bool:
    return all(fold(word) in known_words for word in tokens_of(item.group("words"))
               if word.casefold() not in PARTICLE_WORDS)


_NAMES_AROUND = 2  # one-word names found in a list of one-word items, to take the others


def _a_person(item: re.Match[str], known_words: set[str], *,
              among_names: bool = False, one_word_list: bool = False) -> str | None:
    """The item's name, when it is shaped like a person's and is not one already known; one
    word is a name with an age after it, or among one-word names ("Lennon and Rio"), or a word
    no list knows among one-word items beside a known name ("with Kai, Tamsin and a lad")."""
    words = tokens_of(name := item.group("words"))
    if _is_known(item, known_words) or any(
            word.casefold() in ROLES or word.casefold() in NOT_NAMES for word in words
            if word.casefold() not in PARTICLE_WORDS) or words[0].casefold() in ENDEARMENTS or (
            lexicon.is_known_non_person(name) or any(map(lexicon.is_known_non_person, words))
            or an_agency(name)):  # "Rob Haigh, Northby YJS": where he works
        return None
    if len(words) > 1:
        return name if lexicon.is_surname(words[-1]) or double_barrelled(name.split()[-1]) or (
            looks_like_a_name(name)) else None
    return name if item.group("age") or among_names or (
        item.group("quote") and not lexicon.is_ordinary(name)) or (
        one_word_list and name.istitle() and lexicon.is_rare(name)) else None

