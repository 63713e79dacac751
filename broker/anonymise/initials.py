"""A person's initials, written in the same sentence as the name they stand for.

A referral writes someone by their initials beside their name: "his closest friend is AJ
(Ashley Jonas, 17)", "Kerry-Ann (K-A)" (with a hyphen, as a hyphenated name's are), "Forms
write the surname as Van Der Meulen, Vandermeulen and VDM". Once the name is found,
capitals of two to four letters that are its words' initials, in order, in the same
sentence, are that person too, and take the name's label, there and wherever else they
stand alone in the text ("AJ is kind"). Elsewhere capitals are too often something else
("PE", "LAC", "CAMHS"), so capitals that the sector writes for other things never go this
way, and initials far from the name (another sentence) stay.

The initials the referral searches for as a person's ("JL" for Jean-Luc, where the text writes
him so) go in lower case too where the child's own words or a chat are typed in lower case
("me and jl"), when the text writes them in capitals elsewhere and they are no common word
(`lower_case_initials_finder`).

Capitals the sector writes for a service or a need ("LD", learning disability; "DA",
domestic abuse; "CP", "CAMHS") are never the child's initials before a service's or a role's
word ("the LD nurse", "DA services", "a Police DA notification") nor after an article and
what it says of a need ("a mild LD"), though the child's initials are the same
(`a_services_capitals`): a Lily Dawson's "05/11/2026 LD missing overnight" still goes.

Two initials with a full stop after the first ("C.P.", "C. P.", "D.P.", and in lower case,
"c.p.", or without the last stop, "C.P at 2am") are plainly someone's: the child's or a
family member's go wherever they stand, even when undotted they spell the sector's capitals
("CP", child protection), unless they are what people also write with full stops ("N.B.",
"P.C.", "G.P.", and in lower case "p.a.", "c.c."), a service's word follows ("C.P.
conference") or a surname follows, whose initials they are ("Dr D.P. Hartley")
(`dotted_initials_finder`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.lower_case import lower_case_stretches, merged, quoted_words
from broker.anonymise.spans import Span, resolve
from broker.anonymise.terms import Term

_CAPITALS = re.compile(r"(?<![^\W_])(?:[A-Z]{2,4}|[A-Z](?:-[A-Z]){1,3})"  # "KA", and "K-A"
                       r"(?![^\W_]|['’](?![sS]\b)\w|[&\-/]\w)")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_NEAR = 200  # characters: a sentence's reach
# Capitals the sector writes for other things than a person, of three or four letters.
_ABBREVIATION_LIST = """
    LAC CLA CIN CPP SEN SGO ICO EHC EHCP SALT ADHD ASD NHS GCSE PEP LADO MASH YOT CSE CCE NRM
    DSL IRO SDQ CAMHS SEMH MLD SLD PMLD PRU UASC FGC CAF TAC TAF BSL ESOL AOB DOB NFA MFH CID
    PNC RHI ISW PCSO DBS GP CCTV VIP BMX PSHE ICT PTSD OCD ODD FASD HIV BBC ITV YMCA RAF CEO
    MSP NEET SENCO HCP MARAC MAPPA DV FWI FAQ WTF LOL OMG ID KFC USA NYC LGBT"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
# Two capitals the sector writes for other things than a person.
_TWO_LETTER_LIST = """
    SW PC DC DS DI GP AP YP CP LA FC MH RE PE IT ID OK TV UK DV AM PM NO MA BA BS HR ED SG CC
    CS PS PA TA SA OS NB IE EG CT MP JP DR MR MS ST HQ SU VC OT SL DT ER AE IV EU US TB BP IQ
    UC"""
TWO_LETTER_ABBREVIATIONS = frozenset(_TWO_LETTER_LIST.split())
# Two capitals the sector writes for a service or a need that are also someone's initials
# often enough to be searched for as the child's (learning disability, domestic abuse, early
# help, youth justice, substance misuse, criminal or sexual exploitation, health visitor).
_SERVICE_PAIRS = frozenset(["LD", "DA", "EH", "YJ", "SM", "CE", "SE", "HV", "SN"])
# A service's or a role's word after its capitals: "the LD nurse", "DA services".
_SERVICE_WORD_LIST = """
    nurse nurses team teams service services notification notifications worker workers plan
    plans referral referrals support assessment assessments meeting meetings clinic unit
    officer officers lead practitioner practitioners specialist specialists advocate
    advocacy review reviews conference strategy register hub provision consultant
    consultants health funding package report reports incident incidents perpetrator
    perpetrators victim victims awareness course courses group groups panel programme
    screening school schools college concerns concern related disclosure disclosures
    coordinator coordinators liaison partnership partnerships"""
_SERVICE_WORDS = frozenset(_SERVICE_WORD_LIST.split())
_WORD_AFTER = re.compile(r"[ \t]{1,3}([A-Za-z]+)")
# An article and what it says of a need before the capitals: "a mild LD", "an LD".
_A_NEED_BEFORE = re.compile(r"(?<![\w'’])(?i:a|an|the|her|his|their|mild|moderate|severe"
                            r"|profound|significant|diagnosed)[ \t]+(?:[a-z]+[ \t]+)?\Z")
_NEED_REACH = 24


def a_services_capitals(text: str, start: int, end: int, two_letter: Collection[str]) -> bool:
    """The capitals at `text[start:end]` are the sector's for a service or a need, not
    someone's initials: capitals it writes so, before a service's or a role's word or after
    an article ("the LD nurse", "DA services", "a mild LD")."""
    capitals = text[start:end]
    if not (capitals in _SERVICE_PAIRS or capitals in two_letter or capitals in _ABBREVIATIONS):
        return False
    after = _WORD_AFTER.match(text, end)
    return (after is not None and after.group(1).casefold() in _SERVICE_WORDS) or (
        _A_NEED_BEFORE.search(text, max(0, start - _NEED_REACH), start) is not None)


def _initials(name: str) -> str:
    return "".join(word[0] for word in _NAME_WORD.findall(name)).upper()


def with_initials_of_names(text: str, spans: list[Span], people: Collection[str],
                           two_letter: Collection[str]) -> list[Span]:
    """`spans` (in text order, not overlapping) and each person's initials written in the
    sentence of their name, there and elsewhere, under the name's replacement.
    `people` are the kinds that are people; `two_letter` the two capitals the sector writes
    for other things ("PE", "GP")."""
    named: dict[str, list[Span]] = {}
    for span in spans:
        if span.kind in people and len(initials := _initials(text[span.start : span.end])) >= 2:
            named.setdefault(initials, []).append(span)
    if not named:
        return spans
    starts = {initials: [span.start for span in found] for initials, found in named.items()}
    learnt: dict[str, Span] = {}
    for match in _CAPITALS.finditer(text):
        capitals = match.group().replace("-", "")
        if capitals not in named or capitals in _ABBREVIATIONS or capitals in two_letter:
            continue
        found, where = named[capitals], bisect_left(starts[capitals], match.start())
        near = [span for span in found[max(where - 1, 0) : where + 1]
                if abs(span.start - match.start()) < _NEAR
                and not _SENTENCE_END.search(text, min(span.end, match.end()),
                                             max(span.start, match.start()))]
        if near:
            learnt.setdefault(capitals, near[0])
    added = [Span(match.start(), match.end(), learnt[capitals].kind, learnt[capitals].replacement)
             for match in _CAPITALS.finditer(text)
             if (capitals := match.group().replace("-", "")) in learnt]
    return resolve([*spans, *added]) if added else spans


# Two capitals that people also write with full stops for something else: nota bene, a
# postscript, the time, "e.g.", "i.e.", a constable, a GP, a country.
_DOTTED_ABBREVIATION_LIST = """
    NB PS AM PM EG IE PC DC DS DI GP UK US MP JP OK TV BA MA BS MS RE PE IT DJ AD BC QC KC HM
    EU IQ VC WC AA NA"""
_DOTTED_ABBREVIATIONS = frozenset(_DOTTED_ABBREVIATION_LIST.split())
# And in lower case too: per annum, a CV, per pro, a copy to, a postal order.
_DOTTED_LOWER_CASE_ABBREVIATIONS = frozenset(["PA", "CV", "PP", "CC", "PO"])


def a_common_acronym(capitals: str) -> bool:
    """Capitals written for something other than a person, which someone's initials may
    spell too ("GP", "PE", "OK", "UK", "TV", "CP", "SEN", "NHS", "ID"): the sector's two
    letters, its longer capitals and those people also write with full stops."""
    return (capitals in TWO_LETTER_ABBREVIATIONS or capitals in _ABBREVIATIONS
            or capitals in _DOTTED_ABBREVIATIONS)


# Two letters of one case, a full stop after the first and, mostly, after the second ("C.P.",
# "c. p.", "C.P at 2am"); never one of three or more ("J. R. R.").
_DOTTED_PAIR = re.compile(r"(?<![\w.])([A-Za-z])\.[ \t]?([A-Za-z])(\.)?(?![\w.]|[ \t]?[A-Za-z]\.)")
_A_CAPITALISED_WORD = re.compile(r"[ \t]+([A-Z][\w'’\-]*)")
# After the initials, what says the sentence goes on, so their last full stop goes with them
# ("C.P. was seen" is "[child] was seen"; "Police located C. P." keeps its full stop).
_SENTENCE_GOES_ON = re.compile(r"[ \t]*[^\s.!?A-Z]")


def dotted_initials_finder(people: Iterable[tuple[str | None, str, str | None]]
                           ) -> Callable[[str], Iterator[Span]]:
    """Rule dotted-initials-are-a-person: a search for each of `people`'s (a name, its kind and
    its replacement) first and last initials written with a full stop after each ("C.P.", "C.
    P.", in lower case "c.p.", or without its last stop "C.P"), under that person's label, the
    first listed winning a pair two of them share."""
    pairs: dict[str, tuple[str, str | None]] = {}
    for name, kind, label in people:
        letters = [word[0].upper() for word in _NAME_WORD.findall(name or "")]
        if len(letters) >= 2 and (pair := letters[0] + letters[-1]) not in _DOTTED_ABBREVIATIONS:
            pairs.setdefault(pair, (kind, label))

    def find(text: str) -> Iterator[Span]:
        if not pairs or "." not in text:
            return
        for match in _DOTTED_PAIR.finditer(text):
            first, second, stop = match.groups()
            lower = first.islower()
            if lower != second.islower() or (lower and (
                    first + second).upper() in _DOTTED_LOWER_CASE_ABBREVIATIONS):
                continue  # "C.p", or a lower-case abbreviation ("p.a.", per annum)
            whose = pairs.get((first + second).upper())
            after = _WORD_AFTER.match(text, match.end())
            surname = _A_CAPITALISED_WORD.match(text, match.end())
            if whose is None or (after is not None and after.group(1).casefold() in
                                 _SERVICE_WORDS) or (surname is not None and lexicon.zipf(
                                     surname.group(1)) < lexicon.WORDY):
                continue
            goes_on = stop is None or _SENTENCE_GOES_ON.match(text, match.end()) is not None
            yield Span(match.start(), match.end() - (not goes_on), *whose)

    return find


_LOWER_WORD = re.compile(r"(?<![^\W_])[a-z]{2,4}(?![^\W_]|['’][a-rt-z])")
# What a chat types in two to four letters, whoever's initials they are: "bf", "ur", "idk".
_CHAT_WORD_LIST = """
    bf gf ur im ya ye da xx xxx ok lol omg idk tbh ngl rn wyd hmu tho cba bc pls plz gn wbu
    ty np jk ik dm sc fr xd gg ffs wtf btw af ily ilu brb ttyl smh fs bb hb pm am tv pc uk
    irl nvm obv tmrw pic pics vid bae fam bro sis bruv hun mum dad nan"""
_CHAT_WORDS = frozenset(_CHAT_WORD_LIST.split())


def lower_case_initials_finder(terms: Iterable[Term], texts: Iterable[str],
                               people: Collection[str]) -> Callable[[str], Iterator[Span]]:
    """A search for the people's initials among `terms` (two to four capitals, "JL") written
    in lower case in the child's words or a chat ("me and jl"), where one of `texts` writes
    them in capitals, and they are no common word ("me", "us") nor a chat's ("bf", "idk")."""
    read = list(texts)
    initials: dict[str, Term] = {}
    for term in terms:
        written = "".join(term.tokens)
        if term.kind in people and 2 <= len(term.tokens) <= 4 and all(
                len(token) == 1 and token.isupper() for token in term.tokens) and (
                written.casefold() not in _CHAT_WORDS) and (
                lexicon.zipf(written) < lexicon.WORDY) and any(
                re.search(rf"(?<![^\W_]){written}(?![^\W_]|['’][a-rt-z])", text)
                for text in read):
            initials.setdefault(written.casefold(), term)

    def find(text: str) -> Iterator[Span]:
        if not initials:
            return
        for start, end in merged([*lower_case_stretches(text), *quoted_words(text)]):
            for match in _LOWER_WORD.finditer(text, start, end):
                term = initials.get(match.group())
                if term is not None:
                    yield Span(match.start(), match.end(), term.kind, term.label)

    return find
