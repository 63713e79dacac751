"""Replies as round 56's outside tester wrote them, a placements officer's first read: an offer
to take the child by any name ("the young person", "YP", "Maddie", "this young lady"), a start
said in a clause of its own ("Monday 14th is fine for us", "she moves in Monday 14th"), and a
home that does not feel it could keep her safe."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.the_child import as_her
from tests.factories import parsed_reply

_DEC7 = date(2026, 12, 7)  # a Monday
_HOME = "Harbour House"


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Hi Sam,\n\nWe can take the young person from Monday 14th, \u00a34,300 pw.\n", 4300,
     date(2026, 12, 14)),
    ("Happy to take YP from 16/12 - \u00a34,300 pw\n", 4300, date(2026, 12, 16)),
    ("We could take Maddie from Weds 16th at \u00a34,300 per week. The 14th is too soon as "
     "we're finishing a room refurb.\n", 4300, date(2026, 12, 16)),
    ("We could have Maddie from 16/12\n", None, date(2026, 12, 16)),
    ("We could take this young lady from the 14th at \u00a34,300 pw.\n", 4300,
     date(2026, 12, 14)),
    ("We can take the child this coming Monday, \u00a34,300 pw.\n", 4300, date(2026, 12, 14)),
    ("We could take Maddie Monday 14th, \u00a34,300 pw.\n", 4300, date(2026, 12, 14)),
])
def test_taking_the_child_by_any_name_is_an_offer(text: str, fee: int | None,
                                                  start: date) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", start)
    assert (None if parsed.weekly_fee is None else int(parsed.weekly_fee)) == fee


@pytest.mark.parametrize("text", [
    "We can take a look at the papers and come back to you.\n",
    "We can take the papers to our panel on Friday.\n",
    "We will take time to consider.\n",
    "We can take that on board.\n",
    "We could have Sam call you tomorrow.\n",
])
def test_taking_anything_else_is_no_offer(text: str) -> None:
    assert parsed_reply(text, on=_DEC7, known_service_name=_HOME).decision is None


def test_refusing_the_child_by_any_name_is_a_decline() -> None:
    parsed = parsed_reply("Sadly we can't take the young person, no vacancy.\n", on=_DEC7,
                          known_service_name=_HOME)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize(("text", "said"), [
    ("take the young person from Monday", "take her from Monday"),
    ("Happy to take YP from 16/12", "Happy to take her from 16/12"),
    ("keep Maddie safe", "keep her safe"),
    ("take the boy to school", "take the boy to school"),
    ("take Sam's advice", "take Sam's advice"),
    ("Take Care", "Take Care"),
    ("take Monday off", "take Monday off"),
    ("we could have Oak House from 14/12", "we could have Oak House from 14/12"),
    ("we could have Sam call you", "we could have Sam call you"),
    ("keep Maddie informed", "keep Maddie informed"),
])
def test_the_child_after_the_verb_is_her_and_nothing_else_is(text: str, said: str) -> None:
    assert as_her(text) == said


@pytest.mark.parametrize("text", [
    "Hi,\n\nYes we can offer. Monday 14th is fine for us. Fee \u00a34,250 p.w. all inclusive "
    "(education on site).\n",
    "We can offer - moves in on the 14th fine by us. \u00a34,250pw\n",
    "Hi Sam,\n\nWe can offer. We'd suggest a visit on Thursday 10th, then she moves in Monday "
    "14th. \u00a34,250 per week.\n\nPriya\n",
    "We can offer at \u00a34,250 pw. 14th works for us.\n",
    "We can offer at \u00a34,250 pw. Mon 14th fine by us.\n",
])
def test_a_start_in_a_clause_of_its_own_is_the_start(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 14))
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4250


@pytest.mark.parametrize("text", [
    "We can offer at \u00a34,250 pw. Thursday 10th is fine for the visit.\n",
    "We can offer at \u00a34,250 pw. Monday 14th is too soon.\n",
])
def test_a_day_for_something_else_or_refused_is_no_start(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", None)


def test_the_move_in_day_is_not_the_visits_written_after_it() -> None:
    parsed = parsed_reply("Happy to offer at \u00a34,850 pw.\nWe could do a visit on any of "
                          "these dates before she moves in on the 14th Wednesday 9th, Thursday "
                          "10th or Friday 11th December\n\nJo\n", on=_DEC7,
                          known_service_name=_HOME)
    assert parsed.available_from == date(2026, 12, 14)  # not a visit's day after it


@pytest.mark.parametrize(("text", "reason"), [
    ("Hi Sam,\n\nWe\u2019ve discussed this as a team and we don\u2019t feel we could keep "
     "Maddie safe given the missing episodes \u2013 our home is in a town centre with a "
     "station 5 minutes away.\n\nSorry we can\u2019t help this time.\n", "cannot-meet-needs"),
    ("We don't think we can keep the young person safe here, sorry.\n", "cannot-meet-needs"),
    ("We do not believe we would be able to keep him safe.\n", "cannot-meet-needs"),
    ("We don't feel we could keep her safe alongside the two girls we have now.\n",
     "matching"),
])
def test_a_home_that_doubts_it_could_keep_her_safe_declines(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)
