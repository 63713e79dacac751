"""A social worker's reply to our "please correct" email, read knowing what it asked.

Asked for a date of birth and a postcode, people answer the way they would answer a person:
"DOB is 04/09/2012 and postcode is SE15 3RT", "d.o.b. 4/9/12", or just "04/09/2012" when
one thing was asked. The form's reader takes only `Label: value` lines, so these were asked
for again. Here the reply's own text (quoted history already cut) is read for the fields
that were asked, and only for them:

- a label of an asked field in her own words (any of the form's labels and synonyms, with
  or without full stops, "DOB", "d.o.b", "postcode") followed by "is", "should be", a colon,
  a dash or nothing, takes the words after it up to the next such label or the line's end
  ("… 04/09/2012 and postcode is …" gives "04/09/2012"), a value of a shape only up to where
  the sentence goes on ("02/11/2012 and it's a foster placement" gives "02/11/2012");
- a line holding a bare value answers the one asked field of a kind with a shape (a date, a
  postcode, an NHS number, a number, a sum, one of a field's choices) that can read it; a
  value two asked fields could read (two dates asked) answers the first of them only when the
  bare values and those fields are as many and in the same order, else nobody's;
- when only one such field was asked, a short bare line with a digit in it is its answer even
  when it does not read, so that the reply says what is wrong with it, never that no value
  was given;
- a field of choices about the placement (placement type, urgency, legal status; not the
  gender, which a sentence names of carers as often as of the child) still
  unanswered takes the one choice the reply's sentences name ("… and it's a foster placement
  we need" gives `fostering`), unless the sentence naming it denies something ("not
  residential") or a choice's words answer two fields asked (`emergency` is an urgency and a
  duration). Named so but not read, the field is `mentioned`.

A free-text field (a name, a school) is taken only after its label: a reply's "See below" or
"Thanks" is no one's name. What is given but placed in no field is returned too, and so are
the fields the reply named without a value read, so the field still missing is asked for on a
line of its own (`IN_A_REPLY`), never said to have no value. Every pattern is bounded and
runs on one line at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from broker.forms.spec import FormSpec

__all__ = ["IN_A_REPLY", "Answers", "Named", "answers_to_asked", "choices_named"]

# In `set_aside` for a required field asked for and not found in a reply that held values
# we could not place: asked for again on a line of its own, never "no value was given".
IN_A_REPLY = "(in a reply)"

_SHAPED_KINDS = frozenset({"date", "postcode", "nhs", "int", "money", "code", "codes"})
_DIGIT_KINDS = frozenset({"date", "postcode", "nhs", "int", "money"})
_LINE_CHARS = 300
_BARE_CHARS = 40
_BARE_WORDS = 6
_VALUE_CHARS = 120
# What may stand between a label and its value: "is", "was", "should be", "should read",
# "is now", "=", ":", a dash.
_CONNECTOR = (r"\.?[ \t]*(?:(?:is|was|should[ \t]+(?:be|read|say)|is[ \t]+now|now)\b[ \t]*)?"
              r"(?:[:=\-\u2013\u2014][ \t]*)?")
_STRONG = re.compile(r"[ \t]*(?:is|was|should|now)\b|[ \t]*[:=\-\u2013\u2014]", re.IGNORECASE)
# What closes a value before the next label: "… 04/09/2012 and", "…, ", "; ", "& ".
_TRAILING = re.compile(r"(?:[ \t,;&]|\band\b|\balso\b|\bthe\b|\bher\b|\bhis\b|[.!](?!\d))+$",
                       re.IGNORECASE)
# Where a value of a shape ends in a sentence going on: "02/11/2012 and it's …".
_CLAUSE_BREAK = re.compile(r"[ \t]*[,;][ \t]*|[ \t]+(?:and|but|so)[ \t]+", re.IGNORECASE)
_GREETING_OR_THANKS = re.compile(
    r"^\s*(?:hi|hello|dear|thanks|thank\s+you|many\s+thanks|kind\s+regards|regards|cheers|"
    r"sorry|apologies|see\s+below|see\s+above)\b[^\d]*$", re.IGNORECASE)


@dataclass
class Answers:
    """The fields a reply answered (`field key → value`) and the bare values it held that
    answered none of them."""

    fields: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # named in prose, no value read


def answers_to_asked(text: str, asked: Sequence[str], spec: FormSpec,
                     readable: Callable[[str, str], bool]) -> Answers:
    """The answers in a reply's own `text` to the fields `asked` (keys, in the order asked).
    `readable(key, value)` says whether a value reads as that field's."""
    found = Answers()
    keys = [key for key in dict.fromkeys(asked) if key in spec.keys]
    if not keys:
        return found
    labels = _label_pattern(keys, spec)
    bare: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or len(line) > _LINE_CHARS or _GREETING_OR_THANKS.match(line):
            continue
        said = _labelled(line, labels, spec, readable)
        for key, value in said.items():
            found.fields.setdefault(key, value)
        if not said and _a_bare_value(line, keys, spec):
            bare.append(line.rstrip(" .;,!"))
    _place_bare(bare, [key for key in keys if key not in found.fields], spec, readable, found)
    _choices_in_prose(text, [key for key in keys if key not in found.fields], spec, readable,
                      found)
    return found


# What makes a sentence naming a choice no answer: "not residential", "rather than foster".
_DENIES = re.compile(r"\b(?:not|no|never|nor|rather[ \t]+than|instead[ \t]+of)\b|n['\u2019]t\b",
                     re.IGNORECASE)


def _choices_in_prose(text: str, open_keys: list[str], spec: FormSpec,
                      readable: Callable[[str, str], bool], found: Answers) -> None:
    """Each open field of choices the reply's own lines answer (`choices_named`), the rest
    of those they name `mentioned`."""
    lines = [line for line in text.splitlines()[:_PROSE_LINES]
             if line.strip() and len(line) <= _LINE_CHARS and not _GREETING_OR_THANKS.match(line)]
    named = choices_named(lines, open_keys, spec, readable)
    found.fields.update(named.fields)
    found.mentioned.extend(named.doubtful)


@dataclass
class Named:
    """The fields of choices some lines of prose answer (`field key → code`), and those they
    name doubtfully (`field key → the first line naming one`): two choices, or one denied."""

    fields: dict[str, str] = field(default_factory=dict)
    doubtful: dict[str, str] = field(default_factory=dict)


def choices_named(lines: Sequence[str], keys: Sequence[str], spec: FormSpec,
                  readable: Callable[[str, str], bool] | None = None) -> Named:
    """Each field of `keys` that is a field of choices identifying no one, answered by the one
    choice the `lines` name in the form's words, where no line naming one denies and no other
    of `keys` names the same choice ("emergency": an urgency and a duration); a field named
    but not so read is `doubtful`, with the line that names it. (Used for a reply's answers
    here, and for a blank field a referral's note names, by broker.forms.message.)"""
    choosing = [key for key in dict.fromkeys(keys) if key in spec.keys
                and spec.field(key).kind == "code" and not spec.field(key).identifying
                and key not in _NOT_FROM_PROSE]
    named = {key: [(line, spec.codes_named(key, line, apart=True)) for line in lines]
             for key in choosing}
    result = Named()
    for key in choosing:
        saying = [(line, codes) for line, codes in named[key] if codes]
        codes = {code for _, line_codes in saying for code in line_codes}
        if not codes:
            continue
        shared = any(set(named[other][at][1]) & set(line_codes) for other in choosing
                     if other != key for at, (_, line_codes) in enumerate(named[key]))
        if len(codes) == 1 and not shared and not any(_DENIES.search(line) for line, _ in saying):
            code = codes.pop()
            if readable is None or readable(key, code):
                result.fields[key] = code
                continue
        result.doubtful[key] = saying[0][0].strip()
    return result


# A sentence names carers' and relatives' genders as often as the child's ("female carers").
_NOT_FROM_PROSE = frozenset({"gender"})
_PROSE_LINES = 40  # a reply's own lines read for choices: its answer is at the top


def _label_pattern(keys: list[str], spec: FormSpec) -> re.Pattern[str]:
    """One pattern finding any asked field's label, longest first, dots optional."""
    names: list[str] = []
    for key in keys:
        field_spec = spec.field(key)
        for label in (field_spec.label, *field_spec.synonyms, key.replace("_", " ")):
            words = re.sub(r"[.\s]+", " ", label).strip()
            if len(words) < 2 or "(" in words:
                continue
            names.append(words)
    alternatives = []
    for name in sorted(set(names), key=len, reverse=True):
        if " " not in name and len(name) <= 4 and name.isalpha():  # "DOB", "d.o.b."
            alternatives.append(r"\.?".join(re.escape(ch) for ch in name) + r"\.?")
        else:
            parts = [re.escape(word) for word in name.split(" ")]
            alternatives.append(r"[ \t.]*".join(parts))
    return re.compile(r"(?<![\w'\u2019])(?:(?:the|her|his|their|child'?s|child\u2019s)[ \t]+)?"
                      r"(?P<label>" + "|".join(alternatives) + r")(?![\w'\u2019])",
                      re.IGNORECASE)


def _labelled(line: str, labels: re.Pattern[str], spec: FormSpec,
              readable: Callable[[str, str], bool]) -> dict[str, str]:
    """The asked fields this line names by label, each with the words after its label."""
    hits = [(hit, spec.field_for_label(hit["label"])) for hit in labels.finditer(line)]
    named = [(hit, fs) for hit, fs in hits if fs is not None]
    said: dict[str, str] = {}
    for at, (hit, field_spec) in enumerate(named):
        assert field_spec is not None
        end = named[at + 1][0].start() if at + 1 < len(named) else len(line)
        after = line[hit.end():end]
        joined = re.match(_CONNECTOR, after, re.IGNORECASE)
        value = _TRAILING.sub("", after[joined.end() if joined else 0:]).strip()
        if not value or len(value) > _VALUE_CHARS:
            continue
        # "postcode yet" in "I don't have the postcode yet" is no answer: without "is", a
        # colon or a dash, the words after a label must read as its value
        if _STRONG.match(after) or readable(field_spec.key, value):
            head = _CLAUSE_BREAK.split(value, maxsplit=1)[0].strip()
            if head != value and field_spec.kind in _SHAPED_KINDS and (
                    readable(field_spec.key, head)):
                value = head  # "02/11/2012 and it's a foster placement …": the date alone
            said.setdefault(field_spec.key, value)
    return said


def _a_bare_value(line: str, asked: list[str], spec: FormSpec) -> bool:
    """A short line that is a value alone: not a sentence ("Needed from is …"), nor a value
    under a label of a field not asked ("Needed from 14/12/2026")."""
    if (len(line) > _BARE_CHARS or len(line.split()) > _BARE_WORDS or ":" in line
            or _A_SENTENCE.search(line)):
        return False
    lead = _LEAD.match(line)
    named = spec.field_for_label(lead[0].strip(" \t-\u2013\u2014")) if lead else None
    return named is None or named.key in asked


# A bare value's words that make it a sentence, not a value.
_A_SENTENCE = re.compile(r"\b(?:is|are|was|were|should|has|have|will|be)\b", re.IGNORECASE)
_LEAD = re.compile(r"[^\d\n]{2,40}(?=\d)")


def _place_bare(bare: list[str], open_keys: list[str], spec: FormSpec,
                readable: Callable[[str, str], bool], found: Answers) -> None:
    """Each bare value to the one open field that reads it, taking the sure ones first; two
    fields reading the same values take them in order when they are as many."""
    shaped = [key for key in open_keys if spec.field(key).kind in _SHAPED_KINDS]
    readers = {value: [key for key in shaped if readable(key, value)] for value in bare}
    left, progress = list(bare), True
    while left and progress:
        progress = False
        for value in list(left):
            keys = [key for key in readers[value] if key not in found.fields]
            if len(keys) == 1:
                found.fields[keys[0]] = value
                left.remove(value)
                progress = True
    for value in list(left):
        keys = [key for key in readers[value] if key not in found.fields]
        same = [other for other in left if readers[other] == readers[value]]
        if len(keys) > 1 and len(same) == len(keys):  # two dates asked, two dates given
            found.fields[keys[same.index(value)]] = value
            left.remove(value)
    digit_keys = [key for key in shaped if spec.field(key).kind in _DIGIT_KINDS]
    with_digits = [value for value in left if any(ch.isdigit() for ch in value)]
    if len(digit_keys) == 1 and len(with_digits) == 1 and digit_keys[0] not in found.fields:
        found.fields[digit_keys[0]] = with_digits[0]  # read, and what is wrong with it said
        with_digits = []
    found.unplaced.extend(with_digits)  # values, not a name signed or a remark
