"""Word (.docx) documents as items: paragraphs as lines, tables as rows, in document order.

python-docx opens the package; the text is then taken straight from the XML so that content
controls (`w:sdt`, how Word forms hold their answers) and legacy form fields are read too, and
text boxes (drawn twice in the XML, as a choice and a fallback) are read once, after the
paragraph they are anchored in.

A .docx is a zip file, and a small one can unpack to far more than any form holds (a "zip
bomb": 300 KB that unpacks to 95 MB of paragraphs took a minute to read). Before anything is
unpacked, the package's directory is checked: the total unpacked, the text and markup, and
how far each part is compressed (a real document's parts shrink 5 to 20 times, a bomb's
hundreds). A refusal says which, in words the sender can act on (`DocumentTooLarge`).
Who reads the package can be changed for a while (`reading_with`): broker.forms.sandbox
reads it in a separate process with CPU, memory and time limits.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from broker.forms.items import BREAK, Item, Row, tidy_block
from broker.forms.ticks import EMPTY_BOX, TICK, TICKED_BOX

__all__ = ["DocumentTooLarge", "UnreadableDocument", "docx_items", "read_package",
           "reading_with"]

MAX_DOCX_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 100_000_000  # a zip bomb is not a referral form
MAX_MARKUP_BYTES = 25_000_000  # the XML parts: a long form is well under 1 MB
MAX_RATIO = 100  # unpacked over packed size, for parts that unpack to over RATIO_FROM
RATIO_FROM = 1_000_000
MAX_PARTS = 5_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {_W + "drawing", _W + "pict", _W + "object", _MC + "AlternateContent", _W + "instrText"}
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Wingdings' boxes and marks (`w:sym w:char="F0FE"`), by the last two hex digits of the
# character: a box ticked or crossed (FE, FD), a box empty (A8, 6F, 71), a tick (FC), a
# cross (FB).
_SYMBOLS = {"FE": "\u2612 ", "FD": "\u2612 ", "A8": "\u2610 ", "6F": "\u2610 ", "71": "\u2610 ",
            "FC": "\u2713 ", "FB": "\u2717 "}
_WRAPPERS = {_W + "sdt", _W + "customXml", _W + "smartTag"}


class UnreadableDocument(ValueError):
    """The bytes are not a Word (.docx) document we can open."""


class DocumentTooLarge(UnreadableDocument):
    """A document refused for its size or its cost to read; `explanation` completes "The
    attached Word file 'form.docx' …" in words the sender can act on."""

    def __init__(self, explanation: str) -> None:
        super().__init__(explanation)
        self.explanation = explanation


Reader = Callable[[bytes], list[Item]]
_reader: ContextVar[Reader | None] = ContextVar("docx_reader", default=None)


@contextlib.contextmanager
def reading_with(reader: Reader) -> Iterator[None]:
    """Within this block (and this thread or task), `docx_items` asks `reader` instead."""
    token = _reader.set(reader)
    try:
        yield
    finally:
        _reader.reset(token)


def docx_items(data: bytes) -> list[Item]:
    """The document body's lines and table rows; UnreadableDocument if it cannot be opened."""
    reader = _reader.get()
    return reader(data) if reader is not None else read_package(data)


def read_package(data: bytes) -> list[Item]:
    """`docx_items` done here and now: check the package, then read it."""
    _check_package(data)
    import docx  # here, not at the top: the service reads Word files in a child process,
    # so python-docx (about 70 ms and 8 MB) loads only where a package is opened
    try:
        document = docx.Document(io.BytesIO(data))
        items: list[Item] = []
        _read_blocks(document.element.body, items)
    except Exception as error:  # noqa: BLE001 - any failure inside a bad file means unreadable
        raise UnreadableDocument("not a Word document we can open") from error
    return items


def _check_package(data: bytes) -> None:
    """Refuse, from the zip's directory alone, a package too large or too compressed."""
    if len(data) > MAX_DOCX_BYTES:
        raise DocumentTooLarge(f"is larger than {_size(MAX_DOCX_BYTES)}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except Exception as error:  # noqa: BLE001 - BadZipFile, struct errors, truncated data
        raise UnreadableDocument("not a Word document we can open") from error
    if len(members) > MAX_PARTS:
        raise DocumentTooLarge(f"holds more than {MAX_PARTS:,} parts")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentTooLarge(f"unpacks to more than {_size(MAX_UNPACKED_BYTES)}")
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
                member.compress_size, 1):
            raise DocumentTooLarge(f"unpacks to {_size(unpacked)} from {_size(len(data))}, "
                                   "far more than a form holds")
    markup = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if markup > MAX_MARKUP_BYTES:
        raise DocumentTooLarge(f"holds more than {_size(MAX_MARKUP_BYTES)} of text and markup")


def _size(count: int) -> str:
    """`95 MB`, `311 KB`, `900 bytes`: sizes as a sender reads them (decimal units)."""
    for unit, size in (("MB", 1_000_000), ("KB", 1_000)):
        if count >= size:
            return f"{count / size:.{0 if count >= 10 * size else 1}f} {unit}"
    return f"{count} bytes"


def _read_blocks(container: Any, items: list[Item]) -> None:
    """Paragraphs and tables of a body, cell or content control, in order."""
    for child in container.iterchildren():
        if child.tag == _W + "p":
            items.extend(_text_of(child).split("\n"))
            for box in _text_boxes(child):
                _read_blocks(box, items)
        elif child.tag == _W + "tbl":
            _read_table(child, items)
        elif child.tag in _WRAPPERS:
            content = child.find(_W + "sdtContent")
            _read_blocks(content if content is not None else child, items)


def _read_table(table: Any, items: list[Item]) -> None:
    for row in _children(table, _W + "tr"):
        cells: list[list[Item]] = []
        for cell in _children(row, _W + "tc"):
            cell_items: list[Item] = []
            _read_blocks(cell, cell_items)
            cells.append(cell_items)
        if (boxes := _ticks_in_a_nested_table(cells)) is not None:
            items.append(Row((tidy_block("\n".join(str(i) for i in cells[0])), boxes)))
        elif any(not isinstance(item, str) for cell in cells for item in cell):
            items.append(BREAK)  # a nested table: a layout row, read each cell as it comes
            for cell_items in cells:
                items.extend(cell_items)
                items.append(BREAK)
        else:
            texts = tuple(tidy_block("\n".join(str(i) for i in cell)) for cell in cells)
            above = items[-1] if items else None
            if (_continues_merged_label(row) and isinstance(above, Row)
                    and len(above.cells) == len(texts)):  # "Needs" merged down over rows
                items[-1] = Row((above.cells[0], *("\n".join(part for part in pair if part)
                                                    for pair in zip(above.cells[1:], texts[1:],
                                                                    strict=True))))
            elif any(texts):
                items.append(Row(texts))


def _ticks_in_a_nested_table(cells: list[list[Item]]) -> str | None:
    """A label cell beside a table of choices and their boxes ("Needs" beside "SEMH | ☒",
    "ASD | ☐"): the choices as lines, each with its box after it, read as tick boxes are;
    None for any other row."""
    if len(cells) != 2 or not cells[0] or not all(isinstance(item, str) for item in cells[0]):
        return None
    rows = [item for item in cells[1] if isinstance(item, Row)]
    if not rows or any(item is not BREAK and not isinstance(item, Row) and not _A_HINT.fullmatch(
            str(item)) for item in cells[1]):
        return None  # (a hint above the choices, "Tick all that apply:", is no choice)
    if not all(len(row.cells) == 2 and _A_BOX.fullmatch(row.cells[1].strip()) for row in rows):
        return None
    return "\n".join(f"{row.cells[0].strip()} {row.cells[1].strip() or EMPTY_BOX}"
                     for row in rows)


_A_HINT = re.compile(r"\s*(?:[^\n]{0,80}:)?\s*")
_A_BOX = re.compile(rf"[{EMPTY_BOX}{TICKED_BOX}{TICK}xX]?")


def _continues_merged_label(row: Any) -> bool:
    """Whether the row's first cell carries on a label cell merged down from the row above
    (`w:vMerge` with no `restart`): its other cells go on the value above."""
    cells = _children(row, _W + "tc")
    merge = cells[0].find(f"{_W}tcPr/{_W}vMerge") if cells else None
    return merge is not None and merge.get(_W + "val") in (None, "continue")


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (a form laid out inside one), each once: Word
    draws each twice, as a choice and a fallback for older readers, and only the first is
    read. Boxes inside a box are read with it."""
    boxes = []
    for box in paragraph.iter(_W + "txbxContent"):
        ancestors = {ancestor.tag for ancestor in box.iterancestors()}
        if _MC + "Fallback" not in ancestors and _W + "txbxContent" not in ancestors:
            boxes.append(box)
    return boxes


def _children(parent: Any, tag: str) -> list[Any]:
    """Children with this tag, looking inside content controls that wrap rows or cells."""
    found = []
    for child in parent.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            content = child.find(_W + "sdtContent")
            found.extend(_children(content if content is not None else child, tag))
    return found


def _text_of(element: Any) -> str:
    """The visible text of a paragraph: runs, hyperlinks, fields and content controls."""
    parts: list[str] = []
    stack = [iter(element.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _W + "t":
            parts.append(child.text or "")
        elif child.tag in _CHARACTERS:
            parts.append(_CHARACTERS[child.tag])
        elif child.tag == _W + "sym":  # a symbol font's box or mark: "þ" in Wingdings is ☒
            if "wingdings" in (child.get(_W + "font") or "").lower():
                parts.append(_SYMBOLS.get((child.get(_W + "char") or "").upper()[-2:], ""))
        elif child.tag == _W + "checkBox":  # an old form field's box: its state, as a glyph
            parts.append("\u2612 " if _ticked(child) else "\u2610 ")
        elif child.tag == _W + "ddList":  # an old form field's drop-down: the entry chosen
            parts.append(_chosen_entry(child))
        elif child.tag not in _SKIPPED and child.tag != _W + "delText":
            stack.append(iter(child.iterchildren()))
    return "".join(parts)


def _chosen_entry(dropdown: Any) -> str:
    """The entry a legacy drop-down form field (`FORMDROPDOWN`) shows: the one its `w:result`
    counts to from 0 (the first when it has none). Word draws it from the field's data, so
    the document holds no run of text for it."""
    entries = [entry.get(_W + "val") or "" for entry in dropdown.findall(_W + "listEntry")]
    result = dropdown.find(_W + "result")
    index = int(value) if result is not None and (value := result.get(_W + "val") or "0"
                                                  ).isdigit() else 0
    return entries[index] if index < len(entries) else ""


def _ticked(box: Any) -> bool:
    """Whether a legacy check-box form field (`FORMCHECKBOX`) is ticked: its `w:checked`, or
    with none its `w:default` (a `w:val` of 0 or false is unticked)."""
    for tag in ("checked", "default"):
        found = box.find(_W + tag)
        if found is not None:
            value = found.get(_W + "val")
            return tag == "checked" and value is None or value not in (None, "0", "false")
    return False
