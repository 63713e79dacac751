"""Asking a proved sender to confirm an instruction nothing shows was sent to the service.

A signature proves who wrote an email, not to whom (workflows/senders.py). Microsoft 365,
which most councils and many providers use, signs the From and the Subject but not the To:
a new email from it ("EXTEND 2d" with the reference in its subject, "PAUSE Larch House" to
providers@) cannot be told from a copy of one sent to someone else and sent on. Such an
instruction is not carried out and not simply refused: the service asks its proved sender,
and only them, to confirm it, in an email whose subject carries their code for what it is
about (broker/tokens.py `subject_code`: the referral, the application, or the homes). A
council's person is asked about a referral's instruction (`ask_to_confirm`,
`council/confirm_instruction`); a provider about an ending or its homes' notices, and a
list's approver about an application (`request`, `provider/confirm_instruction`, replies
to providers@). Their reply, keeping the subject, proves itself through that code (or, from
a provider's own mailbox, through our email's thread); a bare "Yes" (`confirmed`) then
carries out the instruction of the email it was asked about, found again by the request's
key (`original_message_id`), or the reply repeats the instruction on its first line. One
round only: a reply to the request that still proves nothing is refused, never asked about
again, and each email is carried out at most once (workflows/inbound.py marks it
`confirmed`).
"""

from __future__ import annotations

import re
from typing import Any

from workflows.commands import Command, RecordEvent, SendEmail
from workflows.snapshot import Decision, Snapshot, declined

TEMPLATE = "council/confirm_instruction"
PROVIDER_TEMPLATE = "provider/confirm_instruction"  # replies go to providers@
TEMPLATES = (TEMPLATE, PROVIDER_TEMPLATE)
NOTICES = "notices"  # what a request about a provider's notices (no reference) is keyed by
OUTCOME = "to-confirm"  # the email's outcome while it waits; CONFIRMED once carried out
CONFIRMED = "confirmed"
_KEY = ":confirm:"
MAX_LINE = 300  # of the instruction, quoted back

# A reply that only says yes ("Yes", "Confirmed.", "yes please, thanks", "I confirm", "OK").
_WORD = (r"(?:yes|yep|yeah|y|ok|okay|confirm(?:ed)?|i\s+confirm|correct|go\s+ahead|please|"
         r"thanks|thank\s+you|many\s+thanks|cheers|that'?s\s+right|that'?s\s+fine)")
_YES = re.compile(r"^\s*(?:yes|yep|yeah|y|ok|okay|confirm(?:ed)?|i\s+confirm|correct|"
                  rf"go\s+ahead)\b(?:[\s,.!:;-]*{_WORD}\b)*[\s,.!]*$", re.IGNORECASE)
_NOT_YES = re.compile(r"\b(?:no|not|don'?t|do\s+not|cancel|wrong|didn'?t|did\s+not)\b",
                      re.IGNORECASE)


def confirmed(text: str) -> bool:
    """Whether the first line of a reply's new text is a bare yes (never with a no in it)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_YES.match(first)) and not _NOT_YES.search(first) and len(first) <= 60


def first_line(text: str) -> str:
    """The instruction as written: the first non-blank line, cut to `MAX_LINE`."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= MAX_LINE else line[:MAX_LINE - 1].rstrip() + "…"


def request_key(about: str, message_id: str) -> str:
    """The request's outbox key: one request per email, however many copies arrive. `about`
    is the referral's or the application's reference, or `NOTICES`."""
    return f"{about}{_KEY}{message_id[:400]}"


def original_message_id(key: str) -> str:
    """The Message-ID of the email a request (by its outbox key) asked about, or ''."""
    return key.partition(_KEY)[2]


def request(actor: Any, about: str, lines: list[str], *, template: str = TEMPLATE,
            reply_to: str = "", reference: str = "",
            establishment: str = "", why: str = "") -> list[Command]:
    """Rule `confirm-unaddressed`'s email: the instruction (`lines`, as its sender wrote it
    or in the service's words) put to its proved sender only, on its own thread, keyed once
    per email. Its subject carries their code for `reference` (or, with none, for their
    homes: channels/email/render.py `coded_subject`). `why`: the reason to ask, when it is
    not that nothing shows the email was sent to the service (a proposal above what the home
    asked and the budget: workflows/agreement.py)."""
    commands: list[Command] = []
    if actor.message_id:
        commands.append(SendEmail(
            key=request_key(about, actor.message_id), template=template, to=actor.address,
            context={"reference": reference, "instruction": "\n".join(lines),
                     "lines": lines, "why": why}, reply_to=reply_to,
            in_reply_to=actor.message_id, establishment=establishment))
    return commands


WHY = ("Nothing shows this email was sent to the placement service, so nothing was changed "
       "yet: reply to the service's email asking you to confirm it.")


def ask_to_confirm(snapshot: Snapshot, event: Any, permission_name: str) -> Decision:
    """Rule `confirm-unaddressed`: an instruction from a proved sender, in an email nothing
    shows was sent to the service, is asked about, to that sender only, and not carried out.
    A council's person is asked as the council's people are; anyone else (the chosen home's
    `ENDED REF-…` to providers@) as providers are, replying to providers@."""
    actor = event.actor
    council = snapshot.world.directory.authority_for_sender(actor.address) is not None
    commands: list[Command] = [RecordEvent("confirmation-asked", {
        "permission": permission_name, "by": actor.address})]
    commands += request(actor, snapshot.reference, [actor.to_confirm],
                        template=TEMPLATE if council else PROVIDER_TEMPLATE,
                        reply_to="" if council else snapshot.world.providers_address,
                        reference=snapshot.reference)
    return declined(snapshot, commands, OUTCOME, f"permission:{permission_name}", WHY)
