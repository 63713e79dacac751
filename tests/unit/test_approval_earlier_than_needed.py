"""The commissioners' approval request flags a start before the day the place is needed from
"earlier than needed", on the same line where it flags a late one and by the same rule as the
comparison (workflows/needed.py `earlier_than_needed`): fees may run from a day the child
cannot move in yet, or the home misread the date. Before, the comparison flagged it and the
approval request, the one the commissioners decide on, said nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from channels.email.render import TEMPLATES, EmailRenderer
from channels.slack.blocks import render as render_slack
from tests.snapshots import OPTIONS, PROFILE, SW, actor, snapshot, world
from workflows.commands import PostSlack, SendEmail
from workflows.events import Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

VIEWS = {"parents": "Mum wants somewhere close.", "child": "", "child_reason": "too unwell"}


def _start_line(available: str | None, slack: bool = False, **profile: str) -> str:
    """Option A's start line in the approval request, today being 25 November 2026."""
    closed = snapshot(State.CLOSED)
    rows = ({**OPTIONS[0], "available_from": available}, *OPTIONS[1:])
    referral = replace(
        closed.referral, comparison=rows, anonymised={"profile": {**PROFILE, **profile}, "text": {}}
    )
    closed = replace(closed, referral=referral)
    if slack:
        closed = replace(closed, world=world(slack_channel="C-APPROVALS"))
    decision = decide(closed, Shortlisted(actor=actor(SW), key="k", labels=("A", "B"), views=VIEWS))
    kind = PostSlack if slack else SendEmail
    [asked, *_] = [
        c
        for c in decision.commands
        if isinstance(c, kind)
        and c.template in ("commissioner/approval_request", "shortlist_approval")
    ]
    return next(o for o in asked.context["options"] if o["label"] == "A")["costs"][-1]


@pytest.mark.parametrize(
    ("available", "profile", "line"),
    [
        # needed from 1 December, still to come: a start before it is early
        (
            "2026-11-27",
            {},
            "⚠️ Available from: 27 November (needed from 1 December): earlier than needed; "
            "check fees start only when the child moves in",
        ),
        (
            "2026-11-30",
            {},
            "⚠️ Available from: 30 November (needed from 1 December): earlier than needed; "
            "check fees start only when the child moves in",
        ),
        ("2026-12-01", {}, "Available from: 1 December (needed from 1 December)"),
        (
            "2026-12-05",
            {},
            "⚠️ Available from: 5 December (needed from 1 December): later than needed",
        ),
        (None, {}, "Available from: not given (needed from 1 December)"),
        # the day asked for has passed: the place is needed now, and no start is too early
        (
            "2026-11-25",
            {"needed_from": "2026-11-20"},
            "Available from: 25 November (needed now, asked from 20 November)",
        ),
    ],
)
def test_the_approval_request_flags_a_start_earlier_than_needed(
    available: str | None, profile: dict[str, str], line: str
) -> None:
    assert _start_line(available, **profile) == line
    assert _start_line(available, slack=True, **profile) == line  # Slack's request the same


def test_the_flag_reaches_the_commissioners_email_and_slack_message() -> None:
    closed = snapshot(State.CLOSED)
    rows = ({**OPTIONS[0], "available_from": "2026-11-27"}, *OPTIONS[1:])
    closed = replace(closed, referral=replace(closed.referral, comparison=rows))
    shortlisted = Shortlisted(actor=actor(SW), key="k", labels=("A", "B"), views=VIEWS)
    [email, *_] = [
        c
        for c in decide(closed, shortlisted).commands
        if isinstance(c, SendEmail) and c.template == "commissioner/approval_request"
    ]
    raw = (
        EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES], secret=b"test-secret")
        .render(email, datetime(2026, 11, 25, tzinfo=UTC))
        .raw
    )
    text = str(message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content())
    flag = "(needed from 1 December): earlier than needed"
    assert flag in " ".join(text.split())
    slack = replace(closed, world=world(slack_channel="C-APPROVALS"))
    [post] = [c for c in decide(slack, shortlisted).commands if isinstance(c, PostSlack)]
    assert flag in str(render_slack(post.template, post.context)["blocks"])
