"""A form pasted out of a PDF: its page furniture and its wrapped labels.

Copying a PDF form carries the furniture of each page break into the text: "Page 2 of 4", a
protective marking ("OFFICIAL-SENSITIVE"), the form's title or footer line ("Millbridge County
Council – Placement Referral Form v3.2"), often with blank lines around them. Where a value
was cut by the break, these lines stand between its two halves:

- a label at the foot of a page ("Gender:") has its value at the top of the next ("Male");
- a list that ends with a comma or "and" ("Needs: SEMH, CSE risk,") goes on after the break
  ("missing episodes");
- a free text's sentence goes on in lower case after the break ("… after she went" over
  "OFFICIAL-SENSITIVE   Page 3 of 4" over "missing for three nights").

There the furniture (and the blank lines around it) is dropped, so the value reads whole; it
is never the value. So is furniture that closes a value: under its last line, with nothing
after it (blank lines aside) but the end of the text, a table or the next label ("… needs
waking night support." over "OFFICIAL-SENSITIVE   Page 2 of 2" at the end of the paste).
Elsewhere the lines are left as they are (a blank line still ends the value above them).
A run of furniture holds at least one page number or marking line (or a line of both,
"OFFICIAL-SENSITIVE   Page 3 of 4"); a title line counts only beside one.

A PDF also wraps a long label over two lines ("Date placement" / "required: 07/12/2026"):
the two are read as one label only where, joined, they are exactly a label the form knows and
the first line alone is none.

Every pattern here matches whole lines with bounded runs, so it runs in linear time.
"""

from __future__ import annotations

import re

from broker.forms.items import Item
from broker.forms.spec import FormSpec
from broker.forms.words import normalise_label

__all__ = ["across_page_breaks"]

_PAGE_NUMBER = re.compile(r"(?:page\s{1,3})?\d{1,4}\s{1,3}of\s{1,3}\d{1,4}|page\s{1,3}\d{1,4}",
                          re.IGNORECASE)
_MARKING = re.compile(r"official(?:[ \-:]{1,3}sensitive(?:[ \-:]{1,3}personal)?)?"
                      r"|not\s{1,3}protectively\s{1,3}marked|restricted", re.IGNORECASE)
_TITLE_WORD = re.compile(r"\bform\b", re.IGNORECASE)
_TITLE_CHARS = 150
_FRAME = " \t*[]()-|"
_RUNS_ON = re.compile(r"(?:,|\band|&|:)\s{0,20}$", re.IGNORECASE)
_LABEL_CHARS = 80
_BESIDE = re.compile(r"[ \t]{2,}|[ \t]*[|\u2013\u2014][ \t]*")
# A free text's sentence cut by the break goes on in lower case ("after she went" over the
# furniture over "missing for three nights").
_A_SENTENCE_GOES_ON = re.compile(r"[ \t]{0,20}[a-z]")


def across_page_breaks(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with the page furniture inside a value cut by a page break dropped, and
    labels wrapped over two lines joined (see the module docstring)."""
    return _labels_joined(_furniture_dropped(items, spec), spec)


def _furniture_kind(item: Item) -> str:
    """"page" or "marking" for such a line, "title" for a title or footer line, else ""."""
    if not isinstance(item, str):
        return ""
    line = item.strip(_FRAME)
    if not line or len(line) > _TITLE_CHARS:
        return ""
    if _PAGE_NUMBER.fullmatch(line) or _MARKING.fullmatch(line):
        return "page"
    if (beside := _BESIDE.split(line, 1)) and len(beside) == 2 and all(  # "OFFICIAL-SENSITIVE
            _PAGE_NUMBER.fullmatch(part) or _MARKING.fullmatch(part) for part in beside):
        return "page"  # ⇥ Page 3 of 4": a marking and the page's number on one line
    if ":" not in line and _TITLE_WORD.search(line):
        return "title"
    return ""


def _is_blank(item: Item) -> bool:
    return isinstance(item, str) and not item.strip()


def _ends_a_value(item: Item | None, spec: FormSpec) -> bool:
    """Whether a value ends before this item (the first after a run of furniture and the
    blank lines under it): the end of the text, a break, a table row, or the next label."""
    if not isinstance(item, str):
        return True
    colon = item.find(":", 0, _LABEL_CHARS)
    return colon > 0 and spec.field_for_label(item[:colon]) is not None


def _furniture_dropped(items: list[Item], spec: FormSpec) -> list[Item]:
    kept: list[Item] = []
    at = 0
    while at < len(items):
        end = at
        while end < len(items) and _furniture_kind(items[end]):
            end += 1
        if end > at and any(_furniture_kind(items[i]) == "page" for i in range(at, end)):
            after = end
            while after < len(items) and _is_blank(items[after]):
                after += 1
            before = len(kept)
            while before > 0 and _is_blank(kept[before - 1]):
                before -= 1
            above = kept[before - 1] if before > 0 else None
            below = items[after] if after < len(items) else None
            if (isinstance(above, str) and isinstance(below, str)
                    and (_RUNS_ON.search(above[-40:]) or _A_SENTENCE_GOES_ON.match(below))):
                del kept[before:]  # the blank lines above the furniture
                at = after  # the furniture and the blank lines below it
                continue
            if isinstance(above, str) and _ends_a_value(below, spec):
                at = end  # the furniture closing a value (the blank lines below it stay)
                continue
        if end > at:
            kept.extend(items[at:end])
            at = end
            continue
        kept.append(items[at])
        at += 1
    return kept


def _labels_joined(items: list[Item], spec: FormSpec) -> list[Item]:
    by_label: dict[str, object] = spec._by_label  # type: ignore[attr-defined]
    joined: list[Item] = []
    at = 0
    while at < len(items):
        item = items[at]
        below = items[at + 1] if at + 1 < len(items) else None
        if (isinstance(item, str) and isinstance(below, str) and ":" not in item
                and 0 < len(item.strip()) <= _LABEL_CHARS and ":" in below):
            rest, _, value = below.partition(":")
            label = f"{item.strip()} {rest.strip()}"
            if (len(rest) <= _LABEL_CHARS and rest.strip()
                    and normalise_label(label) in by_label
                    and spec.field_for_label(item) is None):
                joined.append(f"{label}:{value}")
                at += 2
                continue
        joined.append(item)
        at += 1
    return joined
