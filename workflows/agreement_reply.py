"""The chosen home's reply during the fee negotiation (workflows/agreement.py has the table).

The chosen home's reply is read for its decision before its fee: "Decision: decline", or "we
can no longer offer the placement", takes the home out of the running (`chosen_withdrew`,
workflows/agreement_endings.py), and no AGREE nor sign-off can then place the child with it
(`no_longer_offers`, as CHOOSE asks). A reply read neither as a fee answer nor as a decision
is passed on, and holds AGREE and sign-off back until answered (`reply_unread`); a home's
"Agreed" counts for the proposal it replies to (`agreed_to_an_earlier_proposal`; the email
telling it it was chosen puts its own requested fee), and an "Agreed" that answers none of
our emails but was written before the latest proposal was made is unread
(`written_before_the_latest_proposal`). Its words are read as agreement by
workflows/agreement_words.py; a fee of its own is its counter, recorded as a round
(workflows/agreement_proposal.py `fee_round`), and a counter that moves the start is held
with it (workflows/counter_start.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from broker.forms.counter_fee import START, counter_fee, counter_on_other_terms, start_as_it_stands
from broker.forms.side_messages import is_a_side_message
from broker.quoting import provider_words
from workflows import counter_start, signoff
from workflows.agreement_endings import chosen_withdrew
from workflows.agreement_proposal import fee_round
from workflows.agreement_rounds import (
    _COPY_TO,
    READ,
    UNREAD,
    _chosen,
    _chosen_key,
    _latest_proposal,
    _money,
    _offered_start,
    _pounds,
    _proposal_key,
    answer_to,
)
from workflows.agreement_words import _agreement, _terms_below
from workflows.commands import Command, RecordEvent, RecordFeeRound, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.instructions import read_instruction
from workflows.passed_on import own_words
from workflows.reply_looks import reply_looks
from workflows.responses import digest, note, still_offering, takes_its_offer_back, written_at
from workflows.snapshot import Decision, Snapshot, accepted, declined


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
    if agree and counter_start.in_doubt(snapshot):  # rule `start-in-doubt`: it last said a
        return reply_unread(snapshot, event, doubted=True)  # later start her proposal lacks
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


# Why a reply of the chosen home is read neither as an answer on the fee nor as a decision:
# no fee, agreement or decision in it; an agreement when two fees were proposed in a row.
_UNREAD = frozenset({"fee-unreadable", "agreement-ambiguous"})


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
                 counter: tuple[Any, ...] | None = None, agreed_after: bool = False,
                 doubted: bool = False) -> Decision:
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
    cannot agree to its own later start (rule `counter-start-agreed`). So is its "Agreed"
    after a reply of its own that said a later start than the one on record, unheld
    (`doubted`, rule `start-in-doubt`): her proposal was from the day on record."""
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
    if not held and not agreed_after:  # rule `start-in-doubt`: a later start said, not held
        snapshot, held = counter_start.doubted(
            snapshot, option.establishment, own_words(reply.body_text) or reply.body_text,
            _offered_start(snapshot), moved=counter is not None and counter[1] == START)
    context = {"reference": snapshot.reference, "option": option, "sign_off_waiting": waiting,
               # its own words, its signature left out (it would run on into the quote)
               "in_its_words": provider_words(own_words(reply.body_text) or reply.body_text),
               "looks": reply_looks(reply.body_text),
               "written_before": proposals[-1] if written_before and proposals else "",
               # what she last proposed and what the home first asked, beside its counter
               "proposed": proposals[-1] if proposals else "",
               "requested": next((fee for _, by, fee in snapshot.fee_rounds
                                  if by == "provider" and fee), ""),
               "unread_replies": unread, "counter": _counter(counter),
               "agreed_after": agreed_after,
               "doubt": _doubt(snapshot) if doubted else {},
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


def _doubt(snapshot: Snapshot) -> dict[str, str]:
    """The later start the home's earlier reply said (ISO, "" when unread) and the start on
    record its "Agreed" would carry (rule `start-in-doubt`)."""
    doubt = counter_start.in_doubt(snapshot)
    return {"later": str(doubt.get("later_start") or ""),
            "on_record": str(_offered_start(snapshot) or "")}


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
