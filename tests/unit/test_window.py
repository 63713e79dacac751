"""The response window's pure decisions: chaser times, the chase, EXTEND, CLOSE, the close
and its comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from broker.directory.live import BY_TEAM, LiveFacts, with_live_facts, with_records
from tests.snapshots import DIRECTORY, NOW, SW, TEAM, actor, snapshot, wave, world
from workflows.commands import (
    CancelDeadlines,
    MoveDeadlines,
    RecordEvent,
    SendEmail,
)
from workflows.events import SERVICE, DeadlineDue, DeadlineKind, WindowClosed, WindowExtended
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State
from workflows.window import chase_times

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=24)


@pytest.mark.parametrize("specs,expected", [
    (["50%", "1h"], [START + timedelta(hours=12), END - timedelta(hours=1)]),
    (["1h", "50%"], [START + timedelta(hours=12), END - timedelta(hours=1)]),
    (["25h"], []),                         # before the window opened: dropped
    (["50%", "12h"], [START + timedelta(hours=12)]),  # the same moment once
    ([], []),
])
def test_chasers_fall_inside_the_window(specs: list[str], expected: list[datetime]) -> None:
    assert chase_times(specs, START, END) == expected


def _open(**changes):  # type: ignore[no-untyped-def]
    """Open, wave 1 opened at START and closing at END, with no responses yet."""
    values = {"waves": (wave(opened=START),), "responses": {},
              "world": world(now=START + timedelta(hours=3)), **changes}
    return snapshot(State.OPEN, **values)


def _emails(decision) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)]


def test_extend_moves_the_close_and_the_chasers_and_tells_the_social_worker() -> None:
    decision = decide(_open(), WindowExtended(actor=actor(SW), key="k",
                                              by=timedelta(hours=24)))
    assert decision.answer.outcome == "extended"
    assert decision.snapshot.open_wave.closes_at == END + timedelta(hours=24)
    [move] = [c for c in decision.commands if isinstance(c, MoveDeadlines)]
    assert move.wave == 1 and move.moves == (
        (DeadlineKind.CLOSE, 0, END + timedelta(hours=24)),
        (DeadlineKind.CHASE, 1, START + timedelta(hours=24)),
        (DeadlineKind.CHASE, 2, END + timedelta(hours=23)))
    [told] = [e for e in _emails(decision) if e.template.startswith("social_worker/")]
    assert told.template == "social_worker/window_changed" and told.to == SW


def test_an_unreadable_extension_changes_nothing_and_says_so() -> None:
    before = _open()
    decision = decide(before, WindowExtended(actor=actor(SW), key="k", by=None))
    assert decision.snapshot == before and decision.answer.outcome == "unclear"
    assert [e.template for e in _emails(decision)] == ["social_worker/window_command_unclear"]


def test_close_compares_now_and_cancels_what_was_still_to_come() -> None:
    decision = decide(_open(), WindowClosed(actor=actor(TEAM), key="k"))
    assert decision.snapshot.state == State.CLOSED
    assert decision.snapshot.waves[0].outcome == "closed-early"
    assert CancelDeadlines() in decision.commands
    ours = [e for e in _emails(decision) if e.template.startswith("social_worker/")]
    assert sorted(e.template for e in ours) == ["social_worker/comparison",
                                                "social_worker/comparison",
                                                "social_worker/window_changed"]
    assert {e.to for e in ours} == {SW, TEAM}
    # the homes still silent hear it closed early (tests/unit/test_provider_emails_round53.py)
    assert {e.template for e in _emails(decision) if e not in ours} == {
        "provider/window_changed"}


def test_chasers_go_to_each_silent_establishment_of_the_wave_once() -> None:
    answered = {"larch-house": ResponseRecord("larch-house", "decline")}
    decision = decide(_open(responses=answered), DeadlineDue(
        actor=SERVICE, key="k", kind=DeadlineKind.CHASE, wave=1, seq=2))
    chasers = _emails(decision)
    assert sorted((e.to, e.key) for e in chasers) == [
        ("referrals@harbourlightscare.example",
         "REF-2026-000001:chase-1-2:harbour-house"),
        ("referrals@kestrelhomes.example", "REF-2026-000001:chase-1-2:kestrel-house")]
    assert all(e.reply_to.startswith("r+1.") for e in chasers)
    # "of": how many reminders the window has, so a reader can say "last reminder"
    assert decision.commands[0] == RecordEvent("chased", {
        "wave": 1, "seq": 2, "of": 2, "establishments": ["kestrel-house", "harbour-house"]})


def test_a_chaser_when_every_provider_has_answered_is_neither_sent_nor_recorded() -> None:
    """A timeline said "Reminder 1 sent to the providers … who had not answered" when each
    had answered: a reminder to nobody is no reminder."""
    answered = {key: ResponseRecord(key, "decline")
                for key in ("larch-house", "kestrel-house", "harbour-house")}
    before = _open(responses=answered)
    assert set(answered) == set(before.recipients)  # every provider of the wave
    decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CHASE,
                                          wave=1, seq=1))
    assert decision.commands == () and decision.snapshot == before
    assert (decision.answer.accepted, decision.rule) == (False, "chaser-nobody-silent")


def test_a_chaser_of_a_wave_already_closed_does_nothing() -> None:
    before = _open(waves=(wave(opened=START, closed=True), wave(2, opened=END)))
    decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CHASE,
                                          wave=1, seq=1))
    assert decision.commands == () and decision.snapshot == before


def test_the_close_with_an_offer_sends_the_comparison_ranked() -> None:
    responses = {
        "larch-house": ResponseRecord("larch-house", "offer", {}, {
            "weekly_fee": 4250, "service_name": "Larch House", "decision": "offer"}),
        "harbour-house": ResponseRecord("harbour-house", "decline", {}, {
            "decline_reason": "no-vacancy"}),
    }
    late = world(now=END + timedelta(minutes=1))
    decision = decide(_open(responses=responses, world=late), DeadlineDue(
        actor=SERVICE, key="k", kind=DeadlineKind.CLOSE, wave=1))
    assert decision.snapshot.state == State.CLOSED and decision.rule == "acceptable-offer"
    assert [row["label"] for row in decision.snapshot.referral.comparison] == ["A"]
    [closed] = [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind == "closed"]
    assert closed.data == {"offers": 1, "interested": 0, "declines": 1, "no_reply": 1,
                           "waves": 1}
    comparison = next(e for e in _emails(decision) if e.to == SW)
    assert comparison.context["shortlist_link"] == f"https://broker/shortlist/1/{SW}"
    team = next(e for e in _emails(decision) if e.key.endswith(":comparison:team"))
    assert team.to != SW and team.context["shortlist_link"] == \
        f"https://broker/shortlist/1/{team.to}"  # the team's own link, not the social worker's


def test_an_incomplete_offer_is_not_an_acceptable_one() -> None:
    responses = {"larch-house": ResponseRecord("larch-house", "offer",
                                               missing=("weekly_fee",))}
    decision = decide(_open(responses=responses, world=world(now=END)), DeadlineDue(
        actor=SERVICE, key="k", kind=DeadlineKind.CLOSE, wave=1))
    assert decision.rule == "no-wave-left"  # one wave only: compare what there is
    assert decision.snapshot.waves[0].outcome == "no-acceptable-offer"


def test_the_time_now_is_the_worlds_not_the_machines() -> None:
    decision = decide(_open(world=replace(world(), now=NOW)), WindowClosed(
        actor=actor(SW), key="k"))
    assert decision.snapshot.waves[0].closed_at == NOW


@pytest.mark.parametrize("event", [
    WindowClosed(actor=actor(TEAM, "web"), key="k", wave=1),
    WindowExtended(actor=actor(TEAM, "web"), key="k", by=timedelta(hours=24), wave=1),
])
def test_a_page_showing_an_ended_wave_changes_nothing_in_the_next(event: object) -> None:
    """A console page loaded in wave 1 must not close or extend wave 2, whose homes a
    colleague's NEXT WAVE has only just sent the referral to."""
    open_ = snapshot(State.OPEN)
    second = replace(open_, waves=(replace(open_.waves[0], number=2),))
    moved = decide(second, event)  # type: ignore[arg-type]
    assert not moved.answer.accepted and "wave 2 is open now" in moved.answer.message
    assert moved.snapshot.state == State.OPEN
    same = decide(open_, event)  # type: ignore[arg-type]
    assert same.answer.accepted


def test_a_close_set_for_a_time_since_extended_does_nothing() -> None:
    """A replay of a close that failed at the old time, after an EXTEND moved the window:
    the window closes when everyone was told it would, not now."""
    extended = _open(waves=(replace(wave(opened=START), closes_at=END + timedelta(days=2)),),
                     world=world(now=END + timedelta(hours=1)))
    decision = decide(extended, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                            wave=1, due_at=END))
    assert decision.snapshot.state == State.OPEN and decision.commands == ()
    on_time = decide(replace(extended, world=world(now=END + timedelta(days=2, minutes=1))),
                     DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE, wave=1,
                                 due_at=END + timedelta(days=2)))
    assert on_time.snapshot.state != State.OPEN


def _closed_with_nothing():  # type: ignore[no-untyped-def]
    """Closed at its deadline with one decline: nothing to shortlist."""
    responses = {"harbour-house": ResponseRecord("harbour-house", "decline", {}, {
        "decline_reason": "no-vacancy"})}
    closed = decide(_open(responses=responses, world=world(now=END)), DeadlineDue(
        actor=SERVICE, key="k", kind=DeadlineKind.CLOSE, wave=1)).snapshot
    assert closed.state == State.CLOSED and closed.referral.comparison == ()
    return replace(closed, world=world(now=END + timedelta(hours=1)))


def test_extend_after_a_close_with_nothing_to_shortlist_reopens_the_window() -> None:
    later = END + timedelta(hours=1)
    decision = decide(_closed_with_nothing(), WindowExtended(actor=actor(SW), key="k",
                                                             by=timedelta(days=2)))
    assert decision.answer.outcome == "extended"
    assert decision.rule == "extend-reopens-an-empty-close"
    assert decision.snapshot.state == State.OPEN
    assert decision.snapshot.open_wave.closes_at == later + timedelta(days=2)
    [move] = [c for c in decision.commands if isinstance(c, MoveDeadlines)]
    assert move.moves[0] == (DeadlineKind.CLOSE, 0, later + timedelta(days=2))
    assert move.reopen and len(move.moves) == 1  # the close only: reminders were sent
    told = {e.to: e for e in _emails(decision)}
    assert told[SW].context["reopened"] is True
    assert "referrals@kestrelhomes.example" in told  # a silent home told the new close
    assert "referrals@harbourlightscare.example" not in told  # it answered


# Kestrel House paused since the referral went out: by the placements team, its provider, or
# suspended by the consortium (rule paused-not-chased)
_PAUSES = [LiveFacts(paused=BY_TEAM + "safeguarding review"), LiveFacts(paused="full until March")]


@pytest.mark.parametrize("facts", _PAUSES)
def test_extend_reopening_an_empty_close_writes_to_no_home_paused_since(
        facts: LiveFacts) -> None:
    closed = _closed_with_nothing()
    paused = replace(closed, world=replace(closed.world, directory=with_live_facts(
        DIRECTORY, {"kestrel-house": facts})))
    decision = decide(paused, WindowExtended(actor=actor(SW), key="k", by=timedelta(days=2)))
    assert decision.rule == "extend-reopens-an-empty-close"
    told = {e.establishment for e in _emails(decision) if e.template.startswith("provider/")}
    assert "kestrel-house" not in told and "larch-house" in told  # the other silent home is


@pytest.mark.parametrize("event", [
    WindowExtended(actor=actor(SW), key="k", by=timedelta(hours=24)),
    WindowClosed(actor=actor(TEAM), key="k")])
def test_a_home_paused_since_is_told_no_window_change_as_it_gets_no_reminder(
        event: object) -> None:
    suspended = {e.key: e for e in DIRECTORY.establishments.values()}
    suspended["kestrel-house"] = replace(suspended["kestrel-house"], status="suspended")
    for directory in (with_live_facts(DIRECTORY, {"kestrel-house": _PAUSES[0]}),
                      with_records(DIRECTORY, DIRECTORY.organisations.values(),
                                   suspended.values())):
        decision = decide(_open(world=world(now=START + timedelta(hours=3),
                                            directory=directory)), event)  # type: ignore[arg-type]
        told = {e.establishment for e in _emails(decision)
                if e.template == "provider/window_changed"}
        assert told == {"larch-house", "harbour-house"}


def test_extend_after_a_close_with_options_is_refused_saying_what_to_do() -> None:
    closed = replace(_closed_with_nothing(), referral=replace(
        _closed_with_nothing().referral, comparison=({"label": "A"},)))
    decision = decide(closed, WindowExtended(actor=actor(SW), key="k", by=timedelta(days=2)))
    assert decision.snapshot == closed and not decision.answer.accepted
    assert "SHORTLIST" in decision.answer.message


@pytest.mark.parametrize("state", [State.WITHDRAWN, State.UNMET])
def test_a_withdrawn_or_unmet_referral_s_wave_deadlines_send_nothing(state: State) -> None:
    """Withdrawing (or ending as unmet need) cancels the wave's deadlines but sets no
    `closed_at`; one fired anyway (a replay) chases nobody and closes nothing (ux51c)."""
    before = snapshot(state, waves=(wave(opened=START),), responses={},
                      world=world(now=START + timedelta(hours=3)))
    assert before.open_wave is not None  # the wave was never closed
    for kind, seq in ((DeadlineKind.CHASE, 1), (DeadlineKind.CLOSE, 0)):
        decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=kind, wave=1,
                                              seq=seq))
        assert decision.commands == () and decision.snapshot == before
        assert decision.rule == "deadline-no-longer-applies"
