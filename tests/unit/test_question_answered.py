"""A home's questions answered from the console (workflows/question_answer.py): the rule
`question-answered` decides the emails from the question, the answer and the referral's
state; `answer-names-the-child` refuses an answer that would identify the child to a home not
yet shortlisted and approved; on an emergency the social worker has a copy, as she had the
questions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.provider_mail import emails_of, rendered
from tests.snapshots import LARCH, NOW, SW, TEAM, snapshot
from workflows.commands import RecordEvent, SendEmail
from workflows.question_answer import (
    ANSWERED,
    PASSED_ON,
    Asked,
    answer_question,
    asked_on_the_timeline,
    may_answer,
    questions_quoted,
)
from workflows.states import State

MAYA = "maya.osei@northby.gov.example"
QUESTIONS = ("\u201cIs she open to CAMHS at the moment?\u201d",
             "\u201cWould her mum be having unsupervised contact?\u201d")
ASKED = Asked(entry=7, establishment="larch-house", home="Larch House", at=NOW,
              questions=QUESTIONS, digests=("d1", "d2"), answer_to=LARCH,
              message_id="<q1@larchcare.example>", email="REF-2026-000001:larch-house:questions:x")


def test_an_answer_goes_to_the_home_at_its_address_copied_to_the_team_and_recorded() -> None:
    decision = answer_question(snapshot(State.OPEN), ASKED,
                               "She is open to CAMHS; contact with mum is supervised.", MAYA)
    assert decision.answer.accepted and decision.rule == "question-answered"
    [home] = emails_of(decision, "provider/question_answered")
    assert (home.to, home.in_reply_to, home.establishment) == (
        LARCH, "<q1@larchcare.example>", "larch-house")
    assert home.reply_to.startswith("r+")  # the home's reply address, read as its answers
    [team] = emails_of(decision, "placements_team/question_answered")
    assert team.to == TEAM
    assert not emails_of(decision, "placements_team/question_answered")[1:]  # urgent: no SW
    [recorded] = [c for c in decision.commands if isinstance(c, RecordEvent)]
    assert recorded.kind == ANSWERED
    assert (recorded.data["asked"], recorded.data["by"], recorded.data["to"]) == (7, MAYA, LARCH)
    assert "CAMHS" not in str(recorded.data)  # the words are in the emails only
    body = rendered(home).get_body(preferencelist=("plain",)).get_content()
    assert "Is she open to CAMHS at the moment?" in body
    assert "contact with mum is supervised" in body and TEAM in body
    assert LARCH in decision.answer.message


def test_an_answer_naming_the_child_to_a_home_not_yet_approved_is_refused_saying_what() -> None:
    decision = answer_question(snapshot(State.OPEN), ASKED,
                               "Casey is not open to CAMHS. Her NHS number is 999 000 0018.",
                               MAYA)
    assert not decision.answer.accepted and decision.rule == "answer-names-the-child"
    assert not decision.commands  # nothing sent, nothing recorded
    said = decision.answer.message
    assert "\u201cCasey\u201d" in said and "\u201c999 000 0018\u201d" in said
    assert "has not been shortlisted and approved" in said


def test_a_home_shortlisted_and_approved_may_be_answered_by_the_childs_name() -> None:
    approved = snapshot(State.APPROVED)
    home = approved.current_round.establishments[0]
    approved = replace(approved, papers_held=frozenset({home}))  # it was sent the papers
    decision = answer_question(approved, replace(ASKED, establishment=home),
                               "Casey is not open to CAMHS.", MAYA)
    assert decision.answer.accepted
    [email] = emails_of(decision, "provider/question_answered")
    assert email.context["answer"] == "Casey is not open to CAMHS."


def test_an_emergencys_answer_is_copied_to_the_social_worker_as_the_questions_were() -> None:
    urgent = snapshot(State.OPEN)
    emergency = replace(urgent, referral=replace(urgent.referral, urgency="emergency"))
    decision = answer_question(emergency, ASKED, "No unsupervised contact.", MAYA)
    copies = {e.to: e for e in emails_of(decision, "placements_team/question_answered")}
    assert set(copies) == {TEAM, SW}
    assert copies[SW].context["to_referrer"] and not copies[TEAM].context["to_referrer"]
    text = rendered(copies[SW]).get_body(preferencelist=("plain",)).get_content()
    assert "This is an emergency" in text and TEAM in text
    assert SW in decision.answer.message
    # reader ux51s: the person named as other emails name staff, no address, no "console"
    subject = str(rendered(copies[SW])["Subject"])
    assert "Larch House's questions answered by Maya Osei of the placements team" in subject
    said = " ".join(text.split())
    assert said.startswith("Maya Osei of the placements team answered the questions Larch "
                           "House asked")
    assert MAYA not in subject and MAYA not in said and "console" not in said
    assert "You need not answer Larch House yourself." in said


def test_an_answered_question_or_an_empty_answer_sends_nothing() -> None:
    answered = replace(ASKED, answered_by=MAYA, answered_at=NOW)
    again = answer_question(snapshot(State.OPEN), answered, "Yes.", MAYA)
    assert not again.answer.accepted and not again.commands and MAYA in again.answer.message
    empty = answer_question(snapshot(State.OPEN), ASKED, "   ", MAYA)
    assert not empty.answer.accepted and not empty.commands


def test_the_questions_are_read_from_the_teams_email_and_answered_by_a_later_entry() -> None:
    body = ("Larch House answered referral REF-2026-000001 (interested) and asked:\n\n"
            f"- {QUESTIONS[0]}\n- {QUESTIONS[1]}\n\nThe service answers no questions …")
    assert questions_quoted(body) == QUESTIONS
    entries = [(7, NOW, PASSED_ON, {"establishment": "larch-house", "questions": ["d1"],
                                    "email": "k1", "answer_to": LARCH}),
               (9, NOW, PASSED_ON, {"establishment": "larch-house", "questions": ["d3"],
                                    "email": "k2", "answer_to": LARCH}),
               (11, NOW + timedelta(hours=1), ANSWERED, {"asked": 7, "by": MAYA})]
    first, second = asked_on_the_timeline(entries, {"larch-house": "Larch House"},
                                          {"k1": QUESTIONS[:1]})
    assert (first.answered, first.answered_by, first.questions) == (True, MAYA, QUESTIONS[:1])
    assert (second.answered, second.questions, second.home) == (False, (), "Larch House")


def test_only_a_placements_officer_of_the_childs_council_answers() -> None:
    assert may_answer("placements-officer", "northby", "northby")
    assert not may_answer("placements-officer", "kingsholt", "northby")
    assert not may_answer("commissioner", "northby", "northby")
    assert not may_answer("operator", "", "northby")


def test_the_answer_is_not_a_send_email_to_anyone_else() -> None:
    decision = answer_question(snapshot(State.OPEN), ASKED, "No.", MAYA)
    assert {c.to for c in decision.commands if isinstance(c, SendEmail)} == {LARCH, TEAM}
