"""Family members as a referral lists them: `Name (relationship); Name (relationship)`.

Social workers also write one person a line, separate people with commas, or put the
relationship first (`Mother: Sam Example`) or after a dash (`Sam Example - mother`), or give
a table of them (`Name | Relationship | Age`, read by `family_from_rows`). A list a mail
client hard-wrapped ("…; Kyle⏎Pemberton (brother)") is joined again first. Every name found
matters: anonymisation removes each of them from the broadcast.
"""

from __future__ import annotations

import re

from broker.referral import FamilyMember

_RELATION = (
    r"(?:(?:half|step|birth|foster|adoptive|maternal|paternal|great|twin|older|younger|elder"
    r"|biological)[\s-]+)*"
    r"(?:mother|father|mum|mom|dad|parent|parents|brother|sister|sibling|son|daughter|"
    r"grandmother|grandfather|grandma|grandad|granddad|grandparent|nan|nana|gran|grandpa|"
    r"aunt|auntie|aunty|uncle|cousin|niece|nephew|carer|guardian|partner|boyfriend|"
    r"girlfriend|stepmother|stepfather|stepbrother|stepsister|godmother|godfather|friend|"
    r"family friend|baby|child)"
)
_RELATION_WORD = re.compile(rf"(?<![^\W_]){_RELATION}(?![^\W_])", re.IGNORECASE)
# One relative's relative: "mother's partner", "dad’s girlfriend" (not the mother herself).
_RELATIVES_RELATIVE = re.compile(rf"(?<![^\W_]){_RELATION}['’]s\s+{_RELATION}(?![^\W_])",
                                 re.IGNORECASE)
_BRACKETED = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<rel>[^()]*)\)\s*(?P<rest>.*)$")
_RELATION_FIRST = re.compile(
    rf"^(?P<rel>{_RELATION})(?:\s*[:\-\u2013\u2014,]\s*|\s+(?=[A-Z]))(?P<name>.+)$", re.I)
_NO_NAME = re.compile(r"^(?:aged\s+)?\d{1,3}(?:\s*(?:years?|yrs?)(?:\s+old)?)?$", re.I)
_RELATION_AFTER = re.compile(
    rf"^(?P<name>.+?)\s*[:\-\u2013\u2014,]\s*(?P<rel>{_RELATION})\W*$", re.IGNORECASE
)
_ANY_BRACKET = re.compile(r"\(([^()]*)\)")
# Words that join a name to another of the same person's: "Darren Vance aka Daz".
_ALIAS_WORDS = re.compile(r"(?<![^\W_])(?:aka|a\.k\.a\.?|also known as|known as|n[ée]e)(?![^\W_])",
                          re.IGNORECASE)
_ENTRY_BREAK = re.compile(r"[;\n]")
# A family table's header cells: "Name", "Full name", "Relationship (to child)", "Relation".
_HEADER_CELL = re.compile(r"(?:full\s+)?names?|relation(?:ship)?\b.*", re.IGNORECASE)
_BULLET = " \t-*\u2022\u00b7."


_TABLE_LINE = re.compile(r"^\s*\|?[^|\n]+(?:\|[^|\n]*)+\|?\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+\-=]*$")  # a markdown table's "|---|---|"


def parse_family(text: str) -> list[FamilyMember]:
    """Each person listed, with their relationship lower-case ('' when none is given)."""
    lines = [line for line in text[:5000].split("\n") if line.strip()]
    if lines and all(_TABLE_LINE.match(line) for line in lines):
        # A table typed as text ("Name | Relationship | Age", markdown): its rows, not its
        # header's words, are the people ("Relationship" is nobody's name).
        text = family_from_rows([tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
                                 for line in lines if not _TABLE_RULE.match(line)])
    members: list[FamilyMember] = []
    for chunk in _ENTRY_BREAK.split(_unwrapped(text[:5000])):
        for entry in _split_commas(chunk.strip(_BULLET)):
            member = _member(entry.strip(_BULLET + ","))
            if member is not None and member not in members:
                members.append(member)
    return members


def _unwrapped(text: str) -> str:
    """The list with the breaks a mail client wrapped it at joined again: "…; Kyle⏎Pemberton
    (brother); …" is one person. A break is a wrap only in a list that separates its people
    with ";" or "," along its lines, after a long line (as a client wraps) whose last person
    is still unfinished (no separator, bracket or relationship after the name), and before a
    line that opens no entry of its own (a bullet, "Mother: …")."""
    lines = text.split("\n")
    if len(lines) < 2 or not any(_SEPARATED.search(line) for line in lines):
        return text
    joined = [lines[0]]
    for line in lines[1:]:
        above = joined[-1]
        last = re.split(r"[;,]", above)[-1]
        if (len(above.strip()) >= _WRAPPED_AT_LEAST and line.strip()
                and not above.rstrip().endswith((";", ",", ")"))
                and "(" not in last and not _RELATION_WORD.search(last)
                and not line.lstrip().startswith(tuple(_BULLET.strip()))
                and not _RELATION_FIRST.match(line.strip())):
            joined[-1] = f"{above.rstrip()} {line.strip()}"
        else:
            joined.append(line)
    return "\n".join(joined)


# A list separating people along a line: "Dawn Example (mother); Lee Example (brother)".
_SEPARATED = re.compile(r"[;,]\s*\S")
_WRAPPED_AT_LEAST = 40  # a shorter line was broken by its writer, not wrapped by a client


def family_from_rows(rows: list[tuple[str, ...]]) -> str:
    """A table of family members as the list's own text: `Dawn Example (Mother, 38); …`.

    A header row ("Name | Relationship | Age") is left out; the name is the first column
    that is not the relationship, whichever order the columns are in, and the other cells
    follow it in brackets, where the relationship is read from them."""
    cells = [[" ".join(cell.split()) for cell in row] for row in rows]
    if cells and any(_HEADER_CELL.fullmatch(cell) for cell in cells[0]):
        cells = cells[1:]
    relation_columns = {index for row in cells for index, cell in enumerate(row)
                        if _RELATION_WORD.fullmatch(cell)}
    entries = []
    for row in cells:
        at = next((index for index, cell in enumerate(row)
                   if cell and index not in relation_columns), None)
        if at is None:
            continue
        others = [cell for index, cell in enumerate(row) if cell and index != at]
        entries.append(f"{row[at]} ({', '.join(others)})" if others else row[at])
    return "; ".join(entries)


def _split_commas(chunk: str) -> list[str]:
    """Commas outside brackets separate people; a relationship after a comma stays attached."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(chunk):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0:
            pieces.append(chunk[start:index])
            start = index + 1
    pieces.append(chunk[start:])
    merged: list[str] = []
    leading = ""  # "Half-brother, Sam Example": the relationship before the name
    for piece in pieces:
        if _NO_NAME.match(piece.strip()):
            continue  # "Sam Example, 15": an age, not a person
        if _RELATION_WORD.fullmatch(piece.strip()):
            if merged and not leading:
                merged[-1] += "," + piece  # "Sam Example, mother"
            else:
                leading = piece.strip()
            continue
        merged.append(f"{leading}: {piece.strip()}" if leading else piece)
        leading = ""
    return merged


def _member(entry: str) -> FamilyMember | None:
    entry = _ALIAS_WORDS.sub(" ", _nickname_brackets_opened(" ".join(entry.split())))
    entry = " ".join(entry.split())
    if not entry:
        return None
    if match := _BRACKETED.match(entry):
        name = (match["name"] or match["rest"]).strip(" -:,")
        relationship = _relationship(match["rel"])
        if first := _RELATION_FIRST.match(name):  # "Father: Dean Example (no contact)"
            name = first["name"].strip()
            relationship = relationship if _RELATION_WORD.search(match["rel"]) else (
                _relationship(first["rel"]))
        return FamilyMember(name, relationship) if name else None
    if match := _RELATION_FIRST.match(entry):
        return FamilyMember(match["name"].strip(), _relationship(match["rel"]))
    if match := _RELATION_AFTER.match(entry):
        return FamilyMember(match["name"].strip(), _relationship(match["rel"]))
    return FamilyMember(entry, "")


def _nickname_brackets_opened(entry: str) -> str:
    """"Marguerite (Maggie) O'Neill (mother)": a bracket that holds no relationship, with
    another that does, is part of the name (a nickname), so its brackets go."""
    brackets = list(_ANY_BRACKET.finditer(entry))
    if len(brackets) < 2 or not any(_RELATION_WORD.search(b[1]) for b in brackets):
        return entry
    for bracket in reversed(brackets):
        if not _RELATION_WORD.search(bracket[1]):
            entry = f"{entry[:bracket.start()]} {bracket[1]} {entry[bracket.end():]}"
    return entry


def _relationship(text: str) -> str:
    """The relationship word(s) in the text (`mother, lives locally` is `mother`; `mother's
    partner` is that)."""
    found = _RELATIVES_RELATIVE.search(text) or _RELATION_WORD.search(text)
    return " ".join((found.group() if found else text).lower().split())
