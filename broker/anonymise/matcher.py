"""One compiled search for all of a form's names, schools and address lines.

The terms are merged into a trie and emitted as a single regex, so each position of the text
is tried against a shared prefix tree, not hundreds of alternatives one after another: a 50 KB
referral stays well under the time budget, and no alternative can backtrack beyond its own
few characters. Where two terms start alike, the longer is tried first ("Amy Smith" before
"Amy"), so a full name becomes one label, not two.

How a token may appear in text: any case (`re.IGNORECASE`), except an initial, which must be
upper-case ("A" the initial, not "a" the article), and a term marked `capitalised_only`; with
or without accents, each letter standing for all its accented forms ("Zoë" finds "Zoe" and
"ZOE", "Sian" finds "Siân"), and a letter as a keyboard without it spells it out ("Strauß"
finds "STRAUSS", "Søren" finds "Soeren"); apostrophes optional ("O'Brien", "O’Brien", "OBrien");
between tokens 1-4 characters that are not letters or digits (space, hyphen, line break,
comma; a full stop only after an initial or inside a word, never a sentence break between
two names). A term must not sit inside a
longer word ("Ann" is not in "Annual" or "planning"), but may be followed by a possessive or
plural `s` ("Ann's", "Anns") and by digits ("Amy2012"). A one-word name that is a common word
stays where it is the word: before a thing's noun ("the Poppy Appeal" for a child called
Poppy), as "Will" opening a question ("Will she settle?"), as a month ("in June 2026",
"Since June he" beside a grandmother June), as a risk rating's colour ("rated her AMBER") or
before what it names a kind of ("Jasmine rice", "an Amber alert"); a plural that is a word
before a preposition or a verb is the word ("Marks on his arms" beside a Mark); opening a
sentence or a heading, or after "the", where its neighbours make it a noun or an adjective
("Summer 2026: …", "Frank discussions were held", "the Bill are": `plain_words`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from broker.anonymise import lexicon
from broker.anonymise.labels import HOME_ADDRESS, SCHOOL, is_relationship_word
from broker.anonymise.name_shapes import (
    SERVICES,
    THING_NOUNS,
    WORDS_AS_FIRST_NAMES,
    a_dated_month,
    a_month_here,
    names_a_kind_after,
)
from broker.anonymise.plain_words import a_word_opening_here
from broker.anonymise.spans import Span
from broker.anonymise.terms import SPELT_OUT, Term, an_everyday_word, base_letter

# Between parts: 1-4 characters that are neither letters, digits nor a sentence break, so
# "Jane. Amy" stays two names in two sentences; after an initial, its full stop and nothing
# more is enough ("A.J. Smith", "AJ Smith").
_SEPARATOR = r"(?:[^\w.!?;:]|_|[.!?;:](?!\s)){1,4}"
_SEPARATOR_AFTER_INITIAL = r"\.?(?:[^\w.!?;:]|_){0,4}"
_OPTIONAL_APOSTROPHE = r"[\s'’‘`]?"
_NOT_AFTER_LETTER_OR_DIGIT = r"(?<![^\W_])"
_END_AFTER_LETTER = r"(?=s?(?![^\W\d_]))"
_END_AFTER_DIGIT = r"(?![^\W_])"
_APOSTROPHES = "'’‘`"
_TERMS_PER_TRIE = 150
# Where accented letters live: Latin-1 Supplement, Latin Extended-A and -B, and Latin
# Extended Additional (Vietnamese and Welsh "ŵ", "ỳ"). Text is NFC, so accents are precomposed.
_ACCENTED_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    group: str | None = None


@lru_cache(maxsize=1)
def _accented_forms() -> dict[str, str]:
    """Each letter with the accented letters that are read as it: "e" -> "èéêë…"."""
    forms: dict[str, str] = {}
    for first, last in _ACCENTED_RANGES:
        for char in map(chr, range(first, min(last, sys.maxunicode) + 1)):
            base = base_letter(char)
            if base != char:
                forms[base] = forms.get(base, "") + char
    return forms


@lru_cache(maxsize=4096)
def letter_atom(char: str) -> str:
    """A pattern for one letter of a term, written with or without accents: "ë" and "e" both
    give `[eèéêë…]`. Case is left to the pattern's flags; every form keeps `char`'s case."""
    base = base_letter(char)
    forms = base + _accented_forms().get(base, "")
    atom = f"[{re.escape(forms)}]" if len(forms) > 1 else re.escape(char)
    spelt_out = SPELT_OUT.get(char)  # "ß" is also "ss", "ø" also "oe"
    return f"(?:{atom}|{spelt_out})" if spelt_out else atom


def _token_atoms(token: str, exact_first_letter: bool) -> list[str]:
    atoms = []
    for index, char in enumerate(token):
        if char in _APOSTROPHES:
            atoms.append(_OPTIONAL_APOSTROPHE)
        elif index == 0 and exact_first_letter and char.isalpha():
            atoms.append(f"(?-i:{letter_atom(char)})")
        else:
            atoms.append(letter_atom(char))
    return atoms


def term_atoms(term: Term) -> list[str]:
    """The term as a list of regex pieces, one per character or separator, ending in the
    check that it is not part of a longer word."""
    atoms: list[str] = []
    for index, token in enumerate(term.tokens):
        if index:
            after_initial = len(term.tokens[index - 1]) == 1
            atoms.append(_SEPARATOR_AFTER_INITIAL if after_initial else _SEPARATOR)
        initial = len(token) == 1 and token.isupper()
        atoms.extend(_token_atoms(token, initial or (term.capitalised_only and index == 0)))
    atoms.append(_END_AFTER_DIGIT if term.tokens[-1][-1].isdigit() else _END_AFTER_LETTER)
    return atoms


def _emit(node: _Node) -> str:
    chain = []
    while len(node.children) == 1 and node.group is None:
        ((atom, node),) = node.children.items()
        chain.append(atom)
    branches = [atom + _emit(child) for atom, child in node.children.items()]
    if node.group is not None:
        branches.append(f"(?P<{node.group}>)")
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "".join(chain) + body


def unique_terms(terms: Iterable[Term]) -> list[Term]:
    """Terms without repeats: the first term with a given key (the more specific kind) wins."""
    seen: dict[tuple[str, ...], Term] = {}
    for term in terms:
        if term.tokens and term.key not in seen:
            seen[term.key] = term
    return list(seen.values())


def term_finder(terms: Iterable[Term]) -> Callable[[str], Iterator[Span]]:
    """A search that reports every occurrence of any of `terms` as a span with its label."""
    # Longest first, so that wherever a shorter term ends, a longer one has already branched.
    ordered = sorted(((term_atoms(t), t) for t in unique_terms(terms)), key=lambda p: -len(p[0]))
    # Each trie nests one group per branching point; batches keep that depth (and so the
    # regex compiler's recursion) bounded whatever the form holds. A real form fits in one.
    batches = [ordered[i : i + _TERMS_PER_TRIE] for i in range(0, len(ordered), _TERMS_PER_TRIE)]
    compiled = [_compile_trie(batch) for batch in batches]

    def find_terms(text: str) -> Iterator[Span]:
        for pattern, by_group in compiled:
            for match in pattern.finditer(text):
                term = by_group[match.lastgroup or ""]
                if _a_word_here(term, text, match.start(), match.end()):
                    continue
                end = match.end()
                if "(" in match.group() and ")" not in match.group() and text[end : end + 1] == ")":
                    end += 1  # "Kyle (Renshaw)": the bracket the name opened closes with it
                for start, stop in _without_open_brackets(text, match.start(), end):
                    yield Span(start, stop, term.kind, term.label)

    return find_terms


# A bracket or a double quote between a name's parts, with what is around it.
_BRACKET_GAP = re.compile(r"[^\w'’‘`\-]*[()\[\]{}“”\"][^\w'’‘`\-]*")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"))


def _without_open_brackets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretch a name's parts cover, cut where a bracket or a quote between them opens
    or closes something that goes on past the name: "Minh (NGUYEN Van Minh on his BRP)" is
    "[child] ([child] on his BRP)", the bracket kept; "Kyle (Renshaw)" stays whole."""
    found = text[start:end]
    if all(found.count(open_) == found.count(close) for open_, close in _PAIRS) and (
            found.count('"') % 2 == 0):
        return [(start, end)]
    pieces, at = [], start
    for gap in _BRACKET_GAP.finditer(text, start, end):
        if gap.start() > at:
            pieces.append((at, gap.start()))
        at = max(at, gap.end())
    if at < end:
        pieces.append((at, end))
    return pieces


_THING_AFTER = re.compile(r"[ \t]{1,4}([A-Z][a-z]{1,15})(?![\w'’\-])")
# A risk rating's colour, as a screening tool or a RAG rating gives it: "rated her AMBER",
# "RAG rating: Amber", "graded as Red", "Amber risk".
_RAG_COLOURS = frozenset({"amber", "red", "green"})
_RATED_BEFORE = re.compile(r"(?<![\w'’])(?i:rated|re-rated|rerated|graded|scored|rag|rating"
                           r"|status|assessed|flagged)(?:[ \t]+(?i:her|him|them|it|as|at|was|is"
                           r"|now)){0,2}[ \t]*:?[ \t]*\Z")
_RATED_REACH = 30
# A season before a school's term or a holiday: "the Autumn half-term", "Summer holidays".
_SEASONS = frozenset({"spring", "summer", "autumn", "winter"})
_SEASON_NOUN_AFTER = re.compile(r"[ \t]+(?i:half-term|half[ \t]term|term|terms|holiday|holidays"
                                r"|break)(?![\w'’\-])")
# What says a young people's service is meant ("Brook (the sexual health service)", "Kooth
# counselling"), not a person called after it.
_SERVICE_WORDS_AFTER = re.compile(
    r"(?:[ \t]*\([ \t]*(?:the[ \t]+|an?[ \t]+)?(?:[a-z][a-z\-]*[ \t]+){0,3}|[ \t]+)"
    r"(?:service|services|clinic|charity|helpline|counselling)(?![\w'’\-])")
_RATING_AFTER = re.compile(r"[ \t]+(?i:risk|rating|rated|level|category|status|flag)(?![\w'’])")
# A verb that is also a name, opening a question or an order: "Will she settle?", "May he
# stay?", "Pat the dog."
_MODALS = WORDS_AS_FIRST_NAMES | {"may"}
_SUBJECT_AFTER = re.compile(r"[ \t]{1,4}(?:she|he|they|it|we|you|I|there|this|that|the|a|an|"
                            r"his|her|their|my|your)(?![\w'’\-])")
# What follows a plural, never a possessive: "Marks on his arms", "Marks were seen".
_PROSE_AFTER_A_PLURAL = re.compile(
    r"[ \t]{1,4}(?:on|in|at|of|to|from|over|under|around|across|near|and|or|were|are|have"
    r"|had|could|can|may|might|appeared|seen|noted|found)(?![\w'’\-])")
_THE_BEFORE = re.compile(r"(?<![\w'’])[Tt]he[ \t]+\Z")
_AN_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:[Tt]he|[Aa]n?)[ \t]+\Z")
# Where a name with an 's' is someone's house, not a plural: "found at Marks in the early
# hours", "goes to Bills on Sundays", "back from Nans", "round Jacks", "over Leos".
_TO_A_HOUSE_BEFORE = re.compile(r"(?<![\w'’])(?i:at|to|from|round|over)[ \t]+\Z")
_BEFORE_REACH = 8
# A surname whose possessive is a chain's name, as the chain: "found at McDonald's", "outside
# McDonald's", "a McDonald's" beside a Kai McDonald; not "at McDonald's house" nor "McDonald's
# mum" (a relative's or a home's word after it: the person's).
_CHAIN_BEFORE = re.compile(r"(?<![\w'’])(?i:at|in|inside|outside|from|near|opposite|behind|a)"
                           r"[ \t]+\Z")
_POSSESSIVE_AFTER = re.compile(r"['’]s(?![\w'’\-])(?:[ \t]+(?P<next>[a-z][a-z\-]*))?")
_HOMES_AFTER = frozenset({"house", "flat", "home", "place", "address", "room", "bedroom", "car",
                          "door", "garden"})
_SEEMS_A_WORD = 3.5  # Zipf: "Poppy", "Grace", "Summer" are words as much as names


def _a_word_here(term: Term, text: str, start: int, end: int) -> bool:
    """A one-word name that is a common English word, where it is the word: at the start of a
    thing's name ("the Poppy Appeal" for a child called Poppy, "Grace Church" for an aunt
    Grace), or a verb opening a question or an order ("Will she settle?", "Will Leeds accept
    her?", "Pat the dog." beside a Will or a Pat). Written with a possessive or a plural
    ("Poppy's") it is the person still. A school's own word before a thing's noun is the
    town's ("Eastgate Lions" beside Eastgate Academy); a month's short name after a day's
    number is a date ("14 Jan" beside a Jan)."""
    if len(term.tokens) != 1 or end - start != len(term.tokens[0]):
        return False
    word = text[start:end]
    if a_dated_month(text, word, start) or a_month_here(text, start, end):
        return True  # "14 Jan - arrested" beside a Jan, "in June 2026" beside a June: a date
    rated = _RATED_BEFORE.search(text, max(0, start - _RATED_REACH), start)
    if word.casefold() in _RAG_COLOURS and (rated or _RATING_AFTER.match(text, end)):
        return True  # "the tool rated her AMBER", "RAG: Amber", "Amber risk" beside an Amber
    if _a_chains_name_here(word, text, start, end):
        return True  # "found at McDonald's on the ring road" beside a Kai McDonald
    if an_everyday_word(word) and names_a_kind_after(text, end):
        return True  # "Jasmine rice", "Olive oil", "an Amber alert" beside a Jasmine (a
        # name that is no word names no kind: "Kyle tea" is Kyle's)
    if text[end : end + 1] == "s" and word[:1].isupper() and lexicon.is_ordinary(f"{word}s") and (
            _PROSE_AFTER_A_PLURAL.match(text, end + 1)) and not _THE_BEFORE.search(
                text, max(0, start - 5), start) and not _TO_A_HOUSE_BEFORE.search(
                    text, max(0, start - _BEFORE_REACH), start):
        return True  # "Marks on his arms" beside a Mark: a plural before a preposition or a
        # verb is the word ("Marks phone", a possessive without its apostrophe, "the Kings
        # are", the family, and "at Marks in the early hours", his house, are the name)
    if word.casefold() in _SEASONS and _SEASON_NOUN_AFTER.match(text, end):
        return True  # "since the Autumn half-term" beside an Autumn: a school's term
    if word.casefold() in SERVICES and _SERVICE_WORDS_AFTER.match(text, end):
        return True  # "referred to Brook (the sexual health service)" beside a Brook
    if text[end : end + 1] == "s" and word.islower() and lexicon.zipf(word) >= _SEEMS_A_WORD and (
            lexicon.zipf(f"{word}s") >= lexicon.ORDINARY):
        return True  # "eats baked beans" beside a child known as Bean: the plural is a word
    after = _THING_AFTER.match(text, end)
    if term.kind == SCHOOL and word[:1].isupper() and after is not None and (
            after.group(1).casefold() in THING_NOUNS):
        return True  # "plays for Eastgate Lions": the town's team, not Eastgate Academy
    if term.kind in (SCHOOL, HOME_ADDRESS) and not term.small_place and word[:1].isupper() and (
            _SERVICE_AFTER.match(text, end) or _a_things_name_after(text, end)):
        return True  # "Northby YJS", "Pelby Amateur Boxing Club": the town's, no one's home
        # (but a district's own word, "Pencwm RFC" of "Pencwm Uchaf", is the child's village)
    if not word[:1].isupper() or lexicon.zipf(word) < _SEEMS_A_WORD:
        return False
    if an_everyday_word(word) and (_opens_a_sentence(text, start) or _AN_ARTICLE_BEFORE.search(
            text, max(0, start - 5), start)) and a_word_opening_here(text, start, end):
        return True  # "Summer 2026: two missing episodes", "Frank discussions were held",
        # "the Bill are always stopping me", "on an Amber light": the capital is the
        # sentence's, or the thing's
    if after is not None and after.group(1).casefold() in THING_NOUNS:
        return True
    return word.casefold() in _MODALS and _opens_a_sentence(text, start) and (
        _SUBJECT_AFTER.match(text, end) is not None or _asks(text, end))


# A service's initials after a town ("Northby YJS", "Hexby NHS Trust"), or a thing's name
# of a few capitalised words that ends in a thing's noun ("Pelby Amateur Boxing Club").
_SERVICE_AFTER = re.compile(r"[ \t]{1,4}[A-Z]{2,5}(?![\w'’\-])")
_WORDS_AFTER = re.compile(r"(?:[ \t]{1,4}[A-Z][a-z]{1,15}){1,3}(?![\w'’\-])")


def _a_chains_name_here(word: str, text: str, start: int, end: int) -> bool:
    """ "at McDonald's", "a McDonald's": a surname with the possessive that names a chain,
    after a place's preposition or "a", and before no relative's or home's word."""
    owned = _POSSESSIVE_AFTER.match(text, end)
    if owned is None or not word[:1].isupper() or not lexicon.is_known_non_person(f"{word}'s"):
        return False
    following = owned.group("next") or ""
    return _CHAIN_BEFORE.search(text, max(0, start - _BEFORE_REACH), start) is not None and (
        following not in _HOMES_AFTER and not is_relationship_word(following))


def _a_things_name_after(text: str, end: int) -> bool:
    words = _WORDS_AFTER.match(text, end)
    return words is not None and words.group().split()[-1].casefold() in THING_NOUNS


_QUESTION_REACH = 100  # characters: a question's end, "Will Leeds accept her?"


def _asks(text: str, end: int) -> bool:
    """The sentence from `end` ends in a question mark."""
    rest = _SENTENCE_END.search(text, end, end + _QUESTION_REACH)
    return rest is not None and rest.group() == "?"


_SENTENCE_END = re.compile(r"[.!?\n]")


def _opens_a_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'‘“(")
    return not before or before[-1] in ".!?\n"


def _compile_trie(batch: list[tuple[list[str], Term]]) -> tuple[re.Pattern[str], dict[str, Term]]:
    by_group: dict[str, Term] = {}
    root = _Node()
    for index, (atoms, term) in enumerate(batch):
        node = root
        for atom in atoms:
            node = node.children.setdefault(atom, _Node())
        node.group = node.group or f"t{index}"
        by_group.setdefault(node.group, term)
    return re.compile(_NOT_AFTER_LETTER_OR_DIGIT + _emit(root), re.IGNORECASE), by_group


def regex_finder(
    pattern: str, kind: str, replacement: str | None = None
) -> Callable[[str], Iterator[Span]]:
    """A search for one case-insensitive pattern, each match counted under `kind`; only its
    group named `value`, when it has one ("birthday on (?P<value>…)": the date, not the cue)."""
    compiled = re.compile(pattern, re.IGNORECASE)
    group = "value" if "value" in compiled.groupindex else 0

    def find(text: str) -> Iterator[Span]:
        for match in compiled.finditer(text):
            start, end = match.span(group)
            if end > start:
                yield Span(start, end, kind, replacement)

    return find
