"""Names a referral's layout or a turn of phrase gives away, found after round 30's referrals.

- A chat copied with the time before each speaker: "[14:06] Shadow: outside in 5", "21:40
  Rocco: where u at". Two such lines or more make a chat when one speaker is a name; then
  every speaker is one, a word too ("Shadow") when what it says starts in lower case.
- A carer's "who's who", one person to a line as a name, a dash and a note in lower case:
  "Dinks – older lad from the park, 17", "Spudz – mum's ex". Two such lines or more make the
  list; a word there that is a role, a place or a common word ("Notes – see below") is none.
- A first name with a surname's initial and nothing after it: "others involved: Lacey T,
  Kobe W (Y9)" (not "I" or "A", which are words); in a tab grid's cells ("Harvey L⇥Ollie W⇥
  Maisie K", a seating plan), any that is no common word when one is a listed first name.
- A couple's home by their possessive: "back to Sue and Pete's" (not "Nan and Grandad's", nor
  a restaurant's "Frankie & Benny's").
- Someone said to be another's relative: "Bossman is Kieran's cousin" (a name's possessive
  only: "Wilf is her uncle" is left to the other searches).
- Who made or took a contact, in a case note's shorthand: "HV by Saima", "Msg left for
  Darnell" (not "TC to Police", "HV by Duty").
- A chat's @mention of a full name: "cc @Tom Ellerby'" (not "@Tom Said").
- A surname on record: "the family are recorded as Griffith" (not "recorded as Missing").
- A pet's name between commas or in brackets after its animal or breed: "The family's Staffy,
  Tyson, was seized", "his dog (Rocky)" (a family is known by its dog; a provider needs only
  "his dog"); not a common word ("his dog, a terrier,").
- A name after "our", as a northern family says it: "Our Chelsea's moving to Blackpool" (not
  "our kid", "Our Lady", "our house"), a place's name too when it is a first name.
Every pattern is anchored on a line's start or a few words and has bounded repetitions only,
so the search is linear in the text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from broker.anonymise import lexicon
from broker.anonymise.name_shapes import LOW, NOT_NAMES, PETS, UP, WORD, looks_like_a_name
from broker.anonymise.narrative import FAMILY_ROLES, ROLES

_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?"
_TIME_FIRST_SPEAKER = re.compile(
    rf"(?m)^[ \t>]{{0,8}}(?:\[{_TIME}\]|\({_TIME}\)|{_TIME})[ \t]{{1,4}}(?P<name>{WORD})"
    r"[ \t]?:[ \t]{1,4}(?P<said>\S)")
_A_CHAT = 2
# Words a log line opens with after its time, never a chat's speaker.
_LOG_WORDS = frozenset({"handover", "debrief", "review", "update", "note", "notes", "incident",
                        "visit", "call", "shift", "obs", "welfare", "summary", "outcome",
                        "log", "entry", "contact", "meeting", "plan", "action", "check",
                        "staff", "carer", "carers", "manager", "worker", "duty", "police",
                        "school", "supervision", "strategy", "return", "interview", "session",
                        "appointment", "assessment", "referral", "hospital", "ambulance"})
_WHO_IS_WHO = re.compile(
    rf"(?m)^[ \t]{{0,8}}(?:[-•*·][ \t]{{1,3}})?(?P<name>[{UP}][{LOW}]{{1,20}})"
    r"[ \t]{1,3}[-–—][ \t]{1,3}(?=[a-z])")
_FIRST_AND_A_BARE_INITIAL = re.compile(
    rf"(?<![\w'’\-])(?P<first>[{UP}][{LOW}]{{1,20}})[ \t][B-HJ-Z](?=[ \t]{{0,3}}[,;()/|\n]"
    r"|[ \t]{0,3}\Z|[ \t]{1,3}(?:and|&)[ \t])")
_COUPLES_HOME = re.compile(
    rf"(?<![\w'’\-])(?P<first>[{UP}][{LOW}]{{1,20}})[ \t]{{1,3}}and[ \t]{{1,3}}"
    rf"(?P<second>[{UP}][{LOW}]{{1,20}})['’]s(?![\w'’])")
_IS_SOMEONES_KIN = re.compile(
    rf"(?<![\w'’\-])(?P<name>[{UP}][{LOW}]{{1,20}})[ \t]{{1,3}}(?:is|was)[ \t]{{1,3}}"
    rf"{WORD}['’]s[ \t]{{1,3}}(?:[a-z]{{1,12}}[ \t]{{1,3}})?"
    r"(?P<role>[a-z]{2,20})(?![\w\-])")
_OUR = re.compile(rf"(?<![\w'’\-])(?:[Oo]ur)[ \t]{{1,3}}(?P<name>[{UP}][{LOW}]{{1,20}})"
                  r"(?![\w\-])")
# A case note's shorthand for a contact before who made it or took it: "HV by Saima",
# "T/C from Dionne", "Msg left for Darnell" (a home, office or joint visit, a call, a text).
_CONTACT_BY = re.compile(
    r"(?<![\w/])(?:HV|OV|JV|T/C|TC|Msg|Text|Call)(?:[ \t]{1,3}(?:left|sent|made))?"
    rf"[ \t]{{1,3}}(?:by|from|to|for|with)[ \t]{{1,3}}(?P<name>[{UP}][{LOW}]{{1,20}})(?![\w\-])")
# A chat's @mention of someone's full name, as Teams writes it: "cc @Tom Ellerby'".
_AT_MENTION = re.compile(
    rf"(?<![\w.@/])@(?P<first>[{UP}][{LOW}]{{1,20}})[ \t](?P<last>[{UP}][{LOW}]{{1,20}}"
    rf"(?:-[{UP}][{LOW}]{{1,20}})?)(?![\w\-]|['’]\w)")
_A_PETS_NAME_BESIDE_IT = re.compile(
    rf"(?<![\w'’\-])(?i:{'|'.join(sorted(PETS))})[ \t]*(?:,[ \t]*(?P<name>{WORD})[ \t]*,"
    rf"|\([ \t]*(?P<bracketed>{WORD})[ \t]*\))")
_NOT_OURS = frozenset({"lady", "lord", "father", "saviour", "kid", "house", "home", "family"})
_MONTHS = frozenset(month.casefold() for month in calendar.month_name if month)


def _no_one(word: str) -> bool:
    folded = word.casefold()
    return folded in NOT_NAMES or folded in ROLES or lexicon.is_known_non_person(word)


# A cell of a grid that holds a first name and a surname's initial: "Ollie W", "Isla-Rose P."
_FIRST_AND_INITIAL_CELL = re.compile(
    rf"(?P<first>[{UP}][{LOW}]{{1,20}}(?:-[{UP}][{LOW}]{{1,20}})?)[ \t][B-HJ-Z]\.?")


_CELL_BREAK = re.compile(r"[\t|]")


def _grid_of_first_names(text: str) -> Iterator[str]:
    """A seating plan or a register as a grid (cells split by tabs or "|"), a first name and
    an initial to a cell: "Harvey L⇥Ollie W⇥Maisie K". Two such cells or more on a row, one
    a listed first name, make every such cell's first word a name, unless it is a common
    word or a role."""
    if "\t" not in text and "|" not in text:
        return
    for line in text.split("\n"):
        cells = [cell.strip() for cell in _CELL_BREAK.split(line)]
        shaped = [match.group("first") for cell in cells
                  if (match := _FIRST_AND_INITIAL_CELL.fullmatch(cell)) is not None]
        if len(shaped) > 1 and any(lexicon.is_first_name(first) for first in shaped):
            yield from (first for first in shaped
                        if not _no_one(first) and lexicon.kind(first) != "word")


# The surname a family or a person is on record under: "on council systems the family are
# recorded as Griffith", "registered under Jones at the GP". Only a listed surname that is
# no common word: "recorded as Missing", "registered as Disabled" are no one.
_ON_RECORD_AS = re.compile(rf"\b(?i:recorded|registered|listed)[ \t]+(?i:as|under)[ \t]+"
                           rf"(?:(?i:the[ \t]+name[ \t]+)?)(?P<name>{WORD})(?![\w'’\-])")


def cued_names(text: str) -> Iterator[str]:
    yield from _time_first_speakers(text)
    yield from _grid_of_first_names(text)
    yield from _who_is_who(text)
    for match in _FIRST_AND_A_BARE_INITIAL.finditer(text):
        first = match.group("first")
        if lexicon.is_first_name(first) and not _no_one(first):
            yield first  # "Lacey T,"
    for match in _COUPLES_HOME.finditer(text):
        pair = (match.group("first"), match.group("second"))
        if all(lexicon.is_first_name(word) and not _no_one(word) for word in pair):
            yield from pair  # "Sue and Pete's"
    for match in _IS_SOMEONES_KIN.finditer(text):
        name = match.group("name")
        if match.group("role") in FAMILY_ROLES and not _no_one(name) and (
                lexicon.is_first_name(name) or not lexicon.is_ordinary(name)):
            yield name  # "Bossman is Kieran's cousin"
    for match in _CONTACT_BY.finditer(text):
        name = match.group("name")
        if not _no_one(name) and name.casefold() not in _MONTHS and (
                lexicon.is_first_name(name) or looks_like_a_name(name)):
            yield name  # "HV by Saima"
    for match in _AT_MENTION.finditer(text) if "@" in text else ():
        first, last = match.group("first"), match.group("last")
        if lexicon.is_first_name(first) and not _no_one(first) and not _no_one(last) and (
                not lexicon.is_ordinary(last)):
            yield f"{first} {last}"  # "@Tom Ellerby"
    for match in _ON_RECORD_AS.finditer(text):
        name = match.group("name")
        if lexicon.is_surname(name) and not lexicon.is_ordinary(name) and not _no_one(name):
            yield name  # "the family are recorded as Griffith"
    for match in _A_PETS_NAME_BESIDE_IT.finditer(text):
        name = match.group("name") or match.group("bracketed")
        if not _no_one(name) and not lexicon.is_ordinary(name):
            yield name  # rule pets-name-goes: "his Staffie, Rocky,"
    for match in _OUR.finditer(text):
        name = match.group("name")
        folded = name.casefold()
        if folded in _NOT_OURS or folded in NOT_NAMES or folded in ROLES or folded in _MONTHS:
            continue
        if lexicon.is_first_name(name) or looks_like_a_name(name):  # a place's name too
            yield name  # "Our Chelsea's moving"


def _time_first_speakers(text: str) -> Iterator[str]:
    lines = list(_TIME_FIRST_SPEAKER.finditer(text)) if ":" in text else []
    if len(lines) < _A_CHAT or not any(looks_like_a_name(m.group("name")) for m in lines):
        return
    for match in lines:
        name = match.group("name")
        if _no_one(name) or name.casefold() in _LOG_WORDS:
            continue
        if looks_like_a_name(name) or match.group("said").islower():
            yield name


def _who_is_who(text: str) -> Iterator[str]:
    lines = list(_WHO_IS_WHO.finditer(text))
    if len(lines) < _A_CHAT:
        return
    for match in lines:
        name = match.group("name")
        if not _no_one(name) and (looks_like_a_name(name) or lexicon.is_first_name(name)):
            yield name
