"""A name that is also an everyday word, written in lower case where it stands as a name.

A part of the form's names that is an everyday word ("Will", "Hope", "Rose", "Dawn") is
searched for capitalised only (`terms.name_terms`); this search finds it in lower case, where
a social worker typing fast writes a name so ("hope is 14", "her mum dawn", "YP rose"). It goes
wherever it stands as a name:
- in a child's words or a chat typed in lower case ("me and will went", '"will: where u at"'):
  `lower_case.lower_case_stretches`;
- after a cue that names: "called will", "named hope", "known as jay", "aka bill", "mr mark";
- before a capitalised name of the form's ("will Ackroyd", "hope Kavanagh");
- beside another name, in a list or with "and": "Tom and will", "will, Kacey and Jay";
- as a possessive where the referral writes it capitalised too ("will's" beside "Will's");
- and a name the text gives that is a word ("Grace Pennock"), in a chat or a child's own
  words where it stands as a name ("grace n joy r here");
- and anywhere else unless it is plainly the word (`plain_words.a_name_here`): "he will not
  say", "there is hope that", "the summer holidays", "jasmine tea", "a rose-gold phone" stay;
  and a nickname that is a word and no one's name ("Peanut", "Bear") also where the words
  beside it use it as the word (`plain_words.a_word_nickname_here`): "a peanut allergy",
  "allergic to peanut", "please bear with us" stay, "her brother bear", "peanut (13)" go.
Each pattern is one pass with bounded repetitions: linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.lower_case import lower_case_stretches, merged
from broker.anonymise.plain_words import a_name_here, a_word_nickname_here
from broker.anonymise.spans import Span
from broker.anonymise.terms import Term, a_word_and_no_name, an_everyday_word, fold

# Not "named" after an article: "a named storm" is an adjective's.
_CUE = re.compile(r"(?:\b(?:called|(?<!\ba[ \t])(?<!\bthe[ \t])named|nicknamed|known[ \t]+as|aka"
                  r"|a\.k\.a\.|goes[ \t]+by|mr|mrs|ms|miss|mx)\.?)[ \t]+['\"‘“]?$", re.IGNORECASE)
_CUE_REACH = 16  # characters before the word: "known as '"
_NAME = r"([A-Z][a-z'’\-]{1,20})"
# "will, Kacey and Jay", "will and Tom"; "will Ackroyd" (the form's surname)
_LISTED_AFTER = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){_NAME}")
_SURNAME_AFTER = re.compile(rf"[ \t]+{_NAME}")
# "Tom and will", "Kacey, will and Jay"; not "Tom, will you stop?"
_LISTED_BEFORE = re.compile(rf"{_NAME}(?:[ \t]+(?:and|&)[ \t]+|(?P<comma>[ \t]*,[ \t]*))$")
_LIST_GOES_ON = re.compile(r"[ \t]*(?:,|and\b|&|[.;:)!?\n]|$)")
_BEFORE_REACH = 30
_SHORTEST = 3  # a name's part to count beside the word


def word_names_finder(
    terms: Iterable[Term], texts: Iterable[str], found: Iterable[Term] = ()
) -> Callable[[str], Iterator[Span]]:
    """A search for the form's names that are everyday words, in lower case where they stand
    as names; `texts` are the referral's, for a possessive written capitalised elsewhere.
    `found` are names the text gives ("Grace Pennock"): their words go in lower case in a chat
    or a child's own words only, and there only where they stand as names ("grace n joy r
    here"; "i hope so" stays)."""
    words: dict[str, Term] = {}
    names: set[str] = set()
    spelt: set[str] = set()  # every word of the names, folded: "holt" of "peanut holt"
    for term in terms:
        if term.capitalised_only and len(term.tokens) == 1 and an_everyday_word(term.tokens[0]):
            words.setdefault(fold(term.tokens[0]), term)
        names.update(fold(token) for token in term.tokens if len(token) >= _SHORTEST)
        spelt.update(token.casefold() for token in term.tokens)
    in_chats: dict[str, Term] = {}
    for term in found:
        if term.capitalised_only and len(term.tokens) == 1 and (
                an_everyday_word(term.tokens[0]) and fold(term.tokens[0]) not in words):
            in_chats.setdefault(fold(term.tokens[0]), term)
    if not words and not in_chats:
        return lambda text: iter(())
    # "peanut", "bear": a nickname that is a word and no one's name is the word in lower case
    # also where the words beside it use it so ("a peanut allergy", "please bear with us")
    word_nicknames = {word for word, term in words.items() if a_word_and_no_name(term.tokens[0])}
    joined = "\n".join(texts)
    possessives = {word for word in words
                   if re.search(rf"\b{word.capitalize()}['’]s\b", joined) is not None}
    pattern = re.compile(r"(?<![\w\-])(?<!\w['’])(" + "|".join(map(re.escape, sorted(
        {*words, *in_chats}))) +
                         r")(?:(['’]s)(?![\w'’\-])|(?![\w\-])(?!['’]\w))")

    def a_name(word: str) -> bool:
        folded = fold(word)
        return (folded in names and folded not in words) or (
            lexicon.is_first_name(word) and not an_everyday_word(word))

    def a_surname(word: str) -> bool:
        return fold(word) in names and fold(word) not in words and not lexicon.is_first_name(word)

    def beside_a_name(text: str, start: int, end: int) -> bool:
        after = _LISTED_AFTER.match(text, end)
        if after is not None and a_name(after.group(1)):
            return True
        surname = _SURNAME_AFTER.match(text, end)
        if surname is not None and a_surname(surname.group(1)):
            return True
        before = _LISTED_BEFORE.search(text[max(0, start - _BEFORE_REACH) : start])
        return before is not None and a_name(before.group(1)) and (
            before.group("comma") is None or _LIST_GOES_ON.match(text, end) is not None)

    def find(text: str) -> Iterator[Span]:
        stretches = merged(lower_case_stretches(text))
        starts = [start for start, _ in stretches]
        for match in pattern.finditer(text):
            start, end = match.span(1)
            word = match.group(1)
            at = bisect_right(starts, start) - 1
            in_a_chat = at >= 0 and end <= stretches[at][1]
            if word not in words:
                if in_a_chat and a_name_here(text, start, end):
                    yield Span(start, end, in_chats[word].kind, in_chats[word].label)
                continue
            if (in_a_chat
                    or _CUE.search(text[max(0, start - _CUE_REACH) : start])
                    or beside_a_name(text, start, end)
                    or (match.group(2) is not None and word in possessives)
                    or (a_word_nickname_here(text, start, end, spelt) if word in word_nicknames
                        else a_name_here(text, start, end))):
                term = words[word]
                yield Span(start, end, term.kind, term.label)

    return find

