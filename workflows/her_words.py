"""A social worker's plain words on a sent referral's thread, read for what she meant.

A message on the thread that is neither an instruction written the documented way
(workflows/instructions.py) nor `Label: value` corrections changes nothing. Rule
`her-words-meant`: its answer (workflows/intake.py `_already_sent`) says so, and

- when the words read as one of the instructions the referral's state accepts (the
  lifecycle table, workflows/lifecycle.py: "we've found a place in-house, please stop the
  search" → `WITHDRAW we've found a place in-house`; "Can we have two more days?" →
  `EXTEND 2d`; "We'd like to go with Larch View please." → `CHOOSE A (Larch View)`, the
  letter from the stored comparison and its home; "Can you offer them £4,400?" →
  `PROPOSE £4,400`; "Yes that's fine, agreed" → `AGREE`), shows that instruction written
  properly, filled in from her words, for her to send back as a reply. It is never acted
  on: the words prove no intent, the reply does. Only an instruction the sender may send
  (workflows/permissions.py) is shown: words asking for one she may not ("can you send it
  to more providers?" from a social worker: NEXT WAVE is the placements team's) are passed
  to the placements team. A place found is a withdrawal only when it ends the search: not
  a question ("Have you found somewhere yet?"), a stay for now ("for tonight while you
  look"), a place for someone else ("for her brother") or with a home "still needed";
- while providers are answering, words that read as a change to the form ("the budget has
  now been agreed up to £5,200 a week", "now urgent – needed by Friday") are shown as the
  labelled lines that would correct it (`Weekly budget: £5,200`, `Needed from: 11/12/2026`);
- "has anyone replied yet?" is answered from the referral's own records (how many of the
  homes it went to have answered, and how many offer);
- any other question or request ("there has been a change of social worker …", "could you
  send me the list of homes") goes to the placements team, who alone can act on it, and
  she is told so (`pass_on`; workflows/intake.py sends it, within rule `questions-per-day`).

Pure: the text, the state and the referral's records in; a `Meant` out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from broker.forms.dates import parse_uk_date
from broker.forms.money import POUNDS
from broker.forms.spoken_dates import spoken_date
from broker.forms.values import parse_money_weekly
from workflows.passed_on import own_words
from workflows.placement import homes_as_letters
from workflows.states import State


@dataclass(frozen=True)
class Meant:
    """What her words were read as: `lines` to send back as a reply (an instruction, with a
    shortlist's views lines, or labelled corrections: `kind` "instruction" | "correction"),
    `filled` False when a part is the example's, for her to replace; `replies` (answered,
    offers, sent to) for a question about replies; `pass_on` for a question or request only
    the placements team can act on; `rather_than`, the instruction her words named ("close
    it now, we've found somewhere": CLOSE) that would not do what they say (a closed window
    only sends the responses so far; the search goes on)."""

    kind: str = ""
    lines: tuple[str, ...] = ()
    filled: bool = True
    replies: tuple[int, int, int] | None = None
    pass_on: bool = False
    rather_than: str = ""
    no_more_waves: bool = False  # asked for more providers when every eligible one has it


NOTHING = Meant()


@dataclass(frozen=True)
class Option:
    """A lettered option of the comparison, as her words may name it."""

    label: str
    home: str


def instruction_words(state: State, permitted: Iterable[type] | None = None) -> frozenset[str]:
    """The instruction words the referral's state accepts: the lifecycle table's events
    there (workflows/lifecycle.py `TRANSITIONS`, named by `EVENT_WORDS`); only those among
    `permitted` (the kinds of event the sender may make, workflows/permissions.py) if given."""
    from workflows.lifecycle import EVENT_WORDS, TRANSITIONS  # lifecycle imports intake

    kinds = None if permitted is None else frozenset(permitted)
    return frozenset(EVENT_WORDS[event] for event in TRANSITIONS.get(state, {})
                     if EVENT_WORDS.get(event, "").isupper() and (kinds is None or event in kinds))


_I = re.IGNORECASE
_FOUND = re.compile(r"\b(?:(?:we|i|they)(?:['’]ve|\s+have)?\s+|(?:she|he)\s+has\s+|(?:have\s+)?)"
                    r"(?:now\s+)?found\s+(?:(?!\s(?:so|and|but|please|as|therefore)\b)"
                    r"[^.,;!?\n]){3,80}", _I)
_WITHDRAW = re.compile(r"\b(?:stop|end|cancel|call\s+off|halt)\s+(?:the\s+|this\s+|our\s+)?"
                       r"(?:search|referral)\b|\bwithdraw(?:n|ing)?\b|\bno\s+longer\s+"
                       r"(?:need|needs|required|requires)\s+(?:a\s+|the\s+|this\s+)?"
                       r"(?:placement|search|referral)", _I)
# "we've found her a place", "we found somewhere": a withdrawal only as a statement that the
# search is no longer needed (`_no_longer_needed`)
_FOUND_PLACE = re.compile(r"\bfound\s+(?:a|her|him|them)\s+(?:a\s+)?(?:place|placement|home|"
                          r"carer|foster|bed)|\bfound\s+(?:(?:her|him|them)\s+)?somewhere\b", _I)
# Words that make a place found no end of the search: a question ("Have you found somewhere
# yet?"), a stay for now ("somewhere for her to stay tonight … while you look"), a place
# for someone else ("somewhere else for her brother"), or a home still needed.
_ASKED = re.compile(r"\?\s*$|^\s*(?:have|has|did|do|are|is|any\s+luck)\b", _I)
_FOR_NOW = re.compile(r"\b(?:tonight|overnight|for\s+(?:now|the\s+(?:night|weekend|time\s+being)|"
                      r"a\s+(?:few\s+|couple\s+of\s+)?(?:nights?|days?))|while\s+(?:you|we|they)\s+"
                      r"(?:look|search|keep|carry|find)|until|till|in\s+the\s+meantime|meanwhile|"
                      r"temporar\w*|short[\s-]term|stop[\s-]?gap|interim)\b", _I)
_SOMEONE_ELSE = re.compile(r"\bfor\s+(?:her|his|their|the)\s+(?:(?:older|younger|little|big|"
                           r"baby|twin)\s+)?(?:brothers?|sisters?|siblings?|mum|mother|dad|"
                           r"father|sons?|daughters?|cousins?|baby|twins?)\b", _I)
_STILL_NEEDED = re.compile(r"\bstill\s+(?:need|needs|require|requires|want)\s+(?:a|an|the|"
                           r"somewhere|her|him|them|one)\b|\bstill\s+(?:needed|looking|"
                           r"searching)\b|\b(?:keep|carry\s+on)\s+(?:looking|going|"
                           r"searching)\b", _I)
# "CLOSE – we've found somewhere": the word CLOSE in words that withdraw (CLOSE would only end
# the window and send the responses so far, the search going on)
_SAYS_CLOSE = re.compile(r"\bclos(?:e|ing)\b", _I)
_CLOSE = re.compile(r"\bclose\s+(?:it|this|(?:the\s+|this\s+)?(?:search|window|responses|replies"
                    r"|referral))\b|\b(?:can|could|would)\s+(?:you|we)\s+(?:please\s+)?close\b|"
                    r"\bplease\s+close\b|\bclose\s+(?:it\s+)?please\b|\b(?:stop|no\s+more)\s+(?:taking\s+|accepting\s+)?"
                    r"(?:any\s+)?(?:more\s+)?(?:responses|replies|offers)\b"
                    r"|\b(?:have|got)\s+enough\s+(?:responses|replies|offers)\b", _I)
_NUMBERS = {"one": 1, "a": 1, "an": 1, "another": 1, "two": 2, "a couple of": 2,
            "couple of": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_COUNT = r"(\d{1,3}|one|two|three|four|five|six|seven|a\s+couple\s+of|couple\s+of|an?|another)"
_UNIT = r"(days?|hours?|weeks?)"
# Each read as (count, unit): "two more days", "extend it by a week", "give it another 2
# days", "reopen it for another day" (a count left out is one). The words between the asking
# and the duration are a few (`_GAP`): a scan to the sentence's end from every "give" or
# "keep" made one long unpunctuated line cost its length squared (attacker review 38, F6).
_GAP = r"[^.?!]{0,120}?"
_EXTEND = (re.compile(rf"\b{_COUNT}\s+(?:more|extra|further)\s+{_UNIT}\b", _I),
           re.compile(rf"\b(?:extend|extension|keep\s+it\s+open|more\s+time)\b{_GAP}\bby\s+"
                      rf"{_COUNT}\s+{_UNIT}\b", _I),
           re.compile(rf"\b(?:extend|extension|re-?open|open|give|keep|leave|more\s+time|wait)\b"
                      rf"{_GAP}\b(?:another|an\s+extra|a\s+further|one\s+more)\s+"
                      rf"(?:(\d{{1,3}}|two|three|four|five|six|seven|a\s+couple\s+of)\s+)?"
                      rf"{_UNIT}\b", _I))
_EXTEND_UNTIL = re.compile(r"\b(?:extend|extension|keep\s+(?:it|the\s+\w+)\s+open|more\s+time)"
                           rf"\b{_GAP}\b(?:until|till|to)\s+((?:mon|tues|wednes|thurs|fri|"
                           r"satur|sun)day|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b", _I)
_MORE_TIME = re.compile(r"\b(?:extend\s+(?:the\s+)?(?:window|deadline|search)|an?\s+extension|"
                        r"more\s+time)\b", _I)
_NEXT_WAVE = re.compile(r"\bnext\s+wave\b|\bwiden\s+(?:the\s+)?search\b|\b(?:send|open)\s+"
                        r"(?:it\s+|this\s+|the\s+referral\s+)?(?:out\s+)?to\s+(?:more|other|"
                        r"further)\s+(?:homes|providers|areas)\b", _I)
_SHORTLIST = re.compile(r"\bshort[\s-]?list\b|\b(?:put|take|go)\s+forward\b", _I)
_CHOOSE = re.compile(r"\b(?:go(?:ing)?\s+(?:ahead\s+)?with|choose|chosen|pick|proceed\s+with|"
                     r"(?:decided|settled)\s+on|(?:gone|opted|going)\s+for|"
                     r"we(?:['’]d|\s+would)\s+(?:like|prefer)|(?:is|are)\s+our\s+choice)\b", _I)
_DROP = re.compile(r"\b(?:drop|remove|take\s+off|no\s+longer\s+consider(?:ing)?)\b", _I)
_MONEY = re.compile(POUNDS)
_PROPOSE = re.compile(r"\b(?:offer|propose|counter|suggest|try|go\s+back|come\s+back|say|"
                      r"negotiate|ask\s+(?:them|if))\b", _I)
_NOT_PROPOSED = re.compile(r"\b(?:budget|asked|asking|too\s+(?:high|much)|their\s+(?:fee|price|"
                           r"rate))\b", _I)
_AGREE = re.compile(r"\b(?:agreed?|accept(?:ed)?|that['’]?s\s+fine|(?:happy|ok|okay|fine)\s+"
                    r"(?:with|to\s+go\s+with)\s+(?:their|the|that|this)\s+fee|go\s+with\s+"
                    r"(?:their|the|that|this)\s+fee)\b", _I)
_ACCEPT = re.compile(r"\b(?:agree[ds]?|accept(?:ed|ing)?|happy\s+(?:with|to\s+(?:accept|agree|"
                     r"go\s+with|pay)))\b", _I)
_NOT = re.compile(r"\b(?:not|never|cannot|\w+n['’]t|no)\b[^.,;!?]{0,12}$", _I)
# "We'd prefer not to go with …", "we'd rather not": a negation just after the words
_NOT_AFTER = re.compile(r"\s*(?:not|never|n['’]t)\b", _I)
_UNMET = re.compile(r"\bunmet\s+need\b|\bno\s+(?:suitable\s+)?(?:placement|home)\s+"
                    r"(?:can|could|will)\s+be\s+found\b", _I)
_ENDED = re.compile(r"\bplacement\s+(?:has\s+)?(?:now\s+)?ended\b|\b(?:she|he|they)\s+(?:has|"
                    r"have)\s+(?:now\s+)?(?:left|moved\s+(?:out|on))\b", _I)
_REPLIES = re.compile(r"\b(?:replied|responded|answered|heard\s+back|any\s+(?:responses|"
                      r"replies|offers|news)|responses?\s+(?:yet|so\s+far)|offers?\s+yet)\b",
                      _I)
_REQUEST = re.compile(r"\?|\b(?:please|can\s+you|could\s+you|would\s+you|change\s+of\s+social"
                      r"\s+worker|taking\s+over|send\s+(?:everything|all)|let\s+me\s+know|"
                      r"(?:will\s+be|is\s+now|as)\s+(?:the\s+)?(?:allocated|new)\s+social\s+"
                      r"worker|new\s+social\s+worker|leaving\s+the\s+(?:team|service|authority)"
                      r"|on\s+leave\s+from)\b", _I)
# A budget in words: "the budget's been cut to £4.2k pw by panel", "we can go up to 6k", "budget
# is now £5,600 a month" (the sum with its period, for `parse_money_weekly` to make a week's).
_BUDGET = re.compile(r"(?:\bbudget\b[^.£\n]{0,60}?|\b(?:can|could)\s+(?:go\s+(?:up\s+)?to|"
                     r"stretch\s+to|pay\s+up\s+to)\s+)((?:£\s?\d[\d,]*(?:\.\d+)?(?:\s?k\b)?|"
                     r"\d[\d,]*(?:\.\d+)?\s?k\b)(?:\s*(?:a|per|/|each)\s*(?:week|wk|calendar\s+"
                     r"month|month|mth|year|annum|day|night)\b|\s*p/?w\b|\s*pcm\b|\s*p/?m\b|\s+"
                     r"(?:weekly|monthly|yearly|annually|daily|nightly)\b)?)", _I)
# A sum by another period than a week, said back beside its week's: "£1,292.31 (£5,600 a month)"
_NOT_A_WEEK = re.compile(r"(?:month|mth|year|annum|day|night|pcm|p/?m|monthly|yearly|annually|"
                         r"daily|nightly)$", _I)
_NEEDED = re.compile(r"\bneeded\s+(?:by|from|for|on)\s+([^.,;!?\n\u2013\u2014]{2,40})", _I)
_URGENCY = re.compile(r"\b(?:now\s+(?:an?\s+)?|is\s+(?:now\s+)?(?:an?\s+)?)(urgent|emergency)\b",
                      _I)
_SCHOOL = re.compile(r"\b(?:needs?\s+a\s+school\s+place|school\s+place)\b", _I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSES = re.compile(r",\s+(?:and|but)\s+|;\s*|(?<=[.!?])\s+|\n+")
# "Parents' views:", "Mum's view -", "Ruby's views:": her own label, which says whose
_VIEWS_LABEL = re.compile(r"^([\w'’ -]{1,30}?)\s+views?\s*[:\-\u2013]\s*", _I)
_PARENT = re.compile(r"\b(?:mum|mother|mam|dad|father|parents?|family|step-?(?:mum|dad))\b", _I)
_CHILD = re.compile(r"\b(?:she|he|they)\s+(?:says?|said|wants?|would\s+like|['’]d\s+like|"
                    r"prefers?|would\s+prefer)\b|\b(?:the\s+)?(?:child|young\s+person)\b", _I)
_SET_ASIDE = re.compile(r"\b(?:ignore|disregard|discard|cancel|delete|scrap)\s+(?:this|that|it|"
                        r"the\s+(?:second|last|latest|new|duplicate|other)|my\s+(?:last|latest|"
                        r"second|previous|other))\b|\bsent\s+(?:(?:it|this|that)\s+)?(?:twice\s+)?"
                        r"(?:by\s+(?:mistake|accident)|in\s+error)\b|\bsent\s+(?:it\s+)?twice\b",
                        _I)
_GREETING = re.compile(r"^\s*(?:hi|hello|dear|morning|afternoon)\b[^,.!\n]{0,30}[,.!]?\s*", _I)


def read_her_words(text: str, state: State, *, options: Sequence[Option] = (),
                   shortlisted: Iterable[str] = (), today: date,
                   child_names: Iterable[str] = (), correctable: bool = False,
                   replies: tuple[int, int, int] | None = None,
                   asked: Decimal | None = None, more_waves: bool = True,
                   permitted: Iterable[type] | None = None) -> Meant:
    """Rule `her-words-meant`: what the words (the new text of her message) meant, as the
    instruction the state accepts written properly, labelled corrections while
    `correctable`, a count of replies (`replies`: answered, offers, sent to), or a question
    or request for the placements team; NOTHING for words that ask for nothing. `asked`:
    the chosen home's own latest weekly fee, which accepted in her words is an AGREE.
    Without `more_waves` (the referral's cascade has no wave left, or it has none), "can you
    send it to more providers" is no NEXT WAVE: every eligible provider has it, she is told,
    and the placements team, who alone can look further, are passed her request. Only an
    instruction the sender may send (`permitted`: the kinds of event the permissions table
    lets her make; all when None) is shown her: words asking for one she may not ("can you
    send it to more providers" from a social worker: NEXT WAVE is the placements team's)
    are a request passed to the placements team."""
    words = _GREETING.sub("", own_words(text) or text.strip())
    if not words:
        return NOTHING
    allowed = instruction_words(state)
    hers = allowed if permitted is None else instruction_words(state, permitted)
    for verb, read in _READERS:
        if verb == "NEXT WAVE" and not more_waves and verb in allowed:
            if _next_wave(words) is not None:
                return Meant(pass_on=True, no_more_waves=True)
        elif verb in allowed:
            found = read(words, options=options, shortlisted=tuple(shortlisted), today=today,
                         child_names=tuple(n for n in child_names if n), asked=asked)
            if found is not None:
                return found if verb in hers else Meant(pass_on=True)
    if correctable and (who := identity(words, tuple(n for n in child_names if n))):
        lines = (*who, *corrections(words, today))
        return Meant("correction", lines, filled=not any(_ANY_DAY in line for line in who),
                     pass_on=True)
    if correctable and (lines := corrections(words, today)):
        return Meant("correction", lines)
    if replies is not None and _REPLIES.search(words):
        return Meant(replies=replies)
    return Meant(pass_on=True) if _REQUEST.search(words) else NOTHING


def asks_to_set_aside(text: str) -> bool:
    """Whether her own words (the new text of her message) ask for the message or the
    referral to be ignored: "Please ignore this one", "sent by mistake", "cancel this",
    never after a "don't"."""
    words = own_words(text) or text.strip()
    for sentence in _SENTENCES.split(words):
        found = _SET_ASIDE.search(sentence)
        if found and not _NOT.search(sentence[:found.start()]):
            return True
    return False


def _said(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    """The first place her words say `pattern`, in a sentence of its own, and not cancelled
    by a negation governing it: "we won't need more time", "we'd prefer not to go with",
    "no need to extend", "don't close it yet"."""
    for sentence in _SENTENCES.split(words):
        for found in pattern.finditer(sentence):
            if not _negated_before(sentence, found.start()) \
                    and (not _NOT_AFTER.match(sentence, found.end()) or _corrected(found)):
                return found
    return None


def _negated_before(sentence: str, at: int) -> bool:
    """Whether a negation governs the words at `at` (`_NOT`, a few words before them), read
    in the words just before: never the whole sentence again for each place tried."""
    return _NOT.search(sentence, max(0, at - _NOT_REACH), at) is not None


_NOT_REACH = 60  # "shouldn't" and the twelve characters `_NOT` lets follow it, and more


def _corrected(found: re.Match[str]) -> bool:
    """Whether the match ends with the value it read, so that a "not" just after it names
    the value it replaces ("her age is 15 not 14", "her surname is Okafor not Okafo"): a
    correction, the first one right, never a negation of the words."""
    return any(found.group(g) is not None and found.end(g) == found.end()
               for g in range(1, (found.lastindex or 0) + 1))


def _saying(pattern: re.Pattern[str], words: str) -> Iterable[str]:
    """Her sentences that say `pattern` (`_said`), in order."""
    return (s for s in _SENTENCES.split(words) if _said(pattern, s))


def _withdraw(words: str, **_: object) -> Meant | None:
    if _said(_STILL_NEEDED, words) or not (_said(_WITHDRAW, words) or any(
            _no_longer_needed(sentence) for sentence in _saying(_FOUND_PLACE, words))):
        return None
    reason = next((found for sentence in _saying(_FOUND, words)
                   if _no_longer_needed(sentence) and (found := _said(_FOUND, sentence))), None)
    rather_than = "CLOSE" if _said(_SAYS_CLOSE, words) else ""  # "close it, we've found …"
    if reason is None:
        return Meant("instruction", ("WITHDRAW the family found a kinship carer",), filled=False,
                     rather_than=rather_than)
    said = " ".join(reason[0].split()).rstrip(" -")
    return Meant("instruction", (f"WITHDRAW {said}",), rather_than=rather_than)


def _no_longer_needed(sentence: str) -> bool:
    """Whether a sentence saying a place was found says the search is no longer needed: not
    a question, a stay for now or a place for someone else (rule `her-words-meant`)."""
    return not (_ASKED.search(sentence) or _FOR_NOW.search(sentence)
                or _SOMEONE_ELSE.search(sentence))


def _close(words: str, **_: object) -> Meant | None:
    return Meant("instruction", ("CLOSE",)) if _said(_CLOSE, words) else None


def _extend(words: str, **_: object) -> Meant | None:
    if (until := _said(_EXTEND_UNTIL, words)) is not None:
        return Meant("instruction", (f"EXTEND to {until[1]}",))
    found = next((f for pattern in _EXTEND if (f := _said(pattern, words)) is not None), None)
    if found is None:
        return Meant("instruction", ("EXTEND 2d",), filled=False) if _said(
            _MORE_TIME, words) else None
    count, unit = found[1] or "one", found[2].lower()
    number = int(count) if count.isdigit() else _NUMBERS[" ".join(count.lower().split())]
    if unit.startswith("week"):
        number, unit = number * 7, "d"
    return Meant("instruction", (f"EXTEND {number}{unit[0]}",))


def extension_meant(words: str) -> str:
    """The EXTEND line an EXTEND's unread words mean ("by a week please": `EXTEND 7d`), for
    her to send back; "" when they give no duration of their own."""
    found = _extend(f"extend {words}")
    return found.lines[0] if found is not None and found.filled else ""


def _next_wave(words: str, **_: object) -> Meant | None:
    return Meant("instruction", ("NEXT WAVE",)) if _said(_NEXT_WAVE, words) else None


def _letters(sentence: str, options: Sequence[Option]) -> list[str]:
    """The option letters a sentence names, by letter or by home, in order."""
    known = {o.label for o in options}
    rows = [{"label": o.label, "home": o.home} for o in options]
    lettered = homes_as_letters(rows, sentence) if rows else sentence
    found = re.findall(r"(?<![\w'’])(?:Option\s+)?([A-HJ-Z])(?![\w'’])", lettered)
    return list(dict.fromkeys(letter for letter in found if letter in known))


def _shortlist(words: str, *, options: Sequence[Option], child_names: tuple[str, ...],
               **_: object) -> Meant | None:
    sentences = [s for s in _SENTENCES.split(words) if s.strip()]
    at = next((i for i, s in enumerate(sentences) if _said(_SHORTLIST, s)
               and _letters(s, options)), None)
    if at is None:
        return None
    letters = _letters(sentences[at], options)
    views = views_said(" ".join(sentences[:at] + sentences[at + 1:]), child_names)
    filled = bool(views.get("parents") and views.get("child"))
    return Meant("instruction", (
        f"SHORTLIST {', '.join(letters)}",
        f"Parents' views: {views.get('parents') or _NO_VIEW}",
        f"Child's views: {views.get('child') or _NO_VIEW}"), filled=filled)


_NO_VIEW = "(their views, or not sought - and the reason)"


def views_said(text: str, child_names: tuple[str, ...]) -> dict[str, str]:
    """The parents' and the child's views among her sentences, each in her own words: a
    sentence goes whole under the view it speaks of ("Mum would rather Larch House as it is
    nearer, but I think Kestrel House meets her needs better."), under both when it speaks
    for both ("Mum and her daughter both prefer …"), and is split at its clauses only where
    they speak for different people ("Mum's view is weekly visits, and her own view is …").
    A home it names stays in its words: a view, never a letter of the shortlist."""
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, child_names)) + r")\b", _I) \
        if child_names else None
    views: dict[str, list[str]] = {}
    for sentence in (s.strip() for s in _SENTENCES.split(text) if s.strip(" ,.")):
        parts: list[tuple[tuple[str, ...], str]] = []  # (whose, her words) per run of
        at, joined = 0, ""  # clauses for the same people, and the words joining them
        for join in [*_CLAUSES.finditer(sentence), None]:
            clause = sentence[at:join.start() if join else len(sentence)]
            whose = _whose(clause, named)
            if not parts or (whose and parts[-1][0] and whose != parts[-1][0]):
                parts.append((whose, clause))
            else:
                parts[-1] = (parts[-1][0] or whose, parts[-1][1] + joined + clause)
            at, joined = (join.end(), join[0]) if join else (at, "")
        for whose, said in parts:
            said = said.strip(" ,;")
            if (label := _VIEWS_LABEL.match(said)) and said[label.end():].strip():
                said = said[label.end():]  # her label, not written twice
            said = said.rstrip(" ,;.")
            for key in whose:
                if said:
                    views.setdefault(key, []).append(said[0].upper() + said[1:])
    return {key: " ".join(p if p.endswith(("!", "?")) else f"{p}." for p in said)
            for key, said in views.items()}


# "Mum and her daughter both …", "Ruby and her dad …": one view, both people's
_BOTH = re.compile(r"\b(?:mum|mother|mam|dad|father|parents?)\s+and\s+(?:her|his|their|the)\s+"
                   r"(?:daughter|son|child|young\s+person)\b|\b(?:she|he)\s+and\s+(?:her|his)"
                   r"\s+(?:mum|mother|mam|dad|father|parents?)\b", _I)


def _whose(clause: str, named: re.Pattern[str] | None) -> tuple[str, ...]:
    """Whose view a clause gives: ("parents",), ("child",), both, or () for none it says."""
    whose = clause.strip(" ,;")
    if (label := _VIEWS_LABEL.match(whose)) and whose[label.end():].strip():
        whose = label[1]  # her label says whose
    elif _BOTH.search(whose) or (named and named.search(whose) and re.search(
            r"\band\s+(?:her|his|their)\s+(?:mum|mother|dad|father|parents?)\b", whose, _I)):
        return ("parents", "child")
    child = bool(named and named.match(whose)) or bool(_CHILD.search(whose))
    if _PARENT.search(whose) and not (named and named.match(whose)):
        return ("parents",)
    return ("child",) if child else ()


def _choose(words: str, *, options: Sequence[Option], shortlisted: tuple[str, ...],
            **_: object) -> Meant | None:
    on = [o for o in options if o.label in shortlisted] or list(options)
    for sentence in _saying(_CHOOSE, words):
        if len(letters := _letters(sentence, on)) == 1:
            home = next(o.home for o in on if o.label == letters[0])  # the home it is
            return Meant("instruction", (f"CHOOSE {letters[0]} ({home})",))
    return None


def _drop(words: str, *, options: Sequence[Option], shortlisted: tuple[str, ...],
          **_: object) -> Meant | None:
    on = [o for o in options if o.label in shortlisted] or list(options)
    for sentence in _saying(_DROP, words):
        if len(letters := _letters(sentence, on)) == 1:
            return Meant("instruction", (f"DROP {letters[0]}",))
    return None


def _propose(words: str, *, asked: Decimal | None, **_: object) -> Meant | None:
    """A fee to propose: one amount with a word that offers it ("Can you offer them
    £4,400?"), or else, since the fee is what is being negotiated, one amount on its own ("I
    meant £4,400", "£4,500 from the 21st works for us"), never a budget, what the home
    asked, or an amount said not to be meant; never the home's own ask accepted (`_agree`)."""
    sentences = [s for s in _SENTENCES.split(words) if len(_MONEY.findall(s)) == 1
                 and not _accepts_ask(s, asked)]
    for offered in (True, False):
        for sentence in sentences:
            found = _MONEY.search(sentence)
            if found is None or (offered and not _said(_PROPOSE, sentence)) or (
                    not offered and (_NOT_PROPOSED.search(sentence)
                                     or _NOT.search(sentence[:found.start()]))):
                continue
            if fee := _fee(found[0]):
                return Meant("instruction", (f"PROPOSE {_pounds(fee)}",))
    return None


def _agree(words: str, *, asked: Decimal | None, **_: object) -> Meant | None:
    """An agreement, naming no amount or only the home's own latest ask ("We're happy to
    accept their fee of £4,600." when it asked £4,600)."""
    for sentence in _saying(_AGREE, words):
        if not _MONEY.search(sentence) or _accepts_ask(sentence, asked):
            return Meant("instruction", ("AGREE",))
    return None


def _accepts_ask(sentence: str, asked: Decimal | None) -> bool:
    """Whether the sentence accepts (`_ACCEPT`, not negated) amounts that are all the home's
    own latest ask; "that's fine - £4,500 from the 21st" names terms of its own."""
    amounts = [_fee(m) for m in _MONEY.findall(sentence)]
    return asked is not None and bool(amounts) and all(a == asked for a in amounts) \
        and _said(_ACCEPT, sentence) is not None


def _unmet(words: str, **_: object) -> Meant | None:
    return Meant("instruction", ("UNMET no home could meet her needs",), filled=False) \
        if _said(_UNMET, words) else None


def _ended(words: str, today: date, **_: object) -> Meant | None:
    return Meant("instruction", (f"ENDED {today:%d/%m/%Y} she moved to her aunt's",),
                 filled=False) if _said(_ENDED, words) else None


# The order they are tried in: stopping the search before closing its window ("please stop
# the search" is a withdrawal), a fee before agreeing ("agreed, offer them £4,400").
_READERS = (("WITHDRAW", _withdraw), ("CLOSE", _close), ("EXTEND", _extend),
            ("NEXT WAVE", _next_wave), ("SHORTLIST", _shortlist), ("CHOOSE", _choose),
            ("PROPOSE", _propose), ("AGREE", _agree), ("DROP", _drop), ("UNMET", _unmet),
            ("ENDED", _ended))


_AGE = re.compile(r"\b(?:she|he|they)(?:['’]s|['’]re|\s+is|\s+are)\s+(?:(?:actually|really|only|"
                  r"just|in\s+fact)\s+(\d{1,2})|(\d{1,2})\s*,?\s+not\s+\d{1,2})\b"
                  r"(?!\s*(?:weeks?|months?|stone|kg|%))|\b(?:her|his|their|the\s+child['’]s)"
                  r"\s+age\s+(?:is|should\s+be|should\s+say)\s+(\d{1,2})\b", _I)
_SURNAME = re.compile(r"\b(?:her|his|their|the\s+child['’]s)\s+(?:sur|last\s+|family\s+)name"
                      r"\s+(?:is|should\s+be|should\s+say)\s+(?:actually\s+|really\s+|now\s+|"
                      r"in\s+fact\s+)?(?:spelt\s+|spelled\s+)?((?:(?:de|da|di|do|dos|das|del|"
                      r"della|der|den|du|van|von|le|la|bin|binti|bint|ibn|ap)\s+)*(?:al-|el-)?"
                      r"([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*))", _I)
# A surname written in lower case ("de souza", "okafor") is read only where it ends her
# words or a clause, and is none of the words that follow "surname is" in a sentence about
# the name ("spelt the same as mum's", "wrong on the form")
_NAME_ENDS = re.compile(r"\s*(?:$|[,.;:!?)]|(?:not|and|sorry|please|now|too)\b)", _I)
_NOT_A_SURNAME = frozenset({
    "a", "an", "the", "same", "spelt", "spelled", "different", "wrong", "right",
    "correct", "incorrect", "not", "also", "still", "unknown", "missing", "as", "on",
    "in", "with", "like", "her", "his", "their", "my", "our", "your", "mum's", "dad's",
    "mum", "dad", "mother's", "father's", "hyphenated", "double", "double-barrelled",
    "now", "changing", "changed", "going", "being", "listed", "written", "shown",
    "misspelt", "misspelled", "unclear", "blank", "fine", "ok", "okay", "through",
    "from", "by", "to", "under", "that", "this", "what", "given", "there", "here",
    "wrongly", "just", "only", "actually", "really", "fact"})
_ANY_DAY = "dd/mm/yyyy"  # no date of birth in her words: hers to put in


def identity(words: str, child_names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The labelled lines for a change she says to who the child is, which providers never
    see but her placements team must know of: an age ("she's actually 13, not 14") wants
    the `Date of birth:` line, for her to fill in (an age alone changes no date); a surname
    ("her surname is actually Okafor-Reid") the `Child's name:` line with her first name."""
    lines = []
    if _said(_AGE, words):
        lines.append(f"Date of birth: {_ANY_DAY}")
    if (surname := _said(_SURNAME, words)) is not None and _is_surname(surname):
        lines.append(f"Child's name: {' '.join((*child_names[:1], surname[1]))}")
    return tuple(lines)


def _is_surname(found: re.Match[str]) -> bool:
    """Whether `_SURNAME` read a surname, with its particles ("de Souza", "van der Berg",
    "al-Hassan", "O'Neill"), capitalised or, where it ends a clause, in lower case."""
    name = found[2]
    if name[0].isupper():
        return True
    return name.lower() not in _NOT_A_SURNAME and bool(
        _NAME_ENDS.match(found.string, found.end()))


def corrections(words: str, today: date) -> tuple[str, ...]:
    """The labelled lines that would correct the form as her words say it changed: the
    weekly budget (a sum by the month, year, day or night made a week's, hers beside it:
    "Weekly budget: £1,292.31 (£5,600 a month)"), the day needed from, the urgency, a school
    place."""
    lines = []
    if (budget := _BUDGET.search(words)) and (fee := _fee(budget[1])):
        said = " ".join(budget[1].split())
        lines.append(f"Weekly budget: {_pounds(fee)}" + (f" ({said})" if _NOT_A_WEEK.search(said)
                                                         else ""))
    if (urgency := _URGENCY.search(words)) is not None:
        lines.append(f"Urgency: {urgency[1].lower()}")
    if (needed := _NEEDED.search(words)) and (day := _day(needed[1], today)):
        lines.append(f"Needed from: {day:%d/%m/%Y}")
    if _SCHOOL.search(words):
        lines.append("Education: needs a school place")
    return tuple(lines)


def _day(text: str, today: date) -> date | None:
    """The day at the start of `text` ("Friday please", "11/12/2026"), on or after today."""
    said = text.split()
    for end in range(len(said), 0, -1):
        phrase = " ".join(said[:end])
        for read in (spoken_date, _uk_date):
            day = read(phrase, today)
            if day is not None and day >= today:
                return day
    return None


def _uk_date(text: str, reference: date) -> date | None:
    try:
        return parse_uk_date(text, reference)
    except ValueError:
        return None


def _fee(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text)
    except ValueError:
        return None


def _pounds(fee: Decimal) -> str:
    return f"£{fee:,.2f}".removesuffix(".00")


def replies_so_far(recipients: Iterable[str], responses: Mapping[str, str]) -> tuple[int, int,
                                                                                      int]:
    """(answered, offering, sent to) of the homes the referral went to, by their answers
    (`responses`: home → decision)."""
    sent = set(recipients)
    answered = [decision for home, decision in responses.items() if home in sent]
    return len(answered), sum(1 for d in answered if d == "offer"), len(sent)
