"""When the demo is done, and what it says at the end.

The referral's life has two halves: the response window (replies, chasers, the close, the
comparison and the late reply forwarded) and the placement (shortlist, approvals, papers,
choice, fee, agreement). `replies_done` says when the first half is over and the people
after the comparison may act; `finished` when the referral is placed with its agreement
issued; `missing` names what did not happen; `summary` is the closing paragraph.
"""

from __future__ import annotations

from broker.demo.narrate import Facts
from broker.demo.narrate_placement import money
from broker.demo.providers import ROLES
from workflows.states import State


def replies_done(facts: Facts) -> bool:
    """Closed, the comparison queued, and (when a provider was cast to reply late) the late
    reply read and forwarded to the social worker."""
    late_expected = facts.providers >= len(ROLES)
    still_searching = ("", State.INCOMPLETE, State.NEW, State.OPEN)
    return (facts.state not in still_searching and facts.comparison_sent
            and (facts.late_forwarded > 0 or not late_expected))


def finished(facts: Facts) -> bool:
    """Placed (a final state), with the agreement issued to the provider and the authority."""
    placement = facts.placement
    return (replies_done(facts) and facts.state == State.PLACED
            and {"provider", "placements team"} <= set(placement.ipa_to))


def missing(facts: Facts, approvals_needed: int) -> list[str]:
    """The steps that did not happen, in the order they should have."""
    placement = facts.placement
    steps = [
        ("the comparison", facts.comparison_sent),
        ("the late reply forwarded", facts.late_forwarded > 0 or facts.providers < len(ROLES)),
        ("the shortlist", bool(placement.shortlist)),
        (f"{approvals_needed} approvals (had {len(placement.approvals)})",
         len(placement.approvals) >= approvals_needed),
        ("the papers served", placement.papers_served > 0),
        ("the offer confirmed after assessment", placement.confirmed_offers > 0),
        ("the choice", bool(placement.chosen)),
        ("the authority's fee proposal", bool(placement.proposed_fees)),
        ("the agreement and the IPA", bool(placement.agreed_fee and placement.ipa_to)),
    ]
    return [name for name, done in steps if not done]


def summary(facts: Facts, wall_seconds: float) -> str:
    """One paragraph: where the referral went, what came back, and how it ended."""
    decisions = facts.decisions
    labels = facts.comparison_labels
    options = f"{labels[0]}-{labels[-1]}" if len(labels) > 1 else "".join(labels) or "none"
    window = (f"comparison sent (options {options}); late replies forwarded: "
              f"{facts.late_forwarded}" if facts.comparison_sent else "no comparison yet")
    return (f"Summary: {facts.reference or 'no referral'} sent to {facts.providers} "
            f"providers. Replies: {decisions.get('offer', 0)} offers "
            f"({facts.late_responses} late), {decisions.get('interested', 0)} interested, "
            f"{decisions.get('decline', 0)} declined; missing detail "
            f"{'completed' if facts.detail_completed else 'not completed'}. Chasers to "
            f"{' and '.join(map(str, facts.chasers)) or 'nobody'}; {window}. "
            f"{_placement(facts)} State: {facts.state or 'none'}. "
            f"Wall time {wall_seconds:.1f}s.")


def _placement(facts: Facts) -> str:
    placement = facts.placement
    if not placement.shortlist:
        return "No shortlist."
    approvals = len(placement.approvals)
    text = (f"Shortlist {', '.join(placement.shortlist)} "
            f"{'approved by' if placement.papers_released else 'with'} {approvals} "
            f"commissioner{'s' if approvals != 1 else ''}"
            f"{'' if placement.papers_released else ' approving, not yet approved'}")
    if placement.papers_released:
        text += (f"; papers to {len(placement.papers_sent)}, served "
                 f"{placement.papers_served} time(s)")
    if placement.chosen:
        text += f"; chose {placement.chosen} (requested {money(placement.requested_fee)})"
    if placement.agreed_fee:
        text += (f"; agreed {money(placement.agreed_fee)} a week; IPA issued to "
                 f"{' and '.join(placement.ipa_to)}")
    return text + "."
