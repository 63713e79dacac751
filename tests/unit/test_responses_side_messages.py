"""A read receipt, a recall or a calendar response on a referral's thread is kept, never
answered with a question about the decision (round 40's side-messages)."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.side_messages import is_a_side_message
from tests.growth import LINEAR, growth, repeated
from tests.snapshots import LARCH, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State


def _reply(subject: str, text: str) -> ReplyReceived:
    reply = Reply(sender=LARCH, subject=subject, message_id="<side@larchcare.example>",
                  fields={}, body_text=text, sent_on=date(2026, 11, 23))
    return ReplyReceived(actor=actor(LARCH), key="in:1", establishment="larch-house",
                         reply=reply)


@pytest.mark.parametrize(("subject", "text"), [
    ("Read: Referral REF-2026-000123", "Your message was read on 1 December 2026 10:40."),
    ("Recall: RE: Referral REF-2026-000123",
     "Dana Whitlock would like to recall the message, \"RE: Referral REF-2026-000123\"."),
    ("Accepted: Pre-placement visit - REF-2026-000123", "See you then."),
    ("Declined: Matching meeting - REF-2026-000123",
     "Clashes with our panel \u2013 Friday instead?"),
    ("Tentative: Pre-placement visit", "Will confirm once I've checked the rota."),
])
def test_a_side_message_is_kept_and_never_answered(subject: str, text: str) -> None:
    decision = decide(snapshot(State.OPEN), _reply(subject, text))
    assert decision.answer.outcome == "reply-side-message"
    assert not [c for c in decision.commands if isinstance(c, SendEmail)]
    assert decision.snapshot.responses == {}


def test_a_reply_titled_declined_that_declines_is_read() -> None:
    decision = decide(snapshot(State.OPEN), _reply("Declined: Referral REF-2026-000123",
                                                    "Sorry, we have no vacancy."))
    assert decision.answer.outcome != "reply-side-message"


def test_a_plain_reply_without_a_decision_is_still_asked() -> None:
    decision = decide(snapshot(State.OPEN), _reply("RE: Referral REF-2026-000123",
                                                    "Thanks, we'll look at this today."))
    assert decision.answer.outcome == "response-incomplete"


@pytest.mark.parametrize("unit", ["fw: ", "  ", "you have 1 new ", "would like to "])
def test_a_side_message_is_told_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: is_a_side_message(text, text), 20_000,
                  repeats=3) < LINEAR
