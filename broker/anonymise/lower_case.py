"""Names in a passage written all in lower case: a child's own words, a message she typed.

A child writes "me and kacey and tay-tay went to the rec then marcus and his mate smudge …
took us to shannons … deano gave us vodka", or "her and gaz argue every nite … nanna jean
says … my mate lexi said". Prose in lower case capitalises no name, so the searches for
capitalised names see none there, and a name the referral gives elsewhere ("Marcus Devlin")
is searched for where it is capitalised only (a friend called Will takes no "will" with him).

A passage is in lower case when a line holds a stretch of forty characters or more with no
capital letter, and the stretch says it was typed so: the pronoun "i" stands in it, or it
opens with a quote mark and a lower-case letter. In such a passage:
- a name the referral gives elsewhere is a name in lower case too ("marcus" beside "Marcus
  Devlin"), unless it is as common as a word ("mark");
- a word is a name where the child's words say it is a person: "me and kacey and tay-tay",
  "her and gaz", "marcus and his mate", "deano gave us", "tommo will drive us", "is tyler
  there", "wheres kacey", "my mate lexi", "nanna jean", "took us to shannons" (a person's
  house: a first name and an "s").
  The word must be no common English word ("me and mum", "went to the rec" stay) and no
  word of text-speak ("me and bruv").
A chat exported with a time after each sender ("• Hunter 23:03: grace n joy r here", two
lines or more) makes each message typed in lower case such a passage, the sender not; so does
a chat typed in lower case with no quote marks, two senders' lines or more that are names
("rubes: dont tell dad im at jades", "dev: ur 15 ruby come home"), the sender with it.
A chat typed out with each message's sender before a colon ('"jay: where u at"') names its
sender, and each message is such a passage however short; so does a chat pasted with a
stamp before each sender, "[12/11/2026, 23:41] deano: u out", "12/11/2026, 23:41 - kayleigh
r: babe", "[23:41] deano: …" (two lines or more), every word of its sender no common word.
In a message in quotes or a chat's line, a name the referral gives elsewhere goes in lower
case however common a name it is ("steve is scaring me" beside "Steve"), if it is no
common English word; so it does in the child's words quoted inside a sentence however short
('wants to go "anywhere trevell cant find me"' beside a police log's "TREVELL O'CONNOR").
Each found becomes an introduced name, so its every mention goes. Every pattern is one pass
with bounded repetitions: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from broker.anonymise import lexicon
from broker.anonymise.terms import tokens_of

# A stretch of a line with no capital letter (of the Latin alphabet, accented too).
_NO_CAPITALS = re.compile(r"[^A-ZÀ-ÖØ-Þ\n]{40,}")
_I = re.compile(r"(?<![\w'’(])i(?=[ \t'’]|$)(?![ \t]*\))")  # "i dont", "i'm"; not "(i)"
_OPENS_IN_LOWER_CASE = re.compile(r"['\"‘“][a-z]")
_X = r"(?P<name>[a-z]{3,15}(?:-[a-z]{2,15})?)(?![\w'’\-])"
_AND_NEXT = re.compile(rf"[ \t]*(?:,[ \t]*|[ \t]+and[ \t]+){_X}")
# "me and kacey", "her and gaz": a person beside the writer.
_BESIDE = re.compile(rf"(?<![\w’])(?:me|her|him|us)[ \t]+and[ \t]+{_X}")
# "marcus and his mate", "deano gave us", "tommo will drive us", "kacey said": a person doing
# something.
_DOES = re.compile(rf"(?<![\w'’\-]){_X}[ \t]+(?:and[ \t]+(?:his|her)[ \t]+(?:mate|mates|m8|pal|"
                   r"cousin|bro|brother|sister|girlfriend|boyfriend)"
                   r"|(?:(?:will|gonna|can|is[ \t]+gonna)[ \t]+)?(?:gave|give|gives|took|take|"
                   r"takes|bought|buys|drive|drives|drove|pick|picks|picked|collect|collects|"
                   r"collected|fetch|fetches|fetched|meet|meets|met)[ \t]+(?:us|me)"
                   r"|(?:said|says|sed|told[ \t]+(?:me|us)))(?![\w'’])")
# "is tyler there", "wheres kacey", "is jay with u": a person asked after.
_ASKED_AFTER = re.compile(rf"(?<![\w'’])(?:is|was|wheres|where['’]s|where[ \t]+is|hows|how['’]s)"
                          rf"[ \t]+{_X}(?:[ \t]+(?:there|here|with|coming|out|about|around)"
                          r"(?![\w'’])|[ \t]*(?:\?|$))")
# "my mate lexi", "nanna jean": a relation's word, then the name.
_KIN = re.compile(rf"(?<![\w'’])(?:(?:my|his|her|our)[ \t]+(?:mate|m8|pal|bestie|bezzie|"
                  r"best[ \t]+mate|best[ \t]+friend|friend|cousin|boyfriend|girlfriend|bf|gf)"
                  r"|nanna|nana|nan|nanny|gran|granny|grandma|grandad|auntie|aunty|aunt|uncle)"
                  rf"[ \t]+{_X}")
# A chat typed out line by line, each message opening with its sender in lower case:
# '"jay: where u at"'. The sender is a person, and the message's line is a lower-case passage.
_SENDER = re.compile(r"^[ \t]*[\"“'‘](?P<name>[a-z]{3,15}):[ \t](?P<message>[^\n]*)", re.MULTILINE)
# A chat pasted with a stamp before each sender, WhatsApp's or a time's: "[12/11/2026, 23:41]
# deano: u out", "12/11/2026, 23:41:05 - kayleigh r: babe", "[23:41] deano: come out".
_STAMPED = re.compile(
    r"^[ \t>]*(?:\[\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?\]"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]+[-\u2013\u2014]"
    r"|\[\d{1,2}[:.]\d{2}(?::\d{2})?\])[ \t]*(?P<name>[a-z][a-z \t]{1,30}?)[ \t]*:[ \t]"
    r"(?P<message>[^\n]*)", re.MULTILINE)
_A_CHAT = 2
# A chat typed out in lower case with no quote marks, each message after its sender and a
# colon: "rubes: dont tell dad im at jades" over "dev: ur 15 ruby come home". Two lines or
# more whose senders are names make the chat ("note: see above" is none).
_BARE_SENDER = re.compile(r"^[ \t>\-•*·]*(?P<name>[a-z]{2,20})[ \t]*:[ \t]+(?P<message>[^\n]+)",
                          re.MULTILINE)
_WRITERS = frozenset({"me", "mum", "mam", "mom", "dad", "nan", "nana", "nanna", "sis", "bro"})
# A chat exported with a time after each sender: "• Hunter 23:03: grace n joy r here", "Sky
# 22:11: at the park", "Kobi [22:11]: ye" (two lines or more); a message typed in lower case
# is such a passage.
_TIMED = re.compile(
    r"^[ \t>\-•*·]*(?:\d{1,2}[.)][ \t]+)?[^\W\d_][\w'’\-]{0,30}(?:[ \t]+[^\W\d_][\w'’\-.]{0,30})?"
    r"[ \t]+[\[(]?\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?[\])]?[ \t]*:[ \t]+"
    r"(?P<message>[a-z][^\n]*)", re.MULTILINE)
# A line that is a message in quotes, in lower case: '"im at chelsea's house dont tell steve"'.
_QUOTED_LINE = re.compile(r"^[ \t>\-•*]*[\"“'‘]([a-z][^A-ZÀ-ÖØ-Þ\n]*)$", re.MULTILINE)
# The child's words quoted inside a sentence, in lower case however short: 'wants to "see ayo
# every sunday"', "asked 'can jax come with me'". A single quote opens after no letter and
# closes before none, so "can't" is no quote.
_QUOTED_WORDS = re.compile(
    r"[\"“](?P<double>[a-z][^A-ZÀ-ÖØ-Þ\"“”\n]{1,160}?)[\"”]"
    r"|(?<![\w'’])['‘](?P<single>[a-z][^A-ZÀ-ÖØ-Þ'‘’\n]{1,160}?)['’](?![\w'’])")
# "took us to shannons": a person's house, named by her and an "s".
_HOUSE = re.compile(r"(?<![\w'’])(?:to|at|round|from)[ \t]+(?P<name>[a-z]{3,15})s(?![\w'’\-])")
_TEXT_SPEAK_LIST = """
    bruv bro fam hun babe bae innit lol omg tbh idk ngl m8 wiv skl nite gonna wanna gotta cuz
    coz bcos init mate mates pal everyone someone somebody anyone nobody"""
_TEXT_SPEAK = frozenset(_TEXT_SPEAK_LIST.split())
_RELATION_LIST = """
    mum mam mom dad nan nana nanna gran grandma grandad aunt auntie aunty uncle cousin sister
    brother bro sis mate friend"""
_RELATIONS = frozenset(_RELATION_LIST.split())
_A_WORD_OF_EVERY_SENTENCE = 5.0  # Zipf: "said" (6.0), "will"; "jean" (4.4) is a name here
_AS_COMMON_AS_A_WORD = lexicon.WORDY  # "mark" (5.0) stays a word; "marcus" (4.1) does not


def lower_case_names(texts: Iterable[str], known: Iterable[str]) -> list[str]:
    """The names in the texts' lower-case passages: those the referral gives elsewhere, as
    written there in lower case, and those the child's words say are people."""
    known_words = {token.casefold() for name in known for token in tokens_of(name)
                   if len(token) >= 3 and token[:1].isupper() and _a_persons_word(token)}
    candidates = {word for word in known_words
                  if _a_name(word) and lexicon.zipf(word) < _AS_COMMON_AS_A_WORD}
    found: list[str] = []
    for text in texts:
        chat = list(_SENDER.finditer(text))
        stamped = list(_STAMPED.finditer(text))
        chat += stamped if len(stamped) >= _A_CHAT else []
        chat += _bare_chat(text)
        timed = _timed_messages(text)
        for sender in chat:
            found.extend(word for word in sender.group("name").split()
                         if len(word) >= 3 and _a_name(word))  # "kayleigh" of "kayleigh r"
        for passage in _passages(text):
            found.extend(word for word in re.findall(r"[a-z]+", passage) if word in candidates)
            found.extend(_cued(passage))
        for passage in [*_quoted_passages(text), *(m.group("message") for m in chat),
                        *(m.group("message") for m in timed)]:
            found.extend(word for word in re.findall(r"[a-z]+", passage) if word in known_words)
            found.extend(_cued(passage))
    return list(dict.fromkeys(found))


def lower_case_stretches(text: str) -> Iterator[tuple[int, int]]:
    """Where the text is in lower case as a child or a chat types it, as (start, end): each
    lower-case passage, each line in quotes with no capital, and each chat's line, its sender
    with it."""
    for match in _NO_CAPITALS.finditer(text):
        if _I.search(match.group()) or _OPENS_IN_LOWER_CASE.match(
                text, max(0, match.start() - 1)) or _OPENS_IN_LOWER_CASE.match(match.group()):
            yield match.span()
    for match in _QUOTED_LINE.finditer(text):
        yield match.span(1)
    stamped = list(_STAMPED.finditer(text))
    for match in [*_SENDER.finditer(text), *(stamped if len(stamped) >= _A_CHAT else []),
                  *_bare_chat(text)]:
        yield match.span()
    for match in _timed_messages(text):
        yield match.span("message")


def _bare_chat(text: str) -> list[re.Match[str]]:
    """A lower-case chat's lines with no quote marks, where two senders or more are names
    ("rubes:", "dev:"); the writer's own ("me:") and a relative's ("mum:") lines with them."""
    lines = list(_BARE_SENDER.finditer(text)) if ":" in text else []
    named = [line for line in lines if _a_name(line.group("name"), strict=True)]
    if len(named) < _A_CHAT:
        return []
    return [line for line in lines if line in named or line.group("name") in _WRITERS]


def _timed_messages(text: str) -> list[re.Match[str]]:
    """A chat's lines with a time after each sender, their messages in lower case: two or more
    make the chat ("• Hunter 23:03: grace n joy r here")."""
    timed = list(_TIMED.finditer(text)) if ":" in text else []
    return timed if len(timed) >= _A_CHAT else []


def quoted_words(text: str) -> Iterator[tuple[int, int]]:
    """Where the child's words stand in quotes inside a sentence, in lower case however short,
    as (start, end): 'wants to "see ayo every sunday"'."""
    for match in _QUOTED_WORDS.finditer(text):
        yield match.span("double") if match.group("double") is not None else match.span("single")


def _quoted_passages(text: str) -> Iterator[str]:
    """The lower-case passages that open with a quote mark, the lines in quotes with no
    capital however short, and the child's words quoted inside a sentence: a message the
    child typed ('"im at chelsea's house"'), 'wants to go "anywhere trevell cant find me"'."""
    yield from _QUOTED_LINE.findall(text)
    for start, end in quoted_words(text):
        yield text[start:end]
    for match in _NO_CAPITALS.finditer(text):
        if _OPENS_IN_LOWER_CASE.match(text, max(0, match.start() - 1)) or (
                _OPENS_IN_LOWER_CASE.match(match.group())):
            yield match.group()


def _passages(text: str) -> Iterator[str]:
    for match in _NO_CAPITALS.finditer(text):
        passage = match.group()
        if _I.search(passage) or _OPENS_IN_LOWER_CASE.match(
                text, max(0, match.start() - 1)) or _OPENS_IN_LOWER_CASE.match(passage):
            yield passage


def _cued(passage: str) -> Iterator[str]:
    for match in _BESIDE.finditer(passage):
        if _a_name(match.group("name"), strict=True):
            yield match.group("name")
            yield from _listed(passage, match.end())
    for match in _DOES.finditer(passage):
        if _a_name(match.group("name"), strict=True):
            yield match.group("name")
    for match in _ASKED_AFTER.finditer(passage):
        if _a_name(match.group("name"), strict=True):
            yield match.group("name")
    for match in _KIN.finditer(passage):
        if _a_name(match.group("name")):
            yield match.group("name")
    for match in _HOUSE.finditer(passage):
        if lexicon.is_first_name(name := match.group("name")) and _a_name(name):
            yield f"{name}s"  # "shannons" goes whole: "[person]", not "[person]s"


def _listed(passage: str, at: int) -> Iterator[str]:
    """The names after one beside the writer: "me and kacey and tay-tay"."""
    for _ in range(5):  # a few friends at most
        match = _AND_NEXT.match(passage, at)
        if match is None or not _a_name(match.group("name"), strict=True):
            return
        yield match.group("name")
        at = match.end()


def _a_name(word: str, *, strict: bool = False) -> bool:
    """No common English word, relation or text-speak; where the cue is weaker (`strict`),
    a listed name or a word no list has ("kacey", "tay-tay"), not a middling one ("vodka")."""
    folded = word.casefold()
    if folded in _TEXT_SPEAK or folded in _RELATIONS or lexicon.is_known_non_person(word):
        return False
    kind = lexicon.kind(word)
    if lexicon.zipf(word) >= _A_WORD_OF_EVERY_SENTENCE:
        return False  # "my mate said": "Said" is a name, "said" a word first
    return kind in ("name", "rare") if strict else kind != "word"


def _a_persons_word(word: str) -> bool:
    """A word of a name the referral gives that is no common English word, relation or
    text-speak: "Steve", and "Chelsea" of "Chelsea Wardle" though a place is called so."""
    folded = word.casefold()
    return folded not in _TEXT_SPEAK and folded not in _RELATIONS and (
        lexicon.kind(word) != "word") and lexicon.zipf(word) < _A_WORD_OF_EVERY_SENTENCE


def merged(stretches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches, overlapping ones joined, in order: one look-up per word, not a walk."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(stretches):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined
