"""Word (.docx) documents as items: paragraphs as lines, tables as rows, in document order.

python-docx opens the package; the text is then taken straight from the XML so that content
controls (`w:sdt`, how Word forms hold their answers) and legacy form fields are read too, and
text boxes (drawn twice in the XML, as a choice and a fallback) are not read twice.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx

from broker.forms.items import BREAK, Item, Row, tidy_block

__all__ = ["UnreadableDocument", "docx_items"]

MAX_DOCX_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 100_000_000  # a zip bomb is not a referral form
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {_W + "drawing", _W + "pict", _W + "object", _MC + "AlternateContent", _W + "instrText"}
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_WRAPPERS = {_W + "sdt", _W + "customXml", _W + "smartTag"}


class UnreadableDocument(ValueError):
    """The bytes are not a Word (.docx) document we can open."""


def docx_items(data: bytes) -> list[Item]:
    """The document body's lines and table rows; UnreadableDocument if it cannot be opened."""
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        items: list[Item] = []
        _read_blocks(document.element.body, items)
    except Exception as error:  # noqa: BLE001 - any failure inside a bad file means unreadable
        raise UnreadableDocument("not a Word document we can open") from error
    return items


def _check_package(data: bytes) -> None:
    if len(data) > MAX_DOCX_BYTES:
        raise UnreadableDocument("the document is too large to read")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except Exception as error:  # noqa: BLE001 - BadZipFile, struct errors, truncated data
        raise UnreadableDocument("not a Word document we can open") from error
    if len(members) > 5_000 or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise UnreadableDocument("the document is too large to read")


def _read_blocks(container: Any, items: list[Item]) -> None:
    """Paragraphs and tables of a body, cell or content control, in order."""
    for child in container.iterchildren():
        if child.tag == _W + "p":
            items.extend(_text_of(child).split("\n"))
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
        if any(not isinstance(item, str) for cell in cells for item in cell):
            items.append(BREAK)  # a nested table: a layout row, read each cell as it comes
            for cell_items in cells:
                items.extend(cell_items)
                items.append(BREAK)
        else:
            texts = tuple(tidy_block("\n".join(str(i) for i in cell)) for cell in cells)
            if any(texts):
                items.append(Row(texts))


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
        elif child.tag not in _SKIPPED and child.tag != _W + "delText":
            stack.append(iter(child.iterchildren()))
    return "".join(parts)
