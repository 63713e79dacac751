"""A location line anyone can make long (review 42): reading its exclusions costs no more
than reading its first few thousand characters, and what is past them is told, not dropped.

Before, each lead ("away from", "not in") searched the whole line before it for a denial:
a quarter of a megabyte of "away from X." took eight minutes of CPU in the intake worker,
from any sender who could put a form in (a forged From is held, but still read); and every
exclusion read was weighed against every home, so thousands of them cost as much again.
"""

from __future__ import annotations

from broker.forms.keep_away import MOST_PLACES, keep_aways, unread
from tests.growth import LINEAR, growth, repeated
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_keep_away import _sent_to, _with_location
from workflows.events import FormReceived
from workflows.lifecycle import decide as lifecycle_decide
from workflows.states import State


def test_many_exclusions_on_a_long_line_cost_no_more_than_a_short_one() -> None:
    assert growth(repeated("away from Kent. "), keep_aways, 8_000, repeats=3) < LINEAR
    assert growth(repeated("not 5 miles from Leeds; "), keep_aways, 8_000, repeats=3) < LINEAR


def test_an_exclusion_repeated_is_read_once() -> None:
    assert [k.words for k in keep_aways("away from Kent. " * 500)] == ["away from Kent"]


def test_exclusions_past_the_limit_are_told_to_her_not_dropped() -> None:
    towns = " ".join(f"away from Town{i}." for i in range(MOST_PLACES + 10))
    read = keep_aways(f"Not in London. {towns}")
    assert read[0].places == ("London",) and len(read) == MOST_PLACES
    assert unread(towns).startswith(f"away from Town{MOST_PLACES}.")
    sent = lifecycle_decide(
        snapshot(State.NEW),
        FormReceived(actor=actor(SW), key="k", form=_with_location(f"Not in London. {towns}")),
    )
    ack = next(
        c for c in sent.commands if getattr(c, "template", "") == "social_worker/acknowledgement"
    )
    assert ack.context["location_unread"][-1].startswith(f"away from Town{MOST_PLACES - 1}.")
    assert ack.context["location_unread"][-1].endswith("...")


def test_a_line_longer_than_is_read_says_where_reading_stopped() -> None:
    line = "Not in London. " + "She loves horses and swimming. " * 300 + "away from Leeds"
    assert [k.places for k in keep_aways(line)] == [("London",)]
    assert unread(line).startswith(("horses", "loves", "and", "swimming", "She"))
    assert (
        _sent_to(
            lifecycle_decide(
                snapshot(State.NEW),
                FormReceived(actor=actor(SW), key="k", form=_with_location(line)),
            )
        )
        is not None
    )
