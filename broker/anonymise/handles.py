"""Social media handles and gamer tags: `@tamsin.xoxo`, `Instagram: br00kie_xo`.

A handle finds a child as surely as a phone number does, and is usually made of her name
("br00kie_xo"). It is found three ways: after an `@` that no e-mail address's local part
stands before; after a platform or a word for an account ("Snapchat:", "her TikTok is",
"gamertag", "username", "goes by", "uses the name", "his YouTube channel", "streams on
Twitch … as"), when the word there is no ordinary English word; and
anywhere when it is shaped as only a handle is: letters joined by an underscore
("ghost_rider07"), a Discord name ("ghostyboi#4471"), a platform's address
("instagram.com/tamsin.xoxo"), a hashtag shaped as a handle is ("#kezlife"), a Riot ID
("GledReaper#EUW"). After a gamer tag, user name, friend code or a game's ID said to be
something ("Xbox gamertag is Toxic Reaper 2012", "Steam friend code is 884213570"), and after
"played as" a handle-shaped word, the handle is taken whole with its spaces, to the first
ordinary lower-case word, comma or full stop. A platform
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
# A Riot ID or a like name with its tag after a hash ("GledReaper#EUW", "kez#EUW1"): a word, a
# hash and two to five capitals or digits, then no more word.
_TAGGED = re.compile(r"(?<![\w.@/#])[A-Za-z0-9_.]{2,32}#[A-Z0-9]{2,5}(?![\w#])")
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
    r"cash\.app|revolut\.me|ko-fi\.com|open\.spotify\.com|soundcloud\.com|"
    # and link-in-bio and anonymous-question pages: "ngl.link/…", "beacons.ai/…", "lnk.bio/…"
    r"ngl\.link|beacons\.ai|lnk\.bio|tellonym\.me|linkin\.bio|bio\.link|solo\.to|carrd\.co"
    r"|msha\.ke|wizz\.chat|sendit\.app)"
    r"/[^\s<>\"'()\[\]]{0,300}"
    r"[^\s<>\"'()\[\].,;:!?]",
    re.IGNORECASE)
_A_PLATFORMS_ADDRESS = re.compile(
    r"\.(?:com|am|me|tv|be|ee|net|gg|app|al|uk|link|ai|bio|to|co|ke|chat)/")  # a cheap look
_PLATFORMS = (r"instagram|insta|ig|snapchat|snap|sc|tiktok|tik\s?tok|twitter|facebook|fb|"
              r"discord|xbox|psn|playstation|kik|telegram|whatsapp|roblox|fortnite|steam|"
              r"youtube|twitch|threads|bereal|yubo|wizz|reddit|tumblr|pinterest|onlyfans|"
              r"minecraft|signal|vinted|depop|etsy")
_ACCOUNT = (r"gamer\s?tag|user\s?name|handle|screen\s?name|account|profile|id|name|tag"
            r"|channel")  # "his YouTube channel JordyPlaysFIFA"
_CUE = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_PLATFORMS})(?:\s+(?:{_ACCOUNT}))?|gamer\s?tag|user\s?name|"
    r"screen\s?name|handle|goes\s+by|posts\s+as|known\s+online\s+as"
    # "Streams on Twitch most nights as Jordanator": a streamer's name, a few words on
    r"|(?:streams|streamed|streaming|vlogs|uploads|posts)(?![^\W\d_])[^.!?\n;]{0,40}?[ \t]as"
    r"|(?:uses|used|using|under|by)\s+the\s+name"  # "one of them uses the name T0xicTrapz"
    r"|seller|buyer|shop\s+name)"  # "a parcel from the seller 'lashesbyleah'"
    r"(?![^\W\d_])\s*(?:[:=(|\-]\s*|(?:(?:she|he|they)(?:\s+|['’]))?(?:is|was|s|reads|of|called|named|as)\s+)?"
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
# A gamer tag, a user name, a friend code or a game's ID said to be something: "Xbox gamertag
# is Toxic Reaper 2012", "Steam friend code is 884213570", "Riot ID: GledReaper#EUW". What
# such a cue names is a handle whole, spaces and all, so its words are read one by one
# (`_spaced_value`) to the first ordinary lower-case word, a comma or the sentence's end.
_SPACED_CUE = re.compile(
    rf"(?<![^\W\d_])(?:gamer[ \t]?tag|user[ \t]?name|screen[ \t]?name|friend[ \t]?code|"
    rf"(?:{_PLATFORMS}|riot|epic|valorant|nintendo|switch|psn|online)[ \t](?:id|tag))"
    r"(?![^\W\d_])(?:[ \t]{0,3}[:=][ \t]{0,3}|[ \t](?:is|was)[ \t])['\"‘“]?@?",
    re.IGNORECASE)
# "The adult played as NightOwl Gaming 69": a weaker cue, so its first word must be shaped as
# a handle is (`is_a_handle`); "played as a striker" stays.
_PLAYED_AS = re.compile(r"(?<![^\W\d_])play(?:s|ed|ing)?[ \t]as[ \t]", re.IGNORECASE)
# One word of a handle with spaces: letters, digits and the marks handles hold, dots only
# inside ("kezza.b", not the full stop of "2012.").
_HANDLE_WORD = re.compile(r"[ \t]?([A-Za-z0-9_#][\w#\-]{0,31}(?:\.[\w#\-]{1,31}){0,3})")
_HANDLE_WORDS = 5  # "NightOwl Gaming 69"; a handle is rarely longer
# What a form's field holds when there is no handle: "Username: Not known", "Gamertag: None".
_NO_HANDLE = frozenset({"not", "none", "unknown", "n/a", "nil", "tbc", "tbd", "same", "no"})
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
    for match in _TAGGED.finditer(text) if "#" in text else ():
        if any(ch.isalpha() for ch in match.group().partition("#")[0]):
            yield Span(match.start(), match.end(), HANDLE, None)
    for cue in _SPACED_CUE.finditer(text):
        end = _spaced_value(text, cue.end(), first_shaped=False)
        if end > cue.end():
            yield Span(cue.end(), end, HANDLE, None)
    for cue in _PLAYED_AS.finditer(text):
        end = _spaced_value(text, cue.end(), first_shaped=True)
        if end > cue.end():
            yield Span(cue.end(), end, HANDLE, None)
    for match in _PROFILE_ADDRESS.finditer(text) if _A_PLATFORMS_ADDRESS.search(text) else ():
        yield Span(match.start(), match.end(), HANDLE, None)
    for match in _AT_HANDLE.finditer(text):
        if is_a_handle(match.group()[1:]) or not match.group()[1:].isalpha():
            yield Span(match.start(), match.end(), HANDLE, None)  # not "@school", "@home"
    for match in _CASHTAG.finditer(text) if "$" in text else ():
        tag = match.group()[1:]  # "$TankNB4", "$reece_c"; not "$USD"
        if _handle_shaped(tag) or (not tag.isupper() and is_a_handle(tag)):
            yield Span(match.start(), match.end(), HANDLE, None)
    for match in _HASHTAG.finditer(text) if "#" in text else ():
        if is_a_handle(match.group()[1:]):  # "#kezlife", "#brookiebaby"; not "#proud"
            yield Span(match.start(), match.end(), HANDLE, None)
    for match in _UNDERSCORED.finditer(text):
        if not _FILE_NAME.search(match.group()) and not _a_systems_code(match.group()) and not (
                _REST_OF_A_FILE_NAME.match(text, match.end()) or _A_KEY.match(text, match.end())):
            yield Span(match.start(), match.end(), HANDLE, None)
    for cue in _CUE.finditer(text):
        value = _VALUE.match(text, cue.end())
        if value is not None and is_a_handle(value.group().rstrip(".")):
            end = value.start() + len(value.group().rstrip("."))
            yield Span(value.start(), end, HANDLE, None)
    for cue in _ACCOUNT_CUE.finditer(text):
        value = _VALUE.match(text, cue.end())
        if value is None:
            continue
        word = value.group().rstrip(".")
        if _handle_shaped(word) or (cue.group("called") and is_a_handle(word)):
            yield Span(value.start(), value.start() + len(word), HANDLE, None)


def handle_starts(text: str) -> Iterator[int]:
    """Where a handle would begin after a cue that says one follows (a platform, "gamer tag
    is", "channel", "played as", "streams … as"), whatever the word there: what
    run_together.py reads for a name inside a plain word ("as Jordanator")."""
    for pattern in (_CUE, _SPACED_CUE, _PLAYED_AS):
        for cue in pattern.finditer(text):
            yield cue.end()


def _spaced_value(text: str, start: int, *, first_shaped: bool) -> int:
    """Where a handle with spaces that begins at `start` ends (`start`: none there): its words
    up to the first ordinary lower-case word ("and", "on"), a comma or a full stop, at most
    `_HANDLE_WORDS` of them. With `first_shaped`, the first word must be shaped as a handle."""
    end = start
    for count in range(_HANDLE_WORDS):
        word = _HANDLE_WORD.match(text, end) if count == 0 or text[end:end + 1] in " \t" else None
        if word is None or (count == 0 and word.start(1) != start):
            break
        value = word.group(1)
        if value.islower() and lexicon.is_ordinary(value):
            break  # "… 884213570 and his", "played as a striker"
        if count == 0 and (value.casefold() in _NO_HANDLE
                           or (first_shaped and not is_a_handle(value))):
            break
        end = word.end()
    return end


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


def is_a_handle(word: str) -> bool:
    """A word no prose would use: digits or an underscore or a dot inside, capitals inside
    lower case ("xXShadowXx"), or in lower case and in no English word list ("tamsinxoxo")."""
    if len(word) < 3 or not any(ch.isalpha() for ch in word):  # "Xbox 360" is a console
        return False
    if any(ch.isdigit() or ch in "_." for ch in word) or any(ch.isupper() for ch in word[1:]):
        return True
    return word.islower() and lexicon.zipf(word) < _RARE and not _ACCOUNT_WORD.fullmatch(word)
