"""A referral form's tick boxes: of a list of choices, only the ticked ones are the answer.

Word referral forms print every choice with a box: `☒ SEMH ☐ ASD ☒ CSE risk`, `Male ☐ /
Female ☒`, `[x] Female [ ] Male`. Read as written, the unticked choices would count too
(a need the child does not have, the wrong gender). A value with two or more boxes is read
as its ticked choices only; the boxes stand before their choices when the value starts with
one, and after them otherwise.

A list answered line by line is read the same way: `CSE: No` over `CCE / county lines: Yes`
over `Missing episodes: Yes` (or a table's `CSE | Yes` rows) is CCE and missing episodes;
every line (or part between semicolons: "SEMH – yes; CSE – yes; self-harm – no") must end
in its yes or no for the list to be read so. A spreadsheet's TRUE and FALSE ("SEMH<TAB>TRUE")
are its yes and no. So is a Word form's row with a box after (or before) each of the words
Yes and No ("SEMH  Yes☒ No☐", "CCE  ☐ Yes ☒ No", "[x] / [ ]", "■ / □"): the word whose box
alone is ticked is the answer.

The marks themselves (empty and ticked boxes, ticks, crosses) are named here once, and every
other reading of them (a response's decision boxes, a Word form's symbol fonts, a checklist of
ticks and crosses) builds its patterns from these names.
"""

from __future__ import annotations

import re

# The marks forms and replies use, by what they say. Every reading of boxes, ticks and
# crosses builds its patterns from these, so a mark learnt once is read everywhere.
EMPTY_BOX = "\u2610"  # ☐
TICKED_BOX = "\u2612\u2611"  # ☒ ☑
TICK = "\u2713\u2714\u2705"  # ✓ ✔ ✅
CROSS = "\u2717\u2718\u274c\u274e\u2715\u2716\u2613"  # ✗ ✘ ❌ ❎ ✕ ✖ ☓

# A tick or a cross after each choice marks it too: "SEMH ✓  ASD ✗": a cross is a no.
_BOX = re.compile(rf"\[\s*[xX{TICK}]?\s*\]|\(\s*[xX{TICK}]?\s*\)"
                  rf"|[{EMPTY_BOX}{TICKED_BOX}{TICK}{CROSS}]")
_TICK = re.compile(rf"[xX{TICKED_BOX}{TICK}]")
_SEPARATORS = " \t\r\n/|,;:-"


# A choice and its answer on a line: "CSE: No", "Self-harm | Yes", "SEMH - Y", "Missing Yes".
_ANSWERED = re.compile(r"(?P<choice>[^\n]{1,80}?)[ \t]*(?:[:|\t\-\u2013][ \t]*|[ \t])"
                       r"(?P<answer>yes|no|y|n|true|false)[ \t.]*", re.IGNORECASE)
_YES = frozenset({"yes", "y", "true"})  # a spreadsheet's TRUE and FALSE are its yes and no
# A box beside each of Yes and No: "SEMH  Yes☒ No☐", "CCE  ☐ Yes ☒ No", "Self-harm Yes [ ] No [x]".
_FILLED, _HOLLOW = "\u25a0", "\u25a1"  # ■ □, as a PDF or a Word symbol font prints them
_A_YES_NO_BOX = (rf"(?:\[[ \t]?[xX{TICK}]?[ \t]?\]|[{EMPTY_BOX}{TICKED_BOX}{TICK}"
                 rf"{_FILLED}{_HOLLOW}])")
_BOXED_YES_NO = re.compile(
    rf"(?P<choice>[^\n]{{1,80}}?)[ \t:|\-\u2013]+"
    rf"(?:yes[ \t]*(?P<yes>{_A_YES_NO_BOX})[ \t/|,]*no[ \t]*(?P<no>{_A_YES_NO_BOX})"
    rf"|(?P<yes_first>{_A_YES_NO_BOX})[ \t]*yes[ \t/|,]*(?P<no_first>{_A_YES_NO_BOX})[ \t]*no)"
    rf"[ \t.]*", re.IGNORECASE)
_A_TICKED_BOX = re.compile(rf"[xX{TICKED_BOX}{TICK}{_FILLED}]")


def ticked_choices(raw: str) -> str | None:
    """The ticked choices, joined by ", " ('' when none is ticked); None when the value is
    no list of tick boxes and is read as written."""
    if (answered := _answered_choices(raw)) is not None:
        return answered
    boxes = list(_BOX.finditer(raw))
    if len(boxes) < 2:
        return None
    leading = not raw[:boxes[0].start()].strip(_SEPARATORS)
    edges = [0, *(b.start() for b in boxes), len(raw)]
    choices = []
    for number, box in enumerate(boxes):
        if leading:
            label = raw[box.end():edges[number + 2]]
        else:
            label = raw[(boxes[number - 1].end() if number else 0):box.start()]
        choices.append((label.strip(_SEPARATORS), bool(_TICK.search(box.group()))))
    return ", ".join(label for label, tick in choices if tick and label)


def opens_with_box(cell: str) -> bool:
    """Whether a table cell is one choice of a row of them: "☐ Foster care", "[x] Residential"."""
    return _BOX.match(cell.strip()) is not None


def _answered_choices(raw: str) -> str | None:
    """The choices answered yes, when every line of two or more is a choice and its yes or
    no; else None."""
    lines = [_yes_or_no_of_its_boxes(line.strip()) for line in re.split(r"[\n;]", raw)
             if line.strip()]
    if len(lines) < 2 or len(lines) > _MOST_LINES:
        return None
    answers = [_ANSWERED.fullmatch(line) for line in lines]
    if not all(answers):
        return None
    return ", ".join(found["choice"].strip(_SEPARATORS) for found in answers
                     if found is not None and found["answer"].lower() in _YES)


_MOST_LINES = 60


def _yes_or_no_of_its_boxes(line: str) -> str:
    """"SEMH  Yes☒ No☐" as "SEMH: Yes", "CCE  Yes☐ No☒" as "CCE: No": the word whose box
    alone is ticked. A line with neither or both ticked, or no such boxes, is left as it is
    (and so is no answer)."""
    boxed = _BOXED_YES_NO.fullmatch(line) if len(line) <= _MOST_LINE_CHARS else None
    if boxed is None:
        return line
    yes = _A_TICKED_BOX.search(boxed["yes"] or boxed["yes_first"]) is not None
    no = _A_TICKED_BOX.search(boxed["no"] or boxed["no_first"]) is not None
    if yes == no:
        return line
    return f"{boxed['choice'].strip(_SEPARATORS)}: {'Yes' if yes else 'No'}"


_MOST_LINE_CHARS = 200
