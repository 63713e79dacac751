"""What may stand between the parts of one number, date or code once plain-text mail is wrapped.

Mail clients hard-wrap plain text at 72-76 characters, and the break can fall where a space
was: "LS6 9QT" becomes "LS6\\n9QT", "07700 900456" becomes "07700\\n900456". Every shape search
(`patterns.py`, `postcodes.py`, `dates.py`) therefore accepts one line break, with the spaces
around it, wherever it accepts a space. Never two: a blank line ends a paragraph, and a number
does not run on into the next one.

A word broken at a line's end with a hyphen, its rest in lower case on the next line, as word
processors and PDFs hyphenate ("Sophie Ash-\\nworth"), is read joined, and a name of two
joined by a hyphen wrapped there ("Lacey-\\nMae", "KERRY-\\nANNE") is read on one line
(`join_broken_words`): a name broken so is the name it is.
"""

from __future__ import annotations

import re

WRAP = r"[ \t]*\r?\n[ \t]*"  # one line break and the spaces or tabs around it
ANY_SPACE = r"[ \t]*(?:\r?\n[ \t]*)?"  # where `[ \t]*` would do: nothing, spaces, or a wrap
SOME_SPACE = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"  # where `[ \t]+` would do


def or_wrap(horizontal: str) -> str:
    """`horizontal` (a pattern for one separator on a line, e.g. `[ \\t\\-]`) or a line wrap."""
    return rf"(?:{horizontal}|{WRAP})"


# A capitalised word's first part, a hyphen at the line's end, and its rest in lower case.
_BROKEN_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


def join_broken_words(text: str) -> tuple[str, list[int] | None]:
    """The text with each capitalised word broken at a line's end by a hyphen joined up
    ("Ash-⏎worth" read as "Ashworth", "Lacey-⏎Mae" as "Lacey-Mae"; "self-⏎harm" stays), and
    where each of its characters stands in `text` (one more for the end), or None when
    nothing was joined."""
    pieces: list[str] = []
    where: list[int] = []
    position = 0
    for match in _BROKEN_WORD.finditer(text):
        if not match.group(1)[0].isupper():
            continue
        hyphen = text[match.end()].isupper()  # "Lacey-⏎Mae": two names and their hyphen
        kept = match.end(1) + hyphen
        pieces.append(text[position:kept])
        where.extend(range(position, kept))
        position = match.end()
    if not pieces:
        return text, None
    pieces.append(text[position:])
    where.extend(range(position, len(text) + 1))
    return "".join(pieces), where


# A PDF's page furniture copied into the text, a line of its own: "OFFICIAL - SENSITIVE
# Page 2 of 6", "[Page 3]", "- 4 -" is not taken (a list's dash), nor a line with other words.
_PAGE_FURNITURE = re.compile(
    r"(?im)\r?\n[ \t]{0,8}(?:(?:official|sensitive|confidential|restricted|protect|[\-–—|])"
    r"[ \t]{0,8}){0,4}[\[(]?page[ \t]{1,3}\d{1,3}(?:[ \t]{1,3}of[ \t]{1,3}\d{1,3})?[\])]?"
    r"[ \t]{0,8}(?=\r?\n)")


def without_page_furniture(text: str) -> str:
    """The text without the lines a PDF's running header or page number left in it, so a
    name that a page break split ("her aunt, Charlene⏎OFFICIAL - SENSITIVE  Page 2 of 6⏎
    Boocock, who …") reads as the one name it is, broken over a line. For finding names
    only: the text scrubbed keeps those lines."""
    return _PAGE_FURNITURE.sub("", text)
