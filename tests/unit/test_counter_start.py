"""A counter's new start goes with its fee (rule `counter-start-agreed`,
workflows/counter_start.py): the chosen home's "We can do £4,500 from 21/12" while its offer
said 14/12 is held and the social worker warned; accepted at that fee, the placement agreement
carries the 21st, not the start on record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from broker.forms.counter_fee import counter_start
from tests.provider_mail import emails_of, rendered
from tests.snapshots import KESTREL, SW, actor, snapshot
from workflows.commands import IssueDocument, RecordEvent
from workflows.counter_start import agreed_start, awaiting_her, since_her_proposal
from workflows.events import FeeAgreed, FeeProposed, Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

OFFERED = date(2026, 12, 14)


def _negotiating():  # type: ignore[no-untyped-def]
    offer = ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": 4800, "service_name": "Kestrel House", "available_from": "2026-12-14"})
    return replace(snapshot(State.NEGOTIATING), responses={"kestrel-house": offer})


def _reply(before, body: str, n: int, fields=None):  # type: ignore[no-untyped-def]
    reply = Reply(KESTREL, "RE: Kestrel House | REF-2026-000001", f"<c{n}@kestrel.example>",
                  fields or {}, body, date(2026, 12, 7))
    return decide(before, ReplyReceived(actor=actor(KESTREL), key=f"cs-{n}",
                                        establishment="kestrel-house", reply=reply))


def _text(decision, template: str, to: str | None = None) -> str:  # type: ignore[no-untyped-def]
    [mail] = [m for m in emails_of(decision, template) if to is None or m.to == to]
    message = rendered(mail)
    return " ".join(f"{message['Subject']} {message.get_content()}".split())


def _ipa_start(decision) -> str:  # type: ignore[no-untyped-def]
    [ipa] = [c for c in decision.commands if isinstance(c, IssueDocument)]
    return str(ipa.context["start_date"])


@pytest.mark.parametrize(("text", "start"), [
    ("We can do £4,500 from 21/12.", date(2026, 12, 21)),
    ("We can do £4,500 but only from 04/01/2027 now.", date(2027, 1, 4)),
    ("We could do £4,600 from Monday 21st December.", date(2026, 12, 21)),
    ("We can do £4,500 from 14/12 as planned.", None),  # the start as it stands
    ("We can do £4,500 from 21/12 plus £50 a week mileage.", None),  # a cost as well
    ("We could do £4,700 if she attends our school.", None),
    # ux48 W5: a clause giving the reason for the start is no condition
    ("We can do £4,200 from 21/12 – our current young person doesn't move on until the 18th.",
     date(2026, 12, 21)),
    ("We can do £4,200 from 21/12 because our current resident doesn't leave until the 18th.",
     date(2026, 12, 21)),
    ("We can do £4,200 from 21/12 as our current young person only moves on after the 18th.",
     date(2026, 12, 21)),
    ("We can do £4,200 from 21/12 due to a planned move on after the 18th.",
     date(2026, 12, 21)),
    ("We can do £4,200 from 21/12. The room isn't free until the 19th.", date(2026, 12, 21)),
    # the home's own limit, or a condition or a cost in the reason, is still a term
    ("We can do £4,200 from 21/12 – we can't take her full time until 4/1.", None),
    ("We can do £4,200 from 21/12 because it is subject to panel.", None),
    ("We can do £4,200 from 21/12 as long as she attends our school.", None),
    # round 61 k02/n06/n11: a figure put forward by the words after it, then its start
    ("£4,600 is our floor, from 04/01/2027.", date(2027, 1, 4)),
    ("£4,700 is our floor, and from 04/01/2027 – we can't staff it before then.",
     date(2027, 1, 4)),
    ("4.6k and we have a deal, from 04/01/2027.", date(2027, 1, 4)),
    ("£4,600 is our floor, from 14/12 as planned.", None),
    ("£4,600 is our floor, from 21/12 plus £50 a week mileage.", None),
])
def test_the_new_start_a_counter_puts_forward(text: str, start: date | None) -> None:
    assert counter_start(text, OFFERED) == start


def test_her_proposal_of_the_counters_fee_agreed_starts_on_the_counters_start() -> None:
    held = _reply(_negotiating(), "We can do £4,500 from 21/12.", 1)
    assert held.rule == "chosen-reply-unread"
    assert [c.data for c in held.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-held"] == [{
                "establishment": "kestrel-house", "negotiation": 1, "fee": "4500.00",
                "start": "2026-12-21", "round": 1}]
    warned = _text(held, "social_worker/chosen_reply_unread", SW)
    assert warned.startswith("REF-2026-000001: Kestrel House asks £4,500 a week from Monday "
                             "21 December 2026 ")
    assert "asks for £4,500 a week from Monday 21 December 2026, not Monday 14 December 2026 " \
           "as its offer said" in warned
    assert "reply with just this line: PROPOSE £4,500 per week" in warned
    assert "the child is placed from Monday 21 December 2026" in warned
    assert "as its offer said. Its offer was £4,800 a week. In its words" in warned
    assert "AGREE won't accept this, because the start changed. To accept £4,500 a week " \
           "from Monday 21 December 2026, reply with just this line" in warned
    assert "AGREE will not work until then" not in warned
    assert "If Kestrel House no longer offers, CHOOSE another home on the shortlist" in warned
    assert "fee round" not in warned and "terms on record" not in warned
    home = _text(held, "provider/fee_unclear")
    assert "propose £4,500 to you from Monday 21 December 2026" in home

    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    to_home = _text(proposed, "provider/fee_proposal")
    assert "£4,500 for Kestrel House, from Monday 21 December 2026, the start you put " \
           "forward" in to_home
    assert "from Monday 21 December 2026" in _text(proposed, "social_worker/fee_proposed", SW)

    agreed = _reply(proposed.snapshot, "Agreed", 2)
    assert agreed.rule == "fee-agreed"
    assert _ipa_start(agreed) == "2026-12-21"
    [placed] = [c.data for c in agreed.commands if isinstance(c, RecordEvent)
                and c.kind == "placed"]
    assert (placed["start_date"], placed["start_agreed"], placed["start_on_record"]) == (
        "2026-12-21", "counter", "2026-12-14")
    told = _text(agreed, "social_worker/placed", SW)
    assert "Start date: Monday 21 December 2026 (the start Kestrel House put forward with " \
           "this fee; its offer said Monday 14 December 2026)" in told


def test_a_counter_with_the_reason_for_its_start_is_held_with_that_start() -> None:
    """ux48 W5: "We can do £4,200 from 21/12 – our current young person doesn't move on until
    the 18th." was passed on with no start held (the reason's "until" read as a condition),
    while "We can do £4,200 from 21/12." was held with the 21st."""
    held = _reply(_negotiating(), "We can do £4,200 from 21/12 – our current young person "
                  "doesn't move on until the 18th.\n\nPat Greaves\nReferrals Coordinator", 1)
    assert held.rule == "chosen-reply-unread"
    assert [c.data["start"] for c in held.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-held"] == ["2026-12-21"]
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4200")))
    agreed = _reply(proposed.snapshot, "Agreed", 2)
    assert agreed.rule == "fee-agreed" and _ipa_start(agreed) == "2026-12-21"


def test_a_figure_first_counter_with_a_start_is_held_and_agreed_with_that_start() -> None:
    """Round 61 k02: "£4,600 is our floor, from 04/01/2027." was held with no start, so her
    PROPOSE £4,600 and the home's "Agreed." placed the child from the 14th, a day the home
    said it could not take her."""
    held = _reply(_negotiating(), "£4,600 is our floor, from 04/01/2027.", 1)
    assert held.rule == "chosen-reply-unread"
    assert [c.data["start"] for c in held.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-held"] == ["2027-01-04"]
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    assert "from Monday 4 January 2027, the start you put forward" in _text(
        proposed, "provider/fee_proposal")
    agreed = _reply(proposed.snapshot, "Agreed.", 2)
    assert agreed.rule == "fee-agreed" and _ipa_start(agreed) == "2027-01-04"


def test_her_agree_to_the_homes_fee_after_the_counter_starts_on_its_start() -> None:
    proposed = replace(_negotiating(), fee_rounds=((1, "provider", "4800.00"),
                                                   (2, "authority", "4300.00")))
    held = _reply(proposed, "We can do £4,500 from 21/12.", 1)
    restated = _reply(held.snapshot, "Weekly fee: £4,500", 2,  # the fee alone: a round
                      {"weekly_fee": "£4,500"})
    assert restated.rule == "fee-proposed-by-provider"
    agreed = decide(restated.snapshot, FeeAgreed(actor=actor(SW)))
    assert agreed.rule == "fee-agreed" and _ipa_start(agreed) == "2026-12-21"


@pytest.mark.parametrize(("fee", "answer"), [
    ("4400", "Agreed"),  # another fee: the start on record stands
    ("4500", "£4,500 agreed, from 14/12 as planned."),  # the home keeps its start
])
def test_another_fee_or_the_start_said_as_it_stands_keeps_the_start_on_record(
        fee: str, answer: str) -> None:
    held = _reply(_negotiating(), "We can do £4,500 from 21/12.", 1)
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal(fee)))
    assert ("put forward" in _text(proposed, "provider/fee_proposal")) == (fee == "4500")
    agreed = _reply(proposed.snapshot, answer, 2)
    assert agreed.rule == "fee-agreed" and _ipa_start(agreed) == "2026-12-14"
    assert "put forward" not in _text(agreed, "social_worker/placed", SW)


def test_a_start_held_with_a_cost_as_well_is_not_carried() -> None:
    held = _reply(_negotiating(), "We can do £4,500 from 21/12 plus £50 a week mileage.", 1)
    assert held.rule == "chosen-reply-unread"
    assert not [c for c in held.commands if isinstance(c, RecordEvent)
                and c.kind == "counter-start-held" and c.data["start"]]  # none to carry
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    # rule `start-in-doubt`: she is told the 14th stands although the home said the 21st
    assert "the placement agreement still starts on Monday 14 December 2026" in _text(
        proposed, "social_worker/fee_proposed", SW)
    assert _ipa_start(_reply(proposed.snapshot, "Agreed", 2)) == "2026-12-14"


def test_a_counter_start_from_an_earlier_negotiation_is_not_carried() -> None:
    held = _reply(_negotiating(), "We can do £4,500 from 21/12.", 1)
    later = replace(held.snapshot, negotiation=2)
    proposed = decide(later, FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    assert _ipa_start(_reply(proposed.snapshot, "Agreed", 2)) == "2026-12-14"


def _placed(decision) -> bool:  # type: ignore[no-untyped-def]
    return any(isinstance(c, IssueDocument) for c in decision.commands)


def test_the_homes_agreed_after_its_own_counter_to_her_proposal_is_held() -> None:
    """She proposes £4,500, saying nothing of the start (14/12 stands); the home answers
    with £4,500 from 04/01, then "Agreed": nothing is placed. It cannot agree to its own
    later start; she answers the counter, and only her proposal that says the 4th, agreed,
    puts the 4th on the agreement."""
    proposed = decide(_negotiating(), FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    held = _reply(proposed.snapshot, "We can do £4,500 but only from 04/01/2027 now.", 1)
    assert held.rule == "chosen-reply-unread"
    agreed = _reply(held.snapshot, "Agreed, thank you.", 2)
    assert agreed.rule == "chosen-reply-unread" and not _placed(agreed)
    told = _text(agreed, "social_worker/chosen_reply_unread", SW)
    assert 'replied "Agreed", but after your latest proposal it asked for £4,500 a week from ' \
           "Monday 4 January 2027, not Monday 14 December 2026 as its offer said" in told
    assert "reply with just this line: PROPOSE £4,500 per week" in told
    assert not decide(agreed.snapshot, FeeAgreed(actor=actor(SW))).answer.accepted

    again = decide(agreed.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    assert again.rule == "fee-proposed-by-authority"  # not "already proposed": a new round
    assert "from Monday 4 January 2027, the start you put forward" in _text(
        again, "provider/fee_proposal")
    reply = Reply(KESTREL, "RE: Kestrel House | REF-2026-000001", "<c3@kestrel.example>", {},
                  "Agreed", date(2026, 12, 7))
    signed = decide(again.snapshot, ReplyReceived(  # in reply to that proposal's email
        actor=actor(KESTREL), key="cs-3", establishment="kestrel-house", reply=reply,
        answers="REF-2026-000001:fee-3:kestrel-house"))
    assert signed.rule == "fee-agreed" and _ipa_start(signed) == "2027-01-04"


def test_a_later_counter_never_replaces_the_start_her_proposal_showed() -> None:
    """Her proposal told her and the home "from 21/12"; the home's second counter at the
    same fee, from 04/01, then its "Agreed": held, and nothing places the child from the
    4th (nor from a start she was not shown)."""
    held = _reply(_negotiating(), "We can do £4,500 from 21/12.", 1)
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4500")))
    assert [c.data for c in proposed.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-proposed"] == [{
                "establishment": "kestrel-house", "negotiation": 1, "round": 2,
                "fee": "4500.00", "start": "2026-12-21"}]
    again = _reply(proposed.snapshot, "We can do £4,500 but only from 04/01/2027 now.", 2)
    assert again.rule == "chosen-reply-unread"
    agreed = _reply(again.snapshot, "Agreed", 3)
    assert agreed.rule == "chosen-reply-unread" and not _placed(agreed)


def _rounds(counter: dict[str, object]):  # type: ignore[no-untyped-def]
    return replace(_negotiating(), fee_rounds=((1, "provider", "4800.00"),
                                               (2, "authority", "4500.00")),
                   counter_start=counter)


HELD_AFTER = {"establishment": "kestrel-house", "negotiation": 1, "fee": "4500.00",
              "start": "2027-01-04", "round": 2}  # held after her proposal, round 2
SHOWN = {"establishment": "kestrel-house", "negotiation": 1, "round": 2, "fee": "4500.00",
         "start": "2026-12-21"}  # what her proposal, round 2, said


@pytest.mark.parametrize(("counter", "start"), [
    (HELD_AFTER, ""),  # a counter she never proposed: the start on record
    (HELD_AFTER | {"proposed": SHOWN}, "2026-12-21"),  # the start her proposal showed
    (HELD_AFTER | {"proposed": SHOWN | {"round": 1}}, ""),  # an earlier proposal's
    (HELD_AFTER | {"proposed": SHOWN | {"fee": "4400.00"}}, ""),  # another fee's
    ({"proposed": SHOWN}, "2026-12-21"),
])
def test_the_home_agreeing_her_proposal_carries_only_the_start_it_said(
        counter: dict[str, object], start: str) -> None:
    assert agreed_start(_rounds(counter), Decimal("4500")) == start


def test_a_counter_held_before_her_proposal_is_answered_by_it() -> None:
    assert since_her_proposal(_rounds(HELD_AFTER))["start"] == "2027-01-04"
    assert since_her_proposal(_rounds(HELD_AFTER | {"round": 1})) == {}
    assert since_her_proposal(_rounds(HELD_AFTER | {"negotiation": 2})) == {}


def test_her_agree_to_a_counter_held_for_its_start_says_the_line_that_accepts_it() -> None:
    """ux49s W1: she proposed £4,700; the home asked £4,850 from the 21st (its offer said the
    14th); her AGREE was answered "There is no proposal from the other side to agree to",
    which contradicts the email it answers. It is still refused (an AGREE would place the
    child from a start she was not shown), with the one line that accepts the fee and its
    start; her PROPOSE of it then goes out from that start."""
    proposed = decide(_negotiating(), FeeProposed(actor=actor(SW), fee=Decimal("4700")))
    held = _reply(proposed.snapshot, "We can do £4,850 from 21/12/2026 – our current young "
                  "person doesn't move on until the 18th.", 1)
    warned = _text(held, "social_worker/chosen_reply_unread", SW)  # ux49s U9
    assert "You proposed £4,700 a week; its offer was £4,800." in warned
    assert "AGREE won't accept this, because the start changed" in warned
    team = _text(held, "social_worker/chosen_reply_unread", "placements@northby.gov.example")
    assert "The social worker proposed £4,700 a week; its offer was £4,800." in team
    agree = decide(held.snapshot, FeeAgreed(actor=actor(SW), key="agree-1"))
    assert agree.rule == "counter-start-by-proposal" and not _placed(agree)
    said = " ".join(agree.answer.message.split())
    assert said == ("AGREE can't accept Kestrel House's £4,850 on its own because it comes "
                    "with a later start (Monday 21 December, not Monday 14 December). Nothing "
                    "has been agreed. To accept the fee and that start, reply with just: "
                    "PROPOSE £4,850 per week")
    assert "PROPOSE £4,850 per week" in _text(agree, "social_worker/instruction_refused", SW)
    accepted = decide(agree.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4850")))
    assert accepted.rule == "fee-proposed-by-authority"
    assert "from Monday 21 December 2026" in _text(accepted, "social_worker/fee_proposed", SW)


def test_an_agree_after_the_home_restated_a_held_counters_fee_is_not_held_by_it() -> None:
    """The counter is no longer the latest word once a fee round follows it: her AGREE to
    the home's fee alone is read as before (`awaiting_her` is empty)."""
    assert awaiting_her(_rounds(HELD_AFTER))["start"] == "2027-01-04"
    assert awaiting_her(_rounds(HELD_AFTER | {"round": 1})) == {}
    assert awaiting_her(_rounds(HELD_AFTER | {"negotiation": 2})) == {}
