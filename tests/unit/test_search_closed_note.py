"""Every home sent a referral hears, once, that the search has closed (rule
`search-closed-note`): the homes that never answered and those that declined, when the
referral is placed elsewhere, declared unmet or withdrawn, never when its window closes with
nothing to shortlist (a late offer can still be shortlisted); not a home paused or
suspended since, which also gets no more reminders (rule `paused-not-chased`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from broker.directory.live import LiveFacts, with_live_facts
from tests.provider_mail import emails_of, rendered
from tests.snapshots import DIRECTORY, NOW, SW, actor, snapshot, wave, world
from workflows.events import (
    SERVICE,
    DeadlineDue,
    DeadlineKind,
    FeeProposed,
    UnmetDeclared,
    Withdrawn,
)
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

DECLINED = ResponseRecord("larch-house", "decline", {}, {"decline_reason": "no vacancy"})
PAUSED = with_live_facts(DIRECTORY, {"larch-house": LiveFacts(paused="full until March")})


def _placed(before):  # type: ignore[no-untyped-def]
    proposal = decide(before, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))
    from tests.unit.test_placement import _provider_agrees
    return decide(proposal.snapshot, _provider_agrees())


def _closed_by_its_deadline(responses):  # type: ignore[no-untyped-def]
    """The sample referral's window reaching its close with these answers."""
    open_ = snapshot(State.OPEN, responses=responses)
    open_ = replace(open_, waves=(wave(opened=NOW - timedelta(hours=24)),))
    return open_, decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                            wave=1, seq=0, due_at=NOW))


def _closing(decision):  # type: ignore[no-untyped-def]
    return {e.establishment: e for e in emails_of(decision, "provider/recalled")}


def test_a_home_that_never_answered_is_told_when_another_home_is_placed() -> None:
    placed = _placed(snapshot(State.NEGOTIATING))
    assert placed.snapshot.state == State.PLACED
    notes = _closing(placed)
    # Kestrel has the IPA, Larch (shortlisted) the thanks: Harbour never answered
    assert set(notes) == {"harbour-house"}
    message = rendered(notes["harbour-house"])
    assert message["Subject"] == ("Northby, for Harbour House | search closed, no action "
                                  "needed | REF-2026-000001")
    body = message.get_body(("plain",)).get_content()
    assert "has closed: another home was chosen. No action is needed." in body
    assert "Please delete the referral, and any copies" in body
    assert "withdrawn" not in body


def test_unmet_tells_the_silent_and_the_declined_once_each() -> None:
    before = snapshot(State.CLOSED)
    before = replace(before, responses={**before.responses, "larch-house": DECLINED})
    ended = decide(before, UnmetDeclared(actor=actor(SW), key="k", reason="none near enough"))
    notes = _closing(ended)
    assert set(notes) == {"larch-house", "harbour-house"}  # Kestrel offered: not_selected
    assert [e.establishment for e in emails_of(ended, "provider/not_selected")] == [
        "kestrel-house"]
    assert "the search ended without a placement" in rendered(
        notes["larch-house"]).get_body(("plain",)).get_content()


def test_a_window_closing_with_no_offer_is_no_end_unmet_then_tells_every_home_once() -> None:
    """Rule `closed-is-not-ended` (attacker review 30 F2): a window closing with no offer
    leaves the referral CLOSED, still taking a late offer the social worker may shortlist,
    so no home is told to delete it then; UNMET or WITHDRAW, which do end it, tell them."""
    _, closed = _closed_by_its_deadline({"larch-house": DECLINED})
    assert closed.snapshot.state == State.CLOSED
    assert _closing(closed) == {} and not emails_of(closed, "provider/not_selected")
    unmet = decide(closed.snapshot, UnmetDeclared(actor=actor(SW), key="u", reason="none"))
    notes = _closing(unmet)
    assert set(notes) == {"kestrel-house", "larch-house", "harbour-house"}
    assert "the search ended without a placement" in rendered(
        notes["kestrel-house"]).get_body(("plain",)).get_content()
    # whatever ends it sends the same keys: the outbox keeps one email per home per referral
    withdrawn = decide(closed.snapshot, Withdrawn(actor=actor(SW), key="w", reason="home"))
    assert {e.key for e in emails_of(withdrawn, "provider/recalled")} == {
        e.key for e in notes.values()}


def test_a_late_offer_after_a_close_with_no_offers_is_still_taken() -> None:
    _, closed = _closed_by_its_deadline({"larch-house": DECLINED})
    from tests.unit.test_responses import _reply
    offer = replace(_reply("Decision: offer\nWeekly fee: £4,800\nAvailable from: 25/11/2026",
                           sender=closed.snapshot.recipients["harbour-house"].contact),
                    establishment="harbour-house")
    late = decide(closed.snapshot, offer)
    assert late.snapshot.state == State.CLOSED
    assert [r["establishment"] for r in late.snapshot.referral.comparison] == [
        "harbour-house"]
    assert _closing(late) == {}


def test_a_window_closing_with_an_offer_is_no_end() -> None:
    offer = ResponseRecord("kestrel-house", "offer", {}, {"weekly_fee": 4800})
    _, closed = _closed_by_its_deadline({"kestrel-house": offer, "larch-house": DECLINED})
    assert closed.snapshot.state == State.CLOSED
    assert _closing(closed) == {}


def test_a_paused_home_gets_no_closing_note_and_no_reminder() -> None:
    paused_world = world(directory=PAUSED)
    before = snapshot(State.CLOSED, world=paused_world)
    ended = decide(before, UnmetDeclared(actor=actor(SW), key="k", reason="none near enough"))
    assert set(_closing(ended)) == {"harbour-house"}
    earlier = NOW - timedelta(hours=6)
    open_ = snapshot(State.OPEN, world=world(now=earlier, directory=PAUSED))
    chased = decide(open_, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CHASE,
                                       wave=1, seq=2, due_at=earlier))
    chased_homes = {e.establishment for e in emails_of(chased, "provider/chaser")}
    assert chased_homes == {"kestrel-house", "harbour-house"}
    # the withdrawal's recall still reaches it: it has the referral to delete
    withdrawn = decide(before, Withdrawn(actor=actor(SW), key="w", reason="going home"))
    assert "larch-house" in _closing(withdrawn)
