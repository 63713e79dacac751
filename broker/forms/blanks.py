"""The response form pasted back unanswered: a field's list of choices is not an answer.

The broadcast prints `Decision: (offer / interested / decline)` and `Decline reason: (if
declining: no-vacancy / … / other)` so that a provider can see the choices. A provider who
pastes the form and writes "we'll come back to you after our meeting" has chosen none of them,
so that line must not be read as a decision (the choices include "interested" and
"decline"). A provider who marks one choice (`*offer*`, `[x] offer`, `OFFER / interested /
decline`, `offer (offer / interested / decline)`) or deletes the others has answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from broker.forms.spec import FieldSpec, FormSpec
from broker.forms.ticks import EMPTY_BOX, TICK, TICKED_BOX
from broker.forms.words import normalise_label

# Choices are separated by a slash, a bar or "or", or each stands after its own tick box
# ("[x] offer [ ] interested [ ] decline", "☒ offer ☐ decline").
_CHOICE_SEPARATOR = re.compile(
    rf"\s*(?:/|\||\bor\b)\s*|\s+(?=\[\s*[xX{TICK}]?\s*\]|[{EMPTY_BOX}{TICKED_BOX}])", re.IGNORECASE)
_BRACKETED = re.compile(r"[(\[]([^()\[\]]{0,300})[)\]]")
_LEAD_IN = re.compile(r"^[^:]{0,40}:\s*")  # "if declining: no-vacancy / …"
_MARK = re.compile(rf"\[\s*[xX{TICK}]\s*\]|\(\s*[xX{TICK}]\s*\)|[{TICK}{TICKED_BOX}]"
                   r"|<-+|<<|\*{1,2}|^_|_$|^[xX]\s")
_EMPTY_BOX = re.compile(rf"\[\s*\]|{EMPTY_BOX}")
_LABEL_SEARCH_CHARS = 120
# A field whose answer may name more than one of its choices: "Decline reason: no-vacancy /
# location" gives two reasons (the first is recorded), where the list pasted back unanswered
# names all of them. Unmarked, up to half its choices are an answer, more are the list.
_SEVERAL_MAY_BE_NAMED = frozenset({"decline_reason"})


@dataclass(frozen=True)
class Choices:
    """What a value holding a list of choices says: `chosen` is None when none is marked."""

    chosen: str | None


def read_choices(field_spec: FieldSpec, raw: str, spec: FormSpec) -> Choices | None:
    """The value as a list of the field's choices, or None when it is an ordinary value."""
    if field_spec.kind != "code" or len(raw) > 400:
        return None
    inside = [m.group(1) for m in _BRACKETED.finditer(raw)]
    outside = _BRACKETED.sub(" ", raw).strip(" \t-:,.")
    for candidate in [*inside, raw]:
        items = _items(candidate)
        codes = [spec.code_for(field_spec.key, _unmarked(item), exact=True) for item in items]
        known = [code for code in codes if code is not None]
        if len(set(known)) < 2 or len(known) * 3 < len(items) * 2:
            continue
        if _names_several(field_spec, items, set(known)):
            return None
        if candidate is not raw and outside:  # "offer (offer / interested / decline)"
            return Choices(spec.code_for(field_spec.key, outside))
        marked = [code for item, code in zip(items, codes, strict=True)
                  if code is not None and _is_marked(item, items)]
        return Choices(marked[0] if len(set(marked)) == 1 else None)
    return None


def _names_several(field_spec: FieldSpec, items: list[str], known: set[str]) -> bool:
    """Whether unmarked choices are the provider's answer naming several ("no-vacancy /
    location"), not the field's list pasted back."""
    return (field_spec.key in _SEVERAL_MAY_BE_NAMED and len(known) * 2 <= len(field_spec.code_list)
            and not any(_MARK.search(item) or _EMPTY_BOX.search(item) for item in items))


def _items(text: str) -> list[str]:
    text = _LEAD_IN.sub("", text.strip(), count=1)
    return [item.strip(" \t.,;") for item in _CHOICE_SEPARATOR.split(text) if item.strip()]


def _unmarked(item: str) -> str:
    return _EMPTY_BOX.sub(" ", _MARK.sub(" ", item)).strip()


def _is_marked(item: str, items: list[str]) -> bool:
    """Ticked or starred, or the only one in capitals among lower-case choices."""
    if _MARK.search(item):
        return True
    letters = [i for i in items if any(ch.isalpha() for ch in i)]
    return item.isupper() and len(item) > 1 and sum(i.isupper() for i in letters) == 1


def without_blank_choices(text: str, spec: FormSpec) -> str:
    """The text without the lines whose value is an unanswered list of choices, so that the
    words of the choices ("interested", "no-vacancy") are not read as the reply's prose."""
    kept = []
    for line in text.split("\n"):
        colon = line.find(":", 0, _LABEL_SEARCH_CHARS)
        field = spec.field_for_label(line[:colon]) if colon > 0 else None
        if field is not None and normalise_label(line[:colon]):
            choices = read_choices(field, line[colon + 1 :], spec)
            if choices is not None and choices.chosen is None:
                continue
        kept.append(line)
    return "\n".join(kept)
