"""After approval: the final choice, the fee negotiated round by round, the Individual
Placement Agreement, and the endings, as pure decisions on the snapshot.

    approved           CHOOSE B                   → negotiating (fee round 1: requested)
    negotiating        PROPOSE £x / provider fee  → negotiating (a round each)
    negotiating        AGREE / provider agrees    → placed      (IPA issued)
    negotiating        the chosen home declines   → approved    (chosen cleared, papers
                       or withdraws                              stopped, social worker
                                                                 and team told)
    approved | negotiating  DROP B                → unchanged   (B loses the papers)
    before placed      UNMET <reason>             → unmet       (final)
    before placed      WITHDRAW <reason>          → withdrawn   (providers told to delete it)
    negotiating        agreed above the limit     → negotiating (workflows/signoff.py)
    placed             ENDED <date> <reason>      → ended       (the place is free again)

This module decides the choice (CHOOSE) and the agreement: the fee agreed (`placed`, from an
AGREE, the home's agreement or a budget holder's sign-off) and the IPA it issues. Each other
stage is decided in a module of its own beside it:

    workflows/agreement_proposal.py  a fee proposed (her PROPOSE, a home's counter) or
                                     agreed (AGREE): the round each records (`fee_round`)
    workflows/agreement_reply.py     the chosen home's reply: an agreement, a counter, or
                                     unread and passed on
    workflows/agreement_words.py     the home's words read as agreement
    workflows/agreement_endings.py   the chosen home withdrawing, DROP, UNMET, WITHDRAW, ENDED
    workflows/agreement_rounds.py    what they all read: the chosen home, the fee rounds and
                                     their marks, the keys of the negotiation's emails

The requested fee is the chosen provider's offer; agreement fixes the fee, so requested −
agreed is the cost avoided. The IPA carries the child's details and the young person's
views in their own words, and goes only to the chosen provider and the authority, as a PDF
behind signed, expiring links (the emails carry the terms and the link, never the child's
details nor her words).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from broker.forms.offer_conditions import CONDITIONS_QUOTED, offer_condition
from broker.forms.referral import check_referral
from broker.quoting import provider_words
from workflows import counter_start, signoff
from workflows.agreement_rounds import (
    _chosen,
    _copy_for_writer,
    _pounds,
    no_longer_offers,
    nth,
    unread_refusal,
)
from workflows.commands import (
    ChangeCapacity,
    Command,
    IssueDocument,
    RecordEvent,
    RecordFeeRound,
    RevokePapers,
    SendEmail,
)
from workflows.events import Chosen
from workflows.needed import later_than_needed, needed_from, needed_now
from workflows.people import vouched_name
from workflows.placed_notice import approvers, tell_placed, the_year
from workflows.placement import (
    Option,
    announce,
    approved_option,
    budget_weekly,
    shortlisted_options,
    tell_social_worker,
    to_provider,
    young_persons_views,
)
from workflows.snapshot import Decision, Snapshot, accepted, refused
from workflows.states import State


def on_choose(snapshot: Snapshot, event: Chosen) -> Decision:
    option = approved_option(snapshot, event, "CHOOSE", "the approved shortlist")
    if isinstance(option, Decision):
        return option
    offer = snapshot.responses.get(option.establishment)
    if said := no_longer_offers(snapshot, option):
        return refused(snapshot, event, f"{option.home} has {said} since the comparison, so "
                       "it cannot be chosen; choose another option on the shortlist.",
                       "offer-withdrawn")
    fee = _pounds((offer.fields.get("weekly_fee") if offer else None) or option.weekly_fee)
    if not fee:
        return refused(snapshot, event, f"{option.home} has not offered a weekly fee yet; "
                       "wait for its offer.", "no-fee-offered")
    # what AGREE at this fee will do: issue the IPA, or first ask a budget holder
    extra = str((offer.fields if offer else {}).get("additional_costs") or "")
    sign_off = signoff.reasons(snapshot, option, Decimal(fee), extra)
    commands: list[Command] = [
        RecordEvent("chosen", {"establishment": option.establishment, "requested_fee": fee}),
        RecordFeeRound(option.establishment, 1, "provider", fee),
        tell_social_worker(snapshot, "chosen", {"option": option, "fee": fee,
                                                "sign_off": list(sign_off),
                                                **offer_terms(snapshot, option, fee)},
                           event.key),
        to_provider(snapshot, option, "chosen", nth(snapshot, "chosen"), {
            "fee": fee, "start": (offer.fields if offer else {}).get("available_from") or ""}),
    ]
    snapshot = snapshot.with_referral(state=State.NEGOTIATING, chosen=option.establishment)
    return accepted(snapshot, commands, "chosen", "choice-from-shortlist",
                    f"{option.home} chosen; the fee negotiation has started.")


def offer_terms(snapshot: Snapshot, option: Option, fee: str) -> dict[str, Any]:
    """What the social worker reads of the chosen home's offer at `fee`, beside the fee (ux49s
    U7, U8): its start and whether it is after the day the place is needed from
    (workflows/needed.py), the weekly cost with the additional costs against the referral's
    budget, the first year's cost (`the_year`, workflows/year_cost.py), and the condition
    the offer rests on, in its words (rule `offer-condition-kept`): an AGREE issues the
    agreement at once, so a matching meeting the offer waits on is held before it."""
    from workflows.signoff import extra_weekly

    offer = snapshot.responses.get(option.establishment)
    fields = offer.fields if offer else {}
    profile = snapshot.referral.anonymised.get("profile", {})
    start, asked = str(fields.get("available_from") or ""), needed_from(profile)
    extra = str(fields.get("additional_costs") or "")
    more = extra_weekly(extra)
    budget = budget_weekly(snapshot)
    condition = offer_condition(str(fields.get("proposal") or ""))
    cost = Decimal(fee) + (more or 0)
    return {"start": start, "needed_from": asked.isoformat() if asked else "",
            "later_than_needed": later_than_needed(start, profile, snapshot.world.today),
            "needed_now": needed_now(profile, snapshot.world.today),
            "weekly_cost": f"{Decimal(fee) + more:.2f}" if more is not None else "",
            "with_costs": bool(more), "costs_unpriced": more is None,
            "budget": budget or "", "against_budget": f"{cost - Decimal(budget):.2f}"
            if budget else "", **the_year(snapshot, option, Decimal(fee)),
            "condition": provider_words(condition, CONDITIONS_QUOTED) if condition else ""}


def on_sign_off(snapshot: Snapshot, event: Any) -> Decision:
    """A budget holder's decision (workflows/signoff.py), but never a sign-off while the
    chosen home's latest reply is unread (`unread_refusal`); a refusal is always taken."""
    option = _chosen(snapshot)
    if snapshot.unread_reply and option is not None and event.decision != "refuse":
        return refused(snapshot, event, unread_refusal(snapshot, option), "chosen-reply-unread")
    return signoff.on_sign_off(snapshot, event)


def negotiated(snapshot: Snapshot) -> int:
    """The rounds of negotiation: the fees either side proposed after the provider's
    request, never the request itself, a sign-off asked, given or refused."""
    return sum(1 for _, by, _ in snapshot.fee_rounds[1:] if by in ("authority", "provider"))


def _how_agreed(snapshot: Snapshot, requested: Decimal, agreed: Decimal) -> str:
    rounds = negotiated(snapshot)
    if rounds == 0:
        return "agreed as requested" if agreed == requested else "agreed"
    return f"agreed after {rounds} round{'s' if rounds != 1 else ''} of negotiation"


def placed(snapshot: Snapshot, option: Option, agreed: Decimal,
           signed_off_by: str = "", signer: str = "", agreed_by: str = "") -> Decision:
    """The fee agreed (and signed off by `signed_off_by`, whose address is `signer`, where it
    had to be): the IPA, and the commissioners who approved (and the signer) told. The IPA
    goes to the home's own contact and also (rule `ipa-to-who-agreed`) to the address whose
    reply agreed it (`agreed_by`) when that is another of the home's registered contacts: a
    group's officer agreeing from its shared inbox gets the agreement she agreed to."""
    rounds = snapshot.fee_rounds
    requested = Decimal(rounds[0][2]) if rounds else agreed
    offer = snapshot.responses.get(option.establishment)
    fields = offer.fields if offer else {}
    extra = str(fields.get("additional_costs") or "")
    if why := signoff.reasons(snapshot, option, agreed, extra):
        return signoff.ask(snapshot, option, agreed, requested, extra, why)
    context = ipa_context(snapshot, option.establishment) | {
        "reference": snapshot.reference, "agreed_fee": _pounds(agreed),
        "requested_fee": _pounds(requested), "rounds": negotiated(snapshot),
        "how_agreed": _how_agreed(snapshot, requested, agreed)}
    more = signoff.extra_weekly(extra)
    if signed_off_by:
        context |= {"signed_off_by": signed_off_by,
                    "signed_off_on": snapshot.world.today.isoformat()}
        # the weekly cost and any one-off sum the budget holder signed off, as asked
        context |= signoff.signed_off_terms(agreed, extra)
    if fields.get("available_from"):
        context["start_date"] = fields["available_from"]
    if start := counter_start.agreed_start(snapshot, agreed):  # rule `counter-start-agreed`
        context["start_date"] = start
    context |= {key: provider_words(fields[name], 1000)  # the provider's words, quoted
                for key, name in (("covers", "proposal"), ("additional_costs",
                                                            "additional_costs"))
                if fields.get(name)}
    siblings = int(snapshot.referral.anonymised.get("profile", {}).get("siblings") or 1)
    context |= {"children": siblings, **approved_by(snapshot),
                "offer_confirmed": snapshot.chosen_confirmed}  # on the papers, or not said
    context["signature"] = sign_ipa(snapshot, context)
    world, authority = snapshot.world, snapshot.authority
    expires = world.now + world.ipa_ttl
    terms = {k: v for k, v in context.items() if k not in CHILD_DETAILS}
    commands: list[Command] = [
        RecordFeeRound(option.establishment, len(rounds) + 1, "agreed", _pounds(agreed),
                       "agreed"),
        ChangeCapacity(option.establishment, -siblings),
        RecordEvent("placed", {"establishment": option.establishment,
                               "requested_fee": _pounds(requested),
                               "agreed_fee": _pounds(agreed),
                               "cost_avoided_weekly": _pounds(requested - agreed),
                               "start_date": str(context.get("start_date") or ""),
                               **({"start_agreed": "counter", "start_on_record": str(
                                   fields.get("available_from") or "")} if start else {}),
                               "ipa_signature": context["signature"]}),
        # The child's details only in the PDF behind each party's own signed link.
        IssueDocument("ipa", context, (option.establishment, authority.placements_team),
                      expires),
        to_provider(snapshot, option, "ipa", "ipa", {"ipa": terms, "expires": expires,
                    "link": world.link("ipa", snapshot.referral.id, option.establishment,
                                       expires)}),
        *_copy_for_writer(snapshot, option, agreed_by, to_provider(
            snapshot, option, "ipa", "ipa", {"ipa": terms, "expires": expires, "link": world.link(
                "ipa", snapshot.referral.id, option.establishment, expires)})),
        SendEmail(key=f"{snapshot.reference}:ipa:authority", template="authority/ipa",
                  to=authority.placements_team, context={"ipa": terms, "expires": expires,
                  "link": world.link("ipa", snapshot.referral.id, authority.placements_team,
                                     expires)}),
        tell_social_worker(snapshot, "placed", {
            "option": option, "fee": _pounds(agreed),
            "start_date": str(context.get("start_date") or ""),
            "start_on_record": str(fields.get("available_from") or "") if start else "",
            **{k: v for k, v in offer_terms(snapshot, option, _pounds(agreed)).items()
               if k in ("condition", "yearly", "year_note", "one_off", "one_off_for",
                        "later_fee_unread")},
            "agreement": f"IPA-{snapshot.reference}",
            "placements_team": authority.placements_team if authority else "",
            "summary_stopped": True}, "ipa"),
    ]
    for other in shortlisted_options(snapshot):
        if other.establishment != option.establishment:
            commands += [RevokePapers(other.establishment),
                         to_provider(snapshot, other, "closed_with_thanks", "closed",
                                     {"category": "another home was chosen"})]
    commands += announce(snapshot, f"{snapshot.reference}: placed with {option.home}.",
                         "placed")
    commands += tell_placed(snapshot, option, agreed, more, context, signer, signed_off_by)
    placed_now = snapshot.with_referral(state=State.PLACED)
    return accepted(placed_now, commands, str(State.PLACED), "fee-agreed",
                    f"Agreed at £{_pounds(agreed)} a week; the IPA has been issued.")


def approved_by(snapshot: Snapshot) -> dict[str, str]:
    """Who approved the placement for the council, as the agreement is signed: the
    commissioners whose approval of the shortlist stands (by the name their address spells,
    `vouched_name`), with their role, and the day the last of them gave it. The approval is
    the council's commissioning decision (`WHAT_APPROVAL_COVERS`); the service only issues
    what they approved."""
    standing = approvers(snapshot)
    round_ = snapshot.current_round
    given = [a for a in snapshot.approvals if round_ is not None and a.round == round_.round
             and a.decision == "approve" and a.approver.lower() in standing]
    names = list(dict.fromkeys(vouched_name(a.approver, a.approver_name) for a in given))
    if not names:
        return {}
    days = [a.at.date() for a in given if a.at is not None]
    role = "commissioner" if len(names) == 1 else "commissioners"
    return {"approved_by": f"{_and(names)} ({role})",
            "approved_on": max(days).isoformat() if days else ""}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# What identifies the child, and the young person's own words: in the IPA document, never
# in an email.
CHILD_DETAILS = ("child_name", "known_as", "date_of_birth", "nhs_number", "case_reference",
                 "legal_status", "child_views", "child_reason")


def ipa_context(snapshot: Snapshot, establishment_key: str) -> dict[str, Any]:
    """The parties, the child (with the young person's views in their own words, as the
    social worker recorded them with the shortlist), the home and the start: the one
    document with the child's details in it."""
    world, referral = snapshot.world, snapshot.referral
    establishment = world.directory.establishment(establishment_key)
    organisation = (world.directory.organisation(establishment.organisation)
                    if establishment else None)
    authority = snapshot.authority
    created = referral.created_at.date() if referral.created_at else world.today
    form, _ = check_referral(dict(referral.raw_fields), world.referral_spec,
                             message_date=created)
    return {
        "reference": referral.reference,
        "authority": authority.name if authority else referral.authority,
        "authority_contact": authority.placements_team if authority else "",
        "social_worker": referral.referrer,
        "provider": organisation.name if organisation else "",
        "home": establishment.name if establishment else establishment_key,
        "urn": (establishment.urn if establishment else "") or "not registered",
        "home_location": establishment.outward_code if establishment else "",
        "child_name": form.child_name or "", "known_as": form.known_as or "",
        "date_of_birth": form.date_of_birth.isoformat() if form.date_of_birth else "",
        "nhs_number": form.nhs_number or "", "case_reference": form.case_reference or "",
        "legal_status": form.legal_status or "",
        **young_persons_views(snapshot, establishment_key),  # other homes by their letters
        "placement_type": form.placement_type or "",
        "start_date": form.needed_from.isoformat() if form.needed_from else "",
        "covers": "the placement as described in the provider's response",
        "additional_costs": "none agreed",
        "issued_on": world.today.isoformat(),
    }


def sign_ipa(snapshot: Snapshot, context: dict[str, Any]) -> str:
    """An integrity code over the agreement's terms, so a copy can be checked later."""
    terms = "|".join(str(context.get(k, "")) for k in (
        "reference", "authority", "provider", "home", "urn", "child_name", "date_of_birth",
        "start_date", "agreed_fee"))
    return snapshot.world.sign(terms)
