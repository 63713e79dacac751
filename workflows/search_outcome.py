"""When the search ends, every home sent the referral hears that it ended, once: a pure
rule the lifecycle applies to every decision.

The decision that ends the search (placed, unmet, withdrawn) tells the homes it knows of:
the chosen home its agreement, the shortlisted their papers are withdrawn, every home sent
the referral that it is recalled. A home can still be offering that none of those reaches:
one that offered or said it was interested after the window closed (its answer was passed
to the social worker as late), or one whose offer never reached a shortlist. Each gets the
one-line outcome (`provider/not_selected`), under the same key as the note a home left off
a shortlist was sent: a home already told is never told twice (the outbox keeps one email
per key).

Every other home sent the referral (rule `search-closed-note`: one that never answered, one
that declined, one whose answer was withdrawn) gets the withdrawal's note in its closing
form (`provider/recalled` with `ended`): the search has closed, no action is needed, please
delete the referral. It goes under the withdrawal's own key, so a home gets one such note per
referral however the search ends and whatever ends it later. The search ends only when the
referral is placed, declared unmet or withdrawn: a window that closes with no offer and no
expression of interest to shortlist does not end it (rule `closed-is-not-ended`), for the
referral stays CLOSED and still takes a late offer, which the social worker may shortlist;
a home told to delete it then would delete a live search for a child nobody has offered
for, told its answer would not be used when it would. A home paused or suspended in the
directory is not written to (it gets only what it already gets: the withdrawal's recall),
nor one the ending decision already writes to (the chosen home's agreement, a shortlisted
home's thanks, a window closed early).
The note answers no mail, so the answer limits (workflows/answer_limits.py) do not count it.
"""

from __future__ import annotations

from dataclasses import replace

from workflows.commands import SendEmail
from workflows.placement import contact_now
from workflows.snapshot import Decision, Recipient, Snapshot
from workflows.states import State
from workflows.window import receiving

SEARCH_ENDED = {State.PLACED: "another home was chosen",
                State.UNMET: "the search ended without a placement",
                State.WITHDRAWN: "the referral was withdrawn"}
STILL_OFFERING = frozenset({"offer", "interested"})


def search_ended(before: Snapshot, after: Snapshot) -> str | None:
    """How the search ended, in words, when this decision ends it (placed, unmet,
    withdrawn; ENDED follows PLACED); else None. Rule `closed-is-not-ended`: a window that
    closes with nothing to shortlist does not end it, for a late offer can still come and
    be shortlisted; the homes hear when UNMET or WITHDRAW ends it."""
    if before.state in SEARCH_ENDED or after.state not in SEARCH_ENDED:
        return None
    return SEARCH_ENDED[after.state]


def told_the_outcome(before: Snapshot, decision: Decision) -> Decision:
    """The decision, when it ends the search, with the outcome sent to each home still
    offering, and the closing note to every other home sent the referral, that it does
    not already write to."""
    ended = search_ended(before, decision.snapshot)
    if ended is None:
        return decision
    written = {c.establishment for c in decision.commands if isinstance(c, SendEmail)}
    chosen = decision.snapshot.referral.chosen
    offering = [key for key, response in before.responses.items()
                if response.decision in STILL_OFFERING]
    notes = [outcome_note(before, key, ended) for key in offering
             if key not in written and key != chosen]
    closing = [closing_note(before, recipient, ended=ended,
                            own_home_chosen=own_home_chosen(before, key, chosen))
               for key, recipient in before.recipients.items()
               if key not in written and key != chosen and key not in offering
               and receiving(before, key)]
    return replace(decision, commands=(*decision.commands, *(n for n in notes if n),
                                       *closing))


def own_home_chosen(snapshot: Snapshot, establishment: str, chosen: str) -> str:
    """Rule `own-home-chosen`: the chosen home's name when it belongs to the same provider
    (organisation) as `establishment`, else "". A shared inbox told "another home was
    chosen, please delete the referral" about its own home's placement would delete what
    the chosen home needs: its note says its own home was chosen, and that only this home's
    part of the referral closes."""
    directory = snapshot.world.directory
    home, placed = directory.establishment(establishment), directory.establishment(chosen)
    if not chosen or home is None or placed is None or not home.organisation:
        return ""
    return placed.name if placed.organisation == home.organisation else ""


def closing_note(snapshot: Snapshot, recipient: Recipient, *, ended: str = "",
                 had_papers: bool = False, own_home_chosen: str = "") -> SendEmail:
    """`provider/recalled` to a home sent the referral, at the address it went to: the
    withdrawal's recall (no `ended`), or the search's closing note (`ended`: how it ended;
    `own_home_chosen`: the provider's own other home chosen). One key for both, so a home
    gets one of them per referral."""
    referral, world = snapshot.referral, snapshot.world
    return SendEmail(key=f"{referral.reference}:recall:{recipient.establishment}",
                     template="provider/recalled", to=recipient.contact,
                     context={"reference": referral.reference,
                              "establishment": recipient.name, "had_papers": had_papers,
                              **({"ended": ended} if ended else {}),
                              **({"own_home_chosen": own_home_chosen}
                                 if ended and own_home_chosen else {})},
                     reply_to=world.reply_address(referral.id, recipient.establishment),
                     establishment=recipient.establishment)


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
