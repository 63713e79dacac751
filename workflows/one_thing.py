"""Rule `one-thing-per-email`: an email that gives both an instruction and a correction to the
referral's form does one of them, and its answer names the other, with the line to send.

    EXTEND 2d ⏎ Weekly budget: £5,200      → extended; the answer says the budget line was not
                                             made, and to reply with it on its own
    Needed from: 11/12/2026 ⏎ EXTEND 2d    → the correction goes to providers; the answer says
                                             EXTEND 2d was not carried out: send it on its own
    Needed from: … ⏎ WITHDRAW <reason>     → nothing done: no correction goes to providers of
      (or UNMET <reason>)                    a search she is ending; she is told to send the
                                             WITHDRAW on its own (and the correction, if the
                                             search is to go on)

An instruction is read from an email's first line only (workflows/instructions.py), so an
instruction first is carried out, each by its own rules and proof of its sender, and the
form's lines under it are not read as a correction. A correction first is weighed as one
(workflows/correction.py), and an instruction on a later line of her own words (above her
sign-off and signature) is never carried out: it is named, and never read as part of the
value above it. In capitals it is one on its own line or inside a sentence ("Could you also
EXTEND 2d as well please"); not in capitals ("extend 2d", "Withdraw – family found a carer")
only on its own line directly under a one-line field's line ("Needed from:", "Weekly
budget:"), and only with exactly what its instruction takes (`as_sent`: EXTEND a duration or
a day, CLOSE nothing but "please", WITHDRAW and UNMET a short reason). A line inside a value
that runs on (Background, Education, Needs: "Extend contact with Dawn to 3 visits a week",
"Withdraw her from Brackenfield once…") or a signature's ("Withdraw consent for us to hold
your details…") is the value's or the signature's: nothing is cut after it. In capitals, a
line inside such a value is an instruction only in exactly its shape ("EXTEND 2d",
"WITHDRAW", "WITHDRAW found a placement"): a heading ("UNMET NEEDS: no CAMHS worker since
June", "WITHDRAW FROM SCHOOL LAST TERM") is the value's, and no heading is ever offered back
as the line to send (`as_sent`). A line giving
the record's own value in other words or case is no correction. Nothing is lost silently.

Proof of sender comes first: an email not proved to be hers (`sender_auth`) gets the plain
answer that it could not be proved (workflows/intake.py `_correction_and`), never a note
offering its lines back to her as lines to send. And a note never repeats a link, a mail
address, a host name or a phone number from the email (broker/quoting.py
`without_contacts`): the service's own voice carries no "confirm by calling … or at …".

Pure: the note is a value in the answer's context (`not_done`), rendered under the answer
(templates/email/_not_done.txt.j2); with no answer to her email, an email of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from broker.forms.extract import same_meaning
from broker.quoting import without_contacts
from workflows.commands import RecordEvent, SendEmail
from workflows.events import Event
from workflows.instructions import HOW_TO_WRITE, greets, read_instruction
from workflows.passed_on import own_words
from workflows.snapshot import Decision, Snapshot, declined
from workflows.states import State

# An instruction that ends the search: a correction with it is never sent to providers.
ENDING = ("withdraw", "unmet")
ENDING_VERBS = ("WITHDRAW", "UNMET")


# Verbs read at a line's start under a correction in any case ("extend 2d", an iPhone's
# "Withdraw – …"). Other verbs ("Drop her at school", "Agreed with mum") count in capitals only.
_ANY_CASE = ("extend", "withdraw", "unmet", "close", "shortlist", "next wave", "propose")
_LINE_VERB = re.compile(r"^\s*(next\s+wave|[a-z]+)\b[\s:,\-\u2013\u2014]*(.*)$", re.IGNORECASE)
# Not in capitals, a verb counts only with exactly what its instruction takes after it, and
# nothing more than "please": EXTEND a duration or a day ("2d", "48 hours", "to Friday"), CLOSE
# and NEXT WAVE nothing, SHORTLIST letters, PROPOSE an amount. "Extend contact with Dawn to 3
# visits a week" is a sentence of the value, however many digits it has.
_PLEASE = r"(?:[\s,]*(?:please|pls))?[\s.!]*"
_A_DAY = (r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|tomorrow"
          r"|\d{1,2}(?:st|nd|rd|th)?(?:[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
          r"|\s+(?:of\s+)?[a-z]{3,9}(?:\s+\d{4})?)")
_EXACTLY = {
    "EXTEND": re.compile(rf"(?:(?:by|for|another)\s+)?\d{{1,3}}\s*(?:d|days?|h|hrs?|hours?)"
                         rf"{_PLEASE}|(?:to|until|till)\s+(?:{_A_DAY}){_PLEASE}", re.IGNORECASE),
    "CLOSE": re.compile(_PLEASE, re.IGNORECASE),
    "NEXT WAVE": re.compile(_PLEASE, re.IGNORECASE),
    "SHORTLIST": re.compile(rf"[a-h](?:\s*(?:,|and|&)\s*[a-h])*{_PLEASE}", re.IGNORECASE),
    "PROPOSE": re.compile(rf"£\s?\d[\d,]*(?:\.\d\d)?\s*(?:pw|p/w|per\s+week|a\s+week)?{_PLEASE}",
                          re.IGNORECASE),
}
# WITHDRAW and UNMET not in capitals take a short reason, and none that reads as a sentence
# of a form or a signature: "Withdraw consent for us to hold your details…" (a privacy line),
# "Withdraw her from Brackenfield only once…" (an Education line).
_REASON_WORDS = 10
_NO_REASON = re.compile(r"\b(?:consent|details|privacy|data|once|until|unless|school|academy|"
                        r"college)\b|^(?:her|him|them|me|us|you|it)\b", re.IGNORECASE)
_FROM_A_PLACE = re.compile(r"\bfrom\s+[A-Z]")
# A value that may run over several lines: a line in it is the value's own, never an
# instruction in other than capitals, and never ends it.
_LIST_KINDS = ("codes", "family")
_LABELLED = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s*\S")
# A capital instruction inside a sentence of hers ("Could you also EXTEND 2d as well
# please"), up to where its clause goes on in words: named, never carried out.
_IN_A_SENTENCE = re.compile(r"(?<=\S)\s+((?:EXTEND|SHORTLIST|PROPOSE)\b[^,;.!?\n]*)")
_CLAUSE_GOES_ON = re.compile(r"(?i)\s+(?:as\s+well|too|also|please|pls|thanks|thank\s+you|if|"
                             r"when|so|for|because|as|in\s+case)\b.*$")


def _her_lines(text: str) -> list[str]:
    words = own_words(text) or text.strip()
    return [line.strip() for line in words.splitlines() if line.strip() and not greets(line)]


def _fits_exactly(verb: str, rest: str, capitals: bool = False) -> bool:
    """What follows a verb is exactly what its instruction takes. A WITHDRAW or UNMET reason
    reads as no sentence of a form ("her from Brackenfield once…", "consent for us…"); not
    in capitals it is short and there is one, in capitals it may be none or run on."""
    if verb in ENDING_VERBS:
        return ((capitals or 0 < len(rest.split()) <= _REASON_WORDS)
                and not _NO_REASON.search(rest) and not _FROM_A_PLACE.search(rest)
                and not (verb == "UNMET" and rest.lower().startswith("need")))
    shape = _EXACTLY.get(verb)
    return shape is not None and shape.fullmatch(rest) is not None


def _a_heading(verb: str, rest: str, line: str) -> bool:
    """A heading that starts with an instruction's word: a label in capitals of more than
    the verb ("UNMET NEEDS: no CAMHS worker since June", "WITHDRAW FROM SCHOOL: …"), or
    ("UNMET NEEDS …", any case) UNMET with needs after it. Never the instruction's shape."""
    labelled = _LABELLED.match(line)
    label = " ".join(labelled[1].split()) if labelled else ""
    return (bool(label) and label.upper() == label and label.upper() != verb) or (
        verb == "UNMET" and rest.lower().startswith("need"))


def as_sent(line: str) -> str:
    """An instruction line as it is written to be carried out: its verb in capitals and its
    words after it ("Withdraw – family found a carer" is "WITHDRAW family found a carer");
    '' when the line is no instruction. Not in capitals, only a verb of `_ANY_CASE` with
    exactly what it takes after it (`_EXACTLY`, a short reason for WITHDRAW and UNMET); in
    any case never a heading (`_a_heading`: "UNMET NEEDS: no CAMHS worker since June"), so
    no line is offered back as the one to send that is not the instruction's own shape."""
    found = _LINE_VERB.match(unicodedata.normalize("NFKC", line))
    if not found:
        return ""
    verb = " ".join(found[1].upper().split())
    written = f"{verb} {found[2].strip()}".strip()
    if _a_heading(verb, found[2].strip(), found[0]):
        return ""
    if found[1] != found[1].upper() and (
            verb.lower() not in _ANY_CASE or not _fits_exactly(verb, found[2].strip())):
        return ""
    return written if read_instruction(written) is not None else ""


def _in_capitals(line: str) -> bool:
    found = _LINE_VERB.match(unicodedata.normalize("NFKC", line))
    return bool(found) and found[1] == found[1].upper()  # type: ignore[index]


def runs_on(spec: Any, key: str) -> bool:
    """Whether a field's value may run over several lines (Background, Education, Needs…)."""
    if spec is None or key not in spec.keys:
        return False
    field = spec.field(key)
    return bool(field.paragraphs) or field.kind in _LIST_KINDS


def _a_one_line_field(line: str, spec: Any) -> bool:
    labelled = _LABELLED.match(line)
    field = spec.field_for_label(labelled[1]) if labelled and spec is not None else None
    return field is not None and not runs_on(spec, field.key)


def instruction_below(text: str, spec: Any = None) -> str:
    """The first line of her own words after the first (greetings left out, the signature
    cut: `own_words`) that is an instruction on its own line, as written; '' when none. In
    capitals anywhere ("EXTEND 2d"); not in capitals ("extend 2d", "Withdraw – found a
    carer") only directly under a one-line field's line of the form `spec` ("Needed from:",
    "Weekly budget:"), never in a value that runs on (Background, Education, Needs: "Extend
    contact with Dawn to 3 visits a week", "Unmet - CAMHS have not allocated a worker yet"
    are the value's), and with exactly what its instruction takes (`as_sent`)."""
    words = own_words(text) or text.strip()
    rows = [row.strip() for row in words.splitlines() if not (row.strip() and greets(row))]
    first = next((at for at, row in enumerate(rows) if row), len(rows))
    for at in range(first + 1, len(rows)):
        line = rows[at]
        if not line or not as_sent(line):
            continue
        if _in_a_running_value(rows[:at], spec):
            if _in_capitals(line) and _shaped_in_a_value(line):
                return line
        elif _in_capitals(line) or _a_one_line_field(rows[at - 1], spec):
            return line
    return ""


def _in_a_running_value(above: list[str], spec: Any) -> bool:
    """Whether the line under `above` is inside a value that runs on: the nearest field's
    line above it is one of `runs_on`'s (Background, Education, Needs), its blank lines
    included, as the form is read (broker/forms/extract.py keeps a paragraph field's
    paragraphs to the next label)."""
    for row in reversed(above):
        labelled = _LABELLED.match(row)
        field = spec.field_for_label(labelled[1]) if labelled and spec is not None else None
        if field is not None:
            return runs_on(spec, field.key)
    return False


def _shaped_in_a_value(line: str) -> bool:
    """A capitals line inside a value that runs on is an instruction only in exactly its
    instruction's shape ("EXTEND 2d", "WITHDRAW", "WITHDRAW found a placement"): a line of
    capitals words ("WITHDRAW FROM SCHOOL LAST TERM") is a heading of the value, and a
    reason that reads as a sentence of the form is the value's."""
    found = _LINE_VERB.match(unicodedata.normalize("NFKC", line))
    if not found:
        return False
    verb, rest = " ".join(found[1].upper().split()), found[2].strip()
    words = re.findall(r"[^\W\d_]{2,}", rest)
    if len(words) >= 2 and rest.upper() == rest:
        return False
    return _fits_exactly(verb, rest, capitals=True)


def meant_in_a_sentence(text: str) -> str:
    """An instruction written in capitals inside a sentence of her own words after the first
    line ("Could you also EXTEND 2d as well please"), as it would be sent on its own
    ("EXTEND 2d"); '' when none. It is never carried out: her answer names it."""
    for line in _her_lines(text)[1:]:
        for found in _IN_A_SENTENCE.finditer(line):
            written = _CLAUSE_GOES_ON.sub("", found[1]).strip()
            verb, _, rest = written.partition(" ")
            if HOW_TO_WRITE[verb][1].fullmatch(rest) and read_instruction(written):
                return written
    return ""


def ends_the_search(line: str) -> bool:
    found = read_instruction(as_sent(line) or line)
    return found is not None and found.verb in ENDING


def without_line(fields: Mapping[str, str], line: str, spec: Any = None) -> dict[str, str]:
    """The form's values with the instruction line taken out of any it ran on into
    ("Needed from: 11/12/2026⏎EXTEND 2d", "Weekly budget: £5,200⏎extend 2d" read as one
    value). A one-line field's value ends where the line starts, never glued to it; a value
    that runs on (`runs_on`: Background, Education, Needs) loses that line only, and keeps
    every line after it: a risk is never cut from what providers see."""
    kept = {}
    for key, value in fields.items():
        rows = value.split("\n")
        at = next((i for i, row in enumerate(rows) if row.strip() == line.strip()), None)
        if at is not None:
            rows = rows[:at] + rows[at + 1:] if runs_on(spec, key) else rows[:at]
        kept[key] = "\n".join(rows).strip()
    return kept


def corrections_left(snapshot: Snapshot, fields: Mapping[str, str]) -> list[str]:
    """The labelled lines, as `Label: value`, that would have changed the referral: those of
    a field the form has whose value means otherwise than the referral's (the form's own
    reading, `same_meaning` both ways: "Urgency: urgent" is the record's "Urgent")."""
    spec, before = snapshot.world.referral_spec, snapshot.referral.raw_fields
    return [f"{spec.field(key).label}: {value}" for key, value in fields.items()
            if key in spec.keys and value.strip() and not _same(spec, key, before.get(key),
                                                                 value)]


def _same(spec: Any, key: str, before: str | None, value: str) -> bool:
    if before is None:
        return False
    field = spec.field(key)
    return before == value or (same_meaning(field, before, value, spec)
                               and same_meaning(field, value, before, spec))


def lines_too(instruction: Any, fields: Mapping[str, str]) -> dict[str, str]:
    """The form's lines an instruction's email gave besides what the instruction itself
    reads: a SHORTLIST's "Child's views:" line is its own, not a corrected Child's wishes."""
    own = set(getattr(instruction, "views", {}).values())
    return {key: value for key, value in fields.items() if value not in own}


def correction_not_made(before: Snapshot, event: Event, decision: Decision) -> Decision:
    """An instruction carried out (or answered), with the corrections the same email gave
    named in its answer: not made, and how to make them."""
    lines = corrections_left(before, event.lines_too)
    if not lines or event.actor.channel != "email" or not event.actor.address:
        return decision
    still_open = decision.snapshot.state == State.OPEN
    return noted(decision, event, {"kind": "correction", "lines": lines, "open": still_open,
                                   "state": decision.snapshot.state.value})


def instruction_not_done(decision: Decision, event: Any, line: str) -> Decision:
    """A correction weighed, with the instruction the same email gave named in its answer:
    not carried out; send it on its own."""
    return noted(decision, event, {"kind": "instruction", "lines": [line], "open": True})


def instruction_meant(decision: Decision, event: Any, line: str) -> Decision:
    """A correction weighed, with an instruction in capitals inside a sentence of hers
    ("Could you also EXTEND 2d as well please") named: not carried out; if she meant it,
    she sends it on its own."""
    return noted(decision, event, {"kind": "meant", "lines": [line], "open": True})


def nothing_done(snapshot: Snapshot, event: Any, line: str) -> Decision:
    """A correction with WITHDRAW or UNMET under it: neither done (no correction to
    providers of a search she may be ending, no search ended on a line under a correction);
    she is told to send the instruction on its own."""
    lines = corrections_left(snapshot, event.form.fields)
    decision = declined(snapshot, [RecordEvent("one-thing-per-email", {
        "instruction": line.split()[0], "fields": sorted(event.form.fields)})],
        "nothing-done", "one-thing-per-email",
        f"Nothing was done: send {line.split()[0]} on its own.")
    return noted(decision, event, {"kind": "ending", "lines": [line], "corrections": lines,
                                   "open": True})


def _shown(line: str) -> str:
    return " ".join(without_contacts(line).split())


def noted(decision: Decision, event: Any, not_done: dict[str, Any]) -> Decision:
    """`not_done` in the context of the decision's answer to the email (its email to the
    sender replying to it, else its first email to the sender), or in an email of its own
    when the decision sends the sender none. The lines it quotes lose their links, mail
    addresses, host names and phone numbers; an email not proved to be the sender's gets
    no note at all."""
    actor = event.actor
    if not actor.authenticated:  # nothing of a stranger's offered back as hers to send
        return decision
    not_done = {key: [_shown(line) for line in value] if key in ("lines", "corrections")
                else value for key, value in not_done.items()}
    commands = list(decision.commands)
    to_them = [at for at, command in enumerate(commands) if isinstance(command, SendEmail)
               and command.to.casefold() == actor.address.casefold()]
    replying = [at for at in to_them if actor.message_id
                and commands[at].in_reply_to == actor.message_id]  # type: ignore[union-attr]
    if to_them:
        at = (replying or to_them)[0]
        answer = commands[at]
        assert isinstance(answer, SendEmail)
        commands[at] = replace(answer, context={**answer.context, "not_done": not_done})
        return replace(decision, commands=tuple(commands))
    reference = decision.snapshot.reference
    commands.append(SendEmail(
        key=f"{reference}:not-done:{event.key or actor.message_id}",
        template="social_worker/not_done", to=actor.address,
        context={"reference": reference, "not_done": not_done},
        in_reply_to=actor.message_id))
    return replace(decision, commands=tuple(commands))
