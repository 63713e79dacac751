"""A reply's answer laid out as a small table: a row of the response form's labels over one
row of their values ("Fee | Start | Decision" over "£4,800 pw | 14/12/2026 | Offer"), in HTML
or as Outlook's plain text of it (tabs between the cells).

Each column is read as its label's field. A table with a column for the home ("Home |
Decision | Weekly fee"), or with more than one row of values, answers for several homes and
is left to the rules that read a home's own row.
"""

from __future__ import annotations

from broker.forms.items import BREAK, Item, Row
from broker.forms.spec import FormSpec

_FEWEST_COLUMNS = 2
_MOST_COLUMNS = 8


def _cells(item: Item) -> tuple[str, ...]:
    """A row's cells, as HTML gives them or as Outlook's plain text does (tabs between)."""
    if isinstance(item, Row):
        return item.cells
    return tuple(item.split("\t")) if isinstance(item, str) and "\t" in item else ()


def _labels(cells: tuple[str, ...], spec: FormSpec) -> list[str] | None:
    """The fields' keys of a header row whose every cell is a different label of the form
    (none the home's), or None."""
    if not _FEWEST_COLUMNS <= len(cells) <= _MOST_COLUMNS:
        return None
    keys = []
    for cell in cells:
        found = spec.field_for_cell(cell.strip()) if cell.strip() else None
        if found is None or found.key == "service_name" or found.key in keys:
            return None
        keys.append(found.key)
    return keys


def answer_rows_as_fields(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with a header row of labels over one row of values made a row per field
    ("Fee | £4,800 pw"), so each value is read as its label's."""
    if "decision" not in spec.keys:
        return items
    out: list[Item] = []
    index = 0
    while index < len(items):
        header = _cells(items[index])
        values = _cells(items[index + 1]) if index + 1 < len(items) else ()
        after = _cells(items[index + 2]) if index + 2 < len(items) else ()
        before = _cells(out[-1]) if out else ()
        if (header and len(values) == len(header) and len(after) != len(header)
                and len(before) != len(header) and _labels(header, spec) is not None
                and all(value.strip() for value in values) and _labels(values, spec) is None):
            for label, value in zip(header, values, strict=True):
                out.extend([BREAK, Row((label.strip(), value.strip()))])
            out.append(BREAK)
            index += 2
            continue
        out.append(items[index])
        index += 1
    return out
