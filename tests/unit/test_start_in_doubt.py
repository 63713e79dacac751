"""Rule `start-in-doubt` (workflows/counter_start.py `doubted`): the chosen home's reply, passed
on unread, says a later start than the one on record but no new start is held with a fee
("22/02/2027 at the earliest now", or a counter whose day cannot be read, "£4,600 but not
until after the half term"). An "Agreed" from the home before she answers is held; her next
proposal's confirmation says the agreement would still start on the day on record, and the
later day, before any "Agreed" can place the child (round 62 k01's safety net: the child had
been placed from a start the home said it could not do, her proposal email silent on it)."""

from __future__ import annotations

from decimal import Decimal

from tests.snapshots import SW, actor
from tests.unit.test_counter_start import _ipa_start, _negotiating, _reply, _text
from workflows.commands import IssueDocument, RecordEvent
from workflows.events import FeeProposed
from workflows.lifecycle import decide


def _held_kinds(decision) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return [c.data for c in decision.commands if isinstance(c, RecordEvent)
            and c.kind == "counter-start-held"]


def test_an_agreed_after_a_later_start_said_is_held_for_her() -> None:
    said = _reply(_negotiating(), "Sorry – 22/02/2027 at the earliest now, staffing.", 1)
    assert said.rule == "chosen-reply-unread"
    assert [(d["later_start"], d["start"]) for d in _held_kinds(said)] == [("2027-02-22", "")]
    agreed = _reply(said.snapshot, "Agreed.", 2)
    assert agreed.rule == "chosen-reply-unread"
    assert not [c for c in agreed.commands if isinstance(c, IssueDocument)]
    told = _text(agreed, "social_worker/chosen_reply_unread", SW)
    assert 'its reply says "Agreed", but its reply before it said it can start only from ' \
           "Monday 22 February 2027, while the latest proposal was from Monday 14 December " \
           "2026, the start on record" in told
    assert "Nothing has been agreed, so that no placement agreement starts on a day the home " \
           "said it cannot do" in told


def test_her_proposal_after_a_later_start_said_tells_her_the_start_it_carries() -> None:
    said = _reply(_negotiating(), "Sorry – 22/02/2027 at the earliest now, staffing.", 1)
    proposed = decide(said.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    told = _text(proposed, "social_worker/fee_proposed", SW)
    assert "from Monday 14 December 2026, the start on record. Kestrel House's last reply said " \
           "it can start only from Monday 22 February 2027: if it agrees this proposal, the " \
           "placement agreement still starts on Monday 14 December 2026" in told
    assert 'reply with its fee and start in one line (for example "We can do £4,600 from ' \
           'Monday 22 February 2027")' in told
    agreed = _reply(proposed.snapshot, "Agreed.", 2)  # to a proposal that said the 14th
    assert agreed.rule == "fee-agreed" and _ipa_start(agreed) == "2026-12-14"


def test_a_counter_whose_day_cannot_be_read_is_said_to_move_the_start() -> None:
    held = _reply(_negotiating(), "We can do £4,600 but not until after the half term.", 1)
    assert [(d["later_start"], d["moved"]) for d in _held_kinds(held)] == [("", True)]
    proposed = decide(held.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    told = _text(proposed, "social_worker/fee_proposed", SW)
    assert "Kestrel House's last reply said its start changes, on a day that could not be " \
           "read: if it agrees this proposal, the placement agreement still starts on Monday " \
           "14 December 2026" in told


def test_a_counter_held_with_its_start_is_not_replaced_by_a_later_mention() -> None:
    held = _reply(_negotiating(), "We can do £4,600 from 22/02/2027.", 1)
    again = _reply(held.snapshot, "Sorry, can you confirm you got our email? 22/02/2027 is "
                   "the earliest start we can do.", 2)
    assert again.rule == "chosen-reply-unread" and not _held_kinds(again)
    proposed = decide(again.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    assert "from Monday 22 February 2027, the start the home put forward" in _text(
        proposed, "social_worker/fee_proposed", SW)


def test_an_unread_reply_with_no_later_start_records_nothing() -> None:
    quiet = _reply(_negotiating(), "Thanks, will come back to you by 16/12.", 1)
    assert quiet.rule == "chosen-reply-unread" and not _held_kinds(quiet)
    proposed = decide(quiet.snapshot, FeeProposed(actor=actor(SW), fee=Decimal("4600")))
    assert "the start on record" not in _text(proposed, "social_worker/fee_proposed", SW)
