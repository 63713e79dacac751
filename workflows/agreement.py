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

The chosen home's reply is read for its decision before its fee: "Decision: decline", or "we
can no longer offer the placement", takes the home out of the running (`chosen_withdrew`), and
no AGREE nor sign-off can then place the child with it (`no_longer_offers`, as CHOOSE asks).
A reply read neither as a fee answer nor as a decision is passed on, and holds AGREE and
sign-off back until answered (`reply_unread`); a home's "Agreed" counts for the proposal it
replies to (`agreed_to_an_earlier_proposal`; the email telling it it was chosen puts its own
requested fee), and an "Agreed" that answers none of our emails but was written before the
latest proposal was made is unread (`written_before_the_latest_proposal`); each negotiation's
emails have keys of their own (`nth`), a home chosen again after it withdrew being a new
negotiation. Our answers to the home's replies go to the address that wrote, when it speaks
for the home, else to the home's own contact (`answer_to`).

The requested fee is the chosen provider's offer; agreement fixes the fee, so requested −
agreed is the cost avoided. The IPA carries the child's details and the young person's
views in their own words, and goes only to the chosen provider and the authority, as a PDF
behind signed, expiring links (the emails carry the terms and the link, never the child's
details nor her words).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from broker.forms.counter_fee import (
    START,
    another_term,
    counter_fee,
    counter_on_other_terms,
    start_as_it_stands,
)
from broker.forms.referral import check_referral
from broker.forms.side_messages import is_a_side_message
from broker.forms.signed_below import says_fee_terms
from broker.forms.values import parse_money_weekly
from broker.quoting import provider_words
from workflows import confirm, counter_start, signoff
from workflows.commands import (
    CancelDeadlines,
    ChangeCapacity,
    Command,
    IssueDocument,
    RecordEvent,
    RecordFeeRound,
    RevokePapers,
    SendEmail,
)
from workflows.events import (
    Chosen,
    Dropped,
    FeeAgreed,
    FeeProposed,
    PlacementEnded,
    Reply,
    ReplyReceived,
    UnmetDeclared,
    Withdrawn,
)
from workflows.instructions import read_instruction
from workflows.passed_on import own_words
from workflows.people import vouched_name
from workflows.permissions import speaks_for
from workflows.placed_notice import approvers, tell_placed
from workflows.placement import (
    NO_LONGER_OFFERED,
    Option,
    announce,
    letters_for_homes,
    not_selected_note,
    option_by_label,
    options,
    shortlisted_options,
    tell_social_worker,
    to_provider,
    young_persons_views,
)
from workflows.reply_looks import reply_looks, says_no
from workflows.responses import (
    answer_of_the_chosen,
    digest,
    note,
    still_offering,
    takes_its_offer_back,
    written_at,
)
from workflows.search_outcome import closing_note
from workflows.snapshot import Decision, Snapshot, accepted, declined, refused
from workflows.states import State


def _pounds(value: Decimal | str | None) -> str:
    return f"{Decimal(str(value)):.2f}" if value not in (None, "") else ""


def _shown(fee: Decimal) -> str:
    """£6,400, £4,650.50: an amount as an email to the social worker says it."""
    return f"£{fee:,.2f}".removesuffix(".00")


def _chosen(snapshot: Snapshot) -> Option | None:
    return next((o for o in options(snapshot)
                 if o.establishment == snapshot.referral.chosen), None)


def no_longer_offers(snapshot: Snapshot, option: Option) -> str:
    """What the home has since said, when its current answer takes its offer back
    ("withdrawn its offer", "declined"); '' while it still offers. A home that has said no is
    never chosen, and no agreement is issued to it."""
    offer = snapshot.responses.get(option.establishment)
    if offer is None or offer.decision not in NO_LONGER_OFFERED:
        return ""
    return "withdrawn its offer" if offer.decision == "withdrawn" else "declined"


def on_choose(snapshot: Snapshot, event: Chosen) -> Decision:
    if not event.label and (letters := letters_for_homes(
            snapshot, event.said, "CHOOSE", shortlisted_options(snapshot))):
        return refused(snapshot, event, letters, "homes-by-their-letters")
    option = option_by_label(snapshot, event.label)
    if option is None or option not in shortlisted_options(snapshot):
        return refused(snapshot, event, f"{event.label} is not on the approved shortlist.",
                       "not-shortlisted")
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
                                                "sign_off": list(sign_off)}, event.key),
        to_provider(snapshot, option, "chosen", nth(snapshot, "chosen"), {"fee": fee}),
    ]
    snapshot = snapshot.with_referral(state=State.NEGOTIATING, chosen=option.establishment)
    return accepted(snapshot, commands, "chosen", "choice-from-shortlist",
                    f"{option.home} chosen; the fee negotiation has started.")


def on_propose(snapshot: Snapshot, event: FeeProposed) -> Decision:
    return (_overtaken(snapshot, event) or _too_high_to_send(snapshot, event)
            or fee_round(snapshot, event, "authority", event.fee, agree=False))


def _too_high_to_send(snapshot: Snapshot, event: FeeProposed) -> Decision | None:
    """Rule `propose-above-asked-and-budget`: a proposal by email above both what the chosen
    home itself asks and the referral's weekly budget ("PROPOSE £6,400" for £4,600) is not
    sent: its sender is asked to confirm it (workflows/confirm.py: a "Yes" to our email sends
    it, while nothing has overtaken it, `_overtaken`), the amounts named to her only. The
    request is recorded with what it was asked about: the email, the home, the negotiation
    and how many fee rounds it had."""
    option, fee = _chosen(snapshot), event.fee
    if option is None or fee is None or event.confirmed or not event.actor.message_id:
        return None
    asked_by_home = [Decimal(f) for _, by, f in snapshot.fee_rounds if by == "provider" and f]
    asked = asked_by_home[-1] if asked_by_home else _money(option.weekly_fee or "")
    budget = _money(str(snapshot.referral.raw_fields.get("budget_weekly") or ""))
    if asked is None or budget is None or fee <= asked or fee <= budget:
        return None
    why = (f"You proposed {_shown(fee)} a week, more than {option.home} asked "
           f"({_shown(asked)}) and over the budget ({_shown(budget)}): reply Yes to this "
           f"email to send it. Nothing has been sent to {option.home} yet.")
    commands: list[Command] = [RecordEvent("proposal-to-confirm", {
        "weekly_fee": _pounds(fee), "message_id": event.actor.message_id,
        "establishment": option.establishment, "home": option.home,
        "negotiation": snapshot.negotiation, "rounds": len(snapshot.fee_rounds)})]
    commands += confirm.request(event.actor, snapshot.reference, [f"PROPOSE {_shown(fee)}"],
                                reference=snapshot.reference, why=why)
    return declined(snapshot, commands, confirm.OUTCOME, "propose-above-asked-and-budget", why)


def _overtaken(snapshot: Snapshot, event: FeeProposed) -> Decision | None:
    """Rule `confirm-only-the-proposal-asked`: a "Yes" to our request to confirm a proposal
    (`_too_high_to_send`) sends it only while nothing has happened since: the same home still
    chosen, in the same negotiation, with no fee round since (no later PROPOSE, AGREE, reply
    from the home on the fee, or sign-off) and no later proposal put to her to confirm. A
    "Yes" to a request overtaken ("PROPOSE £6,400" asked about, then "PROPOSE £3,900" sent,
    or another home chosen) is refused and nothing is sent: £6,400 was measured against the
    home's asking fee and the budget then, and never goes to a home it was not asked for."""
    if not event.confirmed:
        return None
    asked, option = snapshot.proposal_asked, _chosen(snapshot)
    what = _overtaken_by(snapshot, event, asked, option)
    if not what:
        return None
    fee = f" (PROPOSE {_shown(event.fee)})" if event.fee is not None else ""
    home = f" to {asked['home']}" if asked.get("home") else ""
    return refused(snapshot, event, f"That proposal{fee} was overtaken by {what}; nothing was "
                   f"sent{home}. If you still mean it, send the proposal again.",
                   "confirm-only-the-proposal-asked")


def _overtaken_by(snapshot: Snapshot, event: FeeProposed, asked: Any,
                  option: Option | None) -> str:
    """What has happened since the request `asked` (its recorded data), in words; "" when
    nothing has and the "Yes" still answers the latest request."""
    if not asked.get("message_id") or str(asked["message_id"])[:400] != event.asked[:400]:
        later = asked.get("weekly_fee")
        return (f"a later proposal of {_shown(Decimal(later))} a week" if later and
                asked.get("message_id") else "a later proposal")
    if (option is None or asked.get("establishment") != option.establishment
            or asked.get("negotiation") != snapshot.negotiation):
        return (f"the choice of {option.home}" if option is not None
                else f"the end of the negotiation with {asked.get('home') or 'the home'}")
    rounds = snapshot.fee_rounds[int(asked.get("rounds") or 0):]
    if not rounds:
        return ""
    _, by, fee = rounds[-1]
    if by == "authority" and fee:
        return f"a later proposal of {_shown(Decimal(fee))} a week"
    if by == "provider" and fee:
        return f"{option.home}'s fee of {_shown(Decimal(fee))} a week"
    return "a later step in the fee negotiation"


def on_agree(snapshot: Snapshot, event: FeeAgreed) -> Decision:
    return fee_round(snapshot, event, "authority", None, agree=True)


def on_negotiation_reply(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """The chosen provider answers: read for its decision first (a decline or a withdrawal
    ends the negotiation, `chosen_withdrew`), then for the fee: agreement (to the proposal
    it answers, `agreed_to_an_earlier_proposal`), or a fee of its own. A reply read as
    neither is `reply_unread`: the social worker is told, and no agreement is made until
    it is answered; so is a counter that changes another term with its fee ("We can do
    £4,500 but only from 04/01/2027", `counter_on_other_terms`), the home told why. A read
    receipt or a recall is kept, never answered."""
    reply = event.reply
    if not reply.fields and is_a_side_message(reply.subject, reply.body_text):
        return declined(snapshot, [], "reply-side-message", "side-message",
                        "A receipt or a recall: kept, nothing to answer.")
    if takes_its_offer_back(snapshot, event):
        return chosen_withdrew(snapshot, event)
    instruction = read_instruction(reply.body_text)
    fee = instruction.fee if instruction and instruction.fee else _money(
        reply.fields.get("weekly_fee", ""))
    agree = fee is None and instruction is not None and instruction.verb == "agree" \
        and not _terms_below(snapshot, reply.body_text)  # "Agreed.⏎NB our fee goes up to …"
    if fee is None and not agree and (agreed := _agreement(snapshot, reply.body_text)):
        agree, fee = agreed
    if fee is None and not agree:  # "We can't do £4,600 but could meet you at £4,725"
        fee = counter_fee(reply.body_text, _offered_start(snapshot))
        if fee is not None and fee == _latest_proposal(snapshot):  # "We can do £4,500" to
            agree, fee = True, None  # our £4,500 agrees it
    if agree and not event.answers:  # no In-Reply-To of ours: the subject it kept, if any
        event = replace(event, answers=answered_by_subject(snapshot, reply.subject))
    if agree and start_as_it_stands(reply.body_text, _offered_start(snapshot)):
        snapshot = counter_start.dropped(snapshot)  # "£4,500 agreed, from 14/12 as planned"
    if agree and (earlier := agreed_to_an_earlier_proposal(snapshot, event)) is not None:
        return earlier
    if agree and written_before_the_latest_proposal(snapshot, event):
        return reply_unread(snapshot, event, written_before=True)
    if agree and (later := counter_start.since_her_proposal(snapshot)):  # its own counter
        # came after her proposal: she answers it, the home cannot agree to its own terms
        return reply_unread(snapshot, event, counter=(
            Decimal(later["fee"]), START, later["start"], str(_offered_start(snapshot) or "")),
            agreed_after=True)
    decision = fee_round(snapshot, event, "provider", fee, agree)
    if decision.answer.accepted:
        return _answered_now(snapshot, decision)
    if decision.rule in _UNREAD:
        return reply_unread(snapshot, event, counter=None if fee is not None or agree
                            else counter_on_other_terms(reply.body_text,
                                                        _offered_start(snapshot)))
    return declined(snapshot, _fee_unclear(snapshot, reply, event.key),
                    "negotiation", decision.rule, decision.answer.message)


# The fee rounds that end a negotiation because the chosen home withdrew, and that mark its
# latest reply as unread (`reply_unread`) or, no fee round following, read again since: the
# rounds before a WITHDREW are that negotiation's, and the next CHOOSE starts afresh, as the
# next negotiation (`negotiation_now`).
WITHDREW, UNREAD, READ = "withdrew", "reply-unread", "reply-read"

# Why a reply of the chosen home is read neither as an answer on the fee nor as a decision:
# no fee, agreement or decision in it; an agreement when two fees were proposed in a row.
_UNREAD = frozenset({"fee-unreadable", "agreement-ambiguous"})


def negotiation_now(rows: tuple[tuple[int, str, str], ...]
                    ) -> tuple[tuple[tuple[int, str, str], ...], int, bool]:
    """From every fee round recorded for a referral, in order: the rounds of the negotiation
    going on now (`current_negotiation`, without the unread/read marks), which negotiation
    it is (1 + the negotiations the chosen home's withdrawal ended), and whether the chosen
    home's latest reply in it is unread (an UNREAD mark with nothing recorded after it)."""
    current = current_negotiation(rows)
    number = 1 + sum(1 for _, by, _ in rows if by == WITHDREW)
    unread = bool(current) and current[-1][1] == UNREAD
    return tuple(r for r in current if r[1] not in (UNREAD, READ)), number, unread


def nth(snapshot: Snapshot, what: str) -> str:
    """An email's key part for this negotiation: `chosen`, `fee-2` in the first, `chosen-n2`,
    `fee-2-n2` once a home is chosen again after the chosen home withdrew, so that the
    outbox (one email a key) never takes the second negotiation's emails for the first's."""
    return what if snapshot.negotiation <= 1 else f"{what}-n{snapshot.negotiation}"


def _proposal_key(snapshot: Snapshot, number: int) -> str:
    return f"{snapshot.reference}:{nth(snapshot, f'fee-{number}')}:{snapshot.referral.chosen}"


def _chosen_key(snapshot: Snapshot) -> str:
    """The key of the email telling the home it was chosen, at its own requested fee."""
    return f"{snapshot.reference}:{nth(snapshot, 'chosen')}:{snapshot.referral.chosen}"


# The subjects of the chosen email and of a proposal, as a reply keeps them ("Re: …"):
# "Northby, for Kestrel House | chosen, the fee to agree | REF-…", "… | the authority
# proposes £3,800 a week | REF-…" (templates/email/provider/).
_CHOSEN_SUBJECT = re.compile(r"\|\s*chosen, the fee to agree\s*\|", re.IGNORECASE)
_PROPOSAL_SUBJECT = re.compile(r"\|\s*the authority proposes (?P<fee>£\s?[\d,]+(?:\.\d\d)?) a week"
                               r"\s*\|", re.IGNORECASE)


def answered_by_subject(snapshot: Snapshot, subject: str) -> str:
    """The key of the email a reply answers, by the subject it kept, when its headers name
    none of ours (a reply whose In-Reply-To was lost): the chosen email, or the latest
    proposal of the fee its subject names; "" when the subject names neither. It is only
    ever used to hold an agreement back, never to make one."""
    if _CHOSEN_SUBJECT.search(subject or ""):
        return _chosen_key(snapshot)
    found = _PROPOSAL_SUBJECT.search(subject or "")
    fee = _money(found["fee"]) if found else None
    rounds = [n for n, by, f in snapshot.fee_rounds if by == "authority" and fee is not None
              and f and Decimal(f) == fee]
    return _proposal_key(snapshot, rounds[-1]) if rounds else ""


def answer_to(snapshot: Snapshot, option: Option, reply: Reply) -> str:
    """Where our answer to the chosen home's reply goes: the address that wrote, when it
    speaks for the home (its contact, its organisation's, an address at its domains), as for
    every acknowledgement of a provider's reply; else the home's own contact, so that
    whoever holds its reply address cannot have us write to an address of their choosing."""
    sender = reply.sender.lower()
    return reply.sender if speaks_for(snapshot.world.directory, option.establishment,
                                      sender) else option.contact


def written_before_the_latest_proposal(snapshot: Snapshot, event: ReplyReceived) -> bool:
    """The home's "Agreed" answers none of our emails that we know (no In-Reply-To of ours),
    and its Date is before the authority's latest proposal was made: it cannot have agreed
    to a fee it had not been sent, so it is passed on as unread, never taken as agreement."""
    if event.answers or snapshot.latest_proposal_at is None:
        return False
    written = written_at(snapshot, event.reply)
    return written is not None and written < snapshot.latest_proposal_at


def agreed_to_an_earlier_proposal(snapshot: Snapshot, event: ReplyReceived) -> Decision | None:
    """The home's "Agreed", replying to one of our fee proposals (`event.answers`) that is not
    the latest made to it in this negotiation (an earlier round, the email telling it it was
    chosen at its own requested fee once the authority has proposed another, or a
    negotiation its withdrawal ended): nothing is agreed, and the home is told which
    proposal stands. None when it answers the latest, or no proposal (then it agrees to the
    latest, the one it was last sent), or the chosen email with nothing proposed since."""
    if not event.answers:
        return None
    answers = event.answers.split(_COPY_TO)[0]  # a copy to another contact is the same email
    proposals = [(n, fee) for n, by, fee in snapshot.fee_rounds if by == "authority"]
    if proposals and answers == _proposal_key(snapshot, proposals[-1][0]):
        return None
    requested = answers == _chosen_key(snapshot)
    if requested and not proposals:
        return None
    earlier = (snapshot.fee_rounds[0][2] if requested and snapshot.fee_rounds else next(
        (fee for n, fee in proposals if answers == _proposal_key(snapshot, n)), ""))
    option, reply = _chosen(snapshot), event.reply
    commands: list[Command] = []
    if option is not None and reply.sender and not reply.auto_submitted:
        commands.append(SendEmail(
            key=f"provider/fee_superseded:{digest(event.key, reply)}",
            template="provider/fee_superseded", to=answer_to(snapshot, option, reply),
            context={"reference": snapshot.reference, "establishment": option.home,
                     "earlier_fee": earlier, "its_own_fee": requested,
                     "current_fee": proposals[-1][1] if proposals else ""},
            reply_to=option.reply_address, in_reply_to=reply.message_id,
            establishment=option.establishment))
    return declined(snapshot, commands, "negotiation", "agreement-to-an-earlier-proposal",
                    "The home agreed to a proposal that is no longer the latest: nothing "
                    "has been agreed, and it has been told which proposal stands.")


def _answered_now(snapshot: Snapshot, decision: Decision) -> Decision:
    """A readable reply after an unread one: the unread one is answered (a fee round
    recorded does it, else a READ mark)."""
    option = _chosen(snapshot)
    if not snapshot.unread_reply or option is None or any(
            isinstance(c, RecordFeeRound) for c in decision.commands):
        return decision
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    return replace(decision, snapshot=replace(decision.snapshot, unread_reply=False),
                   commands=(*decision.commands,
                             RecordFeeRound(option.establishment, last[0], READ, "", READ)))


def reply_unread(snapshot: Snapshot, event: ReplyReceived, written_before: bool = False,
                 counter: tuple[Any, ...] | None = None, agreed_after: bool = False
                 ) -> Decision:
    """The chosen home's reply, read neither as an answer on the fee nor as a decision ("we
    can no longer offer the placement at that fee", "thanks, will come back to you"): the
    home is asked to answer plainly, the social worker and the placements team (and the
    budget holders, when a fee waits for their sign-off) get it in the home's own words,
    and no AGREE nor sign-off places the child until the home answers or a fee is proposed
    to it (`unread_refusal`): the reply may be a "no". An "Agreed" written before the latest
    proposal (`written_before`) is passed on the same way, saying so. From the second unread
    reply in one negotiation, the team are told they can choose another home instead.
    A counter that changes another term with its fee (`counter`: the figure, and START,
    CONDITION or COST) is passed on the same way, saying so, and the home is told it was
    passed to the social worker because of that term, not that it could not be read. The
    home's "Agreed" after such a counter of its own came after her proposal (`agreed_after`,
    `counter`: the counter held, its start read already) is passed on the same way: it
    cannot agree to its own later start (rule `counter-start-agreed`)."""
    option = _chosen(snapshot)
    reply = event.reply
    if option is None:
        return declined(snapshot, _fee_unclear(snapshot, reply, event.key), "negotiation",
                        "no-negotiation", "There is no fee being negotiated.")
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    waiting = last[1] == signoff.AWAITING
    told = [snapshot.referral.referrer, snapshot.authority.placements_team]
    if waiting:
        told += list(snapshot.authority.budget_holders)
    proposals = [fee for _, by, fee in snapshot.fee_rounds if by == "authority"]
    unread = snapshot.unread_replies + (0 if snapshot.unread_reply else 1)
    held: list[Command] = []
    if counter is not None and counter[1] == START and len(counter) == 2:  # rule
        # `counter-start-agreed`: the counter this reply is, held with its start
        snapshot, held, start = counter_start.held(snapshot, option.establishment, counter[0],
                                                   reply.body_text, _offered_start(snapshot))
        counter = (*counter, start, str(_offered_start(snapshot) or ""))
    context = {"reference": snapshot.reference, "option": option, "sign_off_waiting": waiting,
               # its own words, its signature left out (it would run on into the quote)
               "in_its_words": provider_words(own_words(reply.body_text) or reply.body_text),
               "looks": reply_looks(reply.body_text),
               "written_before": proposals[-1] if written_before and proposals else "",
               "unread_replies": unread, "counter": _counter(counter),
               "agreed_after": agreed_after,
               "others": still_offering(snapshot, but=(option.establishment,))}
    commands: list[Command] = [
        *_fee_unclear(snapshot, reply, event.key, _counter(counter)),
        RecordEvent("chosen-reply-unread", {"establishment": option.establishment}), *held,
        *(SendEmail(key=f"{snapshot.reference}:chosen-reply-unread:"
                        f"{digest(event.key, reply)}:{to}",
                    template="social_worker/chosen_reply_unread", to=to,
                    context=context | {"to_the_social_worker":
                                       to == snapshot.referral.referrer},
                    thread=to == snapshot.referral.referrer)
          for to in dict.fromkeys(a for a in told if a)),
    ]
    if not snapshot.unread_reply:
        commands.append(RecordFeeRound(option.establishment, last[0], UNREAD, "", UNREAD))
    return accepted(replace(snapshot, unread_reply=True, unread_replies=unread), commands,
                    "reply-unread",
                    "chosen-reply-unread", f"{option.home}'s reply could not be read as an "
                    "answer on the fee or a decision; it has been passed on, and nothing can "
                    "be agreed until it is answered.")


def unread_refusal(snapshot: Snapshot, option: Option) -> str:
    """Why an AGREE or a sign-off is refused while the chosen home's latest reply is unread."""
    return (f"{option.home}'s latest reply could be read neither as an answer on the fee nor "
            "as a decision (it has been passed on to the social worker and the placements "
            "team): it may say the home can no longer offer the placement, so nothing has "
            "been agreed and no placement agreement has been issued. Read it; the home has "
            "been asked to answer plainly. Once it answers (its fee, \"Agreed\", or that it "
            "withdraws), or once you PROPOSE the fee you would agree, you can go on.")


def on_sign_off(snapshot: Snapshot, event: Any) -> Decision:
    """A budget holder's decision (workflows/signoff.py), but never a sign-off while the
    chosen home's latest reply is unread (`unread_refusal`); a refusal is always taken."""
    option = _chosen(snapshot)
    if snapshot.unread_reply and option is not None and event.decision != "refuse":
        return refused(snapshot, event, unread_refusal(snapshot, option), "chosen-reply-unread")
    return signoff.on_sign_off(snapshot, event)


def current_negotiation(rounds: tuple[tuple[int, str, str], ...]
                        ) -> tuple[tuple[int, str, str], ...]:
    """The fee rounds of the negotiation going on now, in the order they were recorded: those
    after the last one a withdrawal of the chosen home ended."""
    ended = [n for n, (_, by, _) in enumerate(rounds) if by == WITHDREW]
    return rounds[ended[-1] + 1:] if ended else rounds


def chosen_withdrew(snapshot: Snapshot, event: ReplyReceived) -> Decision:
    """The chosen home declines or withdraws during the fee negotiation: its answer stored
    as any shortlisted home's (its papers link stopped, its acknowledgement), the
    negotiation ended, and the referral back to APPROVED with no home chosen, so the social
    worker may CHOOSE another home on the shortlist. She and the placements team are told
    (and the budget holders, when a fee waited for their sign-off), with what is still on
    the shortlist and what to do next. An answer written before the home's current one (mail
    held by a relay) is kept as history and changes nothing."""
    option = _chosen(snapshot)
    stored = answer_of_the_chosen(snapshot, event)
    current = stored.snapshot.responses.get(event.establishment)
    if option is None or not stored.answer.accepted or current is None \
            or current.decision not in NO_LONGER_OFFERED:
        return stored
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    said = "withdrawn its offer" if current.decision == "withdrawn" else "declined"
    remaining = still_offering(stored.snapshot, but=(option.establishment,))
    context = {"option": option, "said": said, "remaining": remaining,
               "in_its_words": provider_words(event.reply.body_text),
               "sign_off_waiting": last[1] == signoff.AWAITING}
    told = [snapshot.referral.referrer, snapshot.authority.placements_team]
    if context["sign_off_waiting"]:
        told += list(snapshot.authority.budget_holders)
    commands: list[Command] = [
        *stored.commands,
        RecordFeeRound(option.establishment, last[0] + 1, WITHDREW, "", WITHDREW),
        RecordEvent("chosen-home-withdrew", {"establishment": option.establishment,
                                             "decision": current.decision,
                                             "remaining": len(remaining)}),
        *(SendEmail(key=f"{snapshot.reference}:chosen-withdrew:{digest(event.key, event.reply)}"
                        f":{to}", template="social_worker/chosen_withdrew", to=to,
                    context={"reference": snapshot.reference, **context,
                             "to_the_social_worker": to == snapshot.referral.referrer},
                    thread=to == snapshot.referral.referrer)
          for to in dict.fromkeys(a for a in told if a)),
        *announce(snapshot, f"{snapshot.reference}: the chosen home, {option.home}, has "
                            f"{said}; a home must be chosen again.",
                  nth(snapshot, "chosen-withdrew")),
    ]
    after = replace(stored.snapshot.with_referral(state=State.APPROVED, chosen=""),
                    fee_rounds=(), negotiation=snapshot.negotiation + 1, unread_reply=False)
    return accepted(after, commands, "chosen-home-withdrew", "chosen-home-no-longer-offers",
                    f"{option.home} has {said}; the referral is back to its approved "
                    "shortlist, with no home chosen.")


def _counter(counter: tuple[Any, ...] | None) -> dict[str, str]:
    """A counter on other terms as the emails say it: its fee, the term it changes and, for a
    new start read (`counter_start`), that start and the one on record (ISO)."""
    if counter is None:
        return {}
    said = {"fee": _pounds(counter[0]), "term": counter[1]}
    if len(counter) > 3 and counter[2]:
        said |= {"start": counter[2], "start_on_record": counter[3]}
    return said


def _fee_unclear(snapshot: Snapshot, reply: Reply, key: str,
                 counter: dict[str, str] | None = None) -> list[Command]:
    """Asked again, on the home's own reply address and with the referral and the home in
    its subject, like every other email about this placement: its answer is read as the
    home's, not as a stranger's mail to the referrals address. A counter that changes another
    term (`counter`) is told it was passed to the social worker, and why."""
    option = _chosen(snapshot)
    if option is None or not reply.sender or reply.auto_submitted:
        return note("provider/fee_unclear", reply, key)
    return [SendEmail(key=f"provider/fee_unclear:{digest(key, reply)}",
                      template="provider/fee_unclear", to=answer_to(snapshot, option, reply),
                      context={"reference": snapshot.reference, "establishment": option.home,
                               "counter": counter or {}},
                      reply_to=option.reply_address, in_reply_to=reply.message_id,
                      establishment=option.establishment)]


# The home's agreement in any case, on a first line that says nothing else: "Agreed",
# "agreed, thanks", "We agree", "Agreed at £4,600 pw", "Agreed – thank you" (a dash of any
# length: an HTML reply's "&ndash;" is one, round 60 n09). Not "Agreed with our director that
# the lowest we can go is £3,950", which agrees nothing.
_AGREES = re.compile(r"\s*(?:we\s+)?agreed?\b[\s,.!:\-\u2013\u2014]*(?:at\s+(?P<fee>£?\s?\d[\d,]*"
                     r"(?:\.\d\d)?k?)(?:\s*(?:pw|p/w|per\s+week|a\s+week))?)?[\s,.!\-\u2013\u2014]*"
                     r"(?:(?:thank\s*you|thanks|many\s+thanks|cheers)[\s,.!]*)?$", re.IGNORECASE)
_A_FIGURE = re.compile(r"£\s?\d")


# Rule `agreed-in-words`: words that agree or accept a figure: "£4,500 agreed", "Agreed at
# £4,500 from 14/12/2026 as per our offer", "we can accept £4,500. Agreed.", "Fine, £4,500 it
# is" (not "agreed with our director that …").
_AGREEING = re.compile(r"\b(?:agreed?\b(?!\s+with\b)|accept(?:ed)?\b)"
                       r"|£\s?\d[\d,.]*k?\s+it\s+is\b", re.IGNORECASE)
_FIGURES = re.compile(r"£\s?\d[\d,]*(?:\.\d\d)?k?")


def _agreement(snapshot: Snapshot, text: str) -> tuple[bool, Decimal | None] | None:
    """The home's reply read as agreement: (True, None) to the council's last figure, or
    (False, fee) when "Agreed at £X" names another figure (a counter); None when the reply
    is no agreement, or has a figure anywhere else ("Agreed. Our fee is £4,950"). Rule
    `agreed-in-words`: words that agree the figure the council proposed last, naming no other
    ("£4,500 agreed, start as planned 14/12", "we can accept £4,500. Agreed."), agree it,
    unless they look like a no, ask, or change another term (the start, a condition, a cost:
    broker/forms/counter_fee.py)."""
    lines = [line for line in text.splitlines() if line.strip()]
    found = _AGREES.match(lines[0]) if lines else None
    if found is None or any(_A_FIGURE.search(line) for line in lines[1:]):
        return _agreed_in_words(snapshot, text)
    at = _money(found["fee"] or "")
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if at is None or (last[2] and at == Decimal(last[2])):
        return True, None
    return False, at


def _agreed_in_words(snapshot: Snapshot, text: str) -> tuple[bool, Decimal | None] | None:
    """(True, None) when the reply's own words agree the council's latest proposal by its
    figure (`_agreement`'s rule `agreed-in-words`); None otherwise."""
    words = own_words(text)
    proposed = _latest_proposal(snapshot)
    figures = [_money(found) for found in _FIGURES.findall(words)]
    if proposed is None or not figures or any(fee != proposed for fee in figures) \
            or not _AGREEING.search(words) or "?" in words or says_no(words) \
            or another_term(words, _offered_start(snapshot)) is not None:
        return None
    return True, None


def _terms_below(snapshot: Snapshot, text: str) -> bool:
    """Whether the home's own words under its "Agreed" line say its terms on the fee, the
    start or a cost ("Agreed – thank you.⏎Kind regards⏎Jo Price⏎NB our fee goes up to
    £4,700 from January", rule `fee-terms-signed-below`), or name a figure other than the
    fees on record (its offer's, the proposal it answers: "Service: Residential (£4,900 pw)"
    under the name is its service's, no term): then the "Agreed" is no bare agreement, and
    is read as words (`_agreement`) or held for her, never placed on its first line alone."""
    offer = snapshot.responses.get(snapshot.referral.chosen)
    known = {_money(str(offer.fields.get("weekly_fee") or "")) if offer is not None else None,
             _latest_proposal(snapshot)}
    lines = [line for line in own_words(text).splitlines() if line.strip()]
    return any(says_fee_terms(line) or any(_money(figure) not in known
                                           for figure in _FIGURES.findall(line))
               for line in lines[1:])


def _latest_proposal(snapshot: Snapshot) -> Decimal | None:
    """The fee the council proposed in the latest round, when the latest round is its."""
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    return Decimal(last[2]) if last[1] == "authority" and last[2] else None


def _offered_start(snapshot: Snapshot) -> date | None:
    """The start the chosen home offered, on record."""
    offer = snapshot.responses.get(snapshot.referral.chosen)
    start = offer.fields.get("available_from") if offer is not None else None
    try:
        return date.fromisoformat(str(start)) if start else None
    except ValueError:
        return None


def _money(text: str) -> Decimal | None:
    try:
        return parse_money_weekly(text) if text else None
    except ValueError:
        return None


def fee_round(snapshot: Snapshot, event: Any, by: str, fee: Decimal | None,
              agree: bool) -> Decision:
    """A round of the negotiation: a proposal from either side, or agreement to the other
    side's last proposal."""
    option = _chosen(snapshot)
    if option is None:
        return refused(snapshot, event, "There is no fee being negotiated.", "no-negotiation")
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if agree:
        if last[1] == by or not last[2]:
            return refused(snapshot, event, "There is no proposal from the other side to "
                           "agree to.", "nothing-to-agree")
        if len(offered := _unanswered(snapshot, last[1])) > 1 \
                and not answers_the_latest_proposal(snapshot, event):
            fees = ", then ".join(f"£{fee}" for fee in offered)
            return refused(snapshot, event, f"More than one fee has been proposed since your "
                           f"last answer ({fees} a week), and an agreement could be read as "
                           f"either: nothing has been agreed. To accept £{last[2]} a week, "
                           f"propose it: PROPOSE £{last[2]} per week.", "agreement-ambiguous")
        if said := no_longer_offers(snapshot, option):
            return refused(snapshot, event, withdrawn_before_agreeing(snapshot, option, said),
                           "offer-withdrawn")
        if snapshot.unread_reply and by == "authority":
            return refused(snapshot, event, unread_refusal(snapshot, option),
                           "chosen-reply-unread")
        return placed(snapshot, option, Decimal(last[2]),
                      agreed_by=event.reply.sender if isinstance(event, ReplyReceived) else "")
    if fee is None:
        return refused(snapshot, event, "Give the fee as an amount, e.g. PROPOSE £4,000 per "
                       "week.", "fee-unreadable")
    if last[1] == by and last[2] == _pounds(fee) and not (  # the same fee again (an answer
            by == "authority" and counter_start.since_her_proposal(snapshot)):  # to our
        # question, a resend): no new round, so an AGREE after it is not read as ambiguous;
        # but proposed again after a counter on its start, it answers the counter
        return accepted(snapshot, [], "fee-proposed", "fee-already-proposed",
                        f"£{_pounds(fee)} a week was already proposed to the other side.")
    number = last[0] + 1
    commands: list[Command] = [RecordFeeRound(option.establishment, number, by, _pounds(fee)),
                               RecordEvent("fee-proposed", {"by": by, "round": number,
                                                            "weekly_fee": _pounds(fee)})]
    if by == "authority":  # the home is written to, and the social worker told it went
        start = counter_start.start_with(snapshot, fee)  # at a held counter's fee, its start
        proposal = to_provider(snapshot, option, "fee_proposal", nth(snapshot, f"fee-{number}"),
                               {"fee": _pounds(fee), "start": start})
        commands += [proposal,  # and to the home's other contact that last wrote
                     *_copy_for_writer(snapshot, option, snapshot.last_written_from, proposal),
                     tell_social_worker(snapshot, "fee_proposed", {
                         "option": option, "fee": _pounds(fee), "start": start},
                         nth(snapshot, f"proposed-{number}"))]
        snapshot, shown = counter_start.proposed(snapshot, number, fee, start)
        commands += shown  # the start those emails said, the only one "Agreed" can carry
    else:
        commands.append(tell_social_worker(snapshot, "fee_counter", {
            "option": option, "fee": _pounds(fee)}, nth(snapshot, f"{number}")))
        if isinstance(event, ReplyReceived):
            commands += _counter_received(snapshot, option, event, fee)
    snapshot = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, by, _pounds(fee))),
                       unread_reply=False)
    return accepted(snapshot, commands, "fee-proposed", f"fee-proposed-by-{by}",
                    f"£{_pounds(fee)} a week proposed to the other side.")


def _counter_received(snapshot: Snapshot, option: Option, event: ReplyReceived,
                      fee: Decimal) -> list[Command]:
    """Rule `fee-counter-received` (ux48 U11): the chosen home's counter ("£4,250 is our
    floor") is acknowledged, so it knows its fee reached the social worker and that nothing
    is agreed until she answers. Like every answer to a home's reply: never to automatic mail
    (our own emails say Auto-Submitted, so no ticketing system answers it in turn), only on a
    new round (the same fee again is none), and within the day's answers to the home's
    replies (workflows/answer_limits.py `REPLY_ANSWERS_TO_THE_HOME`)."""
    reply = event.reply
    if not reply.sender or reply.auto_submitted:
        return []
    return [SendEmail(key=f"{snapshot.reference}:fee-counter-received:{digest(event.key, reply)}",
                      template="provider/fee_counter_received",
                      to=answer_to(snapshot, option, reply),
                      context={"reference": snapshot.reference, "establishment": option.home,
                               "fee": _pounds(fee)},
                      reply_to=option.reply_address, in_reply_to=reply.message_id,
                      establishment=option.establishment)]


def withdrawn_before_agreeing(snapshot: Snapshot, option: Option, said: str) -> str:
    """Why an agreement (an AGREE, a budget holder's sign-off) is refused: the chosen home
    has said no since it was chosen, and no agreement goes to a home that has."""
    left = still_offering(snapshot, but=(option.establishment,))
    then = (f"choose another home on the shortlist ({'; '.join(left)})" if left
            else "nothing else on the shortlist still offers: speak to the commissioners")
    return (f"{option.home} has {said} since it was chosen, so nothing has been agreed and "
            f"no placement agreement has been issued; {then}.")


def answers_the_latest_proposal(snapshot: Snapshot, event: Any) -> bool:
    """Rule `agreed-on-its-thread`: the home's "Agreed" replies (by its In-Reply-To) to the
    email of the latest fee we proposed, so it agrees that fee however many we proposed in a
    row (a counter held for the social worker, then her PROPOSE, leaves two): it is no
    ambiguous agreement."""
    if not isinstance(event, ReplyReceived) or not event.answers:
        return False
    proposals = [n for n, by, _ in snapshot.fee_rounds if by == "authority"]
    return bool(proposals) and event.answers.split(_COPY_TO)[0] == _proposal_key(
        snapshot, proposals[-1])


def _unanswered(snapshot: Snapshot, other: str) -> list[str]:
    """The fees `other` has proposed in a row since the agreeing side last moved, oldest
    first. Two or more and an AGREE is ambiguous: it may answer the email of the first
    (£4,600) while the last (£5,950) is what it would agree to."""
    fees: list[str] = []
    for _, by, fee in reversed(snapshot.fee_rounds):
        if by != other:
            break
        fees.insert(0, fee)
    return fees


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
    context |= {"children": siblings, **approved_by(snapshot)}
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


def _copy_for_writer(snapshot: Snapshot, option: Option, writer: str,
                     email: Command) -> list[Command]:
    """The email again, for the home's other registered contact who wrote: the IPA for the
    one whose reply agreed the fee (rule `ipa-to-who-agreed`), a fee proposal for the one
    its latest mail came from (rule `proposal-to-who-wrote`: a group's officer answering
    from its shared inbox sees the council's answer). An address the directory does not
    list for the home gets nothing. The copy's key is the email's with `_COPY_TO` and the
    address: an answer to it answers the same email."""
    home = snapshot.world.directory.establishment(option.establishment)
    contacts = [c.lower() for c in (home.contacts if home else [])]
    writer = writer.strip().lower()
    if not isinstance(email, SendEmail) or not writer or writer == option.contact.lower() \
            or writer not in contacts:
        return []
    return [replace(email, key=f"{email.key}{_COPY_TO}{writer}", to=writer)]


_COPY_TO = ":copy-to:"


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


def on_drop(snapshot: Snapshot, event: Dropped) -> Decision:
    if not event.label and (letters := letters_for_homes(
            snapshot, event.said, "DROP", shortlisted_options(snapshot))):
        return refused(snapshot, event, letters, "homes-by-their-letters")
    option = option_by_label(snapshot, event.label)
    if option is None or option not in shortlisted_options(snapshot):
        return refused(snapshot, event, f"{event.label} is not on an approved shortlist.",
                       "not-shortlisted")
    if option.establishment == snapshot.referral.chosen:
        return refused(snapshot, event, f"{event.label} is the chosen provider; choose "
                       "another first.", "dropping-the-chosen")
    round_ = snapshot.current_round
    assert round_ is not None
    kept = tuple(e for e in round_.establishments if e != option.establishment)
    labels = tuple(o.label for o in options(snapshot) if o.establishment in kept)
    snapshot = snapshot.with_round(replace(round_, establishments=kept, labels=labels))
    by = event.actor.address or event.actor.name
    remaining = [o.label + ": " + o.home for o in shortlisted_options(snapshot)]
    commands: list[Command] = [RevokePapers(option.establishment),
                               RecordEvent("dropped", {"establishment": option.establishment,
                                                       "by": by}),
                               not_selected_note(snapshot, option, "no longer being considered"),
                               # the social worker hears it was done, whoever did it
                               tell_social_worker(snapshot, "dropped", {
                                   "option": option, "by": by, "remaining": remaining,
                                   # she is told "by you", never her own address
                                   "by_you": by.lower() == snapshot.referral.referrer.lower()},
                                   option.establishment)]
    return accepted(snapshot, commands, "dropped", "dropped-by-request",
                    f"{option.home} is no longer on the shortlist; its papers link is revoked.")


def on_unmet(snapshot: Snapshot, event: UnmetDeclared) -> Decision:
    reason = event.reason.strip()
    if not reason:
        return refused(snapshot, event, "Give the reason the need could not be met, e.g. "
                       "UNMET no home in range could meet her needs.", "reason-required")
    commands: list[Command] = [RecordEvent("unmet", {"reason": reason}), CancelDeadlines(),
                               *_recall_papers(snapshot, "the search has ended"),
                               tell_social_worker(snapshot, "unmet", {"reason": reason},
                                                  event.key)]
    commands += announce(snapshot, f"{snapshot.reference}: ended as unmet need.", "unmet")
    return accepted(snapshot.with_referral(state=State.UNMET, outcome_reason=reason),
                    commands, "unmet", "unmet-by-request")


def on_withdraw(snapshot: Snapshot, event: Withdrawn) -> Decision:
    """Stop the search and recall the referral: every provider sent it is asked to delete
    it, papers links stop working, deadlines are cancelled, the team is told."""
    reason = event.reason.strip() or "not given"
    commands: list[Command] = [RecordEvent("withdrawn", {"reason": reason,
                                                         "by": event.actor.address}),
                               CancelDeadlines(), *_recall_papers(snapshot, None)]
    referral = snapshot.referral
    round_ = snapshot.current_round  # its papers were released once it was approved
    with_papers = (set(round_.establishments) if round_ and round_.outcome == "approved"
                   else set())
    commands += [closing_note(snapshot, r, had_papers=r.establishment in with_papers)
                 for r in snapshot.recipients.values()]
    authority = snapshot.authority
    for to in dict.fromkeys([referral.referrer, authority.placements_team]):
        commands.append(SendEmail(
            key=f"{referral.reference}:withdrawn:{to}", template="social_worker/withdrawn",
            to=to, context={"reference": referral.reference, "reason": reason,
                            "providers": len(snapshot.recipients),
                            "by": event.actor.address or event.actor.name}))
    commands += announce(snapshot, f"{referral.reference}: withdrawn.", "withdrawn")
    return accepted(snapshot.with_referral(state=State.WITHDRAWN, outcome_reason=reason),
                    commands, "withdrawn", "withdrawn-by-request",
                    f"{referral.reference} is withdrawn; {len(snapshot.recipients)} "
                    "provider(s) have been asked to delete it.")


def _recall_papers(snapshot: Snapshot, category: str | None) -> list[Command]:
    commands: list[Command] = []
    for option in shortlisted_options(snapshot):
        commands.append(RevokePapers(option.establishment))
        if category:
            commands.append(to_provider(snapshot, option, "closed_with_thanks", "closed",
                                        {"category": category}))
    return commands


def on_ended(snapshot: Snapshot, event: PlacementEnded) -> Decision:
    """The placement has ended: its place is free again for the next referral. A line that
    names another referral than the thread it came on changes nothing: ending the wrong
    child's placement would free a place that is not free and tell the wrong social worker."""
    if event.reference and event.reference.upper() != (snapshot.reference or "").upper():
        return refused(snapshot, event, f"Your ENDED line names {event.reference.upper()}, but "
                       f"it came on the thread of {snapshot.reference}: nothing has been "
                       "changed. Send it on that referral's own thread, or to the providers' "
                       "address with its reference.", "ended-names-another-referral")
    chosen = snapshot.referral.chosen
    on = event.on or snapshot.world.today
    siblings = int(snapshot.referral.anonymised.get("profile", {}).get("siblings") or 1)
    reason = event.reason.strip() or "not given"
    commands: list[Command] = [
        ChangeCapacity(chosen, siblings),
        RevokePapers(chosen),  # the child has left: the home needs her full papers no more
        RecordEvent("placement-ended", {"establishment": chosen, "on": on.isoformat(),
                                        "reason": reason, "by": event.actor.address}),
        tell_social_worker(snapshot, "placement_ended", {"on": on, "reason": reason},
                           event.key),
    ]
    actor = event.actor
    if actor.channel == "email" and actor.address and actor.address != snapshot.referral.referrer:
        commands.append(SendEmail(  # the provider (or the team) who told us: confirmed
            key=f"{snapshot.reference}:ended-confirmed:{event.key}",
            template="provider/placement_ended", to=actor.address,
            context={"reference": snapshot.reference, "on": on, "reason": reason}))
    commands += announce(snapshot, f"{snapshot.reference}: placement ended on "
                                   f"{on.isoformat()}.", "ended")
    return accepted(snapshot.with_referral(state=State.ENDED, outcome_reason=reason),
                    commands, "ended", "placement-ended",
                    f"The placement for {snapshot.reference} is recorded as ended on "
                    f"{on.isoformat()}; the place is free again.")
