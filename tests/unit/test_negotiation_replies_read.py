"""The chosen home's replies during the fee negotiation (attacker's review 22): a plain "no"
is heard whatever our subject says of money; a reply read neither as an answer on the fee
nor as a decision reaches the social worker and the team, and no AGREE nor sign-off places
the child until it is answered; a home chosen again gets its own emails (keys carry the
negotiation), and its "Agreed" counts for the proposal it answers, never a later one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.snapshots import BUDGET, KESTREL, SW, TEAM, actor, snapshot
from workflows.agreement_rounds import READ, UNREAD, WITHDREW, negotiation_now
from workflows.commands import IssueDocument, RecordFeeRound, SendEmail
from workflows.events import (
    Chosen,
    FeeAgreed,
    FeeProposed,
    FeeSignedOff,
    Reply,
    ReplyReceived,
)
from workflows.lifecycle import decide
from workflows.snapshot import Snapshot
from workflows.states import State

CHOSEN_SUBJECT = "Re: Northby, for Kestrel House | chosen, the fee to agree | REF-2026-000001"
PROPOSAL_SUBJECT = ("Re: Northby, for Kestrel House | the authority proposes £3,800 a week | "
                    "REF-2026-000001")


def _reply(body: str, subject: str = CHOSEN_SUBJECT, answers: str = "",
           fields: dict[str, str] | None = None) -> ReplyReceived:
    reply = Reply(KESTREL, subject, f"<{abs(hash(body))}@example.org>", fields or {}, body,
                  date(2026, 11, 25))
    return ReplyReceived(actor=actor(KESTREL), key=f"k-{abs(hash(body + answers))}",
                         establishment="kestrel-house", reply=reply, answers=answers)


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def _negotiating(**changes: object) -> Snapshot:
    return replace(snapshot(State.NEGOTIATING), **changes)


@pytest.mark.parametrize("subject", [CHOSEN_SUBJECT, PROPOSAL_SUBJECT,
                                     "RE: RE: the fee | REF-2026-000001"])
@pytest.mark.parametrize("body", [
    "Sorry, we can no longer offer the placement - the bed has been taken by an emergency "
    "admission.",
    "We have to withdraw our offer, I'm afraid. Our manager has decided we cannot take her "
    "after all.",
])
def test_a_plain_no_is_heard_whatever_our_subject_says_of_money(subject: str, body: str) -> None:
    result = decide(_negotiating(), _reply(body, subject))
    assert result.answer.outcome == "chosen-home-withdrew"
    assert result.snapshot.state == State.APPROVED and result.snapshot.referral.chosen == ""
    assert [e.to for e in _sent(result, "social_worker/chosen_withdrew")] == [SW, TEAM]


def test_the_same_no_about_money_in_the_homes_own_words_is_still_not_a_withdrawal() -> None:
    result = decide(_negotiating(), _reply("We must decline at £4,000. Our fee remains "
                                           "£4,500.", PROPOSAL_SUBJECT))
    assert result.snapshot.state == State.NEGOTIATING
    assert not _sent(result, "social_worker/chosen_withdrew")
    # "Our fee remains £4,500" states its fee plainly: a counter she is shown, nothing agreed
    assert result.rule == "fee-proposed-by-provider"
    assert [e.to for e in _sent(result, "social_worker/fee_counter")] == [SW]
    assert result.snapshot.fee_rounds[-1][1:] == ("provider", "4500.00")


@pytest.mark.parametrize("body", [
    "Sorry, we can no longer offer the placement at that fee.",
    "Thanks, our manager will come back to you on this next week.",
    "Unfortunately that rate does not work for us and we will have to think again.",
])
def test_a_reply_read_as_neither_is_passed_on_and_nothing_is_agreed(body: str) -> None:
    result = decide(_negotiating(), _reply(body))
    assert result.answer.outcome == "reply-unread"
    assert result.snapshot.state == State.NEGOTIATING and result.snapshot.unread_reply
    told = _sent(result, "social_worker/chosen_reply_unread")
    assert [e.to for e in told] == [SW, TEAM]
    assert body in told[0].context["in_its_words"]
    [asked] = _sent(result, "provider/fee_unclear")
    assert asked.to == KESTREL
    assert RecordFeeRound("kestrel-house", 1, UNREAD, "", UNREAD) in result.commands
    # AGREE would place the child at the home's own fee: refused, saying why
    agree = decide(result.snapshot, FeeAgreed(actor=actor(SW), key="a"))
    assert not agree.answer.accepted and agree.snapshot.state == State.NEGOTIATING
    assert "could be read neither as an answer on the fee nor as a decision" in (
        agree.answer.message)
    assert not any(isinstance(c, IssueDocument) for c in agree.commands)
    assert not _sent(agree, "provider/ipa")


def test_a_proposal_answers_it_and_the_homes_agreement_then_places() -> None:
    unread = _negotiating(unread_reply=True)
    proposed = decide(unread, FeeProposed(actor=actor(SW), key="p", fee=4800))
    assert proposed.answer.accepted and not proposed.snapshot.unread_reply
    placed = decide(proposed.snapshot, _reply("Agreed, thanks", PROPOSAL_SUBJECT))
    assert placed.answer.accepted and placed.snapshot.state in (State.PLACED,
                                                                State.NEGOTIATING)
    assert placed.answer.outcome != "reply-unread"


def test_the_homes_plain_answer_after_it_clears_the_mark() -> None:
    """Its fee again (no new round): a READ mark; a new fee: the round itself."""
    unread = _negotiating(unread_reply=True)
    again = decide(unread, _reply("Weekly fee: £4,800", fields={"weekly_fee": "£4,800"}))
    assert not again.snapshot.unread_reply
    assert RecordFeeRound("kestrel-house", 1, READ, "", READ) in again.commands
    assert decide(again.snapshot, FeeAgreed(actor=actor(SW), key="a")).answer.accepted
    new = decide(unread, _reply("Weekly fee: £4,700", fields={"weekly_fee": "£4,700"}))
    assert not new.snapshot.unread_reply
    assert not any(isinstance(c, RecordFeeRound) and c.by == READ for c in new.commands)


def test_a_sign_off_waits_too_and_the_budget_holders_hear_the_reply() -> None:
    waiting = _negotiating(fee_rounds=((1, "provider", "4800.00"), (2, "authority", "4800.00"),
                                       (3, "awaiting-sign-off", "4800.00")))
    result = decide(waiting, _reply("Hmm, we need to check that with our director."))
    told = _sent(result, "social_worker/chosen_reply_unread")
    assert BUDGET in [e.to for e in told] and told[0].context["sign_off_waiting"]
    signed = decide(result.snapshot, FeeSignedOff(actor=actor(BUDGET), key="s"))
    assert not signed.answer.accepted and signed.snapshot.state == State.NEGOTIATING
    assert "could be read neither" in signed.answer.message
    assert not any(isinstance(c, IssueDocument) for c in signed.commands)
    refused = decide(result.snapshot, FeeSignedOff(actor=actor(BUDGET), key="r",
                                                   decision="refuse", reason="too much"))
    assert refused.answer.accepted  # a refusal is never held back


def test_a_read_receipt_is_not_an_unread_reply() -> None:
    result = decide(_negotiating(), _reply("Your message was read on 25/11/2026.",
                                           subject="Read: Northby, for Kestrel House"))
    assert not result.snapshot.unread_reply
    assert not _sent(result, "social_worker/chosen_reply_unread")
    assert not _sent(result, "provider/fee_unclear")


def test_negotiation_now_reads_the_marks_and_counts_the_negotiations() -> None:
    first = ((1, "provider", "4800.00"), (2, "authority", "4500.00"))
    assert negotiation_now(first) == (first, 1, False)
    assert negotiation_now((*first, (2, UNREAD, "", ))) == (first, 1, True)
    assert negotiation_now((*first, (2, UNREAD, ""), (2, READ, ""))) == (first, 1, False)
    assert negotiation_now((*first, (2, UNREAD, ""), (3, "provider", "4600.00"))) == (
        (*first, (3, "provider", "4600.00")), 1, False)
    again = (*first, (3, WITHDREW, ""), (1, "provider", "4000.00"))
    assert negotiation_now(again) == (((1, "provider", "4000.00"),), 2, False)


def test_a_home_chosen_again_gets_emails_under_keys_of_their_own() -> None:
    """Outbox keys are one email each: the second negotiation's must not repeat the first's."""
    first = decide(snapshot(State.APPROVED), Chosen(actor=actor(SW), key="c1", label="A"))
    [chosen1] = _sent(first, "provider/chosen")
    second = decide(snapshot(State.APPROVED, negotiation=2),
                    Chosen(actor=actor(SW), key="c2", label="A"))
    [chosen2] = _sent(second, "provider/chosen")
    assert chosen1.key == "REF-2026-000001:chosen:kestrel-house"  # as before
    assert chosen2.key != chosen1.key
    p1 = decide(first.snapshot, FeeProposed(actor=actor(SW), key="p", fee=4500))
    p2 = decide(second.snapshot, FeeProposed(actor=actor(SW), key="p", fee=4500))
    [[fee1], [fee2]] = [_sent(p1, "provider/fee_proposal"), _sent(p2, "provider/fee_proposal")]
    assert fee1.key != fee2.key
    # and the withdrawal of the second is its own, the next negotiation the third
    withdrew = decide(p2.snapshot, _reply("Decision: withdrawn", fields={"decision":
                                                                         "withdrawn"}))
    assert withdrew.snapshot.negotiation == 3


KEY1 = "REF-2026-000001:fee-2:kestrel-house"
KEY2 = "REF-2026-000001:fee-4:kestrel-house"


def _two_proposals(**changes: object) -> Snapshot:
    return _negotiating(fee_rounds=((1, "provider", "4800.00"), (2, "authority", "4500.00"),
                                    (3, "provider", "4700.00"), (4, "authority", "4600.00")),
                        **changes)


@pytest.mark.parametrize("body", ["Agreed", "Agreed, thanks", "AGREE"])
def test_agreed_to_an_earlier_proposal_agrees_nothing(body: str) -> None:
    result = decide(_two_proposals(), _reply(body, PROPOSAL_SUBJECT, answers=KEY1))
    assert not result.answer.accepted and result.snapshot.state == State.NEGOTIATING
    assert result.rule == "agreement-to-an-earlier-proposal"
    assert not any(isinstance(c, IssueDocument) for c in result.commands)
    [told] = _sent(result, "provider/fee_superseded")
    assert told.to == KESTREL
    assert (told.context["earlier_fee"], told.context["current_fee"]) == ("4500.00", "4600.00")


def test_agreed_to_a_proposal_of_an_earlier_negotiation_agrees_nothing() -> None:
    result = decide(_two_proposals(negotiation=2), _reply("Agreed", answers=KEY2))
    assert result.rule == "agreement-to-an-earlier-proposal"
    [told] = _sent(result, "provider/fee_superseded")
    assert (told.context["earlier_fee"], told.context["current_fee"]) == ("", "4600.00")


@pytest.mark.parametrize("answers", [KEY2, ""])  # the latest, or no proposal: the latest sent
def test_agreed_to_the_latest_proposal_agrees_it(answers: str) -> None:
    result = decide(_two_proposals(), _reply("Agreed", "RE: the fee | REF-2026-000001",
                                             answers=answers))
    assert result.answer.accepted and result.rule != "agreement-to-an-earlier-proposal"
    assert result.snapshot.state in (State.PLACED, State.NEGOTIATING)
    assert result.answer.outcome in ("placed", "awaiting-sign-off")


def test_a_sign_off_request_in_a_second_negotiation_has_its_own_key_and_round() -> None:
    """Fee rounds restart once the chosen home withdrew and another is chosen: the second
    negotiation's request must reach the budget holders (the outbox sends one email a key),
    and a reply to the first negotiation's request for round 2 must not sign off round 2 of
    the second."""
    dear = _negotiating(negotiation=2, fee_rounds=((1, "provider", "6500.00"),))
    agreed = decide(dear, FeeAgreed(actor=actor(SW), key="a"))
    requests = _sent(agreed, "budget_holder/sign_off_request")
    assert requests and all(":sign-off:2002:" in e.key for e in requests)
    old = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="o", round=2))
    assert not old.answer.accepted and old.snapshot.state == State.NEGOTIATING
    signed = decide(agreed.snapshot, FeeSignedOff(actor=actor(BUDGET), key="s", round=2002))
    assert signed.snapshot.state == State.PLACED


@pytest.mark.parametrize("body", [
    "Agreed \u2013 thank you.",  # an HTML reply's "&ndash;" (round 60 n09)
    "Agreed \u2014 thanks\n\nKind regards\nJo Price",
    "Agreed - thank you.",
])
def test_agreed_with_a_dash_of_any_length_agrees(body: str) -> None:
    waiting = _negotiating(fee_rounds=((1, "provider", "4800.00"), (2, "authority", "3800.00")))
    result = decide(waiting, _reply(body, PROPOSAL_SUBJECT))
    assert (result.answer.outcome, result.rule) == ("placed", "fee-agreed")
