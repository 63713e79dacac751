"""The console's response window and answers as the placements team reads them (ux51c):
a withdrawn or ended referral's window no longer counts down, though withdrawing sets no
wave's `closed_at`; a home paused since it was sent the referral is not waited for (rule
paused-not-chased) but counted apart; and a reply that gave no decision is not an answer,
in the referrals list as in the close confirmation (rule answer-has-a-decision)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace as Row
from typing import Any

import pytest

from broker.db.tables import Referral, Wave
from broker.directory import load_directory
from channels.web.console.next_step import next_step
from channels.web.console.record import ReferralRecordSet
from channels.web.console.referrals import referral_view, window_open
from tests.factories import CONFIG
from workflows.snapshot import ResponseRecord, has_answered
from workflows.states import State

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SAM = "sam.taylor@northby.gov.example"


def _wave() -> Wave:
    return Wave(referral_id=7, number=1, opened_at=NOW - timedelta(hours=1),
                closes_at=NOW + timedelta(hours=23))


def _records(state: str) -> ReferralRecordSet:
    referral = Referral(id=7, reference="REF-2026-000007", state=state, authority="northby",
                        referrer=SAM, created_at=NOW, anonymised={"profile": {}, "text": {}})
    return ReferralRecordSet(referral=referral, waves=[_wave()])


@pytest.mark.parametrize("state", [State.WITHDRAWN, State.UNMET, State.PLACED, State.ENDED])
def test_a_referral_no_longer_live_shows_no_window_counting_down(state: State) -> None:
    view = referral_view(_records(state), load_directory(CONFIG), NOW)
    assert (view["deadline"], view["countdown"]) == ("", "")
    assert not window_open(state, _wave())


def test_an_open_referral_s_window_counts_down_and_a_closed_wave_does_not() -> None:
    view = referral_view(_records(State.OPEN), load_directory(CONFIG), NOW)
    assert view["countdown"] == "closes in 23 hours"
    closed = _wave()
    closed.closed_at = NOW
    assert window_open(State.OPEN, _wave()) and not window_open(State.OPEN, closed)
    assert not window_open(State.OPEN, None)


HOMES = {"kestrel": "Kestrel House", "oak": "Oak Lodge", "copper": "Copper Beech House"}


def _open(responses: tuple[Any, ...] = ()) -> Any:
    referral = Row(state="open", referrer=SAM, comparison=[], chosen="", urgency="urgent")
    matches = [Row(establishment=k, establishment_name=n, eligible=True, wave=1)
               for k, n in HOMES.items()]
    wave = Row(number=1, opened_at=NOW - timedelta(hours=3), closed_at=None,
               closes_at=NOW + timedelta(hours=3))
    return ReferralRecordSet(referral=referral, matches=matches,  # type: ignore[arg-type]
                             waves=[wave], responses=list(responses))


def _step(records: Any, paused: dict[str, str]) -> str:
    return next_step(records, now=NOW, window=timedelta(hours=24), approvers=(), needed=1,
                     team="", paused=paused).waiting_for


def test_a_home_paused_by_its_provider_is_not_waited_for_but_counted_apart() -> None:
    paused = {"copper": "paused by its provider: staff training (since 7 December 2026)"}
    assert _step(_open(), paused) == (
        "2 homes to answer by 7 Dec 2026, 13:00 (Kestrel House and Oak Lodge) (1 paused "
        "home was not chased); then Sam Taylor to SHORTLIST")
    answered = (Row(establishment=k, decision="decline", status="current", late=False,
                    missing=[], fields={}) for k in ("kestrel", "oak"))
    assert _step(_open(tuple(answered)), paused) == (
        "the window to close at 7 Dec 2026, 13:00 (every home not paused has answered) "
        "(1 paused home was not chased); then Sam Taylor to SHORTLIST")
    assert "Copper Beech House" in _step(_open(), {})  # not paused: waited for


def test_a_reply_with_no_decision_is_not_an_answer_anywhere() -> None:
    undecided = Row(establishment="kestrel", decision="", status="current", late=False,
                    missing=["decision"], fields={})
    assert _step(_open((undecided,)), {}).startswith("3 homes to answer")
    assert not has_answered(ResponseRecord("kestrel", "")) and not has_answered(None)
    assert has_answered(ResponseRecord("kestrel", "decline"))
