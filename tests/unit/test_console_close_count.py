"""The console's "close the window now?" counts the homes that have answered, and a reply
with no decision in it ("Not this one, thanks", read as none) is not yet an answer (ux47:
"5 of 13 providers have answered" counted such a reply, and the lead closed on it)."""

from __future__ import annotations

from channels.web.console.confirm import consequence
from tests.snapshots import snapshot
from workflows.snapshot import ResponseRecord
from workflows.states import State


def test_only_replies_with_a_decision_count_as_answers() -> None:
    responses = {"kestrel-house": ResponseRecord("kestrel-house", "offer"),
                 "larch-house": ResponseRecord("larch-house", "", missing=("decision",))}
    _, told = consequence("close", snapshot(State.OPEN, responses=responses))
    assert told.startswith("1 of 3 providers have answered.")
