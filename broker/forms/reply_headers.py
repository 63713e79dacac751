"""Where quoted history starts in a reply: the header a mail client writes above the quote.

Recognised, in any position: `On … wrote:` (Gmail, Apple Mail, Thunderbird, and the same in
other languages), Notes' `… wrote on <date>:` and `-----Name <address> wrote: -----`, Zoho's
`---- On … wrote ----`, GroupWise's `>>> Name <address> 01/12/2026 10:00 >>>`, the classic Notes
block (sender, date, then bare `To` … `Subject` lines), Outlook's `From: … Sent: … To: …` block in
English, Welsh, German, French, Spanish, Dutch, Italian, Portuguese, Polish and the Nordic
languages, `-----Original Message-----` in those languages, a `CUT` an HTML reader placed, and
the service's own referral or reminder pasted below the reply with no header at all (its
"Dear <home> placements team," greeting).
The mail-parser-reply package adds its own patterns for the head of the message.

`quoted_block_end` tells a `>` quote (after which the writer may go on typing: a bottom-posted
or inline reply) from a header above unprefixed history, which runs to the end of the message.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from broker.forms.items import CUT, Item, Row

# mail-parser-reply's patterns backtrack on long lines, so it sees a bounded head of the text.
_PACKAGE_LINES, _PACKAGE_LINE_CHARS = 400, 160
# Its languages whose Outlook patterns need two header lines in a row; its Italian one takes a
# bare "A:" line and its Polish one a single "Data:" line, which a provider's own text can hold.
_PACKAGE_LANGUAGES = ["en", "de", "fr", "es", "nl"]

QUOTED = re.compile(r"^\s*>")
_BLANK = re.compile(r"^\s*$")
_ORIGINAL = (
    r"original\s+message|forwarded\s+message|ursprüngliche\s+nachricht|originalnachricht|"
    r"message\s+d'origine|message\s+original|mensaje\s+original|oorspronkelijk\s+bericht|"
    r"origineel\s+bericht|messaggio\s+originale|mensagem\s+original|wiadomość\s+oryginalna|"
    r"oryginalna\s+wiadomość|neges\s+wreiddiol|oprindelig\s+meddelelse|opprinnelig\s+melding|"
    r"ursprungligt\s+meddelande"
)
_SEPARATOR_HEADER = re.compile(
    rf"^\s*(?:-{{2,}}\s*(?:{_ORIGINAL})\s*-{{2,}}|begin forwarded message:"
    r"|-{5,}\s*reply message\s*-{5,}"
    # A help desk's marker over the ticket's history: "##- Please type your reply above this
    # line -##", "-- Reply above this line --"; the comments below it are older.
    r"|(?:[#\-=*_]{1,12}\s*)?(?:please\s+)?(?:(?:type|write|enter|add)\s+)?(?:your\s+)?"
    r"(?:reply|response|comments?)\s+above\s+this\s+line\b(?:\s*[.#\-=*_]{1,12})?)\s*$",
    re.IGNORECASE,
)
_WROTE = re.compile(r"\bwrote\s*:\s*$", re.IGNORECASE)
_ON = re.compile(r"^\s*on\s", re.IGNORECASE)
# Other clients' attributions: Notes' "A <a@b> wrote on 02/12/2026 09:15:", and Gmail or Apple
# Mail set to another language ("Le … a écrit :", "Am … schrieb …:"). Each carries an address
# or a date, so a sentence such as "As my manager wrote:" is not one.
_ATTRIBUTION = re.compile(
    r"(?:\bwrote\b[^\n]{0,40}|\ba\s+écrit|\bschrieb\b[^\n]{0,40}|\bescribió|"
    r"\bha\s+scritto|\bschreef|\bnapisał(?:\(a\))?|\bescreveu|\bskrev|\bkirjoitti)\s*:\s*$",
    re.IGNORECASE,
)
_ADDRESS_OR_DATE = re.compile(r"@|\d{1,4}[/.\-]\d{1,2}|\b\d{1,2}\s+\w{3,9}\.?\s+\d{4}\b")
# An attribution between runs of dashes: Zoho's "---- On … wrote ----" (no colon) and Notes'
# "-----Name <address> wrote: -----".
_DASHED = re.compile(r"^\s*-{2,}\s*(?P<inner>\S.{0,300}?)\s*-{2,}\s*$")
# GroupWise: ">>> Name <address> 01/12/2026 10:00 >>>", with the quote unprefixed below it.
_GROUPWISE = re.compile(r"^\s*>>>\s*\S.{0,300}?\s>>>\s*$")

# Outlook's header labels in the languages its users here are likely to have set.
_FROM_WORDS = r"from|oddi\s+wrth|von|de|van|da|od|fra|från"
_SENT_WORDS = (r"sent|date|anfonwyd|dyddiad|gesendet|datum|envoyé|enviado(?:\s+el)?|"
               r"enviada(?:\s+em)?|fecha|data|verzonden|inviato|wysłano|wysłane|sendt|skickat")
_TO_WORDS = (r"to|subject|cc|at|pwnc|an|betreff|à|a|objet|para|asunto|aan|onderwerp|oggetto|"
             r"assunto|do|temat|til|till|emne|ämne|dw|kopie")
_OUTLOOK_FROM = re.compile(rf"^\s*\*{{0,2}}(?:{_FROM_WORDS})\s*:", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(rf"^\s*\*{{0,2}}(?:{_SENT_WORDS})\s*:", re.IGNORECASE)
_OUTLOOK_TO = re.compile(rf"^\s*\*{{0,2}}(?:{_TO_WORDS})\s*:", re.IGNORECASE)
# A reply's own "From: 14/12" (when the place is free), a few lines above a real block, names
# no sender: a date or a day is never one.
_FROM_A_DAY = re.compile(r"^\s*\*{0,2}from\s*:\s*(?:\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tue|wed|thu"
                         r"|fri|sat|sun)[a-z]*\b|now\b|asap\b|today\b|tomorrow\b|immediately\b)",
                         re.IGNORECASE)
_ONE_LINE_HEADER = re.compile(
    rf"^\s*(?:{_FROM_WORDS})\s*:.{{1,300}}?\b(?:{_SENT_WORDS})\s*:.{{1,300}}?\b(?:{_TO_WORDS})\s*:",
    re.IGNORECASE,
)

# The service's own emails to a home open "Dear <home> placements team,": below the reply,
# with our referral's words after it, that is our email pasted without a header or `>`.
_OUR_GREETING = re.compile(r"^\s*dear\s+(?P<home>\S.{0,150}?)\s+placements\s+team\s*,?\s*$",
                           re.IGNORECASE)
_OUR_WORDS = re.compile(
    r"anonymised\s+referral|^\s*RESPONSE FORM\s*$|^\s*REFERRAL REF-\d|"
    r"not\s+yet\s+had\s+your\s+response\s+to\s+referral")
# Classic Notes: "Name <address>" (or "Name/Org@Domain"), a date line, then bare "To" and
# "Subject" lines, each above its value.
_NOTES_TO = re.compile(r"^\s*to\s*$", re.IGNORECASE)
_NOTES_SUBJECT = re.compile(r"^\s*subject\s*$", re.IGNORECASE)
_NOTES_DATE = re.compile(r"^\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b[\d:\s]{0,12}(?:[AP]M)?\s*$",
                         re.IGNORECASE)
_NOTES_SENDER = re.compile(r"[@/<]")


def history_start(items: list[Item], begin: int = 0,
                  package: list[int] | None = None) -> int:
    """Index of the first item of quoted history at or after `begin` (len(items) when there is
    none). `package` is `package_starts(items)`, passed in when called more than once."""
    starts = package_starts(items) if package is None else package
    after = bisect.bisect_left(starts, begin)
    package_start = starts[after] if after < len(starts) else len(items)
    return min(_own_rules_start(items, begin), package_start)


def quoted_block_end(items: list[Item], start: int) -> int | None:
    """When the history at `start` is a `>` quote (its header's next line is quoted), the index
    of the first unquoted, non-blank item after the quote: a bottom-posted or inline reply goes
    on there. None when the history runs to the end: Outlook's block, GroupWise, Notes and Zoho
    quote unprefixed, so all below their header is the old message."""
    header = items[start]
    if not isinstance(header, str) or _GROUPWISE.match(header):
        return None
    index = start if QUOTED.match(header) else start + 1
    if index == start + 1 and _wrote_next(items, start) and not _WROTE.search(header):
        index += 1  # `On … <address>` wrapped, with `wrote:` ending the next line
    index = _skip(items, index, blank_only=True)
    if index >= len(items) or not _is_quoted(items[index]):
        return None
    return _skip(items, index, blank_only=False)


def _skip(items: list[Item], index: int, *, blank_only: bool) -> int:
    while index < len(items) and (_is_blank(items[index])
                                  or (not blank_only and _is_quoted(items[index]))):
        index += 1
    return index


def _is_blank(item: Item) -> bool:
    return isinstance(item, str) and bool(_BLANK.match(item))


def _is_quoted(item: Item) -> bool:
    return isinstance(item, str) and bool(QUOTED.match(item))


def _own_rules_start(items: list[Item], begin: int) -> int:
    for index in range(begin, len(items)):
        item = items[index]
        if item is CUT:
            return index
        if not isinstance(item, str) or len(item) > 1000:
            continue
        if _is_header_line(item) or (_ON.match(item) and _wrote_next(items, index)):
            return index
        if index > begin and _OUR_GREETING.match(item) and _ours_follows(items, index):
            return index
        if _OUTLOOK_FROM.match(item) and not _FROM_A_DAY.match(item) and (
                _outlook_block_follows(items, index)):
            return index
        if _NOTES_TO.match(item):
            notes = _notes_block_start(items, index)
            if notes is not None and notes >= begin:
                return notes
    return len(items)


def a_history_header(line: str) -> bool:
    """Whether the line is, on its own, a mail client's header over quoted or forwarded
    history: "On … wrote:", "-----Original Message-----", "---------- Forwarded message
    ---------", "Begin forwarded message:", an attribution with an address or a date, or
    Outlook's one-line block (broker.forms.anothers_words reads a note's by it)."""
    return _is_header_line(line)


def _is_header_line(item: str) -> bool:
    """A line that is a reply header on its own."""
    if _SEPARATOR_HEADER.match(item) or _ONE_LINE_HEADER.match(item):
        return True
    if len(item) >= 300:
        return False
    if _ON.match(item) and _WROTE.search(item):
        return True
    dashed = _DASHED.match(item)
    if dashed and _ATTRIBUTION.search(dashed["inner"].rstrip(":") + ":"):
        return bool(_ADDRESS_OR_DATE.search(item))
    return bool((_ATTRIBUTION.search(item) or _GROUPWISE.match(item))
                and _ADDRESS_OR_DATE.search(item))


def _ours_follows(items: list[Item], index: int) -> bool:
    """Our own referral or reminder below the greeting, pasted without a header or `>`."""
    window = [i for i in items[index + 1 : index + 14] if isinstance(i, str)]
    return any(_OUR_WORDS.search(line) for line in window)


def home_greeted(text: str) -> str | None:
    """The home our own email, quoted anywhere in the text (with `>` or without), greets:
    "Dear Elm Court placements team," is Elm Court's."""
    for line in text.split("\n"):
        if (greeting := _OUR_GREETING.match(line.lstrip(" \t>"))) is not None:
            return greeting.group("home")
    return None


def _wrote_next(items: list[Item], index: int) -> bool:
    """`On … <address>` wrapped, with `wrote:` ending the next line."""
    following = items[index + 1] if index + 1 < len(items) else None
    return isinstance(following, str) and len(following) < 300 and bool(_WROTE.search(following))


def _outlook_block_follows(items: list[Item], index: int) -> bool:
    """A `From:` line followed, within a few lines, by `Sent:`/`Date:` and `To:`/`Subject:`."""
    window = [i for i in items[index + 1 : index + 8] if isinstance(i, str) and i.strip()][:5]
    return any(_OUTLOOK_SENT.match(line) for line in window) and any(
        _OUTLOOK_TO.match(line) for line in window
    )


def _notes_block_start(items: list[Item], to_index: int) -> int | None:
    """Where a classic Notes header starts, given its bare `To` line: a date line just above
    (the sender's line above that, when there is one) and a bare `Subject` line a little below.
    A form's own dated line ("Available from: 14/12/2026") is never taken for the date."""
    below = items[to_index + 1 : to_index + 9]
    if not any(isinstance(i, str) and _NOTES_SUBJECT.match(i) for i in below):
        return None
    above = [j for j in range(max(0, to_index - 4), to_index)
             if isinstance(items[j], str) and str(items[j]).strip()][-2:]
    if not above or not _NOTES_DATE.match(str(items[above[-1]])):
        return None
    if len(above) == 2 and above[1] - above[0] == 1 and len(str(items[above[0]])) < 200 \
            and _NOTES_SENDER.search(str(items[above[0]])):
        return above[0]
    return above[-1]


def package_starts(items: list[Item]) -> list[int]:
    """Where mail-parser-reply's header patterns match, as sorted item indices."""
    head = items[:_PACKAGE_LINES]
    lines = [_one_line(item)[:_PACKAGE_LINE_CHARS].strip() for item in head]
    text = "\n".join(lines)
    starts: list[int] = []
    for match in _header_matches(text):
        start = match.start() + (len(match.group()) - len(match.group().lstrip("\n")))
        starts.append(text.count("\n", 0, start))
    return sorted(set(starts))


def _header_matches(text: str) -> Iterator[re.Match[str]]:
    """What the package's pattern's `finditer` gives, tried only where a match can begin.
    Every one of its alternatives starts at a line's start (`^`, multi-line) or at a line
    break (`\n`), so the other positions are skipped: trying them all cost more than the
    rest of reading a reply."""
    pattern = _package_header_pattern()
    scanned_to = 0
    for line_start in _line_starts(text):
        if not _MAY_START_A_PACKAGE_HEADER.match(text, line_start):
            continue  # no match can begin at this line's start or the line break before it
        for candidate in (line_start - 1, line_start) if line_start else (0,):
            if candidate < scanned_to:
                continue
            match = pattern.match(text, candidate)
            if match is not None:
                scanned_to = max(match.end(), candidate + 1)
                yield match


# What a line must begin with, after any `>`, `*` and spaces, for one of the package's
# patterns to start at it: a word that starts one of its headers, a colon (its French pattern
# takes a bare "  :"), or a dash.
_MAY_START_A_PACKAGE_HEADER = re.compile(
    r"[>* ]*(?:on|am|le|el|op|from|sent|to|subject|date|cc|organi|von|gesendet|an|betreff|"
    r"datum|de|envoy|à|objet|enviado|para|asunto|fecha|van|verzonden|aan|onderwerp|[:-])",
    re.IGNORECASE)


def _line_starts(text: str) -> Iterator[int]:
    yield 0
    at = text.find("\n")
    while at != -1:
        yield at + 1
        at = text.find("\n", at + 1)


def _one_line(item: Item) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Row):
        return "\t".join(item.cells).replace("\n", " ")
    return ""


@lru_cache(maxsize=1)
def _package_header_pattern() -> re.Pattern[str]:
    from mailparser_reply.parser import EmailMessage

    pattern: re.Pattern[str] = EmailMessage(
        text="", languages=list(_PACKAGE_LANGUAGES)).HEADER_REGEX
    return pattern
