"""A provider's reply that names another referral than its thread's: read for neither.

A placement officer answering several councils' referrals from one inbox sometimes answers
on the wrong email: "Sorry wrong one earlier - for the Northby girl REF-2026-937430 we can
offer Larch View after all, £5,300 pw", on the email for Eastmere's REF-2026-580343. Read
for the thread's referral it says nothing (broker/forms/other_referrals.py leaves out what
it says of another), so its home would be asked for a decision it never meant to give, and
the offer it did mean would be lost. Rule `reply-names-another-referral`: a reply whose own
new words name another of our referrals and say nothing of this one
(`only_another_named`) is recorded for neither, and the home is told so and where to
answer: the subject of our referral email to this same home about the referral it named
(found by the mailroom, workflows/mailroom.py, on `ReplyReceived.named`), or, when we sent
it none, only that it is not a referral sent to this home: a stranger learns nothing of
other referrals. A reply naming this referral too keeps its part for this one (each part
goes to the referral it names).
"""

from __future__ import annotations

from broker.forms.other_referrals import only_another_named
from broker.forms.side_messages import is_a_side_message
from workflows.commands import Command, RecordEvent, SendEmail
from workflows.events import ReplyReceived
from workflows.responses import digest
from workflows.snapshot import Decision, Snapshot, declined


def names_another_referral(snapshot: Snapshot, event: ReplyReceived) -> Decision | None:
    """The answer to a reply about another referral than its thread's; None for any other."""
    reply = event.reply
    recipient = snapshot.recipients.get(event.establishment)
    if reply.auto_submitted or recipient is None or not snapshot.reference:
        return None  # (a home this referral never went to is told so: workflows/responses.py)
    named = only_another_named(reply.body_text, snapshot.reference)
    if named is None or is_a_side_message(reply.subject, reply.body_text):
        return None  # (a recall of the home's email about another referral is never answered)
    name = recipient.name
    commands: list[Command] = [RecordEvent("reply-names-another-referral", {
        "establishment": event.establishment})]
    if reply.sender:
        commands.append(SendEmail(
            key=f"{snapshot.reference}:{event.establishment}:other-referral:"
                f"{digest(event.key, reply)}",
            template="provider/another_referral", to=reply.sender,
            context={"reference": snapshot.reference, "named": named, "establishment": name,
                     "subject": event.named.get(named, "")},
            reply_to=snapshot.world.reply_address(snapshot.referral.id, event.establishment),
            in_reply_to=reply.message_id,
            references=(reply.message_id,) if reply.message_id else (),
            establishment=event.establishment))
    return declined(snapshot, commands, "reply-names-another-referral",
                    "reply-names-another-referral",
                    f"The reply names {named}, not this referral: nothing was recorded.")
