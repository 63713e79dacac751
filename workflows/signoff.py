"""A budget holder's sign-off for a fee above the authority's limit, as pure decisions.

    negotiating  agreement at or under `sign_off_above`  → placed (workflows/agreement.py)
    negotiating  agreement above it                       → negotiating (budget holders asked)
    negotiating  SIGN OFF REF-…                           → placed (the IPA is issued)
    negotiating  REFUSE SIGN OFF REF-… <reason>           → negotiating (the social worker told)

The request carries the reference, the home and the fees, never the child's details. The
pending sign-off is a fee round by "awaiting-sign-off"; a refusal is a round with no fee, so
nothing is left to AGREE to and the negotiation goes on with a new proposal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from broker.forms.values import parse_money_weekly
from workflows.commands import Command, RecordEvent, RecordFeeRound, SendEmail
from workflows.events import FeeSignedOff
from workflows.snapshot import Decision, Snapshot, accepted, refused
from workflows.states import State

AWAITING, SIGNED, REFUSED = "awaiting-sign-off", "signed-off", "sign-off-refused"


def needed(snapshot: Snapshot, agreed: Decimal, extra: str = "") -> bool:
    """Whether the weekly cost is above the authority's limit: the fee, with the provider's
    additional costs ("£1,500 a week for 2:1 staffing") on top, and any such costs whose
    amount cannot be read counted as above it, so the IPA never carries a cost over the
    limit that no budget holder saw."""
    limit = getattr(snapshot.authority, "sign_off_above", None)
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if limit is None or last[1] == SIGNED:
        return False
    more = extra_weekly(extra)
    return more is None or agreed + more > limit


def extra_weekly(text: str) -> Decimal | None:
    """Additional costs as a weekly amount: 0 when there are none, None when there are
    some whose amount cannot be read."""
    if not text or _NONE.fullmatch(text) or (
            not _A_FIGURE.search(text) and _NONE_SAID.search(text)):
        return Decimal(0)  # "None known", "No additional costs", "All inclusive"
    try:
        return parse_money_weekly(text)
    except ValueError:
        return None


_NONE = re.compile(r"\s*(?:none|nil|n/?a|no|nothing|-|£?0(?:\.00)?)(?:\s+given)?\s*\.?\s*",
                   re.IGNORECASE)
_A_FIGURE = re.compile(r"\d")
_NONE_SAID = re.compile(r"\b(?:none|nil|n/a|nothing|no\s+(?:additional|extra|further|other)|"
                        r"(?:all[\s-]+)?inclusive|included)\b", re.IGNORECASE)


def ask(snapshot: Snapshot, option: Any, agreed: Decimal, requested: Decimal,
        extra: str = "") -> Decision:
    """Hold the agreement and ask every budget holder of the authority."""
    authority, number = snapshot.authority, len(snapshot.fee_rounds) + 1
    fee = f"{agreed:.2f}"
    context = {"reference": snapshot.reference, "home": option.home, "agreed_fee": fee,
               "requested_fee": f"{requested:.2f}", "limit": f"{authority.sign_off_above:.2f}",
               "social_worker": snapshot.referral.referrer, "additional_costs": extra}
    commands: list[Command] = [
        RecordFeeRound(option.establishment, number, AWAITING, fee),
        RecordEvent("sign-off-requested", {"weekly_fee": fee,
                                           "limit": context["limit"]}),
        *(SendEmail(key=f"{snapshot.reference}:sign-off:{number}:{holder}",
                    template="budget_holder/sign_off_request", to=holder, context=context)
          for holder in authority.budget_holders),
    ]
    waiting = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, AWAITING, fee)))
    return accepted(waiting, commands, AWAITING, "fee-above-sign-off-limit",
                    f"£{fee} a week is above £{context['limit']}: a budget holder must sign "
                    "it off before the agreement is issued.")


def _request_answered(snapshot: Snapshot, event: FeeSignedOff) -> str | None:
    """Why the decision cannot count for the fee waiting now: it replies to a request for an
    earlier agreed fee, or, replying to none, comes after the fee waiting has changed, when
    nobody can tell which fee was read. Signing off £6,500 must never place at £12,000."""
    waiting = snapshot.fee_rounds[-1]
    asked = [number for number, status, _ in snapshot.fee_rounds if status == AWAITING]
    if event.round is not None and event.round != waiting[0]:
        return (f"That request was for an agreed fee that has changed since; the fee waiting "
                f"for sign-off on {snapshot.reference} is now £{waiting[2]} a week. Please "
                "read the latest request and reply to it.")
    if event.round is None and len(asked) > 1:
        return (f"The agreed fee for {snapshot.reference} has changed since it was first sent "
                f"for sign-off; please reply to the latest request (£{waiting[2]} a week), "
                "so that we know which fee you decided on.")
    return None


def on_sign_off(snapshot: Snapshot, event: FeeSignedOff) -> Decision:
    from workflows.agreement import _chosen, placed

    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    option = _chosen(snapshot)
    if last[1] != AWAITING or option is None:
        return refused(snapshot, event, "No agreed fee is waiting for sign-off.",
                       "nothing-to-sign-off")
    if (shown := _request_answered(snapshot, event)) is not None:
        return refused(snapshot, event, shown, "sign-off-for-another-fee")
    number, by = last[0] + 1, event.actor.address
    if event.decision == "refuse":
        reason = event.reason.strip() or "no reason given"
        after = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, REFUSED, "")))
        commands: list[Command] = [
            RecordFeeRound(option.establishment, number, REFUSED, ""),
            RecordEvent("sign-off-refused", {"by": by, "reason": reason}),
            SendEmail(key=f"{snapshot.reference}:sign-off-refused:{number}",
                      template="social_worker/sign_off_refused", to=snapshot.referral.referrer,
                      context={"reference": snapshot.reference, "reason": reason,
                               "fee": last[2]}, thread=True)]
        return accepted(after.with_referral(state=State.NEGOTIATING), commands,
                        "sign-off-refused", "sign-off-refused",
                        "Refused; the social worker has been told.")
    signed = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, SIGNED, last[2])))
    decision = placed(signed, option, Decimal(last[2]))
    record: list[Command] = [RecordFeeRound(option.establishment, number, SIGNED, last[2]),
                             RecordEvent("signed-off", {"by": by, "weekly_fee": last[2]})]
    return replace(decision, commands=(*record, *decision.commands))
