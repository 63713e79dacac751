"""An emergency at night reaches people who can act, and the day team picks it up (ux50 EDT
cases): an emergency's approval is flagged EMERGENCY, notifies the Slack channel and reminds
those yet to decide at a quarter of its time, and the social worker is told nothing goes to
a home until the commissioners, named, approve."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from channels.slack.blocks import shortlist_approval
from tests.provider_mail import emails_of, rendered
from tests.snapshots import PROFILE, actor, snapshot, world
from workflows.commands import PostSlack, SetDeadline
from workflows.events import DeadlineKind, Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

IN_SLACK = world(slack_channel="C-APPROVALS")
VIEWS = {"parents": "Mum agrees.", "child": "Wants somewhere quiet."}


def _emergency(**changes):  # type: ignore[no-untyped-def]
    base = snapshot(State.CLOSED, **changes)
    return replace(base, referral=replace(
        base.referral, urgency="emergency",
        anonymised={"profile": {**PROFILE, "urgency": "emergency"}, "text": {}}))


def _shortlist(snap):  # type: ignore[no-untyped-def]
    return decide(snap, Shortlisted(actor=actor(), key="k", labels=("A",), views=VIEWS))


def _reminder_at(decision) -> timedelta:  # type: ignore[no-untyped-def]
    [due] = [c for c in decision.commands if isinstance(c, SetDeadline)
             and c.kind == DeadlineKind.APPROVAL_REMINDER]
    return due.due_at - decision.snapshot.world.now


def test_an_emergencys_approvers_are_reminded_at_a_quarter_of_the_time_others_at_three() -> None:
    ttl = snapshot().world.approval_ttl
    assert _reminder_at(_shortlist(_emergency())) == ttl / 4
    assert _reminder_at(_shortlist(snapshot(State.CLOSED))) == ttl * 3 / 4


def test_an_emergencys_slack_request_says_emergency_and_notifies_the_channel() -> None:
    [post] = [c for c in _shortlist(_emergency(world=IN_SLACK)).commands
              if isinstance(c, PostSlack) and c.template == "shortlist_approval"]
    message = shortlist_approval(post.context)
    assert message["blocks"][0]["text"]["text"].startswith("EMERGENCY")
    assert message["text"].startswith("<!here> EMERGENCY")
    assert "<!here>" in message["blocks"][1]["text"]["text"]
    # once decided, the updated message notifies nobody again
    decided = shortlist_approval({**post.context, "status": "approved"})
    assert "<!here>" not in str(decided)


def test_a_planned_slack_request_notifies_nobody() -> None:
    [post] = [c for c in _shortlist(snapshot(State.CLOSED, world=IN_SLACK)).commands
              if isinstance(c, PostSlack) and c.template == "shortlist_approval"]
    message = shortlist_approval(post.context)
    assert "<!here>" not in str(message)
    assert "EMERGENCY" not in str(message)


def test_an_emergencys_email_request_says_emergency_in_its_subject() -> None:
    [request, *_] = emails_of(_shortlist(_emergency()), "commissioner/approval_request")
    assert str(rendered(request)["Subject"]).startswith("EMERGENCY REF-2026-000001:")
    [planned, *_] = emails_of(_shortlist(snapshot(State.CLOSED)),
                              "commissioner/approval_request")
    assert "EMERGENCY" not in str(rendered(planned)["Subject"])


def test_the_social_worker_is_told_nothing_goes_until_the_named_commissioners_approve() -> None:
    [told] = emails_of(_shortlist(_emergency(world=IN_SLACK)),
                       "social_worker/shortlist_recorded")
    text = rendered(told).get_content()
    assert "nothing goes to any home" in text
    assert "Alex Morgan, Ruth Adeyemi and Nadia Brennan" in text
    assert "Slack channel" in text
    [planned] = emails_of(_shortlist(snapshot(State.CLOSED)), "social_worker/shortlist_recorded")
    assert "nothing goes to any home" not in rendered(planned).get_content()
