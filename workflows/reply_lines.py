"""Rule `reply-lines-read`: every line of a reply to our request for corrections is read or
asked about, never silently dropped.

A reply to "please correct" answers the field asked ("Placement type: Residential") and
often says something else on the line under it, which the form's reader runs on into that
one-line value ("Residential⏎PS budget now agreed at £5,500 a week"). Each such line is
either

    read as a change, by the same reader as a note beside a first email's form
    (broker/forms/noted_changes.py `changes_noted`: "Also sorry her DOB is 05/06/2012",
    "DOB is right, it's the postcode that's wrong: SE15 3RT", "PS budget now agreed at
    £5,500 a week", "Needs should also include self-harm");
    said about the form but not readable as a change ("the postcode is wrong, I'll check
    it", "Budget to be confirmed at panel on 10/12": a field named, or a figure given), and
    then the referral is NOT sent: she is asked about that line, quoted, with the line to
    send (`Label: value`);
    or about nothing of the form ("Thanks, sorry about that", "Her DOB on the form is
    correct."), and let be.

Her signature under the answer is none of these: a name, job title and contact lines
("Sam Taylor⏎Social Worker⏎Tel: 01632 960 123", "Sam Taylor 07700 900123", "Sent from my
iPhone 13": broker/forms/signed_below.py) are cut before a line is weighed, so her own phone
number is never asked about as a figure of the form; a postscript under it is read again.

The answer's value keeps its first line only. Pure: values in, values out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from broker.forms.noted_changes import changes_noted
from broker.forms.signed_below import POSTSCRIPT, a_name, a_signature_line, signed_below
from broker.forms.spec import ONE_LINE_KINDS, FieldSpec, FormSpec
from broker.forms.words import normalise_label
from broker.referral import FieldProblem

# A line saying a value is right changes nothing, however it names the field.
_CONFIRMS = re.compile(r"(?i)\b(?:is|are|was)\s+(?:all\s+)?(?:right|correct|fine|ok|okay)\b"
                       r"(?![^.;!?]*\b(?:but|wrong|should|change|instead|not)\b)")
# A figure: a date, a sum, a postcode, a number.
_A_FIGURE = re.compile(r"\d|£")
# A name with a phone number on its line: "Sam Taylor 07700 900123", "Sam Taylor, 01632 960 123".
_NAME_AND_PHONE = re.compile(r"^\s*(?P<name>[^\d,]{2,62}?)[\s,]+(?:(?:tel|mob|m|t)\s*[:.]?\s*)?"
                             r"\+?\(?\d[\d\s()-]{7,16}\d\s*$", re.IGNORECASE)
# A team or council line of a signature, in parts between commas: "Social Worker, Children in
# Care Team", "Northby Council".
_TEAM_PART = re.compile(r"^[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|in|of|and|for|the|&)){0,6}$")
# Where a signature may start: her name, a mail system's mark, her phone number or address.
_A_MARK = re.compile(r"(?i)^\s*(?:sent\s+from|sent\s+with|get\s+outlook|--\s*$|[–—]\s*$)")
_PHONE_OR_MAIL = re.compile(r"(?i)^\s*(?:[a-z. -]{1,16}[:.]\s*)?(?:\+?\(?\d[\d\s()-]{7,16}\d|"
                            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$")
_SHORTEST_LABEL = 3  # "dob", "sex": a shorter label word ("aka") names no field in a sentence


def read_reply_lines(fields: Mapping[str, str], spec: FormSpec
                     ) -> tuple[dict[str, str], list[FieldProblem]]:
    """The reply's fields with each one-line value cut to its first line and the changes its
    later lines note applied, and a problem for each later line that speaks of the form but
    cannot be read as a change."""
    kept, noted, problems = dict(fields), {}, []
    for key, value in fields.items():
        if key not in spec.keys or spec.field(key).kind not in ONE_LINE_KINDS \
                or spec.field(key).paragraphs or "\n" not in value.strip():
            continue
        first, *later = [line.strip() for line in value.strip().split("\n") if line.strip()]
        kept[key] = first
        for line in _without_signature(later, spec):
            changes = {k: v for k, v in changes_noted([line], spec).items() if k != key}
            if changes:
                noted.update(changes)
            elif (named := _names(line, spec)) is not None or _A_FIGURE.search(line):
                problems.append(_asked(line, named))
    return {**kept, **{k: v for k, v in noted.items() if k not in fields}}, problems


def _hers(line: str) -> bool:
    """A line only a signature has: a name with her phone number, a contact line alone, or a
    job title and team ("Social Worker, Children in Care Team")."""
    found = _NAME_AND_PHONE.match(line)
    return (bool(found) and a_name(found["name"].strip(), vouched=True)  # type: ignore[index]
            or a_signature_line(line)
            or all(_TEAM_PART.match(part.strip()) or a_signature_line(part)
                   for part in line.split(",")))


def _without_signature(lines: list[str], spec: FormSpec) -> list[str]:
    """The lines under the answer up to her signature, and any postscript after it. A
    signature starts with her name, a mail system's mark ("Sent from my iPhone") or her phone
    number or mail address, and has only a signature's lines under it (`signed_below`: job
    title, team, contact lines); none of its lines names a field of the form ("Postcode
    SE15 3RT", "Needs SEMH, ADHD" are the form's, and weighed)."""
    for at, line in enumerate(lines):
        starts = (_A_MARK.match(line) or _PHONE_OR_MAIL.match(line) or _NAME_AND_PHONE.match(line)
                  or a_name(line, vouched=True))
        after = next((end for end in range(at, len(lines)) if POSTSCRIPT.match(lines[end])),
                     len(lines))
        if starts and signed_below(lines[at:], also=_hers) and not any(
                _names(below, spec) for below in lines[at:after]):
            return lines[:at] + lines[after:]
    return lines


def _names(line: str, spec: FormSpec) -> FieldSpec | None:
    """The field a line names by one of its labels, word for word (the last named: "DOB is
    right, it's the postcode that's wrong"); None when it names none, or says the form's
    value is right."""
    if _CONFIRMS.search(line) and not _A_FIGURE.search(line):
        return None
    words = f" {normalise_label(line)} "
    by_label: dict[str, FieldSpec] = spec._by_label  # type: ignore[attr-defined]
    named = [(words.rfind(f" {label} "), field) for label, field in by_label.items()
             if len(label) >= _SHORTEST_LABEL and f" {label} " in words]
    return max(named, key=lambda found: found[0])[1] if named else None


def _asked(line: str, field: FieldSpec | None) -> FieldProblem:
    return FieldProblem(
        field.key if field else "reply", field.label if field else "Your reply",
        f'your reply also said "{" ".join(line.split())[:200]}", which we could not read as '
        "a change to the form, so nothing has been sent yet; please send the corrected line "
        "on its own (label, a colon and the value), or say that it changes nothing",
        f"the line with its label: {field.label}: and the value" if field
        else "the field's label, a colon and its value")
