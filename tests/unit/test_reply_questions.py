"""Questions a provider asks beside its answer ("We're interested. 1. Is she open to CAMHS?"):
listed from the reply's own words, passed to the placements team, and the home told so."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.their_questions import questions_asked
from tests.snapshots import LARCH, RESPONSE_SPEC, actor, snapshot
from workflows.commands import RecordEvent, RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.responses import QUESTIONS_PER_DAY, question_digest
from workflows.snapshot import ResponseRecord
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


@pytest.mark.parametrize("text", [
    # answered by the home itself, however long the answer (round 57)
    "Will she settle? Who knows – but we'd like to try. We can offer from 14/12.\n",
    "Could we stretch to 2:1 for her? Sadly not – we're 1:1 only, so we can't meet her needs.\n",
    "How soon could she move? Monday 14th if you like. Fee £4,300 pw – we can offer.\n",
    "Can we meet 2:1? We can't, but we can do 1:1 plus a waking night.\n",
    # a list of the home's own questions answered on the lines under them
    "Can we meet her needs?\nYes – we have a DBT-trained team.\nFee?\n£4,300 pw\nStart?\n14/12\n",
    "Q1. Do you have a vacancy?\nA. Yes – one bed.\nQ2. Can you offer?\n\nA. Yes, from 14/12.\n",
    # quoted from the referral or from us
    'You asked "Can you meet her needs?" – yes, we can, with our DBT-trained team.\n',
    "You asked whether we could meet her needs? We believe so.\n",
    # a greeting, and a signature's stock lines
    "Hi Sam, hope you're well?\n\nWe can offer from Monday 14th.\n",
    "We can offer.\n\nAny questions?\nCall Priya on 01632 960 781\n",
    "Kind regards\nPriya Nair\nQuestions about a placement?\nVisit www.larchcare.example\n",
])
def test_questions_the_home_answers_quotes_or_asks_in_greeting_are_not_passed_on(
        text: str) -> None:
    assert questions_asked(text) == ()


@pytest.mark.parametrize(("text", "asked"), [
    # what the home says of its own situation is no answer to its question about the child
    ("We're interested. Would she be OK sharing with a 12-year-old boy? He is very settled.\n",
     "Would she be OK sharing with a 12-year-old boy?"),
    ("We can offer. Is she OK with dogs? Thanks, Priya", "Is she OK with dogs?"),
    # "we can" answers a question about the home, not one about the child
    ("Would she be OK with dogs? We can offer from 14/12.\n", "Would she be OK with dogs?"),
    # nor is the next question, numbered, the answer to the one before
    ("Is she open to CAMHS? 2. Would her mum be having contact?\n", "Is she open to CAMHS?"),
    # a question left open under a heading's line
    ("Is she still going missing?\nNo worries if you don't know yet.\n",
     "Is she still going missing?"),
])
def test_a_question_the_home_does_not_answer_itself_is_passed_on(text: str, asked: str) -> None:
    assert asked in questions_asked(text)


def test_a_start_the_home_gives_to_its_own_question_is_read_and_not_asked() -> None:
    decision = decide(snapshot(State.OPEN), _reply(
        "Hi Sam,\n\nHow soon could she move? Monday 14th if you like. Fee £4,300 pw – we can "
        "offer.\n\nJo\n"))
    [recorded] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert (recorded.decision, recorded.missing) == ("offer", ())
    assert recorded.fields["available_from"] == "2026-12-14"
    emails = {c.template: c for c in decision.commands if isinstance(c, SendEmail)}
    assert list(emails) == ["provider/response_ack"]
    assert emails["provider/response_ack"].context["questions_passed_on"] == 0


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


# Rule `questions-per-day` (attacker review 29, F3): anyone holding a home's reply address
# could send the placements team an email a reply, each "We're interested" with a new question.

def _decided(text: str, **before: Any) -> tuple[dict[str, SendEmail], list[RecordEvent], str]:
    decision = decide(snapshot(State.OPEN, **before), _reply(text))
    return ({c.template: c for c in decision.commands if isinstance(c, SendEmail)},
            [c for c in decision.commands if isinstance(c, RecordEvent)
             and c.kind.startswith("questions-")], decision.answer.outcome)


def test_the_questions_passed_on_are_recorded_by_fingerprint_not_words() -> None:
    _, [recorded], _ = _decided(INTERESTED_WITH_QUESTIONS)
    assert recorded.kind == "questions-passed-on"
    assert recorded.data["establishment"] == "larch-house"
    assert len(recorded.data["questions"]) == 2
    assert "CAMHS" not in str(recorded.data)


def test_a_question_passed_on_before_is_not_sent_again_however_it_is_spaced_or_cased() -> None:
    before = frozenset({question_digest("Is she open to CAMHS at the moment?")})
    emails, _, _ = _decided("We're interested.\n\nis she  open to camhs at the moment ?\n",
                            questions_before=before)
    assert "placements_team/provider_questions" not in emails
    ack = emails["provider/response_ack"].context
    assert (ack["questions_passed_on"], ack["questions_repeated"]) == (0, 1)


def test_only_the_new_questions_of_a_reply_are_passed_on() -> None:
    before = frozenset({question_digest("Is she open to CAMHS at the moment?")})
    emails, [recorded], _ = _decided(INTERESTED_WITH_QUESTIONS, questions_before=before)
    assert emails["placements_team/provider_questions"].context["questions"] == [
        "\u201cWould her mum be having unsupervised contact?\u201d"]
    assert recorded.data["questions"] == [
        question_digest("Would her mum be having unsupervised contact?")]
    assert emails["provider/response_ack"].context["questions_passed_on"] == 1


def test_under_the_days_limit_new_questions_are_passed_on() -> None:
    emails, _, _ = _decided(INTERESTED_WITH_QUESTIONS,
                            questions_emails_today=QUESTIONS_PER_DAY - 1)
    assert "placements_team/provider_questions" in emails


def test_past_the_days_limit_new_questions_are_held_and_the_home_told_to_write_itself() -> None:
    emails, [held], _ = _decided(INTERESTED_WITH_QUESTIONS,
                                 questions_emails_today=QUESTIONS_PER_DAY)
    assert "placements_team/provider_questions" not in emails
    assert held.kind == "questions-held" and len(held.data["questions"]) == 2
    ack = emails["provider/response_ack"].context
    assert (ack["questions_passed_on"], ack["questions_held"]) == (0, 2)
    assert ack["questions_to"] == snapshot(State.OPEN).authority.placements_team


def _answered_already() -> Mapping[str, ResponseRecord]:
    """The home's answer as the same reply left it (so the reply changes nothing)."""
    return decide(snapshot(State.OPEN), _reply(INTERESTED_WITH_QUESTIONS)).snapshot.responses


def test_an_unchanged_answer_with_held_questions_is_answered_once_a_day() -> None:
    earlier = _answered_already()
    emails, _, outcome = _decided(INTERESTED_WITH_QUESTIONS, responses=earlier,
                                  questions_emails_today=QUESTIONS_PER_DAY)
    assert outcome == "response" and emails["provider/response_ack"].context["questions_held"]
    emails, [held], outcome = _decided(INTERESTED_WITH_QUESTIONS, responses=earlier,
                                       questions_emails_today=QUESTIONS_PER_DAY,
                                       questions_held_today=1)
    assert (outcome, list(emails), held.kind) == ("response-unchanged", [], "questions-held")


def test_an_unchanged_answer_with_a_new_question_passes_it_on_but_is_not_answered() -> None:
    emails, _, outcome = _decided(INTERESTED_WITH_QUESTIONS, responses=_answered_already())
    assert (outcome, list(emails)) == ("response-unchanged",
                                       ["placements_team/provider_questions"])
