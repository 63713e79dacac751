"""The placements team's reminder that a referral is still held (round R25 U26): it was built
without the held email's `changed` list, which its template reads, so every reminder, of a
duplicate or of an unproved referral alike, was dead-lettered by the renderer's strict
undefined and the team never reminded. Rendered here through the real templates."""

from __future__ import annotations

from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, TEAM, snapshot
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind
from workflows.lifecycle import decide
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")


def test_a_held_referrals_reminder_reaches_the_team_and_renders() -> None:
    decision = decide(snapshot(State.HELD), DeadlineDue(
        actor=SERVICE, key="review", kind=DeadlineKind.REVIEW_EXPIRY))
    [email] = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert email.to == TEAM and email.context["reminder"] is True
    message = message_from_bytes(RENDERER.render(email, NOW).raw, policy=policy.default)
    text = " ".join(str(message.get_body(("plain",)).get_content()).split())
    assert "REF-2026-000001" in str(message["Subject"]) + text
    assert "changed what earlier messages gave" not in text  # told when it was held
