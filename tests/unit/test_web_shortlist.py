"""The rules for a shortlist given on the web page (workflows/web_shortlist.py): checked at
once as by email, limited per hour, and its confirmation naming what it would replace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.snapshots import COLLEAGUE, SW, TEAM, VIEWS, snapshot
from workflows.states import State
from workflows.web_shortlist import (
    PER_DAY,
    PER_HOUR,
    PER_REFERRAL_DAY,
    check_proposal,
    confirm_context,
    confirm_email,
    confirmed_by,
    given_lately,
)


def test_a_good_shortlist_waits_for_its_confirmation() -> None:
    assert check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, 0) is None
    assert check_proposal(snapshot(State.AWAITING_APPROVAL), TEAM, ("A",), VIEWS, 0) is None


def test_what_email_would_refuse_is_refused_at_once() -> None:
    """rule `proposal-checked`: the same lifecycle, permissions and problems as email."""
    problems = check_proposal(snapshot(State.CLOSED), SW, ("Z",), {"parents": "ok"}, 0)
    assert problems is not None and not problems.accepted
    assert {p["field"] for p in problems.problems} == {"labels", "child"}
    assert check_proposal(snapshot(State.OPEN), SW, ("A",), VIEWS, 0) is not None
    colleague = check_proposal(snapshot(State.CLOSED), COLLEAGUE, ("A",), VIEWS, 0)
    assert colleague is not None and not colleague.accepted


def test_past_the_hours_limit_nothing_more_is_emailed() -> None:
    """rule `proposals-per-hour`."""
    assert check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, PER_HOUR - 1) is None
    refused = check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, PER_HOUR)
    assert refused is not None and "last hour" in refused.message
    assert check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, 0, PER_DAY - 1) is None
    today = check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, 0, PER_DAY)
    assert today is not None and "last 24 hours" in today.message


def test_the_limits_are_counted_per_link() -> None:
    """rule `proposals-per-hour` (review 27): a stranger holding the social worker's
    forwarded link uses up that link's shortlists, not the placements team's link's."""
    now = datetime(2026, 12, 7, 12, 0)
    stranger = [(now - timedelta(minutes=5 * n), SW.upper()) for n in range(PER_DAY)]
    team = [(now - timedelta(hours=3), TEAM)]
    given = stranger + team + [(now - timedelta(hours=25), TEAM)]  # a day old: not counted
    assert given_lately(given, SW, now) == (PER_DAY, PER_DAY, PER_DAY + 1)
    assert given_lately(given, TEAM, now) == (0, 1, PER_DAY + 1)
    refused = check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS,
                             *given_lately(given, SW, now))
    assert refused is not None and not refused.accepted
    assert check_proposal(snapshot(State.AWAITING_APPROVAL), TEAM, ("A",), VIEWS,
                          *given_lately(given, TEAM, now)) is None


def test_a_ceiling_over_all_of_a_referrals_links() -> None:
    assert PER_REFERRAL_DAY >= 3 * PER_DAY  # the social worker's, the team's and more
    assert check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, 0, 0,
                          PER_REFERRAL_DAY - 1) is None
    ceiling = check_proposal(snapshot(State.CLOSED), SW, ("A",), VIEWS, 0, 0, PER_REFERRAL_DAY)
    assert ceiling is not None and "this referral's pages" in ceiling.message


def test_the_confirm_email_carries_nothing_typed_on_the_page() -> None:
    """rule `typed-words-stay-off-email`: whether each view was given, never its words."""
    typed = {"parents": "verify here: https://evil.example", "child": "",
             "child_reason": "call 0113 496 0000"}
    email = confirm_email(snapshot(State.CLOSED), 1, SW, ["A"], typed, "https://x/confirm/t",
                          datetime(2026, 1, 1, tzinfo=UTC))
    assert "views" not in email.context
    assert email.context["views_given"] == {"parents": True, "child": False}
    assert "evil.example" not in repr(email.context) and "0113" not in repr(email.context)


def test_the_confirmation_names_what_it_would_replace() -> None:
    """rule `confirm-says-what-it-replaces`."""
    waiting = snapshot(State.AWAITING_APPROVAL)
    said = confirm_context(waiting, ["A"], VIEWS)
    assert said["replaces"]["labels"] == list(waiting.rounds[0].labels)
    assert [o["label"] for o in said["options"]] == ["A"]
    assert confirm_context(snapshot(State.CLOSED), ["A"], VIEWS)["replaces"] == {}
    assert confirmed_by("Sam.Taylor@Northby.gov.example").authenticated
    assert confirmed_by(SW).channel == "web"


def test_an_option_on_the_page_says_none_for_a_proposal_left_out_and_fees_as_emails_do() -> None:
    """An empty Proposal left the row blank (as if the page had failed); a fee showed pence
    ("£5,000.00 a week") where the emails say "£5,000 a week"."""
    from channels.web.shortlist import _shown

    shown = _shown({"label": "A", "decision": "offer", "ofsted_rating": "good",
                    "ofsted_source": "directory", "weekly_fee": "5000.00", "proposal": "",
                    "available_from": "2026-12-01"})

    assert shown["proposal"] == "none"
    assert shown["weekly_fee"] == "£5,000 a week"
    assert shown["ofsted_rating"] == "Good (from the directory)"
