"""The IPA reaches the officer who agreed the fee (rule `ipa-to-who-agreed`, ux47 #3): Larch
House lists larch.house@ first and its group's referrals@ second; the officer agreed from
referrals@ and never received the agreement, which went to larch.house@ only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tests.snapshots import LARCH, SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FeeProposed, Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

GROUP = "referrals@larchcare.example"  # Larch House's second registered contact


def _larch_agrees(sender: str) -> ReplyReceived:
    reply = Reply(sender, "Re: fee", "<m@larchcare.example>", {}, "Agreed, thank you.",
                  date(2026, 11, 25))
    return ReplyReceived(actor=actor(sender), key="k", establishment="larch-house",
                         reply=reply)


def _ipas(sender: str) -> list[SendEmail]:
    before = snapshot(State.NEGOTIATING)
    before = replace(before, referral=replace(before.referral, chosen="larch-house"))
    proposal = decide(before, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4200")))
    placed = decide(proposal.snapshot, _larch_agrees(sender))
    assert placed.snapshot.state == State.PLACED
    return [c for c in placed.commands
            if isinstance(c, SendEmail) and c.template == "provider/ipa"]


def test_the_ipa_also_goes_to_the_homes_other_contact_that_agreed() -> None:
    ipas = _ipas(GROUP)
    assert sorted(e.to for e in ipas) == sorted([LARCH, GROUP])
    assert len({e.key for e in ipas}) == 2
    assert ipas[0].context["link"] == ipas[1].context["link"]


def test_agreed_from_its_own_address_or_one_not_registered_it_goes_once() -> None:
    assert [e.to for e in _ipas(LARCH)] == [LARCH]
    # an address at the group's domain that the directory does not list gets nothing
    assert [e.to for e in _ipas("someone@larchcare.example")] == [LARCH]
