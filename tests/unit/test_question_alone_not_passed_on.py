"""A reply that only asks (no decision) is asked for its decision, and told plainly that its
question was NOT passed on (questions go to the placements team only beside a decision,
README "A reply that answers and also asks"), with the team's address and the reference to
quote (ux49 U5: "If you have a question … write to the placements team" left the home to
guess whether its question had gone)."""

from __future__ import annotations

from datetime import date

from broker.forms.extract import fields_from_text
from tests.provider_mail import text_of
from tests.snapshots import LARCH, RESPONSE_SPEC, TEAM, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

ASKS = ("Before we can answer: has she any history of fire-setting, and would the council "
        "fund education support?")


def _sent(text: str) -> list[SendEmail]:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<q1@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23))
    decision = decide(snapshot(State.OPEN, responses={}), ReplyReceived(
        actor=actor(LARCH), key="in:q1", establishment="larch-house", reply=reply))
    return [c for c in decision.commands if isinstance(c, SendEmail)]


def test_a_question_alone_is_said_not_passed_on_with_where_to_send_it() -> None:
    sent = _sent(ASKS)
    assert [c.template for c in sent] == ["provider/missing_fields"]  # nothing to the team
    text = text_of(sent[0])
    assert "Your question was not passed on" in text
    assert f"Please write to the placements team at {TEAM} yourselves, quoting " \
        "REF-2026-000001" in text
    assert 'reply "Decision: interested" with your question below it' in text
    assert "If you have a question about the child before you decide" not in text


def test_a_reply_with_no_decision_and_no_question_keeps_the_general_advice() -> None:
    [ask] = _sent("Thanks, we'll look at this tomorrow with our manager.")
    text = text_of(ask)
    assert "not passed on" not in text
    assert "If you have a question about the child before you decide" in text


def test_a_question_beside_a_decision_is_passed_on() -> None:
    sent = _sent("We're interested. " + ASKS)
    assert "placements_team/provider_questions" in [c.template for c in sent]
    [ack] = [c for c in sent if c.template.startswith("provider/")]
    assert "not passed on" not in text_of(ack)
