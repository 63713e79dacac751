"""What the answer to a message at providers@ that is no instruction and no form says
(`providers-help`, workflows/market/classify.py), decided purely from its words, the
sender's homes and the lists' planned windows.

- Rule `notice-in-words`: prose about a home's places ("We will have a bed free at
  Foxglove House from Monday", "Foxglove House is full until March now") is never acted
  on (the words prove no intent, as her_words.py holds for a social worker's), but is
  answered with the line that would record it, ready to send back ("VACANCIES 1 Foxglove
  House", "VACANCIES 0 Foxglove House"), the home named from the sender's own homes, and
  the time she gave repeated (a VACANCIES line counts places free now and lasts until the
  next one: nothing changes it on a date), only as a day, month, date or named time: never
  her other words, since the answer goes to whoever the message says it is from. Rule
  `nothing-quoted-to-the-unproved`: to a sender nothing proved, not even the time (anyone
  can forge a home's From); the answer says only that her email gave one.
- Rule `help-says-when-to-apply`: each list that takes applications is shown with its
  next window (open now, or when it opens and closes, or none planned yet), with the
  form to copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workflows.market.instructions import which_home
from workflows.market.snapshot import WindowRecord
from workflows.market.states import WindowState
from workflows.market.window import blank_form

_I = re.IGNORECASE
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6}
_PLACE = r"(?:beds?|places?|vacanc(?:y|ies)|spaces?|rooms?)"
# "a bed free", "2 places available", "one vacancy coming up"
_FREE = re.compile(rf"\b(?P<n>\d{{1,2}}|a|an|one|two|three|four|five|six)\s+(?:\w+\s+)?{_PLACE}"
                   r"\s+(?:(?:is|are|will\s+be)\s+)?(?:free|available|open|vacant|coming\s+up|"
                   r"coming\s+free)\b|\b(?:have|has|got)\s+(?P<m>a|an|one|two|three|\d{1,2})\s+"
                   r"vacanc(?:y|ies)\b", _I)
# "is full", "we're full", "no beds", "fully occupied"; never "not full"
_FULL = re.compile(rf"(?<!not\s)\b(?:full(?:y\s+(?:booked|occupied))?\b(?!\s*time)|no\s+"
                   rf"(?:more\s+)?{_PLACE}\b|no\s+(?:longer\s+)?(?:any\s+)?(?:room|space)\b)", _I)
# the time she gave: "from Monday", "until March", "till 3 March", "from next week",
# "after 14/12". Only a day, a month, a date or a named time is taken, never the words
# around it: the answer goes to whatever address the message came from, proved or not, so
# it must not carry anyone's own words ("from Monday ring 07700 900123")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_WHEN = re.compile(
    r"\b(?P<word>from|until|till|untill|by|after|before)\s+(?P<time>"
    rf"(?:next\s+|this\s+)?(?:{_DAY}|week|month|term)"
    rf"|(?:the\s+)?{_ORDINAL}(?:\s+of)?\s+{_MONTH}|{_MONTH}(?:\s+{_ORDINAL})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?|christmas|easter|half[-\s]term"
    r"|the\s+end\s+of\s+(?:the\s+)?(?:week|month|term))\b", _I)


@dataclass(frozen=True)
class Offered:
    """The notice line her words mean (`line`, with "<home>" for her to fill in when her
    homes do not say which) and the time she gave with it (`said`)."""

    line: str
    said: str = ""


def notice_in_words(text: str, homes: Mapping[str, str]) -> Offered | None:
    """The VACANCIES line a message's prose means, or None when it says nothing of a
    home's places. `homes` are the sender's (key → name)."""
    words = " ".join(text.split())[:2000]
    free, full = _FREE.search(words), _FULL.search(words)
    if free is None and full is None:
        return None
    if free is not None and (full is None or free.start() < full.start()):
        said = (free.group("n") or free.group("m")).lower()
        number = int(said) if said.isdigit() else _NUMBER_WORDS.get(said, 1)
    else:
        number = 0
    key, _ = which_home(words, dict(homes))
    if not key and len(homes) == 1:
        key = next(iter(homes))
    home = homes.get(key, "<home>")
    when = _WHEN.search(words)
    said = f"{when['word'].lower()} {' '.join(when['time'].split())}" if when else ""
    return Offered(f"VACANCIES {number} {home}", said)


def next_windows(lists: Iterable[Any], windows: Iterable[WindowRecord],
                 now: datetime) -> list[dict[str, Any]]:
    """Each list that takes applications, with its next window: open now, the next planned
    one (`opens_at`, `closes_at`), or none planned (both None)."""
    live = [w for w in windows if w.state not in (WindowState.CANCELLED, WindowState.CLOSED)
            and w.closes_at > now]
    shown = []
    for arrangement in lists:
        ahead = sorted((w for w in live if w.arrangement == arrangement.key),
                       key=lambda w: w.opens_at)
        first = ahead[0] if ahead else None
        shown.append({"name": arrangement.name,
                      "open_now": bool(first and first.opens_at <= now),
                      "opens_at": first.opens_at if first else None,
                      "closes_at": first.closes_at if first else None})
    return shown


def help_form(spec: Any, lists: list[Any]) -> list[tuple[str, str]]:
    """The application form to copy, its list and placement types left to choose among
    every list's (each list's own advert has its own filled in)."""
    if not lists:
        return []
    names = " / ".join(a.name for a in lists)
    lots = " / ".join(dict.fromkeys(lot for a in lists for lot in a.lots))
    rows = blank_form(spec, lists[0])
    chosen = {"arrangement": f"({names})" if len(lists) > 1 else lists[0].name,
              "lots": f"({lots})"}
    labels = {spec.field(key).label: value for key, value in chosen.items()
              if key in spec.keys}
    return [(label, labels.get(label, value)) for label, value in rows]


def help_context(text: str, homes: Mapping[str, str], lists: list[Any],
                 windows: Iterable[WindowRecord], now: datetime, spec: Any,
                 proved: bool = False) -> dict[str, Any]:
    """The answer's context: the line offered (if her words mean one), the time she gave
    (quoted to a proved sender only; `offered_timed` says one was given), the lists'
    windows and the form."""
    offered = notice_in_words(text, homes)
    said = offered.said if offered else ""
    return {"offered": offered.line if offered else "",
            "offered_said": said if proved else "", "offered_timed": bool(said),
            "lists": next_windows(lists, windows, now), "form": help_form(spec, lists)}
