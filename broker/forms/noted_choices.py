"""A required field of choices the form leaves blank, read from the note around the form.

A social worker writes "This one is an emergency - he was arrested last night, we need a bed
today" above a form whose Urgency line she left blank. Asked "Urgency: no value was given",
she would answer what she had already written. So a required field of choices (placement
type, urgency; not the gender, which a note names of carers as often as of the child) that
the form gives no value for takes the one choice the note names in the form's own words
(`emergency`, `urgent`, `planned`, `foster`, `residential`…): the lines of the email's own
text outside every field, above or below the form, never quoted history. The rules are
those a reply's sentences are read by (broker.forms.asked_answers.choices_named): a line
naming a choice that denies something ("not an emergency"), two choices named ("urgent, or
planned if need be"), or one choice's words naming two such fields leave the field unread.

What is taken is said in the acknowledgement ("Urgency: emergency (from your note)"), so
she can correct it. A field the note names doubtfully is asked for as before, the note's
line quoted (`IN_A_NOTE`): never "no value was given" to someone who wrote about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from broker.forms.asked_answers import choices_named
from broker.forms.spec import FormSpec

__all__ = ["IN_A_NOTE", "NoteChoices", "choices_from_the_note"]

# In `set_aside`, before the note's line: a required field left blank whose choices the
# note names doubtfully, asked for with that line quoted.
IN_A_NOTE = "(in your note) "

_NOTE_LINES = 40  # a note's lines read at most
_LINE_CHARS = 300  # a longer line is a narrative's paragraph, not a note
_QUOTED_CHARS = 120  # the note's line quoted when asking, at most


@dataclass
class NoteChoices:
    """The blank fields the note answers (`field key → code`), and those it names
    doubtfully (`field key → set-aside marker with the note's line`)."""

    taken: dict[str, str] = field(default_factory=dict)
    asked: dict[str, str] = field(default_factory=dict)


def choices_from_the_note(fields: Mapping[str, str], notes: Sequence[str],
                          spec: FormSpec) -> NoteChoices:
    """The required fields of choices blank in `fields`, read from the note's `notes` (lines
    outside every field, quoted history already left out)."""
    blank = [spec_field.key for spec_field in spec.fields
             if spec_field.required and spec_field.kind == "code"
             and not fields.get(spec_field.key, "").strip()]
    lines = [line.strip() for line in notes[:_NOTE_LINES]
             if line.strip() and len(line) <= _LINE_CHARS and not line.lstrip().startswith(">")]
    if not blank or not lines:
        return NoteChoices()
    named = choices_named(lines, blank, spec)
    return NoteChoices(dict(named.fields), {
        key: IN_A_NOTE + _quoted(line) for key, line in named.doubtful.items()})


def _quoted(line: str) -> str:
    text = " ".join(line.split())
    if len(text) > _QUOTED_CHARS:  # cut where a word ends, and said to be cut
        text = text[:_QUOTED_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return text
