"""When the search ends, every home still offering hears how it ended: a pure rule the
lifecycle applies to every decision.

The decision that ends the search (placed, unmet, withdrawn) tells the homes it knows of:
the chosen home its agreement, the shortlisted their papers are withdrawn, every home sent
the referral that it is recalled. A home can still be offering that none of those reaches:
one that offered or said it was interested after the window closed (its answer was passed
to the social worker as late), or one whose offer never reached a shortlist. Each gets the
one-line outcome (`provider/not_selected`), under the same key as the note a home left off
a shortlist was sent: a home already told is never told twice (the outbox keeps one email
per key).
"""

from __future__ import annotations

from dataclasses import replace

from workflows.commands import SendEmail
from workflows.placement import contact_now
from workflows.snapshot import Decision, Snapshot
from workflows.states import State

SEARCH_ENDED = {State.PLACED: "another home was chosen",
                State.UNMET: "the search ended without a placement",
                State.WITHDRAWN: "the referral was withdrawn"}
STILL_OFFERING = frozenset({"offer", "interested"})


def told_the_outcome(before: Snapshot, decision: Decision) -> Decision:
    """The decision, with the outcome sent to each home still offering that it does not
    already write to, when it ends the search."""
    reached = decision.snapshot.state
    if reached not in SEARCH_ENDED or before.state in SEARCH_ENDED:
        return decision
    written = {c.establishment for c in decision.commands if isinstance(c, SendEmail)}
    notes = [outcome_note(before, key, SEARCH_ENDED[reached])
             for key, response in before.responses.items()
             if response.decision in STILL_OFFERING and key not in written
             and key != decision.snapshot.referral.chosen]
    return replace(decision, commands=(*decision.commands, *(n for n in notes if n)))


def outcome_note(snapshot: Snapshot, establishment: str, category: str) -> SendEmail | None:
    """`provider/not_selected` to a home, where its mail goes now; None when there is
    nowhere to send it."""
    referral, world = snapshot.referral, snapshot.world
    recipient = snapshot.recipients.get(establishment)
    home = world.directory.establishment(establishment)
    name = (home.name if home else "") or (recipient.name if recipient else "")
    contact = contact_now(snapshot, establishment)
    if not contact:
        return None
    return SendEmail(key=f"{referral.reference}:not-selected:{establishment}",
                     template="provider/not_selected", to=contact,
                     context={"reference": referral.reference, "establishment": name,
                              "category": category},
                     reply_to=world.reply_address(referral.id, establishment),
                     establishment=establishment,
                     follows=f"{referral.reference}:referral:{establishment}")
