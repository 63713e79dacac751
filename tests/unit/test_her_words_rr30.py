"""Rule `her-words-meant` (workflows/her_words.py) on round R30's words: "found somewhere"
that does not end the search (a question, a stay for tonight, a place for her brother, a home
still needed) is no WITHDRAW; an instruction the sender may not send (NEXT WAVE, from a
social worker) is never shown her but passed to the placements team; more time asked for
in days, a week or "another day" is shown as the EXTEND it means."""

from __future__ import annotations

from datetime import date

import pytest

from tests.snapshots import SW, actor
from workflows.events import NextWave, WindowClosed, WindowExtended, Withdrawn
from workflows.her_words import Meant, extension_meant, instruction_words, read_her_words
from workflows.lifecycle import decide
from workflows.permissions import PERMISSIONS, REFERRER, TEAM
from workflows.states import State

TODAY = date(2026, 12, 7)  # a Monday


def _read(text: str, state: State = State.OPEN, **kw: object) -> Meant:
    return read_her_words(text, state, today=TODAY, child_names=("Ruby",),
                          correctable=state == State.OPEN, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "Hi, just to say we've found somewhere for her to stay tonight with her aunt while you look.",
    "FYI we found somewhere else for her brother, so she will be on her own now.",
    "Have you found somewhere yet?",
    "We've found her a bed for now until you find a foster home.",
    "We found somewhere for him to stay overnight but still need a long-term home.",
    "We haven't found somewhere yet so please keep going",
])
def test_found_somewhere_that_does_not_end_the_search_is_no_withdrawal(text: str) -> None:
    """Round R30's W01-W04, W06: each had been offered `WITHDRAW …`."""
    meant = _read(text)
    assert not any(line.startswith("WITHDRAW") for line in meant.lines)


@pytest.mark.parametrize(("text", "lines"), [
    ("Good news – we've found her a place in-house, please stop the search",
     ("WITHDRAW we've found her a place in-house",)),
    ("We found somewhere for her with her grandparents.",
     ("WITHDRAW We found somewhere for her with her grandparents",)),
    ("CLOSE please – we found somewhere for her to stay overnight but still need a "
     "long-term home", ("CLOSE",)),
])
def test_a_place_found_for_good_is_still_a_withdrawal(text: str,
                                                      lines: tuple[str, ...]) -> None:
    assert _read(text).lines == lines


_SOCIAL_WORKER = frozenset(kind for kind, p in PERMISSIONS.items() if REFERRER in p.roles)
_TEAM = frozenset(kind for kind, p in PERMISSIONS.items() if TEAM in p.roles)


def test_a_social_worker_is_never_shown_next_wave_but_her_request_is_passed_on() -> None:
    """Round R30's M03: a social worker on a cascading council had been told to reply NEXT
    WAVE, which only the placements team may send, and her request never reached them."""
    text = "Hi, can you send it to more providers please? Nothing back yet."
    meant = _read(text, permitted=_SOCIAL_WORKER)
    assert (meant.lines, meant.pass_on, meant.no_more_waves) == ((), True, False)
    assert _read(text, permitted=_TEAM).lines == ("NEXT WAVE",)


def test_the_instructions_shown_are_those_the_sender_may_send() -> None:
    assert NextWave in _TEAM and NextWave not in _SOCIAL_WORKER
    assert "NEXT WAVE" not in instruction_words(State.OPEN, _SOCIAL_WORKER)
    assert {"EXTEND", "CLOSE", "WITHDRAW"} <= instruction_words(State.OPEN, _SOCIAL_WORKER)
    assert instruction_words(State.OPEN, {WindowExtended, WindowClosed, Withdrawn}) == {
        "EXTEND", "CLOSE", "WITHDRAW"}


@pytest.mark.parametrize(("text", "line"), [
    ("Can we give it another 2 days?", "EXTEND 2d"),
    ("Extend by a week please", "EXTEND 7d"),
    ("Please reopen it for another day", "EXTEND 1d"),
    ("Could you extend it by two weeks?", "EXTEND 14d"),
    ("Can we have two more days?", "EXTEND 2d"),
])
def test_more_time_in_her_words_is_the_extend_it_means(text: str, line: str) -> None:
    """Round R30's E05, E07, E08 (after a close with no offers): had been shown `EXTEND 2d`
    to fill in, or nothing."""
    meant = _read(text, State.CLOSED)
    assert (meant.lines, meant.filled) == ((line,), True)


def test_another_day_without_asking_for_time_is_no_extension() -> None:
    assert _read("I'll ring you another day about her school.", State.CLOSED).lines == ()


def test_something_else_still_to_do_leaves_a_withdrawal() -> None:
    meant = _read("We've found her a place in-house, please stop the search. We still need "
                  "to tell mum.")
    assert meant.lines == ("WITHDRAW We've found her a place in-house",)


@pytest.mark.parametrize(("said", "line"), [
    ("by a week please", "EXTEND 7d"), ("for another day", "EXTEND 1d"),
    ("by two weeks", "EXTEND 14d"), ("please", ""), ("", "")])
def test_an_extend_whose_duration_is_in_words_offers_the_line_it_means(said: str,
                                                                       line: str) -> None:
    """Round R30's E07: "Extend by a week please" had been answered "We could not read how
    long to extend the window by", with no `EXTEND 7d` to send back."""
    assert extension_meant(said) == line


def test_the_unclear_extend_answer_shows_the_line_her_words_mean() -> None:
    from tests.unit.test_window import _emails, _open

    decision = decide(_open(), WindowExtended(actor=actor(SW), key="k", by=None,
                                              said="by a week please"))
    [email] = _emails(decision)
    assert (email.template, email.context["meant"]) == (
        "social_worker/window_command_unclear", "EXTEND 7d")
    assert decision.answer.outcome == "unclear"  # shown, never acted on
