"""After approval: the final choice, the fee negotiated round by round, the Individual
Placement Agreement, and the endings (placed, unmet), as pure decisions.

The requested fee is the chosen provider's offer; each later round is a proposal by the
authority or the provider; agreement fixes the fee, so requested − agreed is the cost
avoided. The IPA carries the child's details and goes only to the chosen provider and
the authority.
"""

from __future__ import annotations

from decimal import Decimal

from workflows.commands import (
    ChangeCapacity,
    Command,
    PostSlack,
    RecordEvent,
    RecordFeeRound,
    RevokePapers,
    SendEmail,
)
from workflows.placement import (
    FINAL,
    Decision,
    DeskContext,
    Option,
    PlacementView,
    not_selected_note,
    option_by_label,
    refused,
    shortlisted_options,
    tell_social_worker,
)


def _pounds(value: Decimal | str | None) -> str:
    return f"{Decimal(str(value)):.2f}" if value not in (None, "") else ""


def _to_provider(view: PlacementView, option: Option, template: str, what: str,
                 context: dict) -> SendEmail:
    return SendEmail(key=f"{view.reference}:{what}:{option.establishment}",
                     template=f"provider/{template}", to=option.contact,
                     context={"reference": view.reference, "establishment": option.home,
                              **context},
                     reply_to=option.reply_address, establishment=option.establishment)


def decide_choose(view: PlacementView, label: str, ctx: DeskContext, key: str) -> Decision:
    option = option_by_label(view, label)
    if view.state != "approved":
        return refused(f"A choice can be made once the shortlist is approved (it is now "
                       f"{view.state}).", view, key)
    if option is None or option not in shortlisted_options(view):
        return refused(f"{label} is not on the approved shortlist.", view, key)
    offer = view.offers.get(option.establishment, {})
    fee = _pounds(offer.get("weekly_fee") or option.weekly_fee)
    if not fee:
        return refused(f"{option.home} has not offered a weekly fee yet; wait for its offer.",
                       view, key)
    commands: list[Command] = [
        RecordEvent("chosen", {"establishment": option.establishment, "requested_fee": fee}),
        RecordFeeRound(option.establishment, 1, "provider", fee),
        tell_social_worker(view, "chosen", {"option": option, "fee": fee}, key),
        _to_provider(view, option, "chosen", "chosen", {"fee": fee}),
    ]
    return Decision("chosen", commands, {"state": "negotiating", "chosen":
                                         option.establishment})


def decide_fee(view: PlacementView, by: str, fee: Decimal | None, agree: bool,
               ctx: DeskContext, key: str) -> Decision:
    """A round of the negotiation: a proposal from either side, or agreement to the other
    side's last proposal."""
    option = next((o for o in view.options if o.establishment == view.chosen), None)
    if view.state != "negotiating" or option is None:
        return refused("There is no fee being negotiated.", view, key)
    last = view.fee_rounds[-1] if view.fee_rounds else (0, "", "")
    if agree:
        if last[1] == by or not last[2]:
            return refused("There is no proposal from the other side to agree to.", view, key)
        return decide_placement(view, option, Decimal(last[2]), ctx)
    if fee is None:
        return refused("Give the fee as an amount, e.g. PROPOSE £4,000 per week.", view, key)
    round_ = last[0] + 1
    commands: list[Command] = [RecordFeeRound(option.establishment, round_, by, _pounds(fee)),
                               RecordEvent("fee-proposed", {"by": by, "round": round_,
                                                            "weekly_fee": _pounds(fee)})]
    if by == "authority":
        commands.append(_to_provider(view, option, "fee_proposal", f"fee-{round_}",
                                     {"fee": _pounds(fee)}))
    else:
        commands.append(tell_social_worker(view, "fee_counter", {
            "option": option, "fee": _pounds(fee)}, f"{round_}"))
    return Decision("fee-proposed", commands)


def decide_placement(view: PlacementView, option: Option, agreed: Decimal,
                     ctx: DeskContext) -> Decision:
    requested = Decimal(view.fee_rounds[0][2]) if view.fee_rounds else agreed
    offer = view.offers.get(option.establishment, {})
    context = ctx.ipa(option.establishment) | {
        "reference": view.reference, "agreed_fee": _pounds(agreed),
        "requested_fee": _pounds(requested), "rounds": len(view.fee_rounds)} | {
        key: offer[field] for key, field in (("start_date", "available_from"),
                                             ("covers", "proposal"),
                                             ("additional_costs", "additional_costs"))
        if offer.get(field)}
    context["signature"] = sign_ipa(ctx, context)
    commands: list[Command] = [
        RecordFeeRound(option.establishment, len(view.fee_rounds) + 1, "agreed",
                       _pounds(agreed), "agreed"),
        ChangeCapacity(option.establishment, -view.siblings),
        RecordEvent("placed", {"establishment": option.establishment,
                               "requested_fee": _pounds(requested),
                               "agreed_fee": _pounds(agreed),
                               "cost_avoided_weekly": _pounds(requested - agreed),
                               "ipa_signature": context["signature"]}),
        _to_provider(view, option, "ipa", "ipa", {"ipa": context}),
        SendEmail(key=f"{view.reference}:ipa:authority", template="authority/ipa",
                  to=view.authority.placements_team, context={"ipa": context}),
        tell_social_worker(view, "placed", {"option": option, "fee": _pounds(agreed)}, "ipa"),
    ]
    for other in shortlisted_options(view):
        if other.establishment != option.establishment:
            commands += [RevokePapers(other.establishment),
                         _to_provider(view, other, "closed_with_thanks", "closed",
                                      {"category": "another home was chosen"})]
    commands += _announce(view, ctx, f"{view.reference}: placed with {option.home}.")
    return Decision("placed", commands, {"state": "placed"},
                    message=f"Agreed at £{_pounds(agreed)} a week; the IPA has been issued.")


def sign_ipa(ctx: DeskContext, context: dict) -> str:
    """An integrity code over the agreement's terms, so a copy can be checked later."""
    terms = "|".join(str(context.get(k, "")) for k in (
        "reference", "authority", "provider", "home", "urn", "child_name", "date_of_birth",
        "start_date", "agreed_fee"))
    return ctx.sign(terms)


def decide_drop(view: PlacementView, label: str, ctx: DeskContext, key: str) -> Decision:
    option = option_by_label(view, label)
    if view.state not in ("approved", "negotiating") or option not in shortlisted_options(
            view):
        return refused(f"{label} is not on an approved shortlist.", view, key)
    if option is not None and option.establishment == view.chosen:
        return refused(f"{label} is the chosen provider; choose another first.", view, key)
    assert option is not None
    shortlist = {**view.shortlist, "establishments": [
        e for e in view.shortlist.get("establishments", []) if e != option.establishment]}
    commands: list[Command] = [RevokePapers(option.establishment),
                               RecordEvent("dropped", {"establishment": option.establishment}),
                               not_selected_note(view, option, "no longer being considered")]
    return Decision("dropped", commands, {"shortlist": shortlist})


def decide_unmet(view: PlacementView, reason: str, ctx: DeskContext, key: str) -> Decision:
    if view.state in FINAL:
        return refused(f"{view.reference} has already ended ({view.state}).", view, key)
    if not reason.strip():
        return refused("Give the reason the need could not be met, e.g. UNMET no home in "
                       "range could meet her needs.", view, key)
    commands: list[Command] = [RecordEvent("unmet", {"reason": reason.strip()})]
    for option in shortlisted_options(view):
        commands += [RevokePapers(option.establishment),
                     _to_provider(view, option, "closed_with_thanks", "closed",
                                  {"category": "the search has ended"})]
    commands.append(tell_social_worker(view, "unmet", {"reason": reason.strip()}, key))
    commands += _announce(view, ctx, f"{view.reference}: ended as unmet need.")
    return Decision("unmet", commands, {"state": "unmet", "outcome_reason": reason.strip()})


def _announce(view: PlacementView, ctx: DeskContext, text: str) -> list[Command]:
    if not ctx.team_channel:
        return []
    return [PostSlack(f"{view.reference}:announce:{text[:40]}", "announcement",
                      ctx.team_channel, {"text": text})]
