"""Rule `answer-names-a-professional` (workflows/professionals.py): the console's answer to a
home without the papers may name the adults who work the referral, whom the home deals with
in any case (before, "Sam Taylor will call you" was refused as if it named the child), while
every way of naming the child or her family is still refused."""

from __future__ import annotations

import pytest

from tests.snapshots import NOW, snapshot
from workflows.question_answer import Asked, answer_question, identifying_words
from workflows.snapshot import Snapshot
from workflows.states import State

MAYA = "maya.osei@northby.gov.example"
ASKED = Asked(
    entry=7,
    establishment="larch-house",
    home="Larch House",
    at=NOW,
    questions=("“Who do we speak to?”",),
    digests=("d1",),
    answer_to="larch.house@larchcare.example",
    message_id="<q1@larchcare.example>",
)


def _open(**fields: str) -> Snapshot:
    s = snapshot(State.OPEN)
    return s.with_referral(raw_fields={**s.referral.raw_fields, **fields})


@pytest.mark.parametrize(
    "answer",
    [
        "Sam Taylor will call you this afternoon.",  # the referrer, by her address
        "Ms Taylor will call you.",  # her surname, a title before it
        "Sam will bring the papers.",
        "Maya Osei of the placements team will ring.",  # a placements officer
        "Alex Morgan approves placements here.",  # a commissioner
        "Jordan Okafor covers while Sam Taylor is away.",  # another of the council's social workers
    ],
)
def test_a_professionals_name_is_sent(answer: str) -> None:
    s = _open()
    assert identifying_words(s, answer) == []
    assert answer_question(s, ASKED, answer, MAYA).answer.accepted


def test_the_name_the_referrer_signed_with_is_hers_too() -> None:
    s = snapshot(State.OPEN)
    s = s.with_referral(referrer_name="Samantha Taylor-Reid")
    assert identifying_words(s, "Samantha Taylor-Reid will call you.") == []


@pytest.mark.parametrize(
    ("fields", "answer", "shown"),
    [
        ({}, "Casey is settled; Sam Taylor will call.", "Casey"),
        ({}, "Casey Taylor will call.", "Casey Taylor"),  # the child's name beside hers
        ({}, "Sam Taylor and Dawn Hollin will visit.", "Dawn Hollin"),  # the mother
        ({}, "Sam Taylor, Casey's social worker, will call.", "Casey"),
        ({}, "She is CH; Sam Taylor will call.", "CH"),  # the child's initials
        ({}, "Jo Bloggs, her aunt, will visit.", "Jo Bloggs"),  # nobody the council lists
        # a family name the referrer shares: the name is the family's too
        ({"family_names": "Dawn Taylor (mother)"}, "Ms Taylor will call you.", "Taylor"),
        # the child's first name is the referrer's: refused wherever written
        ({"child_name": "Sam Hollin"}, "Sam will call you.", "Sam"),
    ],
)
def test_the_child_and_her_family_are_still_refused(
    fields: dict[str, str], answer: str, shown: str
) -> None:
    decision = answer_question(_open(**fields), ASKED, answer, MAYA)
    assert not decision.answer.accepted and not decision.commands
    assert shown in decision.answer.message


# Review 43: the child's people are not only the form's. Someone the referral's background
# names, or the answer itself introduces as hers, shares a first name or a surname with one of
# the council's staff (or with the name the referrer signed with): the answer named them.
_BACKGROUND = (
    "Casey lives with her mother. Her brother Jordan Price was excluded last year. "
    "Her uncle Sam Reid harmed her; her social worker Sam Taylor has known her "
    "since 2020."
)


@pytest.mark.parametrize(
    ("referrer_name", "answer", "shown"),
    [
        ("", "Jordan will visit on Saturdays.", "Jordan"),  # a social worker is Jordan Okafor
        ("", "Sam will bring her on Monday.", "Sam"),  # the referrer is Sam Taylor
        # a referrer who signed (or whose From was written) with the uncle's name
        ("Sam Reid", "Sam Reid must not know where she lives.", "Sam Reid"),
        ("Sam Reid", "Mr Reid must not visit.", "Reid"),
        # introduced as hers in the answer itself, whatever the background says
        ("", "Her brother Sam will visit.", "Sam"),
        ("", "Her mum, Ms Okafor, visits on Sundays.", "Okafor"),
    ],
)
def test_someone_of_the_childs_who_shares_a_professionals_name_is_refused(
    referrer_name: str, answer: str, shown: str
) -> None:
    s = _open(background=_BACKGROUND).with_referral(referrer_name=referrer_name)
    decision = answer_question(s, ASKED, answer, MAYA)
    assert not decision.answer.accepted and not decision.commands
    assert f"“{shown}”" in decision.answer.message


@pytest.mark.parametrize(
    "answer",
    [
        "Sam Taylor will call you this afternoon.",  # the background names her as herself
        "Ms Taylor will call you.",
        "Ms Okafor covers on Fridays.",
    ],
)
def test_a_professional_the_background_names_may_still_be_named(answer: str) -> None:
    background = (
        "Her social worker Sam Taylor has known her since 2020; Jordan Price is her brother."
    )
    assert identifying_words(_open(background=background), answer) == []
