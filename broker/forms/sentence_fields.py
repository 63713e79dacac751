"""A referral's fields written one after another inside a paragraph.

An out-of-hours email often gives the form's fields in a sentence rather than on lines of
their own: "I need a foster placement tonight for him. Placement type: foster care.
Urgency: emergency. Needed from: tonight." Where a paragraph outside any free-text field
holds two or more of the form's own labels, each opening a sentence (at the paragraph's
start, or after ". ", "! ", "? " or "; ") and followed by a colon, it is read as those fields:
each label takes the words after its colon up to the sentence end before the next such
label (or the paragraph's end), less the full stop that closes it. The words before the
first label are left as they are, unread; and since other fields may be among them ("for
Dylan, DOB 11/05/2012"), a required field still missing is asked for on a line of its own
(`IN_A_SENTENCE`), never said to have no value. Fields that identify a person (the child's
name, date of birth, gender, NHS number, address…: `identifying` in the form's settings) are
never read from a sentence, only from a line of their own: a sentence can as easily give a
brother's or a mother's ("Brother's details for info. Name: … DOB: …"), and reading them as
the child's would match providers on the wrong child and let the real child's name through
as an unknown word; they too are asked for on a line of their own. One label in a sentence
is not enough ("Please note: Urgency is …" is prose), and a free-text field's own
paragraphs are never split, so a narrative that quotes "Placement: broke down" keeps it, and
a free-text label in the paragraph takes the rest of it. (A line that opens with a label
and holds more is made a line per field earlier, by broker.forms.layouts.)

Every search here is bounded (a label is at most `_LABEL_CHARS` before its colon), so it runs
in time linear in the line.
"""

from __future__ import annotations

import re

from broker.forms.spec import FormSpec

__all__ = ["IN_A_SENTENCE", "fields_in_a_sentence"]

# Where a required field the form does not give may be, when the email writes fields in
# sentences (in `ExtractedFields.set_aside`, in place of another person's heading): the social
# worker is asked to give it on its own line, never told that no value was given.
IN_A_SENTENCE = "(in a sentence)"

_OPENS = re.compile(r"(?:^|(?<=[.!?;])[ \t]+)(?=[A-Za-z])")
_LABEL_CHARS = 40
_IN_A_SENTENCE = 2  # labels a paragraph holds at least, to be the form written in it
_CLOSE = " \t.;"


def fields_in_a_sentence(line: str, spec: FormSpec) -> list[str] | None:
    """The paragraph as its prose before the first label (when any) and one `Label: value`
    line for each field written in it, or None when it is not such a paragraph."""
    labels: list[tuple[int, int]] = []  # (where the label starts, where its colon is)
    for opening in _OPENS.finditer(line):
        start = opening.end()
        colon = line.find(":", start, start + _LABEL_CHARS + 1)
        if colon > start and spec.field_for_label(line[start:colon]) is not None and (
                line[colon + 1:colon + 2] in (" ", "\t")):
            labels.append((start, colon))
    narrative = next((at for at, (start, colon) in enumerate(labels)
                      if getattr(spec.field_for_label(line[start:colon]), "paragraphs", False)),
                     None)
    if narrative is not None:
        labels = labels[:narrative + 1]  # the rest of the line is the narrative's
    if len(labels) < _IN_A_SENTENCE:
        return None
    lines = [line[:labels[0][0]].rstrip()] if line[:labels[0][0]].strip() else []
    for (start, colon), after in zip(labels, [*labels[1:], (len(line), 0)], strict=True):
        value = line[colon + 1:after[0]].strip().rstrip(_CLOSE).strip()
        if not value:
            return None  # a label with nothing after it: not fields written in a sentence
        if not getattr(spec.field_for_label(line[start:colon]), "identifying", False):
            lines.append(f"{line[start:colon].strip()}: {value}")
    return lines
