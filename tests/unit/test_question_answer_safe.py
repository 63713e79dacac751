"""The console's answer to a home's questions, made safe (workflows/question_answer.py):
only a home that was sent the papers may read the child's identity in it (rule
`answer-names-the-child`, entitlement as `release_papers` grants it); to any other home an
answer with a web link, or the form's names, school or identifiers in any spacing,
punctuation or number words, or the child's initials, is refused, in time linear in its
length; the answer goes to the address that asked only when that sender was proved and is
one of the home's listed contacts (rule `answer-to-a-proved-contact`); and it reaches the
rule as a `QuestionAnswered` event through the lifecycle, decided off the event loop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.growth import growth
from tests.provider_mail import emails_of
from tests.snapshots import LARCH, NOW, actor, shortlist_round, snapshot
from workflows.commands import GrantPapers, RecordEvent
from workflows.engine import DECIDED_OFF_THE_LOOP
from workflows.events import QuestionAnswered
from workflows.lifecycle import IllegalTransition, decide
from workflows.placement import release_papers
from workflows.question_answer import (
    ANSWERED,
    PASSED_ON,
    Asked,
    answer_question,
    identifying_words,
    where_answered,
)
from workflows.snapshot import ResponseRecord
from workflows.states import State

MAYA = "maya.osei@northby.gov.example"
ALSO_LARCH = "referrals@larchcare.example"  # the organisation's other listed contact
FORGED = "anyone.at.all@larchcare.example"  # at its domain, listed nowhere
ASKED = Asked(entry=7, establishment="larch-house", home="Larch House", at=NOW,
              questions=("“Is she open to CAMHS?”",), digests=("d1",), answer_to=LARCH,
              message_id="<q1@larchcare.example>")
NAMING = "Casey is open to CAMHS; she lives with Dawn Hollin."


def _approved_after_larch_withdrew() -> tuple[object, frozenset[str]]:
    """Both homes shortlisted and approved, Larch House's offer withdrawn before approval:
    the papers as release_papers grants them."""
    s = snapshot(State.APPROVED, rounds=(shortlist_round(labels=("A", "B"),
                                                         outcome="approved"),))
    s = replace(s, responses={**s.responses,
                              "larch-house": ResponseRecord("larch-house", "withdrawn", {}, {})})
    granted = frozenset(c.establishment for c in release_papers(s)
                        if isinstance(c, GrantPapers))
    return replace(s, papers_held=granted), granted


def test_a_home_approved_but_not_sent_the_papers_is_not_told_the_childs_name() -> None:
    s, granted = _approved_after_larch_withdrew()
    assert "larch-house" not in granted and "larch-house" in s.current_round.establishments
    refused = answer_question(s, ASKED, NAMING, MAYA)
    assert not refused.answer.accepted and refused.rule == "answer-names-the-child"
    assert not refused.commands
    kestrel = replace(ASKED, establishment="kestrel-house", home="Kestrel House")
    assert answer_question(s, kestrel, NAMING, MAYA).answer.accepted  # it has the papers


def test_papers_recalled_no_longer_entitle_a_home() -> None:
    s = snapshot(State.APPROVED, papers_held=frozenset())
    assert not answer_question(s, ASKED, NAMING, MAYA).answer.accepted


@pytest.mark.parametrize("answer,shown", [
    ("C a s e y is fine.", "C a s e y"),
    ("C.a.s.e.y is fine.", "C.a.s.e.y"),
    ("Cas-ey is fine.", "Cas-ey"),
    ("C-a-s-e-y is fine.", "C-a-s-e-y"),
    ("Cas\u00adey is fine.", "Cas\u00adey"),
    ("She is CH, in Year 10.", "CH"),
    ("Her initials are C.M.H. on the file.", "C.M.H"),
    ("She attends Bracken field Academy.", "Bracken field Academy"),
    ("NHS nine nine nine 000 0115.", "nine nine nine 000 0115"),
    ("Her date of birth is 14 03 2012.", "14 03 2012"),
])
def test_the_forms_words_in_any_spacing_or_punctuation_are_refused(answer: str,
                                                                    shown: str) -> None:
    s = snapshot(State.OPEN)
    s = s.with_referral(raw_fields={**s.referral.raw_fields, "nhs_number": "999 000 0115",
                                    "school": "Brackenfield Academy"})
    decision = answer_question(s, ASKED, answer, MAYA)
    assert not decision.answer.accepted and not decision.commands
    assert f"“{shown}”" in decision.answer.message


def test_a_web_link_is_refused_to_a_home_without_the_papers_saying_so() -> None:
    link = "https://docs.northby.gov.example/c/9f3a.pdf"
    decision = answer_question(snapshot(State.OPEN), ASKED, f"See {link} for the plan.", MAYA)
    assert not decision.answer.accepted and f"“{link}”" in decision.answer.message
    assert "web link" in decision.answer.message


@pytest.mark.parametrize("answer", [
    "She is open to CAMHS; contact with her mum is supervised.",
    "She is as well as can be, feeling settled; one of two children at home.",
    "As she has it: ch ch changes, and she asked for it as a reason.",
])
def test_an_answer_that_names_nobody_is_sent(answer: str) -> None:
    assert identifying_words(snapshot(State.OPEN), answer) == []
    assert answer_question(snapshot(State.OPEN), ASKED, answer, MAYA).answer.accepted


def _child(name: str, family: str = "") -> object:
    s = snapshot(State.OPEN)
    return s.with_referral(raw_fields={**s.referral.raw_fields, "child_name": name,
                                       **({"family_names": family} if family else {})})


BROWNS = ("Grace May Brown", "Hope Brown (mother); Will Brown (brother)")


@pytest.mark.parametrize("answer", [
    "She may share a bathroom.",
    "She has brown hair and likes green.",
    "We hope she settles.",
    "She will attend a day school.",
])
def test_a_name_that_is_an_everyday_word_is_sent_as_that_word(answer: str) -> None:
    s = _child(*BROWNS)
    assert identifying_words(s, answer) == []  # type: ignore[arg-type]
    assert answer_question(s, ASKED, answer, MAYA).answer.accepted  # type: ignore[arg-type]


@pytest.mark.parametrize("answer,shown", [
    ("May will visit on Saturday.", "May"),
    ("Mrs Brown rang this morning.", "Brown"),
    ("Hope is supportive of the move.", "Hope"),
    ("Her brother's handle is willbrown.", "willbrown"),
    ("She spells it m a y.", "m a y"),
    ("She is grace may brown on the school roll.", "grace may brown"),
])
def test_a_name_that_is_an_everyday_word_written_as_the_name_is_refused(answer: str,
                                                                          shown: str) -> None:
    decision = answer_question(_child(*BROWNS), ASKED, answer, MAYA)  # type: ignore[arg-type]
    assert not decision.answer.accepted and not decision.commands
    assert shown in decision.answer.message


@pytest.mark.parametrize("child,answer", [
    ("Olivia King", "OK, she is fine with pets."),
    ("Grace Patel", "She has no allergies; she is registered with a GP."),
    ("Grace Patel", "She is registered with a G.P. in Northby."),
    ("Poppy Evans", "She likes PE and art."),
    ("Sophie Ellen Newton", "Her SEN support is in place."),
    ("Chloe Price", "She is not on the CP register."),
])
def test_initials_that_spell_a_common_acronym_are_sent_alone(child: str, answer: str) -> None:
    s = _child(child)
    assert identifying_words(s, answer) == []  # type: ignore[arg-type]
    assert answer_question(s, ASKED, answer, MAYA).answer.accepted  # type: ignore[arg-type]


def test_the_identifying_check_grows_linearly_with_the_answer() -> None:
    s = snapshot(State.OPEN)
    shape = "Mr Smith, Mrs Jones, Dr Brown; " * 300

    def make(size: int) -> str:
        return shape[:size]

    # a diff of the words grew as the square (2.6, tighter than LINEAR, as before); CPU time,
    # best of pairs (tests/growth.py), so a busy machine does not fail it, as two wall-clock
    # timings back to back did
    assert growth(make, lambda text: identifying_words(s, text), 2000) < 2.6


def test_the_answer_goes_to_the_asker_only_when_proved_and_listed() -> None:
    s = snapshot(State.OPEN)
    proved = replace(ASKED, answer_to=ALSO_LARCH, proved=True)
    assert where_answered(s, proved)[0] == ALSO_LARCH
    to, why = where_answered(s, replace(proved, proved=False))
    assert to == LARCH and "not proved" in why  # its registered contact
    to, why = where_answered(s, replace(ASKED, answer_to=FORGED, proved=True))
    assert to == LARCH and "not one of" in why
    decision = answer_question(s, replace(ASKED, answer_to=FORGED), "No.", MAYA)
    [home] = emails_of(decision, "provider/question_answered")
    assert home.to == LARCH and not home.in_reply_to  # not threaded under the forgery
    [recorded] = [c for c in decision.commands if isinstance(c, RecordEvent)]
    assert recorded.data["to"] == LARCH and LARCH in decision.answer.message
    assert FORGED not in {c.to for c in decision.commands if hasattr(c, "to")}


def _with_question(state: State = State.OPEN, answered: bool = False) -> object:
    entries = [(7, NOW, PASSED_ON, {"establishment": "larch-house", "questions": ["d1"],
                                    "email": "k1", "answer_to": LARCH, "proved": True})]
    if answered:
        entries.append((9, NOW, ANSWERED, {"asked": 7, "by": MAYA}))
    return snapshot(state, question_entries=tuple(entries))


def _event(asked: int = 7, by: str = MAYA, answer: str = "No.") -> QuestionAnswered:
    return QuestionAnswered(actor=actor(by, "web"), key="web:k", asked=asked, answer=answer,
                            questions=ASKED.questions)


def test_the_answer_is_an_event_decided_by_the_lifecycle() -> None:
    decision = decide(_with_question(), _event())  # type: ignore[arg-type]
    assert decision.answer.accepted and decision.rule == "question-answered"
    [home] = emails_of(decision, "provider/question_answered")
    assert home.to == LARCH and home.context["questions"] == list(ASKED.questions)
    assert QuestionAnswered in DECIDED_OFF_THE_LOOP  # anonymising 4,000 characters


def test_the_event_refuses_an_unknown_or_answered_question_or_a_commissioner() -> None:
    assert decide(_with_question(), _event(asked=8)).answer.outcome == "no-such-question"  # type: ignore[arg-type]
    again = decide(_with_question(answered=True), _event())  # type: ignore[arg-type]
    assert again.answer.outcome == "already-answered"
    by_commissioner = decide(_with_question(),  # type: ignore[arg-type]
                             _event(by="alex.morgan@northby.gov.example"))
    assert not by_commissioner.answer.accepted and not emails_of(
        by_commissioner, "provider/question_answered")
    with pytest.raises(IllegalTransition):  # the engine answers it "no effect now"
        decide(_with_question(State.WITHDRAWN), _event())  # type: ignore[arg-type]
