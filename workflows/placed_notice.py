"""The commissioners asked to approve a shortlist, and the budget holder who signed a fee
off, told how it ended when the child is placed, as commands for the agreement's decision
(workflows/agreement.py `placed`).

    placed  → an email to each commissioner asked to approve the round (the approval request
              promises it: they were asked to commit the council's money, whether or not
              they approved), those whose approval stands first, and to the
              budget holder who signed the fee off (which acknowledges the sign-off too):
              the option and home, the agreed weekly cost against the one approved, the
              start date and the agreement's reference and integrity code
            → the Slack approval message, updated in place: "Placed with Option A · …"

Approving the shortlist is the council's commissioning approval for the placement: those who
gave it hear what it was used for, at what cost, without asking. The notice carries the
reference, the home and the money, never the child's details (those are in the agreement,
behind the placements team's link).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from workflows.commands import Command, PostSlack, SendEmail
from workflows.people import vouched_name
from workflows.placement import (
    Option,
    approval_context,
    approved_costs,
    approved_words,
    reply_words,
)
from workflows.snapshot import Snapshot


def approvers(snapshot: Snapshot) -> list[str]:
    """The commissioners whose approval of the current round stands (their last decision on
    it is an approval), in the order they gave it."""
    round_ = snapshot.current_round
    if round_ is None:
        return []
    last: dict[str, str] = {}
    for record in snapshot.approvals:
        if record.round == round_.round:
            last[record.approver.lower()] = record.decision
    return [who for who, decision in last.items() if decision == "approve"]


def outcome(snapshot: Snapshot, option: Option, agreed: Decimal, more: Decimal | None,
            terms: dict[str, Any], signer: str, signed_off_by: str) -> dict[str, Any]:
    """What those who approved are told: the option, the agreed weekly cost against the one
    approved (the fee, and with the additional costs where either has them), a cost the
    offer's condition names that no figure counts, the start, the agreement's reference and
    integrity code, and who signed it off."""
    from workflows.signoff import approved_fee, extra_weekly

    approved = approved_fee(option)
    before = extra_weekly(approved_costs(snapshot, option))
    total = agreed + more if more is not None else None
    approved_total = approved + before if approved is not None and before is not None else None
    return {
        "reference": snapshot.reference, "label": option.label, "home": option.home,
        "agreed_fee": f"{agreed:.2f}",
        "approved_fee": f"{approved:.2f}" if approved is not None else "",
        "extra_weekly": f"{more:.2f}" if more else "",
        "costs_unpriced": more is None,
        "total": f"{total:.2f}" if total is not None and more else "",
        "approved_total": f"{approved_total:.2f}" if approved_total is not None and (
            before or more) else "",
        **the_year(snapshot, option, agreed),
        **condition_cost(snapshot, option, agreed),
        **weeks_and_year(snapshot, option, agreed, approved),
        "start_date": str(terms.get("start_date") or ""),
        "agreement": f"IPA-{snapshot.reference}", "signature": str(terms.get("signature", "")),
        # the budget holder by the name the address spells, as decisions are named
        "signer": signer, "signed_off_by": signed_off_by,
        "signed_off_name": vouched_name(signer, "") if signer else "",
        "signed_off_at": snapshot.world.now.isoformat() if signer else "",
        "placements_team": str(snapshot.authority.placements_team or ""),
    }


def condition_cost(snapshot: Snapshot, option: Option, agreed: Decimal) -> dict[str, str]:
    """Rule `condition-cost-not-counted` (workflows/condition_cost.py): the cost the offer's
    condition names that no figure counts ("£1,200 per week"), and the condition in the
    provider's words, so the year's figure is never read as the whole cost; empty when
    there is none."""
    from workflows.condition_cost import condition_named, condition_words

    offer = snapshot.responses.get(option.establishment)
    extra = str((offer.fields if offer else {}).get("additional_costs") or "")
    named = condition_named(snapshot, option, agreed, extra)
    return {"condition_cost": named,
            "condition": condition_words(snapshot, option) if named else ""}


def weeks_and_year(snapshot: Snapshot, option: Option, agreed: Decimal,
                   approved: Decimal | None) -> dict[str, Any]:
    """Rule `cost-said-for-its-weeks` (workflows/cost_weeks.py): the agreed and the approved
    weekly cost for the weeks each holds where extras stop ("£6,250 a week for weeks 1–8,
    then £4,850", and for a subject "… for 8 weeks, then £4,850"), and the approved first
    year beside the agreed one."""
    from workflows.cost_weeks import cost_said, spans
    from workflows.year_cost import year_of

    offer = snapshot.responses.get(option.establishment)
    # a later fee in the reply's words counts (rule later-fee-counted)
    year = year_of(agreed, str((offer.fields if offer else {}).get("additional_costs") or ""),
                   reply_words(snapshot, option))
    before = year_of(approved, approved_costs(snapshot, option),
                     approved_words(snapshot, option)) if approved is not None else None
    several = len(spans(year)) > 1
    return {"cost_said": cost_said(year) if several else "",
            "cost_short": cost_said(year, short=True) if several else "",
            "approved_cost_said": cost_said(before) if before is not None
            and len(spans(before)) > 1 else "",
            "approved_yearly": f"{before.first_year:.2f}" if before is not None
            and before.first_year is not None else ""}


def the_year(snapshot: Snapshot, option: Option, agreed: Decimal) -> dict[str, Any]:
    """The year's cost as the notice gives it, and the social worker's emails on the choice
    and the placement (rules `first-year-counts-time-limited-costs` and `one-off-sums-said`,
    workflows/year_cost.py): the first year with the one-off sums and time-limited extras
    counted for their weeks, what it counts beyond the weekly rate, and the one-off sums
    with whether the commissioners approved them. With a later fee that cannot be read (rule
    later-fee-flagged) the year is not known: no figure, never 52 weeks of the fee."""
    from workflows.signoff import WEEKS_A_YEAR, extra_weekly, one_off_added
    from workflows.year_cost import year_of, yearly_note

    offer = snapshot.responses.get(option.establishment)
    extra = str((offer.fields if offer else {}).get("additional_costs") or "")
    year = year_of(agreed, extra, reply_words(snapshot, option))  # its later fee counted
    more = extra_weekly(extra)
    at_rate = (agreed + (more or 0)) * WEEKS_A_YEAR
    return {"yearly": "" if year.steps.unread else
            f"{(year.first_year if year.first_year is not None else at_rate):.2f}",
            "later_fee_unread": bool(year.steps.unread),
            "year_note": yearly_note(year) if year.first_year is not None else "",
            "one_off": f"{year.one_off:.2f}" if year.one_off else "",
            "one_off_for": year.one_off_for,
            "one_off_unapproved": bool(year.one_off) and one_off_added(snapshot, option,
                                                                       extra)}


def tell_placed(snapshot: Snapshot, option: Option, agreed: Decimal, more: Decimal | None,
                terms: dict[str, Any], signer: str = "", signed_off_by: str = "") -> list[Command]:
    """The placed notice to each commissioner asked (those who approved first) and the
    signing budget holder (by email: the signer's begins with the acknowledgement of the
    sign-off), and the Slack approval message marked placed."""
    told = outcome(snapshot, option, agreed, more, terms, signer, signed_off_by)
    asked = [c.lower() for c in getattr(snapshot.authority, "commissioners", ()) or ()]
    people = list(dict.fromkeys([*approvers(snapshot), *asked,
                                 *([signer.lower()] if signer else [])]))
    commands: list[Command] = [
        SendEmail(key=f"{snapshot.reference}:placed-notice:{who}", template="commissioner/placed",
                  to=who, context={**told, "you_signed_off": who == signer.lower(),
                                   "you_approved": who in approvers(snapshot),
                                   "you_were_asked": who in asked})
        for who in people]
    round_ = snapshot.current_round
    if snapshot.approval_channel and round_ is not None:
        commands.append(PostSlack(
            f"{snapshot.reference}:approval:{round_.round}:update:placed", "shortlist_approval",
            snapshot.approval_channel, {**approval_context(snapshot, "placed"), "placed": told},
            update_of=f"{snapshot.reference}:approval:{round_.round}"))
    return commands
