"""A fee proposed or agreed during the negotiation, a round each (workflows/agreement.py has
the table): the social worker's PROPOSE, her AGREE, and the round either side's fee records
(`fee_round`).

A proposal by email above both the home's asking fee and the budget is first put to her to
confirm (rule `propose-above-asked-and-budget`), and her "Yes" sends it only while nothing has
overtaken it (rule `confirm-only-the-proposal-asked`). A proposal sent writes to the home (at
a held counter's fee, with its start: workflows/counter_start.py) and tells the social worker;
the home's counter, read in workflows/agreement_reply.py, is passed to her and acknowledged
(rule `fee-counter-received`). An agreement is refused when more than one fee was proposed in
a row and it answers none of them by its thread (rule `agreed-on-its-thread`), when the home
has withdrawn, while a counter held for its new start awaits her proposal of its fee (rule
`counter-start-by-proposal`: the answer gives her that line), or while its latest reply is
unread; else the fee is agreed
(workflows/agreement.py `placed`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from workflows import confirm, counter_start
from workflows.agreement import placed
from workflows.agreement_rounds import (
    _COPY_TO,
    _chosen,
    _copy_for_writer,
    _money,
    _offered_start,
    _pounds,
    _proposal_key,
    _shown,
    answer_to,
    no_longer_offers,
    nth,
    unread_refusal,
    withdrawn_before_agreeing,
)
from workflows.commands import Command, RecordEvent, RecordFeeRound, SendEmail
from workflows.events import FeeAgreed, FeeProposed, ReplyReceived
from workflows.placement import Option, tell_social_worker, to_provider
from workflows.responses import digest
from workflows.snapshot import Decision, Snapshot, accepted, declined, refused


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


def fee_round(snapshot: Snapshot, event: Any, by: str, fee: Decimal | None,
              agree: bool) -> Decision:
    """A round of the negotiation: a proposal from either side, or agreement to the other
    side's last proposal."""
    option = _chosen(snapshot)
    if option is None:
        return refused(snapshot, event, "There is no fee being negotiated.", "no-negotiation")
    last = snapshot.fee_rounds[-1] if snapshot.fee_rounds else (0, "", "")
    if agree:
        if by == "authority" and (held := counter_start.awaiting_her(snapshot)):
            return refused(snapshot, event, counter_start.agree_refused(  # its start: only
                snapshot, option.home, held, _offered_start(snapshot)),  # her PROPOSE shows it
                "counter-start-by-proposal")
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
        offer = snapshot.responses.get(option.establishment)
        proposal = to_provider(snapshot, option, "fee_proposal", nth(snapshot, f"fee-{number}"),
                               {"fee": _pounds(fee), "start": start,  # the start on record
                                "offered_start": (offer.fields if offer else {}).get(
                                    "available_from") or ""})
        commands += [proposal,  # and to the home's other contact that last wrote
                     *_copy_for_writer(snapshot, option, snapshot.last_written_from, proposal),
                     tell_social_worker(snapshot, "fee_proposed", {
                         "option": option, "fee": _pounds(fee), "start": start,
                         # rule `start-in-doubt`: the home last said a later start
                         "start_in_doubt": {} if start else _start_in_doubt(snapshot, offer)},
                         nth(snapshot, f"proposed-{number}"))]
        snapshot, shown = counter_start.proposed(snapshot, number, fee, start)
        commands += shown  # the start those emails said, the only one "Agreed" can carry
    else:
        ours = [f for _, side, f in snapshot.fee_rounds if side == "authority" and f]
        commands.append(tell_social_worker(snapshot, "fee_counter", {
            "option": option, "fee": _pounds(fee),  # beside what she proposed, and its offer
            "proposed": ours[-1] if ours else "", "requested": next(
                (f for _, side, f in snapshot.fee_rounds if side == "provider" and f), "")},
            nth(snapshot, f"{number}")))
        if isinstance(event, ReplyReceived):
            commands += _counter_received(snapshot, option, event, fee)
    snapshot = replace(snapshot, fee_rounds=(*snapshot.fee_rounds, (number, by, _pounds(fee))),
                       unread_reply=False)
    return accepted(snapshot, commands, "fee-proposed", f"fee-proposed-by-{by}",
                    f"£{_pounds(fee)} a week proposed to the other side.")


def _start_in_doubt(snapshot: Snapshot, offer: Any) -> dict[str, str]:
    """Rule `start-in-doubt` (workflows/counter_start.py `doubted`): the home's latest reply,
    passed on unread, said a later start than the one on record that her proposal does not
    carry: the later day ("" when it could not be read) and the day on record (ISO), for her
    confirmation to say the agreement would still start on the day on record; {} when not."""
    doubt = counter_start.in_doubt(snapshot)
    on_record = str((offer.fields if offer else {}).get("available_from") or "")
    if not doubt or not on_record:
        return {}
    return {"later": str(doubt.get("later_start") or ""), "on_record": on_record}


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
