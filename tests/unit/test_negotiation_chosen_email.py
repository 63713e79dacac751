"""The chosen home's "Agreed" counts only for a fee it had been sent (attacker's review 23):
the email telling it it was chosen puts its own requested fee, so an "Agreed" answering
that email once the authority has proposed another agrees nothing; an "Agreed" answering
none of our emails but written before the latest proposal is passed on as unread; our
answers to its replies go only to addresses that speak for the home; and a home that keeps
sending unreadable replies is pointed out to the team, with the way round it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from tests.snapshots import KESTREL, NOW, SW, TEAM, actor, snapshot
from workflows.agreement_reply import answered_by_subject
from workflows.agreement_rounds import answer_to
from workflows.commands import IssueDocument, RecordFeeRound, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.placement import options
from workflows.snapshot import Snapshot
from workflows.states import State

CHOSEN_KEY = "REF-2026-000001:chosen:kestrel-house"
LATEST_KEY = "REF-2026-000001:fee-2:kestrel-house"
CHOSEN_SUBJECT = "Re: Northby, for Kestrel House | chosen, the fee to agree | REF-2026-000001"
PLAIN_SUBJECT = "RE: Kestrel House | REF-2026-000001"
PROPOSED = ((1, "provider", "4900.00"), (2, "authority", "3800.00"))


def _reply(body: str, *, subject: str = PLAIN_SUBJECT, answers: str = "",
           sent_at: datetime | None = None, sender: str = KESTREL) -> ReplyReceived:
    reply = Reply(sender, subject, f"<{abs(hash(body + subject))}@example.org>", {}, body,
                  date(2026, 11, 25), sent_at=sent_at)
    return ReplyReceived(actor=actor(sender), key=f"k-{abs(hash(body + answers + subject))}",
                         establishment="kestrel-house", reply=reply, answers=answers)


def _negotiating(**changes: object) -> Snapshot:
    return replace(snapshot(State.NEGOTIATING), **changes)


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


@pytest.mark.parametrize("body", ["Agreed", "Agreed, thanks", "AGREE", "Agreed at £3,800"])
def test_agreed_to_the_chosen_email_after_a_proposal_agrees_nothing(body: str) -> None:
    result = decide(_negotiating(fee_rounds=PROPOSED), _reply(body, answers=CHOSEN_KEY))
    assert result.rule == "agreement-to-an-earlier-proposal"
    assert result.snapshot.state == State.NEGOTIATING
    assert not any(isinstance(c, IssueDocument) for c in result.commands)
    [told] = _sent(result, "provider/fee_superseded")
    assert told.to == KESTREL
    assert (told.context["earlier_fee"], told.context["current_fee"]) == ("4900.00", "3800.00")
    assert told.context["its_own_fee"] is True


def test_a_reply_that_lost_its_headers_is_known_by_the_chosen_subject() -> None:
    result = decide(_negotiating(fee_rounds=PROPOSED), _reply("Agreed", subject=CHOSEN_SUBJECT))
    assert result.rule == "agreement-to-an-earlier-proposal"
    assert not any(isinstance(c, IssueDocument) for c in result.commands)


def test_the_subjects_name_the_email_answered() -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED)
    assert answered_by_subject(negotiating, CHOSEN_SUBJECT) == CHOSEN_KEY
    assert answered_by_subject(negotiating, "Re: Northby, for Kestrel House | the authority "
                               "proposes £3,800 a week | REF-2026-000001") == LATEST_KEY
    assert answered_by_subject(negotiating, "Re: … | the authority proposes £3,500 a week | "
                               "REF-2026-000001") == ""
    assert answered_by_subject(negotiating, PLAIN_SUBJECT) == ""
    again = _negotiating(fee_rounds=PROPOSED, negotiation=2)
    assert answered_by_subject(again, CHOSEN_SUBJECT) == "REF-2026-000001:chosen-n2:kestrel-house"


def test_agreed_to_the_chosen_email_with_nothing_proposed_is_not_superseded() -> None:
    result = decide(_negotiating(fee_rounds=PROPOSED[:1]), _reply("Agreed", answers=CHOSEN_KEY))
    assert result.rule != "agreement-to-an-earlier-proposal"
    assert result.snapshot.state == State.NEGOTIATING
    assert not any(isinstance(c, IssueDocument) for c in result.commands)


def test_agreed_to_the_latest_proposal_still_places() -> None:
    result = decide(_negotiating(fee_rounds=PROPOSED), _reply("Agreed", answers=LATEST_KEY))
    assert result.snapshot.state == State.PLACED


PROPOSED_AT = NOW - timedelta(hours=1)


def test_an_agreed_written_before_the_latest_proposal_is_unread_and_holds_agree() -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED, latest_proposal_at=PROPOSED_AT)
    result = decide(negotiating, _reply("Agreed", sent_at=PROPOSED_AT - timedelta(minutes=20)))
    assert result.rule == "chosen-reply-unread" and result.snapshot.unread_reply
    assert not any(isinstance(c, IssueDocument) for c in result.commands)
    told = _sent(result, "social_worker/chosen_reply_unread")
    assert {m.to for m in told} == {SW, TEAM}
    assert all(m.context["written_before"] == "3800.00" for m in told)
    # marked unread, so that no AGREE nor sign-off places the child until it is answered
    assert any(isinstance(c, RecordFeeRound) and c.by == "reply-unread"
               for c in result.commands)


@pytest.mark.parametrize("sent_at", [PROPOSED_AT + timedelta(minutes=5), None])
def test_an_agreed_written_after_the_latest_proposal_agrees_it(sent_at: datetime | None) -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED, latest_proposal_at=PROPOSED_AT)
    result = decide(negotiating, _reply("Agreed", sent_at=sent_at))
    assert result.snapshot.state == State.PLACED


def test_an_agreed_answering_the_latest_by_its_headers_is_not_judged_by_its_date() -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED, latest_proposal_at=PROPOSED_AT)
    result = decide(negotiating, _reply("Agreed", answers=LATEST_KEY,
                                        sent_at=PROPOSED_AT - timedelta(minutes=20)))
    assert result.snapshot.state == State.PLACED


@pytest.mark.parametrize(("sender", "to"), [
    (KESTREL, KESTREL),
    ("manager@kestrelhomes.example", "manager@kestrelhomes.example"),  # the home's domain
    ("someone@elsewhere.example", KESTREL),  # never an address of the writer's choosing
])
def test_our_answers_to_the_homes_replies_go_only_to_who_speaks_for_it(sender: str,
                                                                      to: str) -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED)
    [kestrel] = [o for o in options(negotiating) if o.establishment == "kestrel-house"]
    assert answer_to(negotiating, kestrel, _reply("x", sender=sender).reply) == to


def test_the_fee_notes_use_that_rule() -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED)
    sender = "manager@kestrelhomes.example"
    unclear = decide(negotiating, _reply("Thanks, will come back to you", sender=sender))
    [note] = _sent(unclear, "provider/fee_unclear")
    assert note.to == sender
    superseded = decide(negotiating, _reply("Agreed", answers=CHOSEN_KEY, sender=sender))
    [note] = _sent(superseded, "provider/fee_superseded")
    assert note.to == sender


def test_a_second_unread_reply_in_a_negotiation_tells_the_team_they_can_choose_another() -> None:
    negotiating = _negotiating(fee_rounds=PROPOSED)
    first = decide(negotiating, _reply("Thanks, will come back to you"))
    assert all(m.context["unread_replies"] == 1
               for m in _sent(first, "social_worker/chosen_reply_unread"))
    assert first.snapshot.unread_replies == 1
    proposed = replace(first.snapshot, unread_reply=False,
                       fee_rounds=(*PROPOSED, (3, "authority", "3900.00")))
    second = decide(proposed, _reply("Let me check with my manager"))
    told = _sent(second, "social_worker/chosen_reply_unread")
    assert told and all(m.context["unread_replies"] == 2 for m in told)
    assert all("B: Larch House" in m.context["others"] for m in told)
    assert any(isinstance(c, RecordFeeRound) and c.by == "reply-unread"
               for c in second.commands)
