"""Rule `own-home-chosen` (workflows/search_outcome.py): when the child is placed with a home,
another home of the same provider that was sent the referral is told its own home was
chosen and that only its own part closes, keeping what the chosen home needs; never
"another home was chosen … please delete the referral and any copies" (ux49 U8: a shared
inbox was told to delete what its own chosen home needed). The closing note says "no action"
or "no response" once, not twice."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from broker.directory.live import with_records
from tests.provider_mail import emails_of, rendered
from tests.snapshots import DIRECTORY, SW, actor, snapshot, world
from workflows.events import FeeProposed
from workflows.lifecycle import decide
from workflows.states import State


def _placed(directory=DIRECTORY):  # type: ignore[no-untyped-def]
    before = replace(snapshot(State.NEGOTIATING), world=world(directory=directory))
    proposal = decide(before, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))
    from tests.unit.test_placement import _provider_agrees
    placed = decide(proposal.snapshot, _provider_agrees())
    assert placed.snapshot.state == State.PLACED
    [note] = [e for e in emails_of(placed, "provider/recalled")
              if e.establishment == "harbour-house"]
    message = rendered(note)
    return str(message["Subject"]), " ".join(
        message.get_body(("plain",)).get_content().split())


def test_a_home_of_the_chosen_homes_own_provider_is_told_its_own_home_was_chosen() -> None:
    # Harbour House, for this test, belongs to Kestrel House's provider
    homes = [replace(e, organisation="kestrel-homes") if e.key == "harbour-house" else e
             for e in DIRECTORY.establishments.values()]
    subject, body = _placed(with_records(DIRECTORY, DIRECTORY.organisations.values(), homes))
    assert subject == ("Northby, for Harbour House | search closed, your home Kestrel House "
                       "chosen | REF-2026-000001")
    assert "has closed: your own home, Kestrel House, was chosen" in body
    assert "This closes only Harbour House's part of the referral." in body
    assert "but keep what Kestrel House needs for the placement" in body
    assert "another home was chosen" not in body
    assert body.count("needed") == 1  # "No reply is needed." once


def test_another_providers_home_is_told_another_home_was_chosen_once() -> None:
    subject, body = _placed()
    assert "search closed, no action needed" in subject
    assert "has closed: another home was chosen. No action is needed." in body
    assert "No response is needed" not in body  # not said twice over
