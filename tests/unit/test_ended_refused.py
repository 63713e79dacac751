"""A provider's `ENDED REF-…` it may not give is answered with the reason that applies to it:
a home the referral went to is told the referral has no placement, or that the placement is
another home's; any other provider is told only who may end a placement, never whether this
referral has one; a council colleague is still told whom to ask."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.snapshots import COLLEAGUE, KESTREL, LARCH, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import PlacementEnded
from workflows.lifecycle import decide
from workflows.states import State

SKYLARK = "referrals@skylarkfostering.example"  # a provider the referral never went to


def ended(who: str) -> PlacementEnded:
    return PlacementEnded(actor=actor(who), key="k", on=date(2027, 2, 1),
                          reason="carer illness", reference="REF-2026-000001")


def answer(state: State, who: str, chosen: str | None = None) -> str:
    before = snapshot(state)
    if chosen is not None:
        before = replace(before, referral=replace(before.referral, chosen=chosen))
    decision = decide(before, ended(who))
    assert not decision.answer.accepted and decision.snapshot.state == state
    (told,) = [c for c in decision.commands if isinstance(c, SendEmail) and c.to == who]
    assert told.context["why"] == decision.answer.message
    return decision.answer.message


def test_a_home_the_referral_went_to_is_told_it_has_no_placement() -> None:
    why = answer(State.CLOSED, LARCH)
    assert "REF-2026-000001 has no placement to end" in why
    assert "Only the referring social worker" not in why


def test_a_home_not_chosen_is_told_the_placement_is_another_homes() -> None:
    why = answer(State.PLACED, LARCH)  # Kestrel House was chosen and placed
    assert "placement is with another home" in why and "nothing was changed" in why


def test_a_provider_it_never_went_to_learns_nothing_of_the_placement() -> None:
    for state in (State.CLOSED, State.PLACED):
        why = answer(state, SKYLARK)
        assert "Only the home a child was placed with" in why
        assert "no placement" not in why and "another home" not in why


def test_a_council_colleague_is_still_told_whom_to_ask() -> None:
    why = answer(State.PLACED, COLLEAGUE)
    assert "Only the referring social worker (sam.taylor@northby.gov.example)" in why


def test_the_chosen_home_still_ends_its_placement() -> None:
    decision = decide(snapshot(State.PLACED), ended(KESTREL))
    assert decision.snapshot.state == State.ENDED
