"""Who acts next on a referral and how each home it went to stands, from the records the
workflow keeps (channels/web/console/next_step.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace as Row
from typing import Any

from channels.web.console.next_step import home_answers, next_step
from channels.web.console.record import ReferralRecordSet

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SAM = "sam.taylor@northby.gov.example"
HOMES = {"kestrel": "Kestrel House", "oak": "Oak Lodge", "ash": "Ash View", "elm": "Elm Court"}


def _records(state: str, *, events: tuple[Any, ...] = (), responses: tuple[Any, ...] = (),
             **more: Any) -> Any:
    referral = Row(state=state, referrer=SAM, comparison=more.pop("comparison", []),
                   chosen=more.pop("chosen", ""), urgency="urgent")
    matches = [Row(establishment=k, establishment_name=n, eligible=True, wave=1)
               for k, n in HOMES.items()]
    return ReferralRecordSet(referral=referral, matches=matches,  # type: ignore[arg-type]
                             events=list(events), responses=list(responses), **more)


def _event(kind: str, at: datetime, **data: Any) -> Any:
    return Row(kind=kind, at=at, data=data)


def _answer(key: str, decision: str | None, **fields: Any) -> Any:
    return Row(establishment=key, decision=decision, status="current", late=False,
               missing=[], fields=fields)


def test_each_recipient_says_how_it_answered_how_often_it_was_chased_and_what_it_was_told(
        ) -> None:
    records = _records(
        "closed",
        events=(_event("chased", NOW, establishments=["oak", "ash", "elm"]),
                _event("response", NOW, establishment="oak"),
                _event("chased", NOW, establishments=["ash", "elm"])),
        responses=(_answer("kestrel", "offer"), _answer("oak", "decline",
                                                        decline_reason="no-vacancy")),
        sent=[{"kind": "provider/closed_with_thanks", "establishment": "oak"}])
    assert home_answers(records, {"elm": "refurbishment, since 1 Dec"}) == {
        "kestrel": "answered: offer",
        "oak": "answered: decline (no vacancy); told the search closed",
        "ash": "not answered, chased twice",
        "elm": "not answered, chased twice; paused by its provider"}
    # a home the placements team paused is not said to be paused by its provider
    team = home_answers(records, {"elm": "by the placements team: review (since 1 Dec)"})
    assert team["elm"] == "not answered, chased twice; paused by the placements team"


def _step(records: Any) -> Any:
    return next_step(records, now=NOW, window=timedelta(hours=24), needed=2, team="",
                     approvers=["alex.morgan@n.example", "ruth.adeyemi@n.example"])


def test_after_approval_the_shortlisted_confirm_by_their_time_then_the_social_worker_chooses(
        ) -> None:
    released = NOW - timedelta(hours=25)
    papers = _event("papers-released", released, establishments=["kestrel", "oak"],
                    expires=(released + timedelta(days=14)).isoformat())
    step = _step(_records("approved", events=(papers,)))
    assert step.waiting_for == ("Kestrel House and Oak Lodge to confirm by 7 Dec 2026, 09:00; "
                                "then Sam Taylor to CHOOSE")
    assert step.overdue and step.due == released + timedelta(hours=24)
    confirmed = _event("response", NOW - timedelta(hours=1), establishment="kestrel")
    step = _step(_records("approved", events=(papers, confirmed)))
    assert step.waiting_for.startswith("Oak Lodge to confirm by")
    withdrew = _answer("oak", "withdrawn")
    step = _step(_records("approved", events=(papers, confirmed), responses=(withdrew,)))
    assert (step.waiting_for, step.overdue) == ("Sam Taylor to CHOOSE", False)
    step = _step(_records("approved", events=(_event("papers-released", NOW, establishments=[
        "kestrel"], expires=(NOW + timedelta(days=14)).isoformat()),)))
    assert not step.overdue  # not yet due


def test_each_state_names_who_acts_next() -> None:
    closes = NOW + timedelta(hours=3)
    wave = Row(number=1, opened_at=NOW - timedelta(hours=3), closed_at=None, closes_at=closes)
    step = _step(_records("open", waves=[wave], responses=(_answer("kestrel", "offer"),)))
    assert step.waiting_for == ("3 homes to answer by 7 Dec 2026, 13:00 (Oak Lodge, Ash View "
                                "and Elm Court); then Sam Taylor to SHORTLIST")
    assert _step(_records("closed", comparison=[{"label": "A"}])).waiting_for == \
        "Sam Taylor to SHORTLIST"
    rounds = [Row(round=1, expires_at=NOW + timedelta(days=1))]
    approvals = [Row(round=1, approver="alex.morgan@n.example", decision="approve")]
    assert _step(_records("awaiting-approval", rounds=rounds, approvals=approvals)
                 ).waiting_for == ("1 more commissioner's approval (not yet: Ruth Adeyemi; "
                                   "approved: Alex Morgan), by 8 Dec 2026, 10:00")
    fee = [Row(by="authority", status="proposed", weekly_fee="4900.00", establishment="kestrel")]
    assert _step(_records("negotiating", chosen="kestrel", fee_rounds=fee)).waiting_for == \
        "Kestrel House to agree the fee of £4,900 a week, or answer it"
    signing = [Row(by="provider", status="awaiting-sign-off", weekly_fee="5600.00",
                   establishment="kestrel")]
    assert _step(_records("negotiating", chosen="kestrel", fee_rounds=signing)).waiting_for \
        == "a budget holder to sign off £5,600 a week with Kestrel House"
    assert _step(_records("placed")).line == "Waiting for: nobody; the search has ended."
