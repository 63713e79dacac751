"""A referral's field changed in a note outside the form: "Please note urgency has now changed
to emergency", "UPDATE: placement type is now enhanced foster care – the form below is not
yet updated", "PS – sorry, typo above: her DOB is 14/03/2013, not 2012".

Social workers resend old forms with a line above or below them rather than edit the form.
Such a note names a field by one of its labels, says the value has changed (`is now`,
`has changed to`, `should be`, `is actually`, "is wrong, it should be", "is wrong: …"
("it's the postcode that's wrong: SE15 3RT"), "now agreed at" ("budget now agreed at £5,500
a week"; a sum only where a note says it changed, never from a sentence its label opens),
or any value in a line that says "update", "typo", "correction" or "please note", or in a
sentence the label opens: "Urgency is emergency"), and gives the new value up to the end of
its clause; "needs should also include self-harm" adds to the list. A few
changes need no label, their words meaning one field only: "this is now an emergency",
"please treat as an emergency now", and in a correcting line ("sorry", "update", "form below
not updated") "she needs a solo placement" or "she needs a bed tonight" (the day needed from;
elsewhere, in a line saying no emergency, only set beside the form's date to be asked). A
downgrade reads as an upgrade does: "please downgrade to planned", "now planned", "can be
planned" give the urgency named; "no longer urgent", "not an emergency any more" name none,
and are set beside the form's urgency in their own words, so she is asked which.
A note may also name a field loosely, as people do: "the date has changed", "his date is
wrong", "the start date / move date should be …", "the placement should be residential", or
say only "it should be 18/12/2026" in a line that says something is wrong or changed. When
such a note says the field changed without the new value beside it ("the date has changed
since I wrote the form – she needs to move on 14/12/2026"), the value is the one date (or
the one code) the rest of its sentence gives, the one after "move on", "needed from",
"should be" or "to" when it gives several; a note saying the form's value is wrong whose
right value cannot be told is still set beside the form's, in its own words, so that the
social worker is asked, never the old value sent as if nothing had been said. A loose
note's value carries its sentence (`Addition`), to quote when asking.
The note is read only from the lines outside every field (a narrative's "her placement type
is now …" is the story, not a change), and only for one-line fields whose value can be
compared: a code, a date, a number, a postcode ("Postcode is ZZ99 4AB, sorry" above a form
whose postcode is blank). What it says is set beside the form's value; when they
differ the social worker is asked which is right (extract.py records it as a conflict),
never one chosen for them.

Rule `noted-said-so`: only a note that says the change counts. A phrase after a negation
anywhere earlier in its clause changes nothing ("Please don't treat as an emergency now",
"no need to treat as an emergency now", "I can't see any reason to treat this as an emergency
now", "she doesn't need a bed tonight"), nor a question ("Should we treat this as an
emergency now?"), an indirect one ("Helen asked whether we should treat as an emergency now")
or one its sentence refuses ("…; I've said no"). Words that are someone else's (quoted
history, "> …", and every line below an "On … wrote:" line, a forwarded message's header or
a line ending "Oak House wrote:"; a line's words after "Oak House replied:" or "X said:";
words in quotation marks: broker.forms.anothers_words) never give a field its value: they
are `Reported`, set beside the form's value when it gives one, so the social worker is
asked, and nothing when it is blank. So is a budget a note gives by the month, year, day or night
("budget is now £5,600 a month"): never read as a week's sum.
"""

from __future__ import annotations

import re
from functools import cache

from broker.forms.anothers_words import anothers_spans, in_anothers_words, opens_anothers_words
from broker.forms.spec import FieldSpec, FormSpec
from broker.forms.values import normalise_postcode, parse_budget_weekly
from broker.forms.words import normalise_label

__all__ = ["ADDED_BY_A_NOTE", "Addition", "Reported", "changes_noted"]


class Addition(str):
    """A list's value a note adds to the form's rather than replaces ("she also has an ASD
    diagnosis", "needs also include CSE", "needs should also include self-harm"), with the
    note's line, to quote when asking."""

    note: str

    def __new__(cls, value: str, note: str) -> Addition:
        made = super().__new__(cls, value)
        made.note = " ".join(note.split())[:_MAX_CHARS]
        return made


class Reported(str):
    """A value only someone else's words give (quoted history, "Oak House replied: '…'"), or
    a note gives without saying it plainly ("no longer urgent", a budget by the month), with
    its line: never the field's value, at most set beside the form's to be asked."""

    note: str

    def __new__(cls, value: str, note: str) -> Reported:
        made = super().__new__(cls, value)
        made.note = " ".join(note.split())[:_MAX_CHARS]
        return made


# How a conflict's value that is a note's addition is marked, for the reply to quote the note.
ADDED_BY_A_NOTE = "note below the form: "

_NOTED_KINDS = frozenset({"code", "date", "int", "postcode"})
_LIST_KINDS = frozenset({"codes"})  # "needs now include CSE": the list is asked about
# A sum is read only when a note says it changed ("PS budget now agreed at £5,500 a week"),
# never from a sentence the label opens.
_MONEY_KINDS = frozenset({"money"})
_CHANGE = (r"(?:is|has|have|was|were)\s+(?:now\s+)?(?:been\s+)?(?:changed|amended|updated|moved|"
           r"brought\s+forward|put\s+back)\s+to|has\s+now\s+(?:become|gone\s+to)|is\s+now|should\s+"
           r"(?:be|read|say|have\s+been)(?:\s*:)?|is\s+actually|now\s+needs?\s+to\s+be|"
           # "the postcode is wrong: SE15 3RT", "it's the postcode that's wrong – SE15 3RT",
           # "the DOB is incorrect, it should be 14/03/2013"
           r"(?:(?:that|which)\s*)?(?:is|was|['\u2019]s)\s+(?:wrong|incorrect|not\s+right)"
           r"(?:\s*:|\s+[-\u2013\u2014]|[,;]?\s+(?:it\s+)?should\s+(?:be|read|say)(?:\s*:)?)|"
           # "budget now agreed at £5,500", "the start date has been agreed as 14/12/2026"
           r"(?:(?:is|has|was)\s+)?(?:now\s+)?(?:been\s+)?agreed\s+(?:at|as)|"
           # "budget now up to £5,500 a week", "the budget has been increased to £5,500"
           r"(?:is\s+)?now\s+up\s+to|(?:(?:is|has|was)\s+)?(?:now\s+)?(?:been\s+)?"
           r"(?:increased|raised|uplifted)\s+to")
# Words between a field's name and what is said of it: "the DOB on the form is wrong", "the
# needed from date is 21/12".
_AFTER_THE_LABEL = (r"(?:\s+(?:date|given|above|below|on\s+the\s+(?:form|referral)|in\s+the\s+"
                    r"(?:form|referral)))?")
# A sentence that opens with a field's name states its value, correcting or not: "Urgency is
# emergency – police want her moved tonight".
_OPENS_A_SENTENCE = re.compile(r"(?:^|[.!?:;\u2013\u2014]|\s-)\s*(?:(?:nb|n\.b\.|note|ps)\b"
                               r"[:,.]?\s*)?(?:the\s+|her\s+|his\s+|their\s+)?$", re.IGNORECASE)
_PLAIN = r"is|=|:"  # in a line that says it corrects: "typo above: her DOB is 14/03/2013"
# ("Form below not updated": the note, not the form, is what is now so.)
_CORRECTING_LINE = re.compile(r"\b(?:update[ds]?|typo|correction|corrected|amendment|please\s+"
                              r"note|apologies|sorry|forgot\s+to\s+(?:add|say|mention)|out\s+of"
                              r"\s+date)\b", re.IGNORECASE)
_VALUE = r"(?P<value>[^.,;:!?()\n\u2013\u2014]{1,40}?)(?=\s*(?:[.,;:!?()\n\u2013\u2014]|\s-\s|$))"
# A list's change runs to the sentence's end: "needs have now changed to SEMH, missing and CSE".
_LIST_CHANGE = (rf"{_CHANGE}|(?P<added>(?:now|also)\s+(?:also\s+)?includes?|now\s+also\s+"
                r"(?:are|include)|should\s+(?:now\s+)?also\s+include|should\s+include\s+"
                r"also)|now\s+are")
# A weekly sum, its thousands by commas: "£5,500 a week", "£5.5k pw"; or another period's
# ("£5,600 a month", "£800 a night"), `_NOT_A_WEEK`, only ever set beside the form's sum.
_MONEY_VALUE = (r"(?P<value>£?\s?\d[\d,.]{0,9}k?(?:\s*(?:a|per|/|each)\s*(?:week|wk|calendar\s+"
                r"month|month|mth|year|annum|day|night)|\s*p/?w|\s*pcm|\s*p/?m|\s*p\.?a\.?|\s+"
                r"(?:weekly|monthly|yearly|annually|daily|nightly))?)(?![\w£])")
_NOT_A_WEEK = re.compile(r"(?:month|mth|year|annum|day|night|pcm|p/?m|p\.?a\.?|monthly|yearly|"
                         r"annually|daily|nightly)\W*$", re.IGNORECASE)
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
        spec, _LIST_KINDS), _pattern(spec, _MONEY_KINDS)) if pattern is not None]
    noted: dict[str, str] = {}
    half = _MAX_LINES // 2  # a note stands above the form or below it
    history = False  # below "On Mon 7 Dec, Oak House wrote:", a forward's header: another's
    for line in lines if len(lines) <= _MAX_LINES else [*lines[:half], *lines[-half:]]:
        history = history or opens_anothers_words(line)
        quoted = history or line.lstrip().startswith(">")
        said = _NoteSays(line, quoted)
        correcting = _CORRECTING_LINE.search(line) is not None
        for found in (found for pattern in patterns for found in pattern.finditer(
                line[:_MAX_CHARS]) if said.says(found.start(), found.end())):
            if found["plain"] and not correcting and (signed_off or not _OPENS_A_SENTENCE.search(
                    line[max(0, found.start() - _BEFORE_A_LABEL):found.start()])):
                continue  # "… and her DOB is 14/03/2013" inside a sentence is no change
            field = spec.field_for_label(found["label"])
            if field is not None and field.kind in _NOTED_KINDS | _LIST_KINDS | _MONEY_KINDS and (
                    not found["plain"] or field.kind not in _MONEY_KINDS) and _a_value_of(
                    field, found["value"], spec):
                value = found["value"].strip()
                if field.kind in _MONEY_KINDS and _NOT_A_WEEK.search(value):
                    value = Reported(value, line)  # "£5,600 a month": asked, never a week's
                noted[field.key] = said.value(Addition(value, line) if found.groupdict().get(
                    "added") else value)
        for key, value in _said_without_its_label(line, correcting, spec, said):
            noted[key] = said.value(Addition(value, line) if key == "needs" else value)
        for key, value, sentence in _said_by_a_loose_name(line, correcting, spec, said):
            if key not in noted:  # a note naming the field by its label says it better
                noted[key] = said.value(Addition(value, sentence))
    return noted


class _NoteSays:
    """Rule `noted-said-so` for one line: whether the words found at a place say a change
    (not negated, not asked), and whether they are someone else's (`Reported`)."""

    def __init__(self, line: str, quoted: bool) -> None:
        self.line = line[:_MAX_CHARS]
        self.quoted = quoted
        self.anothers = anothers_spans(self.line)
        self.reported = False

    def says(self, start: int, end: int) -> bool:
        """The words from start to end say a change: none of them is negated or asked. Any
        that are someone else's make the line's values `Reported`."""
        before = _CLAUSE_START.split(self.line[:start])[-1]
        after = _CLAUSE_END.split(self.line[end:], maxsplit=1)
        sentence_before = _SENTENCE_END.split(self.line[:start])[-1]
        sentence_after = _SENTENCE_END.split(self.line[end:], maxsplit=1)[0]
        if _NEGATED.search(before) or _NEGATED_AFTER.match(self.line[end:]) or (
                len(after) > 1 and after[1].startswith("?")) or _NEGATION.search(
                _NOT_UPDATED.sub(" ", before)) or _ASKED_WHETHER.search(sentence_before) or (
                _REFUSED.search(sentence_after)):
            return False
        if self.quoted or in_anothers_words(self.anothers, start):
            self.reported = True
        return True

    def value(self, value: str) -> str:
        """The value as the line gives it: someone else's words are `Reported`."""
        if not self.reported or isinstance(value, Reported):
            return value
        return Reported(value, getattr(value, "note", self.line))


# Before a clause: "Form below not updated: no need to treat …", "Please, don't …".
_CLAUSE_START = re.compile(r"[.,;:!?()\n\u2013\u2014]|\s-\s")
_CLAUSE_END = re.compile(r"(?=[.;:!?()\n\u2013\u2014]|\s-\s)")
# A negation governing the words that follow: "don't", "no need to", "should not", "never",
# "isn't", "she doesn't", "no longer", with a few words between ("don't really need to …").
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no\s+need\s+to|no\s+longer|nor|neither)|n['\u2019]?t)\s+"
    r"(?:(?:really|yet|now|need\s+to|needs\s+to|have\s+to|has\s+to|want\s+(?:you\s+)?to|"
    r"be|to|please|you|we|any|longer|then|still|actually|necessarily|said|say|think|"
    r"thought|believe|feel|agree|that)\s+){0,3}$",
    re.IGNORECASE)
# Any negation earlier in the clause ("I can't see any reason to treat this as …"), but for
# the form's being out of date ("form not updated so this is now an emergency").
_NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|cannot)\b|n['\u2019]t\b", re.IGNORECASE)
_NOT_UPDATED = re.compile(r"\b(?:not|n['\u2019]t)\s+(?:been\s+|yet\s+)?(?:updated|changed|"
                          r"amended|corrected)\b", re.IGNORECASE)
# An indirect question earlier in the sentence: "Helen asked whether we should treat …",
# "wondered if we should", "not sure if we need to".
_ASKED_WHETHER = re.compile(r"\b(?:whether|wonder(?:s|ed|ing)?|asked\s+if|asking\s+if|if\s+"
                            r"(?:we|you|i|they|she|he|it)\s+(?:should|could|would|can|need|"
                            r"ought|might|must))\b", re.IGNORECASE)
# The rest of the sentence refuses it: "…; I've said no", "manager decided against it".
_REFUSED = re.compile(r"\b(?:said|say|says|decided|agreed|answered|replied)\s+(?:no|not|"
                      r"against)\b|\b(?:declined|refused|turned\s+(?:it|that|this)\s+down)\b|"
                      r"\banswer\s+(?:is|was)\s+no\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_NEGATED_AFTER = re.compile(r"\s*(?:now\s+)?(?:any\s*more|any\s+longer|no\s+more)\b",
                            re.IGNORECASE)
def _said_by_a_loose_name(line: str, correcting: bool, spec: FormSpec,
                          note: _NoteSays) -> list[tuple[str, str, str]]:
    """A change to a field named loosely ("the date", "his date", "move date", "the
    placement") or by its label, said with its new value ("his date is wrong, it should be
    18/12/2026") or without it ("the date has changed since I wrote the form – she needs to
    move on 14/12/2026": the value the rest of the sentence gives); or an unnamed "it should
    be …" in a line that says something is wrong or changed, the field known by its value's
    kind (a date is the needed-from date; a code of one field only is that field's). A
    field said to be wrong whose right value cannot be told is given as the note's words,
    to be asked about; one said only to have changed, with no value, is the form's (the
    form sent again with its new value). Each comes with its sentence, to quote."""
    said: list[tuple[str, str, str]] = []
    text = line[:_MAX_CHARS]
    at = 0
    for sentence in _SENTENCES.split(text):
        at = text.find(sentence, at)
        for key, names in _LOOSE_NAMES.items():
            field = spec.field(key) if key in spec.keys else None
            if field is None or (found := names.search(sentence)) is None or not note.says(
                    at + found.start(), at + found.end()):
                continue
            rest = sentence[found.end():]
            if not (_SAYS_CHANGED.match(rest) or (correcting and _PLAIN_AFTER.match(rest))):
                continue
            if value := _value_in(rest, field, spec):
                said.append((key, value, sentence))
            elif _SAYS_WRONG_HERE.match(rest):  # "the date on the form is wrong": asked in
                said.append((key, " ".join(sentence.split()), sentence))  # its own words
            # ("Please see the referral again, the date has changed": the form has it)
        if said or not (correcting or _SAYS_WRONG.search(sentence)):
            continue
        for unnamed in (unnamed for unnamed in _UNNAMED.finditer(sentence)
                        if note.says(at + unnamed.start(), at + unnamed.end())):
            said.extend((key, value, sentence) for key, value in _by_its_kind(
                unnamed["value"], sentence, spec))
    return said


def _value_in(rest: str, field: FieldSpec, spec: FormSpec) -> str:
    """The field's new value in the words after its name: the one after a cue ("should be",
    "move on", "needed from", "to"), else the only one given; '' when none, or several."""
    if field.kind == "date":
        days = [found.group() for found in _A_WHOLE_DATE.finditer(rest)]
        cued = [found["value"] for found in _CUED_DATE.finditer(rest)]
    else:
        days = spec.codes_named(field.key, rest, apart=True)
        cued = [found["value"] for found in _CUED_WORDS.finditer(rest)
                if spec.code_for(field.key, found["value"]) is not None]
    if cued:
        return cued[0].strip()
    distinct = {" ".join(day.split()) for day in days}
    return days[0].strip() if len(distinct) == 1 else ""


def _by_its_kind(value: str, sentence: str, spec: FormSpec) -> list[tuple[str, str]]:
    """An unnamed field's new value ("it should be 18/12/2026", "it should be residential"):
    a date, not of birth, is the needed-from date's; a code of exactly one coded field is
    that field's; nothing otherwise."""
    value = value.strip()
    if _A_DATE.match(value):
        day = _A_WHOLE_DATE.search(value)
        return [("needed_from", day.group())] if day and "needed_from" in spec.keys and not (
            _OF_BIRTH.search(sentence)) else []
    fields = [field.key for field in spec.fields if field.kind == "code"
              and spec.code_for(field.key, value, exact=True) is not None]
    return [(fields[0], value)] if len(fields) == 1 else []


_BEFORE_A_LABEL = 30


def _said_without_its_label(line: str, correcting: bool, spec: FormSpec,
                            note: _NoteSays) -> list[tuple[str, str]]:
    """A change said without the field's name, where its words can mean only that field:
    "please prioritise, this is now an emergency" (an urgency), and in a line that says it
    corrects, "Correction: she needs a solo placement, not shared residential"."""
    said: list[tuple[str, str]] = []
    for key, pattern, when in _SAID_WITHOUT_A_LABEL:
        field = spec.field(key) if key in spec.keys else None
        if field is None or (when == _CORRECTING and not correcting):
            continue
        for found in pattern.finditer(line[:_MAX_CHARS]):
            value = found.groupdict().get("value")
            if (value is not None and not _a_value_of(field, value, spec)) or not note.says(
                    found.start(), found.end()):
                continue
            if value is None:  # "no longer urgent": set beside the form's, in its own words
                said.append((key, Reported(" ".join(found.group().split()), line)))
            elif when == _BESIDE and not correcting:  # "she needs a bed tonight" as the story:
                if not any(note.says(emergency.start(), emergency.end())  # an emergency's
                           for emergency in _AN_EMERGENCY.finditer(line[:_MAX_CHARS])):
                    said.append((key, Reported(value.strip(), line)))  # else beside the date
            else:
                said.append((key, value.strip()))
    return said


_TREAT_AS = (r"\btreat(?:ed|ing)?\s+(?:(?:this|it|her|him|them|the\s+(?:referral|request|"
             r"search))\s+)?as\s+(?:an?\s+)?(?P<value>[A-Za-z]{4,12})\b")
# "This is an emergency - she needs a bed tonight": the night is the emergency's, which the
# line says (round R26's F02 went out as an emergency); without it, it is asked about.
_AN_EMERGENCY = re.compile(r"\b(?:is|as)\s+(?:now\s+)?(?:an?\s+)?emergency\b", re.IGNORECASE)
_ANY, _CORRECTING, _BESIDE = "any", "correcting", "beside"  # where a phrase without a label counts
_SAID_WITHOUT_A_LABEL = (
    ("urgency", re.compile(r"\b(?:this|it|that|the\s+(?:referral|request|search))\s+is\s+now\s+"
                           r"(?:an?\s+)?(?P<value>[A-Za-z]{4,12})\b", re.IGNORECASE), _ANY),
    # A downgrade, as an upgrade: "please downgrade to planned", "was an emergency yesterday,
    # now planned", "she can be planned"; "no longer urgent", "not an emergency any more" name
    # no urgency: set beside the form's, so she is asked which
    ("urgency", re.compile(r"\bdowngrad(?:e|ed|ing)\s+(?:(?:this|it|her|him|them|the\s+(?:referral|"
                           r"request|search|urgency))\s+)?to\s+(?:an?\s+)?(?P<value>[A-Za-z]{4,12}"
                           r")\b", re.IGNORECASE), _ANY),
    ("urgency", re.compile(r"\b(?:now|can\s+be|could\s+be)\s+(?P<value>planned|routine|not\s+"
                           r"urgent)\b(?!\s+(?:for|on|to|from|at|by|in|with)\b)", re.IGNORECASE),
     _ANY),
    ("urgency", re.compile(r"\b(?:no\s+longer|no\s+more)\s+(?:an?\s+)?(?:urgent|emergency)\b"
                           r"(?:\s+(?:any\s*more|any\s+longer))?|\bnot\s+(?:an?\s+)?(?:urgent|"
                           r"emergency)\s+(?:any\s*more|any\s+longer)\b", re.IGNORECASE), _ANY),
    # "Please treat as an emergency now", "please now treat it as urgent"; without the "now",
    # only in a line that says the form is out of date ("Treat as urgent – form not updated"):
    # "Would you treat this as an emergency" is a blank urgency's answer (noted_choices.py),
    # "Oak House said it would treat it as an emergency" another's words
    ("urgency", re.compile(rf"{_TREAT_AS}(?=\s+now\b)", re.IGNORECASE), _ANY),
    ("urgency", re.compile(rf"\bnow\s+{_TREAT_AS}", re.IGNORECASE), _ANY),
    ("urgency", re.compile(_TREAT_AS, re.IGNORECASE), _CORRECTING),
    # "she needs a bed tonight", "he needs somewhere to stay today", "needs to move tomorrow":
    # the day the placement is needed from, in a line that says the form is out of date ("form
    # below not updated"); elsewhere it is the story of the emergency the line says, or, with
    # none, only set beside the form's date (so she is asked which), nothing over a blank one
    ("needed_from", re.compile(r"\b(?:needs?|requires?|must\s+have)\s+(?:a\s+(?:bed|placement|"
                               r"home)|"
                               r"somewhere(?:\s+to\s+(?:stay|go|sleep|live))?|to\s+(?:be\s+placed|"
                               r"move))\s+(?:by\s+)?(?P<value>today|tonight|tomorrow)\b",
                               re.IGNORECASE), _BESIDE),
    ("placement_type", re.compile(r"\b(?:needs|requires|wants|is\s+for)\s+(?:an?\s+)?"
                                  r"(?P<value>[A-Za-z][A-Za-z-]{1,20}(?:\s[A-Za-z-]{1,20})?)"
                                  r"\s+(?:placement|home)\b", re.IGNORECASE), _CORRECTING),
    # "Sorry, forgot to add – she also has an ASD diagnosis": a need the form may lack.
    ("needs", re.compile(r"\b(?:also\s+has|has\s+also\s+got)\s+(?:an?\s+)?"
                         r"(?P<value>[A-Za-z][A-Za-z-]{1,20}(?:\s[A-Za-z-]{1,20})?)\s+"
                         r"diagnosis\b", re.IGNORECASE), _CORRECTING),
)


# Where a field's name may start: a word's start, after a space or an opening quotation mark
# ("Their email: 'Urgency is now emergency.'", read as another's words), never after an
# apostrophe inside a word.
_A_WORD_STARTS = r"(?<!\w)(?<!\w['’])"
# A sentence's end: a full stop, "!" or "?" before a space (never one inside "14.12.26").
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_LOOSE_DATE = (r"(?:(?:the|his|her|their|this|that)\s+)?(?:(?:placement|planned|new|proposed)\s+)?"
               r"(?:(?:start|move|moving|move[- ]in|moving[- ]in|placement)\s+)?date"
               r"(?!\s+of\s+birth)(?:\s+(?:needed|required|of\s+(?:the\s+)?(?:move|placement)|"
               r"(?:she|he|they)\s+(?:needs?|has)\s+to\s+move))?|(?:the\s+)?start")
_LOOSE_TYPE = (r"(?:the|his|her|their)\s+placement(?:\s+(?:type|needed|required))?|"
               r"(?:the\s+)?type\s+of\s+(?:placement|home)(?:\s+(?:needed|required))?")
_LOOSE_NAMES = {
    "needed_from": re.compile(rf"{_A_WORD_STARTS}(?:{_LOOSE_DATE})\b", re.IGNORECASE),
    "placement_type": re.compile(rf"{_A_WORD_STARTS}(?:{_LOOSE_TYPE})\b", re.IGNORECASE),
}
# What a loose name's sentence says of it: it changed, or is wrong (its value may follow).
_SAYS_CHANGED = re.compile(
    r"\s+(?:(?:on|in)\s+the\s+(?:form|referral)\s+)?(?:has|have|had|is|was)\s+(?:now\s+|also\s+)?"
    r"(?:been\s+)?(?:changed|amended|updated|moved|altered|brought\s+forward|put\s+back|"
    r"wrong|incorrect|not\s+right|different|out\s+of\s+date|now\b)|\s+should\s+(?:be|read|say|"
    r"have\s+been)\b|\s+is\s+actually\b|\s+needs\s+(?:changing|to\s+change)\b",
    re.IGNORECASE)
_SAYS_WRONG_HERE = re.compile(r"\s+(?:(?:on|in)\s+the\s+(?:form|referral)\s+)?(?:is|was)\s+"
                              r"(?:wrong|incorrect|not\s+right|out\s+of\s+date)\b", re.IGNORECASE)
_PLAIN_AFTER = re.compile(r"\s+(?:is|=|:)\s", re.IGNORECASE)  # in a correcting line
_SAYS_WRONG = re.compile(r"\b(?:wrong|incorrect|not\s+right|changed|mistake|typo)\b",
                         re.IGNORECASE)
_UNNAMED = re.compile(r"\b(?:it|this|that)\s+(?:should\s+(?:be|read|say|have\s+been)|is\s+"
                      r"actually|is\s+now)\s+(?:needed\s+from\s+|from\s+|on\s+|an?\s+)?"
                      r"(?P<value>[^.,;:!?()\n\u2013\u2014]{1,40}?)(?=\s*(?:[.,;:!?()\n\u2013"
                      r"\u2014]|\s-\s|$))", re.IGNORECASE)
_OF_BIRTH = re.compile(r"\b(?:birth|born|dob|d\.o\.b|birthday|age)\b", re.IGNORECASE)
_A_WHOLE_DATE = re.compile(r"(?<![\d/.])\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?(?:\d{4}|\d{2}))?"
                           r"(?![\d/])|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|"
                           r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?\b",
                           re.IGNORECASE)
# A new date after a cue: "should be 18/12", "move on 14/12", "needed from", "changed to".
_CUED_DATE = re.compile(
    r"\b(?:should\s+(?:be|read|say|have\s+been)|is\s+(?:now|actually)|(?:changed|amended|"
    r"moved|brought\s+forward|put\s+back|updated)\s+to|now|move|moving|moves|placed|"
    r"needed|start|starting|from|on|by)\b[^\d\n]{0,30}?(?P<value>"
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?(?:\d{4}|\d{2}))?(?![\d/])|\d{1,2}(?:st|nd|rd|th)?"
    r"\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?)",
    re.IGNORECASE)
_CUED_WORDS = re.compile(r"\b(?:should\s+(?:be|read|say)|is\s+(?:now|actually)|changed\s+to|"
                         r"needs?|requires?)\s+(?:an?\s+)?(?P<value>[A-Za-z][A-Za-z'\u2019-]{1,20}"
                         r"(?:\s[A-Za-z'\u2019-]{1,20}){0,2}?)(?=\s*(?:[.,;:!?()\n\u2013\u2014]|"
                         r"\s-\s|\s+(?:placement|home)\b|$))", re.IGNORECASE)


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
    if field.kind in _MONEY_KINDS:
        try:
            return parse_budget_weekly(value) > 0
        except ValueError:
            return False
    return _A_DATE.search(value) is not None


_A_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3}|"
                     r"\b(?:today|tonight|tomorrow|asap)\b", re.IGNORECASE)


def list_items(value: str) -> list[str]:
    """A short list's items, between commas, semicolons, a last "and", lines and bullets,
    each without its bullet or number: "- SEMH⏎- Self-harm" (a plain-text part's list) has
    the items "SEMH⏎Self-harm" (its HTML part's `<li>`s) has."""
    items = (_LIST_NUMBERING.sub("", item).strip(_BULLETS) for item in _LIST_JOINS.split(value))
    return [item for item in items if item]


_LIST_JOINS = re.compile(r"[,;&\n]|\band\b|(?:^|\s)[-\u2022\u00b7*]\s", re.IGNORECASE)
_LIST_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\([a-z]\)|[a-z][.)])\s+", re.IGNORECASE)
_BULLETS = " \t.-*\u2022\u00b7"


@cache
def _pattern(spec: FormSpec, kinds: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for every label of the form's fields of these kinds, longest first."""
    labels = sorted({label for field in spec.fields if field.kind in kinds
                     for label in _labels(field)}, key=len, reverse=True)
    if not labels:
        return None
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    change, value = (_LIST_CHANGE, _LIST_VALUE) if kinds == _LIST_KINDS else (
        _CHANGE, _MONEY_VALUE if kinds == _MONEY_KINDS else _VALUE)
    return re.compile(rf"{_A_WORD_STARTS}(?P<label>{names}){_AFTER_THE_LABEL}(?:\s+|(?=['’]s\s))"
                      rf"(?:(?P<changed>"
                      rf"{change})|(?P<plain>{_PLAIN}))\s*{value}", re.IGNORECASE)


def _labels(field: FieldSpec) -> set[str]:
    """A field's labels as prose says them: "placement type", "DOB", "date of birth"."""
    said = (" ".join(normalise_label(label).split()) for label in (field.label, *field.synonyms))
    return {label for label in said if len(label) > 2}
