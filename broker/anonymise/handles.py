"""Social media handles and gamer tags: `@tamsin.xoxo`, `Instagram: br00kie_xo`.

A handle finds a child as surely as a phone number does, and is usually made of her name
("br00kie_xo"). It is found three ways: after an `@` that no e-mail address's local part
stands before; after a platform or a word for an account ("Snapchat:", "her TikTok is",
"gamertag", "username", "goes by"), when the word there is no ordinary English word; and
anywhere when it is shaped as only a handle is: letters joined by an underscore
("ghost_rider07"), a Discord name ("ghostyboi#4471"), a platform's address
("instagram.com/tamsin.xoxo"), a hashtag shaped as a handle is ("#kezlife"). A platform
named without one ("she uses Snapchat a lot"), an "@" before an English word ("@school"), a
file name and a case system's code ("CLOSED_NFA") stay.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from broker.anonymise import lexicon
from broker.anonymise.labels import HANDLE
from broker.anonymise.spans import Span

_HANDLE = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
_AT_HANDLE = re.compile(rf"(?<![\w.@/])@{_HANDLE}(?![\w@])")
# A hashtag made of a name ("#kezlife"): as telling as a handle, in the same shapes.
_HASHTAG = re.compile(r"(?<![\w&#/])#[A-Za-z][A-Za-z0-9_]{2,40}(?![\w#])")
# A word with an underscore and a letter in it ("ghost_rider07", "__d3mi__"), tried only where
# a word starts, so each lookahead reads one word.
_UNDERSCORED = re.compile(
    r"(?<![\w.@/])(?=[\w.]*_)(?=[\w.]*[A-Za-z])[A-Za-z0-9_.]*[A-Za-z0-9_](?![\w@])")
# A Cash App tag ("$TankNB4"), shaped as a handle is (so "$100" and "$USD" stay).
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_]{2,20}(?![\w$])")
# A Discord name ("ghostyboi#4471"), and a handle in a platform's address without its scheme.
_DISCORD = re.compile(r"(?<![\w.@/#])[A-Za-z0-9_.]{2,32}#\d{4}(?!\d)")
# A link to a person on a platform, whole: its path holds the handle, an id or a phone number
# ("instagram.com/stories/tamsin.xoxo", "facebook.com/profile.php?id=1000…", "wa.me/4477…").
_PROFILE_ADDRESS = re.compile(
    r"(?:(?<=//)|(?<![\w.@/]))(?:www\.|m\.|vm\.|web\.)?(?:(?:instagram|tiktok|snapchat|facebook|"
    r"twitter|x|twitch|youtube|roblox|discord|threads|pinterest|tumblr|reddit|onlyfans|kik|"
    r"yubo|steamcommunity)\.com|instagr\.am|fb\.(?:com|me)|twitch\.tv|youtu\.be|linktr\.ee|"
    r"threads\.net|discord\.gg|wa\.me|chat\.whatsapp\.com|t\.me|snapchat\.com|bsky\.app|"
    # and where a child shops, sells or is paid: "pinterest.co.uk/immy_sow", "bere.al/immysow",
    # "vinted.co.uk/member/88120345-immysow", "monzo.me/reececarr", "cash.app/$tank"
    r"pinterest\.co\.uk|bere\.al|(?:vinted|depop|ebay)\.(?:com|co\.uk)|monzo\.me|paypal\.me|"
    r"cash\.app|revolut\.me|ko-fi\.com|open\.spotify\.com|soundcloud\.com)"
    r"/[^\s<>\"'()\[\]]{0,300}"
    r"[^\s<>\"'()\[\].,;:!?]",
    re.IGNORECASE)
_A_PLATFORMS_ADDRESS = re.compile(r"\.(?:com|am|me|tv|be|ee|net|gg|app|al|uk)/")  # a cheap look
_PLATFORMS = (r"instagram|insta|ig|snapchat|snap|sc|tiktok|tik\s?tok|twitter|facebook|fb|"
              r"discord|xbox|psn|playstation|kik|telegram|whatsapp|roblox|fortnite|steam|"
              r"youtube|twitch|threads|bereal|yubo|wizz|reddit|tumblr|pinterest|onlyfans|"
              r"minecraft|signal")
_ACCOUNT = r"gamer\s?tag|user\s?name|handle|screen\s?name|account|profile|id|name|tag"
_CUE = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_PLATFORMS})(?:\s+(?:{_ACCOUNT}))?|gamer\s?tag|user\s?name|"
    r"screen\s?name|handle|goes\s+by|posts\s+as|known\s+online\s+as)"
    r"(?![^\W\d_])\s*(?:[:=(\-]\s*|(?:(?:she|he|they)(?:\s+|['’]))?(?:is|was|s|reads|of|called|named|as)\s+)?"
    r"['\"‘“]?(?:@)?", re.IGNORECASE)  # "on sc she is kezb2011", "handle is 'kezza.b'"
# A handle named by the word for an account, without a platform: "using the account
# dan.the.man.88", "'finsta' account, k3nz.alt", "🔒 priv: kenzzz.priv", "an account called
# realkingzbg", "a contact called jaydon.mcx". The cue is weaker than a platform's, so what
# follows it must be shaped as only a handle is (`_handle_shaped`), or, after "account
# called" or "account named", be a word no word list has.
_ACCOUNT_CUE = re.compile(
    r"(?<![^\W\d_])(?:(?P<account>account|finsta|priv)(?:[ \t]+(?P<called>called|named))?"
    r"|called|named)(?![^\W\d_])[ \t]{0,3}[:,]?[ \t]{0,3}['\"‘“]?@?", re.IGNORECASE)
_VALUE = re.compile(rf"{_HANDLE}(?![\w@])")
_ACCOUNT_WORD = re.compile(_ACCOUNT, re.IGNORECASE)
_RARE = 2.0  # Zipf: rarer than any word a sentence about an app would use ("reels" is 3.1)
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|pptx?|odt|rtf|txt|csv|msg|eml|zip|jpe?g|png|gif|"
                        r"heic|mp4|mov)$", re.IGNORECASE)  # "vanderberg_notes.docx" is a file
# The rest of a file's name after a word with an underscore: "Screenshot_20261103" of
# "Screenshot_20261103-221500_Snapchat.jpg"; and a record's key ("address_line1": …).
_REST_OF_A_FILE_NAME = re.compile(r"[\w\-]{0,60}\.(?:docx?|pdf|xlsx?|pptx?|odt|rtf|txt|csv|msg|eml|"
                                  r"zip|jpe?g|png|gif|heic|mp4|mov)(?!\w|\.\w)", re.IGNORECASE)
_A_KEY = re.compile(r"[\"']?[ \t]{0,3}:")
_SEGMENT = re.compile(r"[^_.]+")
_VERSION = re.compile(r"v\d{1,3}", re.IGNORECASE)
_ACRONYM = 5  # "NFA", "CIN": capitals this short in a system's code


def find_handles(text: str) -> Iterator[Span]:
    for match in _DISCORD.finditer(text) if "#" in text else ():
        yield Span(match.start(), match.end(), HANDLE, None)
    for match in _PROFILE_ADDRESS.finditer(text) if _A_PLATFORMS_ADDRESS.search(text) else ():
        yield Span(match.start(), match.end(), HANDLE, None)
    for match in _AT_HANDLE.finditer(text):
        if _is_a_handle(match.group()[1:]) or not match.group()[1:].isalpha():
            yield Span(match.start(), match.end(), HANDLE, None)  # not "@school", "@home"
    for match in _CASHTAG.finditer(text) if "$" in text else ():
        tag = match.group()[1:]  # "$TankNB4", "$reece_c"; not "$USD"
        if _handle_shaped(tag) or (not tag.isupper() and _is_a_handle(tag)):
            yield Span(match.start(), match.end(), HANDLE, None)
    for match in _HASHTAG.finditer(text) if "#" in text else ():
        if _is_a_handle(match.group()[1:]):  # "#kezlife", "#brookiebaby"; not "#proud"
            yield Span(match.start(), match.end(), HANDLE, None)
    for match in _UNDERSCORED.finditer(text):
        if not _FILE_NAME.search(match.group()) and not _a_systems_code(match.group()) and not (
                _REST_OF_A_FILE_NAME.match(text, match.end()) or _A_KEY.match(text, match.end())):
            yield Span(match.start(), match.end(), HANDLE, None)
    for cue in _CUE.finditer(text):
        value = _VALUE.match(text, cue.end())
        if value is not None and _is_a_handle(value.group().rstrip(".")):
            end = value.start() + len(value.group().rstrip("."))
            yield Span(value.start(), end, HANDLE, None)
    for cue in _ACCOUNT_CUE.finditer(text):
        value = _VALUE.match(text, cue.end())
        if value is None:
            continue
        word = value.group().rstrip(".")
        if _handle_shaped(word) or (cue.group("called") and _is_a_handle(word)):
            yield Span(value.start(), value.start() + len(word), HANDLE, None)


def _handle_shaped(word: str) -> bool:
    """A word with a letter and a digit or an underscore in it ("k3nz.alt"), or words joined
    by dots one of which no word list has ("kenzzz.priv"; not "back.he", a missed space)."""
    if not any(ch.isalpha() for ch in word):
        return False  # "called 999"
    if any(ch.isdigit() or ch == "_" for ch in word):
        return True
    parts = word.split(".")
    return len(parts) > 1 and any(part and not lexicon.is_ordinary(part) for part in parts)


def _a_systems_code(word: str) -> bool:
    """A case system's status or field code ("CLOSED_NFA", "CIN_Plan_v3"): every part an
    English word, an acronym or a version; a handle has a part that is none ("ghost_rider07")."""
    return all(lexicon.is_ordinary(part.rstrip(string.digits) or part) or _VERSION.fullmatch(part)
               or (part.isupper() and part.isalpha() and len(part) <= _ACRONYM)
               for part in _SEGMENT.findall(word.strip("_")))


def _is_a_handle(word: str) -> bool:
    """A word no prose would use: digits or an underscore or a dot inside, capitals inside
    lower case ("xXShadowXx"), or in lower case and in no English word list ("tamsinxoxo")."""
    if len(word) < 3 or not any(ch.isalpha() for ch in word):  # "Xbox 360" is a console
        return False
    if any(ch.isdigit() or ch in "_." for ch in word) or any(ch.isupper() for ch in word[1:]):
        return True
    return word.islower() and lexicon.zipf(word) < _RARE and not _ACCOUNT_WORD.fullmatch(word)
