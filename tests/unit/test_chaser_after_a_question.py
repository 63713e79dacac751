"""Rule `chaser-says-what-we-have` (workflows/window.py): a home chased after a reply that
gave no decision (a question alone) is told we have its reply, of the day it wrote it, but
not yet its decision, never "We have not yet had your response" (ux49 W2)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.provider_mail import rendered
from tests.snapshots import snapshot
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

ASKED = ResponseRecord("larch-house", "", {}, {"decision": None}, ("decision",),
                       sent_at=datetime(2026, 11, 23, 10, 30, tzinfo=UTC))


def _chasers(responses: dict[str, ResponseRecord]) -> dict[str, str]:
    decision = decide(snapshot(State.OPEN, responses=responses), DeadlineDue(
        actor=SERVICE, key="k", kind=DeadlineKind.CHASE, wave=1, seq=1))
    return {c.establishment: " ".join(rendered(c).get_body(("plain",)).get_content().split())
            for c in decision.commands if isinstance(c, SendEmail)}


def test_a_home_that_asked_is_told_we_have_its_reply_but_not_its_decision() -> None:
    sent = _chasers({"larch-house": ASKED})
    assert "We have your reply of Monday 23 November 2026 to referral REF-2026-000001" \
        in sent["larch-house"]
    assert "but not yet your decision" in sent["larch-house"]
    assert "We have not yet had your response" not in sent["larch-house"]
    # a home that has not replied at all is still told so
    assert "We have not yet had your response to referral REF-2026-000001" \
        in sent["kestrel-house"]


def test_a_reply_without_its_date_is_still_acknowledged_in_the_chaser() -> None:
    sent = _chasers({"larch-house": ResponseRecord("larch-house", "", {}, {}, ("decision",))})
    assert "We have your reply to referral REF-2026-000001" in sent["larch-house"]
