"""Rule `fee-counter-received` (ux48 U11): the chosen home's counter ("£4,250 is our floor")
reached the social worker, and the home heard nothing, so it could not tell its fee had
counted or that nothing was agreed yet. It is now acknowledged, once for each new fee; never
to automatic mail, and within the day's answers to the home's replies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from email import message_from_bytes, policy

import pytest

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import KESTREL, NOW, SW, actor, snapshot
from workflows.answer_limits import REPLY_ANSWERS_TO_THE_HOME
from workflows.commands import SendEmail
from workflows.events import FeeProposed, Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
PROPOSAL_SUBJECT = ("Re: Northby, for Kestrel House | the authority proposes £4,000 a week | "
                    "REF-2026-000001")
RECEIVED = "provider/fee_counter_received"


def _reply(body: str, auto: bool = False, n: int = 1) -> ReplyReceived:
    reply = Reply(KESTREL, PROPOSAL_SUBJECT, f"<fc{n}@kestrel.example>", {}, body,
                  date(2026, 12, 7), auto)
    return ReplyReceived(actor=actor(KESTREL), key=f"fc-{n}", establishment="kestrel-house",
                         reply=reply)


def _proposed():  # type: ignore[no-untyped-def]
    return decide(snapshot(State.NEGOTIATING),
                  FeeProposed(actor=actor(SW), fee=Decimal("4000"))).snapshot


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


@pytest.mark.parametrize("body", [
    "Thanks for this. £4,250 is our floor.\n\nPat Greaves\nReferrals Coordinator",
    "We could do £4,250 pw.",
])
def test_the_homes_counter_is_acknowledged(body: str) -> None:
    result = decide(_proposed(), _reply(body))
    assert result.rule == "fee-proposed-by-provider"
    assert [e.to for e in _sent(result, "social_worker/fee_counter")] == [SW]
    [ack] = _sent(result, RECEIVED)
    assert ack.to == KESTREL and ack.in_reply_to == "<fc1@kestrel.example>"
    message = message_from_bytes(RENDERER.render(ack, NOW).raw, policy=policy.default)
    assert str(message["Subject"]).startswith(
        "Northby, for Kestrel House | your fee of £4,250 a week received | REF-2026-000001")
    assert message["Auto-Submitted"] == "auto-generated"  # no auto-reply loop with a ticketing
    text = " ".join(str(message.get_body(("plain",)).get_content()).split())
    assert text == ("Thank you. We have your fee of £4,250 a week for Kestrel House and have "
                    "passed it to the social worker, who will agree it or propose another. "
                    "Nothing is agreed until then.")


def test_automatic_mail_and_the_same_fee_again_are_not_acknowledged() -> None:
    assert not _sent(decide(_proposed(), _reply("£4,250 is our floor.", auto=True)), RECEIVED)
    first = decide(_proposed(), _reply("£4,250 is our floor."))
    again = decide(first.snapshot, _reply("£4,250 is our floor.", n=2))  # a ticketing repeat
    assert again.rule == "fee-already-proposed" and not _sent(again, RECEIVED)


def test_the_acknowledgement_counts_with_the_days_answers_to_the_home() -> None:
    assert RECEIVED in REPLY_ANSWERS_TO_THE_HOME


def test_her_proposal_is_not_acknowledged_to_the_home_as_its_counter() -> None:
    result = decide(snapshot(State.NEGOTIATING),
                    FeeProposed(actor=actor(SW), fee=Decimal("4000")))
    assert not _sent(result, RECEIVED)

