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
(workflows/correction.py), and an instruction on a later line of her own words, written in
capitals on its own line, is never carried out: it is named. Nothing is lost silently.

Proof of sender comes first: an email not proved to be hers (`sender_auth`) gets the plain
answer that it could not be proved (workflows/intake.py `_correction_and`), never a note
offering its lines back to her as lines to send. And a note never repeats a link, a mail
address, a host name or a phone number from the email (broker/quoting.py
`without_contacts`): the service's own voice carries no "confirm by calling … or at …".

Pure: the note is a value in the answer's context (`not_done`), rendered under the answer
(templates/email/_not_done.txt.j2); with no answer to her email, an email of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from broker.quoting import without_contacts
from workflows.commands import RecordEvent, SendEmail
from workflows.events import Event
from workflows.instructions import greets, read_instruction
from workflows.passed_on import own_words
from workflows.snapshot import Decision, Snapshot, declined
from workflows.states import State

# An instruction that ends the search: a correction with it is never sent to providers.
ENDING = ("withdraw", "unmet")


def instruction_below(text: str) -> str:
    """The first line of her own words after the first (greetings left out) that is an
    instruction written in capitals on its own line ("EXTEND 2d", "WITHDRAW found a carer"),
    as written; '' when none. "Extend the search if you can" in a sentence is none."""
    words = own_words(text) or text.strip()
    lines = [line.strip() for line in words.splitlines() if line.strip() and not greets(line)]
    for line in lines[1:]:
        verb = line.split()[0]
        if verb.isupper() and verb.isalpha() and read_instruction(line) is not None:
            return line
    return ""


def ends_the_search(line: str) -> bool:
    found = read_instruction(line)
    return found is not None and found.verb in ENDING


def without_line(fields: Mapping[str, str], line: str) -> dict[str, str]:
    """The form's values with the instruction line taken out of any it ran on into
    ("Needed from: 11/12/2026⏎EXTEND 2d" read as one value)."""
    kept = {}
    for key, value in fields.items():
        rows = [row for row in value.split("\n") if row.strip() != line]
        kept[key] = "\n".join(rows).strip()
    return kept


def corrections_left(snapshot: Snapshot, fields: Mapping[str, str]) -> list[str]:
    """The labelled lines, as `Label: value`, that would have changed the referral: those of
    a field the form has whose value differs from the referral's."""
    spec, before = snapshot.world.referral_spec, snapshot.referral.raw_fields
    return [f"{spec.field(key).label}: {value}" for key, value in fields.items()
            if key in spec.keys and value.strip() and before.get(key) != value]


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
