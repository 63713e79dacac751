"""Rule fee-per-child-for-the-group (broker/forms/values.py): a sibling group's fee given per
child ("£3,100 per child per week", "£3,100 each") is the group's weekly fee, times the
referral's number of children placed together, and said so; with that number not known (or
one child) it is not priced, and the fee is asked, never one child's taken for the group's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.money import group_fee_said
from broker.forms.prose import prose_weekly_fee
from broker.forms.response import read_response
from broker.forms.values import fee_for_each_child, parse_money_weekly
from channels.slack.blocks import _child
from tests.provider_mail import text_of
from tests.snapshots import LARCH, RESPONSE_SPEC, SW, TEAM, actor, snapshot
from workflows.commands import RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived, Shortlisted, WindowClosed
from workflows.lifecycle import decide
from workflows.states import State

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(("written", "children", "weekly"), [
    ("£3,100 per child per week", 2, "6200"),
    ("£3,100 each", 2, "6200"),
    ("£3,100 pw each", 3, "9300"),
    ("£3,100 for each child per week", 2, "6200"),
    ("£3,100 a child", 2, "6200"),
    ("£450 per child per day", 2, "6300"),  # the period after "per child" is the fee's
    ("£1,150 pw each (£2,300 pw in total)", 2, "2300"),  # a total written is the fee
    ("£1,150 pw each (£2,300 pw in total)", None, "2300"),
    ("£3,100 each week", None, "3100"),  # "each week" is no child
])
def test_a_fee_per_child_is_the_groups(written: str, children: int | None, weekly: str) -> None:
    assert parse_money_weekly(written, children=children) == Decimal(weekly)


@pytest.mark.parametrize(("written", "children"), [
    ("£3,100 per child per week", None),  # how many children: not known
    ("£3,100 each", 1),  # one child, a fee "each": which is meant is asked
    ("£4,900 pw for the older girl", 2),  # a child's own fee: the group's is asked
])
def test_a_fee_per_child_with_no_number_of_children_is_not_priced(written: str,
                                                                  children: int | None) -> None:
    with pytest.raises(ValueError, match="a fee for each child"):
        parse_money_weekly(written, children=children)


def test_each_childs_fee_is_read_apart() -> None:
    assert fee_for_each_child("£3,100 per child per week") == Decimal(3100)
    assert fee_for_each_child("£6,200 per week") is None
    assert fee_for_each_child("£1,150 pw each (£2,300 pw in total)") is None


def test_a_fee_per_child_in_prose_is_the_groups_when_their_number_is_known() -> None:
    said = "We can offer a place for both at £3,100 per child per week from 14/12/2026."
    assert prose_weekly_fee(said, children=2) == Decimal(6200)
    assert prose_weekly_fee(said) is None
    # "for each child" ends no fee's words: never £3,100 taken for the group's
    assert prose_weekly_fee("Our fee is £3,100 for each child, from 14/12/2026.") is None


@pytest.mark.parametrize("reply", [
    ({"decision": "Offer", "weekly_fee": "£3,100 per child per week",
      "available_from": "14/12/2026"}, ""),
    ({}, "We can offer a place for both children at £3,100 each per week from 14/12/2026."),
])
def test_a_reply_with_a_fee_per_child_records_the_groups_and_each_childs(
        reply: tuple[dict[str, str], str]) -> None:
    fields, text = reply
    read = read_response(fields, text, RESPONSE_SPEC, message_date=_DEC7, children=2)
    assert (read.decision, read.weekly_fee, read.fee_per_child) == (
        "offer", Decimal(6200), Decimal(3100))
    assert "weekly_fee" not in read.missing
    unknown = read_response(fields, text, RESPONSE_SPEC, message_date=_DEC7)
    assert (unknown.weekly_fee, unknown.fee_per_child) == (None, None)
    assert "weekly_fee" in unknown.missing  # not priced: asked of the home


def test_a_groups_fee_given_per_child_is_said_so() -> None:
    assert group_fee_said(Decimal(6200), Decimal(3100), 2) == (
        "£6,200 a week (£3,100 per child for 2 children)")


def _siblings(state: State, children: int | None):  # type: ignore[no-untyped-def]
    before = snapshot(state, responses={})
    profile = {**before.referral.anonymised["profile"], "siblings": children}
    return replace(before, referral=replace(before.referral, anonymised={
        **before.referral.anonymised, "profile": profile}))


def _reply(text: str) -> ReplyReceived:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<per-child@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23))
    return ReplyReceived(actor=actor(LARCH), key="in:1", establishment="larch-house",
                         reply=reply)


_PER_CHILD = ("Decision: offer\nHome or carer: Larch House\nWeekly fee: £3,100 per child per "
              "week\nAvailable from: 01/12/2026")


def test_two_siblings_fee_per_child_goes_through_the_comparison_to_the_approval() -> None:
    answered = decide(_siblings(State.OPEN, 2), _reply(_PER_CHILD))
    [stored] = [c for c in answered.commands if isinstance(c, RecordResponse)]
    assert stored.missing == () and Decimal(str(stored.fields["weekly_fee"])) == Decimal(6200)
    closed = decide(answered.snapshot, WindowClosed(actor=actor(TEAM), key="k"))
    [row] = [row for row in closed.snapshot.referral.comparison
             if row["establishment"] == "larch-house"]
    assert Decimal(str(row["weekly_fee"])) == Decimal(6200)  # priced, not "no fee given yet"
    label = row["label"]
    asked = decide(closed.snapshot, Shortlisted(actor=actor(SW), key="k", labels=(label,),
                                                views={"parents": "Happy", "child": "Keen"}))
    [request, *_] = [c for c in asked.commands if isinstance(c, SendEmail)
                     and c.template == "commissioner/approval_request"]
    text = text_of(request)
    assert "Weekly fee: £6,200 a week (£3,100 per child for 2 children)" in text
    assert "The children: 2 placed together" in text


def test_with_the_number_of_children_not_known_the_fee_per_child_is_asked() -> None:
    answered = decide(_siblings(State.OPEN, None), _reply(_PER_CHILD))
    [stored] = [c for c in answered.commands if isinstance(c, RecordResponse)]
    assert "weekly_fee" in stored.missing and stored.fields.get("weekly_fee") is None


def test_slack_names_a_sibling_group_as_such() -> None:
    assert _child({"age": 14, "gender": "female", "placement_type": "residential",
                   "siblings": 2}) == "2 children together, 14, female, residential"
    assert _child({"age": 14, "gender": "female", "siblings": 1}) == "14, female"
