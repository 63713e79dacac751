"""Questions a provider asks beside its answer ("We're interested. 1. Is she open to CAMHS?"):
listed from the reply's own words, passed to the placements team, and the home told so."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.their_questions import questions_asked
from tests.snapshots import LARCH, RESPONSE_SPEC, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

INTERESTED_WITH_QUESTIONS = (
    "Hi Sam,\n\nWe're interested. Two questions:\n1. Is she open to CAMHS at the moment?\n"
    "2. Would her mum be having unsupervised contact?\n\nJo\n")


def _reply(text: str) -> ReplyReceived:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<q1@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23))
    return ReplyReceived(actor=actor(LARCH), key="in:1", establishment="larch-house",
                         reply=reply)


def _emails(text: str) -> dict[str, SendEmail]:
    decision = decide(snapshot(State.OPEN), _reply(text))
    return {c.template: c for c in decision.commands if isinstance(c, SendEmail)}


def test_the_questions_beside_a_decision_are_listed_as_written() -> None:
    assert questions_asked(INTERESTED_WITH_QUESTIONS) == (
        "Is she open to CAMHS at the moment?", "Would her mum be having unsupervised contact?")
    assert questions_asked("We can offer. Is she open to CAMHS? Would Monday suit?") == (
        "Is she open to CAMHS?", "Would Monday suit?")


@pytest.mark.parametrize("text", [
    "Do you have a vacancy? Yes\nCan you meet needs?: No\nWhen could she move in? Fri 11th\n"
    "What would the weekly fee be? £4,850\n",  # the council's questions, answered
    "We can offer £4,300 pw from 14/12.\n\nJo\n",
])
def test_questions_answered_on_their_line_and_statements_are_not_asked(text: str) -> None:
    assert questions_asked(text) == ()


def test_questions_beside_a_decision_go_to_the_placements_team_and_the_home_is_told() -> None:
    emails = _emails(INTERESTED_WITH_QUESTIONS)
    team, ack = emails["placements_team/provider_questions"], emails["provider/response_ack"]
    assert team.to == snapshot(State.OPEN).authority.placements_team
    assert team.context["questions"] == [  # quoted as the provider's words
        "\u201cIs she open to CAMHS at the moment?\u201d",
        "\u201cWould her mum be having unsupervised contact?\u201d"]
    assert (team.context["provider"], team.context["decision"]) == (LARCH, "interested")
    assert ack.context["questions_passed_on"] == 2
    assert ack.context["questions_to"] == team.to


def test_a_reply_without_questions_sends_the_team_nothing() -> None:
    emails = _emails("We're interested, please keep us in mind.\n")
    assert list(emails) == ["provider/response_ack"]
    assert emails["provider/response_ack"].context["questions_passed_on"] == 0


def test_questions_without_a_decision_are_asked_for_one_and_told_where_to_ask() -> None:
    emails = _emails("Before we can say either way - how often is she missing now, and is "
                     "there any CSE concern?\n")
    assert list(emails) == ["provider/missing_fields"]
    ask = emails["provider/missing_fields"]
    assert ask.context["undecided"] and ask.context["questions_to"]
