"""Rule `her-words-meant` on a held referral (workflows/intake.py): her reply asking for it to
be ignored ("Please ignore this one", quoting the held email and its form) is not the form
sent again (ux47s #40: the same held email came back, the team had theirs again, and she
never learnt her words did nothing). She is told nothing was done, and shown the WITHDRAW
that would withdraw it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.her_words import asks_to_set_aside
from workflows.lifecycle import decide
from workflows.snapshot import Snapshot
from workflows.states import State


def _held() -> Snapshot:
    before = replace(snapshot(State.NEW), duplicates=("REF-2026-483920",))
    held = decide(before, FormReceived(actor=actor(SW), key="k", form=FORM)).snapshot
    assert held.state == State.HELD
    return held


def _reply(text: str, **fields: str) -> FormReceived:
    """Her reply on the held thread: her words, and the form quoted below them."""
    form = replace(FORM, message_id="<again@northby.gov.example>", subject="RE: held",
                   text=text, fields={**FORM.fields, **fields})
    return FormReceived(actor=actor(SW), key="k2", form=form)


@pytest.mark.parametrize("text", ["Please ignore this one.", "Sorry, sent by mistake!",
                                  "Hi, can you cancel this please? Thanks"])
def test_her_words_asking_to_ignore_a_held_referral_do_nothing_and_say_so(text: str) -> None:
    decision = decide(_held(), _reply(text))
    assert decision.snapshot.state == State.HELD and not decision.answer.accepted
    sent = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert [c.template for c in sent] == ["social_worker/already_sent"]  # no held, no team
    assert sent[0].to == SW and sent[0].context["held_set_aside"]
    assert sent[0].context["suggested"] == ["WITHDRAW sent twice by mistake"]


def test_a_correction_beside_such_words_is_still_read_as_one() -> None:
    decision = decide(_held(), _reply("Sorry, sent by mistake with the wrong date of birth.",
                                      date_of_birth="14/03/2013"))
    assert any(isinstance(c, SendEmail) and c.template.endswith("/held")
               for c in decision.commands)


@pytest.mark.parametrize(("text", "meant"), [
    ("Please ignore this one", True), ("I sent it twice, sorry", True),
    ("Please disregard my last email", True), ("Please don't ignore this one.", False),
    ("The form is below.", False)])
def test_words_asking_to_ignore(text: str, meant: bool) -> None:
    assert asks_to_set_aside(text) is meant
