"""A referral form's tick boxes: of a list of choices, only the ticked ones are the answer.

Word referral forms print every choice with a box: `☒ SEMH ☐ ASD ☒ CSE risk`, `Male ☐ /
Female ☒`, `[x] Female [ ] Male`. Read as written, the unticked choices would count too
(a need the child does not have, the wrong gender). A value with two or more boxes is read
as its ticked choices only; the boxes stand before their choices when the value starts with
one, and after them otherwise.
"""

from __future__ import annotations

import re

_BOX = re.compile(r"\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\)|[☐☒☑✓✔✅]")
_TICK = re.compile(r"[xX✓✔☒☑✅]")
_SEPARATORS = " \t\r\n/|,;:-"


def ticked_choices(raw: str) -> str | None:
    """The ticked choices, joined by ", " ('' when none is ticked); None when the value is
    no list of tick boxes and is read as written."""
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
