"""A fee or start date a reply corrects after giving it.

Placement officers type fast and put slips right in the same email: "Can offer from the 14th
- sorry, the 21st", "Offer £5,100pw from 14/12. Sorry - meant £5,010", "Apologies, typo above
– the fee is £4,590, not £4,950", "Correction – I've checked with the manager and it would be
Monday 21st, not the 14th". The corrected value replaces what the form or the prose gave.

Named rules:
- A correction opens with a word that corrects ("correction", "typo", "my mistake", "I
  meant", "meant", "should read", "make that", "oops", "fat fingers", "missing a zero"), or
  is "sorry" with a fee or a day straight after it ("sorry, the 21st"); "sorry for the delay,
  we can offer from …" corrects nothing.
- It runs to the end of its sentence, and names one value of its kind there: the value it
  denies ("not the 14th", "rather than £4,950") is the old one, and one the words after it
  deny ("sorry, the 21st doesn't work") is none. Two values of a kind, or none, correct
  nothing: the reading stays as it was, and is asked if it was unsure. A question ("could
  we make that the 21st?") corrects nothing either.
- An update amends in the same way: "our fee is now £4,800", "the start has moved to the
  21st" (a later email, read over the earlier answer's form, amends its fee or start).
- The last correction in the reply is the one that stands.
- A form the reply says was sent by mistake ("Sorry – I sent the wrong template", "please
  ignore the form above") answers nothing: what the reply says after that is its answer,
  unless the form's decision comes after it (the right form, pasted below).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from broker.forms.dates import MONTH_WORD, WEEKDAY_WORD, parse_uk_date
from broker.forms.spec import FormSpec
from broker.forms.values import parse_money_weekly

__all__ = ["corrections", "said_after_a_disowned_form"]

T = TypeVar("T")

# The fields a form sent by mistake gives no answer for.
ANSWERS = ("decision", "weekly_fee", "available_from", "decline_reason")
_FORM_DISOWNED = re.compile(
    r"\b(?:(?:sent|used|filled\s+in|attached|replied\s+with|pasted)\s+(?:in\s+)?the\s+wrong\s+"
    r"(?:template|form|response)|wrong\s+template|ignore\s+the\s+(?:form|template)(?:\s+above)?"
    r"|(?:form|template)\s+above\s+(?:is|was)\s+(?:wrong|incorrect|sent\s+in\s+error|a\s+mistake))"
    r"\b", re.IGNORECASE)

_A_DAY = (rf"(?:\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?\b|{WEEKDAY_WORD}(?:\s+(?:the\s+)?"
          rf"\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s+(?:of\s+)?{MONTH_WORD})?)?"  # "Monday 4 January"
          rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b"
          rf"(?:\s+(?:of\s+)?{MONTH_WORD})?|\d{{1,2}}\s+{MONTH_WORD})")
_A_FEE = (r"(?:£\s?\d[\d,]*(?:\.\d{1,2})?k?(?:\s?(?:pw|p/w|per\s+week|a\s+week|per\s+day|a\s+day"
          r"|per\s+night|a\s+night))?|\b\d[\d,]*(?:\.\d\d)?\s?(?:pw|p/w)\b)")
_CORRECTING_WORD = re.compile(
    r"\b(?:correction|typo|my\s+mistake|my\s+bad|(?:i\s+)?meant(?:\s+to\s+(?:say|put|type))?"
    r"|should\s+(?:read|say|have\s+(?:said|read|been))|make\s+that|hang\s+on"
    r"|w?hoops(?:ie)?|fat[\s-]finger(?:s|ed)?"  # "Oops – missing a zero", "sorry, fat fingers"
    r"|(?:missing|missed|dropped|extra)\s+(?:a|one|the)\s+(?:zero|nought|digit|0))\b",
    re.IGNORECASE)
# A value scrapped, its replacement in the next sentence: "Oh, scrap the fee, I've given you
# last year's rate. It's £4,900 pw."
_SCRAPPED = re.compile(
    r"\b(?:scrap|scratch|ignore|disregard|forget)\s+(?:that\s+|the\s+|my\s+)?(?:fee|rate|price"
    r"|start(?:\s+date)?|date)\b", re.IGNORECASE)
# Or an update, in a later email that amends an earlier answer: "our fee is now £4,800", "fee
# now £4,750",
# "the start has moved to the 21st", "the fee has gone up to £5,000".
_UPDATING = re.compile(
    r"\b(?:fee|rate|price|cost|start(?:\s+date)?|move[\s-]?in(?:\s+date)?)\s+(?:(?:is|will\s+be|"
    r"would\s+be|has)\s+(?:now\b|(?:now\s+)?(?:been\s+)?(?:changed|moved|revised|updated|gone\s+"
    r"(?:up|down)|increased|reduced|dropped|put\s+back|brought\s+forward)\s+to\b)"
    r"|now(?=\s+£)"  # "Revised: fee now £4,750"
    r"|(?:moves|is\s+moving|will\s+move|changes|is\s+changing|will\s+change)\s+to\b)",
    # "the start date moves to 21/12/2026" (round 59)
    re.IGNORECASE)
_SORRY_THEN_A_VALUE = re.compile(
    rf"\bsorry\b[\s,:;\-\u2013\u2014]{{1,4}}(?:(?:it['’]?s|its|i\s+mean)\s+)?"
    rf"(?=£|\d|{WEEKDAY_WORD}|the\s+\d)", re.IGNORECASE)
# Or a value set against the one it replaces: "manager says the 21st rather than the 14th",
# "£4,750, not £4,900" (the cue is where the new value starts).
_ONE_RATHER_THAN_ANOTHER = re.compile(
    rf"(?<![\w/.,£])(?<!the )(?=(?:{_A_FEE}|{_A_DAY})\s*,?\s+(?:rather\s+than|instead\s+of|not)"
    rf"\s+(?:on\s+|from\s+|at\s+)?(?:{_A_FEE}|{_A_DAY}))", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# The old value, said to be wrong: "not the 14th", "rather than £4,950", "instead of 14/12",
# or said not to be possible (round r66-09): "we can't start on 14/12 after all, the earliest
# is 4th January", "we won't manage the 14th".
_DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|rather\s+than|instead\s+of)|(?:\bcan\s*not|\bcan['’]?t|\bwon['’]?t|\bunable"
    r"\s+to|\bnot\s+able\s+to)\s+(?:(?:now|then|actually)\s+)?(?:start|do|manage|make|offer)"
    rf"(?:\s+it)?)\s+(?:on\s+|from\s+|at\s+|for\s+)?(?:{_A_FEE}|{_A_DAY})",
    re.IGNORECASE)
_DENIED_AFTER = re.compile(r"\s*(?:(?:is|was|would\s+be|will\s+be)\s+)?(?:not|no|never|too|"
                           r"impossible|unlikely|cannot|cant|dont|wont|isnt|doesnt|"
                           r"\w+n['’]t)\b", re.IGNORECASE)
# A fee for later on, not now: "our fee has gone up to £5,000 from April", "… from 1 January"
# (round 58; that day is the fee's, not a start).
_FOR_LATER = re.compile(rf"\s*(?:from|after|in|as\s+of|wef)\s+(?:the\s+)?(?:{MONTH_WORD}|\d{{1,2}}"
                        rf"(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH_WORD}|next\s+(?:year|month)\b|the\s+"
                        r"new\s+year\b|\d{4}\b)", re.IGNORECASE)
# A fee for later with its day, taken out before the start is read: the day is the fee's.
_A_FEE_FOR_LATER = re.compile(rf"{_A_FEE}{_FOR_LATER.pattern}", re.IGNORECASE)
_FEES = re.compile(_A_FEE, re.IGNORECASE)
_DAYS = re.compile(_A_DAY, re.IGNORECASE)


def corrections(prose: str, message_date: date) -> tuple[Decimal | None, date | None]:
    """The weekly fee and the start date the reply's last corrections name (None where no
    correction names one of its kind, or where one names two)."""
    said = _corrections(prose)
    return (_last_named(said, _FEES, parse_money_weekly, _FOR_LATER),
            _last_named([_A_FEE_FOR_LATER.sub(" ", words) for words in said], _DAYS,
                        lambda day: parse_uk_date(day, message_date)))


def _last_named(said: list[str], values: re.Pattern[str], parse: Callable[[str], T],
                not_now: re.Pattern[str] | None = None) -> T | None:
    """The value of a kind the last correction naming any names, if it names just one."""
    for words in reversed(said):
        named = _named(values, words, not_now)
        if named:
            if len(set(named)) > 1:
                return None
            try:
                return parse(named[0])
            except ValueError:
                return None
    return None


def _corrections(prose: str) -> list[str]:
    """What each correction says, from its cue to the end of its sentence, in order."""
    found = []
    cues = sorted([*_CORRECTING_WORD.finditer(prose), *_SORRY_THEN_A_VALUE.finditer(prose),
                   *_UPDATING.finditer(prose), *_ONE_RATHER_THAN_ANOTHER.finditer(prose),
                   *_SCRAPPED.finditer(prose)],
                  key=lambda cue: cue.start())
    covered = -1  # where the last correction read ends: a cue inside it is part of it
    for cue in cues:
        if cue.start() < covered:
            continue  # "Correction – … it would be Monday 21st, not the 14th": one correction
        end = _SENTENCE_END.search(prose, cue.end())
        if end is not None and cue.re is _SCRAPPED and end.group() != "?":
            end = _SENTENCE_END.search(prose, end.end()) or end  # and the next sentence
        if end is not None and end.group() == "?":
            continue  # "could we make that the 21st?" asks, and corrects nothing
        covered = end.start() if end else len(prose)
        found.append(prose[cue.end():covered])
    return found


def _named(values: re.Pattern[str], words: str,
           not_now: re.Pattern[str] | None = None) -> list[str]:
    """The values of a kind the words name, without those they deny (or put off)."""
    words = _DENIED_BEFORE.sub(" ", words)
    return [" ".join(match.group().lower().split()) for match in values.finditer(words)
            if not _DENIED_AFTER.match(words, match.end())
            and not (not_now and not_now.match(words, match.end()))]


def said_after_a_disowned_form(body_text: str, spec: FormSpec) -> str | None:
    """What the reply says after disowning the form above it, or None when it does not (or
    the form's decision follows: the right form, pasted below)."""
    disowned = _FORM_DISOWNED.search(body_text[:_DISOWNING_CHARS])
    if disowned is None:
        return None
    after = body_text[disowned.end():]
    for line in after.split("\n"):
        label, colon, _ = line.partition(":")
        field = spec.field_for_label(label) if colon and len(label) < _LABEL_CHARS else None
        if field is not None and field.key == "decision":
            return None
    return after


_DISOWNING_CHARS = 5_000
_LABEL_CHARS = 60
