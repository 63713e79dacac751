"""Replies as round 56's outside tester wrote them: another home named in one sentence and
spoken of as "they" in the next, this home's own two-word refusal, and extras priced in
prose."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.response import ParsedResponse
from tests.factories import parsed_reply, reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday
_DEC14 = date(2026, 12, 14)
_HOME = "Harbour House"


def _asked(parsed: ParsedResponse) -> list[str]:
    """What is asked of the reply, less the home's name (a mail's home is known by its
    address, not here)."""
    return [key for key in parsed.missing if key != "service_name"]


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
    # a label about the place or the answer is no topic of its own
    ("Update: sorry, we can't \u2013 our only bed went on Friday.\n", "no-vacancy"),
    ("Vacancy: we can't, I'm afraid.\n", None),
])
def test_a_plain_refusal_is_a_decline(text: str, reason: str | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize(("text", "decision"), [
    ("We're interested. We can't make Tuesday.\n", "interested"),
    ("We're interested - could you do a visit on the 7th? We can't.\n", "interested"),
    ("We can't, but we are interested in a respite placement.\n", "interested"),
    # the answer to a labelled line in a list under the offer (round 57)
    ("We can offer at \u00a34,300 pw from Monday 14th.\n\nNight staffing: 2 waking.\n"
     "Smoking: we can't \u2013 it's a no-smoking home, she'd need support with that.\n", "offer"),
])
def test_a_cant_about_something_else_is_no_refusal(text: str, decision: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == decision


@pytest.mark.parametrize(("text", "extra"), [
    ("We can offer from Monday 14 December. Fee: \u00a34,250.00 weekly (VAT exempt). Any "
     "additional 1:1 above the core package is charged at \u00a322.50/hr.\n",
     "Any additional 1:1 above the core package is charged at \u00a322.50/hr"),
    ("We can offer Maddie a place from Monday 14th. Weekly fee \u00a34,250, plus a one-off "
     "set-up cost of \u00a3750 for her room and welcome pack.\n",
     "plus a one-off set-up cost of \u00a3750 for her room and welcome pack"),
    ("We can offer from 14/12. Rate \u00a34,250 pw (incl. education); transport to contact is "
     "extra at 45p/mile.\n", "transport to contact is extra at 45p/mile"),
])
def test_extras_priced_in_prose_are_the_offers_additional_costs(text: str, extra: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 14))
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4250
    assert parsed.additional_costs == extra
    assert _asked(parsed) == []


@pytest.mark.parametrize(("text", "extra"), [
    ("We can offer from 14/12. Our fee is \u00a34,250 per week, plus \u00a3300 pw for "
     "education if she attends our on-site school rather than tuition.\n",
     "plus \u00a3300 pw for education if she attends our on-site school rather than tuition"),
    ("We can offer from 14/12 at \u00a34,250 a week provided waking night 1:1 is funded for "
     "the first 6 weeks (an extra \u00a31,100 pw).\n",
     "provided waking night 1:1 is funded for the first 6 weeks (an extra \u00a31,100 pw)"),
    ("We can offer from 14/12 at \u00a34,250 a week, plus \u00a3350 pw additional 1:1 for the "
     "first 4 weeks.\n", "plus \u00a3350 pw additional 1:1 for the first 4 weeks"),
    # round 62 b23: the extra in a "but" clause after the fee; the fee had been lost
    ("We could offer from 14/12/2026 at \u00a34,250 pw but we'd need 2:1 for the first 4 "
     "weeks at \u00a31,200 pw extra.\n",
     "we'd need 2:1 for the first 4 weeks at \u00a31,200 pw extra"),
])
def test_a_weekly_extra_after_the_fee_is_no_part_of_it(text: str, extra: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4250
    assert parsed.additional_costs == extra


def test_a_weekly_part_only_added_is_still_the_fee_in_parts() -> None:
    parsed = reply_read_as_mail("We can offer from 14/12 at \u00a34,300 a week, plus education "
                                "at \u00a3650 a week.\n", on=_DEC7)
    assert (parsed.weekly_fee, parsed.additional_costs) == (None, None)
    assert "weekly_fee" in parsed.missing


def test_an_extra_charged_without_its_amount_is_kept_and_asked() -> None:
    """Round 64 e01: its words are kept (not priced), so the comparison never says "none
    given" if the home does not answer; what it costs is still asked."""
    parsed = reply_read_as_mail("We can offer from 14/12 at \u00a34,250 pw. Transport to "
                                "contact would be charged on top.\n", on=_DEC7)
    assert (parsed.decision, parsed.additional_costs) == (
        "offer", "Transport to contact would be charged on top")
    assert _asked(parsed) == ["additional_costs"]


@pytest.mark.parametrize("text", [
    "We can offer from 14/12 at \u00a34,250 pw, no additional costs.\n",
    "We can offer from 14/12 at \u00a34,250 pw (all inclusive).\n",
    "We can offer from 14/12 at \u00a34,150 pw plus VAT, so \u00a34,980 pw in total.\n",
])
def test_no_extra_is_read_where_none_is_priced(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.additional_costs, _asked(parsed)) == (None, [])


@pytest.mark.parametrize(("text", "start"), [
    # "they" after a street, a school or a town hall is no other home (round 57)
    ("Hi Sam,\n\nHer mum and brother live off Rye Lane, Peckham. They could have her for tea on "
     "Sundays and we'd be happy to offer from Monday 14th at \u00a34,300 pw.\n", _DEC14),
    ("Hi Sam,\n\nThe local secondary, Hillcrest Park School, has a Year 9 place. They can take "
     "her from January and we can offer the home from Monday 14th at \u00a34,300 pw.\n", _DEC14),
    ("Hi Sam,\n\nHer IRO is based at the Town Hall on Station Road. They could have the review "
     "at ours and we can offer from Monday 14th, \u00a34,300 pw.\n", _DEC14),
    # another home's "they" ends where this home's own clause begins ("so … to us")
    ("Hi Sam,\n\nShe's currently at Willow Cottage with the emergency carers. They can have "
     "her until Sunday, so she could move to us on Monday 14th. We can offer at \u00a34,300 pw."
     "\n", _DEC14),
    ("Hi Sam,\n\nI've passed this to our other home, Oak House. They could offer from 21/12 at "
     "\u00a34,500 pw and we can offer from Monday 14th at \u00a34,300 pw.\n", _DEC14),
])
def test_they_that_is_no_other_home_leaves_this_homes_offer(text: str, start: date) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", start)
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4300


def test_they_after_another_home_named_on_a_day_still_speak_for_it() -> None:
    parsed = parsed_reply("I've passed this to Oak House on Monday. They can offer from 14/12 "
                          "at \u00a34,500 pw. We're full, sorry.\n", on=_DEC7,
                          known_service_name=_HOME)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None, None)
