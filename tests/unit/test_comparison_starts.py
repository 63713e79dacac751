"""The comparison tells the truth about each option's start and rating (reader ux51s): an
offer whose words put its start in mid-January is flagged and ranked after those that can
start in time (rules rough-start-read, start-in-time-ranked-first); one giving no start never
outranks one that starts in time; a start after the ideal day but by the referral's deadline
is said so, not flagged; a home saying it is rated lower than the directory knows is scored
on the lower (rule ofsted-lower-claim-scored) and shown in words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

from broker.comparison import ResponseIn, compare
from broker.directory import load_directory
from broker.forms.rough_starts import rough_start
from channels.email.render import TEMPLATES, EmailRenderer
from tests.factories import CONFIG
from workflows.commands import SendEmail
from workflows.needed import by_the_deadline, later_than_needed, latest_start

DIRECTORY = load_directory(CONFIG)
RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
NOW = datetime(2026, 12, 14, 9, 30, tzinfo=UTC)
TODAY = date(2026, 12, 14)
ARRANGEMENT = "south-london-residential"
PROFILE = {"area": "SE15", "needed_from": "2026-12-14", "no_later_than": "2026-12-18"}
MID_JANUARY = ("We would be able to offer once our current young person moves on, likely "
               "mid-January.")


def _offer(key: str, fee: str, start: str | None, **more: str) -> ResponseIn:
    return ResponseIn(key, {"decision": "offer", "weekly_fee": fee, "available_from": start,
                            **more}, arrangement=ARRANGEMENT)


def _compare(*replies: ResponseIn):  # type: ignore[no-untyped-def]
    return compare(list(replies), DIRECTORY, "SE15", len(replies),
                   latest=latest_start(PROFILE, TODAY), today=TODAY)


def _text(*replies: ResponseIn) -> str:
    comparison = _compare(*replies)
    email = RENDERER.render(SendEmail(
        key="k", template="social_worker/comparison", to="sam.taylor@northby.gov.example",
        context={"reference": "REF-2026-000001", "comparison": comparison, "profile": PROFILE,
                 "deadline": NOW, "shortlist_link": "", "summary_link": "",
                 "no_later_than": date(2026, 12, 18),
                 "ranked_on_start": any(r.timing != "in-time" for r in comparison.rows),
                 "later_than_needed": [r.label for r in comparison.rows
                                       if r.timing == "late"],
                 "by_the_deadline": {r.label: said for r in comparison.rows if (
                     said := by_the_deadline(r.available_from, PROFILE, TODAY))}}), NOW)
    body = message_from_bytes(email.raw, policy=policy.default).get_body(("plain",))
    return str(body.get_content())


def test_a_month_in_the_offers_words_is_its_earliest_start() -> None:
    said = rough_start(MID_JANUARY, date(2026, 12, 7))
    assert said is not None and (said.earliest, said.said) == (date(2027, 1, 15), "mid-January")
    assert rough_start("We could take her from the new year.", date(2026, 12, 7)).earliest \
        == date(2027, 1, 1)  # type: ignore[union-attr]
    assert rough_start("We were rated Good in March.", date(2026, 12, 7)) is None


def test_an_offer_starting_mid_january_is_late_and_ranked_after_one_in_time() -> None:
    # Kestrel House is Outstanding and cheaper: the higher score, but it starts in January
    result = _compare(_offer("kestrel-house", "4800", None, proposal=MID_JANUARY),
                      _offer("larch-house", "5150", "2026-12-16"))
    assert [(r.establishment, r.timing) for r in result.rows] == [
        ("larch-house", "in-time"), ("kestrel-house", "late")]
    assert result.rows[1].score > result.rows[0].score
    assert result.rows[1].earliest_start == "2027-01-15"


def test_an_offer_with_no_start_given_never_outranks_one_starting_in_time() -> None:
    result = _compare(_offer("kestrel-house", "4800", None),
                      _offer("larch-house", "5150", "2026-12-14"))
    assert [(r.establishment, r.timing) for r in result.rows] == [
        ("larch-house", "in-time"), ("kestrel-house", "not-given")]


def test_a_start_by_the_deadline_is_in_time_and_said_so() -> None:
    assert not later_than_needed("2026-12-16", PROFILE, TODAY)
    assert later_than_needed("2026-12-21", PROFILE, TODAY)
    assert later_than_needed("2026-12-16", {"needed_from": "2026-12-14"}, TODAY)
    assert by_the_deadline("2026-12-16", PROFILE, TODAY) == \
        "after the ideal 14th, before the 18 December deadline"
    assert by_the_deadline("2026-12-18", PROFILE, TODAY) == \
        "after the ideal 14th, by the 18 December deadline"
    assert by_the_deadline("2026-12-14", PROFILE, TODAY) == ""


def test_the_email_says_the_deadline_the_late_start_and_the_homes_lower_rating() -> None:
    text = _text(_offer("kestrel-house", "4800", None, proposal=MID_JANUARY,
                        ofsted_rating="requires-improvement"),
                 _offer("larch-house", "5150", "2026-12-16"))
    assert ("The place is needed from Monday 14 December 2026 (no later than Friday 18 "
            "December 2026).") in text
    assert "Available from: Wednesday 16 December 2026 (after the ideal 14th, before the " \
           "18 December deadline)\n" in text
    assert "Available from: not before mid-January (its reply's words) ⚠️ later than " \
           "needed\n" in text
    assert ("Ofsted rating: the home says Requires improvement; our directory says "
            "Outstanding: check the current report (scored on the home's, the lower)") in text
    assert "“requires-improvement”" not in text


def test_a_home_rating_itself_lower_than_the_directory_is_scored_on_the_lower() -> None:
    said = _compare(_offer("kestrel-house", "4800", "2026-12-14",
                           ofsted_rating="requires-improvement")).rows[0]
    held = _compare(_offer("kestrel-house", "4800", "2026-12-14")).rows[0]
    # 60% quality, 40% price: Requires Improvement 40 points, Outstanding 100
    assert (said.ofsted_rating, said.ofsted_scored, said.score) == (
        "outstanding", "requires-improvement", 64.0)
    assert held.score == 100.0


def test_a_reply_silent_on_the_day_does_not_rise_above_late_offers_with_higher_scores() -> None:
    """When every dated offer starts later than needed (a place needed now), an "interested"
    reply with no fee and no day was ranked above them all for being silent on the day (the
    demo's Thistle House, score 45, over offers scoring 85 and 80): in time first, then the
    rest by score."""
    result = _compare(_offer("kestrel-house", "4800", "2026-12-28"),
                      _offer("larch-house", "5150", None))
    timings = {r.establishment: r.timing for r in result.rows}
    assert timings == {"kestrel-house": "late", "larch-house": "not-given"}
    assert [r.score for r in result.rows] == sorted((r.score for r in result.rows),
                                                    reverse=True)
