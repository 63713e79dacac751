"""Replies as round 52's outside tester wrote them: a central team's table for several homes,
a place at a sister home named, brothers and sisters the carers cannot take together, an
ability only guessed at, a date under a free-text extras line, a term's start with its day,
and declines and interest said in other words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from broker.forms.other_homes import about_this_home
from broker.settings import Settings
from tests.factories import RESPONSE_SPEC, reply_read_as_mail

_DEC2 = date(2026, 12, 2)  # a Wednesday
_TABLE = ("Responding for all three of our homes that received this referral:\n"  # (Outlook's
          "Home\tDecision\tWeekly fee\tStart\nWillowmere\tDecline - no vacancy\t\t\n"  # text)
          "Copper Beech\tOffer\t£4,950\t14/12/2026\nHawthorn View\tInterested\t\t\n")


def test_with_no_home_known_several_homes_answering_leave_the_answer_asked() -> None:
    assert "Offer" not in about_this_home(_TABLE, None, RESPONSE_SPEC)
    assert "Decline" not in about_this_home(_TABLE, None, RESPONSE_SPEC)
    assert reply_read_as_mail(_TABLE, on=_DEC2).decision is None


def test_the_home_greeted_in_a_quoted_html_referral_is_the_one_answered_for(
        tmp_path: Path) -> None:
    from broker.offline import parse_response_file  # the dry run, as `broker parse-response`

    html = ("<html><body><p>Hi Northby,</p><table>"
            "<tr><th>Home</th><th>Decision</th><th>Weekly fee</th><th>Start</th></tr>"
            "<tr><td>Willowmere</td><td>Decline \u2013 no vacancy</td><td></td><td></td></tr>"
            "<tr><td>Copper Beech</td><td>Offer</td><td>\u00a34,950</td><td>14/12/2026</td></tr>"
            "<tr><td>Hawthorn View</td><td>Interested</td><td></td><td></td></tr></table>"
            "<p>Kind regards,<br>Referrals Team</p><hr><p><b>From:</b> Northby Placements "
            "&lt;r+ab12cd@broker.example.org&gt;<br><b>Sent:</b> 30 November 2026 16:02</p>"
            "<p>Dear Willowmere placements team,</p><p>RESPONSE FORM<br>Decision: (offer / "
            "interested / decline)</p></body></html>")
    eml = tmp_path / "reply.eml"
    eml.write_text("From: Referrals <referrals@group.example.org>\n"
                   "To: r+ab12cd@broker.example.org\n"
                   "Subject: RE: Referral REF-2026-000760\nDate: Wed, 02 Dec 2026 10:17:42 +0000\n"
                   "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n" + html)
    parsed = parse_response_file(Settings(config_dir=Path("config"), var_dir=tmp_path), eml)
    assert (parsed["decision"], parsed["service_name"], parsed["weekly_fee"]) == (
        "decline", "Willowmere", None)


def test_a_vacancy_at_a_named_sister_home_is_not_this_homes_offer() -> None:
    text = ("Hi,\n\nUnfortunately Hazelgrove doesn't have capacity right now. However we have a "
            "vacancy at Meadow View, 12 miles away \u2013 they could take her from Monday at "
            "£5,050 per week. Shall I send their profile?\n\nRebecca\n")
    assert about_this_home(text, "Hazelgrove", RESPONSE_SPEC).count("5,050") == 0
    assert "5,050" in about_this_home(text, "Meadow View", RESPONSE_SPEC)


@pytest.mark.parametrize("text", [
    "Sorry, we only have single-placement carers available at the moment so we can't take both "
    "children together.\n",
    "We can't take both children together.\n",
    "Unfortunately our carers are unable to take them together.\n",
])
def test_brothers_and_sisters_the_carers_cannot_take_together_is_a_decline(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC2).decision == "decline"


def test_brothers_and_sisters_taken_together_is_still_an_offer() -> None:
    assert reply_read_as_mail("We could take both children from 14/12 at £2,300 pw each.\n",
                              on=_DEC2).decision == "offer"


@pytest.mark.parametrize(("text", "decision"), [
    ("We may be able to offer subject to our impact risk assessment \u2013 could you send the "
     "full referral and the most recent risk assessment please?\n", "interested"),
    ("We might be able to offer subject to matching.\n", None),
    ("We could possibly take her from 14/12 at £4,800 pw.\n", "interested"),
])
def test_an_ability_only_guessed_at_is_never_an_offer(text: str, decision: str | None) -> None:
    assert reply_read_as_mail(text, on=_DEC2).decision == decision


def test_an_offer_subject_to_an_assessment_is_still_an_offer() -> None:
    assert reply_read_as_mail("We can offer subject to our impact risk assessment.\n",
                              on=_DEC2).decision == "offer"


@pytest.mark.parametrize("available", [
    "Tuesday 5th January 2027 (first day of spring term)",
    "05/01/2027 - first day of term",
])
def test_a_start_with_a_remark_under_a_free_text_extras_line_is_the_start(available: str) -> None:
    parsed = reply_read_as_mail(
        "Decision: Offer\nWeekly fee: £5,500\nAdditional costs: 1:1 support if required at "
        f"£24 per hour\nAvailable from: {available}\n", on=_DEC2)
    assert (parsed.available_from, parsed.additional_costs) == (
        date(2027, 1, 5), "1:1 support if required at £24 per hour")


@pytest.mark.parametrize("said", [
    "He can start from the beginning of the spring term on 5 January 2027.",
    "He could start at the start of term, Tuesday 5th January 2027.",
    "He can start on the first day of term which is 5/1/2027.",
])
def test_a_terms_start_with_its_day_is_that_day(said: str) -> None:
    parsed = reply_read_as_mail(f"We can offer a place for this pupil. {said}\n", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2027, 1, 5))


@pytest.mark.parametrize(("text", "reason"), [
    ("Having reviewed the referral carefully, we feel that we would not be able to safely meet "
     "her needs around exploitation at this time.\n", "cannot-meet-needs"),
    ("We are sorry not to be able to help on this occasion and wish her well.\n", None),
    ("Unfortunately none of our homes in the region, including Greenacres, have a suitable "
     "vacancy at this time.\n", "no-vacancy"),
    ("Our registration is for children aged 11-17 only, so we won't be able to consider these "
     "two.\n", "cannot-meet-needs"),
    ("I am sorry to inform that we are not having the place for this young lady in this "
     "moment, the house is full with four young peoples.\n", "no-vacancy"),
])
def test_declines_in_other_words(text: str, reason: str | None) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize("text", [
    "We'd like to arrange an assessment visit before we can confirm a place. Could he visit "
    "with his social worker on 10th December?\n",
    "We could possibly take both children but I need to check with the carers first, they're "
    "away until Thursday.\n",
    "Our admissions panel meets on 9 December. We would like to consider him for a place and "
    "would need the EHCP and his latest annual review before then.\n",
])
def test_interest_in_other_words(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC2).decision == "interested"


def test_interest_said_before_a_plain_no_vacancy_is_still_a_decline() -> None:
    assert reply_read_as_mail("We would like to consider him for a place but unfortunately we "
                              "have no vacancy until March.\n", on=_DEC2).decision == "decline"
