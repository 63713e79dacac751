"""Replies as round 56's outside tester wrote them: another home named in one sentence and
spoken of as "they" in the next, this home's own two-word refusal, and extras priced in
prose."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import parsed_reply, reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday
_HOME = "Harbour House"


@pytest.mark.parametrize("text", [
    "Hi Sam,\n\nI've passed this to our other home, Oak House. They can offer from 14/12 at "
    "\u00a34,500 pw and will reply on their own email \u2013 we can't, sorry, we're full.\n\n"
    "Priya\n",
    "Hi Sam,\n\nI've spoken to Oak House's manager. They can offer, we can't - our only bed "
    "went on Friday.\n\nPriya\n",
    "I've passed it to our sister home. They could take her from 14/12 at \u00a34,500 pw; "
    "we're full.\n",
    "Oak House can offer from 14/12 at \u00a34,500 pw, we can't - our only bed went on "
    "Friday.\n",
])
def test_they_after_another_home_named_speak_for_that_home(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")
    assert (parsed.weekly_fee, parsed.available_from) == (None, None)


def test_another_homes_offer_then_our_plain_no_is_our_decline() -> None:
    parsed = parsed_reply("Oak House can offer, we can't.\n", on=_DEC7,
                          known_service_name=_HOME)
    assert parsed.decision == "decline"


@pytest.mark.parametrize("text", [
    "I've spoken to Harbour House's manager and they can offer from 14/12 at \u00a34,500 pw.\n",
    "I've spoken to our manager. They can offer from 14/12 at \u00a34,500 pw.\n",
])
def test_they_after_this_home_or_its_people_is_this_home(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 14))
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4500


@pytest.mark.parametrize(("text", "reason"), [
    ("Sorry, we can't \u2013 our only bed went on Friday.\n", "no-vacancy"),
    ("Sorry, we can't.\n", None),
    ("We can't, I'm afraid.\n\nJo\n", None),
    ("Thanks for thinking of us. Unfortunately we cannot - the last bed went last week.\n",
     "no-vacancy"),
])
def test_a_plain_refusal_is_a_decline(text: str, reason: str | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "decision"), [
    ("We're interested. We can't make Tuesday.\n", "interested"),
    ("We're interested - could you do a visit on the 7th? We can't.\n", "interested"),
    ("We can't, but we are interested in a respite placement.\n", "interested"),
])
def test_a_cant_about_something_else_is_no_refusal(text: str, decision: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == decision
