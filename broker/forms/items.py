"""The common shape every source is read into: lines of text, table rows and hard breaks.

Plain text, HTML bodies and Word documents all become a list of items in document order, so
one reader (`broker.forms.extract`) applies the same rules to all of them, and the rules that
drop quoted history in a reply (`broker.forms.quotes`) work on every source alike.

- a `str` is one line of text, read with the `Label: value` rules;
- a `Row` is one table row; a label cell and the cell after it are one field;
- `BREAK` ends any value being read (the end of a table cell, a separator);
- `CUT` marks where quoted history begins (an HTML reply's quote container).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, unquote, urlsplit

MAX_TEXT_CHARS: Final = 5_000_000  # beyond this a body is not a form; read only the start


@dataclass(frozen=True)
class Row:
    """One table row: the text of each cell, lines separated by newlines."""

    cells: tuple[str, ...]


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BREAK: Final = _Marker("BREAK")
CUT: Final = _Marker("CUT")
Item = str | Row | _Marker

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters that show nothing where they stand, removed so a name cannot hide behind one
# ("Bro\u00adoke" reads "Brooke"): the soft hyphen (HTML `&shy;`, Word's optional hyphen),
# zero-width space, non-joiner, joiner, left-to-right and right-to-left marks, the combining
# grapheme joiner, Arabic letter mark, Hangul and Khmer fillers, Mongolian vowel separator,
# word joiner and the invisible operators, the text-direction embeddings, overrides and
# isolates that WhatsApp, Android and right-to-left Outlook put around copied text, the
# byte-order mark, and NUL.
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\u3164\uffa0\ufeff\x00]"
)


# Characters read as the plain one they look like: the no-break, thin, figure and other
# Unicode spaces (Outlook's plain text has a no-break space wherever its HTML had `&nbsp;`),
# the hyphens, the en dash and the minus sign Word puts between the parts of a number or
# date ("07700–900111"), the look-alike apostrophes, full-width letters and digits, and the
# ligatures of text copied out of a PDF ("Griﬃn").
_LOOKALIKES = str.maketrans({
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-"),
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    "\u2028": "\n", "\u2029": "\n",  # Unicode's line and paragraph separators are line breaks
    # The apostrophes European keyboards and fonts give ("wouldn´t", "don′t", "O＇Neill").
    **dict.fromkeys("\u00b4\u2032\u02b9\u201b", "\u2019"),
    # Full-width letters, digits and signs, as Chinese and Japanese keyboards type them
    # ("０７７００ ９００９８２", "Ｂｒｏｏｋｅ"): the same characters to a reader.
    **{chr(0xFF01 + offset): chr(0x21 + offset) for offset in range(94)},
    "\uff07": "\u2019",
})


def without_invisible(text: str) -> str:
    """The text without the characters that show nothing, so what is read is what is seen."""
    return _INVISIBLE.sub("", text)


# Outlook's Safe Links wrapper around a link: the link it wraps is what its reader clicks,
# and the wrapper also carries the sender's own address, encoded ("data=…%7Csam%40…").
_SAFE_LINK = re.compile(r"https?://[\w.-]{0,100}safelinks\.protection\.outlook\.com/[^\s<>\"']*",
                        re.IGNORECASE)


# Proofpoint's URL Defense: v2 carries the link in `u=`, `-` for `%` and `_` for `/`
# (`https-3A__www.tiktok.com_-40kez`); v3 keeps it as written between `__` and `__;`.
_DEFENSE_V2 = re.compile(r"https?://urldefense\.proofpoint\.com/v2/url\?[^\s<>\"']*",
                         re.IGNORECASE)
_DEFENSE_V3 = re.compile(r"https?://urldefense(?:\.proofpoint)?\.com/v3/__(?P<link>[^\s<>\"']{1,2000}?)"
                         r"__;[^\s<>\"']*", re.IGNORECASE)


def _unwrapped(link: re.Match[str]) -> str:
    wrapped = parse_qs(urlsplit(link.group()).query).get("url")
    return wrapped[0] if wrapped else link.group()


def _defense_v2_unwrapped(link: re.Match[str]) -> str:
    wrapped = parse_qs(urlsplit(link.group()).query).get("u")
    if not wrapped:
        return link.group()
    return unquote(wrapped[0].replace("_", "/").replace("-", "%"))


def as_read(text: str) -> str:
    """The text without invisible characters, and with look-alike spaces, dashes, apostrophes
    and ligatures as the plain characters a reader takes them for, so no value hides behind one;
    a link Outlook's Safe Links or Proofpoint's URL Defense wraps is the link it wraps."""
    text = without_invisible(text).translate(_LOOKALIKES)
    if "safelinks" in text:
        text = _SAFE_LINK.sub(_unwrapped, text)
    if "urldefense" in text:
        text = _DEFENSE_V2.sub(_defense_v2_unwrapped, text)
        text = _DEFENSE_V3.sub(lambda link: link.group("link"), text)
    return text


def text_lines(text: str) -> list[str]:
    """Lines split only at CR, LF or CRLF (never at form feeds or Unicode separators), with
    tracked changes pasted as text read as accepted: "[DELETED: £5,200] £4,900" is £4,900,
    "{Deleted: Interested} {Inserted: Offer}" is Offer."""
    text = as_read(text[:MAX_TEXT_CHARS])
    if ":" in text and ("[" in text or "{" in text):
        text = _TRACKED_INSERTION.sub(r"\g<text>", _TRACKED_DELETION.sub("", text))
    return _LINE_BREAK.split(text)


_TRACKED_DELETION = re.compile(r"[\[{](?:deleted|deletion|removed)\s*:[^\]}\n]{0,300}[\]}][ \t]?",
                               re.IGNORECASE)
_TRACKED_INSERTION = re.compile(r"[\[{](?:inserted|insertion|added)\s*:[ \t]*"
                                r"(?P<text>[^\]}\n]{0,300}?)[ \t]*[\]}]", re.IGNORECASE)


def text_items(text: str) -> list[Item]:
    return list(text_lines(text))


def tidy_block(text: str) -> str:
    """A cell's or paragraph's text: spaces collapsed, at most one blank line in a row."""
    lines = [" ".join(line.split()) for line in text_lines(text)]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip("\n")


def render_items(items: list[Item]) -> str:
    """The items as plain text: rows as `cell: cell` lines, so a person can read what was read."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, str):
            lines.append(item)
        elif isinstance(item, Row):
            lines.append(": ".join(cell.replace("\n", " ") for cell in item.cells if cell))
    return "\n".join(lines).strip("\n")
