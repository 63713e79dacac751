"""What may stand between the parts of one number, date or code once plain-text mail is wrapped.

Mail clients hard-wrap plain text at 72-76 characters, and the break can fall where a space
was: "LS6 9QT" becomes "LS6\\n9QT", "07700 900456" becomes "07700\\n900456". Every shape search
(`patterns.py`, `postcodes.py`, `dates.py`) therefore accepts one line break, with the spaces
around it, wherever it accepts a space. Never two: a blank line ends a paragraph, and a number
does not run on into the next one.
"""

from __future__ import annotations

WRAP = r"[ \t]*\r?\n[ \t]*"  # one line break and the spaces or tabs around it
ANY_SPACE = r"[ \t]*(?:\r?\n[ \t]*)?"  # where `[ \t]*` would do: nothing, spaces, or a wrap
SOME_SPACE = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"  # where `[ \t]+` would do


def or_wrap(horizontal: str) -> str:
    """`horizontal` (a pattern for one separator on a line, e.g. `[ \\t\\-]`) or a line wrap."""
    return rf"(?:{horizontal}|{WRAP})"
