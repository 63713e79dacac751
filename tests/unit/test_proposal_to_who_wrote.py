"""A fee proposal reaches the officer who wrote for the chosen home (rule
`proposal-to-who-wrote`, ux47 #3): Larch House lists larch.house@ first and its group's
referrals@ second; the officer offered and countered from referrals@, and the council's
proposal went to larch.house@ only. The store finds the address the home's latest mail
came from (`Snapshot.last_written_from`); the proposal is copied to it when it is another
of the home's registered contacts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.snapshots import LARCH, SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FeeProposed
from workflows.lifecycle import decide
from workflows.states import State

GROUP = "referrals@larchcare.example"  # Larch House's second registered contact


def _proposals(last_written_from: str) -> list[SendEmail]:
    before = snapshot(State.NEGOTIATING, last_written_from=last_written_from)
    before = replace(before, referral=replace(before.referral, chosen="larch-house"))
    decision = decide(before, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4200")))
    assert decision.answer.accepted, decision.answer.message
    return [c for c in decision.commands
            if isinstance(c, SendEmail) and c.template == "provider/fee_proposal"]


def test_the_proposal_is_copied_to_the_homes_other_contact_that_last_wrote() -> None:
    proposals = _proposals(GROUP)
    assert sorted(e.to for e in proposals) == sorted([LARCH, GROUP])
    assert len({e.key for e in proposals}) == 2
    assert proposals[0].context == proposals[1].context
    assert {e.establishment for e in proposals} == {"larch-house"}  # its answer counts


def test_written_from_its_own_address_none_or_one_not_registered_it_goes_once() -> None:
    assert [e.to for e in _proposals(LARCH)] == [LARCH]
    assert [e.to for e in _proposals("")] == [LARCH]
    assert [e.to for e in _proposals("someone@larchcare.example")] == [LARCH]
