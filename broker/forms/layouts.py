"""How a reply lays its fields out other than a label and its value to a line.

Fields side by side on one line, as a signature or a portal prints them ("Decision: Offer |
Fee: £4,900 pw | From: 14/12/2026"), are made a line each, so that each label takes only its
own value. A table's header row of labels ("Home⇥Decision⇥Weekly fee⇥Start" over a row per
home) holds no values: it heads columns, and the rows under it are each home's answer.

A referral's table may group its rows. A cell merged down beside them ("Placement" spanning
"Type | Solo residential", "Urgency | Emergency", …) heads them: each sub-label and its value is
a field, named by the two together where that is a label ("Placement type") or by the
sub-label alone ("Urgency"). And a row across the table naming a list field ("Needs (tick all
that apply)") over rows of a choice and its box ("SEMH | ☒", "ASD | ☐") is that field, its
choices ticked or not.

A paper form typed up as printed, each answer on a line with its caption under it and the
pairs apart by blank lines ("Leah Marrick" over "Child's name"), is read pair by pair, but
only when every label alone on its line is the second of such a pair. So is a table under a
header row "Answer | Question": each row's value first, its label second.
"""

from __future__ import annotations

import csv
import re

from broker.forms.items import Item, Row
from broker.forms.spec import FormSpec
from broker.forms.ticks import CROSS, EMPTY_BOX, TICK, TICKED_BOX
from broker.forms.words import normalise_label

__all__ = ["ROWS_UNDER_A_HEADER", "grouped_rows_apart", "header_row", "side_by_side_apart",
           "values_above_labels"]

# Parts of a line of fields; beside the form's labels "From:" is the start date (alone on its
# line it is an email's sender).
# "Urgency: Urgent   Needed from: …", two spaces or a tab apart, or between bars or semicolons
_SIDE_BY_SIDE = re.compile(r"[ \t]+\|[ \t]+|;[ \t]+| *\t[ \t]*| {2,}")
# A part among two or more of the form's fields that no field knows ("Age: 14  Gender: F  Legal:
# S31"): a line of its own (to be listed as not read), never more of the value before it.
_UNKNOWN_LABEL_WORDS = 3
_UNKNOWN_PART_CHARS = 60
_KNOWN_BESIDE = 2
_LABELLED_PART = re.compile(r"([^:|;\t]{1,40}):[ \t]*(\S.*)")
_FROM_BESIDE_FIELDS = "from"
_AS_A_START = "Available from"


def side_by_side_apart(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with each line of fields side by side made a line per field, so that each
    label takes only its own value and a signature holding them is seen to hold a form."""
    items = _answers_before_questions(items)
    apart: list[Item] = []
    in_a_table = False  # under a header row of labels between pipes
    under_a_rule = False  # under a Markdown table's rule ("--- | ---"), outer pipes or none
    for item in items:
        cells = _between_pipes(item) if isinstance(item, str) else None
        under_a_rule = cells is not None and (under_a_rule or _A_RULE_ROW.fullmatch(str(item))
                                              is not None)
        if cells is not None and (in_a_table or _all_labels(cells, spec)):
            in_a_table = True
            if not _A_RULE_ROW.fullmatch(str(item)):
                apart.append("\t".join(cells))  # read as the row it is, like a tab's cells
            continue
        in_a_table = False
        if cells is not None and (under_a_rule or _LINE_OF_A_MARKDOWN_TABLE.fullmatch(str(
                item))) and spec.field_for_cell(cells[0]) is not None:
            apart.append("\t".join(cells))  # "| Child's name | Ava |": a label and its value
            continue  # (Teams pastes its rows without the outer pipes, under "--- | ---")
        if under_a_rule and _A_RULE_ROW.fullmatch(str(item)):
            continue
        fields = _fields_side_by_side(item, spec) if isinstance(item, str) and (
            "|" in item or ";" in item or "  " in item or "\t" in item) else None
        if fields is None and isinstance(item, str):
            fields = _fields_a_space_apart(item, spec)
        apart.extend(fields or [item])
    return values_above_labels(_colons_put_back(_csv_rows_apart(apart, spec), spec), spec)


# A table whose header row puts the answers before the questions ("Answer | Question"): the
# rows under it hold each value in the first cell and its label in the second.
_ANSWER_HEADS = frozenset({"answer", "answers", "response", "responses", "value", "values",
                           "details", "information"})
_QUESTION_HEADS = frozenset({"question", "questions", "field", "fields", "label", "item"})


def _answers_before_questions(items: list[Item]) -> list[Item]:
    """The items with the rows under an "Answer | Question" header turned label first (and
    the header dropped), until the table ends; else the items as they are."""
    turned: list[Item] = []
    under = False
    for item in items:
        if isinstance(item, Row) and len(item.cells) == 2:
            heads = [" ".join(cell.casefold().split()).strip(" :") for cell in item.cells]
            if heads[0] in _ANSWER_HEADS and heads[1] in _QUESTION_HEADS:
                under = True
                continue
            if under:
                turned.append(Row((item.cells[1], item.cells[0])))
                continue
        under = under and isinstance(item, Row)
        turned.append(item)
    return turned


# A paper form typed up as it was printed: each answer on a line with its caption under it,
# the pairs apart by blank lines ("Leah Marrick" over "Child's name"). Read when at least
# this many pairs are so, and no label alone on its line sits anywhere else (above a value,
# as a label over its answer does): then each pair is that label and its value.
_PAIRS_ABOVE_LABELS = 4


def values_above_labels(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with each value typed above its label made `Label: value`, when every label
    alone on its line is the second of two lines set apart by blank lines; else unchanged."""
    blocks: list[tuple[int, int]] = []  # [start, end) of each run of lines between blanks
    start = 0
    for index in range(len(items) + 1):
        item = items[index] if index < len(items) else ""
        if not isinstance(item, str) or not item.strip():
            if index > start:
                blocks.append((start, index))
            start = index + 1
    pairs: list[int] = []  # where each value line is
    for first, end in blocks:
        alone = [spec.field_for_label(str(items[index]).strip().rstrip(":")) is not None
                 for index in range(first, end)]
        if not any(alone):
            continue
        if end - first != 2 or alone != [False, True] or ":" in str(items[first]):
            return items  # a label over its value, or a block of labels: not this layout
        pairs.append(first)
    if len(pairs) < _PAIRS_ABOVE_LABELS:
        return items
    turned = list(items)
    for first in pairs:
        label = str(items[first + 1]).strip().rstrip(":")
        turned[first], turned[first + 1] = f"{label}: {str(items[first]).strip()}", ""
    return turned


# A system's export pasted as CSV: a header row of the form's labels ("Child's name,Date of
# birth,Gender,…") over one row of values, a value holding commas in double quotes.
_CSV_LINE_CHARS = 20_000
_CSV_CELLS = 3


def _csv_rows_apart(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with a CSV header row of labels and the row of values under it made the
    tab-separated rows they are (read as a table's top row over its row of values)."""
    out: list[Item] = list(items)
    for index in range(len(items) - 1):
        header, values = items[index], items[index + 1]
        if not (isinstance(header, str) and isinstance(values, str) and "," in header
                and "\t" not in header and "\t" not in values
                and len(header) <= _CSV_LINE_CHARS and len(values) <= _CSV_LINE_CHARS):
            continue
        labels = _csv_cells(header)
        if labels is None or len(labels) < _CSV_CELLS or not all(
                label and spec.field_for_label(label) is not None for label in labels):
            continue
        cells = _csv_cells(values)
        if cells is None or len(cells) != len(labels):
            continue
        out[index], out[index + 1] = "\t".join(labels), "\t".join(cells)
    return out


def _csv_cells(line: str) -> list[str] | None:
    try:
        rows = list(csv.reader([line.strip()]))
    except csv.Error:
        return None
    return [cell.strip() for cell in rows[0]] if len(rows) == 1 else None


def _colons_put_back(items: list[Item], spec: FormSpec) -> list[Item]:
    """The items with a phone's fields typed without colons given theirs: two lines or more
    in a row, each a label and its value, one the decision ("decision offer" over "fee 4850
    pw" over "start 14/12"). A line alone, or a run with no decision, is left as written."""
    if "decision" not in spec.keys:
        return items  # a form without a decision (the referral's): nothing to look for
    labelled = [_label_without_colon(item, spec) if isinstance(item, str) else None
                for item in items]
    put_back: list[Item] = list(items)
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and labelled[end] is not None:
            end += 1
        run = [found for found in labelled[start:end] if found is not None]
        if len(run) >= _FIELDS_IN_A_ROW and any(key == "decision" for key, _ in run):
            put_back[start:end] = [line for _, line in run]
        start = end + 1
    return put_back


_FIELDS_IN_A_ROW = 2
_LABEL_WORDS = 3
_WITHOUT_COLON_CHARS = 80


def _label_without_colon(line: str, spec: FormSpec) -> tuple[str, str] | None:
    """(its field's key, `Label: value`) for a short line with no colon or tab that opens
    with a form's label, one to three words, and goes on with a value; else None."""
    if ":" in line or "\t" in line or len(line) > _WITHOUT_COLON_CHARS:
        return None  # (a line of cells between tabs is a table's row)
    words = line.split()
    for count in range(min(_LABEL_WORDS, len(words) - 1), 0, -1):
        label = " ".join(words[:count])
        found = spec.field_for_label(label)
        if found is not None:
            return found.key, f"{label}: {' '.join(words[count:])}"
    return None


# A table typed with pipes, or in Markdown: "Decision | Weekly fee | Start date" over
# "Offer | £4,900 | 14/12/26"; "|---|---|" is the rule under its header.
_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_A_RULE_ROW = re.compile(r"[ \t|:+]*-[ \t|:+\-]*")


# A line a Markdown table draws, a pipe at each end: "| Child's name | Ava Elstob |".
_LINE_OF_A_MARKDOWN_TABLE = re.compile(r"[ \t]*\|.*\|[ \t]*")


def _between_pipes(line: str) -> list[str] | None:
    """The cells of a line that pipes divide, or None."""
    if "|" not in line:
        return None
    cells = _PIPE.split(line.strip().strip("|").strip())
    return cells if len(cells) >= 2 else None


def _all_labels(cells: list[str], spec: FormSpec) -> bool:
    """Whether every cell is a form's label alone (a header row), none with a value."""
    return all(cell and ":" not in cell.rstrip(":") and spec.field_for_cell(cell) is not None
               for cell in cells)


def _fields_side_by_side(line: str, spec: FormSpec) -> list[str] | None:
    """The line's fields, one `Label: value` each, when every part of it is a form's field."""
    if (in_columns := _labels_and_values_in_columns(line, spec)) is not None:
        return in_columns
    parts = _SIDE_BY_SIDE.split(line.strip(" \t|;"))
    if len(parts) < 2:
        return None
    fields: list[str] = []
    known = 0
    for number, part in enumerate(parts):
        labelled = _LABELLED_PART.fullmatch(part.strip())
        if number == 0 and labelled and spec.field_for_label(labelled[1].strip()) is None and (
                inner := _LABELLED_PART.fullmatch(labelled[2].strip())):
            labelled = inner  # "Referral details as requested: Child's name: Ruby …; …"
        if labelled is None and fields and ";" in line and ":" not in part:
            fields[-1] += f"; {part.strip()}"  # "Family members: Kerry (mother); Dean (father)"
            continue
        if labelled is None:
            return None
        label = labelled[1].strip()
        if spec.field_for_label(label) is not None:
            known += 1
        elif normalise_label(label) == _FROM_BESIDE_FIELDS and fields:
            label, known = _AS_A_START, known + 1
        elif len(label.split()) > _UNKNOWN_LABEL_WORDS or len(part) > _UNKNOWN_PART_CHARS:
            return None
        fields.append(f"{label}: {labelled[2].strip()}")
    return fields if len(fields) >= 2 and known >= min(_KNOWN_BESIDE, len(fields)) else None


# A phone's form, every field on one line a space apart ("Child's name: Maisie Example Date of
# birth: 17/05/2011 Gender: F …"): a colon ends a label only where a space or the line's end
# follows it ("10:30" is a time), and the label is the longest run of the words before it
# that is one of the form's labels.
_A_LABELS_COLON = re.compile(r":(?=\s|$)")
_MOST_LABEL_WORDS = 6
_MOST_COLONS = 60
_WORD = re.compile(r"\S+")


def _fields_a_space_apart(line: str, spec: FormSpec) -> list[str] | None:
    """The line's fields, one `Label: value` each, when it opens with a form's label and a
    colon and holds at least one more, capitalised as a form prints it, with only a space
    before it; None otherwise. A lower-case word before a colon inside a value ("Needs:
    support with gender: identity") is the value's, not a label, and so is a word no field
    knows."""
    colons = [found.start() for found in _A_LABELS_COLON.finditer(line[:MAX_LINE_CHARS])]
    if len(colons) < _FIELDS_IN_A_ROW or len(colons) > _MOST_COLONS or spec.field_for_label(
            line[:colons[0]].strip()) is None:
        return None
    starts = [len(line) - len(line.lstrip())]
    for before, colon in zip(colons, colons[1:], strict=False):
        words = [found.start()
                 for found in _WORD.finditer(line, before + 1, colon)][-_MOST_LABEL_WORDS:]
        start = next((start for start in words
                      if line[start].isupper() and spec.field_for_label(line[start:colon])),
                     None)
        if start is not None:
            starts.append(start)
    if len(starts) < _FIELDS_IN_A_ROW:
        return None
    return [line[start:end].strip() for start, end in zip(starts, [*starts[1:], len(line)],
                                                          strict=True)]


MAX_LINE_CHARS = 20_000


def _labels_and_values_in_columns(line: str, spec: FormSpec) -> list[str] | None:
    """A form pasted from a PDF, its labels and values in columns of spaces with no colons
    ("Child's name      Jack Yeadon      Date of birth      14/03/2012"): `Label: value`
    for each pair, when every other part is a label and the parts between are none."""
    if ":" in line or "|" in line:
        return None  # (a value may hold semicolons: "Needs      CSE; missing episodes")
    parts = [part.strip() for part in _COLUMNS.split(line.strip())]
    if len(parts) < 2 or len(parts) % 2 or not all(
            spec.field_for_label(label) is not None for label in parts[::2]) or any(
            spec.field_for_label(value) is not None for value in parts[1::2]):
        return None
    return [f"{label}: {value}" for label, value in zip(parts[::2], parts[1::2], strict=True)]


_COLUMNS = re.compile(r" {3,}")
_HEADER_CELLS = 3  # "Home⇥Decision⇥Weekly fee": a table's header row, each cell a label
ROWS_UNDER_A_HEADER = 2  # "Home⇥Answer" over two homes' rows


def header_row(cells: tuple[str, ...], spec: FormSpec, below: list[tuple[str, ...]]) -> bool:
    """Whether a row (or a line's tab-separated cells) is a table's header row, not labels
    with their values: every cell a label ("Home⇥Decision⇥Weekly fee⇥Start"), or, in a reply,
    a label first over two rows as wide (one, for three columns or more) that each give a
    decision under a first cell that is no label ("Home⇥Answer" over "Cedar House⇥No
    vacancy" and "Elm Court⇥Interested")."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < 2 or spec.field_for_cell(filled[0]) is None:
        return False
    if len(filled) >= _HEADER_CELLS and all(
            spec.field_for_cell(cell) is not None for cell in filled):
        return True
    # "Service⇥Response⇥Rate⇥From" over one home's row; "Home⇥Answer" over two
    wanted = 1 if len(filled) >= _HEADER_CELLS else ROWS_UNDER_A_HEADER
    below = below[:wanted]
    return "decision" in spec.keys and len(below) == wanted and all(
        len(row) == len(cells) and row[0].strip() and spec.field_for_cell(row[0].strip()) is None
        and any(_a_decision(cell, spec) for cell in row[1:]) for row in below)


def _a_decision(cell: str, spec: FormSpec) -> bool:
    """Whether a cell gives a reply's decision ("Interested", "No vacancy")."""
    return bool(cell.strip()) and (spec.code_for("decision", cell.strip()) is not None
                                   or spec.prose_meaning(cell) is not None)


_A_MARK = re.compile(rf"[{EMPTY_BOX}{TICKED_BOX}{TICK}{CROSS}xX]|\[ ?[xX]? ?\]"
                     r"|yes|no|y|n|true|false", re.IGNORECASE)
_MOST_GROUPED = 60


def grouped_rows_apart(items: list[Item], spec: FormSpec) -> list[Item]:
    """A group cell's rows as a field each, and tick rows under a list field's heading row
    as that field (see the module docstring)."""
    if not any(isinstance(item, Row) for item in items):
        return items
    apart: list[Item] = []
    at = 0
    while at < len(items):
        item = items[at]
        at += 1
        if isinstance(item, Row) and (fields := _group_apart(item.cells, spec)) is not None:
            apart.extend(fields)
            continue
        if isinstance(item, Row) and len([c for c in item.cells if c]) == 1 and (
                field := spec.field_for_label(next(c for c in item.cells if c))) is not None and (
                field.kind == "codes"):
            end = at
            while (end < len(items) and end - at < _MOST_GROUPED and isinstance(
                    row := items[end], Row) and len(row.cells) == 2 and 0 < len(
                    row.cells[0]) <= _CHOICE_CHARS and "\n" not in row.cells[0]
                    and _A_MARK.fullmatch(row.cells[1].strip())):
                end += 1
            if end - at >= 2:
                choices = "\n".join(f"{row.cells[0]} {row.cells[1].strip()}"
                                    for row in items[at:end] if isinstance(row, Row))
                apart.append(Row((next(c for c in item.cells if c), choices)))
                at = end
                continue
        apart.append(item)
    return apart


_CHOICE_CHARS = 80


def _group_apart(cells: tuple[str, ...], spec: FormSpec) -> list[Item] | None:
    """"Placement | Type\nUrgency | Solo residential\nEmergency" (a group cell merged down
    beside its rows) as a row for each field; None unless every sub-label names a field."""
    if len(cells) != 3 or "\n" in cells[0] or not cells[0].strip():
        return None
    labels, values = cells[1].split("\n"), cells[2].split("\n")
    if not 2 <= len(labels) <= _MOST_GROUPED or len(labels) != len(values):
        return None
    rows: list[Item] = []
    named: set[str] = set()
    for label, value in zip(labels, values, strict=True):
        whole = f"{cells[0].strip()} {label.strip()}"
        field = spec.field_for_label(whole)
        if field is None:
            whole, field = label.strip(), spec.field_for_label(label)
        if field is None or field.key in named:
            return None
        named.add(field.key)
        rows.append(Row((whole, value)))
    return rows
