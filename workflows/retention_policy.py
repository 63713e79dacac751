"""When a referral's children's details are to be purged: a pure rule the lifecycle applies
to every decision.

The moment a referral reaches a final state (ended, unmet, withdrawn), its purge is
scheduled for its authority's `retention` later (config/authorities.yaml): a deadline with
the subject "retention", carried out by workflows/retention.py, which keeps the anonymised
record and the timeline and removes what identifies the child.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from workflows.commands import SetDeadline
from workflows.events import DeadlineKind
from workflows.snapshot import Decision, Snapshot
from workflows.states import FINAL

DEFAULT_RETENTION = timedelta(days=365)
SUBJECT = "retention"


def keep_until(before: Snapshot, decision: Decision) -> Decision:
    """The decision, with the purge scheduled if it ends the referral."""
    if before.state in FINAL or decision.snapshot.state not in FINAL:
        return decision
    authority = before.authority
    kept = getattr(authority, "retention", None) or DEFAULT_RETENTION
    purge = SetDeadline(DeadlineKind.RETENTION, before.world.now + kept, subject=SUBJECT)
    return replace(decision, commands=(*decision.commands, purge))
