"""A referral that never went out lapses: a pure rule and its deadline's decision.

    new | incomplete | held   a form or a correction   → the lapse moves to `unsent_lapse` on
    incomplete | held         the lapse, nothing since  → withdrawn ("lapsed"): the referrer
                                                          is told, and the team if it was held

A form that still needs corrections, or a referral held for a SEND that never comes, would
otherwise wait for ever, and with it the child's details, since retention counts from a
final state. Nothing went to any provider, so there is nobody to recall; the referral ends
as withdrawn, and its purge is scheduled like any other's (workflows/retention_policy.py).
"""

from __future__ import annotations

from dataclasses import replace

from workflows.commands import CancelDeadlines, Command, MoveDeadlines, RecordEvent, SendEmail
from workflows.events import DeadlineDue, DeadlineKind, Event, FormReceived
from workflows.placement import announce
from workflows.snapshot import Decision, Snapshot, accepted, declined
from workflows.states import State

UNSENT = frozenset({State.INCOMPLETE, State.HELD})
LAPSED = "lapsed"  # the withdrawn referral's outcome_reason


def lapse_later(event: Event, decision: Decision) -> Decision:
    """The decision, with the lapse (re)set if a form or correction left the referral
    unsent: one deadline per referral, moved on by each form."""
    if not isinstance(event, FormReceived) or decision.snapshot.state not in UNSENT:
        return decision
    world = decision.snapshot.world
    move = MoveDeadlines(0, ((DeadlineKind.LAPSE, 0, world.now + world.unsent_lapse),))
    return replace(decision, commands=(*decision.commands, move))


def on_lapse(snapshot: Snapshot, event: DeadlineDue) -> Decision:
    """The lapse has come with no form or correction since: withdraw what never went out."""
    if snapshot.state not in UNSENT:
        return declined(snapshot, [], "lapse-ignored", "no-longer-unsent",
                        "The referral is no longer waiting to go out.")
    referral, days = snapshot.referral, snapshot.world.unsent_lapse.days
    held = snapshot.state == State.HELD
    told = [referral.referrer, *([snapshot.authority.placements_team] if held else [])]
    commands: list[Command] = [RecordEvent("lapsed", {"state": str(snapshot.state),
                                                      "days": days}), CancelDeadlines()]
    commands += [SendEmail(key=f"{referral.reference}:lapsed:{to}",
                           template="social_worker/lapsed", to=to,
                           context={"reference": referral.reference, "held": held,
                                    "days": days})
                 for to in dict.fromkeys(told)]
    commands += announce(snapshot, f"{referral.reference}: lapsed, never sent.", "lapsed")
    return accepted(snapshot.with_referral(state=State.WITHDRAWN, outcome_reason=LAPSED),
                    commands, "withdrawn", "unsent-referral-lapsed",
                    f"{referral.reference} has lapsed: nothing came in {days} days and it "
                    "never went to providers.")
