"""A later reply's own word on a term stands over the earlier reply's form line for it (round
58 p02, o22, s03): "Confirmed, but the fee would now be £5,300" after "Weekly fee: £4,900" is a
fee of £5,300, and "we can no longer offer – but we could from 11/01/2027" moves the form's
start. A fee only said to change later ("from April 2027 will rise to £5,050") is no fee of the
reply's, so the form's stands; and an interest after a form's offer keeps the offer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.prose import prose_weekly_fee
from tests.snapshots import KESTREL, LARCH, RESPONSE_SPEC, SW, actor, snapshot
from workflows.commands import RecordEvent, RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

OFFER = "Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026\n"
SIGNED = "\n\nKind regards\nJo Price\nPlacements Officer\n"


def _reply(text: str, sender: str, key: str, n: int) -> ReplyReceived:
    reply = Reply(sender=sender, subject="RE: referral", message_id=f"<l{n}@example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 7))
    return ReplyReceived(actor=actor(sender), key=f"in:{n}", establishment=key, reply=reply)


def _stored(text: str, first: str = OFFER, state: State = State.OPEN, sender: str = LARCH,
            key: str = "larch-house") -> tuple[RecordResponse, list[Any]]:
    before = decide(snapshot(state), _reply(first, sender, key, 1)).snapshot
    commands = list(decide(before, _reply(text, sender, key, 2)).commands)
    [stored] = [c for c in commands if isinstance(c, RecordResponse)]
    return stored, commands


@pytest.mark.parametrize(("text", "fee"), [
    ("We can confirm, however given the 2:1 at night the fee would be £5,150 a week." + SIGNED,
     5150),
    ("Confirmed, but the fee would now be £5,300." + SIGNED, 5300),
    ("Thanks. Our fee is now £5,200.", 5200),
])
def test_a_fee_stated_outright_replaces_the_earlier_forms(text: str, fee: int) -> None:
    stored, _ = _stored(text)
    assert (stored.decision, stored.fields["weekly_fee"], stored.fields["available_from"]) == (
        "offer", fee, "2026-12-14")


def test_another_day_after_no_longer_moves_the_earlier_forms_start() -> None:
    stored, _ = _stored("Having spoken to our manager we can no longer offer – but we could "
                        "from 11/01/2027 if that helps?")
    assert (stored.decision, stored.fields["weekly_fee"], stored.fields["available_from"]) == (
        "offer", 4900, "2027-01-11")


@pytest.mark.parametrize("text", [
    "We confirm our offer but please note the fee from April 2027 will rise to £5,050 in line "
    "with our annual uplift.",
    "Still offering – please note our fee has gone up to £5,000 from 1 January.",
    "We could do 1:1 but the fee would be £300 more.",
])
def test_a_fee_for_later_or_for_something_else_leaves_the_forms_fee(text: str) -> None:
    stored, _ = _stored(text)
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4900)


def test_an_offer_in_prose_replaces_an_earlier_forms_interest() -> None:
    stored, _ = _stored("We can now offer at £4,900 a week from 14/12/2026.",
                        first="Decision: Interested\n")
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4900)


def test_an_interest_after_a_forms_offer_keeps_the_offer() -> None:
    stored, _ = _stored("Yes still interested.")
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4900)


def test_a_shortlisted_homes_new_fee_after_approval_reaches_the_social_worker() -> None:
    stored, commands = _stored("Confirmed, but the fee would now be £5,300." + SIGNED,
                               state=State.APPROVED, sender=KESTREL, key="kestrel-house")
    assert stored.fields["weekly_fee"] == 5300
    [changed] = [c for c in commands
                 if isinstance(c, RecordEvent) and c.kind == "fee-changed-after-approval"]
    assert changed.data["weekly_fee"] == "5300.00"
    assert any(isinstance(c, SendEmail) and c.to == SW for c in commands)


@pytest.mark.parametrize("text", [
    "We confirm our offer but please note the fee from April 2027 will rise to £5,050 in line "
    "with our annual uplift.",
    "From April 2027 the fee will rise to £5,050.",
    "In April our fee goes up to £5,050.",
    "Offer stands; the fee will rise to £5,050 next April.",
])
def test_a_fee_rising_on_a_later_day_named_anywhere_in_its_clause_is_not_todays(
        text: str) -> None:
    assert prose_weekly_fee(text) is None


@pytest.mark.parametrize("text", [
    "We can offer from 14 December, and our fee has gone up to £5,000 a week.",
    "Our fee has gone up to £5,000 a week.",
])
def test_a_fee_risen_now_beside_a_start_is_todays(text: str) -> None:
    assert prose_weekly_fee(text) == 5000


@pytest.mark.parametrize("text", [
    "We can still offer. Education at £650 a week is included.",
    "Yes we can still offer. Our fee includes £300 pw for therapy.",
])
def test_a_part_the_fee_includes_is_no_fee_to_replace_the_forms(text: str) -> None:
    assert prose_weekly_fee(text) is None
    stored, _ = _stored(text)
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4900)


@pytest.mark.parametrize("text", [
    "Our offer includes a weekly fee of £4,900.",
    "£4,900 per week, of which £650 is education.",
    "Still offering - the £4,900 includes education.",
])
def test_the_fee_that_includes_a_part_is_still_the_fee(text: str) -> None:
    assert prose_weekly_fee(text) == 4900
