"""A counter in the fee negotiation that changes another term with its fee ("We can do £4,500
but only from 04/01/2027 now", round 58 n06) is held and passed on, never a fee round: the
home is told its counter went to the social worker because it changes that term, not that
its reply could not be read; the social worker is told the figure, the term, and why an
AGREE waits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from broker.forms.counter_fee import CONDITION, COST, START, counter_fee, counter_on_other_terms
from tests.provider_mail import emails_of, rendered
from tests.snapshots import KESTREL, SW, actor, snapshot
from workflows.commands import RecordFeeRound
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

PROPOSED = ((1, "provider", "4900.00"), (2, "authority", "4500.00"))
UNREADABLE = "We could not tell from your reply"


@pytest.mark.parametrize(("text", "term"), [
    ("We can do £4,500 but only from 04/01/2027 now.", START),
    ("We can do £4,500. The start would need to be 4 January though.", START),
    ("We could do £4,700 plus £300 a week for transport.", COST),
    ("We could do £4,700 if she attends our school.", CONDITION),
])
def test_the_figure_and_the_term_it_changes(text: str, term: str) -> None:
    held = counter_on_other_terms(text)
    assert held is not None and held[1] == term
    assert held[0] in (Decimal("4500"), Decimal("4700"))


@pytest.mark.parametrize("text", [
    "We could come down to £4,750 pw if that helps",  # a plain counter: a fee round
    "Thanks, our manager will come back to you on this next week.",
    "We can't do £4,500, sorry.",
])
def test_no_counter_on_other_terms(text: str) -> None:
    assert counter_on_other_terms(text) is None


def _decided(body: str):  # type: ignore[no-untyped-def]
    reply = Reply(KESTREL, "RE: Kestrel House | REF-2026-000001",
                  f"<{abs(hash(body))}@example.org>", {}, body, date(2026, 12, 7))
    event = ReplyReceived(actor=actor(KESTREL), key=f"k-{abs(hash(body))}",
                          establishment="kestrel-house", reply=reply)
    return decide(replace(snapshot(State.NEGOTIATING), fee_rounds=PROPOSED), event)


def _text(result, template: str, to: str | None = None) -> str:  # type: ignore[no-untyped-def]
    [mail] = [m for m in emails_of(result, template) if to is None or m.to == to]
    message = rendered(mail)
    return " ".join(f"{message['Subject']} {message.get_content()}".split())


def test_the_home_is_told_its_counter_was_passed_on_for_the_start_not_unreadable() -> None:
    result = _decided("We can do £4,500 but only from 04/01/2027 now.")
    assert result.rule == "chosen-reply-unread"  # held: nothing agreed, no fee round
    assert not [c for c in result.commands
                if isinstance(c, RecordFeeRound) and c.by == "provider"]
    home = _text(result, "provider/fee_unclear")
    assert UNREADABLE not in home and "could not read" not in home
    assert "£4,500" in home and "a different start" in home
    assert "passed to the social worker" in home
    told = _text(result, "social_worker/chosen_reply_unread", SW)
    assert "puts forward a fee of £4,500 a week with a different start" in told
    assert "because it changes the start" in told
    assert "could be read neither" not in told


def test_an_unreadable_reply_is_still_asked_as_before() -> None:
    result = _decided("Thanks, our manager will come back to you on this next week.")
    home = _text(result, "provider/fee_unclear")
    assert UNREADABLE in home and "could not read your answer on the fee" in home
    told = _text(result, "social_worker/chosen_reply_unread", SW)
    assert "could be read neither as an answer on the fee nor as a decision" in told


OFFERED = date(2026, 12, 14)


@pytest.mark.parametrize(("text", "held"), [
    # r59 n06: the start said as it stands changes nothing
    ("We can do £4,500 from 14/12 as planned.", None),
    ("We can do £4,500 from the 14th December.", None),  # the day offered
    ("We can do £4,500 from 21/12.", (Decimal("4500"), START)),
    ("We can do £4,500 from 14/12 as planned, plus £50 a week mileage.",
     (Decimal("4500"), COST)),
    # r59 n11: a fee for a while is a condition on it
    ("Can do £4,500 for now – we'll review the fee at the 12-week LAC review.",
     (Decimal("4500"), CONDITION)),
    ("We could do £4,600 initially.", (Decimal("4600"), CONDITION)),
    # ux48 W5: the reason for the start is no condition, its "until" notwithstanding
    ("We can do £4,500 from 14/12 as planned – our current young person doesn't move on "
     "until the 12th.", None),
    ("We can do £4,500 from 21/12 – our current young person doesn't move on until the 18th.",
     (Decimal("4500"), START)),
    # r62 k01: "not until" a day is the home's start, not a condition on the fee
    ("We can do £4,500 – not until 21/12 though.", (Decimal("4500"), START)),
])
def test_the_start_as_it_stands_is_no_term_and_a_fee_for_now_is_a_condition(
        text: str, held: tuple[Decimal, str] | None) -> None:
    assert counter_on_other_terms(text, OFFERED) == held


def test_our_best_is_a_counter() -> None:  # r59 n04
    assert counter_fee("Not this one – we can't go down to £4,500. Our best is £4,700.") == (
        Decimal("4700"))


def _placed(result) -> bool:  # type: ignore[no-untyped-def]
    return result.rule == "fee-agreed" or any(
        isinstance(c, RecordFeeRound) and c.by == "agreed" for c in result.commands)


@pytest.mark.parametrize("text", [
    "£4,500 agreed, start as planned 14/12.",  # r59 n01
    "Agreed at £4,500 from 14/12/2026 as per our offer.",  # n02
    "We can do £4,500 from 14/12 as planned.",  # n06: our own figure, on the terms offered
    "Fine, £4,500 it is. Please send the IPA.",  # n08
    "Please ignore my last email – having spoken to finance we can accept £4,500. Agreed.",
])
def test_words_agreeing_the_proposed_figure_agree_it(text: str) -> None:
    result = _decided(text)
    assert result.rule != "chosen-reply-unread", result.rule
    assert _placed(result), (result.rule, result.commands)


@pytest.mark.parametrize("text", [
    "£4,500 agreed, but only from 04/01/2027.",  # another start
    "£4,500 agreed subject to our panel.",  # a condition
    "We can't accept £4,500.",  # a no
    "Is £4,500 agreed?",  # a question
    "£4,500 agreed for 4 weeks, then £4,900.",  # another figure
    "Can do £4,500 for now – we'll review the fee at the 12-week LAC review.",  # r59 n11
])
def test_agreeing_words_with_another_term_or_a_no_agree_nothing(text: str) -> None:
    result = _decided(text)
    assert not _placed(result)
    assert not [c for c in result.commands
                if isinstance(c, RecordFeeRound) and c.by == "provider"]
    told = _text(result, "social_worker/chosen_reply_unread", SW)
    assert ("review" in told) if "review" in text else True


@pytest.mark.parametrize(("text", "fee"), [
    ("Our fee is £4,750.", "£4,750"),
    ("Hi, I've checked with the owner: their fee is £4,800 pw.", "£4,800"),
    ("Thanks – the fee is £4,700 a week.", "£4,700"),
])
def test_a_fee_stated_plainly_to_our_proposal_is_a_counter_she_is_shown(text: str,
                                                                        fee: str) -> None:
    result = _decided(text)
    assert result.rule == "fee-proposed-by-provider"
    assert not _placed(result)
    [round_] = [c for c in result.commands if isinstance(c, RecordFeeRound)]
    assert (round_.by, f"£{Decimal(round_.weekly_fee):,.0f}") == ("provider", fee)
    told = _text(result, "social_worker/fee_counter", SW)
    assert f"has proposed a weekly fee of {fee}" in told and "Reply AGREE" in told


def test_our_own_figure_stated_as_the_fee_agrees_it() -> None:
    assert _placed(_decided("The fee is £4,500 from 14/12 as planned."))


def test_a_fee_stated_with_a_new_start_is_held_for_her() -> None:
    result = _decided("Their fee is £4,800 from 21/12.")
    assert result.rule == "chosen-reply-unread" and not _placed(result)
    told = _text(result, "social_worker/chosen_reply_unread", SW)
    assert "puts forward a fee of £4,800 a week with a different start" in told
