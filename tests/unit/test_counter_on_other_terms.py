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

from broker.forms.counter_fee import CONDITION, COST, START, counter_on_other_terms
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
