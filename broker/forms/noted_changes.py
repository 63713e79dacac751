"""A referral's field changed in a note outside the form: "Please note urgency has now changed
to emergency", "UPDATE: placement type is now enhanced foster care – the form below is not
yet updated", "PS – sorry, typo above: her DOB is 14/03/2013, not 2012".

Social workers resend old forms with a line above or below them rather than edit the form.
Such a note names a field by one of its labels, says the value has changed (`is now`,
`has changed to`, `should be`, `is actually`, "is wrong, it should be", or any value in a
line that says "update", "typo", "correction" or "please note", or in a sentence the label
opens: "Urgency is emergency"), and gives the new value up to the end of its clause. A few
changes need no label, their words meaning one field only: "this is now an emergency", and
in a correcting line "she needs a solo placement".
The note is read only from the lines outside every field (a narrative's "her placement type
is now …" is the story, not a change), and only for one-line fields whose value can be
compared: a code, a date, a number, a postcode ("Postcode is ZZ99 4AB, sorry" above a form
whose postcode is blank). What it says is set beside the form's value; when they
differ the social worker is asked which is right (extract.py records it as a conflict),
never one chosen for them.
"""

from __future__ import annotations

import re
from functools import cache

from broker.forms.spec import FieldSpec, FormSpec
from broker.forms.values import normalise_postcode
from broker.forms.words import normalise_label

__all__ = ["ADDED_BY_A_NOTE", "Addition", "changes_noted"]


class Addition(str):
    """A list's value a note adds to the form's rather than replaces ("she also has an ASD
    diagnosis", "needs also include CSE"), with the note's line, to quote when asking."""

    note: str

    def __new__(cls, value: str, note: str) -> Addition:
        made = super().__new__(cls, value)
        made.note = " ".join(note.split())[:_MAX_CHARS]
        return made


# How a conflict's value that is a note's addition is marked, for the reply to quote the note.
ADDED_BY_A_NOTE = "note below the form: "

_NOTED_KINDS = frozenset({"code", "date", "int", "postcode"})
_LIST_KINDS = frozenset({"codes"})  # "needs now include CSE": the list is asked about
_CHANGE = (r"(?:is|has|have|was|were)\s+(?:now\s+)?(?:been\s+)?(?:changed|amended|updated|moved|"
           r"brought\s+forward|put\s+back)\s+to|has\s+now\s+(?:become|gone\s+to)|is\s+now|should\s+"
           r"(?:be|read|say|have\s+been)|is\s+actually|now\s+needs?\s+to\s+be|is\s+(?:wrong|"
           r"incorrect)[,;]?\s+(?:it\s+)?should\s+(?:be|read|say)")
# Words between a field's name and what is said of it: "the DOB on the form is wrong", "the
# needed from date is 21/12".
_AFTER_THE_LABEL = (r"(?:\s+(?:date|given|above|below|on\s+the\s+(?:form|referral)|in\s+the\s+"
                    r"(?:form|referral)))?")
# A sentence that opens with a field's name states its value, correcting or not: "Urgency is
# emergency – police want her moved tonight".
_OPENS_A_SENTENCE = re.compile(r"(?:^|[.!?:;\u2013\u2014]|\s-)\s*(?:(?:nb|n\.b\.|note|ps)\b"
                               r"[:,.]?\s*)?(?:the\s+|her\s+|his\s+|their\s+)?$", re.IGNORECASE)
_PLAIN = r"is|=|:"  # in a line that says it corrects: "typo above: her DOB is 14/03/2013"
_CORRECTING_LINE = re.compile(r"\b(?:update[ds]?|typo|correction|corrected|amendment|please\s+"
                              r"note|apologies|sorry|forgot\s+to\s+(?:add|say|mention))\b",
                              re.IGNORECASE)
_VALUE = r"(?P<value>[^.,;:!?()\n\u2013\u2014]{1,40}?)(?=\s*(?:[.,;:!?()\n\u2013\u2014]|\s-\s|$))"
# A list's change runs to the sentence's end: "needs have now changed to SEMH, missing and CSE".
_LIST_CHANGE = (rf"{_CHANGE}|(?P<added>(?:now|also)\s+(?:also\s+)?includes?|now\s+also\s+"
                r"(?:are|include))|now\s+are")
_LIST_VALUE = (r"(?P<value>[^.;:!?()\n\u2013\u2014]{1,120}?)"
               r"(?=\s*(?:[.;:!?()\n\u2013\u2014]|\s-\s|$))")
_MAX_LINES = 40
_MAX_CHARS = 400


def changes_noted(lines: list[str], spec: FormSpec, *,
                  signed_off: bool = False) -> dict[str, str]:
    """The new value each note among the lines gives a field, by its key (the last note wins).
    Below the signature (`signed_off`) only a line that says it changes or corrects a field
    counts ("Sorry – DOB should read 03/04/2012"): a bare "Date: 04/12/2026" there is the
    signature's, not the form's."""
    patterns = [pattern for pattern in (_pattern(spec, _NOTED_KINDS), _pattern(
        spec, _LIST_KINDS)) if pattern is not None]
    noted: dict[str, str] = {}
    half = _MAX_LINES // 2  # a note stands above the form or below it
    for line in lines if len(lines) <= _MAX_LINES else [*lines[:half], *lines[-half:]]:
        correcting = _CORRECTING_LINE.search(line) is not None
        for found in (found for pattern in patterns for found in pattern.finditer(
                line[:_MAX_CHARS])):
            if found["plain"] and not correcting and (signed_off or not _OPENS_A_SENTENCE.search(
                    line[max(0, found.start() - _BEFORE_A_LABEL):found.start()])):
                continue  # "… and her DOB is 14/03/2013" inside a sentence is no change
            field = spec.field_for_label(found["label"])
            if field is not None and field.kind in _NOTED_KINDS | _LIST_KINDS and _a_value_of(
                    field, found["value"], spec):
                value = found["value"].strip()
                noted[field.key] = Addition(value, line) if found.groupdict().get(
                    "added") else value
        for key, value in _said_without_its_label(line, correcting, spec):
            noted[key] = Addition(value, line) if key == "needs" else value
    return noted


_BEFORE_A_LABEL = 30


def _said_without_its_label(line: str, correcting: bool,
                            spec: FormSpec) -> list[tuple[str, str]]:
    """A change said without the field's name, where its words can mean only that field:
    "please prioritise, this is now an emergency" (an urgency), and in a line that says it
    corrects, "Correction: she needs a solo placement, not shared residential"."""
    said: list[tuple[str, str]] = []
    for key, pattern, needs_correcting in _SAID_WITHOUT_A_LABEL:
        field = spec.field(key) if key in spec.keys else None
        if field is None or (needs_correcting and not correcting):
            continue
        said.extend((key, found["value"].strip()) for found in pattern.finditer(
            line[:_MAX_CHARS]) if _a_value_of(field, found["value"], spec))
    return said


_SAID_WITHOUT_A_LABEL = (
    ("urgency", re.compile(r"\b(?:this|it|that|the\s+(?:referral|request|search))\s+is\s+now\s+"
                           r"(?:an?\s+)?(?P<value>[A-Za-z]{4,12})\b", re.IGNORECASE), False),
    ("placement_type", re.compile(r"\b(?:needs|requires|wants|is\s+for)\s+(?:an?\s+)?"
                                  r"(?P<value>[A-Za-z][A-Za-z-]{1,20}(?:\s[A-Za-z-]{1,20})?)"
                                  r"\s+(?:placement|home)\b", re.IGNORECASE), True),
    # "Sorry, forgot to add – she also has an ASD diagnosis": a need the form may lack.
    ("needs", re.compile(r"\b(?:also\s+has|has\s+also\s+got)\s+(?:an?\s+)?"
                         r"(?P<value>[A-Za-z][A-Za-z-]{1,20}(?:\s[A-Za-z-]{1,20})?)\s+"
                         r"diagnosis\b", re.IGNORECASE), True),
)


def _a_value_of(field: FieldSpec, value: str, spec: FormSpec) -> bool:
    """Whether the words are a value of the field ("emergency", "14/03/2013", "2"), not more
    of the sentence ("is now being reviewed by the panel")."""
    if field.kind == "code":
        return spec.code_for(field.key, value) is not None
    if field.kind in _LIST_KINDS:
        return all(spec.code_for(field.key, item) is not None for item in list_items(value))
    if field.kind == "int":
        return value.strip()[:1].isdigit()
    if field.kind == "postcode":
        return normalise_postcode(value) is not None
    return _A_DATE.search(value) is not None


_A_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3}|"
                     r"\b(?:today|tomorrow|asap)\b", re.IGNORECASE)


def list_items(value: str) -> list[str]:
    """A short list's items, between commas, semicolons and a last "and"."""
    return [item.strip() for item in _LIST_JOINS.split(value) if item.strip()]


_LIST_JOINS = re.compile(r"[,;&]|\band\b", re.IGNORECASE)


@cache
def _pattern(spec: FormSpec, kinds: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for every label of the form's fields of these kinds, longest first."""
    labels = sorted({label for field in spec.fields if field.kind in kinds
                     for label in _labels(field)}, key=len, reverse=True)
    if not labels:
        return None
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    change, value = (_LIST_CHANGE, _LIST_VALUE) if kinds == _LIST_KINDS else (_CHANGE, _VALUE)
    return re.compile(rf"(?<![\w'’])(?P<label>{names}){_AFTER_THE_LABEL}\s+(?:(?P<changed>"
                      rf"{change})|(?P<plain>{_PLAIN}))\s*{value}", re.IGNORECASE)


def _labels(field: FieldSpec) -> set[str]:
    """A field's labels as prose says them: "placement type", "DOB", "date of birth"."""
    said = (" ".join(normalise_label(label).split()) for label in (field.label, *field.synonyms))
    return {label for label in said if len(label) > 2}
