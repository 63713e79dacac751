"""A reply that answers the response form as a numbered list, its items in the form's order.

Some homes answer our response form without its labels, numbering their answers in the
form's order (replies round 65 n01):

    1. Offer
    2. Oakfield House
    3. SC654321
    4. Good
    5. Waltham Forest
    6. £4,900 per week
    7. None
    8. 14/12/2026
    …

Rule `numbered-form-read`: a list numbered 1, 2, 3 … whose first item is one of the form's
decisions ("Offer", "Decline", "Interested") and that runs at least as far as the form's
start ("Available from") and no further than its last field is the form's fields answered
in order: each item is read as its field's "Label: value" line, so the home's own name in
item 2 is its "Home or carer", never another home heading the lines under it, and item 5's
place ("Waltham Forest") is its location. An item that is only a dash is left unanswered.
Any other list (its first item no decision, or shorter: "1. Yes / 2. £4,900 per week / 3.
14/12/2026") is the reply's own numbering, read as prose; and in such a list of the home's
terms (an item a fee, none a no), the one item that is a day alone ("3. 14/12/2026", "3. Mon
14th Dec") is its start (rule `numbered-day-is-start`, round 65 n02): a day set down alone
among the terms has no other meaning.
"""

from __future__ import annotations

import re

from broker.forms.spec import FormSpec

_ITEM = re.compile(r"^[ \t]*(?P<number>\d{1,2})[.)](?:[ \t]+(?P<value>.*?))?[ \t]*$")
_ONLY_A_DASH = re.compile(r"^[-\u2013\u2014_]*$")
_LAST_WORD_MARK = re.compile(r"[ \t]*[.,;:!]+$")


def numbered_form_as_labelled(text: str, spec: FormSpec) -> str | None:
    """The text with the form answered as a numbered list in its fields' order rewritten as
    the form's "Label: value" lines, or None when it holds no such list."""
    lines = text.split("\n")
    items: list[tuple[int, str]] = []  # (line, value) of item 1, 2, 3 …
    for at, line in enumerate(lines):
        item = _ITEM.match(line)
        if item is None:
            continue  # a blank line, or an item's words running on
        if int(item["number"]) == len(items) + 1 and (items or _a_decision(item["value"], spec)):
            items.append((at, item["value"] or ""))
        elif items:
            break  # another list, or another numbering
    keys = [field.key for field in spec.fields]
    if "available_from" not in keys or not (
            keys.index("available_from") < len(items) <= len(spec.fields)):
        return None
    for (at, value), field in zip(items, spec.fields, strict=False):
        lines[at] = "" if _ONLY_A_DASH.match(value) else f"{field.label}: {value}"
    return "\n".join(lines)


def _a_decision(value: str | None, spec: FormSpec) -> bool:
    """Whether an item is one of the form's decisions: "Offer", "Decline.", "Interested"."""
    decision = spec.fields[0] if spec.fields else None
    if not value or decision is None or decision.key != "decision":
        return False
    said = _LAST_WORD_MARK.sub("", value).casefold()
    return any(said == name.casefold() for names in decision.codes.values() for name in names)


_A_DAY_ALONE = re.compile(
    r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:[ \t]+\d{4})?)[ \t]*\.?$")
_A_FEE_ITEM = re.compile(r"£[ \t]?\d")
# An item that says no: the list is no offer's terms, and its day is not read as a start.
_A_NO_ITEM = re.compile(r"(?i)\b(?:no|not|declin\w*|unable|can['’]?t|cannot|full|withdraw\w*)\b")


def day_listed_alone(text: str) -> str | None:
    """The day of the one item that is a day alone, in a numbered list of the home's terms
    (one of its items a fee): "1. Yes / 2. £4,900 per week / 3. 14/12/2026" gives
    "14/12/2026"; None when no item, or more than one, is a day alone."""
    values = [item["value"] or "" for line in text.split("\n") if (item := _ITEM.match(line))]
    days = [value for value in values if _A_DAY_ALONE.match(value)]
    if len(days) != 1 or not any(_A_FEE_ITEM.search(value) for value in values) or any(
            _A_NO_ITEM.search(value) for value in values):
        return None
    return days[0]
