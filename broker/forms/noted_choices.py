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
Only what the note says of this referral, now, is read (rule `noted-of-this-referral`): a
clause of another time ("her last move was an emergency"), another child ("her sister is in
residential"), another's words ("Oak House said…"; and, as rule `noted-said-so` reads them,
broker.forms.anothers_words: the words after "Dawn said:", in quotation marks, and every
line below a forwarded message's header or "Oak House wrote:") or a sentence that supposes
("if it breaks down it becomes an emergency") is a mention, and a field only mentioned is
asked.

What is taken is said in the acknowledgement ("Urgency: emergency (from your note)"), so
she can correct it. A field the note names doubtfully is asked for as before, the note's
line quoted (`IN_A_NOTE`): never "no value was given" to someone who wrote about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from broker.forms.anothers_words import opens_anothers_words, own_words
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
    own: dict[str, str] = {}
    history = False  # below "Oak House wrote:" or a forward's header: another's words
    for line in lines:
        history = history or opens_anothers_words(line)
        if not history and (said := _of_this_referral(own_words(line))):
            own[said] = line
    named = choices_named(list(own), blank, spec)
    noted = NoteChoices(dict(named.fields), {  # the whole line quoted, as she wrote it
        key: IN_A_NOTE + _quoted(own.get(said, said)) for key, said in named.doubtful.items()})
    for key in blank:  # named only in mentions: asked, the mention quoted
        mention = next((line for line in lines if spec.codes_named(key, line, apart=True)), "")
        if mention and key not in noted.taken and key not in noted.asked:
            noted.asked[key] = IN_A_NOTE + _quoted(mention)
    return noted


# Rule `noted-of-this-referral`: a note mentions choices it is not making. "Her last move was
# an emergency one", "her brother's referral last week was an emergency", "Oak House said it
# would treat it as an emergency if we wanted", "If the placement breaks down it becomes an
# emergency", "her sister is in residential", "she was in foster care before": each names a
# choice of another time, another child, another's words or a case that may never come. A
# choice is taken only from a clause that says it of this referral, now ("This one is an
# emergency", "it's urgent", "we need a foster placement for him", "a referral for a
# residential placement"); a note naming it only otherwise is asked about, its line quoted.
_CLAUSE_BREAK = re.compile(r"[;:,()]|\s[-\u2013\u2014]+\s|\b(?:but|and|while|whereas|though)\b",
                           re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# A sentence of a case that may never come: anything in it is conditional. (A request,
# "would you", "we'd like", supposes nothing.)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|in\s+case|otherwise|whether|should\s+(?:it|this|the|she|he|they|things)"
    r"|were\s+(?:it|this|she|he)|(?:would|\w+['\u2019]d)(?!\s+(?:you|like|prefer|appreciate"
    r"|be\s+(?:grateful|great)))|could\s+become|might|may\s+(?:become|need|be)|becomes?|became"
    r"|turns?\s+into)\b", re.IGNORECASE)
# A clause of another time, another child or another's words, or where someone is now.
_ELSEWHERE = re.compile(
    r"\b(?:was|were|had|has\s+been|have\s+been|used\s+to|last|previous(?:ly)?|prior|ago"
    r"|earlier|formerly|originally|in\s+the\s+past|before(?=\s*(?:[.,;!?)]|$|that|then))"
    r"|brother|sister|sibling|siblings|twin|cousin|mum|mother|dad|father|parent|parents|aunt"
    r"|uncle|gran|grandmother|grandad|grandfather|nan|friend"
    r"|another\s+(?:child|young\s+person|referral|boy|girl|family)"
    r"|said|says|say|told|tells|suggested|suggests|thinks|thought|offered|mentioned"
    r"|(?:is|are|lives?|living|placed|staying|stays|settled)\s+(?:currently\s+|now\s+)?"
    r"(?:in|with|at)(?!\s+(?:\w+\s+)?need))\b"
    r"|\b(?!(?:it|he|she|that|there|here|what|who|this|one)['\u2019]s\b)[A-Za-z]+['\u2019]s\b"
    r"(?!\s+(?:an?|the|not|urgent|planned|needed|for|very|quite|really|fairly)\b)",
    re.IGNORECASE)


def _of_this_referral(line: str) -> str:
    """The line's clauses that say something of this referral now, in order: none of a
    sentence that supposes (`_CONDITIONAL`), nor one of another time, child or person
    (`_ELSEWHERE`). "Her last move was planned, but this one is an emergency" keeps "this
    one is an emergency"."""
    kept: list[str] = []
    for sentence in _SENTENCE.findall(line):
        if not _CONDITIONAL.search(sentence):
            kept += [clause.strip() for clause in _CLAUSE_BREAK.split(sentence)
                     if clause.strip() and not _ELSEWHERE.search(clause)]
    return ", ".join(kept)


def _quoted(line: str) -> str:
    text = " ".join(line.split())
    if len(text) > _QUOTED_CHARS:  # cut where a word ends, and said to be cut
        text = text[:_QUOTED_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return text
