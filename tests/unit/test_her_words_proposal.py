"""Rule `her-words-meant` while the fee is negotiated (workflows/intake.py `_already_sent`):
an amount in her plain words ("Sorry, typo! I meant £4,400.") is answered with the PROPOSE
to send, the chosen home nothing was sent to, and whether an earlier proposal put to her to
confirm still waits for her Yes (ux47s #79, #85), rendered from real decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FormMessage, FormReceived
from workflows.lifecycle import decide
from workflows.snapshot import Snapshot
from workflows.states import State


def _answer(before: Snapshot, text: str) -> str:
    form = FormMessage(SW, "RE: REF-2026-000001", "<typo@northby.gov.example>", {}, text=text)
    decision = decide(before, FormReceived(actor=actor(SW), key="k", form=form))
    [command] = [c for c in decision.commands if isinstance(c, SendEmail)
                 and c.template == "social_worker/already_sent"]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    raw = renderer.render(command, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
    message = message_from_bytes(raw, policy=policy.default)
    return " ".join(message.get_body(("plain",)).get_content().split())


def _asked(fee: str, rounds: int) -> Snapshot:
    """Negotiating with Kestrel House; PROPOSE `fee` put to her to confirm after `rounds`."""
    before = snapshot(State.NEGOTIATING)
    return replace(before, proposal_asked={
        "weekly_fee": fee, "message_id": "<p@northby.gov.example>",
        "establishment": "kestrel-house", "home": "Kestrel House",
        "negotiation": before.negotiation, "rounds": rounds})


def test_a_typo_corrected_in_words_is_answered_with_the_proposal_and_the_one_waiting() -> None:
    body = _answer(_asked("44000.00", 1), "Sorry, typo! I meant £4,400.")
    assert "Nothing was sent to Kestrel House" in body
    assert "If you meant to propose £4,400 a week, reply to this email with just this line: " \
        "PROPOSE £4,400" in body
    assert "Your earlier proposal of £44,000 a week has not been sent either: it is still " \
        "waiting for your Yes" in body
    assert "If something in the referral is wrong" not in body


def test_an_amount_agreed_in_words_says_no_earlier_proposal_waits() -> None:
    # the £44,000 asked about was overtaken by a fee round since (the home's £4,500)
    before = replace(_asked("44000.00", 1), fee_rounds=(
        (1, "provider", "4800.00"), (2, "authority", "4400.00"), (3, "provider", "4500.00")))
    body = _answer(before, "That's fine - £4,500 from the 21st works for us")
    assert "PROPOSE £4,500" in body and "Nothing was sent to Kestrel House" in body
    assert "No earlier proposal of yours is waiting for your Yes" in body
    assert "earlier proposal of £44,000" not in body
