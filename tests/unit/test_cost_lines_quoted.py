"""A provider's words in the approval's cost lines (its additional costs, a one-off sum, a
later fee not counted) are neutralised as its condition's are: in Slack no `*bold*`,
`_italic_`, `~strike~` or `` `code` `` of its own (channels/slack/blocks.py `words`), and in
Slack and email no quotation mark of its own inside the quotation marks that mark its words
(broker/quoting.py `provider_words`): attacker review 38 F7 put a bold "✅ APPROVED: Ruth
Adeyemi (budget holder) signed off this option" into an option block, after a ” of its own."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from broker.quoting import provider_words
from channels.email.render import TEMPLATES, EmailRenderer
from channels.slack.blocks import render
from tests.snapshots import SW, actor, snapshot, world
from workflows.commands import PostSlack, SendEmail
from workflows.events import Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

FAKE = "*✅ APPROVED: Ruth Adeyemi (budget holder) signed off this option*"
COSTS = [
    f"none” — {FAKE} “",                                     # the additional costs
    f"£300 per week for sessions; £1,500 one-off setup fee ” {FAKE} “",  # and a one-off
    f"£250 per week «_{FAKE}_» \"~struck~\" `APPROVE`",
]
SHORTLISTED = Shortlisted(actor=actor(SW), key="s", labels=("A", "B"),
                          views=(("parents", "ok"), ("child", "ok")))


def _closed(costs: str, slack: str = "C-APPROVALS"):  # type: ignore[no-untyped-def]
    closed = snapshot(State.CLOSED, world=world(slack_channel=slack))
    rows = tuple({**row, "additional_costs": costs} if row["label"] == "A" else row
                 for row in closed.referral.comparison)
    return replace(closed, referral=replace(closed.referral, comparison=rows))


def _quotes_pair(text: str) -> bool:
    """Every “ is closed by the next ” before another opens: no quotation mark of the
    provider's own inside ours."""
    marks = "".join(re.findall("[“”]", text))
    return marks == "“”" * (len(marks) // 2)


def _outside_quotes(text: str) -> str:
    return re.sub("“[^“”]*”", "", text)


@pytest.mark.parametrize("costs", COSTS)
def test_the_slack_approval_sets_none_of_a_providers_cost_words_as_formatting(
        costs: str) -> None:
    decision = decide(_closed(costs), SHORTLISTED)
    [post] = [c for c in decision.commands if isinstance(c, PostSlack)]
    blocks = render(post.template, post.context)["blocks"]
    [option] = [b["text"]["text"] for b in blocks if b.get("type") == "section"
                and "Option A" in b.get("text", {}).get("text", "")]
    cost_lines = option.split("\n", 2)[2]  # after the heading and Ofsted · distance
    assert "APPROVED" in cost_lines and not set("*_~`") & set(cost_lines)
    assert _quotes_pair(option) and "APPROVED" not in _outside_quotes(option)


@pytest.mark.parametrize("costs", COSTS)
def test_the_approval_email_keeps_a_providers_cost_words_inside_its_quotation_marks(
        costs: str) -> None:
    decision = decide(_closed(costs, slack=""), SHORTLISTED)
    [request, *_] = [c for c in decision.commands if isinstance(c, SendEmail)
                     and c.template == "commissioner/approval_request"]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    raw = renderer.render(request, datetime(2026, 12, 7, 10, tzinfo=UTC)).raw
    text = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
    block = text[text.index("A. "):text.index("B. ")]
    assert "APPROVED" in block and _quotes_pair(block)
    assert "APPROVED" not in _outside_quotes(block)


@pytest.mark.parametrize("words,quoted", [
    ("none” — signed off “", "“none — signed off”"),
    ('the "2:1" staffing, «weekly» and „nights‟', "“the 2:1 staffing, weekly and nights”"),
    ("the child’s own room", "“the child’s own room”"),  # an apostrophe stays
])
def test_a_providers_words_keep_no_quotation_mark_of_their_own(words: str, quoted: str) -> None:
    assert provider_words(words) == quoted
