"""A referral's states: the one place their names are spelled (the lifecycle table in
workflows/lifecycle.py says how one leads to another).

`State` is a `StrEnum`, so a value is stored in the database as its plain name.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    NEW = "new"  # being created: no decision made yet
    INCOMPLETE = "incomplete"  # waiting for the social worker's corrections
    HELD = "held"  # anonymised, held before broadcast until someone says SEND
    OPEN = "open"  # a wave is out: providers are answering
    UNMATCHED = "unmatched"  # no establishment was eligible; the placements team was told
    CLOSED = "closed"  # the comparison has been sent; waiting for the shortlist
    AWAITING_APPROVAL = "awaiting-approval"  # a shortlist is with the commissioners
    APPROVED = "approved"  # full papers released to the shortlisted
    NEGOTIATING = "negotiating"  # a provider chosen; the fee is being agreed
    PLACED = "placed"  # the placement agreement has been issued
    ENDED = "ended"  # the placement has ended and its place is free again
    UNMET = "unmet"  # the search ended without a placement (sufficiency evidence)
    WITHDRAWN = "withdrawn"  # the referral was withdrawn and recalled from providers


FINAL = frozenset({State.ENDED, State.UNMET, State.WITHDRAWN})
# The search is over: nothing more is asked of providers, the family or the commissioners.
OVER = frozenset({State.PLACED, *FINAL})
# After broadcast: providers have had the referral, so a second form is not a new one.
SENT = frozenset({State.OPEN, State.UNMATCHED, State.CLOSED, State.AWAITING_APPROVAL,
                  State.APPROVED, State.NEGOTIATING, State.PLACED, *FINAL})

IN_WORDS = {
    State.NEW: "being created",
    State.INCOMPLETE: "waiting for corrections to the form",
    State.HELD: "held before it goes to providers, waiting for SEND",
    State.OPEN: "out with providers, waiting for their responses",
    State.UNMATCHED: "unmatched: no provider was eligible",
    State.CLOSED: "closed for responses, waiting for the shortlist",
    State.AWAITING_APPROVAL: "waiting for commissioners to approve the shortlist",
    State.APPROVED: "approved: the shortlisted providers have the full papers",
    State.NEGOTIATING: "negotiating the fee with the chosen provider",
    State.PLACED: "placed",
    State.ENDED: "ended: the placement has finished",
    State.UNMET: "ended as unmet need",
    State.WITHDRAWN: "withdrawn",
}
